package asmparse

import (
	"errors"
	"go/token"
	"io/fs"
	"strings"
	"testing"
	"time"
)

// TestBadInput checks that each malformed construct gives exactly one
// error, naming it, at its position, and that parsing goes on: every
// case is followed by "\tRET\n", which must be read as a good statement.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name, src string
		pos       string // line:col of the error
		msg       string // a substring of the message
	}{
		{"unbalanced paren", "\tMOVQ AX, (BX\n", "1:11", `expected ) in operand "(BX"`},
		{"bad register in index", "\tMOVQ (AX)(3*8), BX\n", "1:7", "expected index register"},
		{"bad expression", "\tMOVQ $(1+), AX\n", "1:7", "unexpected ) in expression"},
		{"division by zero", "\tMOVQ $(1/0), AX\n", "1:7", "division by zero"},
		{"float without $", "\tMOVSD 1.5, X0\n", "1:8", "floating-point constant must be an immediate"},
		{"string without $", "\tMOVQ \"a\", AX\n", "1:7", "string constant must be an immediate"},
		{"$ before register", "\tMOVQ $AX, BX\n", "1:7", "illegal $ before register"},
		{"missing operand", "\tMOVQ , BX\n", "1:7", "missing operand"},
		{"trailing comma", "\tMOVQ BX,\n", "1:10", "missing operand after ','"},
		{"bad suffix", "\tMOVQ.$ AX, BX\n", "1:7", "expected suffix after MOVQ."},
		{"not an instruction", "\t$1\n", "1:2", "expected instruction or label"},
		{"bad TEXT frame", "TEXT f(SB), $x\n", "1:13", "frame size must be an integer"},
		{"bad DATA size", "DATA x(SB), $1\n", "1:6", "DATA needs sym+off(SB)/size"},
		{"bad <>", "\tMOVQ x<(SB), AX\n", "1:7", "bad <...> after symbol"},
		{"register list junk", "\tVLD1 (R0), [V0.S4, 3]\n", "1:13", "expected register in list"},

		{"unknown directive", "#pragma x\n", "1:2", "unknown directive #pragma"},
		{"no directive name", "# 1\n", "1:1", "expected directive name after '#'"},
		{"missing include", "#include \"nothere.h\"\n", "1:10", `cannot find #include "nothere.h"`},
		{"include without string", "#include <x.h>\n", "1:10", `expected "file" after #include`},
		{"unterminated #ifdef", "#ifdef X\n\tNOP\n#endif\n#ifdef Y\n", "4:1", "#ifdef or #ifndef without #endif"},
		{"#else without #ifdef", "#else\n", "1:1", "#else without #ifdef"},
		{"#endif without #ifdef", "#endif\n", "1:1", "#endif without #ifdef"},
		{"second #else", "#ifdef X\n#else\n#else\n#endif\n", "3:1", "second #else"},
		{"junk after #endif", "#ifdef X\n#endif X\n", "2:8", "unexpected X after #endif"},
		{"#define without name", "#define 1\n", "1:9", "expected macro name after #define"},
		{"bad parameter list", "#define F(a,) a\n", "1:13", "bad parameter list in definition of macro F"},
		{"duplicate parameter", "#define F(a, a) a\n", "1:14", "duplicate parameter a"},
		{"redefinition", "#define A 1\n#define A 2\n", "2:9", "redefinition of macro A"},
		{"bad escape in #define", "#define A 1 \\ 2\n", "1:15", `\ may only escape a newline`},
		{"#undef of undefined", "#undef A\n", "1:8", "#undef of undefined macro A"},
		{"recursive macro", "#define A A\n\tMOVQ $A, AX\n", "2:8", "recursive invocation of macro A"},
		{"mutually recursive macros", "#define A B\n#define B A\n\tMOVQ $A, AX\n", "3:8", "recursive invocation of macro A (A → B)"},
		{"exponential macro", "#define A A A\n\tMOVQ $A, AX\n", "2:8", "recursive invocation of macro A"},
		{"recursive function-like macro", "#define F(x) F(x)\n\tMOVQ $F(1), AX\n", "2:8", "recursive invocation of macro F"},
		{"too many macro arguments", "#define F(x) x\n\tMOVQ $F(1, 2), AX\n", "2:8", "macro F takes 1 arguments, got 2"},
		{"too few macro arguments", "#define F(x, y) x\n\tMOVQ $F(1), AX\n", "2:8", "macro F takes 2 arguments, got 1"},
		{"unterminated macro arguments", "#define F(x) x\n\tMOVQ $F(1, AX\n", "2:8", "unterminated argument list invoking macro F"},
		{"unterminated string", "\tMOVQ $\"abc, AX\n", "1:8", "string not terminated"},
		{"unterminated char", "\tMOVQ $'a, AX\n", "1:8", "character constant not terminated"},
		{"bad char constant", "\tMOVQ $'ab', AX\n", "1:7", "bad character constant"},
		{"unterminated comment", "\tNOP /* x\n", "1:6", "comment not terminated"},
		{"stray punctuation", "\tMOVQ $1`, AX\n", "1:7", "unexpected ` in operand"},
		{"NUL byte", "\tMOVQ $1\x00, AX\n", "1:9", "illegal character U+0000"},
		{"invalid UTF-8", "\tMOVQ $1\xff, AX\n", "1:9", "invalid UTF-8 encoding"},
		{"control character", "\tMOVQ $1\x01, AX\n", "1:9", "illegal character U+0001"},
		{"illegal rune", "\tMOVQ $1€, AX\n", "1:9", "illegal character U+20AC '€'"},
	}
	for _, c := range cases {
		src := c.src + "\tRET\n"
		if c.name == "unterminated comment" || c.name == "unterminated #ifdef" {
			src = c.src // the rest of the file is in the comment or #ifdef
		}
		fset, f, err := parseString(t, "amd64", src)
		var el ErrorList
		if !errors.As(err, &el) || len(el) != 1 {
			msg := "no error"
			if err != nil {
				msg = err.(ErrorList).Format(fset)
			}
			t.Errorf("%s: want one error, got %s", c.name, msg)
			continue
		}
		p := fset.Position(el[0].Pos)
		if got := p.String(); got != "x.s:"+c.pos || !strings.Contains(el[0].Msg, c.msg) {
			t.Errorf("%s: error %s: %s\nwant x.s:%s: …%s…", c.name, got, el[0].Msg, c.pos, c.msg)
		}
		if src == c.src {
			continue
		}
		last := f.Stmts[len(f.Stmts)-1]
		if last.Op != "RET" || last.Bad {
			t.Errorf("%s: the statement after the error was not read: %s", c.name, stmtsString(fset, f))
		}
		for _, s := range f.Stmts[:len(f.Stmts)-1] {
			if !s.Bad && strings.Contains(c.name, "macro") && s.Op == "MOVQ" {
				t.Errorf("%s: statement with the error not marked Bad", c.name)
			}
		}
	}
}

