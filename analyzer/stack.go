package analyzer

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/asmparse"
	"github.com/asmcheck/asmcheck/frame"
)

// The stack checks: what a function does with the hardware SP and the
// frame the assembler built for it (frame.Layout, proven against the
// assembler), followed along every path by the SP solver (frame.SP).

// SPSlot checks stores through SP that land outside the function's own
// slots.
var SPSlot = newAnalyzer("spslot", docSPSlot, runSPSlot)

// CallArgs checks that a call's arguments fit in the caller's frame and
// are written before the call, and tail calls' argument areas.
var CallArgs = newAnalyzer("callargs", docCallArgs, runCallArgs)

// SPBalance checks that SP is back where it started at every exit.
var SPBalance = newAnalyzer("spbalance", docSPBalance, runSPBalance)

// SPAlign checks SP alignment where the hardware or C requires it.
var SPAlign = newAnalyzer("spalign", docSPAlign, runSPAlign)

// FPStale checks FP and pseudo-SP references after SP moved in a way the
// assembler does not correct them for.
var FPStale = newAnalyzer("fpstale", docFPStale, runFPStale)

func init() { register(SPSlot, CallArgs, SPBalance, SPAlign, FPStale) }

const docSPSlot = `check stores through SP against the frame layout

The assembler's prologue saves BP (amd64) or LR and R29 (arm64) in the
frame, the CALL left a return address above it, and on arm64 the top
word of the frame holds the caller's saved R29. A store through the
hardware SP (or through name-off(SP) and name-off(FP) outside the locals
and arguments) that lands on one of them corrupts the frame pointer chain
or the return address.`

const docCallArgs = `check that a call's arguments fit in the frame and are written

A CALL (BL) to an ABI0 Go function passes its arguments and results at
0(SP) on amd64, 8(RSP) on arm64: the caller's frame must have that many
bytes of locals there, or the callee's arguments overwrite the saved
frame pointer and return address. On windows/amd64 a call into C owes its
callee the 32 bytes above the return address (the Windows x64 home area),
which must be in the frame too. Every argument the callee reads must be
written on every path to the call. A tail call (JMP to a Go function with
the frame gone) hands over the caller's own argument area, which must be
as large as the callee's; a function entered from C has none.`

const docSPBalance = `check that SP is restored at every exit

At every RET (and RET sym(SB)) the SP the body moved by hand must be back
where the prologue left it, since the epilogue pops only the declared
frame; at a JMP to another function the whole frame must be gone, since
the assembler pops nothing there. Paths that join must agree on SP.`

const docSPAlign = `check SP alignment at accesses and calls

On arm64 Linux a load or store based on RSP while RSP is not 16-byte
aligned raises SIGBUS (SCTLR_EL1.SA0), and calling anything with a
misaligned RSP is undefined. On amd64 a call into C (a symbol without a
package qualifier) needs SP 16-byte aligned; it is reported when the
function aligned SP itself (ANDQ $~15, SP) and then moved it off, and when
a function called from Go (where SP is only 8-byte aligned) never aligned
it.`

const docFPStale = `check FP and pseudo-SP references after SP moved

name+off(FP) and name-off(SP) are offsets from the hardware SP that the
assembler computes from the frame size. amd64 corrects them for PUSH,
POP and ADJSP only; arm64 never corrects them. After SUBQ $16, SP
(amd64) or any manual RSP change (arm64) they address the wrong slot.`

// stackPass holds what the stack checks compute once per function.
type stackPass struct {
	f   *File
	fn  *frame.Func
	lay frame.Layout
	sol *frame.Solution[frame.SPState]
	// decl is the Go declaration fn implements, or nil.
	decl *Decl
}

// goCaller reports whether p.fn is known to be called by Go code
// (goCallReason).
func (p *stackPass) goCaller(c *Check) bool { return goCallReason(c, p.decl) != "" }

// goCallReason says why Go code is known to call the function declared
// by d, or returns "" if it is not known to: d is exported, or the
// package's Go code calls it.
func goCallReason(c *Check, d *Decl) string {
	switch {
	case d == nil:
		return ""
	case d.Func.Exported():
		return "its Go declaration is exported, so Go code may call it"
	case c.Pkg.calledFromGo(d.Func.Name()):
		return "the package's Go code calls it"
	}
	return ""
}

// calledFromGo reports whether the package's Go code calls a function
// named name (calls it, not just refers to it as abi.FuncPCABI0(f) does):
// a call whose function, without parentheses, is an identifier denoting a
// function of that name. Answers are cached by name.
func (p *Package) calledFromGo(name string) bool {
	p.calledMu.Lock()
	defer p.calledMu.Unlock()
	v, ok := p.called[name]
	if !ok {
		// The uses of the functions an unqualified name can denote (the
		// package's, dot-imported ones), by usesOfEach: those in other
		// files than the declaration first, the declaring file only if
		// none of them is a call (few functions are asked about, so
		// TypesInfo.Uses is not inverted for them).
		objs := map[types.Object]bool{}
		for _, fn := range p.unqualifiedFuncs(name) {
			objs[fn] = true
		}
		v = p.callsAny(p.usesOfEach(objs, unresolvedUses)) || p.callsAny(p.usesOfEach(objs, declFileUses))
		if p.called == nil {
			p.called = map[string]bool{}
		}
		p.called[name] = v
	}
	return v
}

// callsAny reports whether one of the identifiers of uses is the function
// of a call (callsIdent).
func (p *Package) callsAny(uses map[types.Object][]*ast.Ident) bool {
	for _, ids := range uses {
		for _, id := range ids {
			if p.callsIdent(id) {
				return true
			}
		}
	}
	return false
}

// funcUses returns the identifiers that denote each function the
// checks ask about in the package's files (TypesInfo.Uses, inverted),
// made on first use: the functions declared without a body, or every
// function when the package has dot imports (calledFromGo also asks
// about the functions they bring in); usesOf finds the others. Only
// usesOfEach uses it, for files parsed without object resolution.
func (p *Package) funcUses() map[*types.Func][]*ast.Ident {
	p.funcUsesOnce.Do(func() {
		p.funcUsesMap = map[*types.Func][]*ast.Ident{}
		all := p.hasDotImport()
		for _, d := range p.Decls {
			p.funcUsesMap[d.Func] = nil
		}
		for id, obj := range p.Pass.TypesInfo.Uses {
			if fn, ok := obj.(*types.Func); ok {
				if ids, ok := p.funcUsesMap[fn]; ok || all {
					p.funcUsesMap[fn] = append(ids, id)
				}
			}
		}
	})
	return p.funcUsesMap
}

// usesOf returns the identifiers that denote obj in the package's files.
func (p *Package) usesOf(obj types.Object) []*ast.Ident {
	if fn, ok := obj.(*types.Func); ok {
		if ids, ok := p.funcUses()[fn]; ok {
			return ids
		}
	}
	var ids []*ast.Ident // an object funcUses leaves out
	for id, o := range p.Pass.TypesInfo.Uses {
		if o == obj {
			ids = append(ids, id)
		}
	}
	return ids
}

