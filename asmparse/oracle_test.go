package asmparse

// The oracle test compares asmparse with the real assembler. `go build
// -work -x -asmflags=-debug` makes cmd/asm print every instruction as it
// parses it (cmd/asm/internal/asm/asm.go, append: "fmt.Println(p.lineNum,
// prog)"), as
//
//	LINE PC (FILE:LINE)\tOP[.SUFFIX]\tOPERAND, OPERAND…
//
// and -x prints each asm command with the -D flags and -I directories the
// go command gave it; -work keeps $WORK, where every package's go_asm.h is
// (-I $WORK/bNNN/). A throw-away -D makes the asm step's action ID new, so
// the go command runs the assembler even when its cache is warm, without
// rebuilding more than the packages that have assembly.
//
// For every file and line, the mnemonics (with suffixes as Go prints them)
// must match asmparse's statements, and so must the operand count and, where
// Go's printed form can be compared without reimplementing its printer, the
// operands: registers by name, immediates by value, memory operands by
// symbol, offset, base, index and scale.
//
// The default run compares a few packages for amd64 and arm64. The full run
//
//	go test ./asmparse -run Oracle -oracle.full [-oracle.targets linux/amd64,js/wasm] [-oracle.v]
//
// builds every package of std and cmd that has assembly, for each target.
// Results of the full run (go1.26.8, 2026-11-22, 27 minutes on 2 cores):
//
//	target          files   lines   instrs  operands  mismatches
//	linux/amd64       65   30225    32091     64124    0
//	linux/arm64       58    6934    10211     21236    0
//	linux/386         42    3678     9588     17325    0
//	linux/arm         40    3038     4644      8543    0
//	linux/ppc64le     50    7318    11881     26545    0
//	linux/ppc64       47    5805     9890     21231    0
//	linux/s390x       76    7701     9885     20786    0
//	linux/riscv64     42    3235    11023     23747    0
//	linux/loong64     48    5127    14813     31062    0
//	linux/mips64le    35    3071     3881      7066    0
//	linux/mips64      35    3074     3884      7072    0
//	linux/mipsle      33    2233     3043      5374    0
//	linux/mips        33    2236     3046      5380    0
//	js/wasm           28     951     2058      1658    0
//	darwin/arm64      61    7473    10788     22078    0
//	darwin/amd64      67   30766    32666     64971    0
//	windows/amd64     62   31768    33783     65722    0
//	windows/arm64     57   10443    13731     26545    0
//	windows/386       41    5226    11138     18616    0
//	freebsd/amd64     62   30086    31939     63863    0
//	openbsd/arm64     60    7211    10488     21628    0
//	netbsd/arm        38    2830     4436      8204    0
//	plan9/amd64       61   29340    31165     62571    0
//	aix/ppc64         47    5495     9428     20412    0
//	solaris/amd64     63   29809    31636     63453    0
//	wasip1/wasm       27     923     2030      1635    0
//	total           1278  275996   353166    700847    0
//
// "files" counts (file, target) pairs. "operands" counts the operands
// compared by value; the others (labels that Go prints as a PC, constants
// from go_asm.h …) are compared by count.
// What the oracle found in the parser, now fixed: on arm, R10 is g, so
// [R4-R11] holds g and R(10) is g (cmd/asm/internal/arch/arch.go,
// archArm); DefaultDefines lacked GOARM_6 and GOARM_5 (GOARM=7 defines all
// three), the lower GOPPC64 levels and GOARM64_LSE (checkDefaultDefines
// compares DefaultDefines with the go command's -D flags on every target).
// The rest were differences of Go's printer, handled in the comparison:
// mnemonic aliases (JA is printed JHI, B is JMP: learned, and logged),
// register aliases (regAliases), operands printed in another order (STREX*
// on arm, CMP with a CR field on ppc64: accepted in any order, and logged),
// forward branches printed without their target, ADDZE R11 printed
// ADDZE R11, R11, and arm MRC/MCR folded into one constant.

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"go/token"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var (
	oracleFull    = flag.Bool("oracle.full", false, "compare asmparse with cmd/asm over every package of std and cmd that has assembly")
	oracleTargets = flag.String("oracle.targets", "", "comma-separated GOOS/GOARCH list for the oracle (default: every target in fullOracleTargets)")
	oracleVerbose = flag.Bool("oracle.v", false, "log every oracle mismatch, not only the first ones")
)

