package analyzer

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/asmcheck/asmcheck/frame"
)

var linkRace = flag.Bool("linkrace", false, "TestNosplitAgainstLinker also links a -race program (needs cgo and a C compiler; slow the first time)")

func TestNoSplit(t *testing.T) { runArches(t, NoSplit, "nosplit", "amd64", "arm64") }

// TestNosplitAgainstLinker links the nosplit testdata as a program for
// linux/amd64 and linux/arm64 with the linker's -debugnosplit, which
// prints every stack edge it counts, computes each function's height from
// those edges as cmd/link/internal/ld/stackcheck.go does, and checks that
// the nosplit check computes the same height for every function of the
// package (a lower bound where a call leaves the package), the same limit,
// and so the same verdict on each side of the boundary: single frames
// (big/bigOK), two-function chains (chain/chainOK), splittable and
// auto-NOSPLIT callees, pushes, tail calls and a cycle.
func TestNosplitAgainstLinker(t *testing.T) {
	if testing.Short() {
		t.Skip("links programs")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	for _, arch := range []string{"amd64", "arm64"} {
		t.Run(arch, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", "src", "nosplit", "nosplit_"+arch+".s"))
			if err != nil {
				t.Fatal(err)
			}
			names := nosplitDecls(t)
			linker, limit := linkNosplit(t, arch, names, stripWants(src), false)
			ours := nosplitHeights(t, arch, names, stripWants(src), false)
			if want := frame.ArchFor(arch).Obj().NosplitLimit("linux", false); limit != want {
				t.Errorf("linker limit %d, asmcheck %d", limit, want)
			}
			compareHeights(t, names, linker, ours, limit)
		})
	}
}

// TestNosplitRaceAgainstLinker checks the -race limit (-nosplit.race)
// against a -race link on the host, when -linkrace is given.
func TestNosplitRaceAgainstLinker(t *testing.T) {
	if !*linkRace {
		t.Skip("-linkrace not given")
	}
	arch := build.Default.GOARCH
	if arch != "amd64" && arch != "arm64" {
		t.Skip("host arch not modeled")
	}
	limit := frame.ArchFor(arch).Obj().NosplitLimit("linux", true)
	frameOf := func(height int64) int64 { // the largest frame whose leaf height is height
		if arch == "amd64" {
			return height - 8
		}
		return height - 24
	}
	src := fmt.Sprintf("#include \"textflag.h\"\n\nTEXT ·raceBig(SB), NOSPLIT, $%d-0\n\tRET\n\nTEXT ·raceOK(SB), NOSPLIT, $%d-0\n\tRET\n",
		frameOf(limit)+16, frameOf(limit))
	names := []string{"raceBig", "raceOK"}
	linker, got := linkNosplit(t, arch, names, []byte(src), true)
	if got != limit {
		t.Errorf("-race linker limit %d, asmcheck %d", got, limit)
	}
	nosplitRace = true
	defer func() { nosplitRace = false }()
	compareHeights(t, names, linker, nosplitHeights(t, arch, names, []byte(src), true), limit)
}

// nosplitDecls returns the functions testdata/src/nosplit declares.
func nosplitDecls(t *testing.T) []string {
	b, err := os.ReadFile(filepath.Join("testdata", "src", "nosplit", "decl.go"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^func (\w+)\(\)$`).FindAllSubmatch(b, -1) {
		names = append(names, string(m[1]))
	}
	return names
}

// stripWants removes the // want comments of a testdata file.
func stripWants(src []byte) []byte {
	return regexp.MustCompile(`(?m) // want .*$`).ReplaceAll(src, nil)
}

// mainGo is a main package that declares and keeps alive the functions.
func mainGo(names []string) []byte {
	var b bytes.Buffer
	b.WriteString("package main\n\nimport \"os\"\n\n")
	for _, n := range names {
		fmt.Fprintf(&b, "func %s()\n", n)
	}
	b.WriteString("\nfunc main() {\n\tif len(os.Args) > 99 {\n")
	for _, n := range names {
		fmt.Fprintf(&b, "\t\t%s()\n", n)
	}
	b.WriteString("\t}\n}\n")
	return b.Bytes()
}

// linkNosplit builds the program for linux/arch and returns the height
// the linker computes for each function of package main, and its limit.
func linkNosplit(t *testing.T, arch string, names []string, src []byte, race bool) (map[string]int64, int64) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), []byte("module nslink\n\ngo 1.26\n"))
	write(t, filepath.Join(dir, "main.go"), mainGo(names))
	write(t, filepath.Join(dir, "x_"+arch+".s"), src)
	args := []string{"build", "-ldflags=-debugnosplit", "-o", filepath.Join(dir, "x")}
	cgo := "0"
	if race {
		args, cgo = append(args, "-race"), "1"
	}
	cmd := exec.Command("go", append(args, ".")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH="+arch, "CGO_ENABLED="+cgo, "GOFLAGS=")
	out, _ := cmd.CombinedOutput() // fails on purpose: some functions are over the limit
	edges, limit := parseNosplitDebug(out)
	if limit == 0 {
		t.Fatalf("no \"nosplit stack over\" error from the linker:\n%s", lastLines(out, 20))
	}
	heights := map[string]int64{}
	memo := map[string]int64{}
	for _, n := range names {
		heights[n] = linkerHeight("main."+n+"<0>", edges, memo)
	}
	return heights, limit
}