// usesOfEach returns the identifiers that denote each object of objs
// (those set true) in the package's files, without going through all of
// TypesInfo.Uses when the files carry the parser's object resolution (go
// vet's and go/packages' do): a use of a package-level object is either
// left unresolved by the parser (the object is declared in another file,
// or imported with import ".") or resolved to the declaration in its own
// file. So only the unresolved identifiers of every file (phase
// unresolvedUses) and the identifiers of the files that declare one of
// objs (phase declFileUses) are looked up. (The parser does not list
// unresolved composite literal keys: a function used as a key of a
// literal of a map with interface keys in another file than its
// declaration is missed; such a map panics when built.)
//
// The phases are given separately when phase is set: unresolvedUses
// first, then declFileUses; a caller may leave out of the second the
// objects the first settled.
func (p *Package) usesOfEach(objs map[types.Object]bool, phase usesPhase) map[types.Object][]*ast.Ident {
	out := map[types.Object][]*ast.Ident{}
	names := map[string]bool{}
	for obj, ok := range objs {
		if ok {
			names[obj.Name()] = true
		}
	}
	if len(names) == 0 {
		return out
	}
	for _, f := range p.Pass.Files {
		if f.Scope == nil {
			// Parsed without object resolution: ask TypesInfo, all at
			// once (the second phase has nothing left to add).
			if phase == declFileUses {
				return out
			}
			for obj, ok := range objs {
				if ok {
					out[obj] = p.usesOf(obj)
				}
			}
			return out
		}
	}
	uses := p.Pass.TypesInfo.Uses
	record := func(id *ast.Ident) {
		if obj := uses[id]; obj != nil && objs[obj] {
			out[obj] = append(out[obj], id)
		}
	}
	if phase != declFileUses {
		// A mask of the names' lengths rules out most identifiers before
		// their text is read or hashed.
		var lens uint64
		for name := range names {
			lens |= 1 << min(len(name), 63)
		}
		for _, f := range p.Pass.Files {
			for _, id := range f.Unresolved {
				if lens&(1<<min(len(id.Name), 63)) != 0 && names[id.Name] {
					record(id)
				}
			}
		}
	}
	if phase == unresolvedUses {
		return out
	}
	var declared []types.Object
	for _, f := range p.Pass.Files {
		declared = declared[:0]
		for obj, ok := range objs {
			if ok && f.FileStart <= obj.Pos() && obj.Pos() < f.FileEnd {
				declared = append(declared, obj)
			}
		}
		if len(declared) == 0 || !p.mayUseInFile(f, declared) {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			// Resolved by the parser (unresolved ones were looked up
			// in the first phase).
			if id, ok := n.(*ast.Ident); ok && id.Obj != nil && names[id.Name] {
				record(id)
			}
			return true
		})
	}
	return out
}

// mayUseInFile reports whether the Go file f may refer to one of objs
// (declared in f) besides declaring it: whether its text, read again from
// disk, holds one of their names as a whole word outside comments and
// other than at the declaration. Walking the syntax of a large file (the
// runtime's panic.go, stubs.go) costs a millisecond; reading it and
// searching the text, tens of microseconds. A file that cannot be read,
// or whose size is not that of the text parsed (the driver read an edited
// copy), may.
func (p *Package) mayUseInFile(f *ast.File, objs []types.Object) bool {
	tf := p.Pass.Fset.File(f.FileStart)
	if tf == nil {
		return true
	}
	bp := readBufs.Get().(*[]byte)
	defer readBufs.Put(bp)
	src, err := readInto(*bp, tf.Name())
	*bp = src[:0]
	if err != nil || len(src) != tf.Size() {
		return true
	}
	for _, obj := range objs {
		name := obj.Name()
		for i := 0; ; {
			j := wordAt(src, name, i)
			if j < 0 {
				break
			}
			i = j + len(name)
			if pos := tf.Pos(j); pos != obj.Pos() && !inComment(f, pos) {
				return true
			}
		}
	}
	return false
}

// wordAt returns the offset of the first occurrence of name in src at or
// after from that is a whole identifier: neither preceded nor followed by
// a letter, digit, '_' or a byte of a multi-byte character (which may be
// a letter: a longer identifier then, never a use of name); -1 if none.
func wordAt(src []byte, name string, from int) int {
	for i := from; ; {
		j := bytes.Index(src[i:], []byte(name))
		if j < 0 {
			return -1
		}
		j += i
		end := j + len(name)
		if (j == 0 || !identByte(src[j-1])) && (end == len(src) || !identByte(src[end])) {
			return j
		}
		i = j + 1
	}
}

// inComment reports whether pos lies in one of f's comments. A comment
// group holds nothing but comments and blanks from its start to its end.
func inComment(f *ast.File, pos token.Pos) bool {
	cs := f.Comments
	i := sort.Search(len(cs), func(i int) bool { return cs[i].End() > pos })
	return i < len(cs) && cs[i].Pos() <= pos
}

// identByte reports whether c can be part of a Go identifier.
func identByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

// A usesPhase selects the identifiers usesOfEach looks at.
type usesPhase int

const (
	allUses        usesPhase = iota
	unresolvedUses           // the parser's unresolved identifiers
	declFileUses             // the files that declare the objects
)

// hasDotImport reports whether a file of the package has an import ".".
func (p *Package) hasDotImport() bool {
	for _, f := range p.Pass.Files {
		for _, imp := range f.Imports {
			if imp.Name != nil && imp.Name.Name == "." {
				return true
			}
		}
	}
	return false
}

// unqualifiedFuncs returns the functions that an identifier name may
// denote in the package's files: the package's own and those of
// dot-imported packages (the universe has none).
func (p *Package) unqualifiedFuncs(name string) []*types.Func {
	var out []*types.Func
	if p.Pass.Pkg != nil {
		if fn, ok := p.Pass.Pkg.Scope().Lookup(name).(*types.Func); ok {
			out = append(out, fn)
		}
	}
	for _, f := range p.Pass.Files {
		for _, imp := range f.Imports {
			if imp.Name == nil || imp.Name.Name != "." {
				continue
			}
			if pn, ok := p.Pass.TypesInfo.Defs[imp.Name].(*types.PkgName); ok {
				if fn, ok := pn.Imported().Scope().Lookup(name).(*types.Func); ok && !slices.Contains(out, fn) {
					out = append(out, fn)
				}
			}
		}
	}
	return out
}

// callsIdent reports whether id is, without parentheses, the function of
// a call in the package's Go files.
func (p *Package) callsIdent(id *ast.Ident) bool {
	for _, f := range p.Pass.Files {
		if id.Pos() < f.FileStart || id.Pos() >= f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, id.Pos(), id.End())
		if len(path) == 0 || path[0] != id {
			return false
		}
		for _, n := range path[1:] {
			switch n := n.(type) {
			case *ast.ParenExpr:
				continue
			case *ast.CallExpr:
				return ast.Unparen(n.Fun) == id
			}
			return false
		}
		return false
	}
	return false
}

// eachStackFunc runs do for every function with an exact frame model.
func (c *Check) eachStackFunc(do func(p *stackPass)) {
	c.EachFunc(func(f *File, fn *frame.Func) {
		if p := newStackPass(f, fn); p != nil {
			do(p)
		}
	})
}

