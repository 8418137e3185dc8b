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

// TestBenchReuseBytes checks the bound runs that reuse the parse and
// allocate its bytes instead: none on the first load, which parses; as
// many bytes as parseBytesPerByte says on each later one, new each time
// with "new", the same ones cleared with "pooled"; none without bytes.
func TestBenchReuseBytes(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "f_amd64.s")
	src := "TEXT ·f(SB), 0, $0-8\n\tMOVQ $1, ret+0(FP)\n\tRET\n"
	if err := os.WriteFile(name, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	p := &Package{Pass: &analysis.Pass{Fset: token.NewFileSet()}}
	load := func() *File { return p.parse(name, newIncluder(p.Pass), &asmparse.HeaderCache{}) }
	size := func(bs [][]byte) int {
		n := 0
		for _, b := range bs {
			n += len(b)
		}
		return n
	}
	want := int(float64(len(src)) * parseBytesPerByte)
	for _, alloc := range []string{"", "new", "pooled"} {
		benchReuse = reuseCache{mode: "parse", alloc: alloc}
		a, b := load(), load()
		if a.benchBytes != nil {
			t.Errorf("alloc %q: the first load, which parses, allocated %d bytes in its stead", alloc, size(a.benchBytes))
		}
		if alloc == "" {
			if b.benchBytes != nil {
				t.Errorf("no bytes asked: %d allocated", size(b.benchBytes))
			}
			continue
		}
		if n := size(b.benchBytes); n != want {
			t.Errorf("alloc %q: %d allocated, want %d", alloc, n, want)
		}
		b.benchBytes[0][0] = 1
		c := load()
		same := &c.benchBytes[0][0] == &b.benchBytes[0][0]
		if same != (alloc == "pooled") || c.benchBytes[0][0] != 0 {
			t.Errorf("alloc %q: the third load's bytes are the second's: %v, first byte %d", alloc, same, c.benchBytes[0][0])
		}
	}
	benchReuse = reuseCache{}
}
