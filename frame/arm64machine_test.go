package frame

import (
	"bufio"
	"bytes"
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/asmcheck/asmcheck/asmparse"
	"golang.org/x/arch/arm64/arm64asm"
)

// TestARM64Machine proves the arm64 table against the machine: every
// distinct instruction of the arm64 corpus (TestARM64Coverage's files) is
// written into one file, assembled with `GOARCH=arm64 go tool asm -S`,
// and the bytes the assembler printed for each line are decoded with
// golang.org/x/arch/arm64/arm64asm. For every line the lowering of the
// text must agree with the decoder on
//
//   - the registers read and written (R27 excluded when the assembler
//     expanded the instruction through it); the bytes written, exactly
//     (a W or scalar write changes the whole register, an element insert
//     only its element); the bytes read, which the effect must cover;
//   - the memory access: read/write, size in bytes, and for a single
//     instruction its base register, offset, index and write-back;
//   - control flow (jump, conditional, call, return, indirect);
//   - the SP change of ADD/SUB to RSP and of write-back through RSP;
//   - AttrUsesTmp: set exactly when the emitted code uses R27 though the
//     source does not, and exactly when the assembler itself brackets the
//     instruction as restartable (PCDATA $0, $-3/$-4, asm7.go
//     isRestartable).
func TestARM64Machine(t *testing.T) {
	if testing.Short() {
		t.Skip("assembles the corpus")
	}
	goTool, err := exec.LookPath(filepath.Join(runtime.GOROOT(), "bin", "go"))
	if err != nil {
		t.Skip("no go command")
	}
	lines, origin := arm64MachineLines(t)
	corpus := len(lines)
	for _, p := range arm64Probes() {
		if _, ok := origin[p]; !ok {
			origin[p] = "probe"
			lines = append(lines, p)
		}
	}
	dir := t.TempDir()
	src, listing, dropped := arm64Assemble(t, goTool, dir, lines)
	for _, d := range dropped {
		t.Logf("not assembled: %s (from %s)", d, origin[d])
	}
	prog := arm64ParseListing(t, listing)
	fset := token.NewFileSet()
	f, err := asmparse.ParseFile(fset, filepath.Join(dir, "x.s"), src, &asmparse.Config{GOARCH: "arm64",
		Includer: &asmparse.DirIncluder{Dirs: []string{filepath.Join(runtime.GOROOT(), "pkg", "include")}}})
	if err != nil {
		t.Fatalf("parse generated file: %v", err)
	}
	a := ArchFor("arm64")
	problems := map[string][]string{}
	checked, words, tmp := 0, 0, 0
	for i := range f.Stmts {
		s := &f.Stmts[i]
		line := fset.Position(s.Pos).Line
		pl, ok := prog[line]
		if !ok || s.Op == "RET" && len(s.Args) == 0 && origin[arm64StmtText(s)] == "" {
			continue // padding, labels, TEXT
		}
		e := a.Lower(s, i)
		var insts []arm64Inst
		for _, w := range pl.words {
			insts = append(insts, arm64DecodeWord(w))
		}
		checked++
		words += len(insts)
		if e.Attrs&AttrUsesTmp != 0 {
			tmp++
		}
		for _, p := range arm64Compare(a, s, e, insts, pl.pcdata) {
			cat, _, _ := strings.Cut(p, ":")
			text := arm64StmtText(s)
			problems[cat] = append(problems[cat], fmt.Sprintf("%s\n\t\t%s\n\t\tmachine: %s\n\t\tfrom %s", text, p, arm64Describe(insts), origin[text]))
		}
	}
	if path := os.Getenv("ARM64_MACHINE_DUMP"); path != "" {
		var b strings.Builder
		for c, ps := range problems {
			for _, p := range ps {
				fmt.Fprintf(&b, "[%s] %s\n", c, p)
			}
		}
		os.WriteFile(path, []byte(b.String()), 0o666)
	}
	var cats []string
	for c := range problems {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		ps := problems[c]
		n := min(len(ps), 15)
		t.Errorf("%s: %d lines disagree with the machine, e.g.:\n\t%s", c, len(ps), strings.Join(ps[:n], "\n\t"))
	}
	if os.Getenv("ARM64_MACHINE_SHOW") != "" {
		for i := range f.Stmts {
			s := &f.Stmts[i]
			if !strings.Contains(arm64StmtText(s), os.Getenv("ARM64_MACHINE_SHOW")) {
				continue
			}
			e := a.Lower(s, i)
			var insts []arm64Inst
			for _, w := range prog[fset.Position(s.Pos).Line].words {
				insts = append(insts, arm64DecodeWord(w))
			}
			t.Logf("%s\n\teffect: %s\n\tmachine: %s %+v", arm64StmtText(s), arm64ShowEffect(a, e), arm64Describe(insts), insts)
		}
	}
	t.Logf("%d distinct corpus instructions and %d probes assembled to %d words; %d lines compared with the decoder (%d with AttrUsesTmp), %d not assembled",
		corpus, len(lines)-corpus, words, checked, tmp, len(dropped))
}