// newStackPass returns the stackPass of fn, or nil when its frame is not
// known exactly (eachStackFunc).
func newStackPass(f *File, fn *frame.Func) *stackPass {
	if fn.Bad || !fn.FlagsOK || f.ABI == nil {
		return nil
	}
	lay := fn.Layout()
	if !lay.Exact {
		return nil
	}
	return &stackPass{f: f, fn: fn, lay: lay, sol: fn.SP()}
}

func runSPSlot(c *Check) {
	c.eachStackFunc(func(p *stackPass) {
		var fr *abi.Frame
		p.decl, fr = c.declFrame(p.f, p.fn)
		for i := range p.fn.Insts {
			st := p.sol.In[i]
			if !p.sol.Reached[i] {
				continue
			}
			e := p.fn.Inst(i)
			for j := range e.Mem() {
				m := &e.Mem()[j]
				if !m.Write || m.Addr || !m.OffOK {
					continue
				}
				if off, ok := storeOffset(p, st, m); ok {
					c.checkSlot(p, fr, e, m, off, false)
				} else if _, hi, ok := st.Range(); ok && m.Base == frame.BaseSP && !st.Known {
					// SP was aligned with AND $~(n-1): it is from 0 to
					// n-1 bytes lower than before, and a store that hits
					// a saved slot when it is not lower at all (SP was
					// already aligned) hits it in one run of n.
					c.checkSlot(p, fr, e, m, hi+m.Off, true)
				}
			}
		}
	})
}

// storeOffset returns the offset from SP-after-prologue that a store
// writes, when it is known and not already another check's business.
func storeOffset(p *stackPass, st frame.SPState, m *frame.Mem) (int64, bool) {
	switch m.Base {
	case frame.BaseSP:
		return m.Off + st.Delta, st.Known
	case frame.BasePseudoSP:
		// Stale offsets are fpstale's.
		return p.lay.PseudoSP + m.Off, st.Known && !st.FPStale
	case frame.BaseFP:
		// Below 0(FP) only; past the arguments is fpoffset's.
		return p.lay.Args + m.Off, m.Off < 0 && st.Known && !st.FPStale
	}
	return 0, false
}

// slotHarm says why overwriting a slot breaks the program.
var slotHarm = map[frame.Slot]string{
	frame.SlotSavedFP: "the epilogue restores the caller's frame pointer from it, so the caller continues with a corrupt " +
		"BP/R29 and frame-pointer unwinding (the execution tracer, profilers, debuggers) reads garbage",
	frame.SlotSavedLR: "it holds the function's return address: the epilogue reloads LR from it and RET jumps there",
	frame.SlotRetAddr: "RET pops it as the return address and jumps there",
	frame.SlotCallerFP: "the caller's prologue saved its caller's R29 there and its epilogue restores R29 from it; " +
		"frame-pointer unwinding then crashes (the apache/arrow and kelindar/bitmap crashes)",
	frame.SlotCallerLR: "it is the caller's saved return address (the caller's 0(RSP)): the caller returns to garbage",
	frame.SlotArgs:     "it is the caller's frame, past the arguments of this function",
}

// checkSlot reports a store at off if it hits a saved slot or, when the
// argument size is known and fpoffset does not cover it, the caller's
// frame above the arguments. With aligned set, off is the highest the
// store can be at, SP having been aligned down by an AND.
func (c *Check) checkSlot(p *stackPass, fr *abi.Frame, e frame.Inst, m *frame.Mem, off int64, aligned bool) {
	size := int64(max(m.Size, 1))
	slot := p.lay.Slot(off, size)
	switch slot {
	case frame.SlotSavedFP, frame.SlotSavedLR, frame.SlotRetAddr:
	case frame.SlotCallerFP, frame.SlotCallerLR:
		// The caller's slots are known only when the caller is Go code,
		// whose prologue saved R29 at -8 and LR at 0 of its SP: a function
		// Go calls (exported, or called in the package's Go code).
		if !p.goCaller(c) {
			return
		}
	case frame.SlotArgs:
		if fr != nil || !p.fn.HasArgs || off+size <= p.lay.Args+p.fn.Args || m.Base == frame.BaseFP {
			return // fpoffset's checkSPArgs reports past-the-arguments uses for declared functions
		}
	default:
		return
	}
	if aligned {
		c.Report(Diag{File: p.f, Fn: p.fn, Pos: memPos(p.fn, e, m), Msg: fmt.Sprintf(
			"%s %s writes the %s whenever SP was already aligned when it was ANDed down (%d(SP) after the prologue, in a frame of %d bytes %s): "+
				"%s; the AND lowers SP by 0 to alignment-1 bytes, so subtract the room the stores need before aligning, "+
				"and keep them below what was subtracted", e.Op(), e.MemText(m), slot, off, p.lay.Size, withLocals(p.lay), harm(p.lay, slot))})
		return
	}
	c.Report(Diag{File: p.f, Fn: p.fn, Pos: memPos(p.fn, e, m), Msg: fmt.Sprintf(
		"%s %s writes the %s (%d(SP) after the prologue, in a frame of %d bytes %s): %s; %s",
		e.Op(), e.MemText(m), slot, off, p.lay.Size, withLocals(p.lay), harm(p.lay, slot), slotAdvice(p, off, size))})
}

// harm says why overwriting slot breaks the program, for this layout.
func harm(lay frame.Layout, slot frame.Slot) string {
	if slot == frame.SlotSavedLR && !lay.ReloadsLR {
		return "the function makes no call, so its epilogue returns through LR without reloading it, but every traceback " +
			"taken inside it (CPU profiles, crash reports) reads the return address from there and loses the callers"
	}
	return slotHarm[slot]
}

// withLocals says where a layout's locals are, for messages.
func withLocals(l frame.Layout) string {
	if l.LocalsHi <= l.LocalsLo {
		return "with no locals"
	}
	return "with locals at " + localsRange(l)
}

// localsRange renders the locals of a layout for messages.
func localsRange(l frame.Layout) string {
	if l.LocalsHi <= l.LocalsLo {
		return "none"
	}
	return fmt.Sprintf("%d..%d(SP)", l.LocalsLo, l.LocalsHi-1)
}

// slotAdvice says how to get a slot of one's own.
func slotAdvice(p *stackPass, off, size int64) string {
	need := off + size - p.lay.LocalsLo
	if need > p.fn.Frame && off >= p.lay.LocalsLo {
		return fmt.Sprintf("declare a frame large enough for the locals used ($%d) and keep stores below it", roundUp8(need))
	}
	return "store only into the declared locals, or name+off(FP) arguments"
}

func roundUp8(n int64) int64 { return (n + 7) &^ 7 }

func runCallArgs(c *Check) {
	var index *textIndex
	untouched := map[*frame.Func]bool{} // argsUntouched, by callee
	reads := map[*frame.Func]argReads{} // argsRead, by callee
	var entries map[*frame.Func]string
	cEntry := func(fn *frame.Func) string { // why fn is entered from C, or ""
		if entries == nil {
			entries = newRegCtx(c).entries
		}
		return entries[fn]
	}
	c.eachStackFunc(func(p *stackPass) {
		if index == nil {
			index = newTextIndex(c.Pkg)
		}
		for i := range p.fn.Insts {
			e := p.fn.Inst(i)
			st := p.sol.In[i]
			if e.Flow == frame.FlowTailCall && p.sol.Reached[i] {
				if c.checkTailArgs(p, index, untouched, cEntry, e, st) {
					return
				}
				continue
			}
			if e.Flow != frame.FlowCall || !p.sol.Reached[i] {
				continue
			}
			if c.checkHomeArea(p, index, e, st) {
				return
			}
			if !st.Known || e.Target().ABI == "ABIInternal" {
				continue
			}
			size, name, _ := c.calleeFrame(index, untouched, p, e)
			if size <= 0 {
				continue
			}
			if c.checkOutArgs(p, e, st, size, name) {
				return // one report per function: the fix is one frame size
			}
		}
		c.checkArgsWritten(p, index, untouched, reads)
	})
}

