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
// a suffixed or extended move does more than move), with one whole
// register or constant besides m. A load into an integer register extends
// as the Go value does (sign for signed integers, zero otherwise), so that
// the register holds v's value whatever it is used as afterwards.
func widthFix(f *File, fn *frame.Func, e frame.Inst, m *frame.Mem, v *abi.Var) []analysis.SuggestedFix {
	s := &f.Stmts[e.Stmt]
	moves := widthMoves[fn.Arch.Name]
	if moves == nil || s.Exp != nil || s.Suffix() != "" || len(s.Args) != 2 || m.Arg != 0 && m.Arg != 1 || !v.Kind.IsSize() {
		return nil
	}
	load := m.Read && !m.Write
	if !load && !m.Write {
		return nil
	}
	op := moves.pick(fn.Arch, s.Op, &s.Args[1-m.Arg], load, v)
	if op == "" || op == s.Op {
		return nil
	}
	return replaceText(f, s.Pos, s.Op, op, "use "+op)
}

// sizedMoves are the moves widthFix rewrites on one arch, between memory
// and a general register or a floating-point register, and the moves it
// writes: by size, for stores, for sign- and zero-extending loads into a
// general register, and for floating-point registers. The names are the
// assembler's (cmd/internal/obj/*/anames.go); a load narrower than the
// register extends by sign (MOVB, arm64 MOVW, MOVLQSX) or by zero (MOVBU,
// MOVBZ, MOVBQZX, and amd64's MOVL) as the Go assembler manual
// (go.dev/doc/asm) and each arch's back end (cmd/internal/obj/*/asm*.go)
// say. TestWidthFixes assembles the fixes of every arch with go tool asm.
type sizedMoves struct {
	ints, floats                map[string]bool
	store, loadS, loadU, fmoves map[int]string
	fregs                       string // the prefix of its floating-point registers' names: "F", or "X" on x86
	imm                         bool   // a constant may be stored (x86)
}

// loadStore returns the moves of a load/store machine, named after their
// sizes (d is "" on a 32-bit machine; a 4-byte load fills its register).
func loadStore(b, bu, h, hu, w, wu, d, fs, fd string) *sizedMoves {
	m := &sizedMoves{
		ints:   map[string]bool{b: true, bu: true, h: true, hu: true, w: true, wu: true},
		floats: map[string]bool{fs: true, fd: true},
		store:  map[int]string{1: b, 2: h, 4: w},
		loadS:  map[int]string{1: b, 2: h, 4: w},
		loadU:  map[int]string{1: bu, 2: hu, 4: wu},
		fmoves: map[int]string{4: fs, 8: fd},
		fregs:  "F",
	}
	if d != "" {
		m.ints[d] = true
		m.store[8], m.loadS[8], m.loadU[8] = d, d, d
	}
	return m
}

var widthMoves = map[string]*sizedMoves{
	"amd64": {
		ints: map[string]bool{"MOVB": true, "MOVW": true, "MOVL": true, "MOVQ": true,
			"MOVBLZX": true, "MOVBLSX": true, "MOVBQZX": true, "MOVBQSX": true, "MOVWLZX": true,
			"MOVWLSX": true, "MOVWQZX": true, "MOVWQSX": true, "MOVLQZX": true, "MOVLQSX": true},
		floats: map[string]bool{"MOVSS": true, "MOVSD": true, "MOVQ": true, "MOVL": true},
		store:  map[int]string{1: "MOVB", 2: "MOVW", 4: "MOVL", 8: "MOVQ"},
		loadS:  map[int]string{1: "MOVBQSX", 2: "MOVWQSX", 4: "MOVLQSX", 8: "MOVQ"},
		loadU:  map[int]string{1: "MOVBQZX", 2: "MOVWQZX", 4: "MOVL", 8: "MOVQ"}, // MOVL zero-extends
		fmoves: map[int]string{4: "MOVSS", 8: "MOVSD"},
		fregs:  "X", imm: true,
	},
	"386": {
		ints:   map[string]bool{"MOVB": true, "MOVW": true, "MOVL": true, "MOVBLZX": true, "MOVBLSX": true, "MOVWLZX": true, "MOVWLSX": true},
		floats: map[string]bool{"MOVSS": true, "MOVSD": true, "MOVQ": true, "MOVL": true},
		store:  map[int]string{1: "MOVB", 2: "MOVW", 4: "MOVL"},
		loadS:  map[int]string{1: "MOVBLSX", 2: "MOVWLSX", 4: "MOVL"},
		loadU:  map[int]string{1: "MOVBLZX", 2: "MOVWLZX", 4: "MOVL"},
		fmoves: map[int]string{4: "MOVSS", 8: "MOVSD"},
		fregs:  "X", imm: true,
	},
	"arm64":    loadStore("MOVB", "MOVBU", "MOVH", "MOVHU", "MOVW", "MOVWU", "MOVD", "FMOVS", "FMOVD"),
	"ppc64":    loadStore("MOVB", "MOVBZ", "MOVH", "MOVHZ", "MOVW", "MOVWZ", "MOVD", "FMOVS", "FMOVD"),
	"ppc64le":  loadStore("MOVB", "MOVBZ", "MOVH", "MOVHZ", "MOVW", "MOVWZ", "MOVD", "FMOVS", "FMOVD"),
	"s390x":    loadStore("MOVB", "MOVBZ", "MOVH", "MOVHZ", "MOVW", "MOVWZ", "MOVD", "FMOVS", "FMOVD"),
	"riscv64":  loadStore("MOVB", "MOVBU", "MOVH", "MOVHU", "MOVW", "MOVWU", "MOV", "MOVF", "MOVD"),
	"loong64":  loadStore("MOVB", "MOVBU", "MOVH", "MOVHU", "MOVW", "MOVWU", "MOVV", "MOVF", "MOVD"),
	"mips64":   loadStore("MOVB", "MOVBU", "MOVH", "MOVHU", "MOVW", "MOVWU", "MOVV", "MOVF", "MOVD"),
	"mips64le": loadStore("MOVB", "MOVBU", "MOVH", "MOVHU", "MOVW", "MOVWU", "MOVV", "MOVF", "MOVD"),
	"arm":      loadStore("MOVB", "MOVBU", "MOVH", "MOVHU", "MOVW", "MOVW", "", "MOVF", "MOVD"),
	"mips":     loadStore("MOVB", "MOVBU", "MOVH", "MOVHU", "MOVW", "MOVW", "", "MOVF", "MOVD"),
	"mipsle":   loadStore("MOVB", "MOVBU", "MOVH", "MOVHU", "MOVW", "MOVW", "", "MOVF", "MOVD"),
}

// pick returns the move of v's width to replace the move op between
// memory and other, a load if load, or "".
func (moves *sizedMoves) pick(a *frame.Arch, op string, other *asmparse.Operand, load bool, v *abi.Var) string {
	if other.Kind == asmparse.ImmOp {
		if !moves.imm || load || !moves.ints[op] {
			return ""
		}
		return moves.store[v.Size]
	}
	if other.Kind != asmparse.RegOp || other.Ext() != "" || other.Shift() != 0 || other.HasLane() {
		return ""
	}
	ref, ok := a.Regs.Lookup(other.Reg())
	if !ok {
		return ""
	}
	switch class := a.Regs.Info(ref.Reg).Class; {
	case class == frame.ClassVec && isNumbered(other.Reg(), moves.fregs):
		if !moves.floats[op] {
			return ""
		}
		return moves.fmoves[v.Size]
	case class == frame.ClassGP && ref.Size == 0, class == frame.ClassZero && !load:
		// A whole general register (not AL): its moves name the width.
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
