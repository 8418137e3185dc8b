package asmparse

import (
	"go/token"
	"slices"
	"strings"
	"testing"
)

// parseString parses src as a file of the given arch with no predefined
// macros other than the defaults.
func parseString(t testing.TB, arch, src string) (*token.FileSet, *File, error) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := ParseFile(fset, "x.s", []byte(src), &Config{GOARCH: arch, GOOS: "linux"})
	return fset, f, err
}

// An operandCase is one instruction and the description (see describe)
// of each of its operands.
type operandCase struct {
	arch string
	src  string // one statement
	mnem string // the mnemonic with its suffix
	want []string
}

var operandCases = []operandCase{
	// Registers, every arch.
	{"amd64", "MOVQ AX, R15", "MOVQ", []string{"register reg=AX", "register reg=R15"}},
	{"amd64", "VMOVDQU Y1, Z31", "VMOVDQU", []string{"register reg=Y1", "register reg=Z31"}},
	{"amd64", "MOVQ g, AX", "MOVQ", []string{"register reg=g", "register reg=AX"}},
	{"386", "MOVL AX, SP", "MOVL", []string{"register reg=AX", "register reg=SP"}},
	{"arm", "MOVW R(10), R1", "MOVW", []string{"register reg=g", "register reg=R1"}},
	{"arm", "MOVW R(9), R1", "MOVW", []string{"register reg=R9", "register reg=R1"}},
	{"arm64", "MOVD RSP, R1", "MOVD", []string{"register reg=RSP", "register reg=R1"}},
	{"arm64", "MOVD ZR, g", "MOVD", []string{"register reg=ZR", "register reg=g"}},
	{"ppc64le", "MOVD R1, CTR", "MOVD", []string{"register reg=R1", "register reg=CTR"}},
	{"ppc64le", "MOVFL CR1, R1", "MOVFL", []string{"register reg=CR1", "register reg=R1"}},
	{"ppc64le", "MOVD R(3), F(1)", "MOVD", []string{"register reg=R3", "register reg=F1"}},
	{"ppc64le", "MOVD SPR(268), R1", "MOVD", []string{"register reg=SPR268", "register reg=R1"}},
	{"riscv64", "MOV X10, A0", "MOV", []string{"register reg=X10", "register reg=A0"}},
	{"s390x", "MOVD R1, AR(2)", "MOVD", []string{"register reg=R1", "register reg=AR2"}},
	{"mips64le", "MOVV R1, HI", "MOVV", []string{"register reg=R1", "register reg=HI"}},
	{"loong64", "MOVV R1, FCC(3)", "MOVV", []string{"register reg=R1", "register reg=FCC3"}},
	{"wasm", "Get SP", "Get", []string{"register reg=SP"}},

	// Register pairs and lists.
	{"arm64", "LDP (R1), (R2, R3)", "LDP", []string{"memory reg=R1", "register pair reg=R2 reg2=R3"}},
	{"arm", "MOVM.IA [R0,R2-R4], (R1)", "MOVM.IA", []string{"register list [reg=R0; reg=R2; reg=R3; reg=R4]", "memory reg=R1"}},
	{"arm", "MOVM.DB.W [R9-R11], (R13)", "MOVM.DB.W", []string{"register list [reg=R9; reg=g; reg=R11]", "memory reg=R13"}},
	{"arm", "MULLU R1, R2, (R3, R4)", "MULLU", []string{"register reg=R1", "register reg=R2", "register pair reg=R3 reg2=R4"}},
	{"386", "SHLL CX, AX:DX", "SHLL", []string{"register reg=CX", "register reg=DX", "register reg=AX"}},
	{"ppc64le", "MOVD (R3+R4), R5", "MOVD", []string{"memory reg=R3 reg2=R4", "register reg=R5"}},

	// arm64 arrangements, elements, lanes, lists.
	{"arm64", "VADD V1.B16, V2.B16, V3.B16", "VADD", []string{"register reg=V1 ext=B16", "register reg=V2 ext=B16", "register reg=V3 ext=B16"}},
	{"arm64", "VLD1 (R0), [V0.S4, V1.S4]", "VLD1", []string{"memory reg=R0", "register list [reg=V0 ext=S4; reg=V1 ext=S4]"}},
	{"arm64", "VMOV V1.D[1], R2", "VMOV", []string{"register reg=V1 ext=D lane=1", "register reg=R2"}},
	{"arm64", "VLD1 (R0), [V1.S, V2.S][1]", "VLD1", []string{"memory reg=R0", "register list lane=1 [reg=V1 ext=S; reg=V2 ext=S]"}},
	{"arm64", "VST1.P [V1.B16, V2.B16], 32(R1)", "VST1.P", []string{"register list [reg=V1 ext=B16; reg=V2 ext=B16]", "memory reg=R1 val=32"}},

	// Shifted and extended registers.
	{"arm64", "ADD R1<<3, R2, R3", "ADD", []string{"register reg=R1 shift=<<3", "register reg=R2", "register reg=R3"}},
	{"arm64", "EOR R1 @> 64-27, R2, R2", "EOR", []string{"register reg=R1 shift=@>37", "register reg=R2", "register reg=R2"}},
	{"arm64", "ADD R1<<2+1, R2, R2", "ADD", []string{"register reg=R1 shift=<<3", "register reg=R2", "register reg=R2"}},
	{"arm64", "ADD R1->63, R2", "ADD", []string{"register reg=R1 shift=->63", "register reg=R2"}},
	{"arm64", "ADD R1.UXTW<<2, R2, R3", "ADD", []string{"register reg=R1 ext=UXTW shift=<<2", "register reg=R2", "register reg=R3"}},
	{"arm64", "ADD R1.SXTX, RSP, R3", "ADD", []string{"register reg=R1 ext=SXTX", "register reg=RSP", "register reg=R3"}},
	{"arm", "ADD R1@>R2, R3", "ADD", []string{"register reg=R1 shift=@>R2", "register reg=R3"}},
	{"arm", "MOVW R1>>(4), R2", "MOVW", []string{"register reg=R1 shift=>>4", "register reg=R2"}},
	{"arm", "MOVW R1<<2(R3), R4", "MOVW", []string{"memory reg=R3 shift=<<2 index=R1", "register reg=R4"}},

	// Memory.
	{"amd64", "MOVQ (AX), BX", "MOVQ", []string{"memory reg=AX", "register reg=BX"}},
	{"amd64", "MOVQ 8(AX)(BX*8), CX", "MOVQ", []string{"memory reg=AX val=8 index=BX scale=8", "register reg=CX"}},
	{"amd64", "LEAQ -1(AX*2), AX", "LEAQ", []string{"memory val=-1 index=AX scale=2", "register reg=AX"}},
	{"amd64", "MOVQ sym(SB)(AX*8), BX", "MOVQ", []string{"memory reg=SB sym=sym index=AX scale=8", "register reg=BX"}},
	{"amd64", "MOVQ x+8(FP), AX", "MOVQ", []string{"memory reg=FP sym=x val=8", "register reg=AX"}},
	{"amd64", "MOVQ x-8(SP), AX", "MOVQ", []string{"memory reg=SP sym=x val=-8", "register reg=AX"}},
	{"amd64", "MOVQ -8(SP), AX", "MOVQ", []string{"memory reg=SP val=-8", "register reg=AX"}},
	{"amd64", "MOVQ sym<>+16(SB), AX", "MOVQ", []string{"memory reg=SB sym=sym static val=16", "register reg=AX"}},
	{"amd64", "MOVQ runtime·x+0(SB), AX", "MOVQ", []string{"memory reg=SB sym=runtime·x", "register reg=AX"}},
	{"amd64", "CALL ·f<ABIInternal>(SB)", "CALL", []string{"memory reg=SB sym=·f abi=ABIInternal"}},
	{"amd64", "MOVQ $sym(SB), AX", "MOVQ", []string{"address reg=SB sym=sym", "register reg=AX"}},
	{"amd64", "LEAQ $x+8(FP), AX", "LEAQ", []string{"address reg=FP sym=x val=8", "register reg=AX"}},
	{"amd64", "JMP 2(PC)", "JMP", []string{"memory reg=PC val=2"}},
	{"amd64", "JMP AX", "JMP", []string{"register reg=AX"}},
	{"amd64", "CALL *AX", "CALL", []string{"register star reg=AX"}},
	{"amd64", "MOVQ a∕b·c(SB), AX", "MOVQ", []string{"memory reg=SB sym=a∕b·c", "register reg=AX"}},
	{"amd64", "MOVQ (8*4)(AX), BX", "MOVQ", []string{"memory reg=AX val=32", "register reg=BX"}},
	{"amd64", "MOVQ g_m(R14), AX", "MOVQ", []string{"memory reg=R14 unresolved=g_m", "register reg=AX"}},
	{"arm64", "MOVD.W R1, -16(RSP)", "MOVD.W", []string{"register reg=R1", "memory reg=RSP val=-16"}},
	{"arm64", "MOVD.P 8(R1), R2", "MOVD.P", []string{"memory reg=R1 val=8", "register reg=R2"}},
	{"arm64", "MOVD (R1)(R2<<3), R4", "MOVD", []string{"memory reg=R1 index=R2 ishift=3", "register reg=R4"}},
	{"arm64", "MOVD (R1)(R2.UXTW<<3), R4", "MOVD", []string{"memory reg=R1 index=R2 iext=UXTW ishift=3", "register reg=R4"}},
	{"arm64", "MOVD (R1)(R2), R4", "MOVD", []string{"memory reg=R1 index=R2", "register reg=R4"}},
	{"s390x", "MOVD 8(R1)(R2*1), R3", "MOVD", []string{"memory reg=R1 val=8 index=R2 scale=1", "register reg=R3"}},

	// Immediates and constants.
	{"amd64", "MOVQ $123, AX", "MOVQ", []string{"immediate val=123", "register reg=AX"}},
	{"amd64", "MOVQ $-1, AX", "MOVQ", []string{"immediate val=-1", "register reg=AX"}},
	{"amd64", "MOVQ $~15, AX", "MOVQ", []string{"immediate val=-16", "register reg=AX"}},
	{"amd64", "MOVQ $0x7fffffffffffffff, AX", "MOVQ", []string{"immediate val=9223372036854775807", "register reg=AX"}},
	{"amd64", "MOVQ $0xffffffffffffffff, AX", "MOVQ", []string{"immediate val=-1", "register reg=AX"}},
	{"amd64", "MOVQ $0b1010, AX", "MOVQ", []string{"immediate val=10", "register reg=AX"}},
	{"amd64", "MOVQ $0o17, AX", "MOVQ", []string{"immediate val=15", "register reg=AX"}},
	{"amd64", "MOVQ $017, AX", "MOVQ", []string{"immediate val=15", "register reg=AX"}},
	{"amd64", "MOVQ $1_000, AX", "MOVQ", []string{"immediate val=1000", "register reg=AX"}},
	{"amd64", "MOVQ $(1<<3|4), AX", "MOVQ", []string{"immediate val=12", "register reg=AX"}},
	{"amd64", "MOVQ $'a', AX", "MOVQ", []string{"immediate val=97", "register reg=AX"}},
	{"amd64", "MOVQ $'\\n', AX", "MOVQ", []string{"immediate val=10", "register reg=AX"}},
	{"amd64", "MOVQ $'·', AX", "MOVQ", []string{"immediate val=183", "register reg=AX"}},
	{"amd64", "MOVSD $1.5, X0", "MOVSD", []string{"float float=1.5", "register reg=X0"}},
	{"amd64", "MOVSD $(-0.5), X0", "MOVSD", []string{"float float=-0.5", "register reg=X0"}},
	{"amd64", "MOVSD $1e9, X0", "MOVSD", []string{"float float=1e+09", "register reg=X0"}},
	{"amd64", "MOVSD $0x1p-2, X0", "MOVSD", []string{"float float=0.25", "register reg=X0"}},
	{"amd64", "MOVQ $\"abc\\n\", AX", "MOVQ", []string{"string str=\"abc\\n\"", "register reg=AX"}},
	{"amd64", "PCALIGN $32", "PCALIGN", []string{"immediate val=32"}},
	{"amd64", "BYTE $0x90", "BYTE", []string{"immediate val=144"}},
	{"arm64", "CSEL LT, R1, R2, R3", "CSEL", []string{"name sym=LT", "register reg=R1", "register reg=R2", "register reg=R3"}},
	{"arm64", "MRS TPIDR_EL0, R1", "MRS", []string{"name sym=TPIDR_EL0", "register reg=R1"}},
	{"arm64", "PRFM (R1), PLDL1KEEP", "PRFM", []string{"memory reg=R1", "name sym=PLDL1KEEP"}},
	{"amd64", "MOVQ $go_asm_const, AX", "MOVQ", []string{"immediate unresolved=go_asm_const", "register reg=AX"}},
	{"amd64", "MOVQ $(go_asm_const*8), AX", "MOVQ", []string{"immediate unresolved=go_asm_const", "register reg=AX"}},

	// Pseudo-instructions.
	{"amd64", "TEXT ·f(SB), NOSPLIT, $16-24", "TEXT", []string{"memory reg=SB sym=·f", "constant val=4", "frame size val=16 args=24"}},
	{"amd64", "TEXT ·f(SB), NOSPLIT|NOFRAME, $0", "TEXT", []string{"memory reg=SB sym=·f", "constant val=516", "frame size"}},
	{"amd64", "TEXT ·f(SB), $-8-0", "TEXT", []string{"memory reg=SB sym=·f", "frame size val=-8 args=0"}},
	{"amd64", "TEXT ·f<ABIInternal>(SB), 4, $0-8", "TEXT", []string{"memory reg=SB sym=·f abi=ABIInternal", "constant val=4", "frame size args=8"}},
	{"amd64", "DATA sym<>+8(SB)/8, $0x1234", "DATA", []string{"memory reg=SB sym=sym static val=8 args=8", "immediate val=4660"}},
	{"amd64", "DATA sym<>+0(SB)/4, $\"abcd\"", "DATA", []string{"memory reg=SB sym=sym static args=4", "string str=\"abcd\""}},
	{"amd64", "DATA ·tab+0(SB)/8, $·f(SB)", "DATA", []string{"memory reg=SB sym=·tab args=8", "address reg=SB sym=·f"}},
	{"amd64", "GLOBL sym<>(SB), RODATA|NOPTR, $32", "GLOBL", []string{"memory reg=SB sym=sym static", "constant val=24", "immediate val=32"}},
	{"amd64", "FUNCDATA $FUNCDATA_LocalsPointerMaps, no_pointers_stackmap(SB)", "FUNCDATA", []string{"immediate val=1", "memory reg=SB sym=no_pointers_stackmap"}},
	{"amd64", "PCDATA $PCDATA_StackMapIndex, $1", "PCDATA", []string{"immediate val=1", "immediate val=1"}},

	// Suffixes.
	{"amd64", "VADDPD.Z.BCST (AX), Z1, K1, Z2", "VADDPD.Z.BCST", []string{"memory reg=AX", "register reg=Z1", "register reg=K1", "register reg=Z2"}},
	{"arm", "ADD.S.EQ R1, R2", "ADD.S.EQ", []string{"register reg=R1", "register reg=R2"}},
	{"riscv64", "FCVTWD.RNE F1, X5", "FCVTWD.RNE", []string{"register reg=F1", "register reg=X5"}},
	{"loong64", "VMOVQ V1.B[3], R4", "VMOVQ", []string{"register reg=V1 ext=B lane=3", "register reg=R4"}},
}