// TestErrorInMacro checks that an error in what a macro produced is
// reported at the invocation and names the macro chain.
func TestErrorInMacro(t *testing.T) {
	src := "#define BAD(r) MOVQ (r, AX\n#define OUTER BAD(BX)\n\tOUTER\n\tRET\n"
	fset, _, err := parseString(t, "amd64", src)
	el, _ := err.(ErrorList)
	if len(el) != 1 {
		t.Fatalf("want one error, got %v", err)
	}
	if p := fset.Position(el[0].Pos); p.Line != 3 || p.Column != 2 || el[0].Macro != "OUTER → BAD" {
		t.Errorf("error at %s in %q: %s", p, el[0].Macro, el[0].Msg)
	}
}

// TestMissingIncludeRest checks that a missing #include is reported and
// recorded, and that the rest of the file is still read.
func TestMissingIncludeRest(t *testing.T) {
	src := "#include \"go_asm.h\"\n#include \"textflag.h\"\nTEXT ·f(SB), NOSPLIT, $0\n\tMOVQ $const_x, AX\n\tRET\n"
	fset, f, err := parseString(t, "amd64", src)
	if err == nil || len(err.(ErrorList)) != 1 {
		t.Fatalf("want one error, got %v", err)
	}
	if len(f.Missing) != 1 || f.Missing[0] != "go_asm.h" {
		t.Errorf("Missing = %q", f.Missing)
	}
	if got, want := stmtsString(fset, f), "3:1 TEXT ·f(SB), NOSPLIT, $0\n4:2 MOVQ $const_x, AX\n5:2 RET \n"; got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
	if u := f.Stmts[1].Args[0].Unresolved(); u != "const_x" {
		t.Errorf("Unresolved = %q, want const_x", u)
	}
	if flags, _, _ := f.Stmts[0].TextFlags(); flags.Val != 4 {
		t.Errorf("NOSPLIT = %d", flags.Val)
	}
}

// errIncluder fails with a given error.
type errIncluder struct{ err error }

func (e errIncluder) Include(name, from string) (string, []byte, error) {
	return "", nil, e.err
}

func TestIncludeErrors(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{fs.ErrNotExist, `cannot find #include "a.h"`},
		{fs.ErrPermission, `cannot read #include "a.h"`},
	} {
		fset := token.NewFileSet()
		_, err := ParseFile(fset, "x.s", []byte("#include \"a.h\"\n\tRET\n"), &Config{GOARCH: "amd64", Includer: errIncluder{c.err}})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: got %v, want %s", c.err, err, c.want)
		}
	}
	// An #include of itself stops at the nesting limit with one error.
	self := &DirIncluder{Virtual: map[string][]byte{"self.h": []byte("#include \"self.h\"\n")}}
	fset := token.NewFileSet()
	_, err := ParseFile(fset, "/nonexistent/x.s", []byte("#include \"self.h\"\n\tRET\n"), &Config{GOARCH: "amd64", Includer: self})
	if el, ok := err.(ErrorList); !ok || len(el) != 1 || !strings.Contains(el[0].Msg, "nested too deeply") {
		t.Errorf("self include: %v", err)
	}
}

// TestMacroBlowup checks that macros that expand exponentially are cut
// off quickly with one error and bounded memory.
func TestMacroBlowup(t *testing.T) {
	var b strings.Builder
	const n = 40
	for i := 0; i < n; i++ {
		b.WriteString("#define Q" + itoa(i) + " Q" + itoa(i+1) + " Q" + itoa(i+1) + "\n")
	}
	b.WriteString("\tMOVQ $Q00, AX\n\tRET\n")
	start := time.Now()
	fset, f, err := parseString(t, "amd64", b.String())
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
	el, _ := err.(ErrorList)
	if len(el) != 1 || !strings.Contains(el[0].Msg, "macro expansion too large") {
		t.Errorf("errors: %v", err)
	}
	if n := len(f.Stmts); n < 1 || f.Stmts[n-1].Op != "RET" {
		t.Errorf("statements: %s", stmtsString(fset, f))
	}
}

func itoa(i int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+i/10)) + string(rune('0'+i%10)))
}
