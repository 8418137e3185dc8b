package main

// The stub subcommand: print a TEXT skeleton for a Go declaration that
// loads every argument component and stores every result component,
// with the right width and mnemonic for the arch. See docs/abi.md.

import (
	"fmt"
	"go/types"
	"io"
	"strings"

	"github.com/asmcheck/asmcheck/abi"
)

const stubUsage = `usage: asmcheck stub [-arch list|all] [-json] [-pkg P] [-name F] TARGET

TARGET is PKG NAME, PKG.NAME or a signature 'func(...)' as for asmcheck abi;
a signature needs a name: 'func F(...)' or -name F. Methods cannot be
implemented in assembly (the compiler refuses body-less methods).
`

// moves are the mnemonics that move one scalar of a given size between
// memory and a register: a zero-extending load, a sign-extending load,
// and a store.
type moves struct{ load, loadSigned, store string }

// mv returns the moves of a size whose loads extend (zero, sign).
func mv(load, loadSigned, store string) moves { return moves{load, loadSigned, store} }

// same returns the moves of a size where one mnemonic does all three.
func same(op string) moves { return moves{op, op, op} }

// stubArch is what a stub needs to know about one GOARCH's assembler.
type stubArch struct {
	// ints are the integer moves by size (1, 2, 4 and, on 64-bit
	// arches, 8: 32-bit arches split 8-byte integers into halves).
	ints map[int]moves
	// floats are the floating-point moves by size (4, 8); nil where
	// floats move through integer registers (wasm, whose F registers
	// have no MOV forms).
	floats map[int]moves
	// intRegs and floatRegs are the registers a stub may use, in order:
	// none is reserved (stack pointer, g, REGTMP, closure context, link,
	// platform, TOC, zero, frame pointer, linker temporaries).
	intRegs, floatRegs []string
}

// regs returns prefix+n for each n.
func regs(prefix string, ns ...int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = fmt.Sprintf("%s%d", prefix, n)
	}
	return out
}

// span returns lo, lo+step, ... up to hi.
func span(lo, hi, step int) []int {
	var ns []int
	for n := lo; n <= hi; n += step {
		ns = append(ns, n)
	}
	return ns
}

