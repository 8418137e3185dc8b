package frame

import (
	"bytes"
	"fmt"
	"go/token"
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

	"golang.org/x/arch/x86/x86asm"
	"golang.org/x/arch/x86/xeddata"

	"github.com/asmcheck/asmcheck/asmparse"
	"github.com/asmcheck/asmcheck/frame/internal/gen/x86/x86data"
)

// The machine-code proof of the x86 table.
//
// Every distinct instruction of GOROOT's amd64 (386) assembly is
// rewritten into a self-contained line (symbols, go_asm.h constants and
// pseudo-registers replaced by a register base and plain numbers, branch
// targets by one label), all lines are assembled in one `go tool asm -S`
// run, and each instruction's bytes are decoded with x86asm. The Effect
// of the line, lowered by the table, is compared with what the decoder
// says:
//
//   - control flow: jump, conditional jump, indirect jump, call, return,
//     halt;
//   - every register the machine instruction names is read or written by
//     the Effect, at no less than the decoded width for general registers;
//   - memory operands: base, index, scale, displacement, and the access
//     size (x86asm's MemBytes: the operand size, the vector length, one
//     element for a broadcast or a gather);
//   - read/write: what x86.v0.2.csv (corrected by x86data) and XED say
//     each decoded operand (Intel order) is, against the Effect's Reads,
//     Writes and Mem accesses. This checks the Go operand order of every
//     form against Intel's, which the decoder fixes.

func TestAMD64Machine(t *testing.T) { testX86Machine(t, "amd64") }

func Test386Machine(t *testing.T) { testX86Machine(t, "386") }

// x86ProofSkip are statements left out of the proof: prefixes written as
// statements (the decoder attaches them to the next instruction) and
// ADJSP, which the assembler turns into SUBQ/ADDQ of SP.
// The assembler requires PUSH and POP to balance at every RET (obj6.go:
// "unbalanced PUSH/POP"): RET is left out too, and the proof function
// ends with an ADJSP that balances the rest.
var x86ProofSkip = map[string]bool{"REP": true, "REPN": true, "LOCK": true, "XACQUIRE": true, "XRELEASE": true, "ADJSP": true, "RET": true}

// x86KnownDiffs are accepted differences between the table and the
// decoder, by "category mnemonic", with the reason.
var x86KnownDiffs = map[string]string{
	"reg-size MOVW": "386: for MOVW AX, GS (8E /r) x86asm names EAX; MOV Sreg, r/m16 reads 16 bits (Intel SDM vol. 2, MOV)",
	"reg-size LARQ": "x86asm names the whole source register of LAR r64, r32/m16; LAR reads its low 16 bits, the selector (Intel SDM vol. 2, LAR)",
	"rw-mem CLWB":   "x86asm decodes CLWB (66 0F AE /6) as XSAVEOPT",

	// Decoder gaps.
	"undecodable CLAC":     "x86asm does not know CLAC (0F 01 CA)",
	"undecodable STAC":     "x86asm does not know STAC (0F 01 CB)",
	"undecodable CLDEMOTE": "x86asm does not know CLDEMOTE (0F 1C /0)",
	"undecodable RDPKRU":   "x86asm does not know RDPKRU (0F 01 EE)",
	"undecodable WRPKRU":   "x86asm does not know WRPKRU (0F 01 EF)",
	"undecodable RDSEEDL":  "x86asm does not know RDSEED (0F C7 /7)",
	"undecodable RDSEEDQ":  "x86asm does not know RDSEED (REX.W 0F C7 /7)",
	"undecodable FCOMD":    "Go encodes FCOMD F0, Fn as DC D0+n, an undocumented alias of FCOM that x86asm does not know",
	"undecodable FCOMDP":   "Go encodes FCOMDP F0, Fn as DC D8+n, an undocumented alias of FCOMP that x86asm does not know",

	// Probes of optab classes wider than the instruction: the
	// assembler accepts them and emits something else (go1.26).
	"undecodable CMPXCHG8B":   "memory-only; the optab's class admits a register, encoded with mod=11: not an instruction",
	"undecodable CMPXCHG16B":  "memory-only; a register operand assembles to an invalid encoding",
	"undecodable INVLPG":      "memory-only; a register operand assembles to another instruction's encoding",
	"undecodable MOVNTIL":     "memory-only destination; a register assembles to an invalid encoding",
	"undecodable MOVNTIQ":     "memory-only destination; a register assembles to an invalid encoding",
	"undecodable MOVNTPS":     "memory-only destination; a register assembles to an invalid encoding",
	"undecodable MOVNTQ":      "memory-only destination; a register assembles to an invalid encoding",
	"undecodable XRSTOR":      "memory-only; a register assembles to another instruction's encoding",
	"undecodable XRSTOR64":    "memory-only; a register assembles to another instruction's encoding",
	"undecodable XRSTORS":     "memory-only; a register assembles to an invalid encoding",
	"undecodable XRSTORS64":   "memory-only; a register assembles to an invalid encoding",
	"undecodable FCOMDPP":     "FCOMPP has no operand; Go encodes the F register into the opcode (DE D8+n), valid only for F1",
	"undecodable FUCOMPP":     "FUCOMPP has no operand; Go encodes the F register into the opcode (DA E8+n), valid only for F1",
	"reg-missing MOVQ":        "Go assembles MOVQ M1, M2 as MOVQ CX, M2 (48 0F 6E D1): the MMX register-to-register form is mis-encoded",
	"rw-read-missing MOVQ":    "MOVQ M1, M2 is mis-encoded as MOVQ CX, M2 (see reg-missing MOVQ)",
	"reg-missing PEXTRB":      "asm6.go yextr takes Ymm for the r/m32 destination: an MMX register is encoded as the general register of the same number",
	"reg-missing PEXTRD":      "see reg-missing PEXTRB",
	"reg-missing PEXTRQ":      "see reg-missing PEXTRB",
	"rw-write-missing PEXTRB": "see reg-missing PEXTRB",
	"rw-write-missing PEXTRD": "see reg-missing PEXTRB",
	"rw-write-missing PEXTRQ": "see reg-missing PEXTRB",
	"reg-missing PINSRB":      "asm6.go yinsr takes Ymm for the r/m32 source: an MMX register is encoded as the general register of the same number",
	"reg-missing PINSRD":      "see reg-missing PINSRB",
	"reg-missing PINSRQ":      "see reg-missing PINSRB",
	"rw-read-missing PINSRB":  "see reg-missing PINSRB",
	"rw-read-missing PINSRD":  "see reg-missing PINSRB",
	"rw-read-missing PINSRQ":  "see reg-missing PINSRB",

	// 386: 64-bit-mode-only forms the assembler still emits.
	"undecodable SYSCALL":   "386: SYSCALL is invalid in 32-bit mode on Intel; x86asm rejects it",
	"undecodable SYSRET":    "386: SYSRET is invalid in 32-bit mode; x86asm rejects it",
	"undecodable SWAPGS":    "386: SWAPGS exists only in 64-bit mode",
	"reg-size KMOVQ":        "386: KMOVQ K, r64 is valid only in 64-bit mode; x86asm names RDX in 32-bit mode, the Effect the 4-byte register",
	"reg-size VMOVQ":        "386: VMOVQ X, r64 is valid only in 64-bit mode (see reg-size KMOVQ)",
	"reg-size VPBROADCASTQ": "386: VPBROADCASTQ from r64 is valid only in 64-bit mode (see reg-size KMOVQ)",
}

