package analyzer

import (
	"go/build"
	"os"
	"path/filepath"
	"testing"

	"github.com/asmcheck/asmcheck/asmparse"
)

func TestSyscallRegs(t *testing.T) {
	runArches(t, SyscallRegs, "syscallregs", "amd64", "arm64", "386")
}

// TestSyscallRegsTestdataAssembles shows that the testdata is assembly the
// Go assembler accepts, for every arch each file is built for.
func TestSyscallRegsTestdataAssembles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go tool asm")
	}
	asm := filepath.Join(build.ToolDir, "asm")
	if _, err := os.Stat(asm); err != nil {
		t.Skipf("no go tool asm: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "src", "syscallregs", "*.s"))
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, arch := range asmparse.FileArches(file, src) {
			t.Run(filepath.Base(file)+"/"+arch, func(t *testing.T) {
				checkAssembles(t, asm, "syscallregs", file, src, arch)
			})
		}
	}
}