// An argCall is a call whose callee's arguments are checked for being
// written: the callee's scalar arguments vars, whose bytes are the
// function's argument slots at the indices in slots.
type argCall struct {
	i     int
	name  string
	vars  []*abi.Var
	slots []int
}

// An argSlot is the byte range [off, off+size) from SP-after-prologue
// that one scalar argument of a call occupies.
type argSlot struct{ off, size int64 }

// argsState is what is written of a function's argument slots (bits by
// slot index): must on every path from the entry, may on some.
type argsState struct{ must, may uint64 }

// checkArgsWritten reports a call to an ABI0 Go function, with its
// argument area inside the frame, some of whose arguments nothing writes
// on the way from the function's entry: the callee reads whatever the
// stack held there. What writes a slot: a store through SP, pseudo-SP or
// below 0(FP) that overlaps it (of unknown size: from its offset up), a
// push (SP moved down over it), and, for every slot at once, an
// instruction asmcheck does not know, an SP-derived address copied into
// a register (spAddress: stores through it are not followed), and any
// call (the callee may have left results there that the next call takes
// as arguments). Only the scalar components of the arguments are slots:
// padding need not be written; and when the callee is an assembly
// function of the package, only those it reads (argsRead).
func (c *Check) checkArgsWritten(p *stackPass, index *textIndex, untouched map[*frame.Func]bool, reads map[*frame.Func]argReads) {
	var calls []argCall
	var slots []argSlot
	slotIndex := map[argSlot]int{}
	for i := range p.fn.Insts {
		e := p.fn.Inst(i)
		st := p.sol.In[i]
		if e.Flow != frame.FlowCall || !p.sol.Reached[i] || !st.Known || e.Target().ABI == "ABIInternal" {
			continue
		}
		size, name, fr := c.calleeFrame(index, untouched, p, e)
		if fr == nil || size <= 0 {
			continue
		}
		lo := st.Delta + p.lay.OutArgs
		switch p.lay.Slot(lo, size) {
		case frame.SlotLocals, frame.SlotBelow, frame.SlotPadding:
		default:
			continue // checkOutArgs' business
		}
		call := argCall{i: i, name: name}
		for _, v := range fr.Params {
			if v.Name != "_" { // Go code never reads a blank parameter
				call.vars = appendLeaves(call.vars, v)
			}
		}
		if g := index.callee(p.fn, e); g != nil {
			r, ok := reads[g]
			if !ok {
				r = argsRead(g)
				reads[g] = r
			}
			call.vars = slices.DeleteFunc(call.vars, func(v *abi.Var) bool { return !r.reads(int64(v.Offset), int64(v.Size)) })
		}
		for _, v := range call.vars {
			sl := argSlot{lo + int64(v.Offset), int64(v.Size)}
			k, ok := slotIndex[sl]
			if !ok {
				k = len(slots)
				if k == 64 {
					break // the rest of this call's arguments are not checked
				}
				slotIndex[sl] = k
				slots = append(slots, sl)
			}
			call.slots = append(call.slots, k)
		}
		calls = append(calls, call)
	}
	if len(calls) == 0 {
		return
	}
	all := uint64(1)<<len(slots) - 1
	if len(slots) == 64 {
		all = ^uint64(0)
	}
	over := func(lo, hi int64) uint64 {
		var w uint64
		for k, sl := range slots {
			if lo < sl.off+sl.size && sl.off < hi {
				w |= 1 << k
			}
		}
		return w
	}
	written := func(i int, e frame.Inst) uint64 {
		st := p.sol.In[i]
		switch {
		case !e.Known, e.Flow == frame.FlowCall, e.Flow == frame.FlowIndirect, spAddress(p.fn.Arch, e), !st.Known:
			return all
		}
		var w uint64
		if e.SP.Kind == frame.SPDelta && e.SP.Delta < 0 {
			w |= over(st.Delta+e.SP.Delta, st.Delta) // a push
		}
		for j := range e.Mem() {
			m := &e.Mem()[j]
			if !m.Write || m.Addr {
				continue
			}
			switch m.Base {
			case frame.BaseSP, frame.BasePseudoSP, frame.BaseFP:
			default:
				continue // an address computed from SP went through spAddress
			}
			if m.Base == frame.BaseFP && m.Off >= 0 && m.OffOK {
				continue // the function's own arguments
			}
			off, ok := storeOffset(p, st, m)
			switch {
			case !ok || !m.OffOK:
				return all
			case m.Size == 0:
				w |= over(off, math.MaxInt64)
			default:
				w |= over(off, off+int64(m.Size))
			}
		}
		return w
	}
	sol := frame.Forward(p.fn, frame.Problem[argsState]{
		Join:  func(a, b argsState) argsState { return argsState{a.must & b.must, a.may | b.may} },
		Equal: func(a, b argsState) bool { return a == b },
		Transfer: func(i int, e frame.Inst, in argsState) argsState {
			w := written(i, e)
			return argsState{in.must | w, in.may | w}
		},
	})
	for _, call := range calls {
		in := sol.In[call.i]
		var missing []string
		some := false
		for n, k := range call.slots {
			if in.must&(1<<k) != 0 {
				continue
			}
			v := call.vars[n]
			some = some || in.may&(1<<k) != 0
			missing = append(missing, fmt.Sprintf("%s (%d bytes at %d(%s))", v.Name, v.Size, p.lay.OutArgs+int64(v.Offset), p.f.ABI.SP))
		}
		if len(missing) == 0 {
			continue
		}
		what := "is not written before the call"
		if len(missing) > 1 {
			what = "are not written before the call"
		}
		if some {
			what += " on every path to it"
		}
		noun, them := "argument", "it"
		if len(missing) > 1 {
			noun, them = "arguments", "them"
		}
		e := p.fn.Inst(call.i)
		c.Reportf(p.f, p.fn, e.Pos, "call to %s: %s %s %s: the callee reads whatever the stack held there; store %s before the CALL",
			call.name, noun, andList(missing), what, them)
	}
}

// appendLeaves appends v's scalar components (v itself if it has none)
// to vars, leaving out those of size zero.
func appendLeaves(vars []*abi.Var, v *abi.Var) []*abi.Var {
	if len(v.Inner) == 0 {
		if v.Size == 0 {
			return vars // nothing to write
		}
		return append(vars, v)
	}
	for _, in := range v.Inner {
		vars = appendLeaves(vars, in)
	}
	return vars
}

