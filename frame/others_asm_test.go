package frame

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"go/token"
	"math/bits"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/arch/arm/armasm"
	"golang.org/x/arch/loong64/loong64asm"
	"golang.org/x/arch/ppc64/ppc64asm"
	"golang.org/x/arch/riscv64/riscv64asm"
	"golang.org/x/arch/s390x/s390xasm"

	"github.com/asmcheck/asmcheck/asmparse"
)

// The tests in this file use the real assembler as the oracle for the
// tables of arm.go, ppc64.go, s390x.go, mips.go, riscv64.go, loong64.go
// and wasm.go. Each arch has a proof file of branch, call, return, load and
// store forms. It is assembled with
//
//	GOARCH=<arch> go tool asm -S -p x -I $GOROOT/pkg/include -o /dev/null f.s
//
// and the machine code of every line is decoded (golang.org/x/arch, or by
// hand for mips): the decoded instruction's kind of control flow, its
// branch target and the size and direction of its memory access must
// agree with the Effect lowered from the source line. For wasm, which has
// no decoder, the WebAssembly instructions the assembler emits for each
// line (printed in the listing) are the oracle. A second run with -v
// makes the assembler log the first "auto-SPWRITE" instruction of each
// function (cmd/internal/obj/*/obj*.go): every SP-writing form, alone in
// a function, must be SPWRITE exactly when its Effect says so.

// asmProgs is one Prog of a listing: its pc, source line, mnemonic and
// operands as printed.
type asmProg struct {
	pc, line int
	op, args string
}

// asmListing is the parsed -S output for the first symbol of a file.
type asmListing struct {
	progs  []asmProg
	code   []byte
	byLine map[int][]asmProg
}

var (
	listingProg = regexp.MustCompile(`^\t0x[0-9a-f]+ (\d+) \(([^:]+):(\d+)\)\t(\S+)\t?(.*)$`)
	listingCode = regexp.MustCompile(`^\t0x([0-9a-f]+) ((?:[0-9a-f]{2} )*[0-9a-f]{2})`)
)

// runAsm assembles src for arch with extra flags and returns its output.
func runAsm(t *testing.T, arch, src string, flags ...string) string {
	t.Helper()
	dir := t.TempDir()
	f := filepath.Join(dir, "x.s")
	if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	args := append([]string{"tool", "asm", "-p", "x", "-I", filepath.Join(runtime.GOROOT(), "pkg", "include"), "-o", filepath.Join(dir, "x.o")}, flags...)
	cmd := exec.Command(gobin, append(args, f)...)
	cmd.Env = append(os.Environ(), "GOARCH="+arch, "GOOS=linux")
	if arch == "wasm" {
		cmd.Env = append(cmd.Env, "GOOS=js")
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go tool asm (%s): %v\n%s", arch, err, out)
	}
	return string(out)
}

// end returns the pc after p: the next Prog's pc, or -1 for the last
// Prog, which is followed by padding (decodeProg then decodes one
// instruction).
func (l *asmListing) end(p asmProg) int {
	for _, q := range l.progs {
		if q.pc > p.pc {
			return q.pc
		}
	}
	return -1
}

func parseListing(out string) *asmListing {
	l := &asmListing{byLine: map[int][]asmProg{}}
	syms := 0
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "\t") {
			if strings.Contains(line, " STEXT ") {
				syms++
			}
			continue
		}
		if syms != 1 {
			continue
		}
		if m := listingProg.FindStringSubmatch(line); m != nil {
			pc, _ := strconv.Atoi(m[1])
			n, _ := strconv.Atoi(m[3])
			p := asmProg{pc: pc, line: n, op: m[4], args: m[5]}
			if p.op == "FUNCDATA" || p.op == "PCDATA" || p.op == "TEXT" {
				continue
			}
			l.progs = append(l.progs, p)
			l.byLine[n] = append(l.byLine[n], p)
			continue
		}
		if m := listingCode.FindStringSubmatch(line); m != nil {
			for _, h := range strings.Fields(m[2]) {
				b, _ := strconv.ParseUint(h, 16, 8)
				l.code = append(l.code, byte(b))
			}
		}
	}
	return l
}

// A machInst is what a decoded machine instruction does.
type machInst struct {
	n      int  // length in bytes
	flow   Flow // FlowJump also for a direct jump to a symbol
	trap   bool // a breakpoint or trap that the arch uses for UNDEF
	target int  // absolute pc of a direct branch, -1 if none or relocated
	mem    int  // bytes loaded or stored, 0 if none or unknown
	store  bool
	ok     bool // the decoder knows the instruction
	link   bool // writes the link register (arm's ADD $0, PC, R14 before BX)
}

// decodeProg decodes every machine instruction of a Prog, from its pc to
// the next Prog's, and merges them: the last control flow wins (a jump
// after a link-register write is a call), memory sizes add up.
func decodeProg(decode func([]byte, int) machInst, code []byte, pc, end int) machInst {
	var out machInst
	out.target = -1
	link := false
	if end < 0 {
		end = pc + max(decode(code, pc).n, 1)
	}
	for at := pc; at < end; {
		m := decode(code, at)
		if at == pc {
			out.ok, out.n = m.ok, m.n
		}
		if m.n <= 0 {
			m.n = 4
		}
		if m.flow != FlowNext {
			out.flow, out.target = m.flow, m.target
			if link && m.flow == FlowIndirect {
				out.flow = FlowCall
			}
		}
		link = link || m.link
		out.trap = out.trap || m.trap
		out.mem += m.mem
		out.store = out.store || m.store
		at += m.n
	}
	return out
}

