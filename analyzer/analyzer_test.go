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

func TestArgSize(t *testing.T)   { runArches(t, ArgSize, "argsize", "amd64", "arm64") }
func TestFPOffset(t *testing.T)  { runArches(t, FPOffset, "fpoffset", "amd64", "arm64") }
func TestFPWidth(t *testing.T)   { runArches(t, FPWidth, "fpwidth", "amd64", "arm64") }
func TestResults(t *testing.T)   { runArches(t, Results, "results", "amd64", "arm64") }
func TestPrototype(t *testing.T) { runArches(t, Prototype, "prototype", "amd64", "arm64") }
func TestSyntax(t *testing.T)    { runArches(t, Syntax, "syntax", "amd64") }