// fullOracleTargets are the targets of the full oracle run: every GOARCH,
// and the operating systems whose assembly differs most.
var fullOracleTargets = []string{
	"linux/amd64", "linux/arm64", "linux/386", "linux/arm", "linux/ppc64le",
	"linux/ppc64", "linux/s390x", "linux/riscv64", "linux/loong64",
	"linux/mips64le", "linux/mips64", "linux/mipsle", "linux/mips", "js/wasm",
	"darwin/arm64", "darwin/amd64", "windows/amd64", "windows/arm64",
	"windows/386", "freebsd/amd64", "openbsd/arm64", "netbsd/arm",
	"plan9/amd64", "aix/ppc64", "solaris/amd64", "wasip1/wasm",
}

// quickOracle is what the default run compares: packages with macros,
// go_asm.h and many operand forms, small enough to build in seconds.
var quickOracle = map[string][]string{
	"linux/amd64": {"internal/bytealg", "internal/runtime/atomic", "crypto/internal/fips140/nistec", "math/big", "internal/runtime/syscall/linux"},
	"linux/arm64": {"internal/bytealg", "internal/runtime/atomic", "crypto/internal/fips140/aes", "math/big", "crypto/internal/fips140/sha256"},
}

// allowAsmABI lists the packages for which cmd/asm itself adds
// -D GOEXPERIMENT_* for every enabled experiment (cmd/asm/main.go, with
// the package list of cmd/internal/objabi/pkgspecial.go, allowAsmABIPkgs).
var allowAsmABI = map[string]bool{
	"runtime": true, "reflect": true, "syscall": true, "internal/bytealg": true,
	"internal/chacha8rand": true, "internal/runtime/syscall/linux": true,
	"internal/runtime/syscall/windows": true, "internal/runtime/startlinetest": true,
}

// An asmCommand is one run of cmd/asm seen in the -x output.
type asmCommand struct {
	pkg     string
	dir     string
	defines []string
	incDirs []string
	files   []string // absolute
}

// An oracleProg is one instruction printed by cmd/asm -debug.
type oracleProg struct {
	key  string // file:line
	op   string // mnemonic with suffix
	args []string
	text string
}

type oracleStats struct {
	files, lines, insts, operands, mismatches int
	aliases                                   map[string]string // written mnemonic → printed
	arch                                      string
	reordered, exempt                         map[string]int // by mnemonic
}

