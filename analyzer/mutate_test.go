package analyzer

import (
	"flag"
	"fmt"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/asmparse"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// The mutation test measures what asmcheck catches in real code: it
// takes GOROOT's correct assembly, puts one known bug into one function
// (an FP offset 8 off, an argument size 8 off, a RET removed, a result
// write removed, a load too narrow, NO_LOCAL_POINTERS removed, an SP
// adjustment removed or misaligned, a GLOBL too small or without NOPTR,
// a NOSPLIT frame over the linker's budget, a write to BP, g or a saved
// slot), checks the package again, and counts the mutation caught when
// a diagnostic of the check that owns the rule appears in that function
// that the unchanged package did not have. Each class cites the rule it
// breaks (docs/checks/…); the test fails on any miss not listed in
// mutationExceptions with its reason.
//
// It mutates every site of every std package with linux assembly, for
// the 13 GOARCHes with assembly (about 7,200 mutations of 27 classes,
// 25–40 s; the checks of the frame, and so their classes, are amd64's and
// arm64's only); -mutate.arches picks GOARCHes, -mutate picks
// packages and -mutate.sites caps the sites of one class in one file:
//
//	go test ./analyzer -run Mutations -v -mutate=runtime,math/big -mutate.sites=3
//
// -mutate.dir runs it on a module instead (exploration: its misses are
// not reviewed), a copy of it from the module cache:
//
//	dir=$(go mod download -json golang.org/x/crypto@v0.31.0 | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
//	cp -r "$dir" /tmp/m && chmod -R u+w /tmp/m
//	go test ./analyzer -run Mutations -v -mutate.dir=/tmp/m -mutate.arches=amd64,arm64
var (
	mutatePkgs   = flag.String("mutate", "", "std packages for TestMutations (comma-separated); empty: all with assembly")
	mutateSites  = flag.Int("mutate.sites", 0, "most mutations of one class in one file (0: all)")
	mutateDir    = flag.String("mutate.dir", "", "a module's directory whose packages TestMutations mutates instead of GOROOT's (a copy: go.sum may be written)")
	mutateArches = flag.String("mutate.arches", "amd64,arm64,386,arm,ppc64,ppc64le,riscv64,s390x,loong64,mips,mipsle,mips64,mips64le",
		"GOARCHes for TestMutations (linux), comma-separated")
)

// A mutation is one bug put into a file.
type mutation struct {
	class string // the kind of bug (mutationClasses)
	file  string
	fn    string // the TEXT symbol of the function changed
	line  int    // the line changed (1-based)
	edits []edit
	// lo, hi bound the lines of the function (TEXT line through the
	// line before the next TEXT): a diagnostic for it must fall there.
	lo, hi int
}

// An edit replaces src[off:end] with text.
type edit struct {
	off, end int
	text     string
}

// mutationClasses maps each class to the checks that own its rule.
var mutationClasses = map[string][]string{
	"fpoffset":      {"fpoffset"},
	"argsize":       {"argsize"},
	"falloff":       {"falloff"},
	"results":       {"results"},
	"fpwidth":       {"fpwidth"},
	"stackmap":      {"stackmap"},
	"spbalance":     {"spbalance"},
	"spalign":       {"spalign"},
	"data-size":     {"data"},
	"data-noptr":    {"data"},
	"nosplit":       {"nosplit"},
	"framepointer":  {"framepointer"},
	"reserved-g":    {"reserved"},
	"spslot":        {"spslot"},
	"vzeroupper":    {"vzeroupper"},
	"spbalance-pop": {"spbalance"},
	"noframe":       {"noframe"},
	"spwrite":       {"spwrite"},
	"calleesaved":   {"calleesaved"},
	"reserved-r14":  {"reserved"},
	"syscallregs":   {"syscallregs"},
	"callargs":      {"callargs"},
	"spalign-and":   {"spalign"},
	"data-overlap":  {"data"},
	"abiinternal":   {"abiinternal"},
	"textflag":      {"textflag"},
	"fpstale":       {"fpstale"},
}

// classCap caps the sites of a class in one file where every site is
// alike and there are thousands (DATA lines, TEXT flags).
var classCap = map[string]int{"data-overlap": 3, "textflag": 2}

// everyArch are the classes whose checks run on every GOARCH.
var everyArch = map[string]bool{"fpoffset": true, "argsize": true, "falloff": true, "results": true, "fpwidth": true,
	"data-size": true, "data-noptr": true, "data-overlap": true, "textflag": true}

// mutationExceptions are mutations the checks rightly stay silent on,
// by "class file:function", with the reason (mutationSilences).
var mutationExceptions = func() map[string]string {
	m := map[string]string{}
	for _, g := range mutationSilences {
		for _, k := range g.keys {
			m[k] = g.why
		}
	}
	return m
}()

// mutationSilences groups the mutations that are rightly not reported
// by why: on amd64 and arm64 (the default run), and on the other arches
// of -mutate.arches (the declaration checks, falloff and data).
var mutationSilences = []struct {
	why  string
	keys []string
}{
	// The path ends before the RET that was removed.
	{"exit_group does not return", []string{
		"falloff sys_linux_amd64.s:runtime·exit", "falloff sys_linux_arm64.s:runtime·exit",
		"falloff sys_linux_386.s:runtime·exit", "falloff sys_linux_386.s:exit1",
		"falloff sys_linux_loong64.s:runtime·exit", "falloff sys_linux_mips64x.s:runtime·exit",
		"falloff sys_linux_ppc64x.s:runtime·exit", "falloff sys_linux_riscv64.s:runtime·exit",
		"falloff sys_linux_s390x.s:runtime·exit"}},
	{"rt_sigreturn does not return", []string{"falloff sys_linux_386.s:runtime·sigreturn__sigaction"}},
	{"ends in a call of runtime·abort, which does not return", []string{
		"falloff asm_amd64.s:runtime·morestack", "falloff asm_386.s:runtime·morestack", "falloff asm_arm.s:runtime·morestack"}},
	{"UNDEF comes first; the call after it is unreachable", []string{
		"falloff asm_amd64.s:runtime·systemstack_switch", "falloff asm_arm64.s:runtime·systemstack_switch",
		"falloff asm_loong64.s:runtime·systemstack_switch", "falloff asm_mips64x.s:runtime·systemstack_switch",
		"falloff asm_mipsx.s:runtime·systemstack_switch", "falloff asm_ppc64x.s:runtime·systemstack_switch",
		"falloff asm_riscv64.s:runtime·systemstack_switch", "falloff asm_s390x.s:runtime·systemstack_switch"}},
	{"ends in a call of a Go function that panics (panicBounds64, panicBounds32, panicBounds32X)", []string{
		"falloff asm_amd64.s:runtime·panicBounds", "falloff asm_arm64.s:runtime·panicBounds",
		"falloff asm_386.s:runtime·panicBounds", "falloff asm_386.s:runtime·panicExtend",
		"falloff asm_arm.s:runtime·panicBounds", "falloff asm_arm.s:runtime·panicExtend",
		"falloff asm_loong64.s:runtime·panicBounds", "falloff asm_mips64x.s:runtime·panicBounds",
		"falloff asm_mipsx.s:runtime·panicBounds", "falloff asm_mipsx.s:runtime·panicExtend",
		"falloff asm_ppc64x.s:runtime·panicBounds", "falloff asm_s390x.s:runtime·panicBounds"}},
	{"ends in a trap (INT $3, TW $31), which asmcheck takes as the end of the path", []string{
		"falloff asm_386.s:runtime·breakpoint", "falloff asm_ppc64x.s:runtime·breakpoint",
		"falloff asm_ppc64x.s:runtime·debugCallPanicked"}},
	{"ends in a store to a constant address, the runtime's deliberate crash", []string{
		"falloff duff_s390x.s:runtime·duffzero", "falloff duff_s390x.s:runtime·duffcopy",
		"falloff memmove_s390x.s:memmove_exrl_mvc", "falloff gcm_s390x.s:·cryptBlocksGCM"}},
	{"the block is reached only under GO386_softfloat", []string{"falloff memclr_386.s:runtime·memclrNoHeapPointers"}},
	{"never returns (INT $3, then a loop)", []string{"framepointer asm_amd64.s:runtime·abort"}},
	{"never returns (exit, then INT $3)", []string{"framepointer sys_linux_amd64.s:runtime·exitThread"}},
	{"never returns (rt_sigreturn, then INT $3)", []string{"framepointer sys_linux_amd64.s:runtime·sigreturn__sigaction"}},
	// Raw bytes or instructions asmcheck does not know: taken on trust
	// at the end of a path, counted as writing every result, and making
	// the checks that follow SP or BP through a function skip it.
	{"ends in raw bytes (BYTE, WORD), taken on trust (docs/checks/falloff.md)", []string{
		"falloff asm_amd64.s:runtime·breakpoint", "falloff asm_amd64.s:runtime·debugCallPanicked",
		"falloff asm_arm.s:runtime·breakpoint", "falloff asm_riscv64.s:runtime·rt0_go"}},
	{"CPUCFG written as a WORD, which may write anything", []string{"results cpu_loong64.s:·get_cpucfg"}},
	{"BYTE $0xcc before the RET", []string{"framepointer asm_amd64.s:runtime·breakpoint"}},
	{"the function is a signature of raw bytes", []string{
		"framepointer sig_amd64.s:·BoringCrypto", "framepointer sig_amd64.s:·StandardCrypto", "framepointer sig_amd64.s:·FIPSOnly"}},
	{"BYTE $0xcc (debugger traps) in the function", []string{
		"spslot asm_amd64.s:runtime·debugCallV2", "spslot asm_amd64.s:runtime·debugCallPanicked",
		"fpstale asm_amd64.s:runtime·debugCallPanicked"}},
	// An address of the frame in a register, and a store, call or
	// system call that may write through it: the results may have been
	// written.
	{"SP is kept in a register across a call of C", []string{
		"results sys_linux_amd64.s:runtime·callCgoSigaction", "results sys_linux_amd64.s:runtime·callCgoMmap",
		"results sys_linux_386.s:runtime·callCgoSigaction", "results sys_linux_ppc64x.s:runtime·callCgoSigaction",
		"results asm_loong64.s:·asmcgocall", "results asm_mips64x.s:·asmcgocall", "results asm_mipsx.s:·asmcgocall"}},
	{"LEAQ 0(SP), AX, and stores through registers", []string{"results scan_amd64.s:·scanSpanPackedAVX512"}},
	{"the address of the results goes to the kernel, which writes them", []string{"results sys_linux_ppc64x.s:runtime·pipe2"}},
	// What the checks do not judge.
	{"SP comes from g0's saved SP: its alignment is not known", []string{"spalign asm_arm64.s:runtime·mcall"}},
	{"calls only runtime·reflectcallmove, a //go:nosplit Go function the check does not judge", []string{
		"stackmap asm_amd64.s:callRet", "stackmap asm_arm64.s:callRet"}},
	{"its calls into Go go through a register (to bypass the nosplit check), which the check does not judge", []string{
		"stackmap asm_amd64.s:·cgocallback", "stackmap asm_arm64.s:·cgocallback"}},
	{"its only call is through a register (CALL (DX))", []string{"stackmap func_amd64.s:·AsmFunc"}},
	{"entered from C or the OS, whose SP alignment at entry asmcheck does not assume", []string{
		"spalign-and asm_amd64.s:_rt0_amd64_lib", "spalign-and asm_amd64.s:runtime·rt0_go"}},
	{"the call is to asmcgocall_landingpad, assembly of the package, which then jumps to the C function", []string{
		"spalign-and asm_amd64.s:·asmcgocall_no_g", "spalign-and asm_amd64.s:·asmcgocall"}},
	{"SP comes from g0's saved SP before the vDSO call: its alignment is not known", []string{
		"spalign-and sys_linux_amd64.s:runtime·nanotime1", "spalign-and time_linux_amd64.s:time·now"}},
	{"the C function's address comes in an argument (fn+8(FP))", []string{"spalign-and sys_linux_amd64.s:runtime·sigfwd"}},
	{"the symbol has no GLOBL (GOROOT's reviewed misspelling, _rt0_s90x_lib_argv), which is reported already", []string{
		"data-overlap asm_s390x.s:_rt0_s90x_lib_argv"}},
}

func TestMutations(t *testing.T) {
	if testing.Short() {
		t.Skip("checks GOROOT packages many times")
	}
	var pkgs []string
	if *mutatePkgs != "" {
		pkgs = strings.Split(*mutatePkgs, ",")
	}
	type tally struct{ tried, caught, silent int }
	tallies := map[string]*tally{}
	var missed []string
	for _, arch := range strings.Split(*mutateArches, ",") {
		list := pkgs
		if list == nil && *mutateDir != "" {
			list = []string{"./..."}
		} else if list == nil {
			list = asmStdPackages(t, arch)
		}
		loaded := loadForMutation(t, arch, list)
		// The checks read the target from the environment, as under go vet.
		t.Setenv("GOARCH", arch)
		t.Setenv("GOOS", "linux")
		for _, pkg := range loaded {
			base, err := mutationRun(pkg)
			if err != nil {
				t.Errorf("%s %s: %v", arch, pkg.PkgPath, err)
				continue
			}
			for _, name := range pkg.OtherFiles {
				if !strings.HasSuffix(name, ".s") {
					continue
				}
				src, err := os.ReadFile(name)
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range mutationsOf(pkg, arch, name, src) {
					tl := tallies[arch+" "+m.class]
					if tl == nil {
						tl = &tally{}
						tallies[arch+" "+m.class] = tl
					}
					tl.tried++
					readOverlay = map[string][]byte{name: m.apply(src)}
					got, err := mutationRun(pkg)
					readOverlay = nil
					if err != nil {
						t.Errorf("%s: %v", m, err)
						continue
					}
					if caught(m, base, got) {
						tl.caught++
						continue
					}
					key := m.class + " " + filepath.Base(m.file) + ":" + m.fn
					if _, ok := mutationExceptions[key]; ok {
						tl.silent++
						continue
					}
					missed = append(missed, fmt.Sprintf("%s %s (%s)\n\tnew: %s", arch, m, key, newDiags(base, got)))
				}
			}
		}
	}
	var keys []string
	for k := range tallies {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		tl := tallies[k]
		t.Logf("%-20s %4d mutations: %4d reported, %2d rightly silent (mutationExceptions)", k, tl.tried, tl.caught, tl.silent)
	}
	for _, m := range missed {
		t.Errorf("missed: %s", m)
	}
}

func (m mutation) String() string {
	return fmt.Sprintf("%s:%d: %s in %s", filepath.Base(m.file), m.line, m.class, m.fn)
}

// apply returns src with m's edits made.
func (m mutation) apply(src []byte) []byte {
	es := slices.Clone(m.edits)
	sort.Slice(es, func(i, j int) bool { return es[i].off > es[j].off })
	out := slices.Clone(src)
	for _, e := range es {
		out = slices.Concat(out[:e.off], []byte(e.text), out[e.end:])
	}
	return out
}

// A mdiag is a diagnostic as the mutation test compares them.
type mdiag struct {
	category, file string
	line           int
	msg            string
}

// mutationRun runs every check on pkg.
func mutationRun(pkg *packages.Package) ([]mdiag, error) {
	g, err := checker.Analyze(All, []*packages.Package{pkg}, nil)
	if err != nil {
		return nil, err
	}
	var out []mdiag
	for act := range g.All() {
		if !act.IsRoot {
			continue
		}
		if act.Err != nil {
			return nil, act.Err
		}
		for _, d := range act.Diagnostics {
			p := pkg.Fset.Position(d.Pos)
			out = append(out, mdiag{d.Category, p.Filename, p.Line, d.Message})
		}
	}
	return out, nil
}

// caught reports whether got has a diagnostic that base has not, of a
// check that owns m's class, in m's function.
func caught(m mutation, base, got []mdiag) bool {
	for _, d := range got {
		if slices.Contains(base, d) || d.file != m.file || d.line < m.lo || d.line > m.hi {
			continue
		}
		if slices.Contains(mutationClasses[m.class], d.category) {
			return true
		}
	}
	return false
}

// newDiags describes the diagnostics in got that base has not.
func newDiags(base, got []mdiag) string {
	var l []string
	for _, d := range got {
		if !slices.Contains(base, d) {
			l = append(l, fmt.Sprintf("%s:%d %s: %s", filepath.Base(d.file), d.line, d.category, d.msg))
		}
	}
	if len(l) == 0 {
		return "none"
	}
	return strings.Join(l, "\n\t     ")
}

// asmStdPackages lists the std packages with assembly for linux/arch.
func asmStdPackages(t *testing.T, arch string) []string {
	cmd := exec.Command("go", "list", "-f", "{{if .SFiles}}{{.ImportPath}}{{end}}", "std")
	cmd.Dir = filepath.Join(runtime.GOROOT(), "src")
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH="+arch, "CGO_ENABLED=0")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	return strings.Fields(string(out))
}

// loadForMutation loads pkgs, type-checked from source, for linux/arch.
func loadForMutation(t *testing.T, arch string, pkgs []string) []*packages.Package {
	dir := filepath.Join(runtime.GOROOT(), "src")
	if *mutateDir != "" {
		dir = *mutateDir
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir,
		Env: append(os.Environ(), "GOOS=linux", "GOARCH="+arch, "CGO_ENABLED=0", "GOFLAGS=-mod=mod", "GOWORK=off")}
	loaded, err := packages.Load(cfg, pkgs...)
	if err != nil {
		t.Fatal(err)
	}
	var out []*packages.Package
	for _, p := range loaded {
		if len(p.Errors) > 0 {
			if *mutateDir == "" {
				t.Fatalf("%s %s: %v", arch, p.PkgPath, p.Errors[0])
			}
			t.Logf("%s %s: skipped: %v", arch, p.PkgPath, p.Errors[0])
			continue
		}
		if !slices.ContainsFunc(p.OtherFiles, func(n string) bool { return strings.HasSuffix(n, ".s") }) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// mutationsOf returns the mutations of the file name (text src) of pkg.
func mutationsOf(pkg *packages.Package, arch, name string, src []byte) []mutation {
	fset := token.NewFileSet()
	f, _ := asmparse.ParseFile(fset, name, src, &asmparse.Config{GOARCH: arch, GOOS: "linux",
		Includer: &asmparse.DirIncluder{Virtual: map[string][]byte{"go_asm.h": nil}}})
	if f == nil || f.Arch != arch {
		return nil
	}
	a := abi.ArchFor(arch)
	ms := &mutator{pkg: pkg, arch: arch, a: a, f: f, fset: fset, src: src, name: name, count: map[string]int{}}
	var texts []int
	for i := range f.Stmts {
		if f.Stmts[i].Op == "TEXT" {
			texts = append(texts, i)
		}
	}
	for k, ti := range texts {
		end := len(f.Stmts)
		if k+1 < len(texts) {
			end = texts[k+1]
		}
		ms.function(ti, end)
	}
	ms.data()
	return ms.out
}

// A mutator finds the sites of each class in one file.
type mutator struct {
	pkg   *packages.Package
	arch  string
	a     *abi.Arch
	f     *asmparse.File
	fset  *token.FileSet
	src   []byte
	name  string
	count map[string]int // mutations made, by class
	out   []mutation

	// The function being mutated.
	fn       string
	fr       *abi.Frame // its Go declaration's frame, or nil
	lo, hi   int        // its lines
	stmts    []asmparse.Stmt
	first    int // the index of its TEXT statement in f.Stmts
	frameVal int64
	frameOK  bool
}

// off returns the offset in the file of pos, or -1 if pos is not in the
// file itself.
func (m *mutator) off(pos token.Pos) int {
	o := int(pos - m.f.Base)
	if pos < m.f.Base || o >= len(m.src) {
		return -1
	}
	return o
}

func (m *mutator) line(pos token.Pos) int { return m.fset.Position(pos).Line }

// add records a mutation of class at pos if the class has sites left in
// this file.
func (m *mutator) add(class string, pos token.Pos, edits ...edit) {
	if *mutateSites > 0 && m.count[class] >= *mutateSites || classCap[class] > 0 && m.count[class] >= classCap[class] {
		return
	}
	if m.arch != "amd64" && m.arch != "arm64" && !everyArch[class] {
		return // the checks of the frame are modeled on amd64 and arm64 only
	}
	m.count[class]++
	m.out = append(m.out, mutation{class: class, file: m.name, fn: m.fn, line: m.line(pos), edits: edits, lo: m.lo, hi: m.hi})
}

// opSpan returns the offsets of the operand o in the file, if it is
// written there as its Text.
func (m *mutator) opSpan(o *asmparse.Operand) (int, int, bool) {
	off := m.off(o.Pos)
	if off < 0 || off+len(o.Text) > len(m.src) || string(m.src[off:off+len(o.Text)]) != o.Text {
		return 0, 0, false
	}
	return off, off + len(o.Text), true
}

// stmtSpan returns the offsets of statement s in the file, from its
// mnemonic through its last operand, if it is written there.
func (m *mutator) stmtSpan(s *asmparse.Stmt) (int, int, bool) {
	if s.Exp != nil {
		return 0, 0, false
	}
	off := m.off(s.Pos)
	mn := s.Mnemonic()
	if off < 0 || !strings.HasPrefix(string(m.src[off:]), mn) {
		return 0, 0, false
	}
	end := off + len(mn)
	if n := len(s.Args); n > 0 {
		_, e, ok := m.opSpan(&s.Args[n-1])
		if !ok {
			return 0, 0, false
		}
		end = e
	}
	return off, end, true
}

// localName returns the Go name of the TEXT symbol sym if it is one of
// the package's.
func (m *mutator) localName(sym string) string {
	i := strings.Index(sym, "·")
	if i < 0 {
		return ""
	}
	q := strings.ReplaceAll(sym[:i], "∕", "/")
	if q != "" && q != m.pkg.PkgPath && q != m.pkg.Name {
		return ""
	}
	return sym[i+len("·"):]
}

// frameOf returns the ABI0 frame of the Go declaration of the package's
// TEXT symbol sym, or nil if there is none.
func (m *mutator) frameOf(sym string) *abi.Frame {
	name := m.localName(sym)
	if name == "" {
		return nil
	}
	fn, ok := m.pkg.Types.Scope().Lookup(name).(*types.Func)
	if !ok {
		return nil
	}
	fr, err := abi.NewFrame(fn.Type().(*types.Signature), m.a)
	if err != nil {
		return nil
	}
	return fr
}

func (m *mutator) function(ti, end int) {
	f := m.f
	text := &f.Stmts[ti]
	if text.Exp != nil || len(text.Args) < 2 {
		return
	}
	m.fn = text.Args[0].Sym()
	m.fr = nil
	// The declaration checks read ABI0 frames; an <ABIInternal> function
	// takes its arguments in registers (the abiinternal check).
	if text.Args[0].ABI() == "" {
		m.fr = m.frameOf(m.fn)
	}
	m.lo = m.line(text.Pos)
	m.hi = m.line(text.Pos) + 1<<20
	if end < len(f.Stmts) {
		m.hi = m.line(f.Stmts[end].Pos) - 1
	}
	m.stmts = f.Stmts[ti:end]
	m.first = ti
	size := &text.Args[len(text.Args)-1]
	m.frameOK = size.Kind == asmparse.TextSizeOp && size.Unresolved() == ""
	m.frameVal = size.Val
	flags := ""
	if len(text.Args) == 3 {
		flags = text.Args[1].Text
	}
	m.fpOffset()
	m.argSize(size)
	m.fallOff()
	m.results()
	m.fpWidth()
	m.stackmap()
	m.spBalance()
	m.spAlign()
	m.nosplit(size, flags)
	m.callArgs(size)
	m.textFlag(text)
	m.appended(text, flags)
	m.vzeroupper()
	m.popBeforeRET()
	m.syscallRegs()
	m.alignBeforeC()
	m.staleFP(text)
}

// staleFP moves SP by 16 after the TEXT line and back before the first
// RET, around reads of the arguments by name, which the assembler does
// not correct for such SP arithmetic (fpstale).
func (m *mutator) staleFP(text *asmparse.Stmt) {
	if m.arch != "amd64" && m.arch != "arm64" || m.fr == nil {
		return
	}
	_, end, ok := m.stmtSpan(text)
	if !ok {
		return
	}
	sub, add := "SUBQ $16, SP", "ADDQ $16, SP"
	if m.arch == "arm64" {
		sub, add = "SUB $16, RSP", "ADD $16, RSP"
	}
	reads := false
	for i := 1; i < len(m.stmts); i++ {
		s := &m.stmts[i]
		if s.Op == "RET" {
			a, _, ok := m.stmtSpan(s)
			if !ok || !reads || len(m.f.StmtLabels(m.first+i)) > 0 {
				return
			}
			m.add("fpstale", s.Pos, edit{end, end, "; " + sub}, edit{a, a, add + "; "})
			return
		}
		if terminators[s.Op] || s.Op == "CALL" || s.Op == "BL" || len(m.f.StmtLabels(m.first+i)) > 0 {
			return // keep to straight-line code before the RET
		}
		for j := range s.Args {
			if o := &s.Args[j]; o.Kind == asmparse.MemOp && o.Reg() == "FP" {
				reads = true
			}
		}
	}
}

// alignBeforeC removes the ANDQ $~15, SP that aligns SP for a C call
// on amd64: spalign.
func (m *mutator) alignBeforeC() {
	if m.arch != "amd64" {
		return
	}
	m.nopFirst("spalign-and", func(_ int, s *asmparse.Stmt) bool {
		return s.Op == "ANDQ" && len(s.Args) == 2 && s.Args[0].Text == "$~15" && s.Args[1].Reg() == "SP"
	})
}

// textFlag adds NOPTR, a flag of data, to a TEXT's flags: textflag.
func (m *mutator) textFlag(text *asmparse.Stmt) {
	if len(text.Args) != 3 || !strings.Contains(text.Args[1].Text, "NOSPLIT") {
		return // NOSPLIT: textflag.h is included
	}
	_, b, ok := m.opSpan(&text.Args[1])
	if !ok {
		return
	}
	m.add("textflag", text.Pos, edit{b, b, "|NOPTR"})
}

// callArgs makes the frame of a function that calls a Go function of
// its package 8 bytes too small for the callee's arguments and results:
// callargs.
func (m *mutator) callArgs(size *asmparse.Operand) {
	if !m.frameOK || m.frameVal <= 0 || !strings.HasPrefix(size.Text, "$"+strconv.FormatInt(m.frameVal, 10)) {
		return
	}
	n := len("$" + strconv.FormatInt(m.frameVal, 10))
	if len(size.Text) > n && size.Text[n] != '-' {
		return
	}
	need := 0
	for i := range m.stmts {
		s := &m.stmts[i]
		if s.Op != "CALL" && s.Op != "BL" || len(s.Args) != 1 || s.Args[0].ABI() != "" {
			continue
		}
		if fr := m.frameOf(s.Args[0].Sym()); fr != nil {
			need = max(need, fr.ArgSize)
		}
	}
	// The area must be the largest callee's exactly: a frame with room
	// to spare stays large enough 8 bytes smaller.
	if need == 0 || int64(need) != m.frameVal {
		return
	}
	a, _, ok := m.opSpan(size)
	if !ok {
		return
	}
	m.add("callargs", size.Pos, edit{a, a + n, "$" + strconv.FormatInt(m.frameVal-8, 10)})
}

// syscallRegs reads CX right after a SYSCALL on amd64, where the kernel
// has left the return address: syscallregs.
func (m *mutator) syscallRegs() {
	if m.arch != "amd64" {
		return
	}
	for i := range m.stmts {
		s := &m.stmts[i]
		if s.Op != "SYSCALL" {
			continue
		}
		_, end, ok := m.stmtSpan(s)
		if !ok {
			continue
		}
		m.add("syscallregs", s.Pos, edit{end, end, "; CMPQ CX, $0"})
		return
	}
}

// vzeroupper removes a VZEROUPPER just before a RET: vzeroupper. Only
// in a function that names a YMM or ZMM register: VEX-encoded 128-bit
// instructions zero the upper halves, and leave nothing to clear
// (x/crypto's blake2b hashBlocksAVX clears them anyway).
func (m *mutator) vzeroupper() {
	if m.mentionsWide() {
		m.beforeRET("vzeroupper", "VZEROUPPER")
	}
}

// popBeforeRET removes a POPQ just before a RET on amd64, leaving what it
// would have popped on the stack: spbalance.
func (m *mutator) popBeforeRET() {
	if m.arch == "amd64" {
		m.beforeRET("spbalance-pop", "POPQ")
	}
}

// beforeRET replaces the first op just before a RET with NOP, as a
// mutation of class.
func (m *mutator) beforeRET(class, op string) {
	m.nopFirst(class, func(i int, s *asmparse.Stmt) bool { return s.Op == op && m.justBeforeRET(i) })
}

// justBeforeRET reports whether statement i of the function, unlabelled,
// is followed by a RET.
func (m *mutator) justBeforeRET(i int) bool {
	return i+1 < len(m.stmts) && m.stmts[i+1].Op == "RET" && len(m.f.StmtLabels(m.first+i)) == 0
}

// nopFirst replaces the first statement of the function that match
// accepts, and that is written in the file, with NOP, as a mutation of
// class.
func (m *mutator) nopFirst(class string, match func(i int, s *asmparse.Stmt) bool) {
	for i := range m.stmts {
		s := &m.stmts[i]
		if !match(i, s) {
			continue
		}
		if a, b, ok := m.stmtSpan(s); ok {
			m.add(class, s.Pos, edit{a, b, "NOP"})
			return
		}
	}
}

// fpOffset moves the first name+off(FP) reference of the function 8
// bytes: fpoffset (asmdecl's "invalid offset").
func (m *mutator) fpOffset() {
	if m.fr == nil {
		return
	}
	for i := range m.stmts {
		s := &m.stmts[i]
		for j := range s.Args {
			o := &s.Args[j]
			if o.Kind != asmparse.MemOp || o.Reg() != "FP" || o.Sym() == "" {
				continue
			}
			v := m.fr.Lookup(o.Sym())
			if v == nil || int64(v.Offset) != o.Val || o.Text != fmt.Sprintf("%s+%d(FP)", o.Sym(), o.Val) {
				continue
			}
			a, b, ok := m.opSpan(o)
			if !ok {
				continue
			}
			m.add("fpoffset", o.Pos, edit{a, b, fmt.Sprintf("%s+%d(FP)", o.Sym(), o.Val+8)})
			return
		}
	}
}

// argSize makes the argument size of $frame-args 8 too large: argsize.
func (m *mutator) argSize(size *asmparse.Operand) {
	// Only a size that is right now (a NOSPLIT function may write $0-0
	// for any size, as go vet allows).
	if m.fr == nil || !size.HasArgs() || size.Args() != int64(m.fr.ArgSize) {
		return
	}
	suffix := "-" + strconv.FormatInt(size.Args(), 10)
	if !strings.HasSuffix(size.Text, suffix) {
		return
	}
	a, b, ok := m.opSpan(size)
	if !ok {
		return
	}
	m.add("argsize", size.Pos, edit{a, b, strings.TrimSuffix(size.Text, suffix) + "-" + strconv.FormatInt(size.Args()+8, 10)})
}

// terminators are the mnemonics after which execution does not go on to
// the next instruction.
var terminators = map[string]bool{"RET": true, "JMP": true, "B": true, "UNDEF": true, "BR": true, "RETFL": true, "RETFQ": true}

// fallOff removes the function's final RET when the instruction before
// it is not itself a terminator: falloff.
func (m *mutator) fallOff() {
	n := len(m.stmts)
	if n < 3 {
		return
	}
	last, prev := &m.stmts[n-1], &m.stmts[n-2]
	if last.Op != "RET" || len(last.Args) != 0 || terminators[prev.Op] || len(m.f.StmtLabels(m.first+n-1)) > 0 {
		return
	}
	// A branch to n(PC) that lands on the RET would land past the end,
	// which the assembler rejects.
	for i := range m.stmts {
		for j := range m.stmts[i].Args {
			if o := &m.stmts[i].Args[j]; o.Kind == asmparse.MemOp && o.Reg() == "PC" && i+int(o.Val) >= n-1 {
				return
			}
		}
	}
	a, b, ok := m.stmtSpan(last)
	if !ok {
		return
	}
	m.add("falloff", last.Pos, edit{a, b, ""})
}

// results removes the only write of a result (a MOV into it, the
// function's one reference to it): results.
func (m *mutator) results() {
	if m.fr == nil || len(m.fr.Results) == 0 {
		return
	}
	refs := map[*abi.Var]int{}
	var writes []*asmparse.Stmt
	var writeOf []*abi.Var
	for i := range m.stmts {
		s := &m.stmts[i]
		if s.Op != "TEXT" && (terminators[s.Op] || s.Op == "CALL" || s.Op == "BL") && len(s.Args) > 0 && s.Args[0].Sym() != "" {
			return // a tail call or a call may write results another way
		}
		for j := range s.Args {
			o := &s.Args[j]
			if (o.Kind != asmparse.MemOp && o.Kind != asmparse.AddrOp) || o.Reg() != "FP" {
				continue
			}
			if o.Kind == asmparse.AddrOp || strings.HasPrefix(s.Op, "LEA") {
				return // the address of the arguments is taken
			}
			v := m.fr.At(int(o.Val))
			if v == nil || !v.Result {
				continue
			}
			refs[v]++
			if j == len(s.Args)-1 && (strings.HasPrefix(s.Op, "MOV") || strings.HasPrefix(s.Op, "FMOV")) && s.Exp == nil {
				writes = append(writes, s)
				writeOf = append(writeOf, v)
			}
		}
	}
	for k, s := range writes {
		v := writeOf[k]
		// A whole result: a store of one half of a 64-bit result on a
		// 32-bit arch (ret_lo) leaves the other, which counts as writing
		// it (docs/checks/results.md).
		if refs[v] != 1 || len(v.Inner) > 0 || m.fr.Lookup(v.Name) != v || !slices.Contains(m.fr.Results, v) {
			continue
		}
		a, b, ok := m.stmtSpan(s)
		if !ok {
			continue
		}
		m.add("results", s.Pos, edit{a, b, "NOP"})
		return
	}
}

// fpWidth narrows the first 8-byte load of an argument into a general
// register to 4 bytes: fpwidth.
func (m *mutator) fpWidth() {
	if m.fr == nil {
		return
	}
	wide, narrow := "MOVQ", "MOVL"
	if m.arch == "arm64" {
		wide, narrow = "MOVD", "MOVW"
	}
	for i := range m.stmts {
		s := &m.stmts[i]
		if s.Op != wide || s.Suffix() != "" || len(s.Args) != 2 || s.Args[0].Kind != asmparse.MemOp || s.Args[0].Reg() != "FP" || s.Args[1].Kind != asmparse.RegOp {
			continue
		}
		if r := s.Args[1].Reg(); strings.HasPrefix(r, "X") || strings.HasPrefix(r, "F") || strings.HasPrefix(r, "V") {
			continue
		}
		v := m.fr.At(int(s.Args[0].Val))
		if v == nil || v.Size != 8 || int64(v.Offset) != s.Args[0].Val || v.Float {
			continue
		}
		a, _, ok := m.stmtSpan(s)
		if !ok {
			continue
		}
		m.add("fpwidth", s.Pos, edit{a, a + len(wide), narrow})
		return
	}
}

// stackmap removes a NO_LOCAL_POINTERS line: stackmap.
func (m *mutator) stackmap() {
	for i := range m.stmts {
		s := &m.stmts[i]
		if s.Exp == nil || s.Exp.Parent != nil || s.Exp.Macro.Name != "NO_LOCAL_POINTERS" {
			continue
		}
		off := m.off(s.Exp.Use)
		if off < 0 || !strings.HasPrefix(string(m.src[off:]), "NO_LOCAL_POINTERS") {
			return
		}
		m.add("stackmap", s.Exp.Use, edit{off, off + len("NO_LOCAL_POINTERS"), ""})
		return
	}
}

// spReg is the name of the hardware stack pointer as written.
func (m *mutator) spReg() string {
	if m.arch == "arm64" {
		return "RSP"
	}
	return "SP"
}

// spAdjust reports whether s is ADD or SUB (op) of a constant to the
// hardware SP, and the constant.
func (m *mutator) spAdjust(s *asmparse.Stmt, op string) (int64, bool) {
	if m.arch == "amd64" {
		op += "Q"
	}
	if s.Op != op || s.Suffix() != "" || len(s.Args) != 2 || s.Args[0].Kind != asmparse.ImmOp || s.Args[1].Kind != asmparse.RegOp || s.Args[1].Reg() != m.spReg() {
		return 0, false
	}
	return s.Args[0].Val, true
}

// spBalance removes the SP adjustment that undoes another just before a
// RET: spbalance.
func (m *mutator) spBalance() {
	m.nopFirst("spbalance", func(i int, s *asmparse.Stmt) bool {
		_, ok := m.spAdjust(s, "ADD")
		return ok && m.justBeforeRET(i)
	})
}

// spAlign moves SP by 8 bytes less at a SUB of a multiple of 16 from RSP
// on arm64, and at each ADD of the same constant: spalign.
func (m *mutator) spAlign() {
	if m.arch != "arm64" {
		return
	}
	for i := range m.stmts {
		s := &m.stmts[i]
		n, ok := m.spAdjust(s, "SUB")
		if !ok || n < 16 || n%16 != 0 {
			continue
		}
		var edits []edit
		for j := range m.stmts {
			t := &m.stmts[j]
			k, sub := m.spAdjust(t, "SUB")
			if !sub {
				k, _ = m.spAdjust(t, "ADD")
			}
			if k != n {
				continue
			}
			a, b, ok := m.opSpan(&t.Args[0])
			if !ok || t.Args[0].Text != "$"+strconv.FormatInt(n, 10) {
				return
			}
			edits = append(edits, edit{a, b, "$" + strconv.FormatInt(n-8, 10)})
		}
		m.add("spalign", s.Pos, edits...)
		return
	}
}

// nosplit gives a NOSPLIT function a frame over the linker's budget for
// a chain of NOSPLIT functions (cmd/link/internal/ld/stackcheck.go): nosplit.
func (m *mutator) nosplit(size *asmparse.Operand, flags string) {
	if !strings.Contains(flags, "NOSPLIT") || strings.Contains(flags, "NOFRAME") || !m.frameOK || !strings.HasPrefix(size.Text, "$"+strconv.FormatInt(m.frameVal, 10)) {
		return
	}
	a, _, ok := m.opSpan(size)
	if !ok {
		return
	}
	n := len("$" + strconv.FormatInt(m.frameVal, 10))
	if len(size.Text) > n && size.Text[n] != '-' {
		return
	}
	m.add("nosplit", size.Pos, edit{a, a + n, "$1600"})
}

// appended adds one instruction at the start of the function, after the
// TEXT statement on its line: a write to BP in a function without a
// frame (framepointer), to g outside the runtime on arm64 (reserved), to
// the saved BP or LR slot of a function with a frame (spslot), and to
// R19 in a function entered from C on arm64 (calleesaved).
func (m *mutator) appended(text *asmparse.Stmt, flags string) {
	_, end, ok := m.stmtSpan(text)
	if !ok || !m.frameOK {
		return
	}
	at := func(class, ins string) {
		m.add(class, text.Pos, edit{end, end, "; " + ins})
	}
	// Entries from C must keep C's callee-saved registers: a write
	// before anything saves them (calleesaved).
	if gorootCEntry.MatchString(m.fn) {
		if m.arch == "amd64" {
			at("calleesaved", "MOVQ $0, BX")
		} else {
			at("calleesaved", "MOVD ZR, R19")
		}
	}
	// An <ABIInternal> function gets its arguments in registers: its
	// first argument read by name (abiinternal).
	if text.Args[0].ABI() == "ABIInternal" {
		if fr := m.frameOf(m.fn); fr != nil && len(fr.Params) > 0 && fr.Params[0].Size == m.a.PtrSize && !fr.Params[0].Float {
			load, tmp := "MOVQ", "R12"
			if m.arch == "arm64" {
				load, tmp = "MOVD", "R20"
			}
			at("abiinternal", fmt.Sprintf("%s %s+%d(FP), %s", load, fr.Params[0].Name, fr.Params[0].Offset, tmp))
		}
	}
	// ABIInternal code must return with g in R14 (reserved).
	if m.arch == "amd64" && text.Args[0].ABI() == "ABIInternal" && m.returns() && !m.mentionsReg("R14") {
		at("reserved-r14", "XORL R14, R14")
	}
	if strings.Contains(flags, "NOFRAME") {
		// A call in a NOFRAME function overwrites LR, which nothing
		// saved: its RET returns to itself (noframe).
		if m.arch == "arm64" && m.returns() && !m.calls() {
			at("noframe", "BL ·mutationCallee(SB)")
		}
		return
	}
	switch m.arch {
	case "amd64":
		if m.frameVal == 0 && !m.mentionsReg("BP") && !m.calls() {
			at("framepointer", "MOVQ $0, BP")
		}
		if m.frameVal > 0 {
			at("spslot", fmt.Sprintf("MOVQ $0, %d(SP)", m.frameVal))
		}
		// An SP write makes the function SPWRITE, which the runtime's
		// traceback refuses to unwind through at a call that reaches a
		// safe point (spwrite).
		if m.frameVal > 0 && m.callsGo() {
			at("spwrite", "MOVQ SP, R11; MOVQ R11, SP")
		}
	case "arm64":
		if m.pkg.PkgPath != "runtime" && !strings.HasPrefix(m.pkg.PkgPath, "runtime/") {
			at("reserved-g", "MOVD ZR, g")
		}
		if m.frameVal > 0 {
			at("spslot", "MOVD ZR, 0(RSP)")
		}
	}
}

// gorootCEntry matches the TEXT symbols of GOROOT's functions that C code
// enters: signal handlers, cgo's crosscall2, the c-shared entries.
var gorootCEntry = regexp.MustCompile(`sigtramp|Sigtramp|crosscall2|_rt0_.*_lib$|NonGoWrapper`)

// wideReg matches a YMM or ZMM register.
var wideReg = regexp.MustCompile(`\b[YZ]([0-9]|[12][0-9]|3[01])\b`)

// mentionsWide reports whether an operand of the function names a YMM or
// ZMM register.
func (m *mutator) mentionsWide() bool {
	for i := range m.stmts {
		for j := range m.stmts[i].Args {
			if wideReg.MatchString(m.stmts[i].Args[j].Text) {
				return true
			}
		}
	}
	return false
}

// mentionsReg reports whether an operand of the function names reg.
func (m *mutator) mentionsReg(reg string) bool {
	for i := range m.stmts {
		for j := range m.stmts[i].Args {
			if strings.Contains(m.stmts[i].Args[j].Text, reg) {
				return true
			}
		}
	}
	return false
}

// returns reports whether the function has a RET.
func (m *mutator) returns() bool {
	for i := range m.stmts {
		if m.stmts[i].Op == "RET" {
			return true
		}
	}
	return false
}

// callsGo reports whether the function calls a Go function of its own
// package by name (·f, not a runtime helper).
func (m *mutator) callsGo() bool {
	for i := range m.stmts {
		s := &m.stmts[i]
		if s.Op == "CALL" && len(s.Args) == 1 && strings.HasPrefix(s.Args[0].Sym(), "·") {
			return true
		}
	}
	return false
}

// calls reports whether the function has a CALL: the assembler then
// saves BP even in a $0 frame, and a write of BP after the prologue is
// undone by the epilogue.
func (m *mutator) calls() bool {
	for i := range m.stmts {
		if op := m.stmts[i].Op; op == "CALL" || op == "BL" {
			return true
		}
	}
	return false
}

// data makes a GLOBL 8 bytes smaller than the DATA that fills it, and
// drops NOPTR from a static symbol's GLOBL: data.
func (m *mutator) data() {
	ends := map[string]int64{}
	for i := range m.f.Stmts {
		s := &m.f.Stmts[i]
		if s.Op == "DATA" && len(s.Args) == 2 && s.Args[0].Kind == asmparse.MemOp {
			ends[s.Args[0].Sym()] = max(ends[s.Args[0].Sym()], s.Args[0].Val+s.Args[0].Args())
		}
	}
	// A DATA written twice on its line overlaps itself (data).
	for i := range m.f.Stmts {
		s := &m.f.Stmts[i]
		if s.Op != "DATA" || s.Exp != nil || len(s.Args) != 2 || m.count["data-overlap"] >= classCap["data-overlap"] {
			continue
		}
		a, b, ok := m.stmtSpan(s)
		if !ok || strings.Contains(string(m.src[a:b]), "//") {
			continue
		}
		m.fn, m.lo, m.hi = s.Args[0].Sym(), 0, 1<<30
		m.add("data-overlap", s.Pos, edit{b, b, "; " + string(m.src[a:b])})
	}
	for i := range m.f.Stmts {
		s := &m.f.Stmts[i]
		if s.Op != "GLOBL" || s.Exp != nil || len(s.Args) != 3 {
			continue
		}
		sym, flags, size := &s.Args[0], &s.Args[1], &s.Args[2]
		// DATA past the end is reported where it is written.
		m.fn, m.lo, m.hi = sym.Sym(), 0, 1<<30
		if size.Kind == asmparse.ImmOp && size.Val >= 16 && ends[sym.Sym()] == size.Val && size.Text == "$"+strconv.FormatInt(size.Val, 10) {
			if a, b, ok := m.opSpan(size); ok {
				m.add("data-size", s.Pos, edit{a, b, "$" + strconv.FormatInt(size.Val-8, 10)})
			}
		}
		if sym.Static() && (flags.Text == "NOPTR" || flags.Text == "NOPTR|DUPOK" || flags.Text == "DUPOK|NOPTR") {
			if a, b, ok := m.opSpan(flags); ok {
				repl := "0"
				if flags.Text != "NOPTR" {
					repl = "DUPOK"
				}
				m.add("data-noptr", s.Pos, edit{a, b, repl})
			}
		}
	}
}
