package abi

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestArchTable(t *testing.T) {
	tests := []struct {
		name                   string
		ptr, reg, fixed, align int
		big, lr                bool
		sp                     string
		regabi                 bool
	}{
		{"386", 4, 4, 0, 4, false, false, "SP", false},
		{"amd64", 8, 8, 0, 8, false, false, "SP", true},
		{"arm", 4, 4, 4, 4, false, true, "R13", false},
		{"arm64", 8, 8, 8, 8, false, true, "RSP", true},
		{"loong64", 8, 8, 8, 8, false, true, "R3", true},
		{"mips", 4, 4, 4, 4, true, true, "R29", false},
		{"mipsle", 4, 4, 4, 4, false, true, "R29", false},
		{"mips64", 8, 8, 8, 8, true, true, "R29", false},
		{"mips64le", 8, 8, 8, 8, false, true, "R29", false},
		{"ppc64", 8, 8, 32, 8, true, true, "R1", true},
		{"ppc64le", 8, 8, 32, 8, false, true, "R1", true},
		{"riscv64", 8, 8, 8, 8, false, true, "X2", true},
		{"s390x", 8, 8, 8, 8, true, true, "R15", true},
		{"wasm", 8, 8, 0, 8, false, false, "SP", false},
	}
	if len(tests) != len(Arches) {
		t.Fatalf("%d arches in table, %d in Arches", len(tests), len(Arches))
	}
	for _, tt := range tests {
		a := ArchFor(tt.name)
		if a == nil {
			t.Fatalf("ArchFor(%q) = nil", tt.name)
		}
		got := fmt.Sprint(a.PtrSize, a.IntSize, a.RegSize, a.FixedFrameSize, a.MaxAlign, a.BigEndian, a.LR, a.SP, a.ABIInternal != nil)
		want := fmt.Sprint(tt.ptr, tt.ptr, tt.reg, tt.fixed, tt.align, tt.big, tt.lr, tt.sp, tt.regabi)
		if got != want {
			t.Errorf("%s: got %s, want %s", tt.name, got, want)
		}
		// The compiler starts results at a RegSize boundary
		// (cmd/compile/internal/abi/abiutils.go), asmdecl at MaxAlign:
		// they must agree.
		if a.MaxAlign != a.RegSize {
			t.Errorf("%s: MaxAlign %d != RegSize %d", a.Name, a.MaxAlign, a.RegSize)
		}
		if a.LR != (a.LinkReg != "") {
			t.Errorf("%s: LR %v but LinkReg %q", a.Name, a.LR, a.LinkReg)
		}
	}
	if ArchFor("sparc64") != nil || ArchFor("") != nil {
		t.Error("ArchFor knows an unsupported arch")
	}
}

func TestCABIFor(t *testing.T) {
	amd := ArchFor("amd64")
	if c := amd.CABIFor("linux"); c == nil || c.IsCalleeSaved("DI") || !c.IsCalleeSaved("R15") || c.StackAlign != 16 {
		t.Errorf("linux/amd64 C ABI wrong: %+v", c)
	}
	if c := amd.CABIFor("windows"); c == nil || !c.IsCalleeSaved("DI") || !c.IsCalleeSaved("X6") || c.IsCalleeSaved("X5") {
		t.Errorf("windows/amd64 C ABI wrong: %+v", c)
	}
	arm := ArchFor("arm64").CABIFor("darwin")
	want := "R19 R20 R21 R22 R23 R24 R25 R26 R27 g R29 F8 F9 F10 F11 F12 F13 F14 F15"
	if got := strings.Join(append(append([]string{}, arm.CalleeSaved...), arm.CalleeSavedFloat...), " "); got != want {
		t.Errorf("arm64 callee-saved = %s, want %s", got, want)
	}
	if arm.FloatSavedBits != 64 || arm.StackAlign != 16 {
		t.Errorf("arm64 C ABI = %+v", arm)
	}
	if ArchFor("wasm").CABIFor("js") != nil {
		t.Error("wasm has a C ABI")
	}
	if got := ArchFor("arm64").Fixed(RoleAsmTemp); len(got) != 1 || got[0] != "R27" {
		t.Errorf("arm64 REGTMP = %v", got)
	}
	if ArchFor("amd64").RoleOf("X15") != RoleZero {
		t.Error("amd64 X15 is not the zero register")
	}
}

// loadOp is a load instruction of pointer width, used to probe register
// names with the real assembler.
var loadOp = map[string]string{
	"386": "MOVL", "amd64": "MOVQ", "arm": "MOVW", "arm64": "MOVD",
	"loong64": "MOVV", "mips": "MOVW", "mipsle": "MOVW", "mips64": "MOVV",
	"mips64le": "MOVV", "ppc64": "MOVD", "ppc64le": "MOVD", "riscv64": "MOV",
	"s390x": "MOVD", "wasm": "MOVD",
}

