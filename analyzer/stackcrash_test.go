package analyzer

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestStackCrashDiagnostics checks what stackmap and spwrite say about
// testdata/src/stackcrash, the program TestStackCrash runs.
func TestStackCrashDiagnostics(t *testing.T) {
	both := newAnalyzer("stackcrash", "stackmap and spwrite", func(c *Check) {
		runStackMap(c)
		runSPWrite(c)
	})
	runArches(t, both, "stackcrash", "amd64", "arm64")
}

// TestStackCrash builds testdata/src/stackcrash for the host and runs
// each mode: the runtime must die exactly as the diagnostics say, and the
// function with NO_LOCAL_POINTERS, and the one whose frame is below the
// runtime's threshold, must survive. It proves the stackmap and spwrite
// rules on the real runtime (amd64 and arm64 hosts).
func TestStackCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a program")
	}
	if runtime.GOARCH != "amd64" && runtime.GOARCH != "arm64" {
		t.Skipf("no stackcrash assembly for %s", runtime.GOARCH)
	}
	dir := t.TempDir()
	for mode, want := range map[string]string{
		"ok":      "survived",
		"locals":  "untyped locals",
		"args":    "untyped args",
		"spwrite": "traceback: unexpected SPWRITE function main.spwrite",
		"small":   "survived",
		"pushed":  "untyped locals",
	} {
		exe := filepath.Join(dir, mode)
		build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", exe, "-ldflags=-X main.mode="+mode, ".")
		build.Dir = filepath.Join("testdata", "src", "stackcrash")
		build.Env = append(os.Environ(), "GO111MODULE=off", "GOFLAGS=", "CGO_ENABLED=0")
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		out, err := exec.Command(exe).CombinedOutput()
		if !strings.Contains(string(out), want) || (want == "survived") != (err == nil) {
			t.Errorf("%s: want %q, got %v:\n%.600s", mode, want, err, out)
		}
	}
}
