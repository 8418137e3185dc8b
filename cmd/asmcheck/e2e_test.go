package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/asmcheck/asmcheck/analyzer"
)

// buildTool builds the asmcheck binary into a temporary directory.
func buildTool(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "asmcheck")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// copyTree copies the testdata module to a temporary directory, so that
// -fix can edit it and go vet's cache sees new files every run.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o777)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o666)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// run runs a command in dir with extra environment, returning its combined
// output and exit code.
func runIn(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out.String(), code
}

func wantLines(t *testing.T, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}

// TestGoVet runs asmcheck as go vet's -vettool on a testdata module, with
// a fresh build cache so that vet really runs (it caches results).
func TestGoVet(t *testing.T) {
	bin := buildTool(t)
	dir := copyTree(t, "testdata/vetmod")
	cache := t.TempDir()
	for _, arch := range []string{"amd64", "arm64"} {
		env := []string{"GOCACHE=" + cache, "GOARCH=" + arch, "GOOS=linux", "CGO_ENABLED=0", "GOFLAGS="}
		out, code := runIn(t, dir, env, "go", "vet", "-vettool="+bin, "./...")
		if code == 0 {
			t.Errorf("%s: go vet exited 0 with diagnostics expected:\n%s", arch, out)
		}
		switch arch {
		case "amd64":
			wantLines(t, out, "p_amd64.s:3:", "[amd64] Add: wrong argument size 16; expected $...-24",
				"p_amd64.s:10:7: [amd64] Len: invalid offset s_len+0(FP); expected s_len+8(FP)")
		case "arm64":
			wantLines(t, out, "p_arm64.s:12:2: [arm64] Len: RET without writing to 8-byte ret+16(FP)")
		}
		// A check can be turned off.
		out, _ = runIn(t, dir, env, "go", "vet", "-vettool="+bin, "-fpoffset=false", "-results=false", "./...")
		if strings.Contains(out, "invalid offset") || strings.Contains(out, "RET without") {
			t.Errorf("%s: -fpoffset=false -results=false still reports:\n%s", arch, out)
		}
	}
}

// TestStandalone runs asmcheck on its own: every GOARCH the package has
// assembly for, text and JSON output, exit codes, and -fix.
func TestStandalone(t *testing.T) {
	bin := buildTool(t)
	dir := copyTree(t, "testdata/vetmod")
	env := []string{"GOFLAGS="}
	out, code := runIn(t, dir, env, bin, "./...")
	if code != 1 {
		t.Errorf("exit code %d, want 1:\n%s", code, out)
	}
	wantLines(t, out, "p/p_amd64.s:3:", "[amd64] Add: wrong argument size", "[arm64] Len: RET without writing")

	out, code = runIn(t, dir, env, bin, "-json", "./...")
	var fs []finding
	if err := json.Unmarshal([]byte(out), &fs); err != nil || code != 1 || len(fs) == 0 {
		t.Fatalf("-json: code %d, err %v:\n%s", code, err, out)
	}
	arches := map[string]bool{}
	for _, f := range fs {
		arches[f.Arch] = true
	}
	if !arches["amd64"] || !arches["arm64"] {
		t.Errorf("-json: findings for %v, want amd64 and arm64", arches)
	}

	if out, code = runIn(t, dir, env, bin, "-arch", "arm64", "-fix", "./..."); code != 1 {
		t.Errorf("-fix: exit %d:\n%s", code, out)
	}
	fixed, _ := os.ReadFile(filepath.Join(dir, "p", "p_amd64.s"))
	wantLines(t, string(fixed), "TEXT ·Add(SB), NOSPLIT, $0-16") // -arch arm64 leaves amd64 alone
	runIn(t, dir, env, bin, "-fix", "./...")
	fixed, _ = os.ReadFile(filepath.Join(dir, "p", "p_amd64.s"))
	wantLines(t, string(fixed), "TEXT ·Add(SB), NOSPLIT, $0-24", "MOVQ s_len+8(FP), AX")
	out, code = runIn(t, dir, env, bin, "-arch", "amd64", "./...")
	if code != 0 {
		t.Errorf("after -fix, amd64 still reports (exit %d):\n%s", code, out)
	}

	if _, code = runIn(t, dir, env, bin, "-nosuchflag", "./..."); code != 2 {
		t.Errorf("bad flag: exit %d, want 2", code)
	}
	out, code = runIn(t, dir, env, bin, "./nosuchdir")
	if code != 2 || !strings.HasPrefix(out, "asmcheck: ./nosuchdir: ") || strings.Contains(out, "-: ") {
		t.Errorf("missing package: exit %d, want 2 and one plain message:\n%s", code, out)
	}
}

// TestPortsMatchDistList keeps the driver's list of ports in step with the
// toolchain's.
func TestPortsMatchDistList(t *testing.T) {
	out, err := exec.Command("go", "tool", "dist", "list").Output()
	if err != nil {
		t.Skip("go tool dist list:", err)
	}
	want := strings.Fields(string(out))
	if strings.Join(want, " ") != strings.Join(ports, " ") {
		t.Errorf("ports differ from go tool dist list:\n got %v\nwant %v", ports, want)
	}
}

