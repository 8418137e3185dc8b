package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asmcheck/asmcheck/analyzer"
)

// TestPackagesOfOneGOOS checks the packages that go list leaves out of
// ./... on the host, because no Go file of them builds there: one built
// for android only (as x/mobile's callfn), checked on android/amd64 and
// android/arm64 (a mistake on arm64, its silent twin on amd64), and one
// with Go files for arm64 only, checked on arm64 from any host. A package
// whose Go files build nowhere is never assembled: no finding, no note;
// nor is a directory of assembly without any Go file (the C toolchain's,
// as supranational/blst's build/mach-o).
// The module's packages are named as ./... and by import path.
func TestPackagesOfOneGOOS(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with go list")
	}
	dir := copyTree(t, "testdata/goosmod")
	t.Setenv("GOFLAGS", "")
	for _, pattern := range []string{"./...", "example.com/goosmod/..."} {
		t.Run(pattern, func(t *testing.T) { checkGoosmod(t, dir, pattern) })
	}
	// With $GOOS=android, go list lists the android package (its Go files
	// build): it must be checked for android, not for the GOOS asmcheck
	// runs on, where it has no files.
	t.Run("GOOS=android", func(t *testing.T) {
		t.Setenv("GOOS", "android")
		checkGoosmod(t, dir, "./...")
	})
}

// collectIn runs every check on pattern in dir, as the command does, and
// returns the findings, what the command wrote to standard error, and the
// packages the checks saw, by "arch pkgpath". It fails the test if the
// command would fail.
func collectIn(t *testing.T, dir, pattern string) ([]finding, string, map[string]*analyzer.Package) {
	t.Helper()
	var log strings.Builder
	checked := map[string]*analyzer.Package{}
	d := &driver{dir: dir, patterns: []string{pattern}, analyzers: analyzer.All, parallel: 1,
		loaded: func(arch string, p *analyzer.Package) { checked[arch+" "+p.Pass.Pkg.Path()] = p }}
	fs, failed := d.collect(&log)
	if failed {
		t.Fatalf("failed:\n%s", log.String())
	}
	return fs, log.String(), checked
}

func checkGoosmod(t *testing.T, dir, pattern string) {
	fs, log, checked := collectIn(t, dir, pattern)
	// The silent twin is silent because it was checked, not skipped.
	for _, want := range []string{"amd64 example.com/goosmod/android", "arm64 example.com/goosmod/android", "arm64 example.com/goosmod/armonly"} {
		if checked[want] == nil {
			t.Errorf("not checked: %s (checked: %v)", want, checked)
		}
	}
	var got []string
	for _, f := range fs {
		// "[android/arm64] " when arm64 is also checked for linux (the
		// armonly package): TestFindingGOOS checks that.
		msg := strings.Replace(f.Message, "["+f.GOOS+"/", "[", 1)
		got = append(got, f.File[len(dir)+1:]+": "+msg)
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"android/a_arm64.s: [arm64] Double: wrong argument size 8; expected $...-16",
		"armonly/a_arm64.s: [arm64] Add: invalid offset b+16(FP); expected b+8(FP)",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("findings lack %q:\n%s", want, all)
		}
	}
	if len(fs) != 2 {
		t.Errorf("%d findings, want 2 (nothing on a_amd64.s, nothing in nowhere):\n%s", len(fs), all)
	}
	if log != "" {
		t.Errorf("notes on standard error, want none:\n%s", log)
	}
}

// TestDependencyPattern checks that a pattern naming a dependency's
// packages (example.com/goosdep/..., a module of the build list, not a
// main module) reaches the package go list leaves out of it on any host
// but arm64: armdep, whose Go files are for arm64 only.
func TestDependencyPattern(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with go list")
	}
	dep := copyTree(t, "testdata/goosdep")
	dir := t.TempDir()
	gomod := "module example.com/user\n\ngo 1.22\n\nrequire example.com/goosdep v0.0.0\n\nreplace example.com/goosdep => " + dep + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o666); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOFLAGS", "")
	t.Setenv("GOWORK", "off")
	t.Setenv("GOPROXY", "off")
	fs, _, checked := collectIn(t, dir, "example.com/goosdep/...")
	if checked["arm64 example.com/goosdep/armdep"] == nil {
		t.Errorf("armdep not checked on arm64 (checked: %v)", checked)
	}
	if len(fs) != 1 || !strings.HasSuffix(fs[0].File, filepath.Join("armdep", "a_arm64.s")) ||
		!strings.Contains(fs[0].Message, "[arm64] Add: invalid offset b+16(FP); expected b+8(FP)") {
		var got []string
		for _, f := range fs {
			got = append(got, f.File+": "+f.Message)
		}
		t.Errorf("findings, want armdep's one:\n%s", strings.Join(got, "\n"))
	}
}

// TestStdPatternWalksGOROOT checks that the std and cmd patterns find the
// packages with assembly that go list leaves out of them on the host:
// crypto/x509/internal/macos (darwin), internal/runtime/syscall/windows,
// std's vendored x/net/lif (solaris) and cmd's vendored x/sys/plan9.
func TestStdPatternWalksGOROOT(t *testing.T) {
	if testing.Short() {
		t.Skip("lists std and cmd with go list")
	}
	want := map[string]string{
		"crypto/x509/internal/macos":        "darwin/arm64",
		"internal/runtime/syscall/windows":  "windows/amd64",
		"vendor/golang.org/x/net/lif":       "solaris/amd64",
		"cmd/vendor/golang.org/x/sys/plan9": "plan9/arm",
	}
	for _, pat := range []string{"std", "cmd"} {
		d := &driver{patterns: []string{pat}}
		byTarget, err := d.discover()
		if err != nil {
			t.Fatal(err)
		}
		for target, pkgs := range byTarget {
			for _, p := range pkgs {
				if want[p] == target {
					delete(want, p)
				}
			}
		}
	}
	for p, target := range want {
		t.Errorf("%s is not checked for %s", p, target)
	}
}

// TestFindingGOOS checks that a finding says for which GOOS it was made
// when its GOARCH is checked for several: add_386.s is built on every
// GOOS (linux, the host here, and windows, for neg_windows_386.s), and its
// one finding is made for both; neg_windows_386.s's for windows only.
func TestFindingGOOS(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with go list")
	}
	dir := copyTree(t, "testdata/multigoos")
	t.Setenv("GOFLAGS", "")
	t.Setenv("GOOS", "linux")
	t.Setenv("GOARCH", "amd64")
	fs, _, _ := collectIn(t, dir, "./...")
	var got []string
	for _, f := range fs {
		got = append(got, filepath.Base(f.File)+" "+f.GOOS+": "+f.Message)
	}
	want := []string{
		"add_386.s linux,windows: [linux,windows/386] Add: wrong argument size 8; expected $...-12",
		"neg_windows_386.s windows: [windows/386] Neg: wrong argument size 4; expected $...-8",
	}
	if len(got) != len(want) {
		t.Fatalf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("finding %d:\n%s\nwant it to start\n%s", i, got[i], want[i])
		}
	}
}
