package analyzer

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestRelease runs all checks with Analyze on every testdata package twice
// for each of amd64 and arm64, which releases the memory of each run's
// parses and lowerings before the next (as the asmcheck command does
// between targets), and checks that every run reports the same, and that
// the Packages are left without files.
func TestRelease(t *testing.T) {
	if testing.Short() {
		t.Skip("loads every testdata package")
	}
	root := analysistest.TestData()
	var first []string
	for _, arch := range []string{"amd64", "arm64", "amd64"} {
		cfg := &packages.Config{
			Mode: packages.LoadAllSyntax,
			Dir:  filepath.Join(root, "src"),
			Env:  append(os.Environ(), "GOPATH="+root, "GO111MODULE=off", "GOFLAGS=", "GOOS=linux", "GOARCH="+arch),
		}
		pkgs, err := packages.Load(cfg, "./...")
		if err != nil {
			t.Fatal(err)
		}
		var runs [2][]string
		for k := range runs {
			var loads []*Package
			err := Analyze(All, pkgs, func(g *checker.Graph) error {
				for act := range g.All() {
					if act.Analyzer == Load {
						if p, ok := act.Result.(*Package); ok && len(p.Files) > 0 {
							loads = append(loads, p)
						}
						continue
					}
					for _, d := range act.Diagnostics {
						runs[k] = append(runs[k], fmt.Sprintf("%s: %s: %s", act.Package.Fset.Position(d.Pos), act.Analyzer.Name, d.Message))
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(loads) == 0 {
				t.Fatalf("%s: no package with assembly", arch)
			}
			for _, p := range loads {
				if p.Files != nil || p.arena != nil {
					t.Fatalf("%s: %s: files or arena left after Analyze", arch, p.Pass.Pkg.Path())
				}
			}
			slices.Sort(runs[k])
		}
		if len(runs[0]) < 100 || !slices.Equal(runs[0], runs[1]) {
			t.Fatalf("%s: %d diagnostics, then %d after Release:\n%v\n%v", arch, len(runs[0]), len(runs[1]), runs[0], runs[1])
		}
		if first == nil {
			first = runs[0]
		} else if arch == "amd64" && !slices.Equal(first, runs[0]) {
			t.Fatalf("amd64 after arm64: %d diagnostics, %d before", len(runs[0]), len(first))
		}
	}
}

// TestReleaseWithoutLoad checks that Release leaves alone a graph that
// does not keep Load's results (Load not asked for): nothing to give back.
func TestReleaseWithoutLoad(t *testing.T) {
	root := analysistest.TestData()
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(root, "src", "argsize"),
		Env:  append(os.Environ(), "GOPATH="+root, "GO111MODULE=off", "GOFLAGS=", "GOOS=linux", "GOARCH=amd64"),
	}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		t.Fatal(err)
	}
	g, err := checker.Analyze([]*analysis.Analyzer{ArgSize}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	Release(g) // must not panic, and finds no Load result
	for act := range g.All() {
		if act.Analyzer == Load && act.Result != nil {
			t.Errorf("the checker kept Load's result though Load was not asked for")
		}
	}
}