func TestOracle(t *testing.T) {
	if testing.Short() && !*oracleFull {
		t.Skip("builds packages with the real assembler")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	var targets []string
	switch {
	case *oracleTargets != "":
		targets = strings.Split(*oracleTargets, ",")
	case *oracleFull:
		targets = fullOracleTargets
	default:
		targets = slices.Sorted(func(yield func(string) bool) {
			for k := range quickOracle {
				if !yield(k) {
					return
				}
			}
		})
	}
	var summary strings.Builder
	for _, target := range targets {
		t.Run(strings.ReplaceAll(target, "/", "_"), func(t *testing.T) {
			st := runOracle(t, target)
			fmt.Fprintf(&summary, "%-15s %5d files %7d lines %7d instructions %7d operands compared %4d mismatches\n",
				target, st.files, st.lines, st.insts, st.operands, st.mismatches)
		})
	}
	t.Logf("oracle summary:\n%s", summary.String())
}

func runOracle(t *testing.T, target string) oracleStats {
	goos, goarch, ok := strings.Cut(target, "/")
	if !ok {
		t.Fatalf("bad target %q", target)
	}
	env := append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "GOFLAGS=", "GOWORK=off")
	pkgs := quickOracle[target]
	if *oracleFull || pkgs == nil {
		pkgs = []string{"std", "cmd"}
	}
	dirs, asmPkgs := listAsmPackages(t, env, pkgs)
	if len(asmPkgs) == 0 {
		t.Skipf("no package with assembly for %s", target)
	}
	experiments := goExperiments(t, env)

	nonce := fmt.Sprintf("-D=ASMCHECK_ORACLE_%d", rand.Uint64())
	args := append([]string{"build", "-work", "-x", "-asmflags=-debug " + nonce}, asmPkgs...)
	cmd := exec.Command("go", args...)
	cmd.Env = env
	cmd.Dir = gorootSrc(t)
	out, err := cmd.CombinedOutput()
	work := workDir(out)
	if work != "" {
		defer os.RemoveAll(work)
	}
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, buildErrors(out, 40))
	}
	cmds, progs := parseOracleOutput(t, out, work, dirs)
	if len(cmds) == 0 {
		t.Fatalf("no asm command in the output of go build")
	}

	st := oracleStats{arch: goarch, reordered: map[string]int{}, exempt: map[string]int{}}
	ours := map[string][]oracleInst{}
	fset := token.NewFileSet()
	checkDefaultDefines(t, goos, goarch, cmds)
	for _, c := range cmds {
		defs := slices.Clone(c.defines)
		if allowAsmABI[c.pkg] {
			for _, e := range experiments {
				defs = append(defs, "GOEXPERIMENT_"+e)
			}
		}
		inc := &DirIncluder{Dirs: c.incDirs}
		for _, path := range c.files {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			st.files++
			f, err := ParseFile(fset, path, src, &Config{GOARCH: goarch, GOOS: goos, NoDefaultDefines: true, Defines: defs, Includer: inc})
			if err != nil {
				t.Errorf("%s [%s] does not parse:\n%s", path, target, err.(ErrorList).Format(fset))
			}
			for i := range f.Stmts {
				s := &f.Stmts[i]
				switch s.Op {
				case "", "DATA", "GLOBL":
					// cmd/asm prints no Prog for these (asm.go, asmData, asmGlobl).
					continue
				}
				p := fset.Position(s.Pos)
				key := p.Filename + ":" + strconv.Itoa(p.Line)
				ours[key] = append(ours[key], oracleInst{s: s, pkg: c.pkg})
			}
		}
	}
	// The instructions cmd/asm printed, grouped by file:line.
	theirs := map[string][]oracleProg{}
	for _, p := range progs {
		theirs[p.key] = append(theirs[p.key], p)
	}
	keys := map[string]bool{}
	for k := range ours {
		keys[k] = true
	}
	for k := range theirs {
		keys[k] = true
	}
	shown := 0
	for _, key := range slices.Sorted(func(yield func(string) bool) {
		for k := range keys {
			if !yield(k) {
				return
			}
		}
	}) {
		st.lines++
		o, th := ours[key], theirs[key]
		st.insts += len(th)
		msg := compareLine(goarch, o, th, &st)
		if msg == "" {
			continue
		}
		st.mismatches++
		if shown < 30 || *oracleVerbose {
			t.Errorf("%s [%s]: %s", relGoroot(key), target, msg)
			shown++
		}
	}
	var pairs []string
	for k, v := range st.aliases {
		pairs = append(pairs, k+"→"+v)
	}
	slices.Sort(pairs)
	t.Logf("%s: mnemonics printed under another name: %s", target, strings.Join(pairs, " "))
	t.Logf("%s: operands printed in another order: %v; operand count not compared: %v", target, st.reordered, st.exempt)
	t.Logf("%s: %d files, %d lines, %d instructions, %d operands compared, %d mismatches",
		target, st.files, st.lines, st.insts, st.operands, st.mismatches)
	return st
}

// checkDefaultDefines checks that DefaultDefines gives what the go
// command passes with -D (the experiments aside, which cmd/asm adds).
func checkDefaultDefines(t *testing.T, goos, goarch string, cmds []asmCommand) {
	var want []string
	for _, d := range DefaultDefines(goos, goarch) {
		if !strings.HasPrefix(d, "GOEXPERIMENT_") {
			want = append(want, d)
		}
	}
	slices.Sort(want)
	for _, c := range cmds {
		got := slices.Sorted(slices.Values(c.defines))
		if !slices.Equal(got, want) {
			t.Errorf("DefaultDefines(%s, %s) = %v; go build passes %v to asm for %s", goos, goarch, want, got, c.pkg)
			return
		}
	}
}

