package frame

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// genericProbe is how TestGenericLayoutArgs loads an argument on one arch:
// the load, a destination register, the register that is the hardware
// stack pointer in a bare offset, and a call.
type genericProbe struct {
	load, reg, sp, call string
	noframe             int64 // the historical NOFRAME frame size, or 0
}

var genericProbes = map[string]genericProbe{
	"386":      {"MOVL", "AX", "SP", "CALL", 0},
	"arm":      {"MOVW", "R0", "R13", "BL", -4},
	"loong64":  {"MOVV", "R4", "R3", "JAL", 0},
	"mips":     {"MOVW", "R1", "R29", "JAL", -4},
	"mipsle":   {"MOVW", "R1", "R29", "JAL", -4},
	"mips64":   {"MOVV", "R1", "R29", "JAL", -8},
	"mips64le": {"MOVV", "R1", "R29", "JAL", -8},
	"ppc64":    {"MOVD", "R3", "R1", "BL", -8},
	"ppc64le":  {"MOVD", "R3", "R1", "BL", -8},
	"riscv64":  {"MOV", "X5", "X2", "CALL", -8},
	"s390x":    {"MOVD", "R1", "R15", "BL", -8},
	"wasm":     {"MOVD", "R0", "SP", "CALL", 0},
}

// TestGenericLayoutArgs proves Layout.Args of the arches without an exact
// model against go tool asm: for frames from $0 to $120, leaves and
// callers, NOFRAME and the historical negative frame, a function that
// loads x+0(FP) and one that loads Args(SP) (through the hardware stack
// pointer) must assemble to the same machine code.
func TestGenericLayoutArgs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go tool asm")
	}
	for arch, p := range genericProbes {
		t.Run(arch, func(t *testing.T) {
			t.Parallel()
			type gcase struct {
				flags string
				frame int64
				call  bool
			}
			var cases []gcase
			for _, frame := range []int64{0, 8, 16, 24, 40, 64, 120} {
				cases = append(cases, gcase{"NOSPLIT", frame, false}, gcase{"NOSPLIT", frame, true})
			}
			cases = append(cases, gcase{"NOSPLIT|NOFRAME", 0, false})
			if p.noframe != 0 {
				cases = append(cases, gcase{"NOSPLIT", p.noframe, false})
			}
			source := func(args func(i int) string) string {
				var b strings.Builder
				b.WriteString("#include \"textflag.h\"\n")
				for i, c := range cases {
					fmt.Fprintf(&b, "TEXT ·c%d(SB), %s, $%d-8\n\t%s %s, %s\n", i, c.flags, c.frame, p.load, args(i), p.reg)
					if c.call {
						fmt.Fprintf(&b, "\t%s ·c0(SB)\n", p.call)
					}
					b.WriteString("\tRET\n")
				}
				return b.String()
			}
			named := source(func(int) string { return "x+0(FP)" })
			fns := lowerLayoutSource(t, arch, named)
			if len(fns) != len(cases) {
				t.Fatalf("lowered %d functions for %d cases", len(fns), len(cases))
			}
			args := make([]int64, len(cases))
			for i := range cases {
				args[i] = fns[i].Layout().Args
			}
			viaSP := source(func(i int) string { return fmt.Sprintf("%d(%s)", args[i], p.sp) })
			want := parseListings(runAsm(t, arch, named, "-S"))
			got := parseListings(runAsm(t, arch, viaSP, "-S"))
			for i, c := range cases {
				sym := fmt.Sprintf("x.c%d", i)
				w, g := want[sym], got[sym]
				if w == nil || g == nil || len(w.code) == 0 {
					t.Fatalf("%s: no listing", sym)
				}
				if !bytes.Equal(w.code, g.code) {
					t.Errorf("%s $%d (%s, call %v): Layout().Args = %d, but %s %d(%s) does not assemble like x+0(FP)",
						arch, c.frame, c.flags, c.call, args[i], p.load, args[i], p.sp)
				}
			}
		})
	}
}
