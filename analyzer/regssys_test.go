package analyzer

import "testing"

// TestSyscallRegs runs the syscallregs check on its testdata (which
// TestRegsTestdataAssembles assembles).
func TestSyscallRegs(t *testing.T) {
	runArches(t, SyscallRegs, "syscallregs", "amd64", "arm64", "386")
}
