package analyzer

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/asmcheck/asmcheck/abi"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/asmdecl"
	"golang.org/x/tools/go/packages"
)

// BenchmarkVetOffline runs BenchmarkVet's configurations (asmdecl, the
// declaration checks, all checks: the sub-benchmarks of those names; ratio
// runs them interleaved as BenchmarkVetRatio does) on
// packages described by a `go list -json -export -deps` file named by
// $ASMCHECK_BENCH_LIST, loaded without running the go command: each root
// package is parsed and type-checked from source, its dependencies read
// from the export data the list names. That lets the benchmark run under
// callgrind (go/packages starts `go list`, whose signals callgrind does
// not survive), which counts instructions: a measure of each
// configuration that does not drift with the load of a shared machine
// (docs/performance.md). The GOARCH is the one the list was made for.
//
//	GOOS=linux GOARCH=arm64 CGO_ENABLED=0 go list -e -export -deps \
//		-json=ImportPath,Name,Dir,GoFiles,SFiles,IgnoredGoFiles,IgnoredOtherFiles,Export,DepOnly \
//		runtime internal/bytealg math/big math ... > /tmp/arm64.json
//	go test -c -o /tmp/analyzer.test ./analyzer
//	cd analyzer && ASMCHECK_BENCH_LIST=/tmp/arm64.json GOARCH=arm64 GOOS=linux \
//		GOGC=off GOMAXPROCS=1 valgrind --tool=callgrind /tmp/analyzer.test -test.run XXX \
//		-test.bench 'VetOffline/^decl$' -test.benchtime 4x
//
// (and the same with 1x: the difference over 3 is one run's instructions;
// without the collector, within about 5% from run to run for asmcheck's
// configurations and 1% for asmdecl.) $ASMCHECK_BENCH_PKGS, a
// comma-separated list, analyzes only those of the list's packages, to
// time them one by one. $ASMCHECK_BENCH_REUSE=parse (or lower) measures
// a bound: asmcheck's runs reuse the first run's parse of each file (and
// its lowering), as if those cost nothing; parse+bytes and parse+pooled
// add back the parse's allocation (see setBenchReuse).
func BenchmarkVetOffline(b *testing.B) {
	list := os.Getenv("ASMCHECK_BENCH_LIST")
	if list == "" {
		b.Skip("$ASMCHECK_BENCH_LIST names no go list output")
	}
	pkgs, n, err := loadOffline(list)
	if err != nil {
		b.Fatal(err)
	}
	setBenchReuse(b)
	// ratio: the three interleaved, as BenchmarkVetRatio runs them.
	b.Run("ratio", func(b *testing.B) { interleave(b, pkgs, n) })
	for _, cfg := range []struct {
		name string
		as   []*analysis.Analyzer
	}{{"asmdecl", []*analysis.Analyzer{asmdecl.Analyzer}}, {"decl", declChecks}, {"all", All}} {
		b.Run(cfg.name, func(b *testing.B) { analyzeLoop(b, pkgs, n, cfg.as) })
	}
}

// listedPackage is what loadOffline reads of a package in go list's output.
type listedPackage struct {
	ImportPath, Name, Dir, Export                      string
	GoFiles, SFiles, IgnoredGoFiles, IgnoredOtherFiles []string
	DepOnly                                            bool
}

