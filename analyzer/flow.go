package analyzer

import (
	"fmt"
	"path/filepath"

	"github.com/asmcheck/asmcheck/frame"
)

// The control-flow checks: falling off the end of a TEXT block, and
// NOFRAME functions on link-register machines that call and then return
// through the link register the call overwrote.

// FallOff reports TEXT blocks whose last instruction lets execution run on
// into the next symbol.
var FallOff = newAnalyzer("falloff", docFallOff, runFallOff)

// NoFrame reports NOFRAME functions that call without saving the link
// register.
var NoFrame = newAnalyzer("noframe", docNoFrame, runNoFrame)

func init() { register(FallOff, NoFrame) }

func runFallOff(c *Check) {
	nr := newNoReturn(c.Pkg)
	x := nr.x
	var entered map[*frame.Func]string // made when a TEXT has no code
	c.EachFunc(func(f *File, fn *frame.Func) {
		if r := fn.Arch.Obj(); fn.Bad || r != nil && r.FallOffTraps {
			return
		}
		if !emitsCode(fn) {
			if entered == nil {
				entered = c.enteredFromAsm(x)
			}
			why := c.enteredBy(fn, entered)
			if why == "" {
				return // a marker: only its address is used
			}
			c.Report(Diag{File: f, Fn: fn, Pos: fn.Pos(), Msg: fmt.Sprintf(
				"TEXT %s has no instructions, and %s: the symbol is 0 bytes long, so a call to it runs whatever the linker places next "+
					"(padding that traps, or the next function); give it a body that ends in RET", fn.Name, why)})
			return
		}
		i, ok := nr.fallsOff(fn)
		if !ok {
			return
		}
		c.reportFallOff(f, fn, x, i)
	})
}

// enteredFromAsm returns, for each TEXT of the package that an
// instruction of the package's assembly calls or jumps to directly, where
// the first such instruction is.
func (c *Check) enteredFromAsm(x *textIndex) map[*frame.Func]string {
	m := map[*frame.Func]string{}
	for _, f := range c.Pkg.Files {
		for _, fn := range f.Funcs {
			for i := range fn.Insts {
				e := fn.Inst(i)
				if e.Flow == frame.FlowNext || e.Flow == frame.FlowReturn && e.Target().Sym == "" {
					continue
				}
				if callee := x.callee(fn, e); callee != nil && m[callee] == "" {
					p := c.Pass.Fset.Position(e.Pos)
					m[callee] = fmt.Sprintf("%s in %s (%s:%d) goes to it", e.Op(), fn.Name, filepath.Base(p.Filename), p.Line)
				}
			}
		}
	}
	return m
}

// enteredBy says what may call or jump to fn, a TEXT with no code, or
// returns "" if nothing can: a 0-byte TEXT whose address alone is used
// marks the end of a range of code (u-root's trampolines end with
// "TEXT end(SB),NOSPLIT,$0", read as $end(SB)).
func (c *Check) enteredBy(fn *frame.Func, fromAsm map[*frame.Func]string) string {
	if why := fromAsm[fn]; why != "" {
		return why
	}
	return goCallReason(c, c.Pkg.DeclOf(fn))
}

// emitsCode reports whether fn has an instruction that produces machine
// code (DATA, GLOBL, PCDATA, FUNCDATA, NOP and labels produce none).
func emitsCode(fn *frame.Func) bool {
	for i := range fn.Insts {
		if fn.Insts[i].Pseudo == frame.NotPseudo {
			return true
		}
	}
	return false
}

// reportFallOff reports that control runs past instruction i, the last
// of fn on some path.
func (c *Check) reportFallOff(f *File, fn *frame.Func, x *textIndex, i int) {
	e := fn.Inst(i)
	const after = "the assembler adds nothing after the last instruction, so the CPU goes on into whatever the linker places next " +
		"(padding that traps, or the next function's code: golang/go#20348)"
	var msg string
	switch {
	case e.Flow == frame.FlowCall:
		msg = fmt.Sprintf("%s ends with a call to %s%s: when it returns, execution runs off the end of %s; %s; "+
			"add a RET or a JMP after the call, or UNDEF if the call is not meant to return", fn.Name, e.Target(), c.retPos(x.callee(fn, e)), fn.Name, after)
	case e.Attrs&frame.AttrSyscall != 0:
		nr, _ := syscallReturns(fn, fn.CFG().Blocks[len(fn.CFG().Blocks)-1], i)
		msg = fmt.Sprintf("execution runs off the end of %s after the system call %s (number %d, which returns: of Linux's system calls only exit, exit_group and rt_sigreturn do not): %s; "+
			"add a RET after it", fn.Name, e.Op(), nr, after)
	case e.Flow == frame.FlowCondJump:
		msg = fmt.Sprintf("execution runs off the end of %s when the conditional branch %s is not taken: %s; end every path with RET or JMP",
			fn.Name, e.Op(), after)
	default:
		msg = fmt.Sprintf("execution runs off the end of %s after %s: %s; end every path with RET, a JMP, or a call that does not return",
			fn.Name, e.Op(), after)
	}
	c.Report(Diag{File: f, Fn: fn, Pos: e.Pos, Msg: msg})
}

