package frame

import (
	"bufio"
	"fmt"
	"go/token"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/arch/arm64/arm64asm"
	"golang.org/x/arch/x86/x86asm"

	"github.com/asmcheck/asmcheck/asmparse"
)

// TestLayoutAgainstAssembler proves the amd64 and arm64 frame models of
// layout.go against the real assembler. One file per arch holds a TEXT
// for every case (frame sizes from $0 to past arm64's 0xf0 MOVD.W limit,
// NOSPLIT or not, with and without a call, NOFRAME, the negative frames
// each arch accepts); its body is three probes:
//
//	MOVQ x+0(FP), AX      (MOVD x+0(FP), R0)    → Args
//	MOVQ AX, a-8(SP)      (MOVD R0, a-8(SP))    → PseudoSP-8
//	CALL ·leaf(SB)        (BL ·leaf(SB))        when the case calls
//
// `go tool asm -S` assembles it, and the machine code is decoded with
// x86asm / arm64asm: the prologue the assembler wrote (the instructions
// of the TEXT line before the body) gives Size and the slots where BP, LR
// and R29 are saved; each probe's displacement from SP gives Args and
// PseudoSP. The slots that belong to the caller follow from the same
// facts one frame up (the caller's prologue saved R29 at -8 and LR at 0
// of its own SP, which is Size above ours; amd64's CALL pushed the return
// address at Size), and so does OutArgs: a callee's 0(FP) is its Args
// minus its Size, minus the return address CALL pushes on amd64.
func TestLayoutAgainstAssembler(t *testing.T) {
	for _, arch := range []string{"amd64", "arm64"} {
		t.Run(arch, func(t *testing.T) {
			cases := layoutCases(arch)
			src := layoutSource(arch, cases)
			syms := parseListings(runAsm(t, arch, src, "-S"))
			fns := lowerLayoutSource(t, arch, src)
			for i, c := range cases {
				l := syms["x."+c.name]
				if l == nil {
					t.Fatalf("%s: no listing", c.name)
				}
				got := measureLayout(t, arch, l)
				checkLayout(t, arch, c, fns[i+1].Layout(), got)
			}
		})
	}
}

// A layoutCase is one TEXT of the proof.
type layoutCase struct {
	name  string
	flags string
	frame int64
	call  bool
}

// layoutCases lists the cases for arch.
func layoutCases(arch string) []layoutCase {
	frames := []int64{0, 8, 16, 24, 32, 40, 48, 56, 64, 120, 224, 232, 240, 248, 256, 264, 1000, 1024, 4096}
	var cs []layoutCase
	add := func(flags string, frame int64, call bool) {
		name := fmt.Sprintf("c%d_%s_%d_%v", len(cs), strings.ReplaceAll(strings.ReplaceAll(flags, "|", "_"), "$", ""), frame, call)
		name = strings.ReplaceAll(name, "-", "m")
		cs = append(cs, layoutCase{name, flags, frame, call})
	}
	for _, f := range frames {
		for _, flags := range []string{"NOSPLIT", "0"} {
			add(flags, f, false)
			add(flags, f, true)
		}
	}
	add("NOSPLIT|NOFRAME", 0, false)
	add("NOSPLIT|NOFRAME", 0, true)
	add("NOSPLIT", -8, false)
	add("NOSPLIT", -8, true)
	add("0|NOFRAME", 0, true)
	add("0", -8, true)
	if arch == "amd64" {
		// obj6.go accepts NOFRAME with a frame (no BP, but ADJSP) and
		// other negative frames (as $0); obj7.go rejects both.
		add("NOSPLIT|NOFRAME", 16, false)
		add("NOSPLIT|NOFRAME", 24, true)
		add("NOSPLIT", -16, true)
		add("0", 112, false)
		add("0", 120, false)
		add("0|NOFRAME", 120, false)
		add("0|NOFRAME", 128, false)
	}
	return cs
}

