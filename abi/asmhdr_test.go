package abi

import (
	"bufio"
	"flag"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// asmhdrPackages are standard packages with assembly, so the go command
// compiles them with -asmhdr.
// asmhdrFull selects the long comparison: every package in
// asmhdrPackages on four arches (a few minutes with a cold build cache).
// The default run compares asmhdrQuick on amd64 and arm64.
var asmhdrFull = flag.Bool("abi.asmhdr.full", false, "compare go_asm.h for every package of asmhdrPackages on amd64, arm64, 386 and arm")

var asmhdrQuick = []string{"runtime", "internal/bytealg", "math/big", "crypto/internal/fips140/sha256"}

var asmhdrPackages = []string{
	"runtime", "internal/bytealg", "math/big", "reflect", "sync/atomic",
	"internal/runtime/atomic", "math", "syscall", "internal/cpu",
	"crypto/internal/fips140/aes", "crypto/internal/fips140/bigmod",
	"crypto/internal/fips140/sha256", "internal/runtime/syscall/linux",
}

var reAsmhdrCompile = regexp.MustCompile(` -p (\S+) .*-asmhdr \$WORK/(b\d+)/go_asm\.h`)

// realHeaders builds pkgs for goarch and returns the go_asm.h files the
// compiler wrote, by import path. A -gcflags pattern per package with
// an -asmhdr flag that names this test's temporary directory changes the
// packages' action IDs, so that the go command compiles them again
// instead of using the build cache; its own -asmhdr flag comes later on
// the command line and wins (cmd/go/internal/work/gc.go), so the header
// lands in $WORK, which -work keeps.
func realHeaders(t *testing.T, goarch string, pkgs []string) map[string]string {
	tmp := t.TempDir()
	args := []string{"build", "-work", "-x"}
	for _, p := range pkgs {
		args = append(args, "-gcflags="+p+"=-asmhdr="+filepath.Join(tmp, strings.ReplaceAll(p, "/", "_")+".h"))
	}
	cmd := exec.Command("go", append(args, pkgs...)...)
	cmd.Dir = tmp // outside this module: only standard packages are built
	cmd.Env = append(os.Environ(), "GOARCH="+goarch, "GOOS=linux", "CGO_ENABLED=0", "GOFLAGS=", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	work := ""
	headers := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if w, ok := strings.CutPrefix(line, "WORK="); ok {
			work = w
			t.Cleanup(func() { os.RemoveAll(w) })
		}
		if m := reAsmhdrCompile.FindStringSubmatch(line); m != nil {
			data, err := os.ReadFile(filepath.Join(work, m[2], "go_asm.h"))
			if err != nil {
				t.Fatal(err)
			}
			headers[m[1]] = string(data)
		}
	}
	return headers
}

// buildDefaultMu serializes the changes of build.Default, which the
// source importer reads.
var buildDefaultMu sync.Mutex

// checkStd type-checks the standard packages pkgs from source for
// goarch/linux without cgo, with arch's sizes.
func checkStd(t testing.TB, arch *Arch, pkgs []string) map[string]*types.Package {
	buildDefaultMu.Lock()
	defer buildDefaultMu.Unlock()
	saved := build.Default
	defer func() { build.Default = saved }()
	build.Default.GOARCH, build.Default.GOOS, build.Default.CgoEnabled = arch.Name, "linux", false
	// The goexperiment tags depend on GOARCH (internal/buildcfg/exp.go:
	// regabiargs is on only for register-ABI arches); go/build computed
	// them for the host.
	build.Default.ToolTags = toolTags(t, arch.Name)

	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	checked := map[string]*types.Package{}
	for _, path := range pkgs {
		bp, err := build.Default.Import(path, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		var files []*ast.File
		for _, name := range bp.GoFiles { // sorted, as the go command passes them
			f, err := parser.ParseFile(fset, filepath.Join(bp.Dir, name), nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		conf := types.Config{Importer: imp.(types.ImporterFrom), Sizes: arch.Sizes}
		pkg, err := conf.Check(path, fset, files, nil)
		if err != nil {
			t.Fatalf("%s/%s: %v", arch.Name, path, err)
		}
		checked[path] = pkg
	}
	return checked
}

// toolTags returns the build context's tool tags for goarch/linux.
func toolTags(t testing.TB, goarch string) []string {
	cmd := exec.Command("go", "list", "-f", "{{join context.ToolTags \" \"}}", "runtime")
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "GOARCH="+goarch, "GOOS=linux", "CGO_ENABLED=0", "GOFLAGS=", "GOWORK=off")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	return strings.Fields(string(out))
}

// TestAsmHeaderMatchesCompiler compares AsmHeader with the go_asm.h the
// compiler writes, for standard packages with assembly on amd64, arm64,
// 386 and arm. Every line must match.
func TestAsmHeaderMatchesCompiler(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	arches, pkgs := []string{"amd64", "arm64"}, asmhdrQuick
	if *asmhdrFull {
		arches, pkgs = []string{"amd64", "arm64", "386", "arm"}, asmhdrPackages
	}
	for _, goarch := range arches {
		t.Run(goarch, func(t *testing.T) {
			t.Parallel()
			arch := ArchFor(goarch)
			real := realHeaders(t, goarch, pkgs)
			checked := checkStd(t, arch, pkgs)
			compared, defines := 0, 0
			for _, path := range pkgs {
				want, ok := real[path]
				if !ok {
					continue // no assembly for this arch
				}
				pkg := checked[path]
				got := string(FormatAsmHeader(pkg.Name(), AsmHeader(pkg, arch)))
				diffLines(t, goarch+"/"+path, got, want)
				compared++
				defines += strings.Count(want, "#define")
			}
			if compared == 0 {
				t.Fatal("no go_asm.h found")
			}
			t.Logf("%s: %d packages, %d defines compared", goarch, compared, defines)
		})
	}
}

// diffLines reports the first differences between got and want.
func diffLines(t *testing.T, what, got, want string) {
	t.Helper()
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	bad := 0
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Errorf("%s line %d: got %q, want %q", what, i+1, gl, wl)
			if bad++; bad == 5 {
				return
			}
		}
	}
}

// asmhdrTricky has the corner cases of dumpasmhdr.
const asmhdrTricky = `package x

const (
	A = iota
	B
	_ = 9
	R = 'x'
	F = 1.0
	G float64 = 2
	H int8 = -3
	C = 1 + 2i
	S = "a\"b\n\x00é"
	T = true
	Big = 1 << 100
	U uint64 = 1<<64 - 1
)

type E struct{}

type P struct {
	a int8
	_ int64
	b int64
	E
	*Q
	z struct{}
}

type Q P

type AliasP = P

type Gen[T any] struct{ x T }

type NotStruct int

type I interface{ M() }

const Late = len("four")

type Small struct {
	x int16
	y [3]byte
	c complex128
}
`

// TestAsmHeaderCorners compares AsmHeader with go tool compile -asmhdr on
// a package made of corner cases, for four arches.
func TestAsmHeaderCorners(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the compiler")
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", asmhdrTricky, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, goarch := range []string{"amd64", "arm64", "386", "arm", "mips"} {
		arch := ArchFor(goarch)
		pkg, err := (&types.Config{Sizes: arch.Sizes}).Check("x", fset, []*ast.File{f}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := string(FormatAsmHeader("x", AsmHeader(pkg, arch)))
		diffLines(t, goarch, got, compileAsmHeader(t, goarch, asmhdrTricky))
	}
}

// compileAsmHeader runs go tool compile -asmhdr on src.
func compileAsmHeader(t *testing.T, goarch, src string) string {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	hdr := filepath.Join(dir, "go_asm.h")
	cmd := exec.Command("go", "tool", "compile", "-p", "x", "-asmhdr", hdr, "-o", filepath.Join(dir, "x.o"), filepath.Join(dir, "x.go"))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOARCH="+goarch, "GOOS=linux")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("compile: %v\n%s", err, out)
	}
	data, err := os.ReadFile(hdr)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
