package analyzer

import (
	"strings"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/asmparse"
	"github.com/asmcheck/asmcheck/frame"
	"golang.org/x/tools/go/analysis"
)

// widthFix returns the fix of a move of the wrong width between a
// register (or, on x86, a constant) and the argument v through the FP
// operand m of the instruction e: the same move at v's width, when that
// is mechanical. It is for the plain moves of every arch but wasm, written
// in the file itself (a move in a macro body serves every expansion, and
// a suffixed or extended move does more than move), with one register or
// constant besides m. A load into an integer register extends as the Go
// value does (sign for signed integers, zero otherwise), so that the
// register holds v's value whatever it is used as afterwards.
//
// The mnemonics are the assembler's (cmd/internal/obj/x86/anames.go and
// the others; sizes and extensions in the Go assembler manual,
// go.dev/doc/asm, and each arch's back end); TestWidthFixes assembles
// every fixed file with go tool asm.
func widthFix(f *File, fn *frame.Func, e *frame.Effect, m *frame.Mem, v *abi.Var) []analysis.SuggestedFix {
	s := &f.Stmts[e.Stmt]
	if s.Exp != nil || s.Suffix != "" || len(s.Args) != 2 || m.Arg != 0 && m.Arg != 1 || !v.Kind.IsSize() {
		return nil
	}
	other := &s.Args[1-m.Arg]
	load := m.Read && !m.Write
	if !load && !m.Write {
		return nil
	}
	var op string
	switch fn.Arch.Name {
	case "amd64", "386":
		op = x86WidthMove(fn.Arch.Name == "amd64", s.Op, other, load, v)
	default:
		if moves := riscWidthMoves[fn.Arch.Name]; moves != nil {
			op = riscWidthMove(fn.Arch, moves, s.Op, other, load, v)
		}
	}
	if op == "" || op == s.Op {
		return nil
	}
	return replaceText(f, s.Pos, s.Op, op, "use "+op)
}

// x86IntMoves and x86FloatMoves are the moves widthFix rewrites on amd64
// and 386: between memory and a general register (or a constant), and
// between memory and an X register.
var (
	x86IntMoves = map[string]bool{"MOVB": true, "MOVW": true, "MOVL": true, "MOVQ": true,
		"MOVBLZX": true, "MOVBLSX": true, "MOVBQZX": true, "MOVBQSX": true, "MOVWLZX": true,
		"MOVWLSX": true, "MOVWQZX": true, "MOVWQSX": true, "MOVLQZX": true, "MOVLQSX": true}
	x86FloatMoves = map[string]bool{"MOVSS": true, "MOVSD": true, "MOVQ": true, "MOVL": true}
	x86GPRs       = map[string]bool{"AX": true, "BX": true, "CX": true, "DX": true, "SI": true, "DI": true, "BP": true,
		"R8": true, "R9": true, "R10": true, "R11": true, "R12": true, "R13": true, "R14": true, "R15": true}
)

// x86WidthMove returns the amd64 (or 386) move of v's width to replace the
// move op between memory and other, or "".
func x86WidthMove(amd64 bool, op string, other *asmparse.Operand, load bool, v *abi.Var) string {
	switch {
	case other.Kind == asmparse.RegOp && isNumbered(other.Reg, "X") && other.Ext() == "":
		if !x86FloatMoves[op] {
			return ""
		}
		return map[int]string{4: "MOVSS", 8: "MOVSD"}[v.Size]
	case other.Kind == asmparse.RegOp && x86GPRs[other.Reg] && other.Ext() == "" && (amd64 || !isNumbered(other.Reg, "R")),
		other.Kind == asmparse.ImmOp && !load:
		if !x86IntMoves[op] || v.Size == 8 && !amd64 {
			return ""
		}
		if !load {
			return map[int]string{1: "MOVB", 2: "MOVW", 4: "MOVL", 8: "MOVQ"}[v.Size]
		}
		switch {
		case v.Size == 8:
			return "MOVQ"
		case v.Size == 4 && (!v.Signed || !amd64):
			return "MOVL" // zero-extends into the upper half on amd64
		case !amd64 && v.Signed:
			return map[int]string{1: "MOVBLSX", 2: "MOVWLSX"}[v.Size]
		case !amd64:
			return map[int]string{1: "MOVBLZX", 2: "MOVWLZX"}[v.Size]
		case v.Signed:
			return map[int]string{1: "MOVBQSX", 2: "MOVWQSX", 4: "MOVLQSX"}[v.Size]
		}
		return map[int]string{1: "MOVBQZX", 2: "MOVWQZX"}[v.Size]
	}
	return ""
}

