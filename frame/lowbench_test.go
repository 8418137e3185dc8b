package frame

import (
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/asmcheck/asmcheck/asmparse"
)

// benchCorpus returns every amd64 and arm64 .s file of GOROOT, parsed,
// and their total size.
func benchCorpus(b testing.TB) ([]*asmparse.File, int64) {
	var files []*asmparse.File
	var n int64
	root := filepath.Join(runtime.GOROOT(), "src")
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".s") || strings.Contains(path, "testdata") {
			return nil
		}
		src, _ := os.ReadFile(path)
		arches := asmparse.FileArches(path, src)
		if len(arches) != 1 || (arches[0] != "amd64" && arches[0] != "arm64") {
			return nil
		}
		f, _ := asmparse.ParseFile(token.NewFileSet(), path, src, &asmparse.Config{GOARCH: arches[0], Includer: &asmparse.DirIncluder{Virtual: map[string][]byte{"go_asm.h": nil}}})
		files = append(files, f)
		n += int64(len(src))
		return nil
	})
	return files, n
}

func BenchmarkLowerCorpus(b *testing.B) {
	files, n := benchCorpus(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			Funcs(f, ArchFor(f.Arch))
		}
	}
}

// BenchmarkForwardCorpus solves the SP problem (Forward with SPState) for
// every function of the corpus, lowered beforehand.
func BenchmarkForwardCorpus(b *testing.B) {
	files, n := benchCorpus(b)
	var funcs []*Func
	for _, f := range files {
		funcs = append(funcs, Funcs(f, ArchFor(f.Arch))...)
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, fn := range funcs {
			Forward(fn, SPProblem(fn.Arch))
		}
	}
}