func testX86Machine(t *testing.T, arch string) {
	a := ArchFor(arch)
	lines := x86ProofLines(t, a, arch)
	asm := x86Assemble(t, a, lines)
	oracle := x86LoadOracle(t)
	fset := token.NewFileSet()
	f, err := asmparse.ParseFile(fset, "x86proof.s", []byte(asm.src), &asmparse.Config{GOARCH: arch})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	mode := 64
	if arch == "386" {
		mode = 32
	}
	diffs := map[string][]string{}
	compared, rwChecked := 0, 0
	for i := range f.Stmts {
		s := &f.Stmts[i]
		line := fset.Position(s.Pos).Line
		p, ok := asm.progs[line]
		if !ok || s.Op == "" || s.Op == "TEXT" || line > 2+len(lines) {
			continue
		}
		e := a.Lower(s, i)
		inst, err := x86asm.Decode(asm.code[p.pc:p.end], mode)
		if err != nil {
			x86Diff(diffs, "undecodable", s, fmt.Sprintf("% x: %v", asm.code[p.pc:p.end], err))
			continue
		}
		if inst.Len != p.end-p.pc {
			continue // the assembler emitted more than one instruction
		}
		compared++
		c := &x86Compare{t: t, a: a, s: s, e: e, inst: inst, diffs: diffs, oracle: oracle}
		c.flow()
		c.mem()
		c.regs()
		if c.rw() {
			rwChecked++
		}
	}
	var keys []string
	for k := range diffs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	bad := 0
	for _, k := range keys {
		if reason, ok := x86KnownDiffs[k]; ok {
			if testing.Verbose() {
				t.Logf("known: %s (%d): %s", k, len(diffs[k]), reason)
			}
			continue
		}
		bad++
		if bad <= 200 {
			t.Errorf("%s (%d): %s", k, len(diffs[k]), diffs[k][0])
		}
	}
	t.Logf("%s: %d distinct instructions, %d rejected by the assembler, %d compared with x86asm (%d also for read/write), %d kinds of difference",
		arch, len(lines), asm.rejected, compared, rwChecked, bad)
}

// x86ProofLines returns the distinct instructions of the corpus, rewritten
// to assemble on their own, and then one instruction for each operand
// form of the assembler's optab that the corpus does not use.
func x86ProofLines(t *testing.T, a *Arch, arch string) []string {
	seen := map[string]bool{}
	var out []string
	for _, xf := range x86Corpus(t, arch) {
		for i := range xf.file.Stmts {
			s := &xf.file.Stmts[i]
			if s.Op == "" || s.Bad || x86ProofSkip[s.Op] {
				continue
			}
			e := a.Lower(s, i)
			if e.Pseudo != NotPseudo || e.Attrs&AttrData != 0 || !e.Known {
				continue
			}
			if line, ok := x86Canon(a, s); ok && !seen[line] {
				seen[line] = true
				out = append(out, line)
			}
		}
	}
	sort.Strings(out)
	var probes []string
	for _, line := range x86Probes(t, arch) {
		if !seen[line] {
			seen[line] = true
			probes = append(probes, line)
		}
	}
	sort.Strings(probes)
	return append(out, probes...)
}

