package analyzer

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// runArches runs analyzer a on testdata package pkg once per GOARCH, as a
// subtest with GOARCH set, so that the // want comments of every arch's
// files are checked (wants in files excluded by build constraints are not).
func runArches(t *testing.T, a *analysis.Analyzer, pkg string, arches ...string) {
	t.Helper()
	for _, arch := range arches {
		t.Run(arch, func(t *testing.T) {
			goos := "linux"
			if arch == "wasm" {
				goos = "js"
			}
			t.Setenv("GOOS", goos)
			t.Setenv("GOARCH", arch)
			t.Setenv("CGO_ENABLED", "0")
			analysistest.Run(t, analysistest.TestData(), a, pkg)
		})
	}
}

// allArches lists every GOARCH asmcheck knows; the declaration checks'
// testdata has assembly for each (testdata_asm_test.go assembles it).
var allArches = []string{"386", "amd64", "arm", "arm64", "loong64", "mips", "mipsle", "mips64", "mips64le",
	"ppc64", "ppc64le", "riscv64", "s390x", "wasm"}

func TestArgSize(t *testing.T)   { runArches(t, ArgSize, "argsize", allArches...) }
func TestFPOffset(t *testing.T)  { runArches(t, FPOffset, "fpoffset", allArches...) }
func TestFPWidth(t *testing.T)   { runArches(t, FPWidth, "fpwidth", allArches...) }
func TestResults(t *testing.T)   { runArches(t, Results, "results", allArches...) }
func TestPrototype(t *testing.T) { runArches(t, Prototype, "prototype", allArches...) }
func TestSyntax(t *testing.T)    { runArches(t, Syntax, "syntax", "amd64") }

// TestPrototypeTestDecl checks that a function the package's tests declare
// needs no other declaration, but only where the test file builds: a
// darwin test file declares nothing on linux.
func TestPrototypeTestDecl(t *testing.T) {
	t.Setenv("GOOS", "linux")
	runArches(t, Prototype, "testonly", "arm64")
}

// TestPrototypeUsesFirst runs the prototype check with the uses of Go
// functions looked for before other configurations' files are read, the
// order taken for packages with many such files (the runtime), on
// testdata that has few: the findings must be the same.
func TestPrototypeUsesFirst(t *testing.T) {
	defer func(n int) { manyOtherFiles = n }(manyOtherFiles)
	manyOtherFiles = 0
	runArches(t, Prototype, "prototype", "386", "amd64", "arm64", "riscv64", "wasm")
}