// retPos says where fn, the callee of a call, returns, for messages.
func (c *Check) retPos(fn *frame.Func) string {
	if fn == nil {
		return ""
	}
	for i := range fn.Insts {
		if e := fn.Inst(i); e.Flow == frame.FlowReturn {
			p := c.Pass.Fset.Position(e.Pos)
			return fmt.Sprintf(" (which returns: %s at %s:%d)", e.Op(), filepath.Base(p.Filename), p.Line)
		}
	}
	return ""
}

// fallsOff reports whether control can run past the last instruction of
// fn, and returns the instruction it runs past. It says no when a call in
// the last block never returns, or when the last instruction is one
// asmcheck does not know, emits raw bytes, enters the kernel other than
// for a Linux system call known to return (exit and sigreturn do not come
// back: syscallReturns) or accesses a constant address (the runtime's
// deliberate crash).
func (nr *noReturn) fallsOff(fn *frame.Func) (int, bool) {
	if _, falls := fn.FallsOffEnd(); !falls {
		return 0, false
	}
	g := fn.CFG()
	last := g.Blocks[len(g.Blocks)-1]
	i := last.Last()
	for j := last.Start; j < last.End; j++ {
		e := fn.Inst(j)
		if e.Flow == frame.FlowCall && nr.callNeverReturns(fn, e) {
			return 0, false
		}
		if e.Pseudo == frame.NotPseudo {
			i = j
		}
	}
	e := fn.Inst(i)
	switch {
	case e.Pseudo != frame.NotPseudo:
	case e.Attrs&frame.AttrData != 0 && fn.DataFallsThrough(i) && hasInstructions(fn):
		// Raw bytes decoded to ordinary instructions at the end of
		// code: the path goes on. (A TEXT of nothing but data is a
		// blob, a table or a signature, whatever its bytes decode to:
		// u-root's trampolines keep their far-jump operands and
		// parameters in such TEXTs.)
	case !e.Known, e.Attrs&frame.AttrData != 0:
		return 0, false
	case e.Attrs&frame.AttrSyscall != 0:
		if _, returns := syscallReturns(fn, last, i); !returns {
			return 0, false
		}
	case constantAddress(fn, last, i):
		return 0, false
	}
	return i, true
}

// hasInstructions reports whether fn has an instruction that is not data
// and not a pseudo-instruction.
func hasInstructions(fn *frame.Func) bool {
	for i := range fn.Insts {
		if e := &fn.Insts[i]; e.Pseudo == frame.NotPseudo && e.Attrs&frame.AttrData == 0 {
			return true
		}
	}
	return false
}

// constantAddress reports whether instruction i of fn, in block b,
// accesses memory at a constant address: an absolute address, or one in a
// register that an earlier instruction of the block set from constants
// alone. User code has nothing mapped there: it is the runtime's idiom
// for a deliberate crash.
func constantAddress(fn *frame.Func, b *frame.Block, i int) bool {
	if fn.Inst(i).Conditional {
		// arm's MOVW.HI R8, (R8) crashes only when the condition holds
		// (runtime·munmap on linux/arm): the other path goes on.
		return false
	}
	for _, m := range fn.Inst(i).Mem() {
		switch {
		case m.Addr:
		case m.Base == frame.BaseNone && m.Index == frame.NoReg && m.OffOK:
			return true
		case m.Base == frame.BaseReg && m.Index == frame.NoReg && setFromConstant(fn, b, i, m.Reg):
			return true
		}
	}
	return false
}

// setFromConstant reports whether the last write of r before instruction
// i in block b is by a known instruction that reads no register and no
// memory (MOVD $0, R0).
func setFromConstant(fn *frame.Func, b *frame.Block, i int, r frame.Reg) bool {
	j := lastWrite(fn, b, i, r)
	if j < 0 {
		return false
	}
	e := fn.Inst(j)
	return e.Known && e.Flow == frame.FlowNext && len(e.Reads()) == 0 && len(e.Mem()) == 0 && len(e.Writes()) == 1
}

// lastWrite returns the index of the last instruction before i in block
// b that writes r, or -1.
func lastWrite(fn *frame.Func, b *frame.Block, i int, r frame.Reg) int {
	for j := i - 1; j >= b.Start; j-- {
		if instWrites(fn.Inst(j), r) {
			return j
		}
	}
	return -1
}

// lrState is the dataflow state of the noframe check: whether a call
// may have overwritten the link register since the last time the code
// wrote it itself.
type lrState struct {
	dead      bool // after a call that never returns
	clobbered bool
	at        int // the call that clobbered LR, +1
}

func runNoFrame(c *Check) {
	nr := newNoReturn(c.Pkg)
	c.EachFunc(func(f *File, fn *frame.Func) {
		lr := fn.Arch.LR
		if lr == frame.NoReg || fn.Bad || !fn.IsNoFrame() || !hasCall(fn) {
			return
		}
		sol := frame.Forward(fn, lrProblem(fn, nr))
		for i := range fn.Insts {
			e := fn.Inst(i)
			if st := sol.In[i]; sol.Reached[i] && !st.dead && st.clobbered && nr.returnsThroughLR(fn, e) {
				c.reportNoFrame(f, fn, i, st.at-1)
				return
			}
		}
	})
}