type oracleInst struct {
	s   *Stmt
	pkg string
}

// listAsmPackages returns the directories of the packages matched by
// patterns and the import paths of those that have assembly files.
func listAsmPackages(t *testing.T, env []string, patterns []string) (map[string]string, []string) {
	cmd := exec.Command("go", append([]string{"list", "-e", "-f", "{{.ImportPath}}\t{{.Dir}}\t{{.Name}}\t{{join .SFiles \" \"}}"}, patterns...)...)
	cmd.Env = env
	cmd.Dir = gorootSrc(t)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dirs := map[string]string{}
	var withAsm []string
	for line := range strings.Lines(string(out)) {
		f := strings.Split(strings.TrimRight(line, "\n"), "\t")
		if len(f) != 4 {
			continue
		}
		dirs[f[0]] = f[1]
		if f[3] != "" {
			withAsm = append(withAsm, f[0])
			if f[2] == "main" {
				// cmd/asm -p main: find the command by its files.
				for _, name := range strings.Fields(f[3]) {
					if _, dup := dirs["main "+name]; dup {
						dirs["main "+name] = "" // ambiguous
					} else {
						dirs["main "+name] = f[1]
					}
				}
			}
		}
	}
	return dirs, withAsm
}

// goExperiments returns the experiments enabled for the target, from the
// goexperiment.* tool tags.
func goExperiments(t *testing.T, env []string) []string {
	cmd := exec.Command("go", "list", "-f", "{{context.ToolTags}}", "runtime")
	cmd.Env = env
	cmd.Dir = gorootSrc(t)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var exps []string
	for _, tag := range strings.Fields(strings.Trim(strings.TrimSpace(string(out)), "[]")) {
		if e, ok := strings.CutPrefix(tag, "goexperiment."); ok {
			exps = append(exps, e)
		}
	}
	return exps
}

func workDir(out []byte) string {
	for line := range strings.Lines(string(out)) {
		if w, ok := strings.CutPrefix(line, "WORK="); ok {
			return strings.TrimSpace(w)
		}
	}
	return ""
}

// buildErrors returns the last n lines of go build's output that are
// neither -debug lines nor commands printed by -x.
func buildErrors(out []byte, n int) string {
	var lines []string
	for line := range strings.Lines(string(out)) {
		f := strings.Fields(line)
		if len(f) == 0 || debugLine.MatchString(strings.TrimRight(line, "\n")) || strings.Contains(line, "/pkg/tool/") ||
			strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "WORK=") ||
			slices.Contains([]string{"mkdir", "cd", "cat", "echo", "cp", "mv", "rm", "go", "#", "EOF", "packagefile"}, f[0]) {
			continue
		}
		lines = append(lines, strings.TrimRight(line, "\n"))
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func relGoroot(key string) string {
	root := filepath.Join(runtime.GOROOT(), "src")
	if r, ok := strings.CutPrefix(key, root+string(filepath.Separator)); ok {
		return r
	}
	return key
}

var debugLine = regexp.MustCompile(`^(\d+) \d+ \((.*):(\d+)\)\t([^\t]*)(?:\t(.*))?$`)

// parseOracleOutput reads the asm commands and the -debug lines from the
// output of go build -x -work.
func parseOracleOutput(t *testing.T, out []byte, work string, dirs map[string]string) ([]asmCommand, []oracleProg) {
	var cmds []asmCommand
	var progs []oracleProg
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := debugLine.FindStringSubmatch(line); m != nil {
			if m[1] != m[3] {
				t.Errorf("debug line with two line numbers: %s", line)
			}
			progs = append(progs, oracleProg{key: m[2] + ":" + m[3], op: m[4], args: splitOperands(m[5]), text: line})
			continue
		}
		if c, ok := parseAsmCommand(line, work, dirs); ok {
			cmds = append(cmds, c)
		}
	}
	return cmds, progs
}

