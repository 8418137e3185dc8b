package asmparse

import (
	"go/token"
	"strings"
	"unicode/utf8"
)

// noFastLines turns fastLine off, for tests.
var noFastLines = false

// fastLine parses the next line of the file directly from its text, when
// it is a line of the commonest shape: labels, a mnemonic with suffixes,
// and operands of the forms fastOperand knows, then an optional line
// comment — no macro, no directive, nothing that could be an error. It
// gives exactly what line and parseLine give for it (TestFastOperands
// compares them over the corpus), without making tokens. It reports
// false, having changed nothing, for any other line; labels carries labels
// not yet attached to a statement, as in parseLine.
func (p *parser) fastLine(labels *[]Label) bool {
	pp := p.pp
	if noFastLines || pp.done || len(pp.files) != 1 || len(pp.pend) != 0 || !pp.enabled() {
		return false
	}
	lx := pp.files[0].lx
	off := lx.off
	if !p.fastLineAt(lx, labels) {
		lx.off = off // the lexer's helpers moved it
		return false
	}
	return true
}

// fastIdent returns the end of the identifier at src[i:end], or i if there
// is none. Identifiers are as the lexer reads them (lx is used for
// non-ASCII tails).
func fastIdent(lx *lexer, src string, i, end int) int {
	start := i
	if c := src[i]; charClass[c]&clIdent != 0 {
		i++
	} else if c >= utf8.RuneSelf {
		r, n := utf8.DecodeRuneInString(src[i:])
		if !isIdentRune(r, true) {
			return start
		}
		i += n
	} else {
		return start
	}
	for i < end && charClass[src[i]]&(clIdent|clDigit) != 0 {
		i++
	}
	if i < end && src[i] >= utf8.RuneSelf {
		lx.off = i
		lx.identTail()
		i = lx.off
	}
	return i
}

// fastInt reads the integer literal at src[i:], as the lexer and parseInt
// read it; ok is false if there is none.
func fastInt(lx *lexer, src string, i int) (v int64, next int, ok bool) {
	if i >= len(src) || !isDigit(src[i]) {
		return 0, i, false
	}
	lx.off = i
	if lx.number() != Int {
		return 0, i, false
	}
	u, err := parseInt(src[i:lx.off])
	return int64(u), lx.off, err == nil
}