// loadOffline reads the go list output in file and returns its root
// packages, parsed and type-checked from source with their dependencies'
// types read from export data, and the bytes of assembly they hold.
func loadOffline(file string) ([]*packages.Package, int64, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	exports := map[string]string{}
	var roots []listedPackage
	// $ASMCHECK_BENCH_PKGS, a comma-separated list, picks some of the
	// list's root packages, to time them one by one; the others are
	// still read for their export data.
	var only map[string]bool
	if l := benchPkgsEnv(); l != nil {
		only = map[string]bool{}
		for _, path := range l {
			only[path] = true
		}
	}
	for dec := json.NewDecoder(f); ; {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, 0, err
		}
		exports[p.ImportPath] = p.Export
		if !p.DepOnly && (only == nil || only[p.ImportPath]) {
			roots = append(roots, p)
		}
	}
	if len(roots) == 0 {
		return nil, 0, fmt.Errorf("%s: no package to analyze (of $ASMCHECK_BENCH_PKGS %q)", file, os.Getenv("ASMCHECK_BENCH_PKGS"))
	}
	goarch := os.Getenv("GOARCH")
	if goarch == "" {
		goarch = runtime.GOARCH
	}
	arch := abi.ArchFor(goarch)
	if arch == nil {
		return nil, 0, fmt.Errorf("unknown GOARCH %q", goarch)
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		if exports[path] == "" {
			return nil, fmt.Errorf("no export data for %q", path)
		}
		return os.Open(exports[path])
	})
	var out []*packages.Package
	var n int64
	for _, p := range roots {
		abs := func(names []string) []string {
			var l []string
			for _, name := range names {
				if !filepath.IsAbs(name) {
					name = filepath.Join(p.Dir, name)
				}
				l = append(l, name)
			}
			return l
		}
		goFiles := abs(p.GoFiles)
		var syntax []*ast.File
		for _, name := range goFiles {
			// With object resolution, as go/packages parses.
			af, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
			if err != nil {
				return nil, 0, err
			}
			syntax = append(syntax, af)
		}
		info := &types.Info{
			Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{},
			Implicits: map[ast.Node]types.Object{}, Instances: map[*ast.Ident]types.Instance{}, Scopes: map[ast.Node]*types.Scope{},
			Selections: map[*ast.SelectorExpr]*types.Selection{}, FileVersions: map[*ast.File]string{},
		}
		conf := types.Config{Importer: imp, Sizes: arch.Sizes, Error: func(error) {}}
		tpkg, _ := conf.Check(p.ImportPath, fset, syntax, info)
		sfiles := abs(p.SFiles)
		for _, name := range sfiles {
			if st, err := os.Stat(name); err == nil {
				n += st.Size()
			}
		}
		ignored := abs(append(append([]string(nil), p.IgnoredGoFiles...), p.IgnoredOtherFiles...))
		out = append(out, &packages.Package{
			ID: p.ImportPath, Name: p.Name, PkgPath: p.ImportPath, Fset: fset,
			GoFiles: goFiles, CompiledGoFiles: goFiles, OtherFiles: sfiles, IgnoredFiles: ignored,
			Syntax: syntax, Types: tpkg, TypesInfo: info, TypesSizes: arch.Sizes,
			Imports: map[string]*packages.Package{},
		})
	}
	if len(out) == 0 {
		return nil, 0, fmt.Errorf("%s lists no root package", file)
	}
	return out, n, nil
}

// setBenchReuse sets the load's reuse of earlier runs' files from
// $ASMCHECK_BENCH_REUSE for the rest of benchmark b: "parse" reuses each
// file's parse (the lowering runs again each time), "lower" the parse and
// the lowering. Only asmcheck's configurations reuse anything, so the
// ratios then bound what a free parser, or a free parser and lowering,
// would give (docs/performance.md, fifteenth round). "parse+bytes" reuses
// the parse but allocates as many bytes as it would have, without
// pointers, and "parse+pooled" takes those bytes from the run before and
// clears them (seventeenth round). The diagnostics of such runs are not
// meant to be read.
func setBenchReuse(b *testing.B) {
	mode, alloc := os.Getenv("ASMCHECK_BENCH_REUSE"), ""
	switch mode {
	case "":
		return
	case "parse", "lower":
	case "parse+bytes":
		mode, alloc = "parse", "new"
	case "parse+pooled":
		mode, alloc = "parse", "pooled"
	default:
		b.Fatalf("$ASMCHECK_BENCH_REUSE=%q: want parse, lower, parse+bytes or parse+pooled", mode)
	}
	benchReuse.mode, benchReuse.alloc = mode, alloc
	b.Cleanup(func() { benchReuse = reuseCache{} })
}