// layoutSource writes the proof file for arch.
func layoutSource(arch string, cs []layoutCase) string {
	var b strings.Builder
	b.WriteString("#include \"textflag.h\"\n")
	b.WriteString("TEXT ·leaf(SB), NOSPLIT|NOFRAME, $0-16\n\tRET\n")
	load, store, call := "MOVQ x+0(FP), AX", "MOVQ AX, a-8(SP)", "CALL ·leaf(SB)"
	if arch == "arm64" {
		load, store, call = "MOVD x+0(FP), R0", "MOVD R0, a-8(SP)", "BL ·leaf(SB)"
	}
	for _, c := range cs {
		fmt.Fprintf(&b, "TEXT ·%s(SB), %s, $%d-16\n\t%s\n\t%s\n", c.name, c.flags, c.frame, load, store)
		if c.call {
			fmt.Fprintf(&b, "\t%s\n", call)
		}
		b.WriteString("\tRET\n")
	}
	return b.String()
}

func lowerLayoutSource(t *testing.T, arch, src string) []*Func {
	t.Helper()
	f, err := asmparse.ParseFile(token.NewFileSet(), "x.s", []byte(src), &asmparse.Config{GOARCH: arch})
	if err != nil {
		t.Fatal(err)
	}
	return Funcs(f, ArchFor(arch))
}

// symListing is the listing of one symbol: its Progs and machine code.
type symListing struct {
	text  int // the source line of TEXT
	progs []asmProg
	code  []byte
}

var listingSym = regexp.MustCompile(`^(\S+) STEXT `)

// parseListings splits -S output by symbol.
func parseListings(out string) map[string]*symListing {
	syms := map[string]*symListing{}
	var cur *symListing
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := listingSym.FindStringSubmatch(line); m != nil {
			cur = &symListing{}
			syms[m[1]] = cur
			continue
		}
		if cur == nil {
			continue
		}
		if m := listingProg.FindStringSubmatch(line); m != nil {
			pc, _ := strconv.Atoi(m[1])
			n, _ := strconv.Atoi(m[3])
			if m[4] == "TEXT" {
				cur.text = n
			}
			cur.progs = append(cur.progs, asmProg{pc: pc, line: n, op: m[4], args: m[5]})
			continue
		}
		if m := listingCode.FindStringSubmatch(line); m != nil {
			for _, h := range strings.Fields(m[2]) {
				v, _ := strconv.ParseUint(h, 16, 8)
				cur.code = append(cur.code, byte(v))
			}
		}
	}
	return syms
}

// measured is what the machine code says about a frame.
type measured struct {
	size            int64
	savedFP, saveLR int64 // NoSlot if not saved
	args, pseudoSP  int64
	prologue        []string
	tmp             int64 // arm64: the constant last moved into R27
	stackCheck      bool  // the listing calls runtime.morestack*
	reloadsLR       bool  // the epilogue loads R30 (LR) from the stack
}

// measureLayout decodes the prologue and the probes of one symbol.
func measureLayout(t *testing.T, arch string, l *symListing) measured {
	m := measured{savedFP: NoSlot, saveLR: NoSlot, args: NoSlot, pseudoSP: NoSlot}
	probe := 0
	for i, p := range l.progs {
		if p.op == "TEXT" || p.op == "FUNCDATA" || p.op == "PCDATA" {
			continue
		}
		end := len(l.code)
		for _, q := range l.progs[i+1:] {
			if q.pc > p.pc {
				end = q.pc
				break
			}
		}
		if strings.HasPrefix(p.args, "runtime.morestack") {
			m.stackCheck = true
		}
		if end <= p.pc {
			continue
		}
		code := l.code[p.pc:end]
		if p.line == l.text {
			if probe == 0 {
				measurePrologue(t, arch, code, &m)
			}
			continue
		}
		if arch == "arm64" {
			m.reloadsLR = m.reloadsLR || loadsLR(code)
		}
		probe++
		switch probe {
		case 1:
			m.args = spDisp(t, arch, code)
		case 2:
			m.pseudoSP = spDisp(t, arch, code) + 8
		}
	}
	return m
}

