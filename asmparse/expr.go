package asmparse

import (
	"strconv"
	"strings"
)

// An exprParser evaluates the constant expressions of operands, with Go's
// operators and precedence on uint64 values, as cmd/asm does
// (cmd/asm/internal/asm/parse.go, "expr = term | term ('+' | '-' | '|' | '^') term").
type exprParser struct {
	pp         *preprocessor
	ts         []tok
	i          int
	unresolved string // first identifier that is not a number
	err        string
}

func (e *exprParser) peek() Kind {
	if e.i < len(e.ts) {
		return e.ts[e.i].kind
	}
	return EOF
}

func (e *exprParser) fail(msg string) {
	if e.err == "" {
		e.err = msg
	}
}

// expr = term {('+' | '-' | '|' | '^') term}
func (e *exprParser) expr() uint64 {
	if e.i+1 == len(e.ts) && e.ts[e.i].kind == Int {
		// A lone number, the common case.
		v, err := parseInt(e.pp.text(e.ts[e.i]))
		if err != nil {
			e.fail("bad number " + e.pp.text(e.ts[e.i]))
		}
		e.i++
		return v
	}
	v := e.term()
	for {
		switch e.peek() {
		case '+':
			e.i++
			v += e.term()
		case '-':
			e.i++
			v -= e.term()
		case '|':
			e.i++
			v |= e.term()
		case '^':
			e.i++
			v ^= e.term()
		default:
			return v
		}
	}
}

// term = factor {('*' | '/' | '%' | '<<' | '>>' | '&') factor}
func (e *exprParser) term() uint64 {
	v := e.factor()
	for {
		switch e.peek() {
		case '*':
			e.i++
			v *= e.factor()
		case '/', '%':
			op := e.peek()
			e.i++
			d := e.factor()
			if d == 0 {
				if e.unresolved == "" {
					e.fail("division by zero")
				}
				return 0
			}
			if op == '/' {
				v /= d
			} else {
				v %= d
			}
		case LSH:
			e.i++
			v <<= e.factor()
		case RSH:
			e.i++
			v >>= e.factor()
		case '&':
			e.i++
			v &= e.factor()
		default:
			return v
		}
	}
}

// factor = const | '+' factor | '-' factor | '~' factor | '(' expr ')'
func (e *exprParser) factor() uint64 {
	if e.i >= len(e.ts) {
		e.fail("missing constant")
		return 0
	}
	t := &e.ts[e.i]
	e.i++
	switch t.kind {
	case Int:
		v, err := parseInt(e.pp.text(*t))
		if err != nil {
			e.fail("bad number " + e.pp.text(*t))
		}
		return v
	case Char:
		s, err := strconv.Unquote(e.pp.text(*t))
		r := []rune(s)
		if err != nil || len(r) != 1 {
			e.fail("bad character constant " + e.pp.text(*t))
			return 0
		}
		return uint64(r[0])
	case '+':
		return e.factor()
	case '-':
		return -e.factor()
	case '~':
		return ^e.factor()
	case '(':
		v := e.expr()
		if e.peek() != ')' {
			e.fail("missing ')' in expression")
			return v
		}
		e.i++
		return v
	case Ident, MacroName:
		if e.unresolved == "" {
			e.unresolved = e.pp.text(*t)
		}
		return 0
	}
	e.i--
	e.fail("unexpected " + e.pp.describe(*t) + " in expression")
	e.i++
	return 0
}

// parseInt parses a Go integer literal (prefixes, legacy octal, '_').
func parseInt(s string) (uint64, error) {
	if len(s) > 0 && len(s) < 19 && (s[0] != '0' || len(s) == 1) {
		// A short decimal number, the common case.
		v := uint64(0)
		for i := 0; i < len(s); i++ {
			c := s[i] - '0'
			if c > 9 {
				goto general
			}
			v = v*10 + uint64(c)
		}
		return v, nil
	}
general:
	if strings.IndexByte(s, '_') >= 0 {
		s = strings.ReplaceAll(s, "_", "")
	}
	return strconv.ParseUint(s, 0, 64)
}

// floatExpr = fconst | '-' floatExpr | '+' floatExpr | '(' floatExpr ')'
func (e *exprParser) floatExpr() float64 {
	if e.i >= len(e.ts) {
		e.fail("missing floating-point constant")
		return 0
	}
	t := &e.ts[e.i]
	e.i++
	switch t.kind {
	case Float, Int:
		v, err := strconv.ParseFloat(strings.ReplaceAll(e.pp.text(*t), "_", ""), 64)
		if err != nil {
			if iv, ierr := parseInt(e.pp.text(*t)); ierr == nil {
				return float64(iv)
			}
			e.fail("bad floating-point constant " + e.pp.text(*t))
		}
		return v
	case '-':
		return -e.floatExpr()
	case '+':
		return e.floatExpr()
	case '(':
		v := e.floatExpr()
		if e.peek() != ')' {
			e.fail("missing ')' in expression")
			return v
		}
		e.i++
		return v
	}
	e.fail("unexpected " + e.pp.describe(*t) + " in floating-point constant")
	return 0
}
