package main

import (
	"log"
	"strings"

	"github.com/asmcheck/asmcheck/frame/internal/gen/x86/x86data"
)

// csvHand lists Go mnemonics whose forms frame/x86.go writes by hand
// (branches, stack operations, port I/O whose Go form has implicit
// operands, far transfers), so their CSV rows are not used.
var csvHand = map[string]bool{
	"CALL": true, "JMP": true, "RET": true, "LOOP": true, "LOOPEQ": true, "LOOPNE": true,
	"JCXZL": true, "JCXZQ": true, "JCXZW": true, "XBEGIN": true, "INT": true,
	"PUSHW": true, "PUSHL": true, "PUSHQ": true, "POPW": true, "POPL": true, "POPQ": true,
	"ENTER": true, "INB": true, "INW": true, "INL": true, "OUTB": true, "OUTW": true, "OUTL": true,
}

// csvOrder gives the Intel operand index of each Go operand where the Go
// assembler does not simply reverse Intel's order and the CSV's Go column
// gets it wrong: the SSE compares take the predicate last
// (cmd/internal/obj/x86/asm6.go yxcmpi: Yxm, Yxr, Yi8), BOUND keeps
// Intel's order.
var csvOrder = map[string][]int{
	"BOUND": {0, 1}, // asm6.go yrl_m: Yrl, Ym
	"CMPPS": {1, 0, 2},
	"CMPPD": {1, 0, 2},
	"CMPSS": {1, 0, 2},
	"CMPSD": {1, 0, 2},
}

// readCSV adds the legacy (non-VEX) forms of x86.v0.2.csv.
func (g *gen) readCSV(path string) {
	rows, err := x86data.LoadCSV(path)
	if err != nil {
		log.Fatal(err)
	}
	for i := range rows {
		if fm := g.csvForm(&rows[i]); fm != nil {
			g.add(fm)
		}
	}
}

// csvForm converts one CSV row, or returns nil if it is not used.
func (g *gen) csvForm(row *x86data.Row) *form {
	if strings.HasPrefix(row.Encoding, "VEX") || strings.HasPrefix(row.Encoding, "EVEX") {
		return nil // XED describes these
	}
	iop, iargs, gop, gargs := row.IntelOp, row.IntelArgs, row.GoOp, row.GoArgs
	if i := strings.Index(gop, "{"); i > 0 {
		if anyHas(iargs, "Sreg") {
			return nil // MOVL to a segment register: MOVW's forms say it
		}
		gop = gop[:i] + gop[i+1:i+2] // SLDT{L/W} r32/m16 is SLDTL
	}
	if iop == "MOVSXD" && iargs[0] != "r64" {
		return nil // movsxd r16/r32 has no Go spelling
	}
	if isX87(iop) || strings.ContainsAny(gop, "/*{") || anyHas(iargs, "bnd", "mib", "ST(", "ptr16", "rel") {
		return nil
	}
	gop = csvGoName(iop, gop, iargs)
	if csvHand[gop] {
		return nil
	}
	if !g.names[gop] {
		g.skipped[gop] = true
		return nil
	}
	if strings.HasPrefix(iop, "CVTPI2") {
		// CVTPL2PS (BX), X1 is CVTDQ2PS: asm6.go's yxcvm2 tries the
		// Yxm form first, so the MMX form only takes a register.
		iargs = append([]string{}, iargs...)
		iargs[1] = "mm2"
		gargs = []string{"mm2", iargs[0]}
	}
	order := csvGoOrder(iop, iargs, gargs)
	fm := &form{op: gop, src: row.Intel}
	for _, ii := range order {
		a := csvOperand(iargs[ii])
		switch row.Actions[ii] {
		case "r":
			a.r = true
		case "w":
			a.w = true
		case "rw":
			a.r, a.w = true, true
		case "a":
			a.addr = true
		default:
			log.Fatalf("%s: action %q", row.Intel, row.Actions[ii])
		}
		fm.args = append(fm.args, a)
	}
	return fm
}

// csvGoName returns the Go mnemonic of a CSV row whose Go column is wrong.
func csvGoName(iop, gop string, iargs []string) string {
	switch {
	case iop == "MOVD":
		// Go's MOVD is MOVQ (cmd/asm/internal/arch/arch.go); movd is MOVL.
		return "MOVL"
	case strings.HasSuffix(iop, "2SI") && len(iargs) == 2 && iargs[0] == "r64":
		// CVTSD2SI r64 is CVTSD2SQ (asm6.go), not CVTSD2SL.
		return strings.TrimSuffix(gop, "L") + "Q"
	case iop == "IMUL" && len(iargs) == 3:
		return "IMUL3" + gop[len(gop)-1:]
	case strings.HasSuffix(iop, "2PI") || strings.HasPrefix(iop, "CVTPI2"):
		// The MMX conversions share their Go mnemonic with the SSE2 ones
		// (asm6.go: ACVTPS2PL's yxcvm1 has Yxm, Yxr and Yxm, Ymr):
		// CVTPS2PI is CVTPS2PL, CVTPI2PS is CVTPL2PS.
		return strings.NewReplacer("2PI", "2PL", "PI2", "PL2").Replace(iop)
	case iop == "MOVBE":
		// MOVBELL is an alias of MOVBEL (cmd/asm/internal/arch/arch.go).
		return gop[:len(gop)-1]
	}
	return gop
}

