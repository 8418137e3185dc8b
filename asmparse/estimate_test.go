package asmparse

import (
	"go/token"
	"strings"
	"testing"
)

// TestStmtEstimateBounded checks that a file whose multi-line macro is
// named many times in comments, and that defines thousands of them, does
// not make the parser allocate statements out of proportion to its lines
// of code (nor scan it once per macro: the test would time out).
func TestStmtEstimateBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("#define BIG(x) \\\n")
	for i := 0; i < 2000; i++ {
		b.WriteString("\tMOVQ x, AX; \\\n")
	}
	b.WriteString("\tNOP\n")
	for i := 0; i < 20000; i++ {
		b.WriteString("// BIG BIG BIG BIG BIG BIG BIG BIG\n")
	}
	for i := 0; i < 3000; i++ {
		b.WriteString("#define M")
		b.WriteString(strings.Repeat("x", i%50+1))
		b.WriteString(" \\\n\tNOP; \\\n\tNOP\n")
	}
	b.WriteString("TEXT ·f(SB), 0, $0-0\n")
	for i := 0; i < 5000; i++ {
		b.WriteString("\tNOP; NOP; NOP\n")
	}
	src := b.String()
	f, _ := ParseString(token.NewFileSet(), "x.s", src, &Config{GOARCH: "amd64", GOOS: "linux", Includer: builtinOnly})
	code := codeLines(src, lineStarts(src))
	if limit := 10*code + 8192; cap(f.Stmts) > limit {
		t.Errorf("%d statements allocated for %d made, %d lines of code: more than %d", cap(f.Stmts), len(f.Stmts), code, limit)
	}
}