// x86ClassOperands gives example operands for the operand classes of the
// assembler's optab (cmd/internal/obj/x86/asm6.go, Yxxx); %d is the
// operand's position, so that operands differ.
var x86ClassOperands = map[string][]string{
	"Yi0": {"$0"}, "Yi1": {"$1"}, "Yu2": {"$1"}, "Yi8": {"$7"}, "Yu8": {"$7"}, "Yu7": {"$7"},
	"Ys32": {"$-100000"}, "Yi32": {"$100000"}, "Yi64": {"$0x123456789"},
	"Yal": {"AL"}, "Ycl": {"CL"}, "Yax": {"AX"}, "Ycx": {"CX"},
	"Yrb": {"GP8%d"}, "Yrl": {"GP%d"}, "Yrl32": {"GP%d"}, "Yrx": {"GP%d"},
	"Ymb": {"GP8%d", "8%d(BX)"}, "Yml": {"GP%d", "8%d(BX)"}, "Ym": {"8%d(BX)"},
	"Yrf": {"F2"}, "Yf0": {"F0"}, "Ybr": {"1(PC)"},
	"Ycs": {"CS"}, "Yss": {"SS"}, "Yds": {"DS"}, "Yes": {"ES"}, "Yfs": {"FS"}, "Ygs": {"GS"},
	"Ygdtr": {"GDTR"}, "Yidtr": {"IDTR"}, "Yldtr": {"LDTR"}, "Ymsw": {"MSW"}, "Ytask": {"TASK"},
	"Ymr": {"M%d"}, "Ymm": {"M%d", "8%d(BX)"}, "Yxr0": {"X0"},
	"Yxr": {"X%d"}, "YxrEvex": {"X2%d"}, "Yxm": {"X%d", "8%d(BX)"}, "YxmEvex": {"X2%d", "8%d(BX)"},
	"Yyr": {"Y%d"}, "YyrEvex": {"Y2%d"}, "Yym": {"Y%d", "8%d(BX)"}, "YymEvex": {"Y2%d", "8%d(BX)"},
	"Yzr": {"Z%d"}, "Yzm": {"Z%d", "8%d(BX)"},
	"Yxvm": {"8%d(BX)(X%d*4)"}, "YxvmEvex": {"8%d(BX)(X2%d*4)"}, "Yyvm": {"8%d(BX)(Y%d*4)"},
	"YyvmEvex": {"8%d(BX)(Y2%d*4)"}, "Yzvm": {"8%d(BX)(Z%d*4)"},
	"YxrEvexMulti4": {"[X20-X23]"}, "YyrEvexMulti4": {"[Y20-Y23]"}, "YzrMulti4": {"[Z20-Z23]"},
	"Yk0": {"K0"}, "Yknot0": {"K%d"}, "Yk": {"K%d"}, "Ykm": {"K%d", "8%d(BX)"},
}

func init() {
	for i := 0; i <= 8; i++ {
		x86ClassOperands[fmt.Sprintf("Ycr%d", i)] = []string{fmt.Sprintf("CR%d", i)}
		x86ClassOperands[fmt.Sprintf("Ydr%d", i)] = []string{fmt.Sprintf("DR%d", i)}
		x86ClassOperands[fmt.Sprintf("Ytr%d", i)] = []string{fmt.Sprintf("TR%d", i)}
	}
}

// x86Probes returns an instruction for every operand form of the optab,
// with each register-or-memory class both ways.
func x86Probes(t *testing.T, arch string) []string {
	gp := []string{"DX", "SI", "CX", "BP", "DI"}
	high := strings.NewReplacer("X2%d", "X%d", "Y2%d", "Y%d", "[X20-X23]", "[X4-X7]", "[Y20-Y23]", "[Y4-Y7]", "[Z20-Z23]", "[Z4-Z7]")
	gp8 := []string{"DL", "BL", "CL", "DH", "BH"}
	var out []string
	for _, f := range x86Optab(t) {
		if x86NotInstructions[f.op] || x86ProofSkip[f.op] {
			continue
		}
		if (f.op == "CALL" || f.op == "JMP") && len(f.classes) == 1 && f.classes[0] == "Yi32" {
			continue // a jump to a constant address
		}
		if f.op == "FLDENV" {
			continue // go1.26 fails on FLDENV 8(BX) with "asmand: bad address" and no line
		}
		lines := []string{"	" + f.op}
		for i, cl := range f.classes {
			alts, ok := x86ClassOperands[cl]
			if !ok {
				lines = nil // Ytls, Yindir, Yiauto: not written directly
				break
			}
			var next []string
			for _, l := range lines {
				for _, alt := range alts {
					if arch == "386" {
						// 386 has X0–X7; go1.26 assembles X20 on 386
						// into bytes that decode as BOUND.
						alt = high.Replace(alt)
					}
					alt = strings.ReplaceAll(alt, "GP8%d", gp8[i%len(gp8)])
					alt = strings.ReplaceAll(alt, "GP%d", gp[i%len(gp)])
					alt = strings.ReplaceAll(alt, "%d", strconv.Itoa(i+1))
					if f.op == "CALL" && alt == "1(PC)" {
						alt = "x86sym(SB)" // CALL 1(PC) crashes the assembler (go1.26: "call without target")
					}
					sep := ", "
					if i == 0 {
						sep = " "
					}
					next = append(next, l+sep+alt)
				}
			}
			lines = next
		}
		out = append(out, lines...)
	}
	return out
}

