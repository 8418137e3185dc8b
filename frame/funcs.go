package frame

import (
	"go/token"
	"slices"
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

	Insts  []Effect // the statements after TEXT, lowered (see Inst)
	ops    *effectOps
	one    *asmparse.Stmt // the statement of a Func made by Lower
	labels []label        // sorted by name
	cfg    *CFG

	// spOnce guards sp, the SP solution, computed on first use: checks
	// running concurrently share the Func.
	spOnce sync.Once
	sp     *Solution[SPState]

	// reachOnce guards reach, which instructions are reachable from the
	// entry (Solution.Reached).
	reachOnce  sync.Once
	reach      []bool // by instruction
	blockReach []bool // by block

	// layOnce guards lay, the frame layout (Layout), which most checks
	// ask for, some several times per function.
	layOnce sync.Once
	lay     Layout
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

// Funcs splits a parsed file into its TEXT blocks and lowers every
// statement of each with arch a. Statements before the first TEXT are not
// part of any Func.
//
// The Funcs of a file, their Effects, the Effects' register and memory
// operands, their labels and their CFGs are each allocated in one array
// sized exactly; lowering itself works in pooled scratch buffers.
func Funcs(f *asmparse.File, a *Arch) []*Func {
	a.once.Do(a.compile)
	nfn, ninst, first := 0, 0, -1
	for i := range f.Stmts {
		s := &f.Stmts[i]
		switch {
		case s.Op == "TEXT":
			if nfn == 0 {
				first = i
			}
			nfn++
		case nfn > 0:
			ninst++
		}
	}
	// The labels of statements after the first TEXT (the labels of a
	// TEXT statement itself belong to no Func), in statement order.
	fl := f.Labels
	for len(fl) > 0 && fl[0].Stmt <= first {
		fl = fl[1:]
	}
	nlabel := len(fl)
	if nfn == 0 {
		return nil
	}
	funcs := make([]Func, nfn)
	out := make([]*Func, nfn)
	insts := make([]Effect, ninst)
	var labels []label
	if nlabel > 0 {
		labels = make([]label, 0, nlabel)
	}
	sc := getScratch()
	defer putScratch(sc)
	sc.begin(a)
	n := 0 // Effects lowered
	for k, i := 0, first; k < nfn; k++ {
		fn := &funcs[k]
		out[k] = fn
		initFunc(fn, f, a, i)
		start, l0 := n, len(labels)
		frame, hasFrame := fn.Frame, !fn.Bad
		for i++; i < len(f.Stmts); i++ {
			s := &f.Stmts[i]
			if s.Op == "TEXT" {
				for len(fl) > 0 && fl[0].Stmt <= i {
					fl = fl[1:]
				}
				break
			}
			for ; len(fl) > 0 && fl[0].Stmt == i; fl = fl[1:] {
				labels = append(labels, label{name: fl[0].Name, inst: int32(n - start)})
			}
			sc.lower(a, &insts[n], s, i, frame, hasFrame)
			n++
		}
		fn.Insts = insts[start:n:n]
		fn.setLabels(labels[l0:len(labels):len(labels)])
	}
	ops := sc.finish()
	for k := range funcs {
		funcs[k].ops = ops
	}
	buildCFGs(funcs, sc) // also moves the Effects onto finish's arrays
	for i := range funcs {
		funcs[i].markNeutralData()
	}
	return out
}

// A label is a label of a Func and the index of the instruction it marks.
type label struct {
	name string
	inst int32
}

// setLabels sets fn's labels, sorting them by name (in place); of
// duplicates, the first one written wins.
func (fn *Func) setLabels(ls []label) {
	slices.SortStableFunc(ls, func(a, b label) int { return strings.Compare(a.name, b.name) })
	fn.labels = ls
}

// Label returns the index of the instruction a label names.
func (fn *Func) Label(name string) (int, bool) {
	ls := fn.labels
	lo, hi := 0, len(ls)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ls[m].name < name {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(ls) && ls[lo].name == name {
		return int(ls[lo].inst), true
	}
	return 0, false
}

// initFunc sets up *fn (zero) for the TEXT statement at i.
func initFunc(fn *Func, f *asmparse.File, a *Arch, i int) {
	s := &f.Stmts[i]
	fn.Arch, fn.File, fn.Text = a, f, i
	flags, frame, ok := s.TextFlags()
	if !ok || s.Args[0].Kind != asmparse.MemOp || s.Args[0].Reg() != "SB" {
		fn.Bad = true
	}
	if len(s.Args) > 0 {
		sym := &s.Args[0]
		fn.Sym, fn.ABI, fn.Static = sym.Sym(), sym.ABI(), sym.Static()
		fn.Pkg, fn.Name, fn.Dot = SplitSym(sym.Sym())
	}
	if frame != nil && frame.Kind == asmparse.TextSizeOp {
		fn.Frame, fn.Args, fn.HasArgs = frame.Val, frame.Args(), frame.HasArgs()
	}
	fn.FlagsOK = true
	if flags != nil {
		fn.Flags = flags.Val
		fn.FlagsOK = (flags.Kind == asmparse.ConstOp || flags.Kind == asmparse.ImmOp) && flags.Unresolved() == ""
	}
}

// SplitSym splits an assembly symbol into its package qualifier and name:
// "·f" → ("", "f", true); "runtime∕internal∕sys·f" → ("runtime/internal/sys",
// "f", true); "_rt0_amd64" → ("", "_rt0_amd64", false).
func SplitSym(sym string) (pkg, name string, dot bool) {
	i := strings.LastIndex(sym, "·")
	if i < 0 {
		return "", sym, false
	}
	pkg = sym[:i]
	if strings.Contains(pkg, "∕") {
		pkg = strings.ReplaceAll(pkg, "∕", "/")
	}
	return pkg, sym[i+len("·"):], true
}

// isData reports whether e emits no Prog: cmd/asm counts one Prog for
// TEXT, each instruction, PCDATA and FUNCDATA, and none for DATA and GLOBL
// (cmd/asm/internal/asm/asm.go), which is what n(PC) targets count.
func (e *Effect) isData() bool { return e.Pseudo == PseudoDATA || e.Pseudo == PseudoGLOBL }

// TargetOf returns the index of the instruction that the branch at i
// goes to, and reports whether the target is an instruction of fn.
func (fn *Func) TargetOf(i int) (int, bool) {
	t := fn.Inst(i).Target()
	switch {
	case t.Label != "":
		j, ok := fn.Label(t.Label)
		return j, ok && j < len(fn.Insts)
	case t.HasPCRel:
		return fn.pcRel(i, t.PCRel)
	}
	return 0, false
}

// pcRel returns the instruction (not DATA or GLOBL) that is n Progs after
// (before, for n < 0) instruction i.
func (fn *Func) pcRel(i, n int) (int, bool) {
	insts := fn.Insts
	if n >= 0 {
		r := 0
		for j := i; j < len(insts); j++ {
			if insts[j].isData() {
				continue
			}
			if r == n {
				return j, true
			}
			r++
		}
		return 0, false
	}
	r := 0
	for j := i - 1; j >= 0; j-- {
		if insts[j].isData() {
			continue
		}
		if r--; r == n {
			return j, true
		}
	}
	return 0, false
}
