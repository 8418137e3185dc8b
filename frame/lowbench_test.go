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

func BenchmarkLowerCorpus(b *testing.B) {
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
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			Funcs(f, ArchFor(f.Arch))
		}
	}
}