// A proofArch is the oracle of one arch.
type proofArch struct {
	arch   string
	src    string
	decode func(code []byte, pc int) machInst // nil: use the listing (wasm)
	spSrc  []string                           // SP-writing statements for the SPWRITE oracle
}

func TestOtherArchAssemblerProof(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the assembler")
	}
	if _, err := os.Stat(filepath.Join(runtime.GOROOT(), "bin", "go")); err != nil {
		t.Skip("no go command")
	}
	for _, p := range proofArches() {
		t.Run(p.arch, func(t *testing.T) {
			t.Parallel()
			proveListing(t, p)
			if p.spSrc != nil {
				proveSPWrite(t, p)
			}
		})
	}
}

// proveListing checks every instruction of the proof file against the
// assembler's output.
func proveListing(t *testing.T, p proofArch) {
	l := parseListing(runAsm(t, p.arch, p.src, "-S"))
	fset := token.NewFileSet()
	f, err := asmparse.ParseFile(fset, "x.s", []byte(p.src), &asmparse.Config{GOARCH: p.arch, Includer: &asmparse.DirIncluder{}})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	fns := Funcs(f, ArchFor(p.arch))
	if len(fns) != 1 {
		t.Fatalf("proof file has %d functions", len(fns))
	}
	fn := fns[0]
	lineOf := func(i int) int { return fset.Position(fn.File.Stmts[fn.Insts[i].Stmt].Pos).Line }
	checked, targets, mems := 0, 0, 0
	for i := range fn.Insts {
		e := fn.Inst(i)
		if e.Pseudo != NotPseudo {
			continue
		}
		line := lineOf(i)
		progs := l.byLine[line]
		if len(progs) == 0 {
			t.Errorf("line %d %s: no instruction in the listing", line, e.Op())
			continue
		}
		checked++
		if p.decode == nil {
			proveWasmLine(t, line, e, progs)
			continue
		}
		m := decodeProg(p.decode, l.code, progs[0].pc, l.end(progs[0]))
		if !m.ok {
			t.Logf("line %d %s: the decoder does not know %x; not compared", line, e.Op(), l.code[progs[0].pc:progs[0].pc+4])
			continue
		}
		if proveFlow(t, fn, i, line, m, l, lineOf) {
			targets++
		}
		if proveMem(t, p, line, e, progs, l) {
			mems++
		}
	}
	t.Logf("%s: %d instructions compared with the assembler (%d branch targets, %d memory accesses)", p.arch, checked, targets, mems)
}

// proveFlow compares the control flow of Effect i with the machine's and
// reports whether it compared a branch target.
func proveFlow(t *testing.T, fn *Func, i, line int, m machInst, l *asmListing, lineOf func(int) int) bool {
	e := fn.Inst(i)
	want := e.Flow
	if want == FlowTailCall {
		want = FlowJump
	}
	switch {
	case m.trap && (want == FlowHalt || e.Attrs&AttrTrap != 0):
	case m.flow != want:
		t.Errorf("line %d %s: lowered flow %s, machine %s", line, e.Op(), e.Flow, m.flow)
		return false
	}
	if (e.Flow == FlowJump || e.Flow == FlowCondJump) && e.Target().Sym == "" && !e.Target().Indirect {
		j, ok := fn.TargetOf(i)
		if !ok {
			t.Errorf("line %d %s: target %v not resolved", line, e.Op(), e.Target())
			return false
		}
		want := l.byLine[lineOf(j)]
		if len(want) == 0 {
			t.Errorf("line %d %s: target line %d has no instruction", line, e.Op(), lineOf(j))
			return false
		}
		if m.target == want[0].pc {
			return true
		}
		// mips threads a branch to an unconditional jump through to the
		// jump's target (cmd/internal/obj/mips/obj0.go).
		if t, ok := fn.TargetOf(j); ok && fn.Insts[j].Flow == FlowJump {
			if w := l.byLine[lineOf(t)]; len(w) > 0 && m.target == w[0].pc {
				return true
			}
		}
		t.Errorf("line %d %s: lowered target is line %d (pc %d), machine branches to pc %d", line, e.Op(), lineOf(j), want[0].pc, m.target)
		return true
	}
	return false
}

// proveMem compares the memory access of e with the machine's; a line
// the assembler expands into several accesses (mips MOVD into two MOVF)
// is compared with their sum. It reports whether there was an access.
func proveMem(t *testing.T, p proofArch, line int, e Inst, progs []asmProg, l *asmListing) bool {
	size, write := 0, false
	for _, m := range e.Mem() {
		if m.Addr || m.Size == 0 || !(m.Read || m.Write) {
			continue
		}
		size = max(size, m.Size)
		write = write || m.Write
	}
	total, store := 0, false
	for _, pr := range progs {
		m := decodeProg(p.decode, l.code, pr.pc, l.end(pr))
		total += m.mem
		store = store || m.store
	}
	if size != total {
		t.Errorf("line %d %s: lowered access of %d bytes, machine %d", line, e.Op(), size, total)
	}
	if size > 0 && write != store && !(e.Mem()[0].Read && write) {
		t.Errorf("line %d %s: lowered write=%v, machine store=%v", line, e.Op(), write, store)
	}
	return size > 0 || total > 0
}