// csvGoOrder returns, for each Go operand, the index of the Intel operand.
func csvGoOrder(iop string, iargs, gargs []string) []int {
	if o, ok := csvOrder[iop]; ok && len(o) == len(iargs) {
		return o
	}
	order := make([]int, len(gargs))
	used := make([]bool, len(iargs))
	ok := len(gargs) == len(iargs)
	for k, ga := range gargs {
		found := -1
		for i, ia := range iargs {
			if !used[i] && ia == ga {
				found = i
				break
			}
		}
		if found < 0 {
			ok = false
			break
		}
		used[found] = true
		order[k] = found
	}
	if !ok {
		log.Fatalf("%s: cannot match Go operands %v to %v", iop, gargs, iargs)
	}
	return order
}

// csvOperand describes an operand by its Intel manual name.
func csvOperand(name string) operand {
	gp := map[string]int{
		"r8": 1, "r8op": 1, "AL": 1, "CL": 1,
		"r16": 2, "r16op": 2, "rmr16": 2, "AX": 2, "DX": 2,
		"r32": 4, "r32op": 4, "rmr32": 4, "EAX": 4,
		"r64": 8, "r64op": 8, "rmr64": 8, "RAX": 8,
	}
	mem := map[string]int{
		"m8": 1, "m16": 2, "m32": 4, "m64": 8, "m128": 16, "m256": 32,
		"m": -1, "mem": -1, "m2byte": 2, "m14/28byte": 28, "m94/108byte": 108, "m512byte": 512,
		"m16int": 2, "m32int": 4, "m64int": 8, "m32fp": 4, "m64fp": 8, "m80fp": 10, "m80bcd": 10, "m80dec": 10,
		"m16&16": 4, "m16&32": 6, "m32&32": 8, "m16&64": 10,
		"m16:16": 4, "m16:32": 6, "m16:64": 10,
		"moffs8": 1, "moffs16": 2, "moffs32": 4, "moffs64": 8,
	}
	rm := map[string]int{"r/m8": 1, "r/m16": 2, "r/m32": 4, "r/m64": 8}
	switch {
	case gp[name] != 0:
		return operand{reg: regGP, regSz: gp[name]}
	case rm[name] != 0:
		return operand{reg: regGP, regSz: rm[name], mem: true, memSz: rm[name]}
	case mem[name] != 0:
		return operand{mem: true, memSz: mem[name]}
	case strings.HasPrefix(name, "imm") || name == "0" || name == "1" || name == "3":
		return operand{imm: true}
	case name == "xmm1" || name == "xmm2" || name == "<XMM0>":
		return operand{reg: regVec, vecSz: 16}
	case name == "mm1" || name == "mm2":
		return operand{reg: regVec, vecSz: 8}
	case name == "Sreg" || len(name) == 2 && name[1] == 'S' || strings.HasPrefix(name, "CR") || strings.HasPrefix(name, "DR"):
		return operand{reg: regOther}
	}
	if reg, m, ok := strings.Cut(name, "/"); ok {
		a := csvOperand(m)
		r := csvOperand(reg)
		if !a.mem || r.reg == regNone {
			log.Fatalf("operand %q", name)
		}
		a.reg, a.regSz, a.vecSz = r.reg, r.regSz, r.vecSz
		if a.reg == regVec && a.memSz < a.vecSz {
			a.regSz = a.memSz // xmm2/m64: the low 8 bytes of the register
		}
		return a
	}
	log.Fatalf("unknown CSV operand %q", name)
	return operand{}
}

// isX87 reports whether the Intel mnemonic is an x87 instruction; Go
// spells those differently (FMOVD, FADDF …) and frame/x86.go lists them.
func isX87(op string) bool {
	return strings.HasPrefix(op, "F") && !strings.HasPrefix(op, "FXSAVE") && !strings.HasPrefix(op, "FXRSTOR")
}

func anyHas(args []string, subs ...string) bool {
	for _, a := range args {
		for _, s := range subs {
			if strings.Contains(a, s) {
				return true
			}
		}
	}
	return false
}
