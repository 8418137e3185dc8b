package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/asmcheck/asmcheck/asmparse"

	"github.com/asmcheck/asmcheck/frame"
)

// The vzeroupper check: code that leaves the upper halves of the YMM/ZMM
// registers dirty makes the SSE code that runs next pay for the AVX-SSE
// transition (a state save on Intel before Ice Lake, a false dependency on
// every SSE instruction after), until something runs VZEROUPPER. Go's
// compiled code is SSE; Intel's optimization manual asks for VZEROUPPER
// before leaving AVX code (minio/md5-simd#5, minio/blake2b-simd#24).

func runVZeroUpper(c *Check) {
	var rc *regCtx
	c.EachFunc(func(f *File, fn *frame.Func) {
		if !fn.Dot && !fn.Static {
			// C-style functions are called from assembly, and may
			// return values in YMM or ZMM registers.
			return
		}
		wide := hasWide(fn)
		if !wide && !hasDirectCall(fn) {
			return
		}
		if rc == nil {
			rc = newRegCtx(c)
		}
		if !wide && !rc.callsDirtying(fn) {
			return
		}
		if fn.Static && !rc.tailEntered(fn) {
			// So are static ones (internal/runtime/gc/scan's
			// expandAVX512_N<>), unless only Go-called functions jump
			// to them.
			return
		}
		// The state before an instruction: the first instruction that
		// made the upper halves dirty on some path, or vzuUnknown (clean
		// as far as the function knows: at the entry, after a call it
		// cannot follow) or vzuCleared (after VZEROUPPER, VZEROALL, or
		// what may be one).
		sol := rc.vzuFlow(fn, vzuUnknown)
		asmOnly := -1 // rc.asmOnly(fn), asked at the first dirty RET
		for i := range fn.Insts {
			e := fn.Inst(i)
			if !sol.Reached[i] || sol.In[i] < 0 || !leavesAVX(rc, fn, e) {
				continue
			}
			if e.Flow == frame.FlowReturn {
				if asmOnly < 0 {
					asmOnly = 0
					if rc.asmOnly(fn) {
						asmOnly = 1
					}
				}
				if asmOnly == 1 {
					continue // it returns to assembly, as a static function does
				}
			}
			reportVZeroUpper(c, f, fn, e, sol.In[i])
		}
	})
}

// vzuFlow solves the vzeroupper check's dataflow over fn from the state
// entry: vzuUnknown for a function checked on its own, vzuEntry for the
// summary of a callee (vzuSummary).
func (rc *regCtx) vzuFlow(fn *frame.Func, entry int32) *frame.Solution[int32] {
	return frame.Forward(fn, frame.Problem[int32]{
		Entry: entry,
		Join:  joinVZU,
		Equal: func(a, b int32) bool { return a == b },
		Transfer: func(i int, e frame.Inst, in int32) int32 {
			switch {
			case e.Attrs&frame.AttrVZeroUpper != 0:
				return vzuCleared
			case e.Flow == frame.FlowCall:
				return rc.vzuAfterCall(fn, i, e, in)
			case in < 0 && fn.Arch.DirtiesUpper(e):
				return int32(i)
			case in == vzuUnknown && fn.Arch.ReadsUpper(e):
				// A read of an upper half that nothing cleared
				// shows that something (a callee, a function that
				// jumped here) made the state dirty.
				return int32(i)
			case !e.Known && e.Attrs&frame.AttrStackNeutral == 0:
				// Not known, or data not decoded: it may clear them.
				// (Decoded data says what it does: AttrWide,
				// AttrVZeroUpper, or neither.)
				return vzuCleared
			}
			return in
		},
	})
}

// vzuAfterCall returns the state after e, the call at i, with in before
// it: what the callee leaves when it is an assembly function of the
// package (vzuSummary: minio/simdjson-go's callers make Y8 and Y9 dirty,
// call a helper that computes in YMM registers, and rely on their own
// VZEROUPPER after it), else vzuUnknown.
func (rc *regCtx) vzuAfterCall(fn *frame.Func, i int, e frame.Inst, in int32) int32 {
	g := rc.idx.callee(fn, e)
	if g == nil || e.Target().Indirect {
		return vzuUnknown
	}
	switch rc.vzuSummary(g) {
	case vzuExitClean:
		return vzuCleared
	case vzuExitDirty:
		if in >= 0 {
			return in // dirty already: the first cause stays
		}
		return int32(i)
	case vzuExitPreserves:
		return in
	}
	return vzuUnknown
}

// What an assembly function leaves in the upper halves when it returns
// (vzuSummary).
const (
	vzuExitUnknown   = iota // not known: a call it cannot follow, a cycle of calls, no return
	vzuExitPreserves        // on some path, what it was entered with
	vzuExitClean            // cleared on every path
	vzuExitDirty            // dirty on some path
)

