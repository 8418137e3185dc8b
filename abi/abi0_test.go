package abi

import (
	"fmt"
	"strings"
	"testing"
)

// frameString prints every variable of f, one per line, as
// "name offset size kind type [ptr] [res]", then the sizes.
func frameString(f *Frame) string {
	var b strings.Builder
	for _, v := range f.Vars {
		fmt.Fprintf(&b, "%s %d %d %v %s", v.Name, v.Offset, v.Size, v.Kind, v.Type)
		if v.Pointers {
			b.WriteString(" ptr")
		}
		if v.Result {
			b.WriteString(" res")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "results %d args %d", f.ResultsOffset, f.ArgSize)
	return b.String()
}

func mustFrame(t *testing.T, arch, sig string) *Frame {
	t.Helper()
	s, err := ParseSignature(sig)
	if err != nil {
		t.Fatal(err)
	}
	f, err := NewFrame(s, ArchFor(arch))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

var frameTests = []struct {
	arch, sig, want string
}{
	{"amd64", "func(a int8, s string, c complex64) (r bool)", `
a 0 1 1-byte int8
s 8 16 string string ptr
s_base 8 8 8-byte string base ptr
s_len 16 8 8-byte string len
c 24 8 complex complex64
c_real 24 4 4-byte real(complex64)
c_imag 28 4 4-byte imag(complex64)
r 32 1 1-byte bool res
results 32 args 33`},
	{"386", "func(x int64, b byte) (y uint64)", `
x 0 8 8-byte int64
x_lo 0 4 4-byte half int64
x_hi 4 4 4-byte half int64
b 8 1 1-byte byte
y 12 8 8-byte uint64 res
y_lo 12 4 4-byte half uint64 res
y_hi 16 4 4-byte half uint64 res
results 12 args 20`},
	// Big-endian: the high half is at the lower address.
	{"mips", "func(x int64, b byte) (y uint64)", `
x 0 8 8-byte int64
x_hi 0 4 4-byte half int64
x_lo 4 4 4-byte half int64
b 8 1 1-byte byte
y 12 8 8-byte uint64 res
y_hi 12 4 4-byte half uint64 res
y_lo 16 4 4-byte half uint64 res
results 12 args 20`},
	{"arm", "func(int8, []int, interface{}) (int, error)", `
arg 0 1 1-byte int8
arg1 4 12 slice []int ptr
arg1_base 4 4 4-byte slice base ptr
arg1_len 8 4 4-byte slice len
arg1_cap 12 4 4-byte slice cap
arg2 16 8 empty interface interface{} ptr
arg2_type 16 4 4-byte interface type ptr
arg2_data 20 4 4-byte interface data ptr
ret 24 4 4-byte int res
ret1 28 8 interface error ptr res
ret1_itable 28 4 4-byte interface itable ptr res
ret1_data 32 4 4-byte interface data ptr res
results 24 args 36`},
	{"amd64", "func(p struct{ a int8; b [2]int16; c struct{} }, q [2][1]float32)", `
p 0 8 struct struct{a int8; b [2]int16; c struct{}}
p_a 0 1 1-byte int8
p_b 2 4 array [2]int16
p_b_0 2 2 2-byte int16
p_b_1 4 2 2-byte int16
p_c 6 0 struct struct{}
q 8 8 array [2][1]float32
q_0 8 4 array [1]float32
q_0_0 8 4 4-byte float32
q_1 12 4 array [1]float32
q_1_0 12 4 4-byte float32
results 16 args 16`},
	// s390x is big-endian but 64-bit: no halves.
	{"s390x", "func(m map[int]int, f func(), ch chan int, u unsafe.Pointer, x uint64) (c complex128)", `
m 0 8 8-byte map[int]int ptr
f 8 8 8-byte func() ptr
ch 16 8 8-byte chan int ptr
u 24 8 8-byte unsafe.Pointer ptr
x 32 8 8-byte uint64
c 40 16 complex complex128 res
c_real 40 8 8-byte real(complex128) res
c_imag 48 8 8-byte imag(complex128) res
results 40 args 56`},
	// 32-bit: complex128 and float64 are 4-aligned; like asmdecl, the
	// parts of a complex get no halves.
	{"arm", "func(b bool, f float64, c complex128) (x [0]int64, y int16)", `
b 0 1 1-byte bool
f 4 8 8-byte float64
f_lo 4 4 4-byte half float64
f_hi 8 4 4-byte half float64
c 12 16 complex complex128
c_real 12 8 8-byte real(complex128)
c_imag 20 8 8-byte imag(complex128)
x 28 0 array [0]int64 res
y 28 2 2-byte int16 res
results 28 args 30`},
}

func TestFrameLayouts(t *testing.T) {
	for _, tt := range frameTests {
		f := mustFrame(t, tt.arch, tt.sig)
		if got, want := frameString(f), strings.TrimSpace(tt.want); got != want {
			t.Errorf("%s %s:\ngot:\n%s\nwant:\n%s", tt.arch, tt.sig, got, want)
		}
	}
}

func TestFrameLookup(t *testing.T) {
	f := mustFrame(t, "amd64", "func(a int8, s string, c complex64) (r bool)")
	for _, tt := range []struct {
		off  int
		want string
	}{{0, "a"}, {1, ""}, {7, ""}, {8, "s_base"}, {15, "s_base"}, {16, "s_len"}, {27, "c_real"}, {28, "c_imag"}, {32, "r"}, {33, ""}, {-1, ""}} {
		got := ""
		if v := f.At(tt.off); v != nil {
			got = v.Name
		}
		if got != tt.want {
			t.Errorf("At(%d) = %q, want %q", tt.off, got, tt.want)
		}
	}
	s := f.Lookup("s")
	if s == nil || len(s.Inner) != 2 || s.Inner[1] != f.Lookup("s_len") {
		t.Errorf("Lookup(s) = %+v", s)
	}
	if f.Lookup("s_cap") != nil {
		t.Error("string has a cap")
	}
	if len(f.Params) != 3 || len(f.Results) != 1 || f.Results[0].Name != "r" {
		t.Errorf("Params/Results wrong: %v %v", f.Params, f.Results)
	}
	if got := f.CompilerArgSize(); got != 40 {
		t.Errorf("CompilerArgSize = %d, want 40", got)
	}
}

func TestParseSignature(t *testing.T) {
	good := []string{
		"func(p *byte, n int) (int, error)",
		"func f(s []byte, u unsafe.Pointer) bool",
		"(a, b int)",
		"func()",
		"func(x ...int) any",
	}
	for _, s := range good {
		if _, err := ParseSignature(s); err != nil {
			t.Errorf("ParseSignature(%q): %v", s, err)
		}
	}
	bad := []string{
		"func(x T)",
		"func() {}",
		"func(x int); func g()",
		"func[T any](x T)",
		"func(x os.File)",
		"func(",
		"",
	}
	for _, s := range bad {
		if _, err := ParseSignature(s); err == nil {
			t.Errorf("ParseSignature(%q) succeeded", s)
		}
	}
}

// TestVarSignedFloat checks the Signed and Float facts of a frame's
// variables, which fpwidth's fixes choose sign or zero extension by.
func TestVarSignedFloat(t *testing.T) {
	f := mustFrame(t, "amd64", "func(a int8, b uint16, c float32, d complex64, e uintptr, p *int, k bool, r rune) (x int64)")
	for _, tt := range []struct {
		name          string
		signed, float bool
	}{
		{"a", true, false}, {"b", false, false}, {"c", false, true}, {"d_real", false, true}, {"d_imag", false, true},
		{"e", false, false}, {"p", false, false}, {"k", false, false}, {"r", true, false}, {"x", true, false},
	} {
		v := f.Lookup(tt.name)
		if v == nil || v.Signed != tt.signed || v.Float != tt.float {
			t.Errorf("%s: %+v, want Signed %v Float %v", tt.name, v, tt.signed, tt.float)
		}
	}
}