// join concatenates lists of numbers.
func join(lists ...[]int) []int {
	var out []int
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// The per-arch stub data: mnemonics by size and usable registers. The
// reserved registers are those of cmd/compile/abi-internal.md and
// cmd/internal/obj/*/a.out.go (see also abi.Arch.FixedRegs); the
// tests assemble a stub for every arch with the real assembler.
var (
	stubAMD64 = &stubArch{
		ints:      map[int]moves{1: mv("MOVBQZX", "MOVBQSX", "MOVB"), 2: mv("MOVWQZX", "MOVWQSX", "MOVW"), 4: mv("MOVL", "MOVLQSX", "MOVL"), 8: same("MOVQ")},
		floats:    map[int]moves{4: same("MOVSS"), 8: same("MOVSD")},
		intRegs:   []string{"AX", "BX", "CX", "DX", "SI", "DI", "R8", "R9", "R10", "R11", "R12", "R13"}, // not BP, R14 (g), R15 (GOT under -dynlink)
		floatRegs: regs("X", span(0, 14, 1)...),                                                         // X15 is zero in ABIInternal
	}
	stub386 = &stubArch{
		ints:      map[int]moves{1: mv("MOVBLZX", "MOVBLSX", "MOVB"), 2: mv("MOVWLZX", "MOVWLSX", "MOVW"), 4: same("MOVL")},
		floats:    map[int]moves{4: same("MOVSS"), 8: same("MOVSD")},
		intRegs:   []string{"AX", "BX", "CX", "DX", "SI", "DI"},
		floatRegs: regs("X", span(0, 7, 1)...),
	}
	stubARM = &stubArch{
		ints:      map[int]moves{1: mv("MOVBU", "MOVB", "MOVB"), 2: mv("MOVHU", "MOVH", "MOVH"), 4: same("MOVW")},
		floats:    map[int]moves{4: same("MOVF"), 8: same("MOVD")},
		intRegs:   regs("R", join(span(0, 6, 1), span(8, 9, 1))...), // R7 closure, R10 g, R11 REGTMP
		floatRegs: regs("F", span(0, 14, 1)...),                     // F15 is FREGTMP
	}
	stubARM64 = &stubArch{
		ints:      map[int]moves{1: mv("MOVBU", "MOVB", "MOVB"), 2: mv("MOVHU", "MOVH", "MOVH"), 4: mv("MOVWU", "MOVW", "MOVW"), 8: same("MOVD")},
		floats:    map[int]moves{4: same("FMOVS"), 8: same("FMOVD")},
		intRegs:   regs("R", join(span(0, 15, 1), span(19, 25, 1))...), // R16-R18, R26-R30 are reserved
		floatRegs: regs("F", span(0, 31, 1)...),
	}
	stubMIPS = &stubArch{
		ints:      map[int]moves{1: mv("MOVBU", "MOVB", "MOVB"), 2: mv("MOVHU", "MOVH", "MOVH"), 4: same("MOVW")},
		floats:    map[int]moves{4: same("MOVF"), 8: same("MOVD")},
		intRegs:   regs("R", join(span(3, 21, 1), span(24, 25, 1))...), // R1, R2 runtime, R22 closure, R23 REGTMP
		floatRegs: regs("F", span(0, 30, 2)...),                        // a double takes an even/odd pair
	}
	stubMIPS64 = &stubArch{
		ints:      map[int]moves{1: mv("MOVBU", "MOVB", "MOVB"), 2: mv("MOVHU", "MOVH", "MOVH"), 4: mv("MOVWU", "MOVW", "MOVW"), 8: same("MOVV")},
		floats:    map[int]moves{4: same("MOVF"), 8: same("MOVD")},
		intRegs:   stubMIPS.intRegs,
		floatRegs: regs("F", span(0, 31, 1)...),
	}
	stubPPC64 = &stubArch{
		ints:      map[int]moves{1: mv("MOVBZ", "MOVB", "MOVB"), 2: mv("MOVHZ", "MOVH", "MOVH"), 4: mv("MOVWZ", "MOVW", "MOVW"), 8: same("MOVD")},
		floats:    map[int]moves{4: same("FMOVS"), 8: same("FMOVD")},
		intRegs:   regs("R", join(span(3, 10, 1), span(14, 19, 1), span(22, 29, 1))...), // R11-R13, R20, R21, R30, R31
		floatRegs: regs("F", span(0, 31, 1)...),
	}
	stubRISCV64 = &stubArch{
		ints:      map[int]moves{1: mv("MOVBU", "MOVB", "MOVB"), 2: mv("MOVHU", "MOVH", "MOVH"), 4: mv("MOVWU", "MOVW", "MOVW"), 8: same("MOV")},
		floats:    map[int]moves{4: same("MOVF"), 8: same("MOVD")},
		intRegs:   regs("X", join(span(10, 17, 1), span(8, 9, 1), span(18, 25, 1), span(5, 7, 1), span(28, 30, 1))...), // X26 closure, X27 g, X31 REGTMP
		floatRegs: regs("F", join(span(10, 17, 1), span(8, 9, 1), span(18, 31, 1), span(0, 7, 1))...),
	}
	stubS390X = &stubArch{
		ints:      map[int]moves{1: mv("MOVBZ", "MOVB", "MOVB"), 2: mv("MOVHZ", "MOVH", "MOVH"), 4: mv("MOVWZ", "MOVW", "MOVW"), 8: same("MOVD")},
		floats:    map[int]moves{4: same("FMOVS"), 8: same("FMOVD")},
		intRegs:   regs("R", span(1, 9, 1)...), // R0 zero, R10-R15 reserved
		floatRegs: regs("F", span(0, 15, 1)...),
	}
	stubLoong64 = &stubArch{
		ints:      map[int]moves{1: mv("MOVBU", "MOVB", "MOVB"), 2: mv("MOVHU", "MOVH", "MOVH"), 4: mv("MOVWU", "MOVW", "MOVW"), 8: same("MOVV")},
		floats:    map[int]moves{4: same("MOVF"), 8: same("MOVD")},
		intRegs:   regs("R", join(span(4, 19, 1), span(23, 28, 1))...), // R20, R21 duff, R22 g, R29 closure, R30, R31
		floatRegs: regs("F", span(0, 31, 1)...),
	}
	stubWasm = &stubArch{
		ints:    map[int]moves{1: same("MOVB"), 2: same("MOVH"), 4: same("MOVW"), 8: same("MOVD")},
		intRegs: regs("R", span(0, 15, 1)...),
	}
)

// stubArches is the stub data of every GOARCH.
var stubArches = map[string]*stubArch{
	"amd64": stubAMD64, "386": stub386, "arm": stubARM, "arm64": stubARM64,
	"mips": stubMIPS, "mipsle": stubMIPS, "mips64": stubMIPS64, "mips64le": stubMIPS64,
	"ppc64": stubPPC64, "ppc64le": stubPPC64, "riscv64": stubRISCV64, "s390x": stubS390X,
	"loong64": stubLoong64, "wasm": stubWasm,
}

// stubReport is one stub, in the shape -json prints.
type stubReport struct {
	Arch string `json:"arch"`
	Name string `json:"name"`
	// Signature is the Go declaration the stub implements.
	Signature string `json:"signature"`
	// Text is the TEXT line.
	Text    string `json:"text"`
	ArgSize int    `json:"argSize"`
	// Loads move the parameters into registers, Stores the results out.
	Loads  []stubMove `json:"loads"`
	Stores []stubMove `json:"stores"`
	// Skipped lists the components a stub cannot name.
	Skipped []stubSkip `json:"skipped,omitempty"`
	// Empty lists the results of size zero: there is nothing to store.
	Empty []string `json:"empty,omitempty"`
	// Asm is the whole stub, ready for a file named *_ARCH.s.
	Asm string `json:"asm"`
}

// stubSkip is a component a stub cannot load or store, and why.
type stubSkip struct {
	Ref string `json:"ref"`
	Why string `json:"why"`
}

// stubMove is one load or store of a stub.
type stubMove struct {
	Name   string `json:"name"`
	Ref    string `json:"ref"`
	Offset int    `json:"offset"`
	Size   int    `json:"size"`
	Type   string `json:"type"`
	Op     string `json:"op"`
	Reg    string `json:"reg"`
	Float  bool   `json:"float"`
	// Reused reports that Reg was handed out before: there are more
	// values than free registers.
	Reused bool `json:"reused,omitempty"`
}

// runStub is the stub subcommand; it returns the exit status.
func runStub(args []string, stdout, stderr io.Writer) int {
	opts, pos, err := parseABIFlags("stub", stubUsage, args, stderr)
	if err != nil {
		return usageError(stderr, err)
	}
	t, err := parseTarget(pos, opts)
	if err != nil {
		return usageError(stderr, err)
	}
	var stubs []*stubReport
	status := 0
	for _, arch := range opts.arches {
		s, err := stubFor(t, arch)
		if err != nil {
			fmt.Fprintf(stderr, "asmcheck: %s: %v\n", arch.Name, err)
			status = 2
			continue
		}
		stubs = append(stubs, s)
	}
	printStubs(stdout, stubs, opts.json)
	return status
}

// printStubs prints the stubs as assembly or JSON.
func printStubs(w io.Writer, stubs []*stubReport, asJSON bool) {
	if asJSON {
		if stubs == nil {
			stubs = []*stubReport{}
		}
		writeJSON(w, stubs)
		return
	}
	for i, s := range stubs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprint(w, s.Asm)
	}
}