// measurePrologue reads one prologue instruction into m.
func measurePrologue(t *testing.T, arch string, code []byte, m *measured) {
	if arch == "amd64" {
		inst, err := x86asm.Decode(code, 64)
		if err != nil {
			t.Fatalf("decode %x: %v", code, err)
		}
		m.prologue = append(m.prologue, inst.String())
		switch {
		case inst.Op == x86asm.PUSH && inst.Args[0] == x86asm.RBP:
			m.size += 8
			m.savedFP = -m.size // fixed below: relative to the final SP
		case inst.Op == x86asm.SUB && inst.Args[0] == x86asm.RSP:
			m.size += int64(inst.Args[1].(x86asm.Imm))
		case inst.Op == x86asm.ADD && inst.Args[0] == x86asm.RSP: // ADJSP $128 is ADDQ $-128, SP
			m.size -= int64(inst.Args[1].(x86asm.Imm))
		}
		return
	}
	for at := 0; at+4 <= len(code); at += 4 {
		w := uint32(code[at]) | uint32(code[at+1])<<8 | uint32(code[at+2])<<16 | uint32(code[at+3])<<24
		inst, err := arm64asm.Decode(code[at : at+4])
		if err != nil {
			t.Fatalf("decode %08x: %v", w, err)
		}
		m.prologue = append(m.prologue, inst.String())
		measureARM64(t, inst, m)
	}
}

// arm64SubImm matches the large-frame prologue's SUB $A, RSP, R20.
var (
	arm64SubImm = regexp.MustCompile(`^SUB X20, SP, #(0x[0-9a-f]+|\d+)$`)
	arm64MovTmp = regexp.MustCompile(`^MOV X27, #(0x[0-9a-f]+|\d+)$`)
)

// measureARM64 reads one arm64 prologue instruction: the small-frame
// MOVD.W R30, -A(RSP) (STR X30, [SP,#-A]!) and MOVD R29, -8(RSP), or the
// large-frame SUB $A, RSP, R20; STP (R29, R30), -8(R20); MOVD R20, RSP
// (with A in R27 when it does not fit an immediate).
func measureARM64(t *testing.T, inst arm64asm.Inst, m *measured) {
	s := inst.String()
	mem, _ := memImm(inst)
	switch {
	case inst.Op == arm64asm.STR && inst.Args[0] == arm64asm.X30 && mem.mode == arm64asm.AddrPreIndex && mem.base == arm64asm.RegSP(arm64asm.SP):
		m.size = -mem.imm
		m.saveLR = 0
	case inst.Op == arm64asm.STUR && inst.Args[0] == arm64asm.X29 && mem.base == arm64asm.RegSP(arm64asm.SP):
		m.savedFP = mem.imm
	case arm64SubImm.MatchString(s):
		v, _ := strconv.ParseInt(arm64SubImm.FindStringSubmatch(s)[1], 0, 64)
		m.size = v
	case arm64MovTmp.MatchString(s):
		m.tmp, _ = strconv.ParseInt(arm64MovTmp.FindStringSubmatch(s)[1], 0, 64)
	case s == "SUB X20, SP, X27":
		m.size = m.tmp
	case inst.Op == arm64asm.STP && inst.Args[0] == arm64asm.X29 && inst.Args[1] == arm64asm.X30 && mem.base == arm64asm.RegSP(arm64asm.X20):
		// X20 is the new SP: R29 at imm, R30 (LR) at imm+8.
		m.savedFP, m.saveLR = mem.imm, mem.imm+8
	}
}

// loadsLR reports whether arm64 code loads X30 from memory.
func loadsLR(code []byte) bool {
	for at := 0; at+4 <= len(code); at += 4 {
		inst, err := arm64asm.Decode(code[at : at+4])
		if err != nil {
			continue
		}
		if (inst.Op == arm64asm.LDR || inst.Op == arm64asm.LDP) && slices.Contains(inst.Args[:], arm64asm.Arg(arm64asm.X30)) {
			return true
		}
	}
	return false
}

