package analyzer

import (
	"fmt"

	"github.com/asmcheck/asmcheck/frame"
)

// The syscallregs check: the amd64 SYSCALL instruction overwrites two
// registers that are neither arguments nor results. The CPU puts the
// return address in RCX and RFLAGS in R11 before entering the kernel (Intel
// SDM vol. 2B, SYSCALL: "RCX ← RIP; R11 ← RFLAGS"; AMD APM vol. 3 the
// same), and the kernel returns with them so (the x86-64 System V ABI,
// A.2.1: "The kernel destroys registers %rcx and %r11"). Go's runtime
// works around it on purpose: runtime/sys_linux_amd64.s, clone: "Careful:
// Linux system call clobbers CX and R11."
//
// Which registers an entry into the kernel destroys is data: the
// registers of sysClobbers that the lowering says the instruction writes
// (frame/x86.go: SYSCALL writes AX, CX and R11; AX is its result). Other
// arches' kernel entries write only their result registers (arm64 SVC
// keeps everything but R0; mips, ppc64, loong64 and riscv64 their result
// and error registers), so the check has nothing to say there.
var sysClobbers = map[string][]sysClobber{
	"amd64": {{"CX", "the return address"}, {"R11", "the flags"}},
}

// maxSysClobbers bounds the registers of an arch in sysClobbers, so that
// the check's dataflow state is a small array (TestSysClobbersFit).
const maxSysClobbers = 2

// A sysClobber is a register a kernel entry destroys, with what it holds
// afterwards.
type sysClobber struct{ reg, holds string }

// SyscallRegs checks that no value is kept in a register that SYSCALL
// destroys.
var SyscallRegs = newAnalyzer("syscallregs", docSyscallRegs, runSyscallRegs)

func init() { register(SyscallRegs) }

const docSyscallRegs = `check that no value is kept in CX or R11 across SYSCALL

On amd64 the SYSCALL instruction stores the return address in CX and the
flags in R11 before it enters the kernel, so whatever they held before the
system call is gone when it returns. A read of CX or R11 that can see the
value from before a SYSCALL — an argument loaded before the system call,
a loop counter kept across it — reads the return address or the flags
instead. Keep such values in a register the kernel preserves (BX, R12–R15)
or reload them after the system call.`

func runSyscallRegs(c *Check) {
	c.EachFunc(func(f *File, fn *frame.Func) {
		clobbers := sysClobbers[fn.Arch.Name]
		if clobbers == nil || fn.Bad || !hasSyscall(fn) {
			return
		}
		var regs [maxSysClobbers]frame.Reg // the registers tracked
		for i, cl := range clobbers {
			regs[i] = fn.Arch.Regs.Reg(cl.reg)
		}
		// The state before an instruction: per tracked register, the
		// index of a SYSCALL whose clobber may still be in it on some path
		// from the entry, or -1.
		type state [maxSysClobbers]int32
		none := state{-1, -1}
		sol := frame.Forward(fn, frame.Problem[state]{
			Entry: none,
			Join: func(a, b state) state {
				return state{joinDirty(a[0], b[0]), joinDirty(a[1], b[1])}
			},
			Equal: func(a, b state) bool { return a == b },
			Transfer: func(i int, e frame.Inst, in state) state {
				if !e.Known || e.Flow == frame.FlowCall {
					// An unknown instruction may have written anything,
					// and a call's callee may write these registers
					// itself: stay silent after both.
					return none
				}
				out := in
				for k, r := range regs {
					if e.Conditional || !writes(e, r) {
						continue
					}
					if e.Attrs&frame.AttrSyscall != 0 {
						out[k] = int32(i)
					} else {
						out[k] = -1
					}
				}
				return out
			},
		})
		for i := range fn.Insts {
			e := fn.Inst(i)
			if !sol.Reached[i] || !e.Known || e.Attrs&frame.AttrZeroIdiom != 0 {
				// A zeroing idiom (XORL CX, CX) reads nothing
				// (frame/idioms.go).
				continue
			}
			for k, r := range regs {
				if sc := sol.In[i][k]; sc >= 0 && reads(e, r) {
					reportSyscallReg(c, f, fn, e, clobbers[k], fn.Inst(int(sc)))
				}
			}
		}
	})
}

// hasSyscall reports whether fn enters the kernel anywhere.
func hasSyscall(fn *frame.Func) bool {
	for i := range fn.Insts {
		if fn.Insts[i].Attrs&frame.AttrSyscall != 0 {
			return true
		}
	}
	return false
}

func reportSyscallReg(c *Check, f *File, fn *frame.Func, e frame.Inst, cl sysClobber, sc frame.Inst) {
	line := c.Pass.Fset.Position(sc.Pos).Line
	c.Report(Diag{File: f, Fn: fn, Pos: e.Pos, Msg: fmt.Sprintf(
		"%s reads %s, which the %s on line %d overwrote with %s: the CPU saves RIP in CX and RFLAGS in R11 when it enters the kernel "+
			"(Intel SDM, SYSCALL; runtime/sys_linux_amd64.s: \"Linux system call clobbers CX and R11\"), so the value %s held before the "+
			"system call is lost; keep it in a register the kernel preserves (BX, R12–R15) or load it again after the system call",
		e.Op(), cl.reg, sc.Op(), line, cl.holds, cl.reg)})
}