// checkTailArgs reports a tail call (JMP sym(SB) with the frame gone) to
// an ABI0 Go function whose arguments and results take more bytes than
// the caller was given: the callee's 0(FP) is the caller's, so it reads
// its missing arguments from, and writes its results into, the frame of
// the caller's caller. A caller entered from C was given no Go arguments
// at all.
func (c *Check) checkTailArgs(p *stackPass, index *textIndex, untouched map[*frame.Func]bool, cEntry func(*frame.Func) string, e frame.Inst, st frame.SPState) bool {
	if !st.Known || (e.Attrs&frame.AttrEpilogue == 0 && st.Delta != p.lay.Size) || e.Target().ABI == "ABIInternal" {
		return false
	}
	size, name, _ := c.calleeFrame(index, untouched, p, e)
	if size <= 0 {
		return false
	}
	who := funcName(p.fn)
	var have int64
	var given string
	if d, fr := c.declFrame(p.f, p.fn); fr != nil {
		have, given = int64(fr.ArgSize), signature(d)
	} else if p.fn.HasArgs {
		have, given = p.fn.Args, fmt.Sprintf("TEXT …-%d", p.fn.Args)
	} else if why := cEntry(p.fn); why != "" {
		c.Reportf(p.f, p.fn, e.Pos, "tail call to %s, which takes %d bytes of arguments and results at 0(FP), from %s, which is entered from C (%s): "+
			"C passes no arguments on the stack, so the callee reads garbage from the C caller's frame above the return address and writes its results over it; "+
			"CALL the callee from a frame with its arguments written at its 0(FP) (C's argument registers hold them)",
			name, size, who, why)
		return true
	} else {
		return false
	}
	if have >= size {
		return false
	}
	c.Reportf(p.f, p.fn, e.Pos, "tail call to %s, which takes %d bytes of arguments and results at 0(FP), from %s, whose caller passes only %d (%s): "+
		"a tail call hands over the caller's argument area, so bytes %d..%d lie in the frame of whoever called %s, where the callee reads garbage and writes its results over that caller's data; "+
		"declare %s with at least the callee's arguments and results, or CALL the callee from a frame with its arguments written",
		name, size, who, have, given, have, size-1, who, who)
	return true
}

// calleeFrame returns the ABI0 argument+result size of what e calls, a
// description of where it comes from, and the callee's ABI0 frame when its
// layout is known (a TEXT without Go declaration gives only its size). The
// size is 0 when unknown, or when the callee is an assembly function of the
// package that never touches the area (argsUntouched, remembered in
// untouched).
func (c *Check) calleeFrame(index *textIndex, untouched map[*frame.Func]bool, p *stackPass, e frame.Inst) (int64, string, *abi.Frame) {
	if e.Target().Off != 0 {
		// CALL ·entry+1563(SB) enters code inside the function, not the
		// function: chenzhuoyu/base64x's asm2asm output calls C routines
		// laid out in ·__native_entry__'s body, with register arguments.
		return 0, "", nil
	}
	if g := index.callee(p.fn, e); g != nil {
		u, ok := untouched[g]
		if !ok {
			u = argsUntouched(g)
			untouched[g] = u
		}
		if u {
			return 0, "", nil
		}
		if _, fr := c.declFrame(p.f, g); fr != nil {
			return int64(fr.ArgSize), signature(c.Pkg.DeclOf(g)), fr
		}
		if g.HasArgs && g.Args > 0 {
			return g.Args, fmt.Sprintf("%s (TEXT …-%d)", g.Name, g.Args), nil
		}
		return 0, "", nil
	}
	pkg, name, dot := frame.SplitSym(e.Target().Sym)
	if !dot || e.Target().Indirect {
		return 0, "", nil
	}
	var obj *types.Func
	if index.local(pkg) {
		if c.Pass.Pkg != nil {
			obj, _ = c.Pass.Pkg.Scope().Lookup(name).(*types.Func)
		}
	} else {
		obj = lookupFunc(c.Pkg, pkg, name)
	}
	if obj == nil {
		return 0, "", nil
	}
	fr, err := abi.NewFrame(obj.Type().(*types.Signature), p.f.ABI)
	if err != nil {
		return 0, "", nil
	}
	name = obj.FullName()
	if index.local(pkg) {
		name = obj.Name()
	}
	return int64(fr.ArgSize), name + signatureTail(obj), fr
}

// argsUntouched reports whether the assembly function g leaves its
// argument area alone, so that a caller need not have room for it: g
// takes its inputs in registers, as the wrappers that c2goasm-style
// generators write around a native function declared in Go only to give
// it a prototype (apache/arrow-go's *_neon_arm64.s: MOVD src+0(FP), R0 …
// CALL ·_c2goasm_native_…(SB), whose body reads R0–R3). No instruction
// of g may use the stack pointer (frame.Inst.UsesStack: no FP, pseudo-SP
// or hardware-SP operand, no read or move of SP, no instruction asmcheck
// does not know but an arm64 WORD that names no SP), so that no access
// reaches the area; and g must have no stack check and make no call or
// jump out, so that the runtime never scans or copies the stack while g
// is on it (only then would it read the area, through the argument
// pointer map its Go declaration gives: runtime/stkframe.go
// argMapInternal, runtime/stack.go adjustframe).
func argsUntouched(g *frame.Func) bool {
	if g.Layout().StackCheck {
		return false
	}
	for i := range g.Insts {
		e := g.Inst(i)
		switch e.Flow {
		case frame.FlowCall, frame.FlowTailCall, frame.FlowIndirect:
			return false
		}
		if e.UsesStack() {
			return false
		}
	}
	return true
}

// argReads is what an assembly function reads of its arguments: the
// byte ranges [lo, hi) of name+off(FP) loads, or everything (all).
type argReads struct {
	all    bool
	ranges [][2]int64
}

// reads reports whether r covers a byte of [off, off+size).
func (r argReads) reads(off, size int64) bool {
	if r.all {
		return true
	}
	for _, rg := range r.ranges {
		if off < rg[1] && rg[0] < off+size {
			return true
		}
	}
	return false
}

// argsRead returns the arguments g reads through FP, when that is all it
// can read of them: g has no stack check, calls nothing and jumps nowhere
// out of itself (morestack, and the garbage collector at a call's safe
// point, read every argument slot the Go declaration makes a pointer), no
// instruction asmcheck does not know, no access through SP or pseudo-SP,
// no copy of SP and no address or access of unknown offset or width
// through FP. parquet-go/bitpack's unpackInt32Default is called with only
// the slices' bases and lengths written, the only words it loads.
func argsRead(g *frame.Func) argReads {
	all := argReads{all: true}
	if g.Layout().StackCheck {
		return all
	}
	var r argReads
	for i := range g.Insts {
		e := g.Inst(i)
		switch e.Flow {
		case frame.FlowCall, frame.FlowTailCall, frame.FlowIndirect:
			return all
		}
		if !e.UsesStack() {
			continue
		}
		if !e.Known {
			return all
		}
		viaFP := false // an FP operand reads SP
		for _, m := range e.Mem() {
			viaFP = viaFP || m.Base == frame.BaseFP
		}
		if e.SP.Kind == frame.SPNone && !viaFP {
			for _, rd := range e.Reads() {
				if rd.Reg == g.Arch.SP {
					return all // MOVQ SP, AX: an address in the frame
				}
			}
		}
		for _, m := range e.Mem() {
			switch m.Base {
			case frame.BaseSP, frame.BasePseudoSP:
				return all
			case frame.BaseFP:
				if m.Addr || !m.OffOK || m.Size <= 0 {
					return all
				}
				if m.Read {
					r.ranges = append(r.ranges, [2]int64{m.Off, m.Off + int64(m.Size)})
				}
			}
		}
	}
	return r
}

