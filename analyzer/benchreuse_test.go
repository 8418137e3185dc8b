package analyzer

import (
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"github.com/asmcheck/asmcheck/asmparse"
	"golang.org/x/tools/go/analysis"
)

// TestBenchReuse checks the benchmarks' bound runs ($ASMCHECK_BENCH_REUSE)
// reuse what they say and nothing more: off, each load parses and lowers
// again; "parse", a later load keeps the parse and lowers again; "lower",
// it returns the earlier load itself.
func TestBenchReuse(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "f_amd64.s")
	if err := os.WriteFile(name, []byte("TEXT ·f(SB), 0, $0-8\n\tMOVQ $1, ret+0(FP)\n\tRET\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	p := &Package{Pass: &analysis.Pass{Fset: token.NewFileSet()}}
	load := func() *File {
		f := p.parse(name, newIncluder(p.Pass), &asmparse.HeaderCache{})
		if f == nil || len(f.Funcs) != 1 {
			t.Fatalf("load of %s: %+v", name, f)
		}
		return f
	}
	for _, mode := range []string{"", "parse", "lower"} {
		benchReuse = reuseCache{mode: mode}
		a, b := load(), load()
		sameParse, sameLowering := a.File == b.File, a.Funcs[0] == b.Funcs[0]
		if want := mode != ""; sameParse != want {
			t.Errorf("mode %q: parse reused %v, want %v", mode, sameParse, want)
		}
		if want := mode == "lower"; sameLowering != want || (a == b) != want {
			t.Errorf("mode %q: lowering reused %v (same load %v), want %v", mode, sameLowering, a == b, want)
		}
	}
	benchReuse = reuseCache{}
}