func (p *parser) fastLineAt(lx *lexer, labels *[]Label) bool {
	pp := p.pp
	src := lx.src
	i := lx.off
	eol := strings.IndexByte(src[i:], '\n')
	if eol < 0 {
		return false // the last line: the general path handles EOF
	}
	eol += i
	// isName reports whether src[a:b] is an identifier that no macro
	// expands.
	isName := func(a, b int) bool {
		return b > a && !(pp.mayBeMacro(src[a:b]) && pp.macro(src[a:b]) != nil)
	}
	for i < eol && charClass[src[i]]&clSpace != 0 {
		i++
	}
	// Labels, then the mnemonic.
	nl := 0
	opOff, opEnd := 0, 0
	for i < eol && src[i] != '/' {
		start := i
		i = fastIdent(lx, src, i, eol)
		if !isName(start, i) {
			return false
		}
		end := i
		for i < eol && charClass[src[i]]&clSpace != 0 {
			i++
		}
		if i < eol && src[i] == ':' {
			if nl == len(p.fastLabels) {
				return false
			}
			p.fastLabels[nl] = Label{Name: src[start:end], Pos: lx.base + token.Pos(start)}
			nl++
			i++
			for i < eol && charClass[src[i]]&clSpace != 0 {
				i++
			}
			continue
		}
		opOff, opEnd = start, end
		break
	}
	nops := 0
	sfxEnd := opEnd
	if opEnd > 0 {
		switch src[opOff:opEnd] {
		case "TEXT", "DATA":
			return false // special operands
		}
		// Suffixes, written right after the mnemonic: .P, .Z.BCST.
		i = opEnd
		for i < eol && src[i] == '.' {
			i++
			if i >= eol || charClass[src[i]]&clIdent == 0 {
				return false
			}
			for i < eol && charClass[src[i]]&(clIdent|clDigit) != 0 {
				i++
			}
			if i < eol && src[i] >= utf8.RuneSelf {
				return false
			}
			sfxEnd = i
		}
		for i < eol && charClass[src[i]]&clSpace != 0 {
			i++
		}
		// Operands.
		for i < eol && src[i] != '/' {
			if nops == len(p.fastOps) {
				return false
			}
			o := &p.fastOps[nops]
			*o = Operand{}
			start := i
			switch c := src[i]; {
			case c == '$':
				v, next, ok := fastInt(lx, src, i+1)
				if !ok {
					return false
				}
				i = next
				o.Kind, o.Val = ImmOp, v
			case c == '(':
				r := i + 1
				i = fastIdent(lx, src, r, eol)
				if !isName(r, i) || !p.regs.fast.has(src[r:i]) || i >= eol || src[i] != ')' {
					return false
				}
				o.Kind, o.Reg = MemOp, src[r:i]
				i++
			case isDigit(c):
				v, next, ok := fastInt(lx, src, i)
				if !ok || next >= eol || src[next] != '(' {
					return false
				}
				r := next + 1
				i = fastIdent(lx, src, r, eol)
				if !isName(r, i) || !p.regs.fast.has(src[r:i]) || i >= eol || src[i] != ')' {
					return false
				}
				o.Kind, o.Val, o.Reg = MemOp, v, src[r:i]
				i++
			default:
				i = fastIdent(lx, src, start, eol)
				if !isName(start, i) {
					return false
				}
				sym := src[start:i]
				if i >= eol || src[i] != '(' && src[i] != '+' && src[i] != '-' {
					// AX, or a name: a label, a special operand.
					switch {
					case p.regs.fast.has(sym):
						o.Kind, o.Reg = RegOp, sym
					case p.regs.prefixes[sym]:
						return false
					default:
						o.Kind, o.Sym = NameOp, sym
					}
					break
				}
				if p.regs.fast.has(sym) {
					return false
				}
				hasOff := src[i] != '('
				if hasOff {
					v, next, ok := fastInt(lx, src, i+1)
					if !ok {
						return false
					}
					if src[i] == '-' {
						v = -v
					}
					o.Val, i = v, next
				}
				if i >= eol || src[i] != '(' {
					return false
				}
				r := i + 1
				i = fastIdent(lx, src, r, eol)
				reg := src[r:i]
				if !isName(r, i) || i >= eol || src[i] != ')' {
					return false
				}
				// sym(SB), or sym±off(FP|SP|SB): anything else is not
				// fastOperand's.
				if reg != "SB" && (!hasOff || reg != "FP" && reg != "SP") || !p.regs.fast.has(reg) {
					return false
				}
				o.Kind, o.Sym, o.Reg = MemOp, sym, reg
				i++
			}
			o.Pos = lx.base + token.Pos(start)
			o.Text = src[start:i]
			nops++
			for i < eol && charClass[src[i]]&clSpace != 0 {
				i++
			}
			if i < eol && src[i] == ',' {
				i++
				for i < eol && charClass[src[i]]&clSpace != 0 {
					i++
				}
				if i >= eol || src[i] == '/' {
					return false // a missing operand
				}
			} else if i < eol && src[i] != '/' {
				return false
			}
		}
	}
	// The rest of the line is nothing, or a line comment.
	if i < eol && (i+1 >= eol || src[i+1] != '/') {
		return false
	}
	// Commit.
	if i < eol {
		lx.off = i
		lx.lineComment()
	}
	lx.off = eol + 1
	if nl > 0 {
		*labels = append(*labels, p.fastLabels[:nl]...)
	}
	if opEnd == 0 {
		return true
	}
	if len(p.stmts) == cap(p.stmts) {
		p.growStmts()
	}
	p.stmts = p.stmts[:len(p.stmts)+1]
	s := &p.stmts[len(p.stmts)-1]
	*s = Stmt{Pos: lx.base + token.Pos(opOff), Op: src[opOff:opEnd], Labels: *labels}
	*labels = nil
	if sfxEnd > opEnd {
		s.Suffix = src[opEnd:sfxEnd]
	}
	if nops > 0 {
		s.Args = p.alloc(nops)
		copy(s.Args, p.fastOps[:nops])
	}
	return true
}