// scratch is a general register the probe loads into.
var scratch = map[string]string{
	"386": "AX", "amd64": "AX", "arm": "R1", "arm64": "R1", "loong64": "R5",
	"mips": "R1", "mipsle": "R1", "mips64": "R1", "mips64le": "R1",
	"ppc64": "R5", "ppc64le": "R5", "riscv64": "X5", "s390x": "R1", "wasm": "R0",
}

// assembles reports whether the real assembler accepts body as the text
// of a function for goarch.
func assembles(t *testing.T, goarch, body string) bool {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "x.s")
	text := "TEXT ·f(SB), 4, $16-16\n" + body + "\n\tRET\n"
	if err := os.WriteFile(src, []byte(text), 0o666); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "tool", "asm", "-p", "x", "-o", filepath.Join(dir, "x.o"), src)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOARCH="+goarch, "GOOS=linux")
	if goarch == "wasm" {
		cmd.Env = append(cmd.Env, "GOOS=js")
	}
	return cmd.Run() == nil
}

// TestStackPointerNames asks the assembler which spellings of the stack
// pointer it accepts, and checks SP and SPIsHardware against it.
func TestStackPointerNames(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the assembler")
	}
	for _, a := range Arches {
		t.Run(a.Name, func(t *testing.T) {
			t.Parallel()
			op, r := loadOp[a.Name], scratch[a.Name]
			if !assembles(t, a.Name, fmt.Sprintf("\t%s 8(%s), %s", op, a.SP, r)) {
				t.Errorf("assembler rejects 8(%s)", a.SP)
			}
			if got := assembles(t, a.Name, fmt.Sprintf("\t%s 8(SP), %s", op, r)); got != a.SPIsHardware {
				t.Errorf("8(SP) assembles = %v, SPIsHardware = %v", got, a.SPIsHardware)
			}
			// The wasm assembler panics on a pseudo-SP operand
			// (cmd/internal/obj/wasm/wasmobj.go assemble, go1.26).
			if a.Name != "wasm" && !assembles(t, a.Name, fmt.Sprintf("\t%s x+8(SP), %s", op, r)) {
				t.Errorf("assembler rejects pseudo-SP x+8(SP)")
			}
		})
	}
}

// TestRegisterNames checks that every register name in the data is one
// the assembler accepts.
func TestRegisterNames(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the assembler")
	}
	for _, a := range Arches {
		if a.Name == "wasm" {
			continue // wasm has no register-to-register moves to probe with
		}
		t.Run(a.Name, func(t *testing.T) {
			t.Parallel()
			for _, reg := range archRegNames(a) {
				if !assembles(t, a.Name, probeInstr(a, reg)) {
					t.Errorf("assembler rejects register %s", reg)
				}
			}
		})
	}
}

// archRegNames lists every register name mentioned by a's data.
func archRegNames(a *Arch) []string {
	seen := map[string]bool{}
	var regs []string
	add := func(names ...string) {
		for _, n := range names {
			if !seen[n] {
				seen[n] = true
				regs = append(regs, n)
			}
		}
	}
	for _, f := range a.FixedRegs {
		add(f.Reg)
	}
	if a.LinkReg != "" {
		add(a.LinkReg)
	}
	if r := a.ABIInternal; r != nil {
		add(r.IntRegs...)
		add(r.FloatRegs...)
	}
	for _, c := range a.CABIs {
		add(c.CalleeSaved...)
		add(c.CalleeSavedFloat...)
	}
	return regs
}

// probeInstr is an instruction that mentions reg, for each register class.
func probeInstr(a *Arch, reg string) string {
	float := strings.HasPrefix(reg, "F") || (strings.HasPrefix(reg, "X") && !a.LR)
	switch {
	case a.Name == "amd64" && float:
		return "\tMOVUPS " + reg + ", X1"
	case a.Name == "ppc64" || a.Name == "ppc64le":
		if reg == "LR" {
			return "\tMOVD LR, R5"
		}
		if float {
			return "\tFMOVD " + reg + ", F0"
		}
	case a.Name == "arm64" && float:
		return "\tFMOVD " + reg + ", F1"
	case a.Name == "arm64" && reg == "RSP":
		return "\tMOVD RSP, R1"
	case float && a.Name == "s390x":
		return "\tFMOVD " + reg + ", F2"
	case float && (a.Name == "riscv64" || a.Name == "loong64" || strings.HasPrefix(a.Name, "mips")):
		return "\tMOVD " + reg + ", F2"
	case float && a.Name == "arm":
		return "\tMOVD " + reg + ", F2"
	}
	return fmt.Sprintf("\t%s %s, %s", loadOp[a.Name], reg, scratch[a.Name])
}
