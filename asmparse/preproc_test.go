package asmparse

import (
	"fmt"
	"go/token"
	"strings"
	"testing"
)

// stmtsString prints statements one a line as
// "line:col MNEMONIC arg, arg [in A → B]" for tests.
func stmtsString(fset *token.FileSet, f *File) string {
	var b strings.Builder
	for i := range f.Stmts {
		s := &f.Stmts[i]
		p := fset.Position(s.Pos)
		var args []string
		for j := range s.Args {
			args = append(args, s.Args[j].Text)
		}
		fmt.Fprintf(&b, "%d:%d %s %s", p.Line, p.Column, s.Mnemonic(), strings.Join(args, ", "))
		if s.Exp != nil {
			fmt.Fprintf(&b, " [in %s]", s.Exp.Chain())
		}
		if s.Bad {
			b.WriteString(" BAD")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestPreprocessor(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"object-like", `#define N 8
#define R AX
	MOVQ $N, R
`, "3:2 MOVQ $N, R\n"},
		{"function-like", `#define LOAD(off, r) MOVQ off(SI), r
	LOAD(8, AX)
	LOAD((2*8), BX)
`, "2:2 MOVQ 8(SI), AX [in LOAD]\n3:2 MOVQ (2*8)(SI), BX [in LOAD]\n"},
		{"nested", `#define A B+1
#define B C*2
#define C 3
	MOVQ $A, AX
	MOVQ $(A), AX
`, "4:2 MOVQ $A, AX\n5:2 MOVQ $(A), AX\n"},
		{"argument macros", `#define ADD(a, b) (a+b)
	MOVQ $ADD(ADD(1,2),3), AX
`, "2:2 MOVQ $ADD(ADD(1,2),3), AX\n"},
		{"no arguments", `#define F() NOP
	F()
`, "2:2 NOP  [in F]\n"},
		{"continuation", `#define TWO(r) \
	INCQ r \
	DECQ r
	TWO(AX); RET
`, "4:2 INCQ AX [in TWO]\n4:2 DECQ AX [in TWO]\n4:11 RET \n"},
		{"ifdef", `#define X
#ifdef X
	MOVQ $1, AX
#else
	MOVQ $2, AX
#endif
#ifndef X
	MOVQ $3, AX
#else
	MOVQ $4, AX
#endif
`, "3:2 MOVQ $1, AX\n10:2 MOVQ $4, AX\n"},
		{"nested ifdef", `#define A
#ifdef A
#ifdef B
	NOP1
#else
	NOP2
#ifndef A
	NOP3
#endif
#endif
#else
#ifdef A
	NOP4
#endif
#endif
`, "6:2 NOP2 \n"},
		{"undef", `#define A 1
	MOVQ $A, AX
#undef A
#ifdef A
	NOP
#endif
	MOVQ $A, AX
`, "2:2 MOVQ $A, AX\n7:2 MOVQ $A, AX\n"},
		{"directives in a macro body", `#define BREAK \
	MOVQ $1, AX \
	#ifdef GOOS_linux \
	MOVQ $2, AX \
	#else \
	MOVQ $3, AX \
	#endif \
	MOVQ $4, AX
	BREAK
`, "9:2 MOVQ $1, AX [in BREAK]\n9:2 MOVQ $2, AX [in BREAK]\n9:2 MOVQ $4, AX [in BREAK]\n"},
		{"define in a disabled region", `#ifdef NOPE
#define X 1
#endif
#ifdef X
	NOP
#endif
	RET
`, "7:2 RET \n"},
		{"function-like name alone", `#define F(x) x
	MOVQ $F, AX
`, "2:2 MOVQ $F, AX\n"},
		{"(x) after a space is the body", `#define F (1)
	MOVQ $F, AX
`, "2:2 MOVQ $F, AX\n"},
		{"macro in a macro argument expanded after substitution", `#define REG AX
#define MOV(x) MOVQ x, BX
	MOV(REG)
`, "3:2 MOVQ REG, BX [in MOV]\n"},
		{"include", `#include "textflag.h"
TEXT ·f(SB), NOSPLIT|NOFRAME, $0
`, "2:1 TEXT ·f(SB), NOSPLIT|NOFRAME, $0\n"},
		{"predefined", `#ifdef GOARCH_amd64
	NOP
#endif
#ifdef GOARCH_arm64
	RET
#endif
`, "2:2 NOP \n"},
	}
	for _, c := range cases {
		fset, f, err := parseString(t, "amd64", c.src)
		if err != nil {
			t.Errorf("%s: %s", c.name, err.(ErrorList).Format(fset))
			continue
		}
		if got := stmtsString(fset, f); got != c.want {
			t.Errorf("%s:\ngot\n%swant\n%s", c.name, got, c.want)
		}
	}
}

// TestExpansionValues checks the values that macros produce.
func TestExpansionValues(t *testing.T) {
	src := `#define A B+1
#define B C*2
#define C 3
#define ADD(a, b) (a+b)
#define MUL(a, b) ((a)*(b))
	MOVQ $A, AX
	MOVQ $ADD(ADD(1,2),3), AX
	MOVQ $MUL(ADD(1,2),ADD(3,4)), AX
	MOVQ $(A*2), AX
`
	fset, f, err := parseString(t, "amd64", src)
	if err != nil {
		t.Fatal(err.(ErrorList).Format(fset))
	}
	want := []int64{7, 6, 21, 3*2 + 1*2} // A*2 is C*2+1*2: macros are text
	for i, w := range want {
		if got := f.Stmts[i].Args[0].Val; got != w {
			t.Errorf("statement %d: $%s = %d, want %d", i, f.Stmts[i].Args[0].Text, got, w)
		}
	}
}

// TestExpansionChain checks Stmt.Exp, each token's Exp chain and Use
// position, and the positions of operands produced by macros.
func TestExpansionChain(t *testing.T) {
	src := `#define INNER(r) MOVQ r, 8(SP)
#define OUTER(r) \
	NOP \
	INNER(r)
	OUTER(AX)
`
	fset := token.NewFileSet()
	f := &File{}
	tf := fset.AddFile("x.s", -1, len(src))
	tf.SetLinesForContent([]byte(src))
	base := token.Pos(tf.Base())
	f.Src, f.Base = src, base
	pp := &preprocessor{fset: fset, macros: map[string]*Macro{}, errs: &f.Errors, file: f}
	pp.pushFile("x.s", src, base)
	var toks []Token
	for line := pp.line(); line != nil; line = pp.line() {
		for _, t := range line {
			toks = append(toks, pp.export(t))
		}
	}
	if len(f.Errors) > 0 {
		t.Fatal(f.Errors.Format(fset))
	}
	use := fset.Position(base + token.Pos(strings.Index(src, "OUTER(AX)")))
	var got []string
	for _, tok := range toks {
		if tok.Kind == Newline || tok.Kind == EOF {
			continue
		}
		chain := ""
		if tok.Exp != nil {
			chain = tok.Exp.Chain()
			if u := fset.Position(tok.Use()); u != use {
				t.Errorf("%s: Use() = %s, want %s", tok.Text, u, use)
			}
			if p := fset.Position(tok.Pos); p.Line > 4 && tok.Text != "AX" {
				t.Errorf("%s from a macro body at %s, want a line of the #define", tok.Text, p)
			}
		}
		got = append(got, fmt.Sprintf("%s{%s}", tok.Text, chain))
	}
	want := "NOP{OUTER} MOVQ{OUTER → INNER} AX{} ,{OUTER → INNER} 8{OUTER → INNER} ({OUTER → INNER} SP{OUTER → INNER} ){OUTER → INNER}"
	if strings.Join(got, " ") != want {
		t.Errorf("tokens:\ngot  %s\nwant %s", strings.Join(got, " "), want)
	}
	// The argument AX keeps its own position, at the invocation.
	for _, tok := range toks {
		if tok.Text == "AX" {
			if p := fset.Position(tok.Pos); p.Line != 5 || p.Column != 8 {
				t.Errorf("AX at %s, want x.s:5:8", p)
			}
		}
	}

	// The same through ParseFile.
	fset2, pf, err := parseString(t, "amd64", src)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := stmtsString(fset2, pf), "5:2 NOP  [in OUTER]\n5:2 MOVQ AX, 8(SP) [in OUTER → INNER]\n"; got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
	mov := &pf.Stmts[1]
	if mov.Exp.Macro.Name != "INNER" || mov.Exp.Parent.Macro.Name != "OUTER" || mov.Exp.Root().Use != pf.Stmts[0].Pos {
		t.Errorf("MOVQ expansion chain wrong: %s", mov.Exp.Chain())
	}
	if p := fset2.Position(mov.Args[0].Pos); p.Line != 5 || p.Column != 8 {
		t.Errorf("operand AX at %s, want x.s:5:8", p)
	}
	if p := fset2.Position(mov.Args[1].Pos); p.Line != 5 || p.Column != 2 {
		t.Errorf("operand 8(SP) at %s, want the invocation x.s:5:2", p)
	}
	if m := pf.Macros()["INNER"]; m == nil || fset2.Position(m.Pos).Line != 1 || len(m.Params) != 1 {
		t.Errorf("Macros[INNER] = %+v", m)
	}
}

// TestPositions checks the line and column of statements and operands,
// also after continuation lines, comments, tabs and multi-byte runes.
func TestPositions(t *testing.T) {
	src := "// comment\n/* block\ncomment */ TEXT ·fünf(SB), $0\n\tMOVQ\t·x+8(FP),\tAX // c\n#define M \\\n\tNOP\nl:\tM; MOVQ $'é', BX\n"
	fset, f, err := parseString(t, "amd64", src)
	if err != nil {
		t.Fatal(err.(ErrorList).Format(fset))
	}
	var got []string
	for i := range f.Stmts {
		s := &f.Stmts[i]
		got = append(got, fmt.Sprintf("%s@%s", s.Op, fset.Position(s.Pos)))
		for j := range s.Args {
			got = append(got, fmt.Sprintf("%s@%s", s.Args[j].Text, fset.Position(s.Args[j].Pos)))
		}
	}
	want := []string{
		"TEXT@x.s:3:12", "·fünf(SB)@x.s:3:17", "$0@x.s:3:30",
		"MOVQ@x.s:4:2", "·x+8(FP)@x.s:4:7", "AX@x.s:4:18",
		"NOP@x.s:7:4",
		"MOVQ@x.s:7:7", "$'é'@x.s:7:12", "BX@x.s:7:19",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), strings.Join(want, " "))
	}
}