// x86Canon rewrites s to assemble in a function of its own: memory
// operands relative to symbols, FP and the pseudo-SP get a register base,
// unknown constants become numbers, branch targets one label.
func x86Canon(a *Arch, s *asmparse.Stmt) (string, bool) {
	// A base register that needs no REX prefix: with one, the assembler
	// encodes AH…BH as SPB…DIB.
	base := "DI"
	var ops []string
	for i := range s.Args {
		op := &s.Args[i]
		switch op.Kind {
		case asmparse.RegOp:
			if op.Reg() == "TLS" {
				return "", false
			}
			ops = append(ops, op.Reg())
		case asmparse.ImmOp:
			v := op.Val
			if op.Unresolved() != "" {
				v = 1
			}
			ops = append(ops, fmt.Sprintf("$%d", v))
		case asmparse.AddrOp:
			ops = append(ops, "$64")
		case asmparse.NameOp:
			if s.Op == "CALL" {
				ops = append(ops, "x86sym(SB)") // CALL 1(PC) crashes the assembler
				break
			}
			ops = append(ops, "1(PC)") // the next instruction: in reach of LOOP's rel8
		case asmparse.ListOp:
			l := op.List()
			if len(l) == 0 {
				return "", false
			}
			ops = append(ops, "["+l[0].Reg()+"-"+l[len(l)-1].Reg()+"]")
		case asmparse.MemOp:
			if op.Reg() == "TLS" || op.Index() == "TLS" || op.Index() == "FS" || op.Index() == "GS" {
				return "", false // thread-local: the assembler rewrites it
			}
			if s.Op == "CALL" && op.Reg() == "PC" {
				ops = append(ops, "x86sym(SB)")
				break
			}
			ops = append(ops, x86CanonMem(a, op, base))
		default:
			return "", false
		}
	}
	if len(ops) == 0 {
		return "\t" + s.Mnemonic(), true
	}
	return "\t" + s.Mnemonic() + " " + strings.Join(ops, ", "), true
}

func x86CanonMem(a *Arch, op *asmparse.Operand, base string) string {
	if op.Reg() == "PC" {
		return "1(PC)"
	}
	off := op.Val
	if op.Unresolved() != "" {
		off = 64
	}
	idx := ""
	if op.Index() != "" {
		scale := op.Scale
		if scale == 0 {
			scale = 1
		}
		idx = fmt.Sprintf("(%s*%d)", op.Index(), scale)
	}
	if op.Reg() == "SB" && idx == "" {
		return fmt.Sprintf("x86sym%+d(SB)", off)
	}
	b := op.Reg()
	if r, ok := a.Regs.Lookup(b); !ok || a.Regs.Info(r.Reg).Class != ClassGP || b == "SP" && op.Sym() != "" {
		b = base
	}
	return fmt.Sprintf("%d(%s)%s", off, b, idx)
}

// x86Asm is the assembled proof file.
type x86Asm struct {
	src      string
	code     []byte
	progs    map[int]x86Prog // by source line
	rejected int
}

type x86Prog struct{ pc, end int }

// x86Assemble assembles lines with `go tool asm -S`, blanking the lines
// it rejects (the rewriting can make an operand invalid) until it
// succeeds.
func x86Assemble(t *testing.T, a *Arch, lines []string) *x86Asm {
	arch := a.Name
	dir := t.TempDir()
	path := filepath.Join(dir, "x86proof.s")
	// Not -o /dev/null: cmd/asm removes its output file when assembly
	// fails (cmd/asm/main.go), and as root that removes /dev/null.
	obj := filepath.Join(dir, "x86proof.o")
	lines = append([]string(nil), lines...)
	res := &x86Asm{}
	// Errors: "asm: …(x86proof.s:12)…" or "x86proof.s:12: …", on stderr
	// or, with -S, mixed into the listing on stdout.
	lineRE := regexp.MustCompile(`(?m)^(?:asm: .*\(\S*|\S*)x86proof\.s:(\d+)[:)]`)
	const header = 2 // lines before lines[0]
	for try := 0; ; try++ {
		sp := x86SPSum(t, a, lines)
		src := "#include \"textflag.h\"\nTEXT ·x86proof(SB), NOSPLIT|NOFRAME, $0-0\n" + strings.Join(lines, "\n") + fmt.Sprintf("\n\tADJSP $%d\nx86end:\n\tRET\n", sp)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("go", "tool", "asm", "-e", "-S", "-p", "x86proof", "-I", filepath.Join(runtime.GOROOT(), "pkg", "include"), "-o", obj, path)
		cmd.Env = append(os.Environ(), "GOARCH="+arch, "GOOS=linux")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if err == nil {
			res.src = src
			res.parseListing(t, stdout.String())
			return res
		}
		msgs := stderr.String() + stdout.String()
		ms := lineRE.FindAllStringSubmatch(msgs, -1)
		if len(ms) == 0 || try > 20 {
			t.Fatalf("go tool asm: %v (try %d): %s", err, try, msgs[:min(4000, len(msgs))])
		}
		for _, m := range ms {
			n, _ := strconv.Atoi(m[1])
			if k := n - header - 1; k >= 0 && k < len(lines) && lines[k] != "" {
				if testing.Verbose() && res.rejected < 20 {
					t.Logf("rejected: %s", lines[k])
				}
				lines[k] = ""
				res.rejected++
			}
		}
	}
}

// x86SPSum returns the sum of the tracked SP changes of lines, which the
// proof function must undo before its RET.
func x86SPSum(t *testing.T, a *Arch, lines []string) int64 {
	fset := token.NewFileSet()
	f, _ := asmparse.ParseFile(fset, "sp.s", []byte(strings.Join(lines, "\n")), &asmparse.Config{GOARCH: a.Name})
	var sp int64
	for i := range f.Stmts {
		if e := a.Lower(&f.Stmts[i], i); e.SP.Tracked && e.SP.Kind == SPDelta {
			sp += e.SP.Delta
		}
	}
	return sp
}

var (
	x86ProgRE = regexp.MustCompile(`^\t0x([0-9a-f]+) \d+ \(.*:(\d+)\)\t`)
	x86HexRE  = regexp.MustCompile(`^\t0x([0-9a-f]+) ((?:[0-9a-f]{2} )*[0-9a-f]{2})`)
)

