package frame

import (
	"go/token"
	"strings"
	"sync"

	"github.com/asmcheck/asmcheck/asmparse"
)

// A Func is one TEXT block: what its TEXT statement declares and the
// Effects of the statements after it, up to the next TEXT.
type Func struct {
	Arch *Arch
	File *asmparse.File
	Text int // index of the TEXT statement in File.Stmts

	Sym     string // the symbol as written: "·memmove", "runtime·memmove", "_rt0_amd64_linux"
	Pkg     string // the package qualifier before '·', with '∕' as '/'; "" for "·name"
	Name    string // the name after '·', or the whole symbol when it has none
	Dot     bool   // the symbol has a '·' (false for C-style names such as _rt0_amd64_linux)
	ABI     string // "ABIInternal", "ABI0" or "" as selected by sym<ABI>(SB)
	Static  bool   // sym<>(SB)
	Flags   int64  // the TEXT flags after macro expansion
	FlagsOK bool   // Flags is known (the operand is a constant)
	Frame   int64  // $frame
	Args    int64  // -args, if HasArgs
	HasArgs bool
	Bad     bool // the TEXT statement could not be read

	Insts  []Effect // the statements after TEXT, lowered
	labels map[string]int
	pcs    []int // pcs[i] is the Prog index of Insts[i] (DATA and GLOBL emit no Prog)
	cfg    *CFG

	// spOnce guards sp, the SP solution, computed on first use: checks
	// running concurrently share the Func.
	spOnce sync.Once
	sp     *Solution[SPState]
}

// TEXT flag bits (runtime/textflag.h, cmd/internal/obj/textflag.go).
const (
	FlagNOPROF        = 1
	FlagDUPOK         = 2
	FlagNOSPLIT       = 4
	FlagRODATA        = 8
	FlagNOPTR         = 16
	FlagWRAPPER       = 32
	FlagNEEDCTXT      = 64
	FlagTLSBSS        = 256
	FlagNOFRAME       = 512
	FlagREFLECTMETHOD = 1024
	FlagTOPFRAME      = 2048
	FlagABIWRAPPER    = 4096
)

// Has reports whether the TEXT flags are known and include all of bits.
func (fn *Func) Has(bits int64) bool { return fn.FlagsOK && fn.Flags&bits == bits }

// Pos returns the position of the TEXT statement.
func (fn *Func) Pos() token.Pos { return fn.File.Stmts[fn.Text].Pos }

// Stmt returns the statement of instruction i.
func (fn *Func) Stmt(i int) *asmparse.Stmt { return &fn.File.Stmts[fn.Insts[i].Stmt] }

// Label returns the index of the instruction a label names.
func (fn *Func) Label(name string) (int, bool) {
	i, ok := fn.labels[name]
	return i, ok
}

// Funcs splits a parsed file into its TEXT blocks and lowers every
// statement of each with arch a. Statements before the first TEXT are not
// part of any Func.
func Funcs(f *asmparse.File, a *Arch) []*Func {
	var out []*Func
	var fn *Func
	ar := &arena{}
	ctx := &Ctx{}
	for i := range f.Stmts {
		s := &f.Stmts[i]
		if s.Op == "TEXT" {
			fn = newFunc(f, a, i)
			fn.Insts = make([]Effect, 0, blockLen(f, i))
			out = append(out, fn)
			continue
		}
		if fn == nil {
			continue
		}
		for _, l := range s.Labels {
			if _, dup := fn.labels[l.Name]; !dup {
				fn.labels[l.Name] = len(fn.Insts)
			}
		}
		if len(fn.Insts) < cap(fn.Insts) {
			fn.Insts = fn.Insts[:len(fn.Insts)+1] // zeroed by make; lowerInto sets it
		} else {
			fn.Insts = append(fn.Insts, Effect{})
		}
		a.lowerInto(&fn.Insts[len(fn.Insts)-1], ctx, s, i, fn.Frame, !fn.Bad, ar)
	}
	for _, fn := range out {
		fn.numberPCs()
		fn.cfg = buildCFG(fn) // built now: checks share Funcs concurrently
	}
	return out
}

// blockLen returns the number of statements after the TEXT at i, up to
// the next TEXT.
func blockLen(f *asmparse.File, i int) int {
	n := 0
	for j := i + 1; j < len(f.Stmts) && f.Stmts[j].Op != "TEXT"; j++ {
		n++
	}
	return n
}

func newFunc(f *asmparse.File, a *Arch, i int) *Func {
	s := &f.Stmts[i]
	fn := &Func{Arch: a, File: f, Text: i, labels: map[string]int{}}
	flags, frame, ok := s.TextFlags()
	if !ok || s.Args[0].Kind != asmparse.MemOp || s.Args[0].Reg != "SB" {
		fn.Bad = true
	}
	if len(s.Args) > 0 {
		sym := &s.Args[0]
		fn.Sym, fn.ABI, fn.Static = sym.Sym, sym.ABI(), sym.Static
		fn.Pkg, fn.Name, fn.Dot = SplitSym(sym.Sym)
	}
	if frame != nil && frame.Kind == asmparse.TextSizeOp {
		fn.Frame, fn.Args, fn.HasArgs = frame.Val, frame.Args(), frame.HasArgs
	}
	fn.FlagsOK = true
	if flags != nil {
		fn.Flags = flags.Val
		fn.FlagsOK = (flags.Kind == asmparse.ConstOp || flags.Kind == asmparse.ImmOp) && flags.Unresolved() == ""
	}
	return fn
}

// SplitSym splits an assembly symbol into its package qualifier and name:
// "·f" → ("", "f", true); "runtime∕internal∕sys·f" → ("runtime/internal/sys",
// "f", true); "_rt0_amd64" → ("", "_rt0_amd64", false).
func SplitSym(sym string) (pkg, name string, dot bool) {
	i := strings.LastIndex(sym, "·")
	if i < 0 {
		return "", sym, false
	}
	return strings.ReplaceAll(sym[:i], "∕", "/"), sym[i+len("·"):], true
}

// numberPCs records the Prog index of each instruction, for n(PC) targets:
// cmd/asm counts one Prog for TEXT, each instruction, PCDATA and FUNCDATA,
// and none for DATA and GLOBL (cmd/asm/internal/asm/asm.go).
func (fn *Func) numberPCs() {
	fn.pcs = make([]int, len(fn.Insts))
	pc := 1
	for i := range fn.Insts {
		fn.pcs[i] = pc
		switch fn.Insts[i].Pseudo {
		case PseudoDATA, PseudoGLOBL:
		default:
			pc++
		}
	}
}

// TargetOf returns the index of the instruction that the branch at i
// goes to, and reports whether the target is an instruction of fn.
func (fn *Func) TargetOf(i int) (int, bool) {
	t := fn.Insts[i].Target
	switch {
	case t.Label != "":
		j, ok := fn.labels[t.Label]
		return j, ok && j < len(fn.Insts)
	case t.HasPCRel:
		want := fn.pcs[i] + t.PCRel
		for j := range fn.Insts {
			if fn.pcs[j] == want && fn.Insts[j].Pseudo != PseudoDATA && fn.Insts[j].Pseudo != PseudoGLOBL {
				return j, true
			}
		}
	}
	return 0, false
}
