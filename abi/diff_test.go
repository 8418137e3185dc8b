package abi

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// diffProgram returns a package main that declares one function per
// signature. Each function stores every parameter to a global and sets
// every result from a global, then calls side: after that call no value
// is left in a register, so with -N the return sequence loads each
// register result from its stack home, and the entry spills store every
// register parameter to its spill slot.
func diffProgram(g *sigGen, sigs []genSig) string {
	var b strings.Builder
	b.WriteString("package main\n\nimport \"unsafe\"\n\nvar _ unsafe.Pointer\n\n")
	for _, d := range g.decls {
		b.WriteString(d + "\n")
	}
	b.WriteString("\n//go:noinline\nfunc side() {}\n\nfunc main() {}\n")
	for i, s := range sigs {
		name := fmt.Sprintf("f%d", i)
		var body strings.Builder
		for k, t := range s.params {
			fmt.Fprintf(&b, "var sink%d_%d %s\n", i, k, t)
			fmt.Fprintf(&body, "\tsink%d_%d = p%d\n", i, k, k)
		}
		for k, t := range s.results {
			fmt.Fprintf(&b, "var glob%d_%d %s\n", i, k, t)
			fmt.Fprintf(&body, "\tr%d = glob%d_%d\n", k, i, k)
		}
		fmt.Fprintf(&b, "\n//go:noinline\n%s {\n%s\tside()\n\treturn\n}\n\n", s.source(name), body.String())
	}
	return b.String()
}

// checkProgram type-checks src and returns the signature of each
// function by name.
func checkProgram(t *testing.T, src string) map[string]*types.Signature {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: noImporter{}}
	pkg, err := conf.Check(f.Name.Name, fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sigs := map[string]*types.Signature{}
	for _, name := range pkg.Scope().Names() {
		if fn, ok := pkg.Scope().Lookup(name).(*types.Func); ok {
			sigs[name] = fn.Type().(*types.Signature)
		}
	}
	return sigs
}

// compileListing compiles src for goarch with -S -N -l and returns the
// listing.
func compileListing(t *testing.T, goarch, src string) string {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "x.go")
	if err := os.WriteFile(file, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "tool", "compile", "-S", "-N", "-l", "-p", "main", "-o", filepath.Join(dir, "x.o"), file)
	cmd.Dir = dir // outside this module, whose go.mod others may be editing
	goos := "linux"
	if goarch == "wasm" {
		goos = "js"
	}
	cmd.Env = append(os.Environ(), "GOARCH="+goarch, "GOOS="+goos)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("compile for %s: %v\n%s", goarch, err, out)
	}
	return string(out)
}

// compiledFunc is what the -S listing says about one function.
type compiledFunc struct {
	frame, args int
	// refs are the offsets of every reference to a parameter or
	// result, by name: argument-area offsets (arg true) or offsets in
	// the local frame (arg false, comparable only to each other).
	refs map[string][]frameRef
	// spills are stores of registers into parameters (the entry spills).
	spills map[string][]regRef
	// loads are the result components held in registers at the end of
	// the return sequence (after the last call of side).
	loads map[string][]regRef
	// origin maps a register to the argument register whose entry value
	// it holds, while scanning the entry.
	origin map[string]string
}

type frameRef struct {
	off int
	arg bool
}

type regRef struct {
	reg  string
	ref  frameRef
	name string
}

var (
	reFuncHead = regexp.MustCompile(`^main\.(f\d+) STEXT`)
	reInstr    = regexp.MustCompile(`^\t0x[0-9a-f]+ \d+ \([^)]*\)\t(\S+)\t?(.*)$`)
	reText     = regexp.MustCompile(`\$(-?\d+)-(\d+)$`)
	reMem      = regexp.MustCompile(`^main\.([pr]\d+)([+-]\d+)?\((SP|FP|R1)\)$`)
	reAnyMem   = regexp.MustCompile(`\$?main\.([pr]\d+)([+-]\d+)?\((SP|FP|R1)\)`)
	rePair     = regexp.MustCompile(`^\((\w+), (\w+)\)$`)
	reReg      = regexp.MustCompile(`^[A-Z][A-Z0-9]*$`)
)