// parseListing reads the program and its bytes from `go tool asm -S`.
func (r *x86Asm) parseListing(t *testing.T, out string) {
	r.progs = map[int]x86Prog{}
	var pcs []int
	inText := false
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "\t") {
			inText = strings.Contains(l, " STEXT ")
			continue
		}
		if !inText {
			continue
		}
		if m := x86ProgRE.FindStringSubmatch(l); m != nil {
			pc, _ := strconv.ParseInt(m[1], 16, 64)
			line, _ := strconv.Atoi(m[2])
			pcs = append(pcs, int(pc))
			if _, dup := r.progs[line]; !dup {
				r.progs[line] = x86Prog{pc: int(pc)}
			}
			continue
		}
		if m := x86HexRE.FindStringSubmatch(l); m != nil {
			for _, h := range strings.Fields(m[2]) {
				b, _ := strconv.ParseUint(h, 16, 8)
				r.code = append(r.code, byte(b))
			}
		}
	}
	sort.Ints(pcs)
	for line, p := range r.progs {
		i := sort.SearchInts(pcs, p.pc)
		p.end = len(r.code)
		for j := i + 1; j < len(pcs); j++ {
			if pcs[j] > p.pc {
				p.end = pcs[j]
				break
			}
		}
		r.progs[line] = p
	}
	if len(r.code) == 0 {
		t.Fatalf("no code in listing")
	}
}

// x86Diff records a difference.
func x86Diff(diffs map[string][]string, kind string, s *asmparse.Stmt, detail string) {
	k := kind + " " + s.Op
	diffs[k] = append(diffs[k], fmt.Sprintf("%s %s: %s", s.Mnemonic(), x86ArgText(s), detail))
}

func x86ArgText(s *asmparse.Stmt) string {
	var parts []string
	for _, a := range s.Args {
		parts = append(parts, a.Text)
	}
	return strings.Join(parts, ", ")
}

// An x86Compare compares one lowered statement with its decoding.
type x86Compare struct {
	t      *testing.T
	a      *Arch
	s      *asmparse.Stmt
	e      Inst
	inst   x86asm.Inst
	diffs  map[string][]string
	oracle *x86Oracle
}

func (c *x86Compare) diff(kind, format string, args ...any) {
	x86Diff(c.diffs, kind, c.s, fmt.Sprintf(format, args...)+" [decoded "+c.inst.String()+"]")
}

func (c *x86Compare) args() []x86asm.Arg {
	var out []x86asm.Arg
	for _, a := range c.inst.Args {
		if a != nil {
			out = append(out, a)
		}
	}
	return out
}

// flow compares where control goes.
func (c *x86Compare) flow() {
	op := c.inst.Op.String()
	want := FlowNext
	args := c.args()
	switch {
	case op == "JMP" || op == "LJMP":
		want = FlowJump
		if len(args) > 0 {
			if _, rel := args[0].(x86asm.Rel); !rel {
				want = FlowIndirect
			}
		}
	case op == "CALL" || op == "LCALL":
		want = FlowCall
	case op == "RET" || op == "LRET" || strings.HasPrefix(op, "IRET") || op == "SYSRET" || op == "SYSEXIT" || op == "RSM":
		want = FlowReturn
	case op[0] == 'J' || strings.HasPrefix(op, "LOOP") || op == "XBEGIN":
		want = FlowCondJump
	case strings.HasPrefix(op, "UD") || op == "HLT" || op == "INT" && len(args) == 1 && args[0] == x86asm.Imm(3) || op == "ICEBP":
		want = FlowHalt
	}
	got := c.e.Flow
	if got == FlowTailCall && want == FlowJump {
		got = FlowJump
	}
	if got != want {
		c.diff("flow", "Effect flow %s, machine %s", got, want)
	}
}

// x86ImplicitMem are instructions whose memory operands the decoder
// lists although the Go form names none (string instructions and stores
// through DI); the Effect does not list implicit memory.
var x86ImplicitMem = map[string]bool{
	"MOVSB": true, "MOVSW": true, "MOVSD": true, "MOVSQ": true, "CMPSB": true, "CMPSW": true, "CMPSD": true, "CMPSQ": true,
	"STOSB": true, "STOSW": true, "STOSD": true, "STOSQ": true, "LODSB": true, "LODSW": true, "LODSD": true, "LODSQ": true,
	"SCASB": true, "SCASW": true, "SCASD": true, "SCASQ": true, "INSB": true, "INSW": true, "INSD": true,
	"OUTSB": true, "OUTSW": true, "OUTSD": true, "XLATB": true, "MASKMOVQ": true, "MASKMOVDQU": true, "VMASKMOVDQU": true,
}

// mem compares memory operands: address and size.
func (c *x86Compare) mem() {
	var dm []x86asm.Mem
	for _, a := range c.args() {
		if m, ok := a.(x86asm.Mem); ok {
			dm = append(dm, m)
		}
	}
	if x86ImplicitMem[c.inst.Op.String()] {
		return
	}
	var em []Mem
	for _, m := range c.e.Mem() {
		em = append(em, m)
	}
	if c.e.Flow == FlowCall || c.e.Flow == FlowJump || c.e.Flow == FlowTailCall {
		if c.e.Target().Sym != "" {
			return // a direct call or jump: the decoder shows a Rel
		}
	}
	if len(dm) != len(em) {
		c.diff("mem-count", "Effect has %d memory operands, machine %d", len(em), len(dm))
		return
	}
	for k, m := range em {
		d := dm[k]
		c.memAddr(m, d)
		if m.Addr {
			continue
		}
		want := c.inst.MemBytes
		switch {
		case want == 0:
		case m.Size == 0:
			c.diff("mem-size-unknown", "machine accesses %d bytes", want)
		case m.Size != want:
			c.diff("mem-size", "Effect %d bytes, machine %d", m.Size, want)
		}
	}
}