func arm64ShowEffect(a *Arch, e Inst) string {
	var b strings.Builder
	b.WriteString(e.String())
	for _, r := range e.Reads() {
		fmt.Fprintf(&b, " r:%s[%d:%d]", a.Regs.Name(r.Reg), r.Off, r.Size)
	}
	for _, r := range e.Writes() {
		fmt.Fprintf(&b, " w:%s[%d:%d]", a.Regs.Name(r.Reg), r.Off, r.Size)
	}
	for _, m := range e.Mem() {
		fmt.Fprintf(&b, " mem{%v %s off=%d wb=%d pre=%v size=%d r=%v w=%v addr=%v idx=%d}", m.Base, a.Regs.Name(m.Reg), m.Off, m.WBDelta, m.PreWB, m.Size, m.Read, m.Write, m.Addr, m.Index)
	}
	if e.Attrs != 0 {
		fmt.Fprintf(&b, " attrs=%b", e.Attrs)
	}
	return b.String()
}

func arm64Describe(insts []arm64Inst) string {
	var parts []string
	for _, m := range insts {
		parts = append(parts, m.text)
	}
	return strings.Join(parts, "; ")
}

// arm64StmtText is a statement as the generated file spells it.
func arm64StmtText(s *asmparse.Stmt) string {
	var args []string
	for _, a := range s.Args {
		args = append(args, a.Text)
	}
	return strings.TrimSpace(s.Mnemonic() + " " + strings.Join(args, ", "))
}

// arm64Probes are instructions beyond the corpus at the edges of the
// encodings asm7.go chooses between, so that AttrUsesTmp is proven at
// every boundary: arithmetic and logical immediates, load/store and pair
// offsets, address constants and float constants.
func arm64Probes() []string {
	var out []string
	consts := []int64{0, 1, 0xfff, 0x1000, 0x1001, 0xfff000, 0xfff001, 0x1480, 0xffff, 0x10000, 0x12345, 0xffffff,
		0x1000000, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, 0x5555555555555555, -0xff00ff00ff0100,
		-1, -16, -4096, -0x1001, 0x123456789abc}
	for _, c := range consts {
		for _, op := range []string{"ADD", "ADDW", "SUB", "SUBW", "ADDS", "SUBSW", "CMP", "CMNW", "AND", "ANDW", "ORR", "EORW", "BIC", "ANDS", "TST", "TSTW"} {
			if strings.HasPrefix(op, "CM") || strings.HasPrefix(op, "TST") {
				out = append(out, fmt.Sprintf("%s $%d, R1", op, c))
			} else {
				out = append(out, fmt.Sprintf("%s $%d, R1, R2", op, c))
			}
		}
		out = append(out, fmt.Sprintf("MOVD $%d, R1", c), fmt.Sprintf("MOVW $%d, R1", c),
			fmt.Sprintf("MOVD $%d(R3), R1", c), fmt.Sprintf("MOVD $%d(RSP), R1", c))
	}
	for _, op := range []string{"AND", "ORR", "EOR", "ANDS"} {
		out = append(out, op+" $1, R1, ZR", op+"W $0xff, ZR")
	}
	for _, off := range []int64{-4096, -4095, -512, -520, -257, -256, -255, -8, -1, 1, 3, 8, 255, 256, 257, 260, 504, 512, 1008, 1024, 4095, 4096,
		8190, 16380, 32760, 32768, 65520, 65536, 0xfff000, 0x1000000} {
		for _, op := range []string{"MOVD", "MOVW", "MOVH", "MOVB", "FMOVD", "FMOVS", "FMOVQ"} {
			reg := "R2"
			if op[0] == 'F' {
				reg = "F2"
			}
			out = append(out, fmt.Sprintf("%s %d(R1), %s", op, off, reg), fmt.Sprintf("%s %s, %d(RSP)", op, reg, off))
		}
		for _, op := range []string{"LDP", "LDPW", "FLDPQ"} {
			regs := "(R2, R3)"
			if op[0] == 'F' {
				regs = "(F2, F3)"
			}
			st := "ST" + op[2:]
			if op[0] == 'F' {
				st = "FST" + op[3:]
			}
			out = append(out, fmt.Sprintf("%s %d(R1), %s", op, off, regs), fmt.Sprintf("%s %s, %d(RSP)", st, regs, off))
		}
	}
	for _, f := range []string{"0.0", "1.0", "2.0", "0.5", "-1.5", "31.0", "32.0", "0.1", "1e10", "0.125", "-0.0"} {
		out = append(out, "FMOVD $("+f+"), F1", "FMOVS $("+f+"), F1")
	}
	out = append(out, "ADD $16, RSP", "SUB $16, RSP, RSP", "ADD $16, R1, RSP", "ADD $0, RSP", "SUB $0, R2, RSP",
		"ADD $-16, RSP", "SUB $0x12345, RSP", "MOVD.W R1, -16(RSP)", "STP.W (R1, R2), -32(RSP)", "LDP.P 32(RSP), (R1, R2)",
		"VLD1.P (RSP), [V1.B16]", "VST1.P [V1.D2, V2.D2], 32(RSP)", "MOVD $·x(SB), R1", "MOVD $·x+8(SB), R1",
		"MOVD ·x+8(SB), R1", "MOVW R1, ·x(SB)", "FMOVS ·x(SB), F1", "LDP ·x(SB), (R1, R2)", "STPW (R1, R2), ·x(SB)",
		"VMOVQ ·x(SB), V1", "REM R1, R2, R3", "UREMW R1, R2", "MOVD x+8(FP), R1", "MOVD $x+8(FP), R1", "MOVD R1, y-8(SP)")
	// The mnemonics of anames.go that the corpus does not use (but AT, IC
	// and PRFUM, which cmd/asm cannot assemble: it knows no AT or IC
	// operation names and asm7.go has no PRFUM row).
	out = append(out, "BFM $1, R1, $2, R2", "BFMW $1, R1, $2, R2", "SBFM $1, R1, $2, R2", "SBFMW $1, R1, $2, R2",
		"UBFM $1, R1, $2, R2", "UBFMW $1, R1, $2, R2", "BMI L", "BPL L", "BVC L", "BVS L",
		"FCVTDH F1, F2", "FCVTDS F1, F2", "FCVTHD F1, F2", "FCVTHS F1, F2", "FCVTSD F1, F2", "FCVTSH F1, F2",
		"MOVN $1, R1", "MOVNW $1, R1", "MOVZ $1, R1", "MOVZW $1, R1", "NEGW R1, R2", "REMW R1, R2, R3", "UREM R1, R2, R3", "UXTB R1, R2", "UXTH R1, R2", "UXTW R1, R2")
	return out
}