// wasmSizes maps the WebAssembly loads and stores to their sizes.
var wasmSizes = map[string]int{"I64Load": 8, "I64Store": 8, "I32Load": 4, "I32Store": 4, "F64Load": 8,
	"F64Store": 8, "F32Load": 4, "F32Store": 4, "I64Load32U": 4, "I64Load32S": 4, "I64Store32": 4,
	"I64Load8U": 1, "I64Load8S": 1, "I64Store8": 1, "I32Load8U": 1, "I32Load8S": 1, "I32Store8": 1,
	"I64Load16U": 2, "I64Load16S": 2, "I32Load16U": 2, "I64Store16": 2, "I32Store16": 2}

// proveWasmLine checks a wasm line against the WebAssembly instructions
// the assembler emitted for it (cmd/internal/obj/wasm/wasmobj.go
// preprocess): a call becomes Call, a return Return, a tail jump Call and
// Return, a jump to a label Set PC_B and Br, a conditional branch BrIf.
func proveWasmLine(t *testing.T, line int, e Inst, progs []asmProg) {
	has := map[string]bool{}
	size := 0
	for _, p := range progs {
		has[p.op] = true
		size = max(size, wasmSizes[p.op])
	}
	var ok bool
	switch e.Flow {
	case FlowCall:
		ok = has["Call"] || has["CallIndirect"]
	case FlowReturn:
		ok = has["Return"] && !has["Call"]
	case FlowTailCall:
		ok = has["Call"] && has["Return"]
	case FlowJump:
		ok = has["Br"] && has["Set"]
	case FlowCondJump:
		ok = has["BrIf"]
	case FlowHalt:
		ok = has["UNDEF"]
	case FlowNext:
		ok = !has["Call"] && !has["Return"] && !has["Br"] && !has["BrIf"]
	}
	if !ok {
		t.Errorf("line %d %s: lowered flow %s, assembler emitted %v", line, e.Op(), e.Flow, progs)
	}
	if e.Flow != FlowNext {
		return // CALL stores the return PC on the Go stack itself
	}
	want := 0
	for _, m := range e.Mem() {
		if !m.Addr && (m.Read || m.Write) {
			want = max(want, m.Size)
		}
	}
	if want != size {
		t.Errorf("line %d %s: lowered access of %d bytes, assembler emitted %v", line, e.Op(), want, progs)
	}
}

// proveSPWrite puts each SP-writing statement in a function of its own
// and compares the assembler's auto-SPWRITE log (printed with -v) with
// Effect.SP.SPWrite.
func proveSPWrite(t *testing.T, p proofArch) {
	var src strings.Builder
	src.WriteString("#include \"textflag.h\"\n")
	for i, s := range p.spSrc {
		fmt.Fprintf(&src, "TEXT ·sp%d(SB), NOSPLIT|NOFRAME, $0-0\n\t%s\n\tRET\n", i, s)
	}
	out := runAsm(t, p.arch, src.String(), "-v")
	fset := token.NewFileSet()
	f, err := asmparse.ParseFile(fset, "x.s", []byte(src.String()), &asmparse.Config{GOARCH: p.arch, Includer: &asmparse.DirIncluder{}})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	fns := Funcs(f, ArchFor(p.arch))
	t.Logf("%s: %d SP-writing forms compared with the assembler's auto-SPWRITE log", p.arch, len(fns))
	for i, fn := range fns {
		e := fn.Insts[0]
		logged := strings.Contains(out, fmt.Sprintf("auto-SPWRITE: x.sp%d ", i)) || strings.Contains(out, fmt.Sprintf("auto-SPWRITE: x.sp%d\n", i))
		if e.SP.SPWrite != logged {
			t.Errorf("%s: lowered SPWrite=%v (sp %+v), assembler auto-SPWRITE=%v", p.spSrc[i], e.SP.SPWrite, e.SP, logged)
		}
		if e.SP.Kind == SPNone {
			t.Errorf("%s: lowered as not writing SP", p.spSrc[i])
		}
	}
}

// num parses the integer at the end of an argument's text ("PC+0x10",
// "-16", "$12").
func num(s string) int {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "PC"), "$")
	n, _ := strconv.ParseInt(s, 0, 64)
	return int(n)
}

