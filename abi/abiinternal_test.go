package abi

import (
	"fmt"
	"strings"
	"testing"
)

// assignmentString prints an Assignment compactly.
func assignmentString(as *Assignment) string {
	var b strings.Builder
	for _, a := range append(append([]*ArgAssignment{}, as.Params...), as.Results...) {
		b.WriteString(a.Name)
		if a.InRegs() {
			for _, p := range a.Regs {
				fmt.Fprintf(&b, " %s=%s@%d", p.Name, p.Reg, p.Offset)
			}
			if !a.Result {
				fmt.Fprintf(&b, " spill %d", a.SpillOffset)
			}
		} else {
			fmt.Fprintf(&b, " stack %d", a.Offset)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "spill %d+%d args %d", as.SpillOffset, as.SpillSize, as.ArgSize)
	return b.String()
}

var assignTests = []struct {
	arch, sig, want string
}{
	// The example of cmd/compile/abi-internal.md.
	{"amd64", "func(a1 uint8, a2 [2]uintptr, a3 uint8) (r1 struct { x uintptr; y [2]uintptr }, r2 string)", `
a1 a1=AX@0 spill 40
a2 stack 0
a3 a3=BX@0 spill 41
r1 stack 16
r2 r2_base=AX@0 r2_len=BX@8
spill 40+8 args 48`},
	{"arm64", "func(c complex128, p struct{ a int8; b [1]float32; e [0]int; s []byte }, e error) (any, [1]struct{})", `
c c_real=F0@0 c_imag=F1@8 spill 0
p p_a=R0@0 p_b_0=F2@4 p_s_base=R1@8 p_s_len=R2@16 p_s_cap=R3@24 spill 16
e e_itable=R4@0 e_data=R5@8 spill 48
ret ret_type=R0@0 ret_data=R1@8
ret1 stack 0
spill 0+64 args 64`},
	// Ten strings exhaust amd64's nine integer registers: the fifth
	// string does not fit, goes on the stack, and the float after it
	// still gets X0 and g the last integer register. Spill slots follow
	// the stack arguments.
	{"amd64", "func(a, b, c, d string, e string, f float64, g int)", `
a a_base=AX@0 a_len=BX@8 spill 16
b b_base=CX@0 b_len=DI@8 spill 32
c c_base=SI@0 c_len=R8@8 spill 48
d d_base=R9@0 d_len=R10@8 spill 64
e stack 0
f f=X0@0 spill 80
g g=R11@0 spill 88
spill 16+80 args 96`},
	{"riscv64", "func(x float64, s string, b bool) (r int32)", `
x x=F10@0 spill 0
s s_base=X10@0 s_len=X11@8 spill 8
b b=X12@0 spill 24
r r=X10@0
spill 0+32 args 32`},
	{"ppc64", "func(x [2]int8, y float32) (z uint16)", `
x stack 0
y y=F1@0 spill 8
z z=R3@0
spill 8+8 args 16`},
}

func TestAssignABIInternal(t *testing.T) {
	for _, tt := range assignTests {
		s, err := ParseSignature(tt.sig)
		if err != nil {
			t.Fatal(err)
		}
		as, err := AssignABIInternal(s, ArchFor(tt.arch))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := assignmentString(as), strings.TrimSpace(tt.want); got != want {
			t.Errorf("%s %s:\ngot:\n%s\nwant:\n%s", tt.arch, tt.sig, got, want)
		}
	}
	s, _ := ParseSignature("func(x int)")
	if _, err := AssignABIInternal(s, ArchFor("386")); err == nil {
		t.Error("386 has no register ABI")
	}
}
