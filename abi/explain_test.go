package abi

import (
	"fmt"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// entryProbe is, per arch, a load of an 8- or 4-byte argument into a
// register, for TestEntryArgOffset.
var entryProbe = map[string]string{
	"386": "MOVL x+0(FP), AX", "amd64": "MOVQ x+0(FP), AX", "arm": "MOVW x+0(FP), R1",
	"arm64": "MOVD x+0(FP), R1", "ppc64le": "MOVD x+0(FP), R3", "ppc64": "MOVD x+0(FP), R3",
	"riscv64": "MOV x+0(FP), X10", "s390x": "MOVD x+0(FP), R2", "loong64": "MOVV x+0(FP), R4",
}

// TestEntryArgOffset assembles a frameless function that loads x+0(FP)
// on every arch go tool objdump can decode, and checks that the machine
// code reads EntryArgOffset(SP).
func TestEntryArgOffset(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the assembler")
	}
	for name, probe := range entryProbe {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			arch := ArchFor(name)
			dir := t.TempDir()
			src := fmt.Sprintf("#include \"textflag.h\"\nTEXT ·f(SB), NOSPLIT, $0-8\n\t%s\n\tRET\n", probe)
			dis := assembleAndDump(t, dir, name, src)
			re := regexp.MustCompile(`(0x[0-9a-f]+|\d+)\(` + regexp.QuoteMeta(arch.SP) + `\)`)
			m := re.FindStringSubmatch(dis)
			if m == nil {
				t.Fatalf("no load through %s in:\n%s", arch.SP, dis)
			}
			got, _ := strconv.ParseInt(m[1], 0, 64)
			if int(got) != arch.EntryArgOffset() {
				t.Errorf("x+0(FP) is %s(%s) in the machine code; EntryArgOffset says %d", m[1], arch.SP, arch.EntryArgOffset())
			}
		})
	}
}

// assembleAndDump assembles src for goarch in dir and returns the
// disassembly of line 3.
func assembleAndDump(t *testing.T, dir, goarch, src string) string {
	t.Helper()
	in, obj := filepath.Join(dir, "f.s"), filepath.Join(dir, "f.o")
	if err := os.WriteFile(in, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	goroot, _ := exec.Command("go", "env", "GOROOT").Output()
	cmd := exec.Command("go", "tool", "asm", "-p", "x", "-I", filepath.Join(strings.TrimSpace(string(goroot)), "pkg", "include"), "-o", obj, in)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOARCH="+goarch, "GOOS=linux")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("asm: %v\n%s", err, out)
	}
	out, err := exec.Command("go", "tool", "objdump", obj).CombinedOutput()
	if err != nil {
		t.Fatalf("objdump: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "f.s:3") {
			return line
		}
	}
	t.Fatalf("no line 3 in:\n%s", out)
	return ""
}

// frameOf parses src and lays it out on goarch.
func frameOf(t *testing.T, src, goarch string) (*Frame, *types.Signature) {
	t.Helper()
	sig, err := ParseSignature(src)
	if err != nil {
		t.Fatal(err)
	}
	f, err := NewFrame(sig, ArchFor(goarch))
	if err != nil {
		t.Fatal(err)
	}
	return f, sig
}

func TestTypes(t *testing.T) {
	f, sig := frameOf(t, "func(s struct{ a int8; b [2]float32 }, x string) (e error)", "amd64")
	typ := f.Types(sig)
	want := map[string]string{
		"s": "struct{a int8; b [2]float32}", "s_a": "int8", "s_b": "[2]float32", "s_b_0": "float32", "s_b_1": "float32",
		"x": "string", "e": "error",
	}
	for _, v := range f.Vars {
		got := ""
		if tt, ok := typ[v]; ok {
			got = types.TypeString(tt, nil)
		}
		if got != want[v.Name] {
			t.Errorf("%s: type %q, want %q", v.Name, got, want[v.Name])
		}
	}
}

func TestScalars(t *testing.T) {
	for _, tc := range []struct {
		src, arch string
		want      string // name:size:flags, f = float, s = signed
	}{
		{"func(a int8, b uint16, c float32, d complex128, s string) (ok bool)", "amd64",
			"a:1:s b:2: c:4:f d_real:8:f d_imag:8:f s_base:8: s_len:8: ok:1:"},
		{"func(x int64, f float64, z struct{}, p [2]struct{ q int16; r float64 })", "386",
			"x_lo:4: x_hi:4: f:8:f p_0_q:2:s p_0_r:8:f p_1_q:2:s p_1_r:8:f"},
		{"func(x uint64, e error, sl []int)", "mips",
			"x_hi:4: x_lo:4: e_itable:4: e_data:4: sl_base:4: sl_len:4: sl_cap:4:"},
	} {
		f, sig := frameOf(t, tc.src, tc.arch)
		var got []string
		for _, s := range f.Scalars(sig) {
			flags := ""
			if s.Float {
				flags += "f"
			}
			if s.Signed {
				flags += "s"
			}
			got = append(got, fmt.Sprintf("%s:%d:%s", s.Var.Name, s.Var.Size, flags))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s on %s:\n got %s\nwant %s", tc.src, tc.arch, strings.Join(got, " "), tc.want)
		}
	}
}

func TestPadding(t *testing.T) {
	for _, tc := range []struct {
		src, arch string
		want      string // offset:size:in
	}{
		// ArgSize is not rounded: no gap after c.
		{"func(a int8, b int64) (c int8)", "amd64", "1:7:"},
		// A final zero-size field gets a byte (rounded to the struct's
		// alignment) so that its address stays inside the struct; the
		// results start at a multiple of 8.
		{"func(s struct{ a int8; b int32; c struct{} }) bool", "amd64", "1:3:s 8:4:s 12:4:"},
		{"func(a int8) (b int8)", "386", "1:3:"},
		{"func(a int64, b int32)", "arm64", ""},
	} {
		f, _ := frameOf(t, tc.src, tc.arch)
		var got []string
		for _, g := range f.Padding() {
			in := ""
			if g.In != nil {
				in = g.In.Name
			}
			got = append(got, fmt.Sprintf("%d:%d:%s", g.Offset, g.Size, in))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s on %s: padding %q, want %q", tc.src, tc.arch, strings.Join(got, " "), tc.want)
		}
	}
}