// arm64MachineLines returns every distinct instruction of the corpus,
// rewritten to assemble on its own: branch labels become L, names from
// go_asm.h become 8, ABI selectors are dropped. origin maps each line
// to where it was first seen.
func arm64MachineLines(t *testing.T) (lines []string, origin map[string]string) {
	a := ArchFor("arm64")
	origin = map[string]string{}
	for _, cf := range loadARM64Corpus(t) {
		for i := range cf.File.Stmts {
			s := &cf.File.Stmts[i]
			if s.Bad || s.Op == "" || arm64IsData(s.Op) {
				continue
			}
			if e := a.Lower(s, i); e.Pseudo != NotPseudo || !e.Known {
				continue
			}
			text := arm64MachineText(a, s)
			if text == "" {
				continue
			}
			if _, ok := origin[text]; !ok {
				origin[text] = cf.Fset.Position(s.Pos).String()
				lines = append(lines, text)
			}
		}
	}
	return lines, origin
}

// arm64MachineText spells s so that it assembles in a file of its own:
// printed from the parsed operands (so macros are expanded), branch labels
// become L, values from go_asm.h 8, ABI selectors dropped.
func arm64MachineText(a *Arch, s *asmparse.Stmt) string {
	form := a.pick(s.Op, len(s.Args))
	var args []string
	for i := range s.Args {
		op := &s.Args[i]
		acc, _ := form.accessFor(i)
		if op.Kind == asmparse.NameOp && (acc.target || s.Op == "ADR" || s.Op == "ADRP") {
			args = append(args, "L")
			continue
		}
		text, ok := arm64OperandText(op)
		if !ok {
			return ""
		}
		args = append(args, text)
	}
	return strings.TrimSpace(s.Mnemonic() + " " + strings.Join(args, ", "))
}