// decodeARM classifies an arm instruction (golang.org/x/arch/arm/armasm).
func decodeARM(code []byte, pc int) machInst {
	in, err := armasm.Decode(code[pc:], armasm.ModeARM)
	m := machInst{n: 4, target: -1}
	if err != nil {
		return m
	}
	m.ok = true
	op := in.Op.String()
	base, cond := op, false
	if i := strings.IndexByte(op, '.'); i >= 0 {
		base, cond = op[:i], armConds[op[i+1:]]
	}
	writesPC := false
	if r, ok := in.Args[0].(armasm.Reg); ok && r == armasm.PC {
		writesPC = true
	}
	list := func(a armasm.Arg) int {
		switch v := a.(type) {
		case armasm.RegList:
			if v&(1<<15) != 0 {
				writesPC = true
			}
			return bits.OnesCount16(uint16(v))
		case armasm.Reg:
			return 1
		}
		return 0
	}
	switch base {
	case "B":
		m.flow, m.target = FlowJump, pc+8+int(in.Args[0].(armasm.PCRel))
	case "BL":
		m.flow, m.target = FlowCall, pc+8+int(in.Args[0].(armasm.PCRel))
	case "BLX":
		m.flow = FlowCall
	case "BX":
		m.flow = FlowIndirect
		if in.Args[0] == armasm.LR {
			m.flow = FlowReturn
		}
	case "UDF", "UNDEF":
		m.flow = FlowHalt // UNDEF is 0xf7fabcfd (cmd/internal/obj/arm/asm5.go)
	case "LDR", "STR", "LDREX", "STREX", "SWP":
		m.mem = 4
	case "LDRB", "STRB", "LDRSB", "LDREXB", "STREXB", "SWPB":
		m.mem = 1
	case "LDRH", "STRH", "LDRSH":
		m.mem = 2
	case "LDREXD", "STREXD", "LDRD", "STRD":
		m.mem = 8
	case "VLDR", "VSTR":
		m.mem = 4
		if r, ok := in.Args[0].(armasm.Reg); ok && r >= armasm.D0 && r <= armasm.D31 {
			m.mem = 8
		}
	case "PUSH", "POP":
		m.mem = 4 * list(in.Args[0])
	default:
		if strings.HasPrefix(base, "LDM") || strings.HasPrefix(base, "STM") {
			m.mem = 4 * list(in.Args[1])
		}
	}
	m.store = strings.HasPrefix(base, "ST") || base == "VSTR" || base == "PUSH" || base == "SWP" || base == "SWPB"
	if r, ok := in.Args[0].(armasm.Reg); ok && r == armasm.LR && (base == "ADD" || base == "MOV") {
		m.link = true // sets the return address for a following BX (asm5.go type 75)
	}
	if writesPC && m.flow == FlowNext {
		m.flow = FlowIndirect
		if r, ok := in.Args[1].(armasm.Reg); ok && r == armasm.LR && (base == "MOV" || base == "ADD") {
			m.flow = FlowReturn
		}
	}
	if cond && m.flow != FlowNext && m.flow != FlowCall {
		m.flow = FlowCondJump
	}
	return m
}

// ppc64Sizes maps ppc64 load and store mnemonics (ppc64asm) to sizes.
var ppc64Sizes = map[string]int{"lbz": 1, "lbzu": 1, "lbzx": 1, "lbzux": 1, "stb": 1, "stbu": 1, "stbx": 1, "lbarx": 1, "stbcx.": 1,
	"lhz": 2, "lha": 2, "lhzu": 2, "lhau": 2, "lhzx": 2, "lhax": 2, "lhbrx": 2, "sth": 2, "sthu": 2, "sthx": 2, "sthbrx": 2, "lharx": 2, "sthcx.": 2,
	"lwz": 4, "lwa": 4, "lwzu": 4, "lwzx": 4, "lwax": 4, "lwbrx": 4, "stw": 4, "stwu": 4, "stwx": 4, "stwbrx": 4, "lwarx": 4, "stwcx.": 4,
	"lfs": 4, "stfs": 4, "lfsu": 4, "stfsu": 4, "lfiwax": 4, "lfiwzx": 4, "stfiwx": 4,
	"ld": 8, "ldu": 8, "ldx": 8, "ldux": 8, "ldbrx": 8, "std": 8, "stdu": 8, "stdx": 8, "stdbrx": 8, "ldarx": 8, "stdcx.": 8,
	"lfd": 8, "stfd": 8, "lfdu": 8, "stfdu": 8, "lxsdx": 8, "stxsdx": 8, "lxvdsx": 8,
	"lxvd2x": 16, "stxvd2x": 16, "lxvw4x": 16, "stxvw4x": 16, "lxv": 16, "stxv": 16, "lvx": 16, "stvx": 16}

// decodePPC64 classifies a ppc64 instruction (golang.org/x/arch/ppc64/ppc64asm).
func decodePPC64(order binary.ByteOrder) func([]byte, int) machInst {
	return func(code []byte, pc int) machInst {
		in, err := ppc64asm.Decode(code[pc:], order)
		m := machInst{n: 4, target: -1}
		if err != nil {
			return m
		}
		m.ok = true
		op := in.Op.String()
		bo := 20
		if v, ok := in.Args[0].(ppc64asm.Imm); ok {
			bo = int(v)
		}
		always := bo&0x14 == 0x14
		switch op {
		case "b":
			m.flow, m.target = FlowJump, pc+int(in.Args[0].(ppc64asm.PCRel))
		case "bl":
			m.flow = FlowCall
		case "bc":
			m.flow, m.target = FlowCondJump, pc+int(in.Args[2].(ppc64asm.PCRel))
			if always {
				m.flow = FlowJump
			}
		case "bcl", "bcctrl", "bclrl":
			m.flow = FlowCall
		case "bclr":
			m.flow = FlowCondJump
			if always {
				m.flow = FlowReturn
			}
		case "bcctr":
			m.flow = FlowCondJump
			if always {
				m.flow = FlowIndirect
			}
		case "tw", "td":
			m.trap = bo == 31
		case "Op(0)":
			m.flow = FlowHalt // the all-zero word (asm9.go type 78)
		}
		m.mem = ppc64Sizes[op]
		m.store = strings.HasPrefix(op, "st")
		return m
	}
}

// s390xSizes maps s390x load and store mnemonics (s390xasm) to sizes.
var s390xSizes = map[string]int{"lg": 8, "lgf": 4, "llgf": 4, "lgh": 2, "llgh": 2, "lgb": 1, "llgc": 1,
	"lrvg": 8, "lrv": 4, "stg": 8, "st": 4, "sty": 4, "sth": 2, "sthy": 2, "stc": 1, "stcy": 1, "ld": 8, "ldy": 8,
	"le": 4, "ley": 4, "std": 8, "stdy": 8, "ste": 4, "stey": 4, "ag": 8, "a": 4, "ay": 4, "laa": 4, "laag": 8,
	"cs": 4, "csy": 4, "csg": 8, "vl": 16, "vst": 16, "vleg": 8, "vlef": 4, "vleh": 2, "vleb": 1, "vsteg": 8,
	"vstef": 4, "vsteh": 2, "vsteb": 1}