func TestOperandForms(t *testing.T) {
	for _, c := range operandCases {
		src := "#include \"textflag.h\"\n#include \"funcdata.h\"\n\t" + c.src + "\n"
		fset, f, err := parseString(t, c.arch, src)
		if err != nil {
			t.Errorf("[%s] %s: %v", c.arch, c.src, err.(ErrorList).Format(fset))
			continue
		}
		if len(f.Stmts) != 1 {
			t.Errorf("[%s] %s: %d statements", c.arch, c.src, len(f.Stmts))
			continue
		}
		s := &f.Stmts[0]
		if s.Mnemonic() != c.mnem {
			t.Errorf("[%s] %s: mnemonic %q, want %q", c.arch, c.src, s.Mnemonic(), c.mnem)
		}
		var got []string
		for i := range s.Args {
			got = append(got, describe(&s.Args[i]))
		}
		if strings.Join(got, " | ") != strings.Join(c.want, " | ") {
			t.Errorf("[%s] %s:\n got  %s\n want %s", c.arch, c.src, strings.Join(got, " | "), strings.Join(c.want, " | "))
		}
		checkOperandText(t, c.arch, fset, f, s, c.src)
	}
}

// checkOperandText checks that each operand's Text is what is written
// and that its position is where it is written.
func checkOperandText(t *testing.T, arch string, fset *token.FileSet, f *File, s *Stmt, src string) {
	t.Helper()
	line := fset.Position(s.Pos).Line
	lineStart := 0
	for i := 1; i < line; i++ {
		lineStart += strings.IndexByte(f.Src[lineStart:], '\n') + 1
	}
	for i := range s.Args {
		a := &s.Args[i]
		p := fset.Position(a.Pos)
		if p.Line != line {
			t.Errorf("[%s] %s: operand %d at line %d, want %d", arch, src, i, p.Line, line)
			continue
		}
		at := f.Src[lineStart+p.Column-1:]
		if !strings.HasPrefix(at, a.Text) || a.Text == "" {
			t.Errorf("[%s] %s: operand %d Text %q is not at %s (%q)", arch, src, i, a.Text, p, at)
		}
	}
}

