package analyzer

import (
	"go/build"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/asmparse"
	"github.com/asmcheck/asmcheck/frame"
)

func TestCalleeSaved(t *testing.T) {
	runArches(t, CalleeSaved, "calleesaved", "amd64", "arm64")
	runTarget(t, CalleeSaved, "calleesavedwin", "windows", "amd64")
}

// runTarget runs analyzer a on testdata package pkg for one GOOS/GOARCH.
func runTarget(t *testing.T, a *analysis.Analyzer, pkg, goos, goarch string) {
	t.Helper()
	t.Run(goos+"_"+goarch, func(t *testing.T) {
		t.Setenv("GOOS", goos)
		t.Setenv("GOARCH", goarch)
		t.Setenv("CGO_ENABLED", "0")
		analysistest.Run(t, analysistest.TestData(), a, pkg)
	})
}

// TestRuntimeCEntries checks that every function of runtimeCEntries is
// defined in GOROOT's runtime, and that a function of package runtime
// with one of those names is recognized as entered from C.
func TestRuntimeCEntries(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(runtime.GOROOT(), "src", "runtime", "*.s"))
	var all strings.Builder
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	for _, e := range runtimeCEntries {
		sym := regexp.QuoteMeta(e.name)
		if e.static {
			sym += "<>"
		}
		re := regexp.MustCompile(`(?m)^TEXT\s+(runtime)?·` + sym + `\(SB\)`)
		if e.static {
			re = regexp.MustCompile(`(?m)^TEXT\s+(runtime·)?` + sym + `\(SB\)`)
		}
		if !re.MatchString(all.String()) {
			t.Errorf("%s: no TEXT for it in GOROOT/src/runtime", e.name)
		}
	}
	src := "TEXT runtime·sigtramp(SB),0,$0\n\tRET\nTEXT sigtramp<>(SB),0,$0\n\tRET\nTEXT runtime·other(SB),0,$0\n\tRET\n"
	c := fakeCheck(t, "runtime", "arm64", src)
	rc := newRegCtx(c)
	got := map[string]bool{}
	for fn := range rc.entries {
		got[fn.Sym] = true
	}
	if !got["runtime·sigtramp"] || !got["sigtramp"] || got["runtime·other"] || len(got) != 2 {
		t.Errorf("entries from C = %v, want runtime·sigtramp and sigtramp<>", got)
	}
}

// fakeCheck returns a Check for one assembly file of package path.
func fakeCheck(t *testing.T, path, arch, src string) *Check {
	t.Helper()
	fset := token.NewFileSet()
	af, _ := asmparse.ParseFile(fset, "x_"+arch+".s", []byte(src), &asmparse.Config{GOARCH: arch, GOOS: "linux"})
	f := &File{File: af, Arch: frame.ArchFor(arch), ABI: abi.ArchFor(arch)}
	f.Funcs = frame.Funcs(af, f.Arch)
	pass := &analysis.Pass{Fset: fset, Pkg: types.NewPackage(path, filepath.Base(path))}
	return &Check{Name: "test", Pass: pass, Pkg: &Package{Pass: pass, Files: []*File{f}}}
}

func TestReserved(t *testing.T) { runArches(t, Reserved, "reserved", "amd64", "arm64") }

func TestFramePointer(t *testing.T) {
	runArches(t, FramePointer, "framepointer", "amd64", "arm64")
}

func TestABIInternal(t *testing.T) {
	runArches(t, ABIInternal, "abiinternal", "amd64", "arm64")
}

func TestVZeroUpper(t *testing.T) {
	runArches(t, VZeroUpper, "vzeroupper", "amd64", "arm64")
}

// TestVZeroUpperFix applies the suggested fixes to the amd64 testdata,
// compares the result with the .golden file, and checks that the fixed
// file is clean.
func TestVZeroUpperFix(t *testing.T) {
	t.Setenv("GOOS", "linux")
	t.Setenv("GOARCH", "amd64")
	t.Setenv("CGO_ENABLED", "0")
	src := filepath.Join(analysistest.TestData(), "src", "vzeroupper", "vzeroupper_amd64.s")
	results := analysistest.Run(t, analysistest.TestData(), VZeroUpper, "vzeroupper")
	orig, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var edits []analysis.TextEdit
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, f := range d.SuggestedFixes {
				edits = append(edits, f.TextEdits...)
			}
		}
	}
	fixed := applyEdits(t, results[0].Pass, src, orig, edits)
	golden, err := os.ReadFile(src + ".golden")
	if err != nil {
		t.Fatal(err)
	}
	if string(fixed) != string(golden) {
		t.Errorf("fixed file:\n%s\nwant:\n%s", fixed, golden)
	}
	dir := t.TempDir()
	pkg := filepath.Join(dir, "src", "vzeroupper")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	decl, _ := os.ReadFile(filepath.Join(filepath.Dir(src), "decl.go"))
	os.WriteFile(filepath.Join(pkg, "decl.go"), decl, 0o644)
	os.WriteFile(filepath.Join(pkg, "vzeroupper_amd64.s"), regexp.MustCompile(`\s*// want .*`).ReplaceAll(fixed, nil), 0o644)
	analysistest.Run(t, dir, VZeroUpper, "vzeroupper")
}

// regsTestdata are the testdata packages of the register checks.
var regsTestdata = []string{"calleesaved", "calleesavedwin", "reserved", "framepointer", "abiinternal", "vzeroupper"}

// TestRegsTestdataAssembles assembles the register checks' testdata with
// go tool asm for every arch each file is built for.
func TestRegsTestdataAssembles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go tool asm")
	}
	asm := filepath.Join(build.ToolDir, "asm")
	if _, err := os.Stat(asm); err != nil {
		t.Skipf("no go tool asm: %v", err)
	}
	for _, dir := range regsTestdata {
		files, _ := filepath.Glob(filepath.Join("testdata", "src", dir, "*.s"))
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			for _, arch := range asmparse.FileArches(file, src) {
				t.Run(dir+"/"+filepath.Base(file)+"/"+arch, func(t *testing.T) {
					t.Parallel()
					checkAssembles(t, asm, dir, file, src, arch)
				})
			}
		}
	}
}
