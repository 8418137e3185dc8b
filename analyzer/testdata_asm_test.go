package analyzer

import (
	"bytes"
	"go/build"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/asmcheck/asmcheck/asmparse"
)

// declCheckDirs are the testdata packages of the declaration and stack
// checks, whose assembly must be real assembly for each of its arches.
var declCheckDirs = []string{"argsize", "fpoffset", "fpwidth", "widthfix", "results", "prototype",
	"spslot", "callargs", "callargswin", "spbalance", "spalign", "fpstale", "stackmap", "spwrite", "stackcrash", "stackfix"}

// rejectedRE matches the marker of a testdata line that go tool asm must
// reject (asmcheck checks mistakes the assembler stops too, such as
// "8(FP)"): the text after it, up to a // want comment, is a part of the
// assembler's error message for that line.
var rejectedRE = regexp.MustCompile(`// rejected by go tool asm: (.*?)\s*(?:// want|$)`)

// asmErrorRE matches an error line of go tool asm: "file.s:12: message".
var asmErrorRE = regexp.MustCompile(`^(.*\.s):(\d+): (.*)$`)

// TestTestdataAssembles assembles every .s file of the declaration checks'
// testdata with go tool asm, for every GOARCH it is built for (its file
// name or //go:build line), so that the cases are real assembly for their
// arch: each file with its marked lines blanked must assemble, and the
// file as written must fail on exactly the marked lines, with the marked
// messages. Files with <ABIInternal> functions are assembled as package
// reflect, one of the packages the assembler allows ABI selectors in.
func TestTestdataAssembles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go tool asm")
	}
	asm := filepath.Join(build.ToolDir, "asm")
	if _, err := os.Stat(asm); err != nil {
		t.Skipf("no go tool asm: %v", err)
	}
	for _, dir := range declCheckDirs {
		files, err := filepath.Glob(filepath.Join("testdata", "src", dir, "*.s"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no .s files (%v)", dir, err)
		}
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

// checkAssembles assembles file (contents src) of package dir for arch.
func checkAssembles(t *testing.T, asm, pkg, file string, src []byte, arch string) {
	if bytes.Contains(src, []byte("<ABIInternal>")) {
		pkg = "reflect"
	}
	lines := strings.SplitAfter(string(src), "\n")
	rejected := map[int]string{} // line number → expected message
	var blanked strings.Builder
	for i, line := range lines {
		if m := rejectedRE.FindStringSubmatch(line); m != nil {
			rejected[i+1] = m[1]
			if strings.HasSuffix(line, "\n") {
				blanked.WriteString("\n")
			}
			continue
		}
		blanked.WriteString(line)
	}
	dir := t.TempDir()
	run := func(name, text string) (string, error) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		// Never -o /dev/null: the assembler deletes its output on failure.
		cmd := exec.Command(asm, "-p", pkg, "-I", filepath.Join(runtime.GOROOT(), "pkg", "include"),
			"-o", filepath.Join(dir, "x.o"), path)
		goos := "linux"
		if arch == "wasm" {
			goos = "js"
		}
		cmd.Env = append(os.Environ(), "GOARCH="+arch, "GOOS="+goos, "GOROOT="+runtime.GOROOT())
		out, err := cmd.CombinedOutput()
		return strings.ReplaceAll(string(out), path, file), err
	}
	base := filepath.Base(file)
	if out, err := run(base, blanked.String()); err != nil {
		t.Fatalf("GOARCH=%s go tool asm %s (marked lines blanked): %v\n%s", arch, file, err, out)
	}
	if len(rejected) == 0 {
		return
	}
	out, err := run(base, string(src))
	if err == nil {
		t.Fatalf("GOARCH=%s go tool asm %s: assembled, but lines %v are marked as rejected", arch, file, sortedLines(rejected))
	}
	seen := map[int]bool{}
	for _, line := range strings.Split(out, "\n") {
		m := asmErrorRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		want, ok := rejected[n]
		switch {
		case !ok:
			t.Errorf("%s:%d: go tool asm: %s (the line is not marked as rejected)", file, n, m[3])
		case !strings.Contains(m[3], want):
			t.Errorf("%s:%d: go tool asm: %s; the line is marked %q", file, n, m[3], want)
		}
		seen[n] = true
	}
	for _, n := range sortedLines(rejected) {
		if !seen[n] {
			t.Errorf("%s:%d: marked as rejected by go tool asm (%q), but it reported nothing there:\n%s", file, n, rejected[n], out)
		}
	}
}

func sortedLines(m map[int]string) []int { return slices.Sorted(maps.Keys(m)) }
