package analyzer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/asmcheck/asmcheck/abi"
	"golang.org/x/tools/go/analysis"
)

// fuzzGo is the Go side of the package FuzzChecks checks: functions of
// the shapes the seeds' TEXT blocks most often implement, so that the
// declaration and frame checks have prototypes to compare with.
const fuzzGo = `package x

func f(a, b int64) int64
func g(p *byte, n int) (r int32)
func h(s []byte, x string) (ok bool)
func k()
func add(x, y uint32) uint32
func memmove(to, from *byte, n uintptr)
`

// fuzzArches are the GOARCHes FuzzChecks reads its input as: amd64 and
// arm64 (every check) first, then those of which asmcheck lowers the
// control flow.
var fuzzArches = []string{"amd64", "arm64", "386", "arm", "loong64", "mips", "mips64le", "ppc64le", "riscv64", "s390x", "wasm"}

// FuzzChecks runs Load and every check on one .s file beside the package
// fuzzGo, for amd64 and arm64 and for one more GOARCH the second input
// picks, and fails on a panic in Load, an internal error (a check's panic,
// which its guard turns into a diagnostic), a diagnostic or suggested fix
// outside the file, or suggested fixes that, applied together, leave the
// file with more syntax errors than it had. The seeds are GOROOT's files of every arch (each
// with its own) and a few small inputs:
//
//	go test ./analyzer -run XXX -fuzz FuzzChecks -fuzztime 5m -fuzzminimizetime 5s
//
// (Minimizing each new input, up to a minute by default, takes most of a
// short run: the seeds are whole files.)
func FuzzChecks(f *testing.F) {
	for _, s := range []string{
		"",
		"TEXT ·f(SB), 4, $0-24\n\tMOVQ a+0(FP), AX\n\tRET\n",
		"#include \"textflag.h\"\nTEXT ·k(SB), NOSPLIT|NOFRAME, $0\n\tB ·k(SB)\n",
		"TEXT ·g(SB), $16-20\n\tMOVD p+0(FP), R0\n\tMOVW R0, r+16(FP)\n\tSUB $8, RSP\n\tRET\n",
		"DATA x<>+0(SB)/8, $1\nGLOBL x<>(SB), 8, $4\n",
		"TEXT ·h(SB), 0, $-8\n\tCALL ·k(SB)\n",
		// Fixes: the argument size, the widths, a name.
		"TEXT ·add(SB), 0, $0-16\n\tMOVQ x+0(FP), AX\n\tMOVD y+4(FP), R1\n\tMOVQ AX, ret+8(FP)\n\tMOVL z+4(FP), BX\n\tRET\n",
	} {
		f.Add(s, uint8(0))
	}
	if !testing.Short() {
		dir := filepath.Join(runtime.GOROOT(), "src")
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".s") || strings.Contains(path, "testdata") {
				return nil
			}
			for i, arch := range fuzzArches {
				if strings.HasSuffix(strings.TrimSuffix(path, ".s"), "_"+arch) {
					if src, err := os.ReadFile(path); err == nil && len(src) < 32<<10 {
						f.Add(string(src), uint8(i))
					}
				}
			}
			return nil
		})
	}
	f.Fuzz(func(t *testing.T, src string, which uint8) {
		arches := []string{"amd64", "arm64"}
		if a := fuzzArches[int(which)%len(fuzzArches)]; !slices.Contains(arches, a) {
			arches = append(arches, a)
		}
		for _, arch := range arches {
			checkAll(t, arch, src)
		}
	})
}

// checkAll runs Load and every check on src as the package's only .s file
// for arch, and fails on an internal error or a position outside the file.
func checkAll(t *testing.T, arch, src string) {
	t.Helper()
	name := "x_" + arch + ".s"
	diags, fset, pkg := runAll(t, arch, map[string]string{name: src})
	tf := fset.File(pkg.Files[0].Base)
	inFile := func(pos token.Pos) bool {
		return pos.IsValid() && fset.File(pos) == tf
	}
	for _, d := range diags {
		if d.Category == "internal" {
			t.Fatalf("%s: %s", arch, d.Message)
		}
		if !inFile(d.Pos) && fset.File(d.Pos) == nil {
			t.Fatalf("%s: diagnostic %q at an invalid position", arch, d.Message)
		}
		for _, fix := range d.SuggestedFixes {
			for _, e := range fix.TextEdits {
				if !inFile(e.Pos) || e.End.IsValid() && (e.End < e.Pos || !inFile(e.End) && int(e.End)-tf.Base() != tf.Size()) {
					t.Fatalf("%s: fix %q of %q edits outside the file", arch, fix.Message, d.Message)
				}
			}
		}
	}
	// The fixes, applied together (an edit that overlaps one before it
	// left out), must not make the file harder to read: no more syntax
	// errors than before, and no internal error.
	var edits []analysis.TextEdit
	for _, d := range diags {
		for _, fix := range d.SuggestedFixes {
			edits = append(edits, fix.TextEdits...)
		}
	}
	fixed, n := applyEdits(tf, []byte(src), edits)
	if n == 0 {
		return
	}
	after, _, _ := runAll(t, arch, map[string]string{name: string(fixed)})
	if got, was := countCategory(after, "syntax"), countCategory(diags, "syntax"); got > was {
		t.Fatalf("%s: %d syntax errors after applying %d fixes, %d before:\n%s", arch, got, n, was, fixed)
	}
	if countCategory(after, "internal") > 0 {
		t.Fatalf("%s: internal error after applying %d fixes:\n%s", arch, n, fixed)
	}
}

