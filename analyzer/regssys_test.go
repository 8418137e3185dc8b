package analyzer

import (
	"testing"

	"github.com/asmcheck/asmcheck/frame"
)

// TestSyscallRegs runs the syscallregs check on its testdata (which
// TestRegsTestdataAssembles assembles).
func TestSyscallRegs(t *testing.T) {
	runArches(t, SyscallRegs, "syscallregs", "amd64", "arm64", "386")
}

// TestSysClobbersFit checks that every arch's entry of sysClobbers fits
// the check's state and names registers the arch has.
func TestSysClobbersFit(t *testing.T) {
	for arch, cls := range sysClobbers {
		if len(cls) > maxSysClobbers {
			t.Errorf("%s: %d registers, more than maxSysClobbers", arch, len(cls))
		}
		a := frame.ArchFor(arch)
		for _, cl := range cls {
			if a == nil || a.Regs.Reg(cl.reg) == frame.NoReg {
				t.Errorf("%s: no register %s", arch, cl.reg)
			}
		}
	}
}