// signatureTail renders obj's parameters and results: "(x int) int".
func signatureTail(obj *types.Func) string {
	s := types.TypeString(obj.Type(), types.RelativeTo(obj.Pkg()))
	return s[len("func"):]
}

// checkOutArgs reports a call whose outgoing area [SP+OutArgs,
// SP+OutArgs+size) reaches past the frame's own slots.
func (c *Check) checkOutArgs(p *stackPass, e frame.Inst, st frame.SPState, size int64, callee string) bool {
	lo := st.Delta + p.lay.OutArgs
	slot := p.lay.Slot(lo, size)
	switch slot {
	case frame.SlotSavedFP, frame.SlotSavedLR, frame.SlotRetAddr, frame.SlotCallerFP, frame.SlotCallerLR, frame.SlotArgs:
	default:
		return false
	}
	need := roundUp8(size + st.Delta + p.lay.OutArgs - p.lay.LocalsLo)
	op := frameSizeOperand(p.fn)
	fixed := withFrameSize(op.Text, need)
	c.Report(Diag{File: p.f, Fn: p.fn, Pos: e.Pos, Msg: fmt.Sprintf(
		"call to %s needs %d bytes of arguments and results at %d(SP)..%d(SP), but the frame has %d bytes of locals (%s): "+
			"the arguments overwrite the %s: %s; declare the frame as %s",
		callee, size, lo, lo+size-1, max(p.fn.Frame, 0), localsRange(p.lay), slot, harm(p.lay, slot), fixed),
		Fixes: replaceText(p.f, op.Pos, op.Text, fixed, "set the frame size to "+fmt.Sprint(need))})
	return true
}

// checkHomeArea reports a direct call into C, under a C ABI that gives
// the callee a home area above its return address (Windows x64: 32
// bytes, where the callee may store its four register arguments), made
// where that area is not inside the caller's own locals. Where SP is
// only bounded (aligned by AND after a known move), the part of the
// area that every possible SP covers is what counts.
func (c *Check) checkHomeArea(p *stackPass, index *textIndex, e frame.Inst, st frame.SPState) bool {
	cabi := p.f.ABI.CABIFor(p.f.GOOS)
	if cabi == nil || cabi.HomeArea == 0 || !isCCall(index, p, e) {
		return false
	}
	lo, hi, ok := st.Range()
	size := int64(cabi.HomeArea)
	if !ok || lo+size <= hi {
		return false
	}
	slot := p.lay.Slot(hi, lo+size-hi) // the bytes every possible SP's area covers
	switch slot {
	case frame.SlotSavedFP, frame.SlotRetAddr, frame.SlotArgs:
	default:
		return false
	}
	at := fmt.Sprintf("%d(SP)", lo)
	if lo != hi {
		at = fmt.Sprintf("%d..%d(SP) (SP was aligned with AND)", lo, hi)
	}
	frameHas := "the frame has no locals"
	if p.lay.LocalsHi > p.lay.LocalsLo {
		frameHas = fmt.Sprintf("the frame's locals end at %d(SP)", p.lay.LocalsHi-1)
	}
	fix := fmt.Sprintf("move SP at least %d bytes below the top of the locals before the call", size)
	if st.Known && lo >= p.lay.LocalsLo {
		fix = fmt.Sprintf("declare the frame as %s or move SP %d bytes lower before the call",
			withFrameSize(frameSizeOperand(p.fn).Text, roundUp8(lo+size-p.lay.LocalsLo)), size)
	}
	c.Reportf(p.f, p.fn, e.Pos, "call to the C function %s with SP at %s: the %s ABI lets the callee write the %d bytes above its return address "+
		"(its home area, where it may store its register arguments: runtime/asm_amd64.s reserves it with ADJSP $32 before calling C), "+
		"and %s, so the area reaches into the %s: %s; %s",
		e.Target().Sym, at, cabi.Name, size, frameHas, slot, harm(p.lay, slot), fix)
	return true
}

// frameSizeOperand returns the $frame-args operand of fn's TEXT, its last.
func frameSizeOperand(fn *frame.Func) *asmparse.Operand {
	text := &fn.File.Stmts[fn.Text]
	return &text.Args[len(text.Args)-1]
}

// withFrameSize rewrites "$8-16" or "$8" to declare size bytes of locals.
func withFrameSize(text string, size int64) string {
	body := strings.TrimPrefix(text, "$")
	args := ""
	if i := strings.LastIndex(body, "-"); i > 0 {
		args = body[i:]
	}
	return fmt.Sprintf("$%d%s", size, args)
}

func runSPBalance(c *Check) {
	var index *textIndex
	c.eachStackFunc(func(p *stackPass) {
		if index == nil {
			index = newTextIndex(c.Pkg)
		}
		c.checkJoins(p)
		for i := range p.fn.Insts {
			e := p.fn.Inst(i)
			st := p.sol.In[i]
			if !p.sol.Reached[i] || !st.Known {
				continue
			}
			if st.Delta > 0 && p.lay.Frameless {
				// Popping past the entry SP in a frameless function
				// drops the return address or an injected frame on
				// purpose (windows callbackasm1, arm64 asyncPreempt).
				continue
			}
			switch {
			case e.Attrs&frame.AttrEpilogue != 0 && st.Delta != 0:
				c.Reportf(p.f, p.fn, e.Pos, "%s with SP %s: the epilogue the assembler writes pops only the %d-byte frame, "+
					"so the function returns with SP off by %d and the caller's frame is corrupt; restore SP (ADD/POP) before it",
					e.Op(), spMoved(st.Delta), p.lay.Size, max(st.Delta, -st.Delta))
			case e.Flow == frame.FlowTailCall && e.Attrs&frame.AttrEpilogue == 0 && st.Delta != p.lay.Size && c.returns(index, p.fn, e):
				c.reportTailJump(p, e, st)
			}
		}
	})
}

// returns reports whether the target of the tail jump e is known to
// return to its caller (where a frame left on the stack does harm): a
// TEXT of the package with a reachable return, or a Go function outside
// the runtime, internal/runtime/… and reflect, whose Go functions reached
// by JMP from assembly are their no-return error paths (badmcall, abort).
func (c *Check) returns(index *textIndex, fn *frame.Func, e frame.Inst) bool {
	if g := index.callee(fn, e); g != nil {
		return canReturn(g)
	}
	pkg, name, dot := frame.SplitSym(e.Target().Sym)
	if !dot || e.Target().Indirect {
		return false
	}
	if index.local(pkg) {
		if c.Pass.Pkg == nil || asyncUnsafe(c.Pass.Pkg.Path()) {
			return false
		}
		_, ok := c.Pass.Pkg.Scope().Lookup(name).(*types.Func)
		return ok
	}
	return !asyncUnsafe(pkg) && lookupFunc(c.Pkg, pkg, name) != nil
}

