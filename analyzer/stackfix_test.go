package analyzer

import "testing"

// TestStackFixes applies the suggested fixes of stackmap (insert
// NO_LOCAL_POINTERS and funcdata.h) and callargs (the frame size) to
// testdata/src/stackfix/stackfix_amd64.s, compares the result with the
// .golden file, and checks that the fixed package is clean: analysistest
// cannot check fixes to .s files itself.
func TestStackFixes(t *testing.T) {
	both := newAnalyzer("stackfix", "stackmap and callargs", func(c *Check) {
		runStackMap(c)
		runCallArgs(c)
	})
	checkFixes(t, both, "stackfix", "stackfix_amd64.s")
}
