package analyzer

import (
	"strings"
	"testing"

	"github.com/asmcheck/asmcheck/frame"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestBadInput: malformed statements get a syntax diagnostic each, and the
// rest of the file — the same function and the ones after it — is still
// checked.
func TestBadInput(t *testing.T) {
	root := analysistest.TestData()
	diags := runGOPATH(t, root, "badinput", "linux", "amd64", All)
	want := []string{
		"badinput_amd64.s:4: [amd64] before: invalid offset x+8(FP)",
		"badinput_amd64.s:9: [amd64] MOVQ: expected ) in operand",
		"badinput_amd64.s:10: [amd64] MOVQ:",
		"badinput_amd64.s:11: [amd64] unknown directive #bogus",
		"badinput_amd64.s:17: [amd64] after: invalid offset x+8(FP)",
	}
	joined := strings.Join(diags, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("missing %q in:\n%s", w, joined)
		}
	}
}

// panicky is a check that panics on one function.
var panicky = newAnalyzer("panicky", "test: panics on function victim", func(c *Check) {
	c.EachFunc(func(f *File, fn *frame.Func) {
		if fn.Name == "victim" {
			panic("boom")
		}
		c.Reportf(f, fn, fn.Pos(), "checked %s", fn.Name)
	})
})

// TestPanicContained: a panic in one check while it looks at one function
// becomes a diagnostic; the check goes on with the other functions and the
// other checks run.
func TestPanicContained(t *testing.T) {
	root := analysistest.TestData()
	diags := runGOPATH(t, root, "badinput", "linux", "amd64", []*analysis.Analyzer{panicky, FPOffset})
	joined := strings.Join(diags, "\n")
	for _, w := range []string{
		"checked before", "checked after",
		"asmcheck internal error in check panicky (the rest of the check still ran): boom",
		"[amd64] after: invalid offset x+8(FP)",
	} {
		if !strings.Contains(joined, w) {
			t.Errorf("missing %q in:\n%s", w, joined)
		}
	}
}