func (c *x86Compare) memAddr(m Mem, d x86asm.Mem) {
	switch m.Base {
	case BaseSB:
		if d.Base != x86asm.RIP && d.Base != 0 {
			c.diff("mem-base", "Effect SB, machine %v", d.Base)
		}
		return
	case BaseReg, BaseSP:
		if u, _ := x86Unit(d.Base); c.a.Regs.Reg(u) != m.Reg {
			c.diff("mem-base", "Effect %s, machine %v", c.a.Regs.Name(m.Reg), d.Base)
		}
	default:
		c.diff("mem-base", "Effect base %s", m.Base)
	}
	if u, _ := x86Unit(d.Index); c.a.Regs.Reg(u) != m.Index {
		c.diff("mem-index", "Effect %s, machine %v", c.a.Regs.Name(m.Index), d.Index)
	} else if m.Index != NoReg && int(d.Scale) != m.Scale {
		c.diff("mem-scale", "Effect %d, machine %d", m.Scale, d.Scale)
	}
	if d.Disp > 1<<31-1 && d.Disp < 1<<32 {
		d.Disp = int64(int32(d.Disp)) // x86asm does not sign-extend every disp32
	}
	if m.OffOK && int32(d.Disp) != int32(m.Off) { // the assembler keeps 32 bits
		c.diff("mem-disp", "Effect %d, machine %d", m.Off, d.Disp)
	}
}

// regs checks that every register the machine instruction names is in
// the Effect, general registers at no less than their decoded width.
func (c *x86Compare) regs() {
	for _, a := range c.args() {
		r, ok := a.(x86asm.Reg)
		if !ok {
			continue
		}
		name, size := x86Unit(r)
		if name == "" {
			continue
		}
		u := c.a.Regs.Reg(name)
		refs := c.refs(u)
		if len(refs) == 0 {
			c.diff("reg-missing", "Effect does not use %v", r)
			continue
		}
		info := c.a.Regs.Info(u)
		if info.Class != ClassGP {
			continue
		}
		widest := 0
		for _, ref := range refs {
			n := int(ref.Size)
			if n == 0 {
				n = int(info.Size)
			}
			widest = max(widest, n)
		}
		if widest < size {
			c.diff("reg-size", "Effect accesses %d bytes of %s, machine names %v", widest, name, r)
		}
	}
}

// refs returns the Effect's accesses to unit u.
func (c *x86Compare) refs(u Reg) []RegRef {
	var out []RegRef
	for _, rs := range [][]RegRef{c.e.Reads(), c.e.Writes()} {
		for _, r := range rs {
			if r.Reg == u {
				out = append(out, r)
			}
		}
	}
	return out
}

func (c *x86Compare) has(rs []RegRef, u Reg) bool {
	for _, r := range rs {
		if r.Reg == u {
			return true
		}
	}
	return false
}

// rw compares reads and writes with the oracle's actions for the decoded
// operands, and reports whether the oracle knew the instruction.
func (c *x86Compare) rw() bool {
	if c.oracle == nil {
		return false
	}
	args := c.args()
	acts := c.oracle.actions(c.inst, args)
	if acts == nil {
		return false
	}
	written := map[Reg]bool{}
	for i, a := range args {
		if r, ok := a.(x86asm.Reg); ok && strings.Contains(acts[i], "w") {
			name, _ := x86Unit(r)
			written[c.a.Regs.Reg(name)] = true
		}
	}
	implicit := map[Reg]bool{}
	if f := c.a.pick(c.s.Op, len(c.s.Args)); f != nil {
		for _, r := range f.write {
			implicit[r.Reg] = true
		}
	}
	mi := 0
	for i, a := range args {
		act := acts[i]
		if act == "?" {
			if _, ok := a.(x86asm.Mem); ok {
				mi++
			}
			continue
		}
		switch a := a.(type) {
		case x86asm.Reg:
			name, _ := x86Unit(a)
			if name == "" {
				continue
			}
			u := c.a.Regs.Reg(name)
			switch {
			case strings.Contains(act, "w") && !c.has(c.e.Writes(), u):
				c.diff("rw-write-missing", "machine writes %v", a)
			case !strings.Contains(act, "w") && c.has(c.e.Writes(), u) && !written[u] && !implicit[u]:
				c.diff("rw-write-extra", "machine only reads %v", a)
			}
			if strings.Contains(act, "r") && !c.has(c.e.Reads(), u) {
				c.diff("rw-read-missing", "machine reads %v", a)
			}
		case x86asm.Mem:
			if mi >= len(c.e.Mem()) || x86ImplicitMem[c.inst.Op.String()] {
				continue
			}
			m := c.e.Mem()[mi]
			mi++
			wantAddr := act == "a"
			wantR, wantW := strings.Contains(act, "r"), strings.Contains(act, "w")
			switch {
			case m.Addr != wantAddr:
				c.diff("rw-mem", "Effect address-only %v, oracle %q", m.Addr, act)
			case !m.Addr && (m.Read != wantR || m.Write != wantW):
				c.diff("rw-mem", "Effect read %v write %v, oracle %q", m.Read, m.Write, act)
			}
		}
	}
	return true
}