// x86ByteRegs maps the byte-register spellings of the listing to the
// full registers.
var x86ByteRegs = map[string]string{
	"AL": "AX", "BL": "BX", "CL": "CX", "DL": "DX", "SIB": "SI", "DIB": "DI",
	"R8B": "R8", "R9B": "R9", "R10B": "R10", "R11B": "R11",
}

// parseListing extracts the functions f0, f1... from a -S listing.
func parseListing(arch *Arch, listing string) map[string]*compiledFunc {
	funcs := map[string]*compiledFunc{}
	var cur *compiledFunc
	var lines [][]string
	flush := func() {
		if cur != nil {
			cur.scan(arch, lines)
		}
		cur, lines = nil, nil
	}
	for _, line := range strings.Split(listing, "\n") {
		if m := reFuncHead.FindStringSubmatch(line); m != nil {
			flush()
			cur = &compiledFunc{refs: map[string][]frameRef{}, spills: map[string][]regRef{}, loads: map[string][]regRef{}, origin: map[string]string{}}
			funcs[m[1]] = cur
			continue
		}
		if !strings.HasPrefix(line, "\t") {
			flush()
			continue
		}
		if m := reInstr.FindStringSubmatch(line); m != nil && cur != nil {
			lines = append(lines, m[1:])
		}
	}
	flush()
	return funcs
}

// scan reads the instructions of one function.
func (c *compiledFunc) scan(arch *Arch, instrs [][]string) {
	lastSide := -1
	for i, in := range instrs {
		if strings.Contains(in[1], "main.side(SB)") {
			lastSide = i
		}
	}
	held := map[string]regRef{}
	for i, in := range instrs {
		op, args := in[0], in[1]
		if op == "TEXT" {
			m := reText.FindStringSubmatch(args)
			c.frame, _ = strconv.Atoi(m[1])
			c.args, _ = strconv.Atoi(m[2])
			continue
		}
		for _, m := range reAnyMem.FindAllStringSubmatch(args, -1) {
			c.refs[m[1]] = append(c.refs[m[1]], c.ref(arch, m[2], m[3]))
		}
		c.scanMove(arch, op, args, i > lastSide, held)
	}
	for _, rr := range held {
		c.loads[rr.name] = append(c.loads[rr.name], rr)
	}
}

// ref converts a listing offset to a frameRef. The listings spell
// frame references differently per arch:
//   - arm, arm64, loong64, mips*, s390x: name+off(FP) is an argument
//     offset, name-off(SP) a local;
//   - ppc64: name+off(R1) with off >= 0 is an argument offset, negative
//     offsets are locals;
//   - riscv64: both (SP) and (FP) print the offset from the hardware SP,
//     where the arguments start after the frame, the saved LR and the
//     fixed frame (frame+16);
//   - 386, amd64: (SP) offsets past the frame and the return address are
//     arguments.
func (c *compiledFunc) ref(arch *Arch, off, base string) frameRef {
	n, _ := strconv.Atoi(strings.TrimPrefix(off, "+"))
	switch {
	case arch.Name == "riscv64":
		return argIfAbove(n, c.frame+16)
	case base == "FP":
		return frameRef{off: n, arg: true}
	case base == "R1":
		return argIfAbove(n, 0)
	case !arch.LR:
		return argIfAbove(n, c.frame+arch.PtrSize)
	}
	return frameRef{off: n}
}

// argIfAbove is an argument reference at n-start if n >= start, else a
// local one.
func argIfAbove(n, start int) frameRef {
	if n >= start {
		return frameRef{off: n - start, arg: true}
	}
	return frameRef{off: n}
}