// arm64OperandText prints an arm64 operand in Plan 9 syntax.
func arm64OperandText(op *asmparse.Operand) (string, bool) {
	val := func() int64 {
		if op.Unresolved() != "" {
			return 8
		}
		return op.Val
	}
	switch op.Kind {
	case asmparse.RegOp:
		return arm64RegText(op), true
	case asmparse.ImmOp:
		return fmt.Sprintf("$%d", val()), true
	case asmparse.ConstOp:
		return fmt.Sprintf("%d", val()), true
	case asmparse.FloatOp:
		f := strconv.FormatFloat(op.Float(), 'g', -1, 64)
		if !strings.ContainsAny(f, ".eIN") {
			f += ".0"
		}
		return fmt.Sprintf("$(%s)", f), true
	case asmparse.NameOp:
		if op.Val != 0 {
			return "", false
		}
		return op.Sym(), true
	case asmparse.PairOp:
		return fmt.Sprintf("(%s, %s)", op.Reg(), op.Reg2()), true
	case asmparse.ListOp:
		var regs []string
		for _, r := range op.List() {
			regs = append(regs, arm64RegText(&r))
		}
		text := "[" + strings.Join(regs, ", ") + "]"
		if op.HasLane() {
			text += fmt.Sprintf("[%d]", op.Lane())
		}
		return text, true
	case asmparse.MemOp, asmparse.AddrOp:
		var b strings.Builder
		if op.Kind == asmparse.AddrOp {
			b.WriteString("$")
		}
		sym := op.Sym()
		if sym != "" {
			b.WriteString(sym)
			if op.Static() {
				b.WriteString("<>")
			}
			if v := val(); v != 0 {
				fmt.Fprintf(&b, "%+d", v)
			}
		} else if v := val(); v != 0 {
			fmt.Fprintf(&b, "%d", v)
		}
		if op.Reg() != "" {
			fmt.Fprintf(&b, "(%s)", op.Reg())
		}
		if op.Index() != "" {
			b.WriteString("(" + op.Index())
			if ext := op.IndexExt(); ext != "" {
				b.WriteString("." + ext)
			}
			if sh := op.IndexShift(); sh != 0 {
				fmt.Fprintf(&b, "<<%d", sh)
			}
			if op.Scale > 1 {
				fmt.Fprintf(&b, "*%d", op.Scale)
			}
			b.WriteString(")")
		}
		return b.String(), true
	}
	return "", false
}

// arm64RegText prints a register operand: R1, V1.B16, V1.S[2], R1<<3, R2.UXTW<<2.
func arm64RegText(op *asmparse.Operand) string {
	text := op.Reg()
	if ext := op.Ext(); ext != "" {
		text += "." + ext
	}
	if op.HasLane() {
		text += fmt.Sprintf("[%d]", op.Lane())
	}
	if op.Shift() != asmparse.EOF {
		text += op.Shift().String()
		if r := op.ShiftReg(); r != "" {
			text += r
		} else {
			text += fmt.Sprintf("%d", op.ShiftAmt())
		}
	}
	return text
}

const arm64Chunk = 1500

var arm64AsmErrRE = regexp.MustCompile(`x\.s:(\d+)`)

// arm64Assemble writes lines into x.s, arm64Chunk to a TEXT, and
// assembles it; lines the assembler rejects are dropped and reported.
func arm64Assemble(t *testing.T, goTool, dir string, lines []string) (src, listing []byte, dropped []string) {
	for try := 0; try < 6; try++ {
		var b bytes.Buffer
		b.WriteString("#include \"textflag.h\"\n")
		lineOf := map[int]string{}
		n := 2
		for i, l := range lines {
			if i%arm64Chunk == 0 {
				if i > 0 {
					n += arm64Pad(&b)
				}
				fmt.Fprintf(&b, "TEXT ·c%d(SB), NOSPLIT|NOFRAME, $0-0\nL:\n", i/arm64Chunk)
				n += 2
				n += arm64Pad(&b)
			}
			fmt.Fprintf(&b, "\t%s\n", l)
			lineOf[n] = l
			n++
		}
		arm64Pad(&b)
		path := filepath.Join(dir, "x.s")
		if err := os.WriteFile(path, b.Bytes(), 0o666); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(goTool, "tool", "asm", "-S", "-p", "x", "-I", filepath.Join(runtime.GOROOT(), "pkg", "include"), "-o", filepath.Join(dir, "x.o"), "x.s")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOARCH=arm64", "GOOS=linux")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err == nil {
			return b.Bytes(), stdout.Bytes(), dropped
		}
		bad := map[string]bool{}
		for _, m := range arm64AsmErrRE.FindAllStringSubmatch(stderr.String(), -1) {
			n, _ := strconv.Atoi(m[1])
			if l, ok := lineOf[n]; ok {
				bad[l] = true
			}
		}
		if len(bad) == 0 {
			t.Fatalf("go tool asm: %s", stderr.String())
		}
		var keep []string
		for _, l := range lines {
			if bad[l] {
				dropped = append(dropped, l)
			} else {
				keep = append(keep, l)
			}
		}
		lines = keep
		t.Logf("try %d: dropped %d lines: %.2000s", try, len(bad), stderr.String())
	}
	t.Fatal("go tool asm keeps failing")
	return nil, nil, nil
}