// riscMoves are the moves widthFix rewrites on the load/store machines,
// between memory and a general register or a floating-point register (F0
// …), and the moves it writes: by size, for stores, sign- and
// zero-extending loads into a general register, and floating-point moves.
// The names are the assembler's (cmd/internal/obj/*/anames.go); a load
// narrower than the register extends by sign (MOVB, MOVW on arm64) or by
// zero (MOVBU, MOVBZ …) as its name says (go.dev/doc/asm and each arch's
// cmd/internal/obj/*/asm*.go). TestWidthFixes assembles the fixes of each.
type riscMoves struct {
	ints, floats                map[string]bool
	store, loadS, loadU, fmoves map[int]string
}

func newRiscMoves(b, bu, h, hu, w, wu, d, fs, fd string) *riscMoves {
	m := &riscMoves{
		ints:   map[string]bool{b: true, bu: true, h: true, hu: true, w: true, wu: true},
		floats: map[string]bool{fs: true, fd: true},
		store:  map[int]string{1: b, 2: h, 4: w},
		loadS:  map[int]string{1: b, 2: h, 4: w},
		loadU:  map[int]string{1: bu, 2: hu, 4: wu},
		fmoves: map[int]string{4: fs, 8: fd},
	}
	if d != "" { // a 64-bit machine
		m.ints[d] = true
		m.store[8], m.loadS[8], m.loadU[8] = d, d, d
	}
	return m
}

var riscWidthMoves = map[string]*riscMoves{
	"arm64":    newRiscMoves("MOVB", "MOVBU", "MOVH", "MOVHU", "MOVW", "MOVWU", "MOVD", "FMOVS", "FMOVD"),
	"ppc64":    newRiscMoves("MOVB", "MOVBZ", "MOVH", "MOVHZ", "MOVW", "MOVWZ", "MOVD", "FMOVS", "FMOVD"),
	"ppc64le":  newRiscMoves("MOVB", "MOVBZ", "MOVH", "MOVHZ", "MOVW", "MOVWZ", "MOVD", "FMOVS", "FMOVD"),
	"s390x":    newRiscMoves("MOVB", "MOVBZ", "MOVH", "MOVHZ", "MOVW", "MOVWZ", "MOVD", "FMOVS", "FMOVD"),
	"riscv64":  newRiscMoves("MOVB", "MOVBU", "MOVH", "MOVHU", "MOVW", "MOVWU", "MOV", "MOVF", "MOVD"),
	"loong64":  newRiscMoves("MOVB", "MOVBU", "MOVH", "MOVHU", "MOVW", "MOVWU", "MOVV", "MOVF", "MOVD"),
	"mips64":   newRiscMoves("MOVB", "MOVBU", "MOVH", "MOVHU", "MOVW", "MOVWU", "MOVV", "MOVF", "MOVD"),
	"mips64le": newRiscMoves("MOVB", "MOVBU", "MOVH", "MOVHU", "MOVW", "MOVWU", "MOVV", "MOVF", "MOVD"),
	// The 32-bit machines: a 4-byte load fills the register.
	"arm":    newRiscMoves("MOVB", "MOVBU", "MOVH", "MOVHU", "MOVW", "MOVW", "", "MOVF", "MOVD"),
	"mips":   newRiscMoves("MOVB", "MOVBU", "MOVH", "MOVHU", "MOVW", "MOVW", "", "MOVF", "MOVD"),
	"mipsle": newRiscMoves("MOVB", "MOVBU", "MOVH", "MOVHU", "MOVW", "MOVW", "", "MOVF", "MOVD"),
}

// riscWidthMove returns the move of v's width to replace the move op
// between memory and the register other on a load/store machine, or "".
func riscWidthMove(a *frame.Arch, moves *riscMoves, op string, other *asmparse.Operand, load bool, v *abi.Var) string {
	if other.Kind != asmparse.RegOp || other.Ext() != "" || other.Shift != 0 || other.HasLane {
		return ""
	}
	ref, ok := a.Regs.Lookup(other.Reg)
	if !ok {
		return ""
	}
	switch class := a.Regs.Info(ref.Reg).Class; {
	case class == frame.ClassVec && isNumbered(other.Reg, "F"):
		if !moves.floats[op] {
			return ""
		}
		return moves.fmoves[v.Size]
	case class == frame.ClassGP || class == frame.ClassZero && !load:
		if !moves.ints[op] {
			return ""
		}
		switch {
		case !load:
			return moves.store[v.Size]
		case v.Signed:
			return moves.loadS[v.Size]
		}
		return moves.loadU[v.Size]
	}
	return ""
}

// isNumbered reports whether reg is prefix followed by a decimal number.
func isNumbered(reg, prefix string) bool {
	n, ok := strings.CutPrefix(reg, prefix)
	if !ok || n == "" || len(n) > 2 {
		return false
	}
	for i := 0; i < len(n); i++ {
		if n[i] < '0' || n[i] > '9' {
			return false
		}
	}
	return true
}