// canReturn reports whether fn has a reachable return, tail call or
// indirect jump.
func canReturn(fn *frame.Func) bool {
	g := fn.CFG()
	for _, b := range g.Blocks {
		if !fn.BlockReachable(b.Index) {
			continue
		}
		switch fn.Insts[b.Last()].Flow {
		case frame.FlowReturn, frame.FlowTailCall, frame.FlowIndirect:
			return true
		}
	}
	return false
}

// reportTailJump reports a JMP to another function that leaves part of
// the frame (or of what the body pushed) on the stack.
func (c *Check) reportTailJump(p *stackPass, e frame.Inst, st frame.SPState) {
	left := p.lay.Size - st.Delta
	fix := "pop it before the jump"
	if st.Delta == 0 {
		fix = fmt.Sprintf("write RET %s (the assembler pops the frame first) or make the function frameless", e.Target())
	}
	c.Reportf(p.f, p.fn, e.Pos, "jump to %s with %d bytes of this function's stack still allocated (a %d-byte frame, and SP %s after the prologue): "+
		"the assembler pops no frame at a JMP, so %s runs with SP off and returns to the wrong address; %s",
		e.Target(), left, p.lay.Size, spMoved(st.Delta), e.Target(), fix)
}

// checkJoins reports each block where paths with different known SP
// deltas meet.
func (c *Check) checkJoins(p *stackPass) {
	g := p.fn.CFG()
	for _, b := range g.Blocks {
		if len(b.Preds) < 2 || !p.sol.Reached[b.Start] {
			continue
		}
		deltas := map[int64]bool{}
		for _, pred := range b.Preds {
			if !p.sol.Reached[pred.Last()] {
				continue
			}
			if out := p.sol.Out(p.fn, frame.SPProblem(p.fn.Arch), pred.Last()); out.Known {
				deltas[out.Delta] = true
			}
		}
		if len(deltas) > 1 && stackUsedFrom(p.fn, b) {
			c.Reportf(p.f, p.fn, p.fn.Insts[b.Start].Pos, "paths with different SP offsets join here (%s): whatever follows "+
				"addresses the stack wrongly on some of them; make every path push and pop the same amount", deltaList(deltas))
		}
	}
}

