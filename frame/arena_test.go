package frame

import (
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/asmcheck/asmcheck/asmparse"
)

// TestArena lowers the amd64 and arm64 files of GOROOT directory by
// directory, the files of each directory concurrently in one Arena that
// is released and used again for the next, and checks that the Funcs
// (with their SP solutions, which they compute on first use) are what a
// lowering without an Arena gives, and that Release leaves nothing
// behind.
func TestArena(t *testing.T) {
	files, _ := benchCorpus(t)
	if len(files) == 0 {
		t.Skip("no GOROOT source")
	}
	byDir := map[string][]*asmparse.File{}
	var dirs []string
	for _, f := range files {
		d := filepath.Dir(f.Name)
		if byDir[d] == nil {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], f)
	}
	var ar Arena
	nfn := 0
	for _, d := range dirs {
		fs := byDir[d]
		got := make([][]*Func, len(fs))
		var wg sync.WaitGroup
		for i, f := range fs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i] = FuncsIn(f, ArchFor(f.Arch), &ar)
				for _, fn := range got[i] {
					fn.SP()
				}
			}()
		}
		wg.Wait()
		for i, f := range fs {
			want := Funcs(f, ArchFor(f.Arch))
			for _, fn := range want {
				fn.SP()
			}
			if !reflect.DeepEqual(got[i], want) {
				t.Fatalf("%s: lowered differently in an Arena", f.Name)
			}
			nfn += len(want)
		}
		ar.Release()
		for _, b := range []interface{ Check() error }{&ar.funcs, &ar.ptrs, &ar.insts, &ar.labels, &ar.reads, &ar.writes,
			&ar.mems, &ar.targets, &ar.names, &ar.cfgs, &ar.blocks, &ar.blockPtrs} {
			if err := b.Check(); err != nil {
				t.Fatalf("after Release: %v", err)
			}
		}
	}
	if ar.insts.Free() == 0 || ar.blocks.Free() == 0 {
		t.Errorf("the arena kept no blocks")
	}
	t.Logf("%d functions of %d files in %d directories", nfn, len(files), len(dirs))
}