// decodeS390X classifies an s390x instruction (golang.org/x/arch/s390x/s390xasm).
func decodeS390X(code []byte, pc int) machInst {
	in, err := s390xasm.Decode(code[pc:])
	m := machInst{n: in.Len, target: -1}
	if err != nil {
		return m
	}
	m.ok = true
	op := in.Op.String()
	arg := func(i int) int { return num(fmt.Sprint(in.Args[i])) }
	rel := func(i int) int {
		switch v := in.Args[i].(type) {
		case s390xasm.RegIm16:
			return pc + 2*int(int16(v))
		case s390xasm.RegIm32:
			return pc + 2*int(int32(v))
		}
		return -1
	}
	mask := func(mask, all int, target int) {
		switch {
		case mask&all == all:
			m.flow, m.target = FlowJump, target
		case mask&all != 0:
			m.flow, m.target = FlowCondJump, target
		}
	}
	switch op {
	case "brc", "brcl":
		mask(arg(0), 15, rel(1))
	case "cij", "cgij", "clij", "clgij", "crj", "cgrj", "clrj", "clgrj":
		mask(arg(2), 14, rel(3))
	case "brct", "brctg":
		m.flow, m.target = FlowCondJump, rel(1)
	case "brasl", "bras", "basr":
		m.flow = FlowCall
	case "bcr":
		switch mk := arg(0); {
		case mk == 15 && arg(1) == 14:
			m.flow = FlowReturn
		case mk == 15:
			m.flow = FlowIndirect
		case mk != 0:
			m.flow = FlowCondJump
		}
	case "Op(0)":
		m.flow = FlowHalt // the all-zero word (asmz.go type 78)
	case "mvc", "xc", "clc", "nc", "oc":
		m.mem = arg(1) + 1
	case "lmg", "stmg":
		m.mem = 8 * ((arg(1)-arg(0)+16)%16 + 1)
	case "vlm", "vstm":
		m.mem = 16 * (arg(1) - arg(0) + 1)
	default:
		m.mem = s390xSizes[op]
	}
	m.store = strings.HasPrefix(op, "st") || strings.HasPrefix(op, "vst") || op == "mvc" || op == "xc"
	return m
}

// decodeRISCV64 classifies a riscv64 instruction (golang.org/x/arch/riscv64/riscv64asm).
func decodeRISCV64(code []byte, pc int) machInst {
	in, err := riscv64asm.Decode(code[pc:])
	m := machInst{n: in.Len, target: -1}
	if err != nil {
		return m
	}
	m.ok = true
	op := in.Op.String()
	simm := func(a riscv64asm.Arg) int {
		if s, ok := a.(riscv64asm.Simm); ok {
			return pc + int(s.Imm)
		}
		return -1
	}
	switch {
	case op == "JAL":
		m.flow, m.target = FlowCall, simm(in.Args[1])
		if in.Args[0] == riscv64asm.X0 {
			m.flow = FlowJump
		}
	case op == "JALR":
		m.flow = FlowCall
		if in.Args[0] == riscv64asm.X0 {
			m.flow = FlowIndirect
			if ro, ok := in.Args[1].(riscv64asm.RegOffset); ok && ro.OfsReg == riscv64asm.X1 {
				m.flow = FlowReturn
			}
		}
	case strings.HasPrefix(op, "B"):
		m.flow = FlowCondJump
		for _, a := range in.Args {
			if t := simm(a); t >= 0 {
				m.target = t
			}
		}
	case op == "EBREAK":
		m.trap = true // UNDEF is EBREAK (cmd/internal/obj/riscv/obj.go)
	}
	base := strings.SplitN(op, ".", 3)
	switch {
	case base[0] == "LD" || base[0] == "SD" || base[0] == "FLD" || base[0] == "FSD":
		m.mem = 8
	case base[0] == "LW" || base[0] == "LWU" || base[0] == "SW" || base[0] == "FLW" || base[0] == "FSW":
		m.mem = 4
	case base[0] == "LH" || base[0] == "LHU" || base[0] == "SH":
		m.mem = 2
	case base[0] == "LB" || base[0] == "LBU" || base[0] == "SB":
		m.mem = 1
	case len(base) > 1 && (strings.HasPrefix(base[0], "AMO") || base[0] == "LR" || base[0] == "SC"):
		m.mem = map[string]int{"W": 4, "D": 8}[base[1]]
	}
	m.store = strings.HasPrefix(op, "S") || strings.HasPrefix(op, "FS") || strings.HasPrefix(op, "AMO")
	return m
}

