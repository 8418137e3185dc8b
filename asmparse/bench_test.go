package asmparse

import (
	"go/token"
	"os"
	"path/filepath"
	"testing"
)

type corpusEntry struct {
	path, arch string
	src        []byte
}

func loadCorpus(b testing.TB) ([]corpusEntry, int64) {
	root := gorootSrc(b)
	var out []corpusEntry
	var n int64
	for _, path := range corpusFiles(b) {
		rel, _ := filepath.Rel(root, path)
		src, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		arches := corpusArches(rel, src)
		out = append(out, corpusEntry{path, arches[0], src})
		n += int64(len(src))
	}
	return out, n
}

// BenchmarkParseCorpus parses every .s file under GOROOT/src once per
// iteration (for its first arch); b.SetBytes makes the MB/s figure the
// parser's throughput on one core.
func BenchmarkParseCorpus(b *testing.B) {
	files, n := loadCorpus(b)
	inc := &DirIncluder{Virtual: map[string][]byte{"go_asm.h": nil}}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, e := range files {
			fset := token.NewFileSet()
			ParseFile(fset, e.path, e.src, &Config{GOARCH: e.arch, Includer: inc})
		}
	}
}