// stubFor resolves the target for arch and builds its stub.
func stubFor(t *target, arch *abi.Arch) (*stubReport, error) {
	fn, err := t.resolve(arch)
	if err != nil {
		return nil, err
	}
	switch {
	case fn.method():
		return nil, fmt.Errorf("%s is a method: the compiler does not accept a method without a body, so it cannot be written in assembly; "+
			"declare a function that takes the receiver as its first argument", fn.name)
	case fn.name == "":
		return nil, fmt.Errorf("the signature has no name: write 'func F(...)' or use -name F")
	case !isIdent(fn.name):
		return nil, fmt.Errorf("bad function name %q", fn.name)
	}
	return buildStub(fn, arch)
}

// isIdent reports whether s is a Go identifier.
func isIdent(s string) bool {
	_, err := parseFuncName(s)
	return err == nil && !strings.ContainsAny(s, ".()")
}

// regAlloc hands out the registers of a stubArch in order, and wraps
// around when they run out.
type regAlloc struct {
	sa         *stubArch
	nInt, nFlt int
}

// next returns the next register of the class, and whether it was
// handed out before.
func (ra *regAlloc) next(float bool) (string, bool) {
	list, n := ra.sa.intRegs, &ra.nInt
	if float {
		list, n = ra.sa.floatRegs, &ra.nFlt
	}
	r := list[*n%len(list)]
	*n++
	return r, *n > len(list)
}

// buildStub builds the stub of fn on arch.
func buildStub(fn *function, arch *abi.Arch) (*stubReport, error) {
	sa := stubArches[arch.Name]
	if sa == nil {
		return nil, fmt.Errorf("no stub data for %s", arch.Name)
	}
	f, err := abi.NewFrame(fn.sig, arch)
	if err != nil {
		return nil, err
	}
	s := &stubReport{Arch: arch.Name, Name: fn.name, Signature: fn.decl(), Text: textLine(fn, f), ArgSize: f.ArgSize}
	typ := f.Types(fn.sig)
	ra := &regAlloc{sa: sa}
	for _, sc := range f.Scalars(fn.sig) {
		if err := s.addMove(f, sc, typ, fn.qual, ra); err != nil {
			return nil, err
		}
	}
	for _, r := range f.Results {
		if r.Size == 0 {
			s.Empty = append(s.Empty, fmt.Sprintf("%s+%d(FP)", r.Name, r.Offset))
		}
	}
	s.Asm = stubText(s)
	return s, nil
}