func countCategory(diags []analysis.Diagnostic, category string) int {
	n := 0
	for _, d := range diags {
		if d.Category == category {
			n++
		}
	}
	return n
}

// runAll runs Load and every check for arch on a package of fuzzGo and the
// .s files srcs (by base name, in sorted order), and returns the
// diagnostics. Nothing is read from disk: the .s files and every file they
// include come from ReadFile (an include that is not one of them reads as
// empty), and the directory does not exist.
func runAll(t *testing.T, arch string, srcs map[string]string) ([]analysis.Diagnostic, *token.FileSet, *Package) {
	t.Helper()
	return runAllGo(t, arch, fuzzGo, srcs)
}

// runAllGo is runAll with the package's Go file goSrc.
func runAllGo(t *testing.T, arch, goSrc string, srcs map[string]string) ([]analysis.Diagnostic, *token.FileSet, *Package) {
	t.Helper()
	dir := filepath.Join(string(filepath.Separator), "asmcheck-fuzz")
	fset := token.NewFileSet()
	gf, err := parser.ParseFile(fset, filepath.Join(dir, "x.go"), goSrc, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}}
	pkg, err := (&types.Config{Sizes: abi.ArchFor(arch).Sizes}).Check("x", fset, []*ast.File{gf}, info)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range srcs {
		names = append(names, filepath.Join(dir, name))
	}
	slices.Sort(names)
	var diags []analysis.Diagnostic
	pass := &analysis.Pass{
		Analyzer: Load, Fset: fset, Files: []*ast.File{gf}, OtherFiles: names, Pkg: pkg, TypesInfo: info,
		ReadFile: func(name string) ([]byte, error) {
			if filepath.Dir(name) == dir {
				if src, ok := srcs[filepath.Base(name)]; ok {
					return []byte(src), nil
				}
			}
			return []byte{}, nil
		},
		Report:   func(d analysis.Diagnostic) { diags = append(diags, d) },
		ResultOf: map[*analysis.Analyzer]any{},
	}
	t.Setenv("GOARCH", arch)
	t.Setenv("GOOS", "linux")
	res, err := Load.Run(pass)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range All {
		p := *pass
		p.Analyzer, p.ResultOf = a, map[*analysis.Analyzer]any{Load: res}
		if _, err := a.Run(&p); err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
	}
	return diags, fset, res.(*Package)
}

// TestLoadPanic checks that a panic in the parser or the lowering of one
// file is reported by the syntax check, at that file, and that the other
// files are still checked.
func TestLoadPanic(t *testing.T) {
	// Nothing is wrong in a_amd64.s but the panic; b_amd64.s writes no
	// result, and gives g 16 bytes of arguments where it has 20.
	bad := "TEXT ·f(SB), 0, $0-24\n\tMOVQ a+0(FP), AX\n\tMOVQ AX, ret+16(FP)\n\tRET\n"
	good := "TEXT ·g(SB), 0, $0-16\n\tMOVQ p+0(FP), AX\n\tRET\n"
	for _, stage := range []string{"reading", "lowering"} {
		t.Run(stage, func(t *testing.T) {
			loadPanicTest = stage + " a_amd64.s"
			defer func() { loadPanicTest = "" }()
			diags, fset, pkg := runAll(t, "amd64", map[string]string{"a_amd64.s": bad, "b_amd64.s": good})
			var internal, other int
			for _, d := range diags {
				p := fset.Position(d.Pos)
				switch {
				case d.Category == "internal":
					internal++
					if filepath.Base(p.Filename) != "a_amd64.s" || p.Line != 1 || !strings.Contains(d.Message, "internal error "+stage+" a_amd64.s") {
						t.Errorf("internal error at %s: %s", p, d.Message)
					}
				case filepath.Base(p.Filename) == "b_amd64.s":
					other++
				}
			}
			if internal != 1 || other == 0 {
				t.Errorf("%d internal errors, %d diagnostics for the other file; want 1 and some: %v", internal, other, diags)
			}
			kept := map[string]bool{}
			for _, f := range pkg.Files {
				kept[filepath.Base(f.Name)] = len(f.Funcs) > 0
			}
			want := map[string]bool{"b_amd64.s": true}
			if stage == "lowering" {
				want["a_amd64.s"] = false // kept, without functions
			}
			if !maps.Equal(kept, want) {
				t.Errorf("files and whether they have functions: %v, want %v", kept, want)
			}
			if other != 2 {
				t.Errorf("%d diagnostics for b_amd64.s, want 2 (argsize, results)", other)
			}
		})
	}
}