// x86Unit returns the frame register name of a decoded register and its
// size in bytes, or "" for the instruction pointer.
func x86Unit(r x86asm.Reg) (string, int) {
	gp := []string{"AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15"}
	switch {
	case r == 0:
		return "", 0
	case r >= x86asm.AL && r <= x86asm.BL:
		return gp[r-x86asm.AL], 1
	case r >= x86asm.AH && r <= x86asm.BH:
		return gp[r-x86asm.AH], 1
	case r >= x86asm.SPB && r <= x86asm.R15B:
		return gp[4+r-x86asm.SPB], 1
	case r >= x86asm.AX && r <= x86asm.R15W:
		return gp[r-x86asm.AX], 2
	case r >= x86asm.EAX && r <= x86asm.R15L:
		return gp[r-x86asm.EAX], 4
	case r >= x86asm.RAX && r <= x86asm.R15:
		return gp[r-x86asm.RAX], 8
	case r >= x86asm.F0 && r <= x86asm.F7:
		return fmt.Sprintf("F%d", r-x86asm.F0), 10
	case r >= x86asm.M0 && r <= x86asm.M7:
		return fmt.Sprintf("F%d", r-x86asm.M0), 8
	case r >= x86asm.X0 && r <= x86asm.X31:
		return fmt.Sprintf("X%d", r-x86asm.X0), 16
	case r >= x86asm.Y0 && r <= x86asm.Y31:
		return fmt.Sprintf("X%d", r-x86asm.Y0), 32
	case r >= x86asm.Z0 && r <= x86asm.Z31:
		return fmt.Sprintf("X%d", r-x86asm.Z0), 64
	case r >= x86asm.K0 && r <= x86asm.K7:
		return fmt.Sprintf("K%d", r-x86asm.K0), 8
	case r == x86asm.IP || r == x86asm.EIP || r == x86asm.RIP:
		return "", 0
	}
	return r.String(), 0 // segment, control, debug, task registers
}

// An x86Oracle knows which operands an instruction reads and writes, in
// Intel order: x86.v0.2.csv for legacy instructions, XED for VEX and
// EVEX ones.
type x86Oracle struct {
	csv map[string][]x86data.Row
	xed map[string][]x86XEDForm
}

type x86XEDForm struct {
	kinds []string // "m", "i", "v" (vector register), "g", "k"
	acts  []string
	mask  int // index of the optional opmask, or -1
}