// vzuSummary returns what fn, an assembly function of the package, leaves
// in the upper halves when it returns, found once (a function in a cycle
// of calls gives vzuExitUnknown to the calls inside the cycle).
func (rc *regCtx) vzuSummary(fn *frame.Func) int {
	if s, ok := rc.vzu[fn]; ok {
		return s
	}
	if rc.vzu == nil {
		rc.vzu = map[*frame.Func]int{}
	}
	rc.vzu[fn] = vzuExitUnknown
	sol := rc.vzuFlow(fn, vzuEntry)
	s, exits := vzuExitClean, 0
	for i := range fn.Insts {
		e := fn.Inst(i)
		if !sol.Reached[i] || e.Flow != frame.FlowReturn && e.Flow != frame.FlowTailCall {
			continue
		}
		exits++
		st := sol.In[i]
		if e.Flow == frame.FlowTailCall {
			st = rc.vzuAfterCall(fn, i, e, st)
		}
		switch {
		case st >= 0:
			s = vzuExitDirty
		case st == vzuUnknown && s != vzuExitDirty:
			s = vzuExitUnknown
		case st == vzuEntry && s == vzuExitClean:
			s = vzuExitPreserves
		}
	}
	if exits == 0 {
		s = vzuExitUnknown
	}
	rc.vzu[fn] = s
	return s
}

// hasWide reports whether fn makes the upper state dirty somewhere, or
// reads an upper half that something made dirty.
func hasWide(fn *frame.Func) bool {
	for i := range fn.Insts {
		if e := fn.Inst(i); fn.Arch.DirtiesUpper(e) || fn.Arch.ReadsUpper(e) {
			return true
		}
	}
	return false
}

// hasDirectCall reports whether fn calls a symbol directly.
func hasDirectCall(fn *frame.Func) bool {
	for i := range fn.Insts {
		if e := fn.Inst(i); e.Flow == frame.FlowCall && e.Target().Sym != "" && !e.Target().Indirect {
			return true
		}
	}
	return false
}

// callsDirtying reports whether fn calls an assembly function of the
// package that may return with the upper halves dirty.
func (rc *regCtx) callsDirtying(fn *frame.Func) bool {
	for i := range fn.Insts {
		if e := fn.Inst(i); e.Flow == frame.FlowCall && !e.Target().Indirect {
			if g := rc.idx.callee(fn, e); g != nil && rc.vzuSummary(g) == vzuExitDirty {
				return true
			}
		}
	}
	return false
}

// The clean states of the vzeroupper check's dataflow, ordered so that a
// join keeps the greatest: a path of unknown state hides one that is as
// at the entry, which hides one that cleared.
const (
	vzuUnknown int32 = -1 // clean as far as the function knows (entry, after a call)
	vzuEntry   int32 = -2 // as at the entry of a callee being summarized (vzuSummary)
	vzuCleared int32 = -3 // cleared by VZEROUPPER or VZEROALL on every path
)

// joinVZU keeps the first dirtying instruction of any path, and else the
// greatest of the clean states.
func joinVZU(a, b int32) int32 {
	if a < 0 && b < 0 {
		return max(a, b)
	}
	return joinDirty(a, b)
}

// joinDirty keeps the first dirtying instruction of any path.
func joinDirty(a, b int32) int32 {
	switch {
	case a < 0:
		return b
	case b < 0:
		return a
	}
	return min(a, b)
}

// leavesAVX reports whether e hands control to code that may run SSE
// instructions: a return, or a call or tail call to anything but an
// assembly function of the package (which may take YMM arguments, and is
// checked on its own) or a register (unknown).
func leavesAVX(rc *regCtx, fn *frame.Func, e frame.Inst) bool {
	switch e.Flow {
	case frame.FlowReturn:
		return true
	case frame.FlowCall, frame.FlowTailCall:
		return e.Target().Sym != "" && !e.Target().Indirect && rc.idx.callee(fn, e) == nil
	}
	return false
}

func reportVZeroUpper(c *Check, f *File, fn *frame.Func, e frame.Inst, dirty int32) {
	what := "RET"
	switch e.Flow {
	case frame.FlowCall:
		what = "call to " + e.Target().Sym
	case frame.FlowTailCall:
		what = "tail call to " + e.Target().Sym
	}
	w := fn.Inst(int(dirty))
	line := c.Pass.Fset.Position(w.Pos).Line
	writer := w.Op()
	if w.Attrs&frame.AttrData != 0 {
		writer = "the data (" + writer + ")"
	}
	does := "writes a 256- or 512-bit register"
	switch {
	case w.Flow == frame.FlowCall:
		does = "returns from " + w.Target().Sym + ", which leaves them dirty"
	case !fn.Arch.DirtiesUpper(w):
		does = "reads a 256- or 512-bit register, whose upper half a callee or the code before left dirty"
	}
	c.Report(Diag{File: f, Fn: fn, Pos: e.Pos, Msg: fmt.Sprintf(
		"%s with dirty upper halves of the YMM/ZMM registers (%s on line %d %s, and no VZEROUPPER follows): "+
			"the SSE code that runs next, Go's included, pays the AVX-SSE transition penalty on every instruction until something clears them "+
			"(Intel optimization manual; minio/md5-simd#5); add VZEROUPPER before it",
		what, writer, line, does),
		Fixes: insertBefore(f, e, "VZEROUPPER", "insert VZEROUPPER")})
}