// arm64Pad writes the RETs that surround each chunk, so that every n(PC)
// branch of the corpus lands inside the function; it returns the number
// of lines written.
func arm64Pad(b *bytes.Buffer) int {
	for range 40 {
		b.WriteString("\tRET\n")
	}
	return 40
}

// arm64ProgLine is what the listing says about one source line: its
// instruction words and the PCDATA $0 (unsafe point) value in effect.
type arm64ProgLine struct {
	words  []uint32
	pcdata int
}

var (
	arm64ProgRE = regexp.MustCompile(`^\t0x([0-9a-f]+) \d+ \([^)]*:(\d+)\)\t(\S+)\s*(.*)$`)
	arm64HexRE  = regexp.MustCompile(`^\t0x([0-9a-f]+) ((?:[0-9a-f]{2} )+)`)
	arm64SymRE  = regexp.MustCompile(`^(\S+) (S\w+)`)
)

// arm64ParseListing reads `go tool asm -S` output into the words of each line.
func arm64ParseListing(t *testing.T, listing []byte) map[int]*arm64ProgLine {
	type prog struct {
		pc, line int
		op, args string
	}
	out := map[int]*arm64ProgLine{}
	var progs []prog
	var code []byte
	text := false
	flush := func() {
		pcdata := -1
		for i, p := range progs {
			switch p.op {
			case "PCDATA":
				if strings.HasPrefix(p.args, "$0,") {
					pcdata, _ = strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(p.args, "$0,"), " $")))
				}
				continue
			case "TEXT", "FUNCDATA", "WORD", "DWORD":
				continue
			}
			end := p.pc + 4 // the last instruction: a padding RET
			for _, q := range progs[i+1:] {
				if q.pc > p.pc {
					end = q.pc
					break
				}
			}
			end = min(end, len(code))
			pl := out[p.line]
			if pl == nil {
				pl = &arm64ProgLine{pcdata: pcdata}
				out[p.line] = pl
			}
			for pc := p.pc; pc+4 <= end; pc += 4 {
				pl.words = append(pl.words, uint32(code[pc])|uint32(code[pc+1])<<8|uint32(code[pc+2])<<16|uint32(code[pc+3])<<24)
			}
		}
		progs, code = nil, nil
	}
	sc := bufio.NewScanner(bytes.NewReader(listing))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if m := arm64SymRE.FindStringSubmatch(l); m != nil && !strings.HasPrefix(l, "\t") {
			if text {
				flush()
			}
			text = m[2] == "STEXT"
			continue
		}
		if !text {
			continue
		}
		if m := arm64ProgRE.FindStringSubmatch(l); m != nil {
			pc, _ := strconv.ParseInt(m[1], 16, 64)
			line, _ := strconv.Atoi(m[2])
			progs = append(progs, prog{int(pc), line, m[3], m[4]})
			continue
		}
		if m := arm64HexRE.FindStringSubmatch(l); m != nil {
			for _, h := range strings.Fields(m[2]) {
				v, _ := strconv.ParseUint(h, 16, 8)
				code = append(code, byte(v))
			}
		}
	}
	if text {
		flush()
	}
	if len(out) == 0 {
		t.Fatal("empty listing")
	}
	return out
}

// arm64EffName is the machine side's name of an effect register.
func arm64EffName(rf *RegFile, r Reg) string {
	switch n := rf.Name(r); n {
	case "R18_PLATFORM":
		return "R18"
	case "g":
		return "R28"
	case "RSP":
		return "SP"
	case "ZR":
		return ""
	default:
		return n
	}
}

// arm64MentionsR27 reports whether the statement names R27 itself.
func arm64MentionsR27(s *asmparse.Stmt) bool {
	return strings.Contains(arm64StmtText(s), "R27")
}