// x86LoadOracle reads the CSV and XED from golang.org/x/arch in the
// module cache; it returns nil (and the read/write check is skipped) if
// they cannot be found.
func x86LoadOracle(t *testing.T) *x86Oracle {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/arch").Output()
	if err != nil {
		t.Logf("no golang.org/x/arch: read/write not checked: %v", err)
		return nil
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "x86")
	rows, err := x86data.LoadCSV(filepath.Join(dir, "x86.v0.2.csv"))
	if err != nil {
		t.Fatal(err)
	}
	o := &x86Oracle{csv: map[string][]x86data.Row{}, xed: map[string][]x86XEDForm{}}
	for _, r := range rows {
		if !strings.HasPrefix(r.Encoding, "VEX") && !strings.HasPrefix(r.Encoding, "EVEX") {
			o.csv[r.IntelOp] = append(o.csv[r.IntelOp], r)
		}
	}
	xedDir := filepath.Join(dir, "x86avxgen", "testdata", "xedpath")
	db, err := xeddata.NewDatabase(xedDir)
	if err != nil {
		t.Fatal(err)
	}
	err = xeddata.WalkInsts(xedDir, func(inst *xeddata.Inst) {
		pset := xeddata.NewPatternSet(xeddata.ExpandStates(db, inst.Pattern))
		if !pset.Is("VEX") && !pset.Is("EVEX") {
			return
		}
		f := x86XEDForm{mask: -1}
		for _, field := range strings.Fields(inst.Operands) {
			x, err := xeddata.NewOperand(db, field)
			if err != nil || x.Action == "" || !x.IsVisible() {
				continue
			}
			kind, rhs := "v", x.NameRHS()
			switch {
			case strings.HasPrefix(x.NameLHS(), "MEM"):
				kind = "m"
			case strings.HasPrefix(x.NameLHS(), "IMM"):
				kind = "i"
			case strings.Contains(rhs, "GPR"):
				kind = "g"
			case strings.HasPrefix(rhs, "MASK"):
				kind = "k"
			}
			if rhs == "MASK1()" {
				f.mask = len(f.kinds)
			}
			act := x.Action
			if len(f.acts) == 0 && x86data.XEDWriteOnlyDest[inst.Iclass] {
				act = "w"
			}
			f.kinds = append(f.kinds, kind)
			f.acts = append(f.acts, act)
		}
		o.xed[inst.Iclass] = append(o.xed[inst.Iclass], f)
	})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// actions returns the action of each decoded operand: the oracle's, if
// every form that fits the operands agrees, else "?".
func (o *x86Oracle) actions(inst x86asm.Inst, args []x86asm.Arg) []string {
	op := strings.TrimSuffix(inst.Op.String(), "_XMM")
	var cands [][]string
	if forms, ok := o.xed[op]; ok {
		for _, f := range forms {
			if acts := f.fit(args); acts != nil {
				cands = append(cands, acts)
			}
		}
	} else {
		for _, r := range o.csv[op] {
			if x86CSVFits(r.IntelArgs, args) {
				cands = append(cands, r.Actions)
			}
		}
	}
	if len(cands) == 0 {
		return nil
	}
	out := make([]string, len(args))
	for i := range args {
		out[i] = cands[0][i]
		for _, c := range cands[1:] {
			if x86Norm(c[i]) != x86Norm(out[i]) {
				out[i] = "?"
			}
		}
		out[i] = x86Norm(out[i])
	}
	return out
}

// x86Norm reduces an action to "r", "w", "rw" or "a" (XED's conditional
// "cw", "rcw" … count as plain).
func x86Norm(act string) string {
	if act == "?" || act == "a" {
		return act
	}
	s := ""
	if strings.Contains(act, "r") {
		s += "r"
	}
	if strings.Contains(act, "w") {
		s += "w"
	}
	return s
}

// fit returns the form's actions for the decoded operands, or nil.
func (f x86XEDForm) fit(args []x86asm.Arg) []string {
	kinds, acts := f.kinds, f.acts
	if len(kinds) == len(args)+1 && f.mask >= 0 {
		kinds = append(append([]string{}, kinds[:f.mask]...), kinds[f.mask+1:]...)
		acts = append(append([]string{}, acts[:f.mask]...), acts[f.mask+1:]...)
	}
	if len(kinds) != len(args) {
		return nil
	}
	for i, a := range args {
		if x86ArgKind(a) != kinds[i] {
			return nil
		}
	}
	return acts
}

func x86ArgKind(a x86asm.Arg) string {
	switch a := a.(type) {
	case x86asm.Mem:
		return "m"
	case x86asm.Imm:
		return "i"
	case x86asm.Reg:
		switch name, _ := x86Unit(a); {
		case strings.HasPrefix(name, "X"):
			return "v"
		case strings.HasPrefix(name, "K"):
			return "k"
		}
		return "g"
	}
	return "?"
}

// x86CSVFits reports whether decoded operands fit the Intel operand names
// of a CSV row.
func x86CSVFits(names []string, args []x86asm.Arg) bool {
	if len(names) != len(args) {
		return false
	}
	for i, a := range args {
		if !x86CSVArgFits(names[i], a) {
			return false
		}
	}
	return true
}

func x86CSVArgFits(name string, a x86asm.Arg) bool {
	switch a := a.(type) {
	case x86asm.Imm:
		return strings.HasPrefix(name, "imm") || name == "0" || name == "1" || name == "3"
	case x86asm.Rel:
		return strings.HasPrefix(name, "rel")
	case x86asm.Mem:
		return strings.HasPrefix(name, "m") && !strings.HasPrefix(name, "mm") || strings.Contains(name, "/m")
	case x86asm.Reg:
		unit, size := x86Unit(a)
		reg, _, _ := strings.Cut(name, "/")
		switch {
		case reg == "xmm1" || reg == "xmm2" || reg == "<XMM0>":
			return strings.HasPrefix(unit, "X") && size == 16
		case reg == "mm1" || reg == "mm2":
			return strings.HasPrefix(a.String(), "M")
		case strings.HasPrefix(reg, "ST("):
			return strings.HasPrefix(a.String(), "F")
		case reg == "Sreg" || len(reg) == 2 && reg[1] == 'S':
			return len(a.String()) == 2 && a.String()[1] == 'S' && (reg == "Sreg" || reg == a.String())
		case strings.HasPrefix(reg, "CR") || strings.HasPrefix(reg, "DR"):
			return strings.HasPrefix(a.String(), reg[:2])
		case reg == "AL" || reg == "AX" || reg == "EAX" || reg == "RAX" || reg == "CL" || reg == "DX":
			return a.String() == reg
		}
		want := map[string]int{"r8": 1, "r16": 2, "r32": 4, "r64": 8, "rmr16": 2, "rmr32": 4, "rmr64": 8}[strings.TrimSuffix(reg, "op")]
		if want == 0 && strings.HasPrefix(reg, "r") && reg != "r" {
			return false
		}
		if reg == "r" { // r/m8 …
			want, _ = strconv.Atoi(strings.TrimPrefix(name, "r/m"))
			want /= 8
		}
		return size == want && unit != "" && !strings.HasPrefix(unit, "X") && !strings.HasPrefix(unit, "K") && !strings.HasPrefix(unit, "F")
	}
	return false
}

// TestX86ImplicitXED checks the implicit general registers of the VEX
// and EVEX instructions against XED's suppressed operands (MULX reads
// DX, VPCMPESTRI reads AX and DX and writes CX …).
func TestX86ImplicitXED(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/arch").Output()
	if err != nil {
		t.Skipf("no golang.org/x/arch: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "x86", "x86avxgen", "testdata", "xedpath")
	db, err := xeddata.NewDatabase(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := ArchFor("amd64")
	regRE := regexp.MustCompile(`^XED_REG_[ER]?([ABCD]X|SI|DI)$`)
	checked := 0
	err = xeddata.WalkInsts(dir, func(inst *xeddata.Inst) {
		pset := xeddata.NewPatternSet(xeddata.ExpandStates(db, inst.Pattern))
		if !pset.Is("VEX") && !pset.Is("EVEX") {
			return
		}
		for _, field := range strings.Fields(inst.Operands) {
			x, err := xeddata.NewOperand(db, field)
			if err != nil || x.Visibility != xeddata.VisSuppressed {
				continue
			}
			m := regRE.FindStringSubmatch(x.NameRHS())
			if m == nil {
				continue
			}
			u := a.Regs.Reg(m[1])
			for _, op := range []string{inst.Iclass, inst.Iclass + "L", inst.Iclass + "Q"} {
				ent, _ := a.compiled.get(op)
				if ent == nil {
					continue
				}
				for _, f := range ent.forms {
					checked++
					if strings.Contains(x.Action, "r") && !slices.ContainsFunc(f.read, func(r RegRef) bool { return r.Reg == u }) {
						t.Errorf("%s/%d does not read %s (XED %s)", op, f.N, m[1], field)
					}
					if strings.Contains(x.Action, "w") && !slices.ContainsFunc(f.write, func(r RegRef) bool { return r.Reg == u }) {
						t.Errorf("%s/%d does not write %s (XED %s)", op, f.N, m[1], field)
					}
				}
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("no implicit registers found in XED")
	}
}
