package analyzer

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestStackFixes applies the suggested fixes of stackmap (insert
// NO_LOCAL_POINTERS and funcdata.h) and callargs (the frame size) to
// testdata/src/stackfix/stackfix_amd64.s, compares the result with the
// .golden file, and checks that the fixed package is clean: analysistest
// cannot check fixes to .s files itself.
func TestStackFixes(t *testing.T) {
	t.Setenv("GOOS", "linux")
	t.Setenv("GOARCH", "amd64")
	t.Setenv("CGO_ENABLED", "0")
	both := newAnalyzer("stackfix", "stackmap and callargs", func(c *Check) {
		runStackMap(c)
		runCallArgs(c)
	})
	src := filepath.Join(analysistest.TestData(), "src", "stackfix", "stackfix_amd64.s")
	results := analysistest.Run(t, analysistest.TestData(), both, "stackfix")
	orig, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var edits []analysis.TextEdit
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, f := range d.SuggestedFixes {
				edits = append(edits, f.TextEdits...)
			}
		}
	}
	fixed := applyEdits(t, results[0].Pass, src, orig, edits)
	golden, err := os.ReadFile(src + ".golden")
	if err != nil {
		t.Fatal(err)
	}
	if string(fixed) != string(golden) {
		t.Errorf("fixed file:\n%s\nwant:\n%s", fixed, golden)
	}

	// The fixed package: no diagnostics left (its // want comments are
	// removed).
	dir := t.TempDir()
	pkg := filepath.Join(dir, "src", "stackfix")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	decl, _ := os.ReadFile(filepath.Join(filepath.Dir(src), "decl.go"))
	os.WriteFile(filepath.Join(pkg, "decl.go"), decl, 0o644)
	os.WriteFile(filepath.Join(pkg, "stackfix_amd64.s"), regexp.MustCompile(`\s*// want .*`).ReplaceAll(fixed, nil), 0o644)
	analysistest.Run(t, dir, both, "stackfix")
}

// applyEdits applies edits to the file src (contents orig), in offset
// order; positions come from pass's file set.
func applyEdits(t *testing.T, pass *analysis.Pass, src string, orig []byte, edits []analysis.TextEdit) []byte {
	t.Helper()
	type edit struct {
		lo, hi int
		text   []byte
	}
	var es []edit
	for _, e := range edits {
		f := pass.Fset.File(e.Pos)
		if f == nil || f.Name() != src {
			t.Fatalf("edit outside %s", src)
		}
		es = append(es, edit{f.Offset(e.Pos), f.Offset(e.End), e.NewText})
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].lo < es[j].lo })
	var out []byte
	at := 0
	for _, e := range es {
		out = append(append(out, orig[at:e.lo]...), e.text...)
		at = e.hi
	}
	return append(out, orig[at:]...)
}
