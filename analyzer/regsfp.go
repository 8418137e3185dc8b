package analyzer

import (
	"fmt"

	"github.com/asmcheck/asmcheck/frame"
)

// runFramePointer checks that the frame pointer (amd64 BP, arm64 R29)
// holds the caller's value at every return of a function without a frame,
// and a frame pointer at every call.
func runFramePointer(c *Check) {
	c.EachFunc(func(f *File, fn *frame.Func) {
		if f.ABI == nil || !f.ABI.FramePointer || fn.Arch.FP == frame.NoReg || !writesReg(fn, fn.Arch.FP) {
			return
		}
		(&fpRun{c: c, f: f, fn: fn}).run()
	})
}

// writesReg reports whether an instruction of fn writes r.
func writesReg(fn *frame.Func, r frame.Reg) bool {
	for i := range fn.Insts {
		for _, w := range fn.Inst(i).Writes() {
			if w.Reg == r {
				return true
			}
		}
	}
	return false
}

// An fpRun checks one function.
type fpRun struct {
	c    *Check
	f    *File
	fn   *frame.Func
	flow *regFlow
	lay  frame.Layout
	// seen records the clobber sites already reported.
	seen map[int32]bool
}

// The two watches on the frame pointer: it holds the caller's value
// (strict), or at least a frame pointer — the caller's, or the address of
// a frame record whose first word is a frame pointer (frame).
const (
	fpStrict = iota
	fpFrame
)

func (r *fpRun) run() {
	fn := r.fn
	fp := fn.Arch.FP
	var ok bool
	if r.lay, ok = layoutFor(fn); !ok {
		return // the frame is not known (an arch without a model, an unknown instruction that may be a call)
	}
	if !r.checked() {
		return // no instruction where check could report: no dataflow to solve
	}
	want := val{kind: vEntry, reg: fp, size: uint8(fn.Arch.ABI.RegSize)}
	name := fn.Arch.Regs.Name(fp)
	r.flow = newRegFlow(fn, []watch{
		{reg: fp, want: want, name: name},
		{reg: fp, want: want, name: name, ok: func(v val, s *flowState) bool { return isFrame(v, s, want, 4) }},
	})
	if r.framed() {
		r.flow.seed = r.seedFrame
	}
	r.flow.clobbers = func(_ int, e frame.Inst) *frame.RegSet { return nil }
	r.flow.solve()
	r.seen = map[int32]bool{}
	for i := range fn.Insts {
		if r.flow.live(i) {
			r.check(i, fn.Inst(i), r.flow.sol.In[i])
		}
	}
}

// framed reports whether the assembler gives fn a frame that saves the
// frame pointer (frame.Layout: amd64 PUSHQ BP; MOVQ SP, BP; arm64
// MOVD R29, -8(RSP); SUB $8, RSP, R29).
func (r *fpRun) framed() bool {
	return !r.lay.Frameless
}

// seedFrame sets the state after the prologue of a framed function: the
// caller's frame pointer saved, the frame pointer at the saved copy.
func (r *fpRun) seedFrame(s *flowState) {
	fp := r.fn.Arch.FP
	at := r.lay.SavedFP // amd64: BP = the address of the saved BP
	if at < 0 {
		at = -8 // arm64: R29 = RSP-8, where the prologue stored the caller's R29
	}
	r.flow.put(s, fp, val{kind: vSP, size: 8, off: at})
	s.slots = append(s.slots, slot{key: slotKey{off: at}, size: 8, v: val{kind: vEntry, reg: fp, size: 8}, at: -1})
}

// isFrame reports whether v may be a frame pointer in s: the caller's
// (want), zero (which ends the chain), the address of a stack slot
// holding one, or a value the analysis cannot judge (loaded from a
// struct, like the runtime's gobuf.bp, or computed from SP).
func isFrame(v val, s *flowState, want val, depth int) bool {
	switch {
	case v.same(want) && v.size >= want.size:
		return true
	case v.kind == vZero:
		return true // the end of the chain (runtime·mstart: go.dev/issue/63630)
	case v.kind == vLoaded, v.kind == vSPDerived:
		return true // perhaps a saved frame pointer, perhaps a frame record: unknown
	case v.kind != vSP || depth == 0:
		return false
	}
	for _, sl := range s.slots {
		if sl.key.sym == "" && sl.key.off == v.off && sl.size >= 8 {
			return isFrame(sl.v, s, want, depth-1)
		}
	}
	return false
}

