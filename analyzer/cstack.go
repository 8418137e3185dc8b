package analyzer

import (
	"fmt"

	"github.com/asmcheck/asmcheck/frame"
)

// CStack reports calls into C made on a goroutine's stack.
var CStack = newAnalyzer("cstack", docCStack, runCStack)

func init() { register(CStack) }

const docCStack = `check that C functions are not called on a goroutine stack

A goroutine's stack is small (it starts at a few kilobytes), is grown
only by the checks Go code makes in its prologues, and has no guard page
below it. C code makes no such checks and uses as much stack as it
likes: the first call through a lazy-binding stub runs the dynamic
linker. Called on a goroutine's stack, it runs over whatever memory lies
below. Go itself calls C only on the system stack: cgo and
runtime·asmcgocall switch to it, and the runtime's libc trampolines
(darwin, openbsd) run on it.`

// cReserve is the least room, in bytes of its own frame above SP, that
// makes a function's call into C a deliberate use of space the prologue
// reserved for it, which asmcheck cannot judge: how much stack C code
// needs is not known (runtime/sys_linux_amd64.s switches to g0 for the
// vDSO, which "can use a full page of stack space", golang/go#20427).
const cReserve = 1024

// runCStack reports, in functions Go code calls on a goroutine's stack
// (calledFromGo: the declaration has arguments or results), a call or
// tail call to a C function (isCCall: a symbol without package qualifier
// that the package does not define) while SP still points into the stack
// the function was entered on (SPState.SameStack). One report per
// function, at its first such call; the others are listed.
func runCStack(c *Check) {
	var index *textIndex
	c.EachFunc(func(f *File, fn *frame.Func) {
		if !callsUnqualified(fn) {
			return // no C call: leave the frame and SP unsolved
		}
		p := newStackPass(f, fn)
		if p == nil || !c.calledFromGo(p) {
			return
		}
		if index == nil {
			index = newTextIndex(c.Pkg)
		}
		first := -1
		var more []int
		for i := range p.fn.Insts {
			e := p.fn.Inst(i)
			if !p.sol.Reached[i] || e.Flow != frame.FlowCall && e.Flow != frame.FlowTailCall ||
				!p.sol.In[i].SameStack || !isCCall(index, p, e) {
				continue
			}
			if lo, _, ok := p.sol.In[i].Range(); ok && lo >= cReserve {
				// SP was moved up into the function's own frame: the C
				// code's stack starts there, in space the prologue's
				// check reserved for it (pk910/hashtree-bindings'
				// ADDQ $2048, SP under a $2048 frame).
				continue
			}
			if first < 0 {
				first = i
			} else {
				more = append(more, c.Pass.Fset.Position(e.Pos).Line)
			}
		}
		if first < 0 {
			return
		}
		e := p.fn.Inst(first)
		what := "call to"
		if e.Flow == frame.FlowTailCall {
			what = "tail call to"
		}
		above := ""
		if p.fn.Frame >= cReserve {
			above = fmt.Sprintf(" (its $%d frame lies above SP, where the C code's stack does not go: move SP up into it first)", p.fn.Frame)
		}
		also := ""
		if len(more) > 0 {
			also = " (and " + linesList("another", "others", more) + ")"
		}
		c.Reportf(p.f, p.fn, e.Pos, "%s the C function %s on the goroutine stack%s: %s is called from Go code (its declaration "+
			"has arguments or results), and SP has not left the goroutine's stack, which is only as deep as Go's stack checks made it%s "+
			"and has no guard page below it; C code uses as much stack as it likes (on darwin the first call through a lazy-binding stub "+
			"runs the dynamic linker) and runs over whatever memory lies below; call C on the system stack: through cgo, or from a "+
			"trampoline that the runtime runs there (x/sys/unix's darwin pattern: declared without arguments, called through syscall.Syscall)",
			what, e.Target().Sym, also, p.fn.Name, above)
	})
}

// callsUnqualified reports whether fn calls or jumps to a symbol without
// package qualifier, as a call into C is written (isCCall decides).
func callsUnqualified(fn *frame.Func) bool {
	for i := range fn.Insts {
		e := fn.Inst(i)
		if e.Flow != frame.FlowCall && e.Flow != frame.FlowTailCall {
			continue
		}
		if unqualified(e) {
			return true
		}
	}
	return false
}