// parseAsmCommand parses an asm command line printed by go build -x.
func parseAsmCommand(line, work string, dirs map[string]string) (asmCommand, bool) {
	fields := shellFields(line)
	if len(fields) < 2 || filepath.Base(fields[0]) != "asm" || !strings.Contains(fields[0], "/pkg/tool/") {
		return asmCommand{}, false
	}
	var c asmCommand
	for i := 1; i < len(fields); i++ {
		f := strings.ReplaceAll(fields[i], "$WORK", work)
		arg := func() string {
			i++
			if i < len(fields) {
				return strings.ReplaceAll(fields[i], "$WORK", work)
			}
			return ""
		}
		switch {
		case f == "-gensymabis":
			return asmCommand{}, false
		case f == "-p":
			c.pkg = arg()
		case f == "-I":
			c.incDirs = append(c.incDirs, arg())
		case f == "-D":
			c.defines = append(c.defines, arg())
		case strings.HasPrefix(f, "-D="):
			if !strings.HasPrefix(f, "-D=ASMCHECK_ORACLE_") {
				c.defines = append(c.defines, f[3:])
			}
		case f == "-o" || f == "-trimpath" || f == "-compiling-runtime":
			if f != "-compiling-runtime" {
				arg()
			}
		case strings.HasSuffix(f, ".s"):
			c.files = append(c.files, f)
		}
	}
	c.dir = dirs[c.pkg]
	if c.pkg == "main" {
		for _, f := range c.files {
			c.dir = dirs["main "+filepath.Base(f)]
		}
	}
	for i, f := range c.files {
		if !filepath.IsAbs(f) {
			c.files[i] = filepath.Join(c.dir, f)
		}
	}
	return c, c.pkg != "" && c.dir != ""
}

// shellFields splits a command line printed by go build -x into words,
// removing double quotes.
func shellFields(line string) []string {
	var out []string
	var cur strings.Builder
	inq, have := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '"':
			inq = !inq
			have = true
		case (c == ' ' || c == '\t') && !inq:
			if have {
				out = append(out, cur.String())
				cur.Reset()
				have = false
			}
		default:
			cur.WriteByte(c)
			have = true
		}
	}
	if have {
		out = append(out, cur.String())
	}
	return out
}