// decodeLoong64 classifies a loong64 instruction (golang.org/x/arch/loong64/loong64asm).
func decodeLoong64(code []byte, pc int) machInst {
	in, err := loong64asm.Decode(code[pc:])
	m := machInst{n: 4, target: -1}
	if err != nil {
		return m
	}
	m.ok = true
	op := in.Op.String()
	rel := func(a loong64asm.Arg) int {
		if o, ok := a.(loong64asm.OffsetSimm); ok {
			return pc + int(o.Imm)
		}
		return -1
	}
	switch op {
	case "B":
		m.flow, m.target = FlowJump, rel(in.Args[0])
	case "BL":
		m.flow = FlowCall
	case "BEQ", "BNE", "BLT", "BGE", "BLTU", "BGEU", "BEQZ", "BNEZ", "BCEQZ", "BCNEZ":
		m.flow = FlowCondJump
		for _, a := range in.Args {
			if t := rel(a); t >= 0 {
				m.target = t
			}
		}
	case "JIRL":
		m.flow = FlowCall
		if in.Args[0] == loong64asm.R0 {
			m.flow = FlowIndirect
			if in.Args[1] == loong64asm.R1 {
				m.flow = FlowReturn
			}
		}
	case "BREAK":
		m.trap = true // UNDEF is BREAK (cmd/internal/obj/loong64/asm.go)
	}
	if i := strings.LastIndexByte(op, '.'); i >= 0 && !strings.HasPrefix(op, "B") {
		m.mem = map[string]int{"D": 8, "W": 4, "WU": 4, "H": 2, "HU": 2, "B": 1, "BU": 1, "S": 4}[op[i+1:]]
	}
	m.store = strings.HasPrefix(op, "ST") || strings.HasPrefix(op, "SC") || strings.HasPrefix(op, "FST") || strings.HasPrefix(op, "AM")
	return m
}

// decodeMIPS classifies a mips instruction from its opcode fields (MIPS32
// and MIPS64 architecture manuals, volume II; there is no x/arch decoder).
func decodeMIPS(order binary.ByteOrder) func([]byte, int) machInst {
	return func(code []byte, pc int) machInst {
		m := machInst{n: 4, target: -1, ok: true}
		w := order.Uint32(code[pc:])
		op, rs, rt, funct := w>>26, (w>>21)&31, (w>>16)&31, w&63
		rel := pc + 4 + 4*int(int16(w))
		switch op {
		case 0:
			switch funct {
			case 8: // JR
				m.flow = FlowIndirect
				if rs == 31 {
					m.flow = FlowReturn
				}
			case 9: // JALR
				m.flow = FlowCall
			case 0x34: // TEQ: UNDEF is TEQ R0, R0 (cmd/internal/obj/mips/asm0.go)
				m.trap = true
			}
		case 1: // REGIMM: BLTZ, BGEZ, BLTZAL, BGEZAL
			m.flow, m.target = FlowCondJump, rel
			if rt >= 16 {
				m.flow = FlowCall
			}
		case 2:
			m.flow = FlowJump // J: absolute, relocated
		case 3:
			m.flow = FlowCall // JAL
		case 4, 5, 6, 7: // BEQ, BNE, BLEZ, BGTZ
			m.flow, m.target = FlowCondJump, rel
			if op == 4 && rs == 0 && rt == 0 {
				m.flow = FlowJump // BEQ R0, R0: the assembler's JMP to a label
			}
		case 0x11: // COP1: BC1F/BC1T when rs is 8
			if rs == 8 {
				m.flow, m.target = FlowCondJump, rel
			}
		}
		sizes := map[uint32]int{0x20: 1, 0x21: 2, 0x23: 4, 0x24: 1, 0x25: 2, 0x27: 4, 0x28: 1, 0x29: 2, 0x2b: 4,
			0x30: 4, 0x31: 4, 0x34: 8, 0x35: 8, 0x37: 8, 0x38: 4, 0x39: 4, 0x3c: 8, 0x3d: 8, 0x3f: 8}
		m.mem = sizes[op]
		m.store = op >= 0x28 && op <= 0x2f || op >= 0x38
		return m
	}
}

// proofSrc wraps the body of a proof file in a function with two
// arguments of the pointer size.
func proofSrc(body string) string {
	return "#include \"textflag.h\"\nTEXT ·f(SB), NOSPLIT|NOFRAME, $0-16\n" + body
}

func proofArches() []proofArch {
	var out []proofArch
	for _, a := range []string{"ppc64", "ppc64le"} {
		order := binary.ByteOrder(binary.BigEndian)
		if a == "ppc64le" {
			order = binary.LittleEndian
		}
		out = append(out, proofArch{arch: a, src: proofSrc(ppc64Proof), decode: decodePPC64(order), spSrc: ppc64SPForms})
	}
	for _, a := range []string{"mips", "mipsle", "mips64", "mips64le"} {
		order := binary.ByteOrder(binary.BigEndian)
		if strings.HasSuffix(a, "le") {
			order = binary.LittleEndian
		}
		src, sp := mipsProof, mipsSPForms
		if strings.HasPrefix(a, "mips64") {
			src, sp = mips64Proof, mips64SPForms
		}
		out = append(out, proofArch{arch: a, src: proofSrc(src), decode: decodeMIPS(order), spSrc: sp})
	}
	return append(out,
		proofArch{arch: "arm", src: proofSrc(armProof), decode: decodeARM, spSrc: armSPForms},
		proofArch{arch: "s390x", src: proofSrc(s390xProof), decode: decodeS390X, spSrc: s390xSPForms},
		proofArch{arch: "riscv64", src: proofSrc(riscv64Proof), decode: decodeRISCV64, spSrc: riscv64SPForms},
		proofArch{arch: "loong64", src: proofSrc(loong64Proof), decode: decodeLoong64, spSrc: loong64SPForms},
		proofArch{arch: "wasm", src: "#include \"textflag.h\"\nTEXT ·f(SB), NOSPLIT, $0-16\n" + wasmProof},
	)
}

