package frame

import (
	"fmt"
	"os"
	"testing"
)

// TestMain fails the tests if any of them wrote the shared zero Target
// that Effects without a target point at.
func TestMain(m *testing.M) {
	code := m.Run()
	if noTarget != (Target{}) {
		fmt.Fprintf(os.Stderr, "the shared zero Target was written: %+v\n", noTarget)
		code = 1
	}
	os.Exit(code)
}

// TestEffectTargets checks that every Effect of the amd64 and arm64 files
// of GOROOT has a Target, its own when it has one.
func TestEffectTargets(t *testing.T) {
	files, _ := benchCorpus(t)
	shared, own := 0, 0
	for _, f := range files {
		for _, fn := range Funcs(f, ArchFor(f.Arch)) {
			for i := range fn.Insts {
				e := fn.Inst(i)
				switch {
				case e.Target() == nil:
					t.Fatalf("%s: %s %s: nil Target", f.Name, fn.Name, e.Op())
				case e.Target() == &noTarget:
					shared++
				default:
					own++
					if e.Target().IsZero() {
						t.Errorf("%s: %s %s: an empty Target of its own", f.Name, fn.Name, e.Op())
					}
				}
			}
		}
	}
	t.Logf("%d instructions without a target, %d with one", shared, own)
}
