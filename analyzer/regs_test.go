package analyzer

import (
	"go/build"
	"go/parser"
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

func TestReserved(t *testing.T) { runArches(t, Reserved, "reserved", "amd64", "arm64", "ppc64le") }

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
	checkFixes(t, VZeroUpper, "vzeroupper", "vzeroupper_amd64.s")
}

// regsTestdata are the testdata packages of the register checks.
var regsTestdata = []string{"calleesaved", "calleesavedwin", "reserved", "framepointer", "abiinternal", "vzeroupper", "syscallregs"}

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

// TestCalleeSavedUnderstandsGOROOT shows that the runtime's entries from
// C come out clean because the check follows what they save, not because
// it does not look: each is recognized as entered from C, registers C
// keeps are clobbered in it (by calls into Go, by REGTMP), and at every
// return they are back (PUSH_REGS_HOST_TO_ABI0, SAVE_R19_TO_R28 and
// SAVE_F8_TO_F15, copies in registers, SP saved around a realignment).
func TestCalleeSavedUnderstandsGOROOT(t *testing.T) {
	src := filepath.Join(runtime.GOROOT(), "src")
	for _, c := range []struct {
		arch, pkg string
		files     []string
		fns       []string
	}{
		// callbacks.go exports crosscall2 (//go:cgo_export_static).
		{"amd64", "runtime/cgo", []string{"asm_amd64.s", "callbacks.go"}, []string{"crosscall2"}},
		{"arm64", "runtime/cgo", []string{"asm_arm64.s", "callbacks.go"}, []string{"crosscall2"}},
		{"amd64", "runtime", []string{"asm_amd64.s", "sys_linux_amd64.s"}, []string{"_rt0_amd64_lib", "sigtramp", "sigprofNonGoWrapper"}},
		{"arm64", "runtime", []string{"asm_arm64.s", "tls_arm64.s", "sys_linux_arm64.s"},
			[]string{"_rt0_arm64_lib", "_cgo_topofstack", "sigtramp", "cgoSigtramp", "sigprofNonGoWrapper"}},
	} {
		t.Run(c.arch+"/"+c.pkg, func(t *testing.T) {
			var paths []string
			for _, f := range c.files {
				paths = append(paths, filepath.Join(src, c.pkg, f))
			}
			chk, diags := goRootCheck(t, c.pkg, c.arch, paths)
			rc := newRegCtx(chk)
			for _, name := range c.fns {
				fn := findFunc(chk, name)
				if fn == nil {
					t.Fatalf("no TEXT %s", name)
				}
				if rc.entries[fn] == "" {
					t.Errorf("%s: not recognized as entered from C", name)
					continue
				}
				f := chk.Pkg.FileOf(fn)
				cs := &calleeSavedRun{rc: rc, f: f, fn: fn, cabi: f.ABI.CABIFor("linux"), why: rc.entries[fn]}
				cs.run()
				if !clobbersSome(cs.flow) {
					t.Errorf("%s: no callee-saved register is ever clobbered: the check proves nothing here", name)
				}
				if len(cs.sites) > 0 {
					t.Errorf("%s: %d registers not restored", name, len(cs.sites))
				}
			}
			for _, d := range *diags {
				t.Errorf("unexpected diagnostic: %s", d)
			}
		})
	}
}

// goRootCheck parses GOROOT files of package path for arch into a Check
// whose diagnostics go to the returned list: assembly, and Go files for
// their comments. go_asm.h is empty: the offsets it would give stay
// unresolved.
func goRootCheck(t *testing.T, path, arch string, files []string) (*Check, *[]string) {
	t.Helper()
	fset := token.NewFileSet()
	var diags []string
	pass := &analysis.Pass{Fset: fset, Pkg: types.NewPackage(path, filepath.Base(path))}
	pass.Report = func(d analysis.Diagnostic) { diags = append(diags, fset.Position(d.Pos).String()+": "+d.Message) }
	pkg := &Package{Pass: pass}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".go") {
			gf, err := parser.ParseFile(fset, name, b, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			pass.Files = append(pass.Files, gf)
			continue
		}
		inc := &asmparse.DirIncluder{Virtual: map[string][]byte{"go_asm.h": nil}, Dirs: []string{filepath.Join(runtime.GOROOT(), "src", "runtime")}}
		af, _ := asmparse.ParseFile(fset, name, b, &asmparse.Config{GOARCH: arch, GOOS: "linux", Includer: inc})
		f := &File{File: af, Arch: frame.ArchFor(arch), ABI: abi.ArchFor(arch)}
		f.Funcs = frame.Funcs(af, f.Arch)
		pkg.Files = append(pkg.Files, f)
	}
	return &Check{Name: "calleesaved", Pass: pass, Pkg: pkg}, &diags
}

// findFunc returns the function of the package whose name is name.
func findFunc(c *Check, name string) *frame.Func {
	for _, fn := range c.Pkg.Funcs() {
		if fn.Name == name {
			return fn
		}
	}
	return nil
}

// clobbersSome reports whether some watched register is clobbered at
// some instruction of the solved flow.
func clobbersSome(rf *regFlow) bool {
	for i := range rf.fn.Insts {
		if !rf.live(i) {
			continue
		}
		for _, site := range rf.sol.In[i].sites {
			if site != noSite {
				return true
			}
		}
	}
	return false
}