// The proof files. Every line after TEXT is one instruction; labels
// stand alone.

const armProof = `	MOVW x+0(FP), R0
	CMP $0, R0
	B.EQ done
	BEQ 2(PC)
	BNE done
	BL ·g(SB)
	BL.NE ·g(SB)
	BL (R2)
	B (R1)
	BX (R4)
	MOVW.W R1, -4(R13)
	MOVW.P 4(R13), R1
	MOVB.U R1, R2<<1(R3)
	MOVW 4(R3), R4
	MOVB R4, 1(R3)
	MOVBU 1(R3), R4
	MOVH 2(R3), R4
	MOVHU R4, 2(R3)
	MOVBS -1(R3), R4
	MOVD F1, 8(R3)
	MOVF 4(R3), F2
	MOVM.DB.W [R0-R3], (R13)
	MOVM.IA.W (R13), [R0-R3]
	MOVM.IB [R4,R5], (R6)
	MOVM.DA (R6), [R4,R5]
	LDREX (R1), R2
	LDREXD (R1), R2
	STREXB R1, (R2), R3
	SWI $0
	UNDEF
	MOVW R14, R15
	JMP ·g(SB)
done:
	MOVW R0, ret+4(FP)
	RET
`

const ppc64Proof = `	MOVD x+0(FP), R3
	CMP R3, $0
	BEQ done
	BNE CR1, 2(PC)
	BC 12, 2, done
	BC 20, 0, done
	BC 16, 0, done
	BDNZ done
	BL ·g(SB)
	BL (CTR)
	BR (CTR)
	BEQ CR0, LR
	BC 12, 2, LR
	BC 4, 2, (CTR)
	BCL 20, 31, 1(PC)
	MOVDU R3, -16(R1)
	MOVWZ 4(R3), R5
	MOVW 4(R3), R5
	MOVHZ 2(R3), R5
	MOVH 2(R3), R5
	MOVBZ 1(R3), R5
	MOVB R5, 1(R3)
	MOVH R5, 2(R3)
	MOVW R5, 4(R3)
	MOVD R5, 8(R3)
	MOVDBR (R3), R5
	MOVWBR R5, (R3)
	FMOVD 8(R3), F1
	FMOVS F1, 4(R3)
	LXVD2X (R3)(R4), VS1
	STXVD2X VS1, (R3)(R4)
	LVX (R3), V1
	MOVBZU 1(R3), R5
	LDAR (R3), R5
	STDCCC R5, (R3)
	SYSCALL $1
	TW $31, R0, R0
	UNDEF
	JMP done
	BR ·g(SB)
done:
	MOVD R3, ret+8(FP)
	RET
`

const s390xProof = `	MOVD x+0(FP), R3
	CMP R3, $0
	BEQ done
	BNE 2(PC)
	BRC $15, done
	BRC $8, done
	CMPBEQ R3, $0, done
	CMPUBLT R3, R4, done
	CGRJ $8, R3, R4, done
	CIJ $14, R3, $1, done
	BRCTG R5, done
	BL ·g(SB)
	BL R1
	BL (R2)
	BR R1
	BR (R14)
	MOVD 8(R3), R4
	MOVW 4(R3), R4
	MOVWZ 4(R3), R4
	MOVH 2(R3), R4
	MOVHZ 2(R3), R4
	MOVB 1(R3), R4
	MOVBZ 1(R3), R4
	MOVD R4, 8(R3)
	MOVW R4, 4(R3)
	MOVH R4, 2(R3)
	MOVB R4, 1(R3)
	MOVDBR 8(R3), R4
	FMOVD 8(R3), F1
	FMOVS F1, 4(R3)
	ADD 8(R3), R4
	ADDW 4(R3), R4
	LAA R1, R2, 8(R3)
	LAAG R1, R2, 8(R3)
	CS R1, R2, 4(R3)
	CSG R1, R2, 8(R3)
	MVC $16, 0(R3), 0(R4)
	XC $8, 0(R3), 0(R3)
	CLC $32, 0(R3), 0(R4)
	LMG 8(R3), R6, R7
	STMG R6, R9, 8(R3)
	VL 16(R3), V1
	VST V1, 16(R3)
	VLEG $1, 8(R3), V2
	VSTEF $2, V2, 4(R3)
	VLM (R3), V1, V4
	SYSCALL $1
	UNDEF
	JMP done
	BR ·g(SB)
done:
	MOVD R3, ret+8(FP)
	RET
`

const mipsProof = `	MOVW x+0(FP), R4
	BEQ R4, R5, done
	BNE R4, 2(PC)
	BLTZ R4, done
	BFPT done
	JMP done
	JAL ·g(SB)
	JAL (R6)
	JMP (R6)
	JMP (R31)
	BGEZAL R0, 1(PC)
	MOVW 4(R4), R5
	MOVH 2(R4), R5
	MOVHU 2(R4), R5
	MOVB 1(R4), R5
	MOVBU 1(R4), R5
	MOVW R5, 4(R4)
	MOVH R5, 2(R4)
	MOVB R5, 1(R4)
	MOVD 8(R4), F2
	MOVF F1, 4(R4)
	LL (R4), R5
	SC R5, (R4)
	SYSCALL
	UNDEF
	JMP ·g(SB)
done:
	MOVW R4, ret+4(FP)
	RET
`