// hasCall reports whether fn has a call instruction.
func hasCall(fn *frame.Func) bool {
	for i := range fn.Insts {
		if fn.Insts[i].Flow == frame.FlowCall {
			return true
		}
	}
	return false
}

// returnsThroughLR reports whether e, in fn, hands control back through
// the link register: a return that reads it, a jump through it, or a tail
// call to a function that returns (through it).
func (nr *noReturn) returnsThroughLR(fn *frame.Func, e frame.Inst) bool {
	lr := fn.Arch.LR
	switch e.Flow {
	case frame.FlowReturn:
		return instReads(e, lr)
	case frame.FlowIndirect:
		return e.Target().Reg == lr
	case frame.FlowTailCall:
		return !nr.callNeverReturns(fn, e)
	}
	return false
}

func instReads(e frame.Inst, r frame.Reg) bool {
	for _, x := range e.Reads() {
		if x.Reg == r {
			return true
		}
	}
	return false
}

func instWrites(e frame.Inst, r frame.Reg) bool {
	for _, x := range e.Writes() {
		if x.Reg == r {
			return true
		}
	}
	return false
}

// lrProblem tracks the link register through fn. A call that returns
// overwrites it with a return address into fn; any other write of LR is
// the code's own doing — restoring a saved copy (MOVD R20, R30; MOVD.P
// 16(RSP), R30), or arranging a return on purpose (the runtime's
// simulated calls) — and counts as restoring it. Instructions asmcheck
// does not know count as restoring it too: unknown is not wrong.
func lrProblem(fn *frame.Func, nr *noReturn) frame.Problem[lrState] {
	lr := fn.Arch.LR
	return frame.Problem[lrState]{
		Join: func(x, y lrState) lrState {
			switch {
			case x.dead:
				return y
			case y.dead:
				return x
			case x.clobbered && y.clobbered:
				return lrState{clobbered: true, at: min(x.at, y.at)}
			case x.clobbered:
				return x
			}
			return y
		},
		Equal: func(x, y lrState) bool { return x == y },
		Transfer: func(i int, e frame.Inst, s lrState) lrState {
			switch {
			case s.dead:
				return s
			case !e.Known:
				return lrState{}
			case e.Flow == frame.FlowCall && nr.callNeverReturns(fn, e):
				return lrState{dead: true}
			case e.Flow == frame.FlowCall && instWrites(e, lr):
				return lrState{clobbered: true, at: i + 1}
			case instWrites(e, lr):
				return lrState{}
			}
			return s
		},
	}
}

// reportNoFrame reports the return at ret, reached after the call at
// call overwrote the link register.
func (c *Check) reportNoFrame(f *File, fn *frame.Func, ret, call int) {
	lrName := fn.Arch.Regs.Name(fn.Arch.LR)
	e := fn.Inst(ret)
	what := fmt.Sprintf("%s returns through %s", e.Op(), lrName)
	if e.Flow == frame.FlowTailCall {
		what = fmt.Sprintf("the tail call to %s returns through %s", e.Target().Sym, lrName)
	}
	callAt := "a call"
	if call >= 0 && call < len(fn.Insts) {
		callAt = fmt.Sprintf("the %s at line %d", fn.Inst(call).Op(), c.Pass.Fset.Position(fn.Insts[call].Pos).Line)
	}
	c.Report(Diag{File: f, Fn: fn, Pos: e.Pos, Msg: fmt.Sprintf(
		"%s, but %s overwrote %s with a return address into %s, and %s is NOFRAME so the assembler does not save and restore %s: "+
			"control comes back to the instruction after the call instead of to the caller; "+
			"save %s before the call and restore it before returning, or drop NOFRAME so that the prologue saves it",
		what, callAt, lrName, fn.Name, fn.Name, lrName, lrName)})
}

const docFallOff = `report TEXT blocks that run off their end

The assembler adds nothing after a function's last instruction: if a path
reaches the end without RET, a JMP, a tail call, UNDEF or a call that never
returns, execution continues into whatever the linker places next — padding
that traps, or the next function (golang/go#20348; cmd/asm accepts it). A
TEXT with no instructions is a 0-byte symbol that runs into the same.

A call counts as the end only when asmcheck can show the callee never
returns: a function of the package whose every path ends in UNDEF, a halt,
an endless loop or another such call (runtime·abort). A call to anything
else (another package, a register) is taken on trust; a call to a function
of the package that returns is reported.`

const docNoFrame = `report NOFRAME functions that call and then return through the link register

On machines with a link register (arm64, arm, ppc64, riscv64, loong64,
mips, s390x) a call writes the return address into LR. The prologue of an
ordinary function saves LR and the epilogue restores it; a NOFRAME function
has neither (cmd/internal/obj/arm64/obj7.go and the other obj*.go files:
a frameless function that calls is marked leaf, "save suppressed"). If it
calls and then returns — or tail-calls — without restoring LR from a copy
it saved before the call, control goes back to the instruction after its
own call, not to its caller.`
