package analyzer

import (
	"github.com/asmcheck/asmcheck/asmparse"
	"github.com/asmcheck/asmcheck/frame"
)

// A linuxSyscalls says, for one arch, where Linux takes the system call
// number and which numbers never come back: exit, exit_group and
// rt_sigreturn (the kernel resumes the interrupted context, not the
// caller). The numbers are the runtime's own (runtime/sys_linux_<arch>.s,
// #define SYS_exit, SYS_exit_group, SYS_rt_sigreturn; 386 and arm also
// have the old sigreturn, 119, which the runtime does not use).
type linuxSyscalls struct {
	reg   string  // the register that holds the number, "" if the number is the instruction's operand
	noRet []int64 // the numbers that do not return
}

var linuxNoReturn = map[string]linuxSyscalls{
	"amd64":    {reg: "AX", noRet: []int64{60, 231, 15}},
	"arm64":    {reg: "R8", noRet: []int64{93, 94, 139}},
	"386":      {reg: "AX", noRet: []int64{1, 252, 173, 119}},
	"arm":      {reg: "R7", noRet: []int64{1, 248, 173, 119}},
	"riscv64":  {reg: "A7", noRet: []int64{93, 94, 139}},
	"loong64":  {reg: "R11", noRet: []int64{93, 94, 139}},
	"mips64":   {reg: "R2", noRet: []int64{5058, 5205, 5211}},
	"mips64le": {reg: "R2", noRet: []int64{5058, 5205, 5211}},
	"mips":     {reg: "R2", noRet: []int64{4001, 4246, 4193}},
	"mipsle":   {reg: "R2", noRet: []int64{4001, 4246, 4193}},
	"ppc64":    {noRet: []int64{1, 234, 172}},
	"ppc64le":  {noRet: []int64{1, 234, 172}},
	"s390x":    {reg: "R1", noRet: []int64{1, 248, 173}},
}

// syscallReturns reports whether instruction i of fn, a system call in
// block b, is one that comes back, and its number: on Linux, when the
// number is a constant set in the block (MOVL $SYS_nanosleep, AX) or
// written in the instruction (ppc64's SYSCALL $SYS_getpid), and is not
// exit, exit_group or rt_sigreturn. Anything else (another GOOS, a number
// from an argument) may not return, and is taken on trust.
func syscallReturns(fn *frame.Func, b *frame.Block, i int) (int64, bool) {
	if fn.File == nil || fn.File.GOOS != "linux" {
		return 0, false
	}
	t, ok := linuxNoReturn[fn.Arch.Name]
	if !ok {
		return 0, false
	}
	var nr int64
	if t.reg == "" {
		s := &fn.File.Stmts[fn.Inst(i).Stmt]
		if len(s.Args) != 1 || s.Args[0].Kind != asmparse.ImmOp || s.Args[0].Unresolved() != "" {
			return 0, false
		}
		nr = s.Args[0].Val
	} else {
		r := fn.Arch.Regs.Reg(t.reg)
		if r == frame.NoReg {
			return 0, false
		}
		var ok bool
		if nr, ok = constantIn(fn, b, i, r); !ok {
			return 0, false
		}
	}
	for _, n := range t.noRet {
		if nr == n {
			return nr, false
		}
	}
	return nr, true
}

// constantIn returns the constant that the last write of r before
// instruction i in block b puts there, if that write is a move of an
// immediate (MOVL $35, AX; MOVD $101, R8) and nothing else.
func constantIn(fn *frame.Func, b *frame.Block, i int, r frame.Reg) (int64, bool) {
	j := lastWrite(fn, b, i, r)
	if j < 0 || !setFromConstant(fn, b, j+1, r) {
		return 0, false
	}
	s := &fn.File.Stmts[fn.Inst(j).Stmt]
	if len(s.Args) != 2 || s.Args[0].Kind != asmparse.ImmOp || s.Args[0].Unresolved() != "" ||
		s.Args[1].Kind != asmparse.RegOp || fn.Arch.Regs.Reg(s.Args[1].Reg()) != r {
		return 0, false
	}
	return s.Args[0].Val, true
}