// arm64Compare returns the disagreements between the effect of s and the
// decoded instructions, each "category: detail".
func arm64Compare(a *Arch, s *asmparse.Stmt, e Inst, insts []arm64Inst, pcdata int) []string {
	var out []string
	bad := func(cat, format string, args ...any) { out = append(out, cat+": "+fmt.Sprintf(format, args...)) }
	if len(insts) == 0 {
		bad("no-code", "no instruction emitted")
		return out
	}
	for _, m := range insts {
		if m.bad {
			if m.op == "?00000000" && s.Op == "UNDEF" {
				return out // UDF #0
			}
			bad("undecoded", "%s", m.op)
			return out
		}
	}
	rf := a.Regs
	// Registers over the sequence: a read of a register an earlier
	// instruction of the sequence wrote is internal to the expansion.
	mReads, mWrites := map[string]bool{}, map[string][2]int{}
	mBytes := map[string][2]int{}
	usesR27 := false
	for _, m := range insts {
		for _, r := range m.reads {
			if r == "R27" {
				usesR27 = true
			}
			if _, ok := mWrites[r]; !ok {
				mReads[r] = true
				b := m.rbytes[r]
				if old, ok := mBytes[r]; ok {
					b = [2]int{min(b[0], old[0]), max(b[1], old[1])}
				}
				mBytes[r] = b
			}
		}
		for r, b := range m.writes {
			if r == "R27" {
				usesR27 = true
			}
			if old, ok := mWrites[r]; ok && old != b {
				b = [2]int{}
			}
			mWrites[r] = b
		}
		if m.mem != nil && m.mem.base == "R27" {
			usesR27 = true
		}
	}
	srcR27 := arm64MentionsR27(s)
	tmp := usesR27 && !srcR27
	if tmp {
		delete(mReads, "R27")
		delete(mWrites, "R27")
	}
	hasTmp := e.Attrs&AttrUsesTmp != 0
	if !srcR27 && tmp != hasTmp {
		bad("tmp", "AttrUsesTmp=%v, machine uses R27: %v", hasTmp, tmp)
	}
	if restart := pcdata == -3 || pcdata == -4; !srcR27 && restart != hasTmp {
		bad("tmp-pcdata", "AttrUsesTmp=%v, assembler marks restartable: %v", hasTmp, restart)
	}
	eReads, eWrites := map[string]bool{}, map[string][2]int{}
	for _, m := range e.Mem() {
		if m.Base == BaseFP || m.Base == BasePseudoSP {
			// The engine's convention on every arch: a pseudo-register
			// operand implies the read of the hardware SP it becomes an
			// offset of (asm7.go aclass, NAME_PARAM/NAME_AUTO), without
			// listing it in Reads.
			eReads["SP"] = true
		}
	}
	for _, r := range e.Reads() {
		if n := arm64EffName(rf, r.Reg); n != "" {
			eReads[n] = true
		}
	}
	for _, w := range e.Writes() {
		if n := arm64EffName(rf, w.Reg); n != "" {
			eWrites[n] = [2]int{int(w.Off), int(w.Size)}
		}
	}
	if s.Op != "SVC" { // the kernel's registers are the OS's business
		if d := arm64SetDiff(mReads, eReads); d != "" {
			bad("reads", "machine reads but effect does not: %s", d)
		}
		if d := arm64SetDiff(eReads, mReads); d != "" {
			bad("reads-extra", "effect reads but machine does not: %s", d)
		}
		if d := arm64MapDiff(mWrites, eWrites); d != "" {
			bad("writes", "machine writes but effect does not: %s", d)
		}
		if d := arm64MapDiff(eWrites, mWrites); d != "" {
			bad("writes-extra", "effect writes but machine does not: %s", d)
		}
		eBytes := map[string][2]int{}
		for _, r := range e.Reads() {
			n := arm64EffName(rf, r.Reg)
			lo, hi := int(r.Off), int(r.Off)+int(r.Size)
			if r.Size == 0 {
				lo, hi = 0, int(rf.Info(r.Reg).Size)
			}
			if old, ok := eBytes[n]; ok {
				lo, hi = min(lo, old[0]), max(hi, old[1])
			}
			eBytes[n] = [2]int{lo, hi}
		}
		for r, mb := range mBytes {
			if eb, ok := eBytes[r]; ok && (mb[0] < eb[0] || mb[1] > eb[1]) {
				bad("read-bytes", "%s: effect reads bytes [%d,%d), machine [%d,%d)", r, eb[0], eb[1], mb[0], mb[1])
			}
		}
		for r, mb := range mWrites {
			if eb, ok := eWrites[r]; ok && eb != mb {
				bad("write-bytes", "%s: effect writes bytes %v, machine %v", r, eb, mb)
			}
		}
	}
	out = append(out, arm64CompareMem(e, insts, tmp)...)
	out = append(out, arm64CompareFlow(e, insts)...)
	out = append(out, arm64CompareSP(e, insts)...)
	return out
}

func arm64SetDiff(a, b map[string]bool) string {
	var d []string
	for k := range a {
		if !b[k] {
			d = append(d, k)
		}
	}
	sort.Strings(d)
	return strings.Join(d, " ")
}

func arm64MapDiff(a, b map[string][2]int) string {
	var d []string
	for k := range a {
		if _, ok := b[k]; !ok {
			d = append(d, k)
		}
	}
	sort.Strings(d)
	return strings.Join(d, " ")
}