func write(t *testing.T, name string, b []byte) {
	if err := os.WriteFile(name, b, 0o666); err != nil {
		t.Fatal(err)
	}
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// A linkerEdge is one line of -debugnosplit: a function grows the stack
// by growth and maybe calls target.
type linkerEdge struct {
	growth int64
	target string
}

var (
	debugEdge  = regexp.MustCompile(`^nosplit: (\S+) \+(\d+)(?: -> (\S+))?$`)
	limitError = regexp.MustCompile(`nosplit stack over (\d+) byte limit`)
)

// parseNosplitDebug reads the -debugnosplit edges and the limit from the
// linker's output. Each function's edges are printed once per pass: keep
// the first set.
func parseNosplitDebug(out []byte) (map[string][]linkerEdge, int64) {
	edges := map[string][]linkerEdge{}
	seen := map[string]bool{}
	var limit int64
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if m := limitError.FindStringSubmatch(line); m != nil {
			limit, _ = strconv.ParseInt(m[1], 10, 64)
		}
		m := debugEdge.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		g, _ := strconv.ParseInt(m[2], 10, 64)
		key := line
		if seen[key] {
			continue
		}
		seen[key] = true
		edges[m[1]] = append(edges[m[1]], linkerEdge{g, m[3]})
	}
	return edges, limit
}

// linkerHeight computes a function's height from the linker's edges as
// stackcheck.go does: the largest growth plus the target's height;
// runtime.morestack is 0; a cycle is unbounded.
func linkerHeight(sym string, edges map[string][]linkerEdge, memo map[string]int64) int64 {
	if h, ok := memo[sym]; ok {
		return h
	}
	if sym == "runtime.morestack<0>" {
		return 0
	}
	memo[sym] = nsInfinite
	var h int64
	for _, e := range edges[sym] {
		g := e.growth
		if e.target != "" {
			g += linkerHeight(e.target, edges, memo)
		}
		h = max(h, g)
	}
	memo[sym] = min(h, nsInfinite)
	return memo[sym]
}

type ourHeight struct {
	h     int64
	exact bool
}

// nosplitHeights runs the nosplit check's model on the program and
// returns each NOSPLIT function's height.
func nosplitHeights(t *testing.T, arch string, names []string, src []byte, race bool) map[string]ourHeight {
	dir := t.TempDir()
	pkg := filepath.Join(dir, "src", "nslink")
	if err := os.MkdirAll(pkg, 0o777); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(pkg, "main.go"), mainGo(names))
	write(t, filepath.Join(pkg, "x_"+arch+".s"), src)
	heights := map[string]ourHeight{}
	probe := &analysis.Analyzer{Name: "nosplitprobe", Doc: "record nosplit heights", Requires: []*analysis.Analyzer{Load},
		Run: func(pass *analysis.Pass) (any, error) {
			c := &Check{Name: "nosplitprobe", Pass: pass, Pkg: pass.ResultOf[Load].(*Package)}
			ns := newNosplitCheck(c)
			for _, fn := range c.Pkg.Funcs() {
				if n := ns.node(fn); n != nil && nosplitModeled(fn) {
					heights[fn.Name] = ourHeight{n.height, ns.exact(n)}
				}
			}
			return nil, nil
		}}
	t.Setenv("GOOS", "linux")
	t.Setenv("GOARCH", arch)
	t.Setenv("CGO_ENABLED", "0")
	analysistest.Run(t, dir, probe, "nslink")
	return heights
}

// compareHeights checks asmcheck's heights against the linker's, and the
// verdicts against the limit.
func compareHeights(t *testing.T, names []string, linker map[string]int64, ours map[string]ourHeight, limit int64) {
	for _, n := range names {
		lh, o := linker[n], ours[n]
		if _, ok := ours[n]; !ok {
			t.Errorf("%s: asmcheck computed no height (linker: %d)", n, lh)
			continue
		}
		switch {
		case o.exact && o.h != lh && !(o.h >= nsInfinite && lh >= nsInfinite):
			t.Errorf("%s: asmcheck height %d, linker %d", n, o.h, lh)
		case !o.exact && o.h > lh:
			t.Errorf("%s: asmcheck height %d is not a lower bound of the linker's %d", n, o.h, lh)
		case o.exact && (o.h > limit) != (lh > limit):
			t.Errorf("%s: asmcheck says over the %d-byte limit %v, the linker %v", n, limit, o.h > limit, lh > limit)
		}
	}
}