// scanMove records register stores into parameters, and, after the
// last call of side, which result component each register holds: a load
// from a result puts it in the register, a register-to-register move
// transfers it (ppc64 loads an int8 into R3 and sign-extends it into
// R5).
func (c *compiledFunc) scanMove(arch *Arch, op, args string, afterSide bool, held map[string]regRef) {
	ops := splitOperands(args)
	if len(ops) == 3 {
		c.scanMultiple(arch, op, ops, afterSide, held)
		return
	}
	if len(ops) != 2 {
		return
	}
	if m := reMem.FindStringSubmatch(ops[1]); m != nil && m[1][0] == 'p' {
		c.spills[m[1]] = append(c.spills[m[1]], c.origins(c.regRefs(arch, op, ops[0], m))...)
	}
	if !afterSide {
		c.trackOrigin(ops)
		return
	}
	if m := reMem.FindStringSubmatch(ops[0]); m != nil && m[1][0] == 'r' {
		for _, rr := range c.regRefs(arch, op, ops[1], m) {
			held[rr.reg] = rr
		}
	} else if from, ok := held[normReg(ops[0])]; ok && reReg.MatchString(ops[1]) {
		delete(held, normReg(ops[0]))
		from.reg = normReg(ops[1])
		held[from.reg] = from
	}
}

// trackOrigin follows register copies before the body: s390x copies
// the argument registers into R1, R2... before a store multiple. A copy
// passes on the source's origin; any other write to a register (a load)
// gives it back its own identity, as the morestack path reloads every
// argument register.
func (c *compiledFunc) trackOrigin(ops []string) {
	dst := normReg(ops[1])
	if !reReg.MatchString(dst) {
		return
	}
	if src := normReg(ops[0]); reReg.MatchString(src) {
		c.origin[dst] = c.originOf(src)
		return
	}
	delete(c.origin, dst)
}

// originOf returns the argument register whose entry value reg holds.
func (c *compiledFunc) originOf(reg string) string {
	if o, ok := c.origin[reg]; ok {
		return o
	}
	return reg
}

// origins maps stored registers to the registers they were copied from.
func (c *compiledFunc) origins(refs []regRef) []regRef {
	for i := range refs {
		refs[i].reg = c.originOf(refs[i].reg)
	}
	return refs
}

// scanMultiple handles s390x's store and load multiple: "STMG Ra, Rb,
// mem" and "LMG mem, Ra, Rb" move Ra..Rb to or from consecutive
// doublewords, STMY and LMY to or from words.
func (c *compiledFunc) scanMultiple(arch *Arch, op string, ops []string, afterSide bool, held map[string]regRef) {
	step := 8
	if strings.HasSuffix(op, "Y") {
		step = 4
	}
	switch op {
	case "STMG", "STMY":
		if m := reMem.FindStringSubmatch(ops[2]); m != nil && m[1][0] == 'p' {
			c.spills[m[1]] = append(c.spills[m[1]], c.origins(c.regRange(arch, ops[0], ops[1], m, step))...)
		}
	case "LMG", "LMY":
		if m := reMem.FindStringSubmatch(ops[0]); m != nil && m[1][0] == 'r' && afterSide {
			for _, rr := range c.regRange(arch, ops[1], ops[2], m, step) {
				held[rr.reg] = rr
			}
		}
	}
}

// regRange pairs the registers Rlo..Rhi with consecutive slots of step
// bytes from the slot of mem.
func (c *compiledFunc) regRange(arch *Arch, lo, hi string, mem []string, step int) []regRef {
	a, errA := strconv.Atoi(strings.TrimPrefix(lo, "R"))
	b, errB := strconv.Atoi(strings.TrimPrefix(hi, "R"))
	if errA != nil || errB != nil {
		return nil
	}
	ref := c.ref(arch, mem[2], mem[3])
	var out []regRef
	for r := a; r <= b; r++ {
		out = append(out, regRef{reg: "R" + strconv.Itoa(r), ref: ref, name: mem[1]})
		ref.off += step
	}
	return out
}