// splitOperands splits Go's printed operand list at top-level commas.
func splitOperands(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	depth, start := 0, 0
	inq := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			inq = !inq
		case inq && c == '\\':
			i++
		case inq:
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		case c == ',' && depth == 0:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// compareLine compares asmparse's statements at one file:line with the
// instructions cmd/asm printed for it, and returns a description of the
// difference, or "".
func compareLine(arch string, ours []oracleInst, theirs []oracleProg, st *oracleStats) string {
	if len(ours) != len(theirs) {
		return fmt.Sprintf("asmparse has %d statements (%s), cmd/asm %d (%s)",
			len(ours), oursString(ours), len(theirs), theirsString(theirs))
	}
	for i := range ours {
		if msg := compareInst(arch, ours[i], theirs[i], st); msg != "" {
			return fmt.Sprintf("%s\n\tasmparse: %s\n\tcmd/asm:  %s", msg, oursString(ours[i:i+1]), theirsString(theirs[i:i+1]))
		}
	}
	return ""
}

func oursString(ours []oracleInst) string {
	var b []string
	for _, o := range ours {
		var args []string
		for i := range o.s.Args {
			a := &o.s.Args[i]
			args = append(args, fmt.Sprintf("%s {%s}", a.Text, describe(a)))
		}
		b = append(b, o.s.Mnemonic()+" "+strings.Join(args, ", "))
	}
	return strings.Join(b, "; ")
}

func theirsString(theirs []oracleProg) string {
	var b []string
	for _, p := range theirs {
		b = append(b, p.op+" "+strings.Join(p.args, ", "))
	}
	return strings.Join(b, "; ")
}

func compareInst(arch string, o oracleInst, p oracleProg, st *oracleStats) string {
	if !st.sameMnemonic(o.s, p.op) {
		return "mnemonic differs"
	}
	args := o.s.Args
	if o.s.Op == "TEXT" || o.s.Op == "FUNCDATA" || o.s.Op == "PCDATA" || o.s.Op == "PCALIGN" {
		return comparePseudo(o, p, st)
	}
	printed := p.args
	switch {
	case len(printed) == len(args):
	case len(printed) == len(args)-1 && isBranchTarget(&args[len(args)-1]):
		// A forward branch: cmd/asm prints the target only once known.
		args = args[:len(args)-1]
	case len(args) == 1 && len(printed) == 2 && printed[0] == printed[1]:
		// ADDZE R11 is ADDZE R11, R11 (ppc64): the assembler fills in
		// the destination.
		printed = printed[:1]
	case operandCountExempt(arch, o.s, p):
		st.exempt[o.s.Op]++
		return ""
	default:
		return fmt.Sprintf("asmparse has %d operands, cmd/asm %d", len(args), len(printed))
	}
	n := 0
	for i := range args {
		ok, compared := st.compareOperand(arch, o.pkg, &args[i], printed[i])
		if compared {
			n++
		}
		if !ok {
			// Go prints some instructions' operands in another order
			// (STREXD on arm, CMP with a CR field on ppc64): accept
			// the same operands in any order.
			if !st.samePermuted(arch, o.pkg, args, printed) {
				return fmt.Sprintf("operand %d differs", i+1)
			}
			st.reordered[o.s.Op]++
			break
		}
	}
	st.operands += n
	return ""
}

// samePermuted reports whether the operands match the printed ones in
// some order.
func (st *oracleStats) samePermuted(arch, pkg string, args []Operand, printed []string) bool {
	used := make([]bool, len(printed))
	for i := range args {
		found := false
		for j := range printed {
			if ok, _ := st.compareOperand(arch, pkg, &args[i], printed[j]); ok && !used[j] {
				used[j], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// isBranchTarget reports whether op may be a label that cmd/asm prints as
// a PC, or not at all before it is defined.
func isBranchTarget(op *Operand) bool {
	return op.Kind == NameOp || op.Kind == ConstOp || op.Kind == MemOp && op.Reg() == "PC"
}

// operandCountExempt reports the instructions whose printed operand count
// differs from the written one for reasons of Go's printer.
func operandCountExempt(arch string, s *Stmt, p oracleProg) bool {
	switch arch {
	case "arm":
		// MRC and MCR's six operands are encoded into one constant
		// (cmd/asm/internal/arch/arm.go, ARMMRCOffset).
		return s.Op == "MRC" || s.Op == "MCR"
	}
	return false
}

// sameMnemonic reports whether the statement's mnemonic is the printed
// one. cmd/asm accepts aliases (JA for JHI, B for JMP, MOVD for MOVQ on
// amd64: cmd/asm/internal/arch/arch.go) and prints the canonical name; the
// first time a written mnemonic is printed differently the pair is learned,
// and the test fails if the same written mnemonic is later printed as
// something else. The learned pairs are logged for review.
func (st *oracleStats) sameMnemonic(s *Stmt, printed string) bool {
	m := s.Mnemonic()
	if m == printed {
		return true
	}
	if st.aliases == nil {
		st.aliases = map[string]string{}
	}
	if a, ok := st.aliases[m]; ok {
		return a == printed
	}
	st.aliases[m] = printed
	return true
}

// comparePseudo compares TEXT, FUNCDATA, PCDATA and PCALIGN.
func comparePseudo(o oracleInst, p oracleProg, st *oracleStats) string {
	args := o.s.Args
	switch o.s.Op {
	case "TEXT":
		// Go prints TEXT sym(SB), [flags,] $frame[-args].
		if len(p.args) < 2 || len(args) < 2 {
			return "bad TEXT"
		}
		ok, _ := st.compareOperand("", o.pkg, &args[0], p.args[0])
		if !ok {
			return "TEXT symbol differs"
		}
		fr := &args[len(args)-1]
		want := "$" + strconv.FormatInt(fr.Val, 10)
		if fr.HasArgs() {
			want += "-" + strconv.FormatInt(fr.Args(), 10)
		}
		got := p.args[len(p.args)-1]
		st.operands += 2
		if got != want && !(fr.HasArgs() == false && strings.HasPrefix(got, want+"-")) {
			return fmt.Sprintf("TEXT frame %s, cmd/asm %s", want, got)
		}
	default:
		if len(p.args) != len(args) {
			return fmt.Sprintf("asmparse has %d operands, cmd/asm %d", len(args), len(p.args))
		}
		for i := range args {
			ok, compared := st.compareOperand("", o.pkg, &args[i], p.args[i])
			if compared {
				st.operands++
			}
			if !ok {
				return fmt.Sprintf("operand %d differs", i+1)
			}
		}
	}
	return ""
}

// compareOperand compares an operand with Go's printed form. It reports
// whether they agree and whether anything was compared.
func (st *oracleStats) compareOperand(arch, pkg string, o *Operand, printed string) (ok, compared bool) {
	switch o.Kind {
	case ImmOp, ConstOp:
		if o.Unresolved() != "" {
			return true, false
		}
		want := strconv.FormatInt(o.Val, 10)
		if o.Kind == ConstOp {
			// Go prints some constants written without $ as $N
			// (ppc64 BC 12, …), and some as what they select (the
			// CR bit CR0EQ in BC 12, 2, …): compare numbers only.
			if printed == want || printed == "$"+want {
				return true, true
			}
			return !isNumber(strings.TrimPrefix(printed, "$")), false
		}
		return printed == "$"+want, true
	case RegOp:
		return st.sameReg(o, printed), true
	case MemOp, AddrOp:
		if o.Reg() == "PC" {
			// Go prints the branch target's PC, not the written offset.
			return strings.HasSuffix(printed, "(PC)") || printed == "" || isNumber(printed), false
		}
		if o.Unresolved() != "" {
			return true, false
		}
		if o.Kind == MemOp && o.Val == 0 && o.Sym() == "" && o.Index() == "" && printed == st.reg(o.Reg()) {
			// BR (CTR) is printed JMP CTR (ppc64, s390x).
			return true, true
		}
		want := st.memString(pkg, o)
		if o.Kind == AddrOp {
			want = "$" + want
		}
		return printed == want, true
	case PairOp:
		return printed == "("+st.reg(o.Reg())+", "+st.reg(o.Reg2())+")", true
	case FloatOp:
		if !strings.HasPrefix(printed, "$(") || !strings.HasSuffix(printed, ")") {
			return false, true
		}
		f, err := strconv.ParseFloat(printed[2:len(printed)-1], 64)
		return err == nil && f == o.Float(), true
	case StringOp:
		return printed == "$"+strconv.Quote(o.Str()), true
	case ListOp:
		var regs []string
		for _, r := range o.List() {
			regs = append(regs, st.regString(&r))
		}
		want := "[" + strings.Join(regs, ",") + "]"
		if o.HasLane() {
			want += "[" + strconv.FormatInt(o.Lane(), 10) + "]"
		}
		return printed == want, true
	}
	return true, false
}

// sameReg reports whether a register operand is the printed one.
func (st *oracleStats) sameReg(o *Operand, printed string) bool {
	return st.regString(o) == printed
}

// regAliases are the register names that Go prints under another name
// (cmd/asm/internal/arch/arch.go: arm64 and s390x "LR" is the link
// register R30 or R14; ppc64 SPR(n) is printed with parentheses by
// cmd/internal/obj/ppc64/list9.go).
var regAliases = map[string]map[string]string{
	"arm64":    {"LR": "R30", "R18_PLATFORM": "R18"},
	"s390x":    {"LR": "R14"},
	"mips64":   {"RSB": "R28"},
	"mips64le": {"RSB": "R28"},
	"riscv64":  riscvABINames(),
}

// riscvABINames maps the RISC-V psABI register names that cmd/asm accepts
// (cmd/asm/internal/arch/arch.go, archRISCV64; CTXT is X26 and TMP X31)
// to the X and F names that cmd/internal/obj/riscv/list.go prints (SP
// and g keep their names).
func riscvABINames() map[string]string {
	m := map[string]string{"CTXT": "X26", "TMP": "X31", "X2": "SP"}
	x := strings.Fields("ZERO RA SP GP TP T0 T1 T2 S0 S1 A0 A1 A2 A3 A4 A5 A6 A7 S2 S3 S4 S5 S6 S7 S8 S9 S10 S11 T3 T4 T5 T6")
	for i, n := range x {
		if n != "SP" {
			m[n] = "X" + strconv.Itoa(i)
		}
	}
	f := strings.Fields("FT0 FT1 FT2 FT3 FT4 FT5 FT6 FT7 FS0 FS1 FA0 FA1 FA2 FA3 FA4 FA5 FA6 FA7 FS2 FS3 FS4 FS5 FS6 FS7 FS8 FS9 FS10 FS11 FT8 FT9 FT10 FT11")
	for i, n := range f {
		m[n] = "F" + strconv.Itoa(i)
	}
	return m
}

// reg returns the printed name of register r.
func (st *oracleStats) reg(r string) string {
	if a, ok := regAliases[st.arch][r]; ok {
		return a
	}
	if n, ok := strings.CutPrefix(r, "SPR"); ok && (st.arch == "ppc64" || st.arch == "ppc64le") {
		return "SPR(" + n + ")"
	}
	return r
}

// regString prints a register operand as cmd/internal/obj does.
func (st *oracleStats) regString(o *Operand) string {
	s := st.reg(o.Reg())
	if e := o.Ext(); e != "" {
		s += "." + e
	}
	if o.HasLane() {
		s += "[" + strconv.FormatInt(o.Lane(), 10) + "]"
	}
	if o.Shift() != 0 {
		s += o.Shift().String()
		if r := o.ShiftReg(); r != "" {
			s += st.reg(r)
		} else {
			s += strconv.FormatInt(o.ShiftAmt(), 10)
		}
	}
	return s
}

func isNumber(s string) bool {
	_, err := strconv.ParseInt(s, 10, 64)
	return err == nil
}

// memString prints a memory operand as cmd/internal/obj does (Dconv).
func (st *oracleStats) memString(pkg string, o *Operand) string {
	var b strings.Builder
	if o.Sym() != "" {
		b.WriteString(qualify(pkg, o.Sym()))
		if o.Static() {
			b.WriteString("<>")
		}
		if o.Val != 0 {
			fmt.Fprintf(&b, "%+d", o.Val)
		}
	} else if o.Val != 0 || o.Reg() == "" {
		fmt.Fprintf(&b, "%d", o.Val)
	}
	if o.Reg() != "" {
		fmt.Fprintf(&b, "(%s)", st.reg(o.Reg()))
	}
	if r := o.Reg2(); r != "" {
		// (R1+R2) on ppc64 is printed (R1)(R2).
		fmt.Fprintf(&b, "(%s)", st.reg(r))
	}
	if o.Index() != "" {
		idx := st.reg(o.Index())
		if e := o.IndexExt(); e != "" {
			idx += "." + e
		}
		if s := o.IndexShift(); s != 0 {
			idx += "<<" + strconv.FormatInt(s, 10)
		}
		if o.Scale != 0 {
			idx += "*" + strconv.Itoa(int(o.Scale))
		}
		fmt.Fprintf(&b, "(%s)", idx)
	}
	return b.String()
}

// qualify writes a symbol as the linker names it: "·f" is pkg.f,
// "a∕b·f" is a/b.f (cmd/asm/internal/asm/parse.go, qualifySymbol).
func qualify(pkg, sym string) string {
	if strings.HasPrefix(sym, "·") {
		sym = pkg + sym
	}
	sym = strings.ReplaceAll(sym, "·", ".")
	return strings.ReplaceAll(sym, "∕", "/")
}
