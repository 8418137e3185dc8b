package asmparse

import (
	"bytes"
	"slices"
)

// RegisterArches narrows arches, the GOARCHes a file without a GOARCH in
// its name or build constraint is built for (every one), to those whose
// assembler would accept the registers its operands name: a file that
// names AX or R8 is x86 assembly, and the go command, which assembles it
// for every GOARCH, fails on the others (avo writes such files unless told
// to add a constraint). It returns arches itself when the operands tell
// nothing (no register that some of arches lacks) or the file tests
// GOARCH_… macros (its text differs by GOARCH), and never an empty list.
//
// An identifier counts when it stands where a register does: after the
// mnemonic, not after '$', '.', or a non-ASCII byte ('·'), and followed
// by the end of the statement, one of ,)].*:[ or a blank, or a shift (<<,
// >>), so that name+8(FP), sym(SB), sym<>(SB) and $CONST do not. Among the
// GOARCHes that no counted identifier rules out, only 386 and amd64 are
// kept when such an identifier is an operand of an SSE or AVX
// instruction (MOVSD, PXOR …: x86Words), and 386 is dropped when
// amd64 is left and the file uses amd64's own registers (R8–R15, SIB …)
// or 64-bit integer instructions (ADDQ, LEAQ, MOVLQZX …, MOVQ of a general
// register).
func RegisterArches(src []byte, arches []string) []string {
	if bytes.Contains(src, []byte("GOARCH_")) {
		// #ifdef GOARCH_amd64 …: the file is written for several.
		return arches
	}
	foreign := make([]int, len(arches))
	amd64Only, x86 := false, false
	eachOperandIdent(src, func(mnemonic, id string) {
		if amd64Words[mnemonic] {
			amd64Only = true
		}
		if x86Words[mnemonic] {
			x86 = true
		}
		known := false
		for _, a := range arches {
			if IsRegister(a, id) {
				known = true
				break
			}
		}
		if !known {
			return
		}
		if amd64Regs[id] || mnemonic == "MOVQ" && x86GPRs[id] {
			amd64Only = true
		}
		for i, a := range arches {
			if !IsRegister(a, id) {
				foreign[i]++
			}
		}
	})
	var out []string
	for i, a := range arches {
		if foreign[i] == 0 && (!x86 || a == "386" || a == "amd64") {
			out = append(out, a)
		}
	}
	if len(out) == 0 || len(out) == len(arches) {
		return arches
	}
	if amd64Only && slices.Contains(out, "amd64") {
		out = slices.DeleteFunc(out, func(a string) bool { return a == "386" })
	}
	return out
}

// amd64Regs are the registers only amd64 has. The parser reads R8–R15 on
// 386 too, as cmd/asm does (cmd/asm/internal/arch/arch.go, archX86, takes
// x86.Register for both); the 386 assembler rejects them when it encodes.
var amd64Regs = map[string]bool{
	"R8": true, "R9": true, "R10": true, "R11": true, "R12": true, "R13": true, "R14": true, "R15": true,
	"R8B": true, "R9B": true, "R10B": true, "R11B": true, "R12B": true, "R13B": true, "R14B": true, "R15B": true,
	"SPB": true, "BPB": true, "SIB": true, "DIB": true,
}

// x86GPRs are the general registers 386 and amd64 share, by their 32-
// and 64-bit name: 386 has MOVQ only for MMX and SSE registers.
var x86GPRs = map[string]bool{"AX": true, "BX": true, "CX": true, "DX": true, "SI": true, "DI": true, "BP": true}

// amd64Words are integer instructions that only amd64 has: 386 has
// MOVQ only for MMX and SSE registers, and none of these.
var amd64Words = map[string]bool{
	"ADDQ": true, "SUBQ": true, "CMPQ": true, "LEAQ": true, "ANDQ": true, "ORQ": true,
	"XORQ": true, "SHLQ": true, "SHRQ": true, "SARQ": true, "INCQ": true, "DECQ": true,
	"PUSHQ": true, "POPQ": true, "IMULQ": true, "MULQ": true, "NEGQ": true, "NOTQ": true,
	"TESTQ": true, "XCHGQ": true, "ADCQ": true, "SBBQ": true, "BSWAPQ": true, "MOVLQZX": true,
	"MOVBQZX": true, "MOVWQZX": true, "MOVLQSX": true, "MOVBQSX": true, "MOVWQSX": true,
}

