package analyzer

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/asmcheck/asmcheck/frame"
)

func TestTextFlag(t *testing.T) {
	runArches(t, TextFlag, "textflag", "amd64", "arm64", "386", "arm", "ppc64le", "s390x", "mips64", "mipsle", "riscv64", "loong64", "wasm")
}

// TestFrameRulesAgainstAssembler assembles a TEXT with each of a set of
// frame sizes, with and without NOFRAME, for every arch with obj rules,
// and checks that judgeFrame (what the textflag check reports) predicts
// exactly which ones cmd/asm rejects and on which it crashes.
func TestFrameRulesAgainstAssembler(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the assembler")
	}
	asm := filepath.Join(runtime.GOROOT(), "pkg", "tool", runtime.GOOS+"_"+runtime.GOARCH, "asm")
	if _, err := os.Stat(asm); err != nil {
		t.Skip("no assembler:", err)
	}
	dir := t.TempDir()
	type result struct {
		arch, text string
		want       frameVerdict
		out        string
		failed     bool
	}
	var (
		mu      sync.Mutex
		results []result
		wg      sync.WaitGroup
		sem     = make(chan bool, 4)
	)
	n := 0
	for _, arch := range frame.Arches() {
		r := frame.ArchFor(arch).Obj()
		if r == nil {
			continue
		}
		for _, size := range []int64{0, 2, 4, 8, 12, 16, -4, -8, -16} {
			for _, flags := range []string{"NOSPLIT", "NOSPLIT|NOFRAME"} {
				n++
				text := fmt.Sprintf("TEXT ·f(SB), %s, $%d-0", flags, size)
				src := filepath.Join(dir, fmt.Sprintf("c%d.s", n))
				body := "#include \"textflag.h\"\n" + text + "\n\tRET\n"
				if err := os.WriteFile(src, []byte(body), 0o666); err != nil {
					t.Fatal(err)
				}
				res := result{arch: arch, text: text, want: judgeFrame(r, size, strings.Contains(flags, "NOFRAME"))}
				wg.Add(1)
				go func() {
					defer wg.Done()
					sem <- true
					defer func() { <-sem }()
					cmd := exec.Command(asm, "-p", "x", "-I", filepath.Join(runtime.GOROOT(), "pkg", "include"), "-o", src+".o", src)
					cmd.Env = append(os.Environ(), "GOARCH="+arch, "GOOS="+goosFor(arch))
					out, err := cmd.CombinedOutput()
					res.out, res.failed = string(out), err != nil
					mu.Lock()
					results = append(results, res)
					mu.Unlock()
				}()
			}
		}
	}
	wg.Wait()
	for _, res := range results {
		crashed := strings.Contains(res.out, "panic:")
		switch {
		case res.want == frameCrash && !crashed:
			t.Errorf("%s %s: predicted an assembler crash; got %q", res.arch, res.text, res.out)
		case res.want != frameCrash && crashed:
			t.Errorf("%s %s: the assembler crashed, not predicted: %q", res.arch, res.text, res.out)
		case res.want.Rejected() != res.failed && !crashed:
			t.Errorf("%s %s: predicted %v (rejected %v); assembler failed %v: %q", res.arch, res.text, res.want, res.want.Rejected(), res.failed, res.out)
		}
	}
	t.Logf("%d frame sizes on %d arches checked against cmd/asm", len(results), len(frame.Arches()))
}

func goosFor(arch string) string {
	if arch == "wasm" {
		return "js"
	}
	return "linux"
}

// TestNoEffectFlags shows that the flags the textflag and data checks
// call ineffective change nothing: the object file cmd/asm writes is
// byte for byte the one it writes without them (while DUPOK, the
// control, changes it).
func TestNoEffectFlags(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the assembler")
	}
	asm := filepath.Join(runtime.GOROOT(), "pkg", "tool", runtime.GOOS+"_"+runtime.GOARCH, "asm")
	if _, err := os.Stat(asm); err != nil {
		t.Skip("no assembler:", err)
	}
	dir := t.TempDir()
	object := func(src string) string {
		if err := os.WriteFile(filepath.Join(dir, "x.s"), []byte("#include \"textflag.h\"\n"+src), 0o666); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(asm, "-p", "x", "-I", filepath.Join(runtime.GOROOT(), "pkg", "include"), "-o", "x.o", "x.s")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOARCH=amd64", "GOOS=linux")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", src, err, out)
		}
		b, err := os.ReadFile(filepath.Join(dir, "x.o"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	text := func(flags string) string {
		return object(fmt.Sprintf("TEXT ·f(SB), %s, $16-0\n\tCALL ·f(SB)\n\tRET\n", flags))
	}
	globl := func(flags string) string {
		return object(fmt.Sprintf("DATA ·y+0(SB)/8, $1\nGLOBL ·y(SB), %s, $8\n", flags))
	}
	base := text("NOSPLIT")
	for _, fl := range []string{"NOPTR", "RODATA", "TLSBSS", "NOPROF", "128", "16384"} {
		if text("NOSPLIT|"+fl) != base {
			t.Errorf("TEXT with %s: the object differs; the textflag check says it has no effect", fl)
		}
	}
	if text("NOSPLIT|DUPOK") == base || text("NOSPLIT|8192") == base {
		t.Errorf("TEXT with DUPOK or PKGINIT: the object is the same; the comparison proves nothing")
	}
	gbase := globl("NOPTR")
	for _, fl := range []string{"NOSPLIT", "NOFRAME", "WRAPPER", "NEEDCTXT", "REFLECTMETHOD", "TOPFRAME", "ABIWRAPPER", "NOPROF", "128"} {
		if globl("NOPTR|"+fl) != gbase {
			t.Errorf("GLOBL with %s: the object differs; the data check says it has no effect", fl)
		}
	}
	if globl("NOPTR|DUPOK") == gbase {
		t.Errorf("GLOBL with DUPOK: the object is the same; the comparison proves nothing")
	}
}

// TestABIInternalNeedsNOSPLIT shows the rule the textflag check says
// early: cmd/asm rejects an ABIInternal TEXT without NOSPLIT.
func TestABIInternalNeedsNOSPLIT(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the assembler")
	}
	asm := filepath.Join(runtime.GOROOT(), "pkg", "tool", runtime.GOOS+"_"+runtime.GOARCH, "asm")
	if _, err := os.Stat(asm); err != nil {
		t.Skip("no assembler:", err)
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		flags string
		ok    bool
	}{{"0", false}, {"NOSPLIT", true}} {
		src := "#include \"textflag.h\"\nTEXT ·f<ABIInternal>(SB), " + tc.flags + ", $0-0\n\tRET\n"
		if err := os.WriteFile(filepath.Join(dir, "x.s"), []byte(src), 0o666); err != nil {
			t.Fatal(err)
		}
		// ABI selectors are allowed only in a few packages, the runtime among them.
		cmd := exec.Command(asm, "-p", "runtime", "-I", filepath.Join(runtime.GOROOT(), "pkg", "include"), "-o", "x.o", "x.s")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOARCH=amd64", "GOOS=linux")
		out, err := cmd.CombinedOutput()
		if (err == nil) != tc.ok || !tc.ok && !strings.Contains(string(out), "ABIInternal requires NOSPLIT") {
			t.Errorf("TEXT ·f<ABIInternal>(SB), %s: assembled %v, want %v: %s", tc.flags, err == nil, tc.ok, out)
		}
	}
}