// insertBefore returns a fix that inserts the instruction text on its own
// line before e, with e's indentation, or nil when e's mnemonic is not in
// the file as written (it came from a macro).
func insertBefore(f *File, e frame.Inst, text, msg string) []analysis.SuggestedFix {
	s := &f.Stmts[e.Stmt]
	off := int(e.Pos - f.Base)
	if s.Exp != nil || off < 0 || off+len(s.Op) > len(f.Src) || f.Src[off:off+len(s.Op)] != s.Op {
		return nil
	}
	start := off
	for start > 0 && (f.Src[start-1] == ' ' || f.Src[start-1] == '\t') {
		start--
	}
	indent := f.Src[start:off]
	if start > 0 && f.Src[start-1] != '\n' {
		indent = "\t" // after a label: the new line gets a tab
	}
	return []analysis.SuggestedFix{{Message: msg, TextEdits: []analysis.TextEdit{
		{Pos: e.Pos, End: e.Pos, NewText: []byte(text + "\n" + indent)}}}}
}

// tailEntered reports whether fn, a static function, is entered only by
// tail calls (JMP f<>(SB)) from functions that return to Go code (with a
// middle dot, not static, not called only by the package's assembly): its
// RET then returns to their callers, with the upper state fn leaves
// (internal/bytealg's indexbytebody<>, which IndexByte and
// IndexByteString jump to).
func (rc *regCtx) tailEntered(fn *frame.Func) bool {
	refs, tails := 0, 0
	rc.eachFuncRef(func(_ *File, _ int, _ *asmparse.Operand, g *frame.Func) {
		if g == fn {
			refs++
		}
	})
	for _, f := range rc.c.Pkg.Files {
		for _, caller := range f.Funcs {
			for i := range caller.Insts {
				e := caller.Inst(i)
				if e.Flow != frame.FlowTailCall || rc.idx.callee(caller, e) != fn {
					continue
				}
				if !caller.Dot || caller.Static || rc.asmOnly(caller) {
					return false
				}
				tails++
			}
		}
	}
	return tails > 0 && tails == refs
}

// asmOnly reports whether fn returns only to assembly of the package, as
// a static function does: it is unexported, the package's assembly calls
// it (CALL) and names it in no other way (no tail call, jump, address or
// DATA), and no Go code names it but its declaration, nor does a
// //go:linkname. Its callers are checked on their own: minio/simdjson-go's
// __find_newline_delimiters computes in YMM registers for a caller that
// runs VZEROUPPER after the call.
func (rc *regCtx) asmOnly(fn *frame.Func) bool {
	if ast.IsExported(fn.Name) || rc.asmRefs()[fn] != asmRefCall {
		return false
	}
	p := rc.c.Pkg
	d := p.Decls[fn.Name]
	if d == nil {
		return true
	}
	if p.linknamed([]*Decl{d})[d] {
		return false
	}
	return len(p.usesOfEach(map[types.Object]bool{d.Func: true}, allUses)[d.Func]) == 0
}

// How the package's assembly names a function (asmRefs).
const (
	asmRefCall  = 1 << iota // the target of a CALL
	asmRefOther             // anything else: a tail call or jump, an address, DATA
)

// asmRefs returns, for each function of the package that the package's
// assembly names, how it names it.
func (rc *regCtx) asmRefs() map[*frame.Func]int {
	if rc.refs != nil {
		return rc.refs
	}
	rc.refs = map[*frame.Func]int{}
	calls := map[*File]map[int]bool{} // the statements of each file that are direct calls
	for _, f := range rc.c.Pkg.Files {
		calls[f] = map[int]bool{}
		for _, fn := range f.Funcs {
			for i := range fn.Insts {
				if e := fn.Inst(i); e.Flow == frame.FlowCall && e.Target().Sym != "" && !e.Target().Indirect {
					calls[f][e.Stmt] = true
				}
			}
		}
	}
	rc.eachFuncRef(func(f *File, stmt int, a *asmparse.Operand, g *frame.Func) {
		how := asmRefOther
		if calls[f][stmt] && a.Kind == asmparse.MemOp {
			how = asmRefCall
		}
		rc.refs[g] |= how
	})
	return rc.refs
}