// addMove adds the load of a parameter scalar or the store of a result
// scalar, or records why it has none.
func (s *stubReport) addMove(f *abi.Frame, sc abi.Scalar, typ map[*abi.Var]types.Type, qual types.Qualifier, ra *regAlloc) error {
	v, sa := sc.Var, ra.sa
	ref := fmt.Sprintf("%s+%d(FP)", v.Name, v.Offset)
	if why := unusableName(f, v); why != "" {
		s.Skipped = append(s.Skipped, stubSkip{Ref: ref, Why: why})
		return nil
	}
	m := stubMove{Name: v.Name, Ref: ref, Offset: v.Offset, Size: v.Size, Type: varType(v, typ, qual), Float: sc.Float && sa.floats != nil}
	if sc.Float && !m.Float {
		m.Type += ", as its bits (no floating-point MOV on " + f.Arch.Name + ")"
	}
	mvs, ok := sa.movesFor(m.Float, v.Size)
	if !ok {
		return fmt.Errorf("no %d-byte move on %s for %s", v.Size, f.Arch.Name, ref)
	}
	m.Reg, m.Reused = ra.next(m.Float)
	switch {
	case v.Result:
		m.Op = mvs.store
		s.Stores = append(s.Stores, m)
	case sc.Signed:
		m.Op = mvs.loadSigned
		s.Loads = append(s.Loads, m)
	default:
		m.Op = mvs.load
		s.Loads = append(s.Loads, m)
	}
	return nil
}

// unusableName says why assembly cannot name v, or returns "".
func unusableName(f *abi.Frame, v *abi.Var) string {
	if f.Lookup(v.Name) != v {
		return "a later value of the same name hides it (several _ parameters)"
	}
	return nameProblem(f.Arch.Name, v.Name)
}

// movesFor returns the moves of a scalar.
func (sa *stubArch) movesFor(float bool, size int) (moves, bool) {
	if float {
		m, ok := sa.floats[size]
		return m, ok
	}
	m, ok := sa.ints[size]
	return m, ok
}

// stubText renders the stub as assembly.
func stubText(s *stubReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "// asmcheck stub for GOARCH=%s: put it in a file whose name ends in _%s.s.\n", s.Arch, s.Arch)
	b.WriteString("#include \"textflag.h\"\n\n")
	fmt.Fprintf(&b, "// %s\n", s.Signature)
	b.WriteString(s.Text + "\n")
	for _, skip := range s.Skipped {
		fmt.Fprintf(&b, "\t// Not loaded or stored: %s: %s.\n", skip.Ref, skip.Why)
	}
	for _, e := range s.Empty {
		fmt.Fprintf(&b, "\t// %s is empty (0 bytes): there is nothing to store.\n", e)
	}
	lines := make([][2]string, 0, len(s.Loads)+len(s.Stores))
	for _, m := range s.Loads {
		lines = append(lines, [2]string{fmt.Sprintf("%s %s, %s", m.Op, m.Ref, m.Reg), moveComment(m)})
	}
	writeAligned(&b, lines)
	b.WriteString("\t// " + todo(s) + "\n")
	lines = lines[:0]
	for _, m := range s.Stores {
		lines = append(lines, [2]string{fmt.Sprintf("%s %s, %s", m.Op, m.Reg, m.Ref), moveComment(m)})
	}
	writeAligned(&b, lines)
	b.WriteString("\tRET\n")
	return b.String()
}

// moveComment is the comment of a load or store: the type it moves.
func moveComment(m stubMove) string {
	if m.Reused {
		return m.Type + " (out of registers: " + m.Reg + " is reused)"
	}
	return m.Type
}

// todo is the comment where the body goes.
func todo(s *stubReport) string {
	if len(s.Stores) == 0 {
		return "TODO: the body."
	}
	var regs []string
	for _, m := range s.Stores {
		regs = append(regs, m.Reg)
	}
	return "TODO: compute the results into " + strings.Join(regs, ", ") + "."
}

// writeAligned writes instructions with their comments in one column.
func writeAligned(b *strings.Builder, lines [][2]string) {
	width := 0
	for _, l := range lines {
		width = max(width, len(l[0]))
	}
	for _, l := range lines {
		fmt.Fprintf(b, "\t%-*s // %s\n", width, l[0], l[1])
	}
}
