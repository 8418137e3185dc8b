package asmparse

import (
	"go/token"
	"strings"
	"testing"
)

// fastInvokeCases are lines that invoke macros, after definitions, with
// whether fastInvoke expands them (else the slow path does, and reports
// what is wrong). A blank line follows the definitions: the line after a
// directive is read token by token. TestFastInvoke repeats the lines
// after it, since the first invocation of a macro is left to the slow
// path.
var fastInvokeCases = []struct {
	name, src string
	fast      bool
}{
	{"object-like", "#define R0A R0\n#define M MOVD R0A, R1 \\\n\tADD $1, R1\n\n\tM\n", true},
	{"args", "#define M(a, b) MOVD a, b \\\n\tADD $1, b\n\n\tM(R0, R1)\n", true},
	{"no parameters", "#define T V8\n#define M() VEOR T.B16, V1.B16, V1.B16 \\\n\tVEXT $8, V1.B16, T.B16, T.B16\n\n\tM()\n", true},
	{"no parameters, blank", "#define M() NEG R1\n\n\tM( )\n", true},
	{"no parameters, an argument", "#define M() NEG R1\n\n\tM(R2)\n", false},
	{"no parameters, none given", "#define M() NEG R1\n\n\tM\n", false},
	{"statements again", "#define T V8\n#define M(a) VLD1.P 16(a), [T.B16, V1.B16] \\\n\tVEOR T.B16, V1.B16, V2.B16; MOVD a, 8(RSP) \\\n\tADD $1, a\n\n\tM(R1)\n\tM(R2)\n", true},
	{"tail semicolon", "#define M(a) NEG a\n\n\tM(R2);\n", true},
	{"arg macro", "#define X R3\n#define M(a) NEG a \\\n\tNEG a\n\n\tM(X)\n", true},
	{"nested", "#define T V1\n#define L(i) MOVD $i, R0\n#define M(a, i) L(i); VEOR T.B16, a.B16, a.B16\n\n\tM(V2, 8)\n", true},
	{"nested object", "#define N FUNCDATA $FUNCDATA_LocalsPointerMaps, $no_pointers_stackmap(SB)\n#define M(n) TEXT n(SB), 0, $8-0; N\n#include \"funcdata.h\"\n\n\tM(·f)\n", true},
	{"label in body", "#define M(a) a: JMP a\n\n\tM(loop)\n", true},
	{"list", "#define M(a) VLD1 (R0), [a.B16, V2.B16]\n\n\tM(V1)\n\n\tM(V3)\n\n\tM(V1)\n", true},
	{"memo", "#define M(a) NEG a \\\n\tMOVD 8(R1), R2 \\\n\tVMOV R0, V1.D[1]\n\n\tM(R3)\n\tM(R4)\n\tM(R5)\n\tM(R6)\n", true},
	{"redefined between uses", "#define T R1\n#define M NEG T\n\n\tM\n#undef T\n#define T R2\n\n\tM\n\n\tM\n", true},
	{"other define between uses", "#define M(a) NEG a\n\n\tM(R1)\n#define U R9\n\n\tM(R2)\n", true},
	{"directive in body", "#define M \\\n\tNOP \\\n\t#ifdef GOOS_linux \\\n\tRET \\\n\t#endif\n\n\tM\n", false},
	{"recursive", "#define M M\n\n\tM\n", false},
	{"mutually recursive", "#define A B\n#define B(x) A\n\n\tB(1)\n", false},
	{"arg count", "#define M(a, b) NEG a\n\n\tM(R1)\n", false},
	{"args of two tokens", "#define M(a) MOVD a, R1\n\n\tM($1)\n", false},
	{"function-like arg", "#define F(x) x\n#define M(a) NEG a\n\n\tM(F)\n", false},
	{"name without arguments", "#define F(x) x\n#define M NEG F\n\n\tM\n", false},
	{"arguments past the body", "#define F(x) NEG x\n#define M F\n\n\tM(R1)\n", false},
	{"in a disabled block", "#define M NOP\n#ifdef NOTDEFINED\n\n\tM\n#endif\n", false},
	// 2^13 statements: more than a template holds (maxTemplate).
	{"larger than a template", "#define A0 NOP; NOP\n#define A1 A0; A0\n#define A2 A1; A1\n#define A3 A2; A2\n#define A4 A3; A3\n#define A5 A4; A4\n#define A6 A5; A5\n#define A7 A6; A6\n#define A8 A7; A7\n#define A9 A8; A8\n#define A10 A9; A9\n#define A11 A10; A10\n#define A12 A11; A11\n\n\tA12\n", false},
	{"more arguments than fastInvoke passes", "#define M(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30, a31, a32) NEG a32\n\n\tM(R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R0, R1, R2)\n", false},
}

// TestFastInvoke checks that fastInvoke expands the lines it should, and
// that each line gives what the slow path gives.
func TestFastInvoke(t *testing.T) {
	for _, c := range fastInvokeCases {
		t.Run(c.name, func(t *testing.T) {
			fast := false
			fastInvokeTested = func(ok bool) { fast = fast || ok }
			defer func() { fastInvokeTested = nil }()
			parse := func(slow bool) *File {
				noFastOperands, noFastLines = slow, slow
				defer func() { noFastOperands, noFastLines = false, false }()
				src := c.src + c.src[strings.LastIndex(c.src, "\n\n")+2:]
				f, _ := ParseString(token.NewFileSet(), "x_arm64.s", src, &Config{GOARCH: "arm64", GOOS: "linux", Includer: builtinOnly})
				f.macros, f.layers = nil, nil
				return f
			}
			a := parse(false)
			if fast != c.fast {
				t.Errorf("fastInvoke expanded a line: %v, want %v", fast, c.fast)
			}
			if b := parse(true); !sameParse(a, b) {
				t.Errorf("parsed differently without fast paths:\n%+v\n%+v\nerrors %v, %v", a.Stmts, b.Stmts, a.Errors, b.Errors)
			}
			if c.fast && (len(a.Stmts) == 0 || len(a.Errors) > 0) {
				t.Errorf("%d statements, errors %v", len(a.Stmts), a.Errors)
			}
		})
	}
}