// regRefs pairs the register operand(s) of a move with memory slots.
func (c *compiledFunc) regRefs(arch *Arch, op, regs string, mem []string) []regRef {
	ref := c.ref(arch, mem[2], mem[3])
	if m := rePair.FindStringSubmatch(regs); m != nil {
		step := 8
		if strings.HasSuffix(op, "W") || strings.HasSuffix(op, "S") {
			step = 4
		}
		second := ref
		second.off += step
		return []regRef{{normReg(m[1]), ref, mem[1]}, {normReg(m[2]), second, mem[1]}}
	}
	if !reReg.MatchString(regs) {
		return nil
	}
	return []regRef{{normReg(regs), ref, mem[1]}}
}

// normReg maps listing register spellings to the names Arch uses.
func normReg(r string) string {
	if full, ok := x86ByteRegs[r]; ok {
		return full
	}
	return r
}

// splitOperands splits "a, (b, c)" at top-level commas.
func splitOperands(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, ch := range s {
		switch ch {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// base returns the lowest reference to name.
func (c *compiledFunc) base(name string) (frameRef, bool) {
	refs := c.refs[name]
	if len(refs) == 0 {
		return frameRef{}, false
	}
	b := refs[0]
	for _, r := range refs[1:] {
		if r.arg == b.arg && r.off < b.off {
			b = r
		}
	}
	return b, true
}

// regMap renders register moves relative to base as "off:reg ...".
func regMap(moves []regRef, base int) string {
	parts := make([]string, len(moves))
	for i, m := range moves {
		parts[i] = fmt.Sprintf("%d:%s", m.ref.off-base, m.reg)
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

// pieceMap renders the expected pieces as "off:reg ...".
func pieceMap(pieces []RegPiece) string {
	parts := make([]string, len(pieces))
	for i, p := range pieces {
		parts[i] = fmt.Sprintf("%d:%s", p.Offset, p.Reg)
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

// compareAssignment checks one value of an Assignment against the
// listing and returns the differences.
func (c *compiledFunc) compareValue(a *ArgAssignment) []string {
	var diffs []string
	moves := c.spills[a.Name]
	if a.Result {
		moves = c.loads[a.Name]
	}
	b, ok := c.base(a.Name)
	switch {
	case a.InRegs():
		if got, want := regMap(moves, b.off), pieceMap(a.Regs); got != want {
			diffs = append(diffs, fmt.Sprintf("%s registers: compiler %q, ours %q", a.Name, got, want))
		}
		if !a.Result && (!ok || !b.arg || b.off != a.SpillOffset) {
			diffs = append(diffs, fmt.Sprintf("%s spill slot: compiler %+v, ours %d", a.Name, b, a.SpillOffset))
		}
	default:
		if len(moves) > 0 {
			diffs = append(diffs, fmt.Sprintf("%s: compiler uses registers %s, ours stack", a.Name, regMap(moves, b.off)))
		}
		if a.Size > 0 && (!ok || !b.arg || b.off != a.Offset) {
			diffs = append(diffs, fmt.Sprintf("%s stack slot: compiler %+v, ours %d", a.Name, b, a.Offset))
		}
	}
	return diffs
}

// compareAssignment checks a whole Assignment against the listing.
func (c *compiledFunc) compareAssignment(as *Assignment) []string {
	var diffs []string
	for _, v := range append(append([]*ArgAssignment{}, as.Params...), as.Results...) {
		diffs = append(diffs, c.compareValue(v)...)
	}
	if c.args != as.ArgSize {
		diffs = append(diffs, fmt.Sprintf("args size: compiler %d, ours %d", c.args, as.ArgSize))
	}
	return diffs
}

// compareFrame checks an ABI0 Frame against the listing of a function
// compiled for a stack-only arch.
func (c *compiledFunc) compareFrame(f *Frame) []string {
	var diffs []string
	for _, v := range append(append([]*Var{}, f.Params...), f.Results...) {
		if len(c.spills[v.Name])+len(c.loads[v.Name]) > 0 {
			diffs = append(diffs, v.Name+": compiler uses registers")
		}
		if b, ok := c.base(v.Name); v.Size > 0 && (!ok || !b.arg || b.off != v.Offset) {
			diffs = append(diffs, fmt.Sprintf("%s: compiler %+v, ours %d", v.Name, b, v.Offset))
		}
	}
	if c.args != f.CompilerArgSize() {
		diffs = append(diffs, fmt.Sprintf("args size: compiler %d, ours %d (unrounded %d)", c.args, f.CompilerArgSize(), f.ArgSize))
	}
	return diffs
}

var (
	flagN    = flag.Int("abi.n", 300, "number of random signatures for the differential ABI tests")
	flagSeed = flag.Int64("abi.seed", 1, "seed of the random signatures for the differential ABI tests")
)

// diffCase is a generated program, its signatures and their sources.
type diffCase struct {
	src  string
	sigs map[string]*types.Signature
	text []string
}

func newDiffCase(t *testing.T) *diffCase {
	g := newSigGen(*flagSeed)
	gen := make([]genSig, *flagN)
	text := make([]string, *flagN)
	for i := range gen {
		gen[i] = g.sig()
		text[i] = gen[i].source(fmt.Sprintf("f%d", i))
	}
	src := diffProgram(g, gen)
	return &diffCase{src: src, sigs: checkProgram(t, src), text: text}
}

// run compiles the case for goarch and calls check for every function.
func (d *diffCase) run(t *testing.T, goarch string, check func(*compiledFunc, *types.Signature) []string) {
	arch := ArchFor(goarch)
	funcs := parseListing(arch, compileListing(t, goarch, d.src))
	compared := 0
	for i, text := range d.text {
		name := fmt.Sprintf("f%d", i)
		c := funcs[name]
		if c == nil {
			t.Fatalf("%s: not in the listing", name)
		}
		for _, diff := range check(c, d.sigs[name]) {
			t.Errorf("%s: %s: %s", goarch, text, diff)
		}
		compared++
	}
	t.Logf("%s: compared %d signatures (seed %d) with the compiler's -S -N -l listing", goarch, compared, *flagSeed)
}

// TestABIInternalDifferential generates random signatures, compiles them
// with the real compiler (go tool compile -S -N -l, GOOS=linux) for every
// register-ABI arch (amd64, arm64, ppc64, ppc64le, riscv64, loong64,
// s390x), and checks that AssignABIInternal agrees with the listing: the
// registers of every parameter (the entry spills store each register into
// its slot), the registers of every result (what each register holds
// after the return sequence, which must load every result after a call
// has clobbered all registers), every spill slot and stack slot, and the
// argument size of the TEXT line.
//
// With the defaults (-abi.n=300 -abi.seed=1) it compares 300 signatures
// per arch, 2100 in all. Runs with -abi.n=3000 -abi.seed=42 and
// -abi.n=3000 -abi.seed=7 (21000 assignments each, about three minutes)
// also pass.
func TestABIInternalDifferential(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the compiler")
	}
	d := newDiffCase(t)
	for _, goarch := range []string{"amd64", "arm64", "ppc64", "ppc64le", "riscv64", "loong64", "s390x"} {
		t.Run(goarch, func(t *testing.T) {
			t.Parallel()
			d.run(t, goarch, func(c *compiledFunc, sig *types.Signature) []string {
				as, err := AssignABIInternal(sig, ArchFor(goarch))
				if err != nil {
					return []string{err.Error()}
				}
				return c.compareAssignment(as)
			})
		})
	}
}

// TestABI0Differential does the same for the stack-only arches, where Go
// functions themselves use ABI0: every parameter and result must be at
// its Frame offset, and the compiler's argument size must be ArgSize
// rounded to RegSize.
func TestABI0Differential(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the compiler")
	}
	d := newDiffCase(t)
	for _, goarch := range []string{"386", "arm", "mips", "mips64"} {
		t.Run(goarch, func(t *testing.T) {
			t.Parallel()
			d.run(t, goarch, func(c *compiledFunc, sig *types.Signature) []string {
				f, err := NewFrame(sig, ArchFor(goarch))
				if err != nil {
					return []string{err.Error()}
				}
				return c.compareFrame(f)
			})
		})
	}
}