// TestStandaloneSkips shows how the standalone driver treats packages
// that do not build for every target their assembly names: a .s file
// without a GOARCH puts its package on every target, and where its Go code
// does not build the package is skipped with one note, not a load error;
// an empty .s file puts its package on no target at all.
func TestStandaloneSkips(t *testing.T) {
	bin := buildTool(t)
	dir := copyTree(t, "testdata/skipmod")
	out, code := runIn(t, dir, []string{"GOFLAGS="}, bin, "./...")
	if code != 0 {
		t.Errorf("exit code %d, want 0:\n%s", code, out)
	}
	if runtime.GOARCH == "amd64" || runtime.GOARCH == "arm64" {
		wantLines(t, out, "asmcheck: skipped example.com/skipmod/q for js/wasm, linux/386, linux/arm, ",
			": it does not build there (js/wasm: ", "undefined: extra)")
	}
	for _, bad := range []string{"cannot load", "skipmod/empty"} {
		if strings.Contains(out, bad) {
			t.Errorf("output mentions %q:\n%s", bad, out)
		}
	}
	if n := strings.Count(out, "\n"); n != 1 {
		t.Errorf("%d lines of output, want one note for the skipped package:\n%s", n, out)
	}
}

// TestStandaloneCgoOnly checks assembly built only with cgo
// (//go:build cgo) for a GOARCH other than the host's: asmcheck loads
// other targets with cgo off, as go vet does when cross-compiling, which
// would leave such a file out without a word; it loads them again under
// the cgo build tag. The package imports, blank, a package made only of
// cgo code (to link a C library), which is then not built: the package is
// checked all the same.
func TestStandaloneCgoOnly(t *testing.T) {
	bin := buildTool(t)
	dir := copyTree(t, "testdata/cgomod")
	other := "arm64"
	if runtime.GOARCH == "arm64" {
		other = "amd64"
	}
	out, code := runIn(t, dir, []string{"GOFLAGS="}, bin, "-arch", other, "./...")
	if code != 1 {
		t.Errorf("exit code %d, want 1:\n%s", code, out)
	}
	wantLines(t, out, "f_"+other+".s:6:", "["+other+"] f: invalid offset x+8(FP); expected x+0(FP)")
	if strings.Contains(out, "skipped") || strings.Count(out, "\n") != 1 {
		t.Errorf("want one finding and no note:\n%s", out)
	}
}

// TestStandaloneNoCgoOnly checks assembly built only without cgo
// (//go:build !cgo, as purego's internal/fakecgo) for the host's GOARCH:
// where the host's builds have cgo on, the host's load leaves the file
// out, and asmcheck loads its package again with cgo off.
func TestStandaloneNoCgoOnly(t *testing.T) {
	mov, reg := map[string]string{"amd64": "MOVQ", "arm64": "MOVD"}[runtime.GOARCH], map[string]string{"amd64": "AX", "arm64": "R0"}[runtime.GOARCH]
	if mov == "" {
		t.Skip("cases for amd64 and arm64 hosts")
	}
	bin := buildTool(t)
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/nocgo\n\ngo 1.26\n")
	write("decl.go", "package nocgo\n\nfunc f(x int64) int64\n")
	write("f_"+runtime.GOARCH+".s", "//go:build !cgo\n\n#include \"textflag.h\"\n\nTEXT ·f(SB), NOSPLIT, $0-16\n\t"+
		mov+" x+8(FP), "+reg+"\n\t"+mov+" "+reg+", ret+8(FP)\n\tRET\n")
	out, code := runIn(t, dir, []string{"GOFLAGS="}, bin, "-arch", runtime.GOARCH, "./...")
	if code != 1 {
		t.Errorf("exit code %d, want 1:\n%s", code, out)
	}
	wantLines(t, out, "f_"+runtime.GOARCH+".s:6:", "["+runtime.GOARCH+"] f: invalid offset x+8(FP); expected x+0(FP)")
}

// TestBuildsEverywhere builds asmcheck for ports unlike the host (32-bit,
// Windows, wasm): a linter of every GOARCH's assembly runs on every port
// (a switch on runtime.GOARCH once failed to compile for wasm).
func TestBuildsEverywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles")
	}
	for _, port := range []string{"wasip1/wasm", "windows/386", "darwin/arm64"} {
		goos, goarch, _ := strings.Cut(port, "/")
		cmd := exec.Command("go", "build", "-o", t.TempDir(), ".")
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", port, err, out)
		}
	}
}

// TestREADMEExample runs the README's first command on the example package
// and checks that the README shows exactly what it prints.
func TestREADMEExample(t *testing.T) {
	bin := buildTool(t)
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "It prints:\n\n```\n")
	shown, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("README.md has no \"It prints:\" block")
	}
	out, code := runIn(t, root, []string{"GOFLAGS="}, bin, "./testdata/example/...")
	if code != 1 {
		t.Errorf("exit %d, want 1 (the README says so)", code)
	}
	if out != shown {
		t.Errorf("the README shows:\n%s\nasmcheck prints:\n%s", shown, out)
	}
}