// check tests the requirements at instruction i: at a return (or a tail
// call) the caller's frame pointer, unless the epilogue restores it; at a
// call into code that may unwind by frame pointers, a frame pointer.
func (r *fpRun) check(i int, e frame.Inst, s *flowState) {
	if e.Flow == frame.FlowIndirect && (!s.spKnown || s.sp != 0 || crashJump(r.fn, r.fn.CFG().BlockOf(i), i)) {
		// A jump through a register with SP moved is a switch to
		// another context (the runtime's gogo loads SP and BP from a
		// gobuf), and one to a constant address a deliberate crash
		// (runtime·mstart), not a tail call.
		return
	}
	switch r.watchAt(e) {
	case fpStrict:
		if site := s.sites[fpStrict]; site != noSite {
			r.report(site, i, false)
		}
	case fpFrame:
		if site := s.sites[fpFrame]; site != noSite {
			r.report(site, i, true)
		}
	}
}

// watchAt returns the watch whose site check tests at e, or -1 for none.
func (r *fpRun) watchAt(e frame.Inst) int {
	switch e.Flow {
	case frame.FlowReturn, frame.FlowTailCall, frame.FlowIndirect:
		// A jump through a register leaves the function too: Go's
		// assembler has no addresses of labels to jump to inside it, so
		// with SP where it was at the entry (check) it is a tail call
		// (the runtime's DISPATCH: MOVQ $NAME(SB), AX; JMP AX) or a
		// return by hand.
		if e.Attrs&frame.AttrEpilogue != 0 && r.framed() || noReturnCalls[e.Target().Sym] {
			return -1 // the epilogue reloads it from the prologue's slot
		}
		return fpStrict
	case frame.FlowCall:
		if e.Target().Sym != "" && !e.Target().Indirect && !isGoSym(e.Target().Sym) {
			return -1 // C code keeps the frame pointer and does not unwind Go frames
		}
		return fpFrame
	}
	return -1
}

// checked reports whether check tests anything at some instruction of the
// function (a function with a frame that makes no call and returns only
// through the epilogue has nothing to check).
func (r *fpRun) checked() bool {
	for i := range r.fn.Insts {
		if r.watchAt(r.fn.Inst(i)) >= 0 {
			return true
		}
	}
	return false
}

// report emits one diagnostic per clobber site.
func (r *fpRun) report(site int32, at int, call bool) {
	if r.seen[site] || site < 0 {
		return
	}
	r.seen[site] = true
	fn := r.fn
	fp := fn.Arch.Regs.Name(fn.Arch.FP)
	e := fn.Inst(int(site))
	line := r.c.Pass.Fset.Position(fn.Insts[at].Pos).Line
	var msg string
	if call {
		msg = fmt.Sprintf("frame pointer %s is clobbered here and holds no frame pointer at the call on line %d: the callee saves it as its caller's frame pointer, "+
			"and the frame-pointer unwinding of the execution tracer and the block and mutex profilers (runtime/tracestack.go fpTracebackPCs) "+
			"follows it into garbage and crashes (golang/go#69629); restore %s before the call, or use another register", fp, line, fp)
	} else {
		msg = fmt.Sprintf("frame pointer %s is clobbered here and not restored before the %s on line %d: the assembler saves no frame pointer for %s (%s), "+
			"so the caller gets a broken frame-pointer chain, which the execution tracer and the block and mutex profilers walk "+
			"(runtime/tracestack.go fpTracebackPCs) and crash on (golang/go#69629, apache/arrow#44319); use another register, "+
			"or save %s and restore it before every return, or give the function a frame so that the assembler saves it",
			fp, returnWord(fn.Insts[at].Flow), line, fn.Name, r.noFrameWhy(), fp)
	}
	pos := e.Pos
	if site == siteProlog {
		pos = fn.Pos()
	}
	r.c.Report(Diag{File: r.f, Fn: fn, Pos: pos, Msg: msg})
}

// noFrameWhy says why the assembler does not save the frame pointer.
func (r *fpRun) noFrameWhy() string {
	if r.fn.Has(frame.FlagNOFRAME) {
		return "it is NOFRAME"
	}
	return "a $0 frame without calls gets none"
}

func returnWord(f frame.Flow) string {
	switch f {
	case frame.FlowTailCall:
		return "tail call"
	case frame.FlowIndirect:
		return "jump through a register"
	}
	return "return"
}
