package asmparse

import (
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// TestArena parses the corpus directory by directory, the files of each
// directory concurrently in one Arena that is released and used again
// for the next, and checks that each File is what a parse without an
// Arena gives, and that Release leaves nothing behind.
func TestArena(t *testing.T) {
	root := gorootSrc(t)
	inc := &DirIncluder{Dirs: []string{filepath.Join(runtime.GOROOT(), "pkg", "include")}, Virtual: map[string][]byte{"go_asm.h": nil}}
	byDir := map[string][]string{}
	var dirs []string
	for _, path := range corpusFiles(t) {
		d := filepath.Dir(path)
		if byDir[d] == nil {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], path)
	}
	if testing.Short() && len(dirs) > 40 {
		dirs = dirs[:40]
	}
	type job struct {
		path, arch string
		src        []byte
	}
	var ar Arena
	nfiles := 0
	for _, d := range dirs {
		var jobs []job
		for _, path := range byDir[d] {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(root, path)
			for _, arch := range corpusArches(rel, src) {
				jobs = append(jobs, job{path, arch, src})
			}
		}
		got := make([]*File, len(jobs))
		var wg sync.WaitGroup
		for i, j := range jobs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i], _ = ParseFile(token.NewFileSet(), j.path, j.src, &Config{GOARCH: j.arch, Includer: inc, Arena: &ar})
			}()
		}
		wg.Wait()
		for i, j := range jobs {
			want, _ := ParseFile(token.NewFileSet(), j.path, j.src, &Config{GOARCH: j.arch, Includer: inc})
			got[i].macros, want.macros, got[i].layers, want.layers = nil, nil, nil, nil
			if !sameParse(got[i], want) {
				t.Fatalf("%s [%s]: parsed differently in an Arena", j.path, j.arch)
			}
			nfiles++
		}
		ar.Release()
		for _, b := range []interface{ Check() error }{&ar.stmts, &ar.ops, &ar.extras, &ar.mores, &ar.exps} {
			if err := b.Check(); err != nil {
				t.Fatalf("after Release: %v", err)
			}
		}
	}
	if ar.ops.Free() == 0 || ar.stmts.Free() == 0 {
		t.Errorf("the arena kept no blocks")
	}
	t.Logf("%d parses in %d directories", nfiles, len(dirs))
}