// x86Words are SSE and AVX instructions that only the x86 assemblers know
// (cmd/internal/obj/x86/anames.go; none is in another arch's anames.go):
// a file of them whose operands name only X registers, which loong64 and
// riscv64 also have (X0 …), is x86 assembly.
var x86Words = map[string]bool{
	"MOVSD": true, "MOVSS": true, "ADDSD": true, "ADDSS": true, "SUBSD": true, "SUBSS": true,
	"MULSS": true, "DIVSD": true, "DIVSS": true, "SQRTSD": true, "SQRTSS": true,
	"MOVUPS": true, "MOVAPS": true, "MOVUPD": true, "MOVAPD": true, "MOVOU": true, "MOVO": true,
	"MOVOA": true, "PXOR": true, "PAND": true, "POR": true, "PADDD": true, "PADDQ": true,
	"PSHUFB": true, "PSHUFD": true, "PCMPEQB": true, "PMOVMSKB": true, "AESENC": true,
	"AESENCLAST": true, "AESDEC": true, "PCLMULQDQ": true, "VMOVDQU": true, "VPXOR": true,
	"VPADDD": true, "VPSHUFB": true, "XORPS": true, "ANDPS": true, "CVTSD2SS": true,
	"CVTSS2SD": true, "UCOMISD": true, "COMISD": true,
}

// eachOperandIdent calls f with the mnemonic and each identifier that
// stands where a register does in the statements of src (see
// RegisterArches), outside comments and directives; the lines of a
// #define body count as statements.
func eachOperandIdent(src []byte, f func(mnemonic, id string)) {
	inBlock := false
	for len(src) > 0 {
		var line []byte
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			line, src = src, nil
		}
		line = stripComments(line, &inBlock)
		t := bytes.TrimSpace(line)
		if len(t) > 0 && t[0] == '#' {
			// A directive. The lines that continue a #define are its
			// body: statements like any other, read below.
			continue
		}
		t = bytes.TrimSuffix(t, []byte{'\\'})
		for _, stmt := range bytes.Split(t, []byte{';'}) {
			operandIdents(stmt, f)
		}
	}
}

// stripComments returns line without its // and /* */ comments; inBlock
// carries an open /* from line to line.
func stripComments(line []byte, inBlock *bool) []byte {
	var out []byte
	for len(line) > 0 {
		if *inBlock {
			i := bytes.Index(line, []byte("*/"))
			if i < 0 {
				return out
			}
			line, *inBlock = line[i+2:], false
			continue
		}
		i := bytes.IndexByte(line, '/')
		if i < 0 || i+1 >= len(line) {
			return append(out, line...)
		}
		switch line[i+1] {
		case '/':
			return append(out, line[:i]...)
		case '*':
			out = append(append(out, line[:i]...), ' ')
			line, *inBlock = line[i+2:], true
		default:
			out = append(out, line[:i+1]...)
			line = line[i+1:]
		}
	}
	return out
}

// operandIdents calls f for the identifiers of one statement that stand
// where a register does.
func operandIdents(stmt []byte, f func(mnemonic, id string)) {
	i := 0
	word := func() (int, int) {
		for i < len(stmt) && (stmt[i] == ' ' || stmt[i] == '\t') {
			i++
		}
		start := i
		for i < len(stmt) && isIdentByte(stmt[i]) {
			i++
		}
		return start, i
	}
	// Labels, then the mnemonic with its suffixes.
	var mnemonic string
	for {
		s, e := word()
		if s == e {
			return
		}
		j := i
		for j < len(stmt) && (stmt[j] == ' ' || stmt[j] == '\t') {
			j++
		}
		if j < len(stmt) && stmt[j] == ':' {
			i = j + 1
			continue
		}
		mnemonic = string(stmt[s:e])
		for i < len(stmt) && stmt[i] != ' ' && stmt[i] != '\t' {
			i++ // .P, .EQ …
		}
		break
	}
	for i < len(stmt) {
		c := stmt[i]
		if !isIdentByte(c) || c >= '0' && c <= '9' {
			i++
			continue
		}
		start := i
		for i < len(stmt) && isIdentByte(stmt[i]) {
			i++
		}
		if start > 0 {
			switch p := stmt[start-1]; {
			case p == '$', p == '.', p >= 0x80:
				continue
			}
		}
		if i < len(stmt) {
			switch c := stmt[i]; {
			case c == ',', c == ')', c == ']', c == '.', c == '*', c == ':', c == '[', c == ' ', c == '\t':
			case (c == '<' || c == '>') && i+1 < len(stmt) && stmt[i+1] == c:
				// A shift, R1<<3; not sym<>(SB).
			default:
				continue
			}
		}
		f(mnemonic, string(stmt[start:i]))
	}
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