const mips64Proof = `	MOVV x+0(FP), R4
	BEQ R4, R5, done
	BNE R4, 2(PC)
	BLTZ R4, done
	JMP done
	JAL ·g(SB)
	JAL (R6)
	JMP (R31)
	MOVV 8(R4), R5
	MOVW 4(R4), R5
	MOVWU 4(R4), R5
	MOVH 2(R4), R5
	MOVBU 1(R4), R5
	MOVV R5, 8(R4)
	MOVW R5, 4(R4)
	MOVD 8(R4), F2
	MOVF F1, 4(R4)
	LLV (R4), R5
	SCV R5, (R4)
	SYSCALL
	UNDEF
	JMP ·g(SB)
done:
	MOVV R4, ret+8(FP)
	RET
`

const riscv64Proof = `	MOV x+0(FP), X5
	BEQ X5, X6, done
	BNEZ X5, 2(PC)
	BLTU X5, X6, done
	JMP done
	CALL ·g(SB)
	JALR RA, X7
	JALR ZERO, X7
	JMP (X7)
	JAL X5, done
	JALR ZERO, RA
	MOV 8(X5), X6
	MOVW 4(X5), X6
	MOVWU 4(X5), X6
	MOVH 2(X5), X6
	MOVHU 2(X5), X6
	MOVB 1(X5), X6
	MOVBU 1(X5), X6
	MOV X6, 8(X5)
	MOVW X6, 4(X5)
	MOVH X6, 2(X5)
	MOVB X6, 1(X5)
	MOVD 8(X5), F1
	MOVF F1, 4(X5)
	LD (X5), X6
	SW X6, (X5)
	AMOADDW X6, (X5), X7
	LRD (X5), X6
	SCD X6, (X5), X7
	ECALL
	EBREAK
	UNDEF
	JMP ·g(SB)
done:
	MOV X5, ret+8(FP)
	RET
`

const loong64Proof = `	MOVV x+0(FP), R4
	BEQ R4, R5, done
	BNE R4, 2(PC)
	BLTU R4, R5, done
	BFPT done
	JMP done
	JAL ·g(SB)
	JAL (R6)
	JMP (R6)
	JMP (R1)
	MOVV 8(R4), R5
	MOVW 4(R4), R5
	MOVWU 4(R4), R5
	MOVH 2(R4), R5
	MOVHU 2(R4), R5
	MOVB 1(R4), R5
	MOVBU 1(R4), R5
	MOVV R5, 8(R4)
	MOVW R5, 4(R4)
	MOVH R5, 2(R4)
	MOVB R5, 1(R4)
	MOVD 8(R4), F1
	MOVF F1, 4(R4)
	AMADDV R5, (R4), R6
	AMSWAPDBW R5, (R4), R6
	LL (R4), R5
	SCV R5, (R4)
	MOVVP 8(R4), R5
	SYSCALL
	BREAK
	UNDEF
	JMP ·g(SB)
done:
	MOVV R4, ret+8(FP)
	RET
`

const wasmProof = `	MOVD x+0(FP), R0
	I64Load x+0(FP)
	I64Store ret+8(FP)
	I64Load32U x+0(FP)
	Drop
loop:
	Loop
	Get R0
	I64Eqz
	BrIf loop
	End
	CALL ·g(SB)
	Call ·h(SB)
	JMP done
	JMP ·g(SB)
done:
	MOVB R0, ret+8(FP)
	UNDEF
	RET
`

// The SP-writing forms, each alone in a function for the SPWRITE oracle.
var (
	armSPForms = []string{"ADD $16, R13", "SUB $16, R13", "ADD R1, R13", "MOVW R1, R13", "MOVW.W R1, -4(R13)",
		"MOVW.P 4(R13), R1", "MOVW $-8(R13), R13", "MOVW $-8(R1), R13", "MOVM.DB.W [R0,R1], (R13)",
		"MOVB.W R1, -1(R13)", "AND $~7, R13", "ADD $16, R3, R13", "SUB $16, R3, R13"}
	ppc64SPForms = []string{"ADD $16, R1", "SUB $16, R1", "ADD $0, R1", "ADD R3, R1", "MOVD R3, R1",
		"MOVDU R3, -16(R1)", "MOVDU 16(R1), R3", "MOVWZU 4(R1), R3", "ADD $0x100000000, R1", "ADD $16, R3, R1", "SUB $16, R3, R1"}
	s390xSPForms = []string{"ADD $16, R15", "SUB $16, R15", "ADD R3, R15", "MOVD R3, R15", "LAY -8(R15), R15",
		"SUB $-2147483648, R15", "LMG 0(R3), R14, R15", "ADD $16, R3, R15"}
	mipsSPForms   = []string{"ADDU $16, R29", "SUBU $16, R29", "ADD $16, R29", "ADDU R3, R29", "MOVW R3, R29", "ADDU $16, R3, R29"}
	mips64SPForms = []string{"ADDV $16, R29", "SUBV $16, R29", "ADDVU $-16, R29", "ADDU $16, R29", "ADDV R3, R29",
		"MOVV R3, R29", "ADDV $16, R3, R29"}
	riscv64SPForms = []string{"ADD $16, SP", "SUB $16, SP", "ADDI $16, SP, SP", "ADDW $16, SP", "MOV X5, SP",
		"ADD X5, SP", "CADDI16SP $16, SP", "ADD $16, X5, SP", "ADDI $-16, X5, SP"}
	loong64SPForms = []string{"ADDV $16, R3", "SUBV $16, R3", "ADD $16, R3", "ADDVU $-16, R3", "ADDV R4, R3",
		"MOVV R4, R3", "ADDV $16, R4, R3"}
)
