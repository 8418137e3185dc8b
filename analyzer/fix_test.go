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

// checkFixes runs a on the amd64 testdata package pkg, applies every
// suggested fix to its file, compares the result with file.golden, and
// checks the fixed package is clean: analysistest cannot check fixes to .s
// files itself (STYLE.md). The package's other files are copied as they are.
func checkFixes(t *testing.T, a *analysis.Analyzer, pkg, file string) {
	t.Helper()
	t.Setenv("GOOS", "linux")
	t.Setenv("GOARCH", "amd64")
	t.Setenv("CGO_ENABLED", "0")
	dir := filepath.Join(analysistest.TestData(), "src", pkg)
	src := filepath.Join(dir, file)
	results := analysistest.Run(t, analysistest.TestData(), a, pkg)
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
		t.Errorf("fixed %s:\n%s\nwant:\n%s", file, fixed, golden)
	}

	// The fixed package, without its // want comments, is clean.
	tmp := t.TempDir()
	out := filepath.Join(tmp, "src", pkg)
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, name := range names {
		base := filepath.Base(name)
		if filepath.Ext(base) == ".golden" {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if base == file {
			b = regexp.MustCompile(`\s*// want .*`).ReplaceAll(fixed, nil)
		}
		if err := os.WriteFile(filepath.Join(out, base), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	analysistest.Run(t, tmp, a, pkg)
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

// TestDeclFixes checks the fixes of argsize (the size after '-') and
// fpoffset (the name or offset of an FP reference).
func TestDeclFixes(t *testing.T) {
	both := newAnalyzer("declfix", "argsize and fpoffset", func(c *Check) {
		runArgSize(c)
		runFPOffset(c)
	})
	checkFixes(t, both, "declfix", "declfix_amd64.s")
}