// TestExprPrecedence checks constant expressions against Go's own
// evaluation of the same text: cmd/asm uses Go's operators and
// precedence (cmd/asm/internal/asm/parse.go, expr and term) on uint64.
func TestExprPrecedence(t *testing.T) {
	cases := []struct {
		expr string
		want uint64
	}{
		{"1+2*3", 1 + 2*3},
		{"(1+2)*3", (1 + 2) * 3},
		{"1<<3|4", 1<<3 | 4},
		{"2+3<<1", 2 + 3<<1},
		{"1|2^3", 1 | 2 ^ 3},
		{"7&3|8", 7&3 | 8},
		{"7%4*2", 7 % 4 * 2},
		{"100/10/2", 100 / 10 / 2},
		{"1-2-3", 1 - 2 - 3 + 1<<64 - 1 + 1},
		{"~0&0xff", ^uint64(0) & 0xff},
		{"-1", 1<<64 - 1},
		{"- -1", 1},
		{"+5", 5},
		{"0x10>>2", 0x10 >> 2},
		{"1<<63>>63", 1},
		{"'a'+1", 'a' + 1},
		{"(((3)))", 3},
		{"6&^0", 0}, // no &^ in cmd/asm: & then ^0 is a syntax error, see below
	}
	for _, c := range cases {
		src := "\tMOVQ $(" + c.expr + "), AX\n"
		fset, f, err := parseString(t, "amd64", src)
		if c.expr == "6&^0" {
			if err == nil {
				t.Errorf("%s: no error", c.expr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %s", c.expr, err.(ErrorList).Format(fset))
			continue
		}
		if got := uint64(f.Stmts[0].Args[0].Val); got != c.want {
			t.Errorf("%s = %d, want %d", c.expr, got, c.want)
		}
	}
}

func TestStatements(t *testing.T) {
	src := `#include "textflag.h"
TEXT ·f(SB), NOSPLIT, $0-8
loop: MOVQ AX, BX; ADDQ $1, AX
	a: b:
	JMP loop ; RET
	NOP;;NOP
end:
`
	fset, f, err := parseString(t, "amd64", src)
	if err != nil {
		t.Fatal(err.(ErrorList).Format(fset))
	}
	var got []string
	for i, s := range f.Stmts {
		var labels []string
		for _, l := range f.StmtLabels(i) {
			labels = append(labels, l.Name+"@"+fset.Position(l.Pos).String())
		}
		got = append(got, strings.Join(append(labels, s.Mnemonic()+"@"+fset.Position(s.Pos).String()), " "))
	}
	want := []string{
		"TEXT@x.s:2:1",
		"loop@x.s:3:1 MOVQ@x.s:3:7",
		"ADDQ@x.s:3:20",
		"a@x.s:4:2 b@x.s:4:5 JMP@x.s:5:2",
		"RET@x.s:5:13",
		"NOP@x.s:6:2",
		"NOP@x.s:6:7",
		"end@x.s:7:1 @x.s:7:1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRegisterSet checks the parser's register table against the names
// it was built from.
func TestRegisterSet(t *testing.T) {
	for _, arch := range Arches {
		rs := regsFor(arch)
		for name := range rs.names {
			if !rs.fast.has(name) || !IsRegister(arch, name) {
				t.Errorf("%s: %s not found", arch, name)
			}
		}
		for _, name := range []string{"", "R", "X", "RR1", "R1X", "MOVQ", "sym", "R99", "·R1", "V1.B16"} {
			if rs.fast.has(name) != rs.names[name] {
				t.Errorf("%s: has(%q) = %v", arch, name, rs.fast.has(name))
			}
		}
	}
}

// TestMacroChainOperandText checks that an operand naming a chain of
// one-token macros (p256_asm_arm64.s: #define const2 t2, #define t2 R13)
// has the name written in the file as its Text, as a one-level macro has,
// on the fast path and the general one; the general path once gave the
// innermost body, "R13".
func TestMacroChainOperandText(t *testing.T) {
	src := "#define t2 R13\n#define const2 t2\n#define hlp hlp1\n#define hlp1 const2\n" +
		"\tMUL\tconst2, t2, R1\n" +
		"\tMOVD\thlp, (const2)\n"
	want := [][]string{{"const2", "t2", "R1"}, {"hlp", "(const2)"}}
	for _, slow := range []bool{false, true} {
		noFastOperands, noFastLines = slow, slow
		fset, f, err := parseString(t, "arm64", src)
		noFastOperands, noFastLines = false, false
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Stmts) != len(want) {
			t.Fatalf("slow=%v: %d statements, want %d", slow, len(f.Stmts), len(want))
		}
		for i := range f.Stmts {
			s := &f.Stmts[i]
			var got []string
			for _, a := range s.Args {
				got = append(got, a.Text)
				if a.Reg() != "R13" && a.Reg() != "R1" {
					t.Errorf("slow=%v: %s: register %q", slow, a.Text, a.Reg())
				}
			}
			if !slices.Equal(got, want[i]) {
				t.Errorf("slow=%v: statement %d: Texts %q, want %q", slow, i, got, want[i])
			}
			checkOperandText(t, "arm64", fset, f, s, src)
		}
	}
}
