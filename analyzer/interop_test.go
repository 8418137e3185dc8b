package analyzer

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// toolsDir returns the directory of golang.org/x/tools in the module cache.
func toolsDir(t *testing.T) string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/tools").Output()
	if err != nil {
		t.Skipf("cannot find golang.org/x/tools: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// wantLines returns "file:line" for every line of the .s files in dir that
// carries a // want comment.
func wantLines(t *testing.T, dir string) map[string]bool {
	want := map[string]bool{}
	files, _ := filepath.Glob(filepath.Join(dir, "*.s"))
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			if strings.Contains(sc.Text(), "// want ") {
				want[fmt.Sprintf("%s:%d", filepath.Base(name), line)] = true
			}
		}
		f.Close()
	}
	return want
}

// runGOPATH loads the GOPATH-layout package pkg of the testdata tree root
// for goos/goarch and runs the analyzers, returning "file:line: message"
// for every diagnostic.
func runGOPATH(t *testing.T, root, pkg, goos, goarch string, analyzers []*analysis.Analyzer) []string {
	t.Setenv("GOOS", goos)
	t.Setenv("GOARCH", goarch)
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(root, "src", pkg),
		Env:  append(os.Environ(), "GOPATH="+root, "GO111MODULE=off", "GOFLAGS=", "GOOS="+goos, "GOARCH="+goarch),
	}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		t.Fatal(err)
	}
	g, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for act := range g.All() {
		if !act.IsRoot {
			continue
		}
		if act.Err != nil {
			t.Errorf("%s: %v", act.Analyzer.Name, act.Err)
		}
		for _, d := range act.Diagnostics {
			p := act.Package.Fset.Position(d.Pos)
			out = append(out, fmt.Sprintf("%s:%d: %s", filepath.Base(p.Filename), p.Line, d.Message))
		}
	}
	sort.Strings(out)
	return out
}

// asmdeclWrong lists, as "goarch file:line", the asmdecl expectations
// that the assembler disproves. asmdecl puts the arguments of a function
// on a link-register machine at frame+2*PtrSize above the hardware SP, but
// go tool asm makes a $0 leaf NOFRAME and gives ppc64 a 32-byte fixed
// frame: in asm7.s's $0-2 leaf arg1, x+0(FP) assembles to 32(R1)
// (frame.TestGenericLayoutArgs proves the offsets), so 16(R1) to 18(R1)
// are in the caller's fixed frame, not arguments, and asmcheck rightly
// does not call them x or y. (On arm, mips, s390x and loong64 asmdecl's
// offsets are wrong the same way but land past the arguments, which
// asmcheck reports.)
var asmdeclWrong = map[string]bool{"ppc64 asm7.s:18": true, "ppc64 asm7.s:19": true, "ppc64 asm7.s:20": true}

// TestAsmdeclInterop runs asmcheck on the testdata that ships with go vet's
// asmdecl (read from the module cache, not copied) and checks that every
// line asmdecl expects a diagnostic on gets one from asmcheck, except the
// expectations in asmdeclWrong.
func TestAsmdeclInterop(t *testing.T) {
	root := filepath.Join(toolsDir(t), "go", "analysis", "passes", "asmdecl", "testdata")
	want := wantLines(t, filepath.Join(root, "src", "a"))
	for _, ga := range []string{"linux/amd64", "linux/386", "linux/arm", "linux/loong64", "linux/mips64", "linux/s390x", "linux/ppc64", "linux/mips", "js/wasm", "linux/riscv64"} {
		goos, goarch, _ := strings.Cut(ga, "/")
		t.Run(goarch, func(t *testing.T) {
			diags := runGOPATH(t, root, "a", goos, goarch, All)
			got := map[string]bool{}
			for _, d := range diags {
				file, rest, _ := strings.Cut(d, ":")
				line, _, _ := strings.Cut(rest, ":")
				got[file+":"+line] = true
			}
			files := map[string]bool{}
			for _, d := range diags {
				files[d[:strings.Index(d, ":")]] = true
			}
			missed := 0
			for w := range want {
				file := w[:strings.Index(w, ":")]
				if !files[file] && !fileBuilds(t, filepath.Join(root, "src", "a", file), goarch) {
					continue
				}
				if !got[w] && !asmdeclWrong[goarch+" "+w] {
					missed++
					t.Errorf("asmdecl expects a diagnostic at %s; asmcheck reports none", w)
				}
			}
			if testing.Verbose() {
				for _, d := range diags {
					t.Log(d)
				}
			}
		})
	}
}

// fileBuilds reports whether a testdata file's // +build line admits goarch.
func fileBuilds(t *testing.T, path, goarch string) bool {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "// +build "); ok {
			for _, f := range strings.Fields(rest) {
				if f == goarch {
					return true
				}
			}
			return false
		}
	}
	return false
}
