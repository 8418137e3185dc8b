package analyzer

import (
	"go/build"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// checkFixes runs a on the testdata package pkg for the GOARCH of file
// (its _GOARCH.s suffix), applies every suggested fix to file, compares
// the result with file.golden, and checks the fixed package is clean:
// analysistest cannot check fixes to .s files itself (STYLE.md). The
// package's other files are copied as they are.
func checkFixes(t *testing.T, a *analysis.Analyzer, pkg, file string) {
	t.Helper()
	arch := strings.TrimSuffix(file[strings.LastIndexByte(file, '_')+1:], ".s")
	t.Setenv("GOOS", "linux")
	t.Setenv("GOARCH", arch)
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
	var tf *token.File
	for _, e := range edits {
		if tf = results[0].Pass.Fset.File(e.Pos); tf == nil || tf.Name() != src {
			t.Fatalf("edit outside %s", src)
		}
	}
	fixed, n := orig, 0
	if tf != nil {
		fixed, n = applyEdits(tf, orig, edits)
	}
	if n != len(edits) {
		t.Errorf("%d of the %d edits overlap others", len(edits)-n, len(edits))
	}
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

// applyEdits applies edits, all in the file tf (contents orig), in offset
// order, and returns the text and how many it applied: an edit that
// overlaps one before it is left out. An edit without an End inserts.
func applyEdits(tf *token.File, orig []byte, edits []analysis.TextEdit) ([]byte, int) {
	type edit struct {
		lo, hi int
		text   []byte
	}
	var es []edit
	for _, e := range edits {
		lo := tf.Offset(e.Pos)
		hi := lo
		if e.End.IsValid() {
			hi = tf.Offset(e.End)
		}
		es = append(es, edit{lo, hi, e.NewText})
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].lo < es[j].lo })
	var out []byte
	at, n := 0, 0
	for _, e := range es {
		if e.lo < at || e.hi < e.lo || e.hi > len(orig) {
			continue
		}
		out = append(append(out, orig[at:e.lo]...), e.text...)
		at = e.hi
		n++
	}
	return append(out, orig[at:]...), n
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

// TestWidthFixes checks fpwidth's fixes (the move of the value's width) on
// every arch that has them, and that each fixed file assembles.
func TestWidthFixes(t *testing.T) {
	asm := filepath.Join(build.ToolDir, "asm")
	files, _ := filepath.Glob(filepath.Join("testdata", "src", "widthfix", "*.s"))
	if len(files) != 10 {
		t.Fatalf("%d widthfix files, want one per arch but wasm and mipsle, mips64le and ppc64 (their twins): %v", len(files), files)
	}
	for _, file := range files {
		file := filepath.Base(file)
		t.Run(file, func(t *testing.T) {
			checkFixes(t, FPWidth, "widthfix", file)
			if testing.Short() {
				return
			}
			if _, err := os.Stat(asm); err != nil {
				t.Skipf("no go tool asm: %v", err)
			}
			golden, err := os.ReadFile(filepath.Join("testdata", "src", "widthfix", file+".golden"))
			if err != nil {
				t.Fatal(err)
			}
			arch := strings.TrimSuffix(file[strings.LastIndexByte(file, '_')+1:], ".s")
			checkAssembles(t, asm, "widthfix", file, golden, arch)
		})
	}
}

// TestWidthNoFix checks that fpwidth offers no fix where the move is not
// plain: in a macro body (which other expansions share), an instruction
// that is not a move, a move with a suffix, or an operand of another kind.
func TestWidthNoFix(t *testing.T) {
	for _, c := range []struct{ arch, src string }{
		{"amd64", "#define LOAD MOVQ x+0(FP), AX\nTEXT ·add(SB), 0, $0-12\n\tLOAD\n\tMOVL AX, ret+8(FP)\n\tRET\n"},
		{"amd64", "TEXT ·add(SB), 0, $0-12\n\tADDQ x+0(FP), AX\n\tMOVL AX, ret+8(FP)\n\tRET\n"},
		{"amd64", "TEXT ·add(SB), 0, $0-12\n\tMOVQ x+0(FP), Y0\n\tMOVL AX, ret+8(FP)\n\tRET\n"},
		{"arm64", "TEXT ·add(SB), 0, $0-12\n\tMOVD.P x+0(FP), R0\n\tMOVW R0, ret+8(FP)\n\tRET\n"},
		{"arm64", "TEXT ·add(SB), 0, $0-12\n\tMOVD x+0(FP), V0.D[0]\n\tMOVW R0, ret+8(FP)\n\tRET\n"},
	} {
		diags, _, _ := runAll(t, c.arch, map[string]string{"x_" + c.arch + ".s": c.src})
		found := false
		for _, d := range diags {
			if d.Category != "fpwidth" {
				continue
			}
			found = true
			if len(d.SuggestedFixes) != 0 {
				t.Errorf("%s %q: fix %q offered for %q", c.arch, c.src, d.SuggestedFixes[0].Message, d.Message)
			}
		}
		if !found {
			t.Errorf("%s %q: no fpwidth diagnostic: %v", c.arch, c.src, diags)
		}
	}
}

// TestOffsetFixAmbiguity checks that fpoffset offers no fix where the
// offset is the start of another parameter or result (the name may be the
// mistake, and the other correction would change working code: memmove
// reading its first argument under the second's name), and offers one
// where the offset is inside another variable or inside the named one, or
// the start of another part of the same value (s_len+0, where s_base is).
func TestOffsetFixAmbiguity(t *testing.T) {
	for _, c := range []struct {
		src, want string
		fix       bool
	}{
		{"TEXT ·memmove(SB), 0, $0-24\n\tMOVQ from+0(FP), DI\n\tRET\n", "offset 0 is to+0(FP), so the access reads to, not from", false},
		{"TEXT ·h(SB), 0, $0-41\n\tMOVQ x+12(FP), AX\n\tRET\n", "offset 12 is inside s_len+8(FP)", true},
		{"TEXT ·g(SB), 0, $0-20\n\tMOVQ p+4(FP), AX\n\tRET\n", "offset 4 is inside p+0(FP), so the access reads the wrong value", true},
		{"TEXT ·g(SB), 0, $0-20\n\tMOVL AX, r+24(FP)\n\tRET\n", "r is at offset 16, and offset 24 is past the 20 bytes of arguments and results of g, so the access writes the caller's frame", true},
		{"TEXT ·h(SB), 0, $0-41\n\tMOVQ s_len+0(FP), AX\n\tRET\n", "offset 0 is s_base+0(FP), so the access reads the wrong value", true},
		{"TEXT ·h(SB), 0, $0-41\n\tMOVQ s+8(FP), AX\n\tRET\n", "invalid offset s+8(FP); expected s_len+8(FP): offset 8 is s_len+8(FP), a part of s, so the access reads s_len: name the part, s_len+8(FP)", true},
	} {
		diags, _, _ := runAll(t, "amd64", map[string]string{"x_amd64.s": c.src})
		found := false
		for _, d := range diags {
			if d.Category != "fpoffset" || !strings.Contains(d.Message, "invalid offset") {
				continue
			}
			found = true
			if !strings.Contains(d.Message, c.want) {
				t.Errorf("%q: %q, want it to say %q", c.src, d.Message, c.want)
			}
			if got := len(d.SuggestedFixes) != 0; got != c.fix {
				t.Errorf("%q: fix offered %v, want %v: %q", c.src, got, c.fix, d.Message)
			}
		}
		if !found {
			t.Errorf("%q: no invalid-offset diagnostic: %v", c.src, diags)
		}
	}
}