// arm64CompareMem compares the memory operand.
func arm64CompareMem(e Inst, insts []arm64Inst, tmp bool) []string {
	var out []string
	bad := func(cat, format string, args ...any) { out = append(out, cat+": "+fmt.Sprintf(format, args...)) }
	var mm *arm64InstMem
	for _, m := range insts {
		if m.mem != nil && (m.mem.mode != 0 || len(insts) == 1) {
			mm = m.mem // the last access that is not a literal-pool load
		}
	}
	var em []*Mem
	for i := range e.Mem() {
		if !e.Mem()[i].Addr {
			em = append(em, &e.Mem()[i])
		}
	}
	if mm != nil && mm.addr {
		mm = nil
	}
	switch {
	case mm == nil && len(em) == 0:
		return nil
	case mm == nil:
		bad("mem-extra", "effect has a memory access, machine none")
		return out
	case len(em) != 1:
		bad("mem-missing", "machine accesses memory, effect has %d accesses", len(em))
		return out
	}
	m := em[0]
	if m.Size != mm.size {
		bad("mem-size", "effect %d bytes, machine %d", m.Size, mm.size)
	}
	if m.Read != mm.read || m.Write != mm.write {
		bad("mem-rw", "effect read=%v write=%v, machine read=%v write=%v", m.Read, m.Write, mm.read, mm.write)
	}
	if len(insts) != 1 || tmp || !m.OffOK {
		return out
	}
	off := m.Off
	switch m.Base {
	case BaseFP:
		off += 8 // NOFRAME $0: x+0(FP) is 8(RSP) (asm7.go aclass NAME_PARAM)
	case BasePseudoSP:
	case BaseReg, BaseSP:
	default:
		return out
	}
	if mm.base == "" {
		return out
	}
	switch mm.mode {
	case arm64asm.AddrOffset:
		if mm.index != "" {
			if m.Index == NoReg {
				bad("mem-index", "effect has no index, machine index %s", mm.index)
			}
		} else if off != mm.imm || m.WBDelta != 0 {
			bad("mem-off", "effect offset %d write-back %d, machine [%s, #%d]", off, m.WBDelta, mm.base, mm.imm)
		}
	case arm64asm.AddrPreIndex:
		if off != mm.imm || m.WBDelta != mm.imm || !m.PreWB {
			bad("mem-wb", "effect offset %d write-back %d pre=%v, machine pre-index #%d", off, m.WBDelta, m.PreWB, mm.imm)
		}
	case arm64asm.AddrPostIndex:
		if off != 0 || m.WBDelta != mm.imm || m.PreWB {
			bad("mem-wb", "effect offset %d write-back %d pre=%v, machine post-index #%d", off, m.WBDelta, m.PreWB, mm.imm)
		}
	case arm64asm.AddrPostReg:
		if m.Index != NoReg || m.WBDelta != 0 || m.Off != 0 {
			bad("mem-wb", "effect index %d offset %d write-back %d, machine post-index by %s", m.Index, m.Off, m.WBDelta, mm.postReg)
		}
	}
	return out
}

// arm64CompareFlow compares control flow.
func arm64CompareFlow(e Inst, insts []arm64Inst) []string {
	mf := FlowNext
	for _, m := range insts {
		if m.flow != FlowNext {
			mf = m.flow
		}
	}
	ef := e.Flow
	switch {
	case ef == mf:
	case ef == FlowTailCall && mf == FlowJump:
	case ef == FlowHalt && mf == FlowNext:
		// UDF, HLT, ERET, DRPS: the decoder gives no flow; the table's
		// claim is checked by the unit tests.
	default:
		return []string{fmt.Sprintf("flow: effect %v, machine %v", ef, mf)}
	}
	return nil
}

// arm64CompareSP checks the SP delta of ADD/SUB $c, RSP and of write-back
// through RSP against the encoded immediate.
func arm64CompareSP(e Inst, insts []arm64Inst) []string {
	if len(insts) != 1 || e.SP.Kind != SPDelta {
		return nil
	}
	m := insts[0]
	var delta int64
	switch {
	case m.mem != nil && m.mem.base == "SP" && (m.mem.mode == arm64asm.AddrPreIndex || m.mem.mode == arm64asm.AddrPostIndex):
		delta = m.mem.imm
	case m.text == "MOV SP, SP":
		delta = 0
	case m.op == "ADD" || m.op == "SUB":
		imm, ok := arm64SPImm(m)
		if !ok {
			return []string{fmt.Sprintf("sp: effect SP delta %d, machine %s", e.SP.Delta, m.text)}
		}
		delta = imm
	default:
		return []string{fmt.Sprintf("sp: effect SP delta %d, machine %s", e.SP.Delta, m.text)}
	}
	if delta != e.SP.Delta {
		return []string{fmt.Sprintf("sp: effect SP delta %d, machine %d", e.SP.Delta, delta)}
	}
	return nil
}

