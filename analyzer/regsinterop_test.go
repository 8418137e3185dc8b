package analyzer

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// vetFramepointerWrong lists, as "goarch function", the expectations of
// go vet's framepointer testdata that the assembler disproves. bad7 on
// arm64 is $0 but calls ·good4, so obj7.go gives it a frame: the
// prologue saves R29 and the epilogue reloads it (MOVD -8(RSP), R29)
// after the AND that vet flags, so the caller gets its frame pointer
// back and no call follows the write. TestFramePointerInterop checks the
// reload in the listing before it accepts the exception.
var vetFramepointerWrong = map[string]string{"arm64 bad7": "MOVD\t-8(RSP), R29"}

// TestFramePointerInterop runs the framepointer check on the testdata of
// go vet's framepointer analyzer (read from the module cache, not copied)
// and checks that every line vet expects a diagnostic on gets one, for
// linux/amd64, darwin/amd64 and linux/arm64. It logs what asmcheck reports
// beyond vet.
func TestFramePointerInterop(t *testing.T) {
	root := filepath.Join(toolsDir(t), "go", "analysis", "passes", "framepointer", "testdata")
	dir := filepath.Join(root, "src", "a")
	for _, target := range []string{"linux/amd64", "darwin/amd64", "linux/arm64", "windows/amd64"} {
		goos, goarch, _ := strings.Cut(target, "/")
		t.Run(goos+"_"+goarch, func(t *testing.T) {
			diags := runGOPATH(t, root, "a", goos, goarch, []*analysis.Analyzer{FramePointer})
			got := map[string]string{}
			for _, d := range diags {
				file, rest, _ := strings.Cut(d, ":")
				line, msg, _ := strings.Cut(rest, ":")
				got[file+":"+line] = msg
			}
			funcs := textFuncs(t, dir)
			for w := range wantLines(t, dir) {
				file := w[:strings.Index(w, ":")]
				if !vetFileBuilds(file, goos, goarch) || goos == "windows" {
					continue
				}
				if _, ok := got[w]; ok {
					continue
				}
				if reload, ok := vetFramepointerWrong[goarch+" "+funcs[w]]; ok {
					if !listingHas(t, filepath.Join(dir, file), goarch, funcs[w], reload) {
						t.Errorf("%s (%s): vet expects a diagnostic, asmcheck reports none, and the listing lacks %q", w, funcs[w], reload)
					}
					t.Logf("%s (%s): vet expects a diagnostic; the assembler gives %s a frame whose epilogue restores the frame pointer (%q), so asmcheck reports none",
						w, funcs[w], funcs[w], reload)
					continue
				}
				t.Errorf("go vet's framepointer expects a diagnostic at %s (%s); asmcheck reports none", w, funcs[w])
			}
			for _, d := range diags {
				if file, rest, _ := strings.Cut(d, ":"); !wantLines(t, dir)[file+":"+strings.SplitN(rest, ":", 2)[0]] {
					t.Logf("beyond go vet: %s", d)
				}
			}
		})
	}
}

// vetFileBuilds reports whether a file of vet's testdata builds for
// goos/goarch, from its name (and the "+build nope" file never does).
func vetFileBuilds(file, goos, goarch string) bool {
	parts := strings.Split(strings.TrimSuffix(file, ".s"), "_")
	if parts[len(parts)-1] != goarch || file == "buildtag_amd64.s" {
		return false
	}
	return len(parts) < 3 || parts[len(parts)-2] == goos || parts[len(parts)-2] == "asm"
}

// textFuncs maps "file:line" of every line of the .s files in dir to the
// name of the TEXT block it is in.
func textFuncs(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	files, _ := filepath.Glob(filepath.Join(dir, "*.s"))
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		fn := ""
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			if rest, ok := strings.CutPrefix(sc.Text(), "TEXT ·"); ok {
				fn, _, _ = strings.Cut(rest, "(")
			}
			out[fmt.Sprintf("%s:%d", filepath.Base(name), line)] = fn
		}
		f.Close()
	}
	return out
}

// listingHas reports whether `go tool asm -S` of file for goarch lists
// the instruction want in function fn.
func listingHas(t *testing.T, file, goarch, fn, want string) bool {
	tmp := t.TempDir()
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "tool", "asm", "-S", "-p", "a",
		"-I", filepath.Join(runtime.GOROOT(), "pkg", "include"), "-o", filepath.Join(tmp, "x.o"), file)
	cmd.Env = append(os.Environ(), "GOARCH="+goarch, "GOOS=linux")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go tool asm: %v", err)
	}
	in := false
	for _, l := range strings.Split(string(out), "\n") {
		if !strings.HasPrefix(l, "\t") {
			in = strings.HasPrefix(l, "a."+fn+" ")
			continue
		}
		if in && strings.HasSuffix(l, want) {
			return true
		}
	}
	return false
}