// stackUsedFrom reports whether some path from the start of block b uses
// the stack (Inst.UsesStack: an SP-based operand, a push, a read of SP;
// or a call, return or jump out) before SP is set anew from a register
// that does not hold an SP-derived value: aead/poly1305's updateAVX2 saves
// SP in AX, moves it down on one path only, joins, works through SI alone
// and puts SP back with MOVQ AX, SP. Where the paths join, nothing is yet
// addressed wrongly.
func stackUsedFrom(fn *frame.Func, b *frame.Block) bool {
	sp := fn.Arch.SP
	seen := map[*frame.Block]bool{b: true}
	work := []*frame.Block{b}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		reset := false
		for i := b.Start; i < b.End && !reset; i++ {
			e := fn.Inst(i)
			if e.SP.Kind == frame.SPUnknown && e.Known && len(e.Mem()) == 0 && !reads(e, sp) {
				reset = true // MOVQ AX, SP
				break
			}
			switch e.Flow {
			case frame.FlowCall, frame.FlowReturn, frame.FlowTailCall, frame.FlowIndirect:
				return true
			}
			if e.UsesStack() {
				return true
			}
		}
		if reset {
			continue
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	return false
}

// deltaList renders the SP offsets of a join for messages: moves one way,
// the smallest first ("SP moved down by 0 and 16 bytes"); moves both ways,
// each in words, the lowest SP first ("SP moved down by 8 bytes and moved
// up by 8 bytes").
func deltaList(deltas map[int64]bool) string {
	ds := slices.Sorted(maps.Keys(deltas))
	lo, hi := ds[0], ds[len(ds)-1]
	var moved []string
	if lo < 0 && hi > 0 {
		for _, d := range ds {
			moved = append(moved, spMoved(d))
		}
		return "SP " + strings.Join(moved, " and ")
	}
	for _, d := range ds {
		moved = append(moved, fmt.Sprint(max(d, -d)))
	}
	dir := "up"
	if hi <= 0 {
		dir = "down"
		slices.Reverse(moved)
	}
	return "SP moved " + dir + " by " + strings.Join(moved, " and ") + " bytes"
}

// spMoved describes SP moved by delta bytes since the function's entry or
// its prologue (negative: the stack grew) for messages: "moved down by 16
// bytes", "moved up by 8 bytes", "not moved". Down is toward lower
// addresses, where the stack grows, on every arch Go supports.
func spMoved(delta int64) string {
	switch {
	case delta < 0:
		return fmt.Sprintf("moved down by %d bytes", -delta)
	case delta > 0:
		return fmt.Sprintf("moved up by %d bytes", delta)
	}
	return "not moved"
}

func runSPAlign(c *Check) {
	var index *textIndex
	c.eachStackFunc(func(p *stackPass) {
		if index == nil {
			index = newTextIndex(c.Pkg)
		}
		a := p.f.ABI
		for i := range p.fn.Insts {
			if !p.sol.Reached[i] {
				continue
			}
			e := p.fn.Inst(i)
			st := p.sol.In[i]
			if a.SPAlignTrap && c.checkTrapAlign(p, e, st, int64(a.StackAlign)) {
				return
			}
			if e.Flow != frame.FlowCall {
				continue
			}
			if msg := c.cAlignProblem(p, index, i, st); msg != "" {
				// One report a function; the other C calls made with SP
				// as misaligned are listed.
				var more []int
				for j := i + 1; j < len(p.fn.Insts); j++ {
					if g := p.fn.Inst(j); p.sol.Reached[j] && g.Flow == frame.FlowCall && c.cAlignProblem(p, index, j, p.sol.In[j]) != "" {
						more = append(more, c.Pass.Fset.Position(g.Pos).Line)
					}
				}
				if k := strings.Index(msg, ": "); k >= 0 && len(more) > 0 {
					msg = msg[:k] + " (and " + linesList("the call", "the calls", more) + ")" + msg[k:]
				}
				c.Reportf(p.f, p.fn, e.Pos, "%s", msg)
				return
			}
		}
	})
}

// checkTrapAlign reports an SP-based access or a call while SP is not
// aligned on an arch whose hardware checks it.
func (c *Check) checkTrapAlign(p *stackPass, e frame.Inst, st frame.SPState, align int64) bool {
	if _, no := st.Aligned(align); !no {
		return false
	}
	what := ""
	if e.Flow == frame.FlowCall {
		what = fmt.Sprintf("call to %s", e.Target())
	}
	for j := range e.Mem() {
		if m := &e.Mem()[j]; !m.Addr && (m.Base == frame.BaseSP || m.Base == frame.BaseFP || m.Base == frame.BasePseudoSP) {
			what = fmt.Sprintf("%s %s, an access based on SP,", e.Op(), e.MemText(m))
			break
		}
	}
	if what == "" {
		return false
	}
	c.Reportf(p.f, p.fn, e.Pos, "%s with SP %s: Linux runs arm64 code with SP alignment checking on (SCTLR_EL1.SA0), so an SP-based "+
		"load or store raises SIGBUS (ebitengine/purego#207), and a callee's prologue does one; move SP by multiples of %d",
		what, misalignment(st, align), align)
	return true
}

// misalignment describes SP's residue for messages.
func misalignment(st frame.SPState, align int64) string {
	if st.Known {
		return fmt.Sprintf("%s, not a multiple of %d", spMoved(st.Delta), align)
	}
	return fmt.Sprintf("%d bytes off a multiple of %d", int64(st.Mod)%align, align)
}

// cAlignProblem says what is wrong with e, a call into C while SP is
// known not to be aligned as the C ABI requires, or returns "". Known only after the function aligned SP itself
// (AND $~(n-1), SP), which Go code never needs: a call to a symbol without
// package qualifier that the package does not define, or, once SP was
// aligned so, a call through a register (asmcgocall's CALL AX); or a call
// through a register that holds a C function's address (cPointerIn).
func (c *Check) cAlignProblem(p *stackPass, index *textIndex, i int, st frame.SPState) string {
	e := p.fn.Inst(i)
	cabi := p.f.ABI.CABIFor(p.f.GOOS)
	if cabi == nil || cabi.StackAlign == 0 {
		return ""
	}
	align := int64(cabi.StackAlign)
	callee := ""
	switch {
	case e.Target().Indirect:
		if sym := cPointerIn(p.fn, i); sym != "" {
			callee = "the C function whose address " + sym + " holds"
			break
		}
		if int64(st.Align) < align {
			return ""
		}
		callee = "C code through a register (SP was aligned for it)"
	case isCCall(index, p, e):
		callee = "the C function " + e.Target().Sym
	default:
		return ""
	}
	yes, no := st.Aligned(align)
	if !yes && !no && c.calledFromGo(p) && st.SameStack && int64(p.f.ABI.StackAlign) < align {
		// Entered from Go with SP aligned only as Go keeps it, and not
		// aligned since. (A call through a register gets here only once
		// SP was aligned, when yes or no is known.)
		return fmt.Sprintf("call to %s with SP not known to be %d-byte aligned: %s is called from Go code (its declaration "+
			"has arguments), which keeps SP only %d-byte aligned on %s (internal/goarch: _StackAlign), but the %s ABI requires SP "+
			"%d-byte aligned at a call (C compilers assume it: on x86, aligned SSE spills fault on a misaligned stack); "+
			"align SP first: keep the old SP in a callee-saved register, AND $~%d into SP, and restore SP after the call, as runtime's asmcgocall does",
			callee, align, p.fn.Name, p.f.ABI.StackAlign, p.f.Arch.Name, cabi.Name, align, align-1)
	}
	if !no {
		return ""
	}
	return fmt.Sprintf("call to %s with SP %s: the %s ABI requires SP %d-byte aligned at a call "+
		"(compilers spill with aligned SSE stores, which fault on a misaligned stack); keep the AND $~%d alignment: move SP by multiples of %d after it",
		callee, misalignment(st, align), cabi.Name, align, align-1, align)
}

// cPointerIn returns the symbol whose value the register that instruction i calls
// through holds, when that makes e a call into C: an earlier instruction
// of its block loaded the register from a C variable (a symbol without
// package qualifier: cgo's hooks, MOVQ _cgo_sigaction(SB), AX) or from
// one of the runtime's vDSO entry points (runtime·vdsoClockgettimeSym),
// or moved the address of a C function into it (MOVQ $libc_getpid(SB),
// AX). Otherwise it returns "".
func cPointerIn(fn *frame.Func, i int) string {
	r := fn.Inst(i).Target().Reg
	if r == frame.NoReg {
		return ""
	}
	j := lastWrite(fn, fn.CFG().BlockOf(i), i, r)
	if j < 0 {
		return ""
	}
	w := fn.Inst(j)
	s := &fn.File.Stmts[w.Stmt]
	if !w.Known || w.Flow != frame.FlowNext || len(w.Writes()) != 1 || len(s.Args) != 2 || len(w.Mem()) != 1 {
		return ""
	}
	a := &s.Args[0]
	if (a.Kind != asmparse.MemOp && a.Kind != asmparse.AddrOp) || a.Reg() != "SB" || a.Sym() == "" || a.Index() != "" {
		return ""
	}
	sym := a.Sym()
	pkg, name, dot := frame.SplitSym(sym)
	switch {
	case !dot:
		return sym
	case a.Kind == asmparse.MemOp && pkg == "runtime" && strings.HasPrefix(name, "vdso") && strings.HasSuffix(name, "Sym"):
		return sym
	}
	return ""
}

// calledFromGo reports whether the function of p is called by Go code on
// its goroutine's stack: its Go declaration has arguments or results. (A
// function that Go code hands to asmcgocall or libcCall, the runtime's
// darwin and openbsd trampolines, is declared without them: it takes its
// argument in a register, on the system stack that asmcgocall aligned.)
func (c *Check) calledFromGo(p *stackPass) bool {
	d := c.Pkg.DeclOf(p.fn)
	if d == nil || d.Func == nil {
		return false
	}
	sig, ok := d.Func.Type().(*types.Signature)
	return ok && (sig.Params().Len() > 0 || sig.Results().Len() > 0)
}

// isCCall reports whether e calls a C function directly: a symbol without
// package qualifier that the package does not define (libc_getpid(SB)).
func isCCall(index *textIndex, p *stackPass, e frame.Inst) bool {
	return unqualified(e) && index.callee(p.fn, e) == nil
}

// unqualified reports whether e's target is a symbol without package
// qualifier (libc_getpid(SB)), the way a C function is named.
func unqualified(e frame.Inst) bool {
	t := e.Target()
	if t.Sym == "" || t.Indirect {
		return false
	}
	_, _, dot := frame.SplitSym(t.Sym)
	return !dot
}

func runFPStale(c *Check) {
	c.eachStackFunc(func(p *stackPass) {
		for i := range p.fn.Insts {
			st := p.sol.In[i]
			if !p.sol.Reached[i] || !st.FPStale {
				continue
			}
			e := p.fn.Inst(i)
			for j := range e.Mem() {
				m := &e.Mem()[j]
				if m.Base != frame.BaseFP && m.Base != frame.BasePseudoSP {
					continue
				}
				c.reportStale(p, e, m, st)
				break
			}
		}
	})
}

// reportStale reports one stale FP or pseudo-SP reference.
func (c *Check) reportStale(p *stackPass, e frame.Inst, m *frame.Mem, st frame.SPState) {
	skew := st.Skew(p.fn.Arch)
	why := "arm64 computes name+off(FP) and name-off(SP) from the frame size alone and never corrects them for SP changes"
	if p.fn.Arch.FPFollowsSP {
		why = "the assembler corrects name+off(FP) and name-off(SP) for PUSH, POP and ADJSP only, not for other SP arithmetic"
	}
	dir := "below"
	if skew > 0 {
		dir = "above"
	}
	abs := max(skew, -skew)
	c.Report(Diag{File: p.f, Fn: p.fn, Pos: memPos(p.fn, e, m), Msg: fmt.Sprintf(
		"%s %s with SP %s: %s, so this addresses the slot %d bytes %s %s; "+
			"read it before moving SP, or adjust the offset by hand through SP",
		e.Op(), e.MemText(m), spMoved(st.Delta), why, abs, dir, e.MemText(m))})
}