// TestREADMECommands runs every "$ asmcheck …" block of the README and of
// docs/abi.md and checks that they show exactly what the command prints.
func TestREADMECommands(t *testing.T) {
	bin := buildTool(t)
	root := filepath.Join("..", "..")
	for _, doc := range []string{"README.md", "docs/abi.md"} {
		text, err := os.ReadFile(filepath.Join(root, doc))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, block := range strings.Split(string(text), "```\n")[1:] {
			cmdline, shown, ok := strings.Cut(block, "\n")
			if !ok || !strings.HasPrefix(cmdline, "$ asmcheck ") {
				continue
			}
			n++
			args := shellWords(strings.TrimPrefix(cmdline, "$ asmcheck "))
			out, _ := runIn(t, root, []string{"GOFLAGS="}, bin, args...)
			if out != shown {
				t.Errorf("%s: %s: the document shows:\n%s\nasmcheck prints:\n%s", doc, cmdline, shown, out)
			}
		}
		if n == 0 {
			t.Errorf("no \"$ asmcheck\" block in %s", doc)
		}
	}
}

// shellWords splits a command line into words, with '…' quoting.
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	in, quoted := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted, in = !quoted, true
		case r == ' ' && !quoted:
			if in {
				words = append(words, w.String())
				w.Reset()
				in = false
			}
		default:
			w.WriteRune(r)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words
}

// TestLoadAhead runs the driver in the test process over a module with
// assembly for two targets, which main loads concurrently (loadAhead)
// while it checks them one at a time, and compares its output with
// checking the targets one after the other (check). Run it with -race.
func TestLoadAhead(t *testing.T) {
	dir := copyTree(t, "testdata/vetmod")
	t.Setenv("GOFLAGS", "")
	newIn := func(flags ...string) *driver {
		d, err := newDriver(append(flags, "-json", "./..."), io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		d.dir = dir
		return d
	}
	var got, got1 bytes.Buffer
	if code := newIn().main(&got, io.Discard); code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, got.String())
	}
	if code := newIn("-p", "1").main(&got1, io.Discard); code != 1 || got1.String() != got.String() {
		t.Errorf("-p 1: exit %d:\n%s\nwant, as without -p:\n%s", code, got1.String(), got.String())
	}

	d := newIn()
	byArch, err := d.discover()
	if err != nil {
		t.Fatal(err)
	}
	if len(byArch) < 2 {
		t.Fatalf("targets %v, want two or more", sortedKeys(byArch))
	}
	var all []finding
	for _, target := range sortedKeys(byArch) {
		fs, err := d.check(target, byArch[target])
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, fs...)
	}
	var want bytes.Buffer
	d.print(&want, dedupe(all, sortedKeys(byArch)))
	if got.String() != want.String() {
		t.Errorf("main:\n%s\nchecked one target after the other:\n%s", got.String(), want.String())
	}
}

// TestUsage checks the standalone command's -h: its own flags, every check
// once (not a flag line each), the exit status, and exit code 0 for -h and
// 2 for an unknown flag; and asmcheck help CHECK, for a check and for a
// name that is none.
func TestUsage(t *testing.T) {
	var buf bytes.Buffer
	if _, err := newDriver([]string{"-h"}, &buf); err != flag.ErrHelp {
		t.Fatalf("newDriver(-h) = %v, want flag.ErrHelp", err)
	}
	out := buf.String()
	for _, want := range []string{"go vet -vettool=", "asmcheck help", "  -arch", "  -json", "  -fix", "  -nosplit.race", "Exit status: 0"} {
		if !strings.Contains(out, want) {
			t.Errorf("usage lacks %q:\n%s", want, out)
		}
	}
	for _, a := range analyzer.All {
		if n := strings.Count(out, "\n  "+a.Name+" "); n != 1 {
			t.Errorf("usage lists check %s %d times, want once:\n%s", a.Name, n, out)
		}
		if strings.Contains(out, "  -"+a.Name+" ") {
			t.Errorf("usage lists the switch of check %s as a flag:\n%s", a.Name, out)
		}
	}
	bin := buildTool(t)
	if out, code := runIn(t, ".", nil, bin, "-h"); code != 0 {
		t.Errorf("asmcheck -h: exit code %d, want 0:\n%s", code, out)
	}
	if out, code := runIn(t, ".", nil, bin, "-bogus"); code != 2 || !strings.Contains(out, "-bogus") {
		t.Errorf("asmcheck -bogus: exit code %d, want 2 and a word about -bogus:\n%s", code, out)
	}
	if out, code := runIn(t, ".", nil, bin, "help", "fpwidth"); code != 0 || !strings.Contains(out, "docs/checks/fpwidth.md") {
		t.Errorf("asmcheck help fpwidth: exit code %d, want 0 and the doc page's address:\n%s", code, out)
	}
	if out, code := runIn(t, ".", nil, bin, "help", "nosuch"); code != 2 || !strings.Contains(out, `no check is called "nosuch"`) {
		t.Errorf("asmcheck help nosuch: exit code %d, want 2 and a word about nosuch:\n%s", code, out)
	}
}