// armMem is the base, mode and offset of an arm64 memory operand.
type armMem struct {
	base arm64asm.RegSP
	mode arm64asm.AddrMode
	imm  int64
}

// memImm returns the MemImmediate operand of inst.
func memImm(inst arm64asm.Inst) (armMem, bool) {
	for _, a := range inst.Args {
		if mi, ok := a.(arm64asm.MemImmediate); ok {
			return armMem{mi.Base, mi.Mode, arm64Field(mi, "imm")}, true
		}
	}
	return armMem{}, false
}

// spDisp returns the displacement from SP of the one memory operand of a
// probe instruction.
func spDisp(t *testing.T, arch string, code []byte) int64 {
	if arch == "amd64" {
		inst, err := x86asm.Decode(code, 64)
		if err != nil {
			t.Fatalf("decode %x: %v", code, err)
		}
		for _, a := range inst.Args {
			if mem, ok := a.(x86asm.Mem); ok && mem.Base == x86asm.RSP {
				return mem.Disp
			}
		}
		t.Fatalf("probe %s: no SP operand", inst)
	}
	inst, err := arm64asm.Decode(code[:4])
	if err != nil {
		t.Fatalf("decode %x: %v", code, err)
	}
	mem, ok := memImm(inst)
	if !ok || mem.base != arm64asm.RegSP(arm64asm.SP) || mem.mode != arm64asm.AddrOffset {
		t.Fatalf("probe %s: no SP operand", inst)
	}
	return mem.imm
}

// checkLayout compares the model with the measurement.
func checkLayout(t *testing.T, arch string, c layoutCase, l Layout, m measured) {
	t.Helper()
	if arch == "amd64" && m.savedFP != NoSlot {
		m.savedFP += m.size // PUSHQ BP went below the entry SP, before ADJSP
	}
	var errs []string
	check := func(what string, model, machine int64) {
		if model != machine {
			errs = append(errs, fmt.Sprintf("%s: model %d, machine %d", what, model, machine))
		}
	}
	check("Size", l.Size, m.size)
	check("SavedFP", l.SavedFP, m.savedFP)
	check("SavedLR", l.SavedLR, m.saveLR)
	check("Args", l.Args, m.args)
	check("PseudoSP", l.PseudoSP, m.pseudoSP)
	check("LocalsHi", l.LocalsHi, m.pseudoSP)
	check("locals", l.LocalsHi-l.LocalsLo, max(c.frame, 0))
	if l.StackCheck != m.stackCheck {
		errs = append(errs, fmt.Sprintf("StackCheck %v, machine %v", l.StackCheck, m.stackCheck))
	}
	if l.Frameless != (m.size == 0) {
		errs = append(errs, fmt.Sprintf("Frameless %v, machine size %d", l.Frameless, m.size))
	}
	if arch == "amd64" {
		check("RetAddr", l.RetAddr, m.size) // CALL pushed it just above the frame
		check("OutArgs", l.OutArgs, m.args-m.size-8)
	} else {
		// The caller's prologue saved R29 at -8 and LR at 0 of its SP,
		// which is Size above ours (proven by every framed case here).
		check("CallerFP", l.CallerFP, m.size-8)
		check("CallerLR", l.CallerLR, m.size)
		check("OutArgs", l.OutArgs, m.args-m.size)
		if l.ReloadsLR != m.reloadsLR {
			errs = append(errs, fmt.Sprintf("ReloadsLR %v, machine %v", l.ReloadsLR, m.reloadsLR))
		}
		if m.size != 0 && (m.savedFP != -8 || m.saveLR != 0) {
			errs = append(errs, fmt.Sprintf("prologue saves R29 at %d and LR at %d, not -8 and 0", m.savedFP, m.saveLR))
		}
	}
	if len(errs) > 0 {
		t.Errorf("%s TEXT $%d %s call=%v:\n\t%s\n\tprologue: %s", arch, c.frame, c.flags, c.call,
			strings.Join(errs, "\n\t"), strings.Join(m.prologue, "; "))
	}
}