// arm64SPImm parses "ADD SP, SP, #0x10" and "SUB SP, SP, #0x1, LSL #12".
func arm64SPImm(m arm64Inst) (int64, bool) {
	_, rest, ok := strings.Cut(m.text, "SP, SP, #")
	if !ok {
		return 0, false
	}
	num, shift, _ := strings.Cut(rest, ", LSL #")
	v, err := strconv.ParseInt(num, 0, 64)
	if err != nil {
		return 0, false
	}
	if shift != "" {
		sh, _ := strconv.Atoi(shift)
		v <<= sh
	}
	if m.op == "SUB" {
		v = -v
	}
	return v, true
}

// TestARM64SPTracking proves the SP effects against the assembler's own
// bookkeeping (obj7.go preprocess): every corpus instruction (and probe)
// whose lowering changes or writes RSP is assembled alone in a function,
// followed by MOVD x+0(FP), R9.
//
//   - SPWrite must be set exactly when the assembler reports
//     "auto-SPWRITE" for the function (printed under -v);
//   - whatever the change, tracked or not, the assembler keeps x+0(FP) at
//     8(RSP) in a NOFRAME function: on arm64, Spadj feeds only the pcsp
//     table (cmd/internal/obj/pcln.go pctospadj), and asm7.go aclass
//     computes FP and pseudo-SP offsets from the frame size alone
//     (NAME_PARAM: autosize+off+8). So a name+off(FP) reference after
//     SUB $16, RSP addresses a slot 16 bytes below the argument.
func TestARM64SPTracking(t *testing.T) {
	if testing.Short() {
		t.Skip("assembles the corpus")
	}
	goTool, err := exec.LookPath(filepath.Join(runtime.GOROOT(), "bin", "go"))
	if err != nil {
		t.Skip("no go command")
	}
	a := ArchFor("arm64")
	lines, _ := arm64MachineLines(t)
	lines = append(lines, arm64Probes()...)
	var cands []string
	seen := map[string]bool{}
	for _, l := range lines {
		e, _ := arm64LowerLine(t, a, l)
		if seen[l] || e.Effect == nil || e.SP.Kind == SPNone {
			continue
		}
		seen[l] = true
		cands = append(cands, l)
	}
	var b bytes.Buffer
	b.WriteString("#include \"textflag.h\"\n")
	for i, l := range cands {
		fmt.Fprintf(&b, "TEXT ·s%d(SB), NOSPLIT|NOFRAME, $0-8\nL:\n\t%s\n\tMOVD x+0(FP), R9\n\tRET\n", i, l)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.s"), b.Bytes(), 0o666); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goTool, "tool", "asm", "-S", "-v", "-p", "x", "-I", filepath.Join(runtime.GOROOT(), "pkg", "include"), "-o", filepath.Join(dir, "x.o"), "x.s")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOARCH=arm64", "GOOS=linux")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go tool asm: %v\n%.3000s", err, out)
	}
	spwrite := map[int]bool{}
	for _, m := range regexp.MustCompile(`auto-SPWRITE: x\.s(\d+) `).FindAllSubmatch(out, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		spwrite[n] = true
	}
	prog := arm64ParseListing(t, out)
	checked := 0
	for i, l := range cands {
		e, _ := arm64LowerLine(t, a, l)
		if e.SP.SPWrite != spwrite[i] {
			t.Errorf("%s: SPWrite=%v, assembler auto-SPWRITE=%v", l, e.SP.SPWrite, spwrite[i])
		}
		// The MOVD x+0(FP) of function i is on line 3+5i+2.
		pl := prog[2+5*i+3]
		if pl == nil || len(pl.words) != 1 {
			t.Errorf("%s: no single instruction for the FP load", l)
			continue
		}
		m := arm64DecodeWord(pl.words[0])
		if m.mem == nil || m.mem.base != "SP" {
			t.Errorf("%s: FP load is %s", l, m.text)
			continue
		}
		if off := m.mem.imm; off != 8 {
			t.Errorf("%s: the assembler puts x+0(FP) at %d(RSP) after it, not 8(RSP)", l, off)
		}
		checked++
	}
	t.Logf("%d instructions that change RSP checked against obj7.go's bookkeeping (%d SPWRITE)", checked, len(spwrite))
}

// arm64LowerLine parses one instruction line and lowers it.
func arm64LowerLine(t *testing.T, a *Arch, line string) (Inst, *asmparse.Stmt) {
	fset := token.NewFileSet()
	f, err := asmparse.ParseFile(fset, "x_arm64.s", []byte("L:\n\t"+line+"\n"), &asmparse.Config{GOARCH: "arm64"})
	if err != nil || len(f.Stmts) == 0 {
		return Inst{}, nil
	}
	s := &f.Stmts[len(f.Stmts)-1]
	e := a.Lower(s, 0)
	return e, s
}
