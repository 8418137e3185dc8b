package asmparse

import (
	"go/token"
	"strings"
	"unicode/utf8"
)

// noFastLines turns fastLine off, for tests.
var noFastLines = false

// fastLineTested, if not nil, is told of each line fastLine tries and
// whether it read it (for tests).
var fastLineTested func(line string, ok bool)

// maxFastOps is the most operands fastLine reads on one line.
const maxFastOps = 8

// fastLine parses the next line of the file directly from its text, when
// it is a line of the commonest shape: labels, a mnemonic with suffixes,
// and operands of the forms fastOpText knows, then an optional line
// comment — no directive, no macro other than object-like macros of one
// token used as operands (register aliases, constants such as NOSPLIT),
// nothing that could be an error. It gives exactly what line and
// parseLine give for it (TestFastOperands compares them over the corpus,
// FuzzFastPaths on any input), without making tokens. It reports false,
// having changed nothing visible, for any other line; labels carries
// labels not yet attached to a statement, as in parseLine.
func (p *parser) fastLine(labels *[]Label) bool {
	pp := p.pp
	if noFastLines || pp.done || len(pp.files) != 1 || len(pp.pend) != 0 || !pp.enabled() {
		return false
	}
	lx := pp.files[0].lx
	off := lx.off
	ok := p.fastLineAt(lx, labels)
	if fastLineTested != nil {
		end := strings.IndexByte(lx.src[off:], '\n')
		if end < 0 {
			end = len(lx.src) - off
		}
		fastLineTested(lx.src[off:off+end], ok)
	}
	if !ok {
		lx.off = off // the lexer's helpers moved it
	}
	return ok
}

// fastIdent returns the end of the identifier at src[i:end], or i if there
// is none. Identifiers are as the lexer reads them (lx is used for
// non-ASCII tails).
func fastIdent(lx *lexer, src string, i, end int) int {
	s := src[:end]
	if i >= len(s) {
		return i
	}
	if c := s[i]; charClass[c]&clIdent != 0 {
		i++
	} else if c >= utf8.RuneSelf {
		r, n := utf8.DecodeRuneInString(src[i:])
		if !isIdentRune(r, true) {
			return i
		}
		i += n
	} else {
		return i
	}
	for i < len(s) && charClass[s[i]]&(clIdent|clDigit) != 0 {
		i++
	}
	if i < len(s) && s[i] >= utf8.RuneSelf {
		lx.off = i
		lx.identTail()
		i = lx.off
	}
	return i
}

// fastIdentV is fastIdent, and also returns the identifier packed as
// packName packs it if it is ASCII (0 if it is not: no register name
// has other bytes), for nameSet.idV.
func fastIdentV(lx *lexer, src string, i, end int) (int, uint64) {
	s := src[:end]
	if i >= len(s) {
		return i, 0
	}
	c := s[i]
	if charClass[c]&clIdent == 0 {
		if c < utf8.RuneSelf {
			return i, 0
		}
		return fastIdent(lx, src, i, end), 0
	}
	v := uint64(c)
	j := i + 1
	for j < len(s) {
		c := s[j]
		if charClass[c]&(clIdent|clDigit) == 0 {
			break
		}
		if n := uint(j - i); n < 8 {
			v |= uint64(c) << (8 * n)
		}
		j++
	}
	if j < len(s) && s[j] >= utf8.RuneSelf {
		lx.off = j
		lx.identTail()
		return lx.off, 0
	}
	return j, v
}

// fastInt reads the integer literal at src[i:], as the lexer and parseInt
// read it; ok is false if there is none.
func fastInt(lx *lexer, src string, i int) (v uint64, next int, ok bool) {
	if i >= len(src) || !isDigit(src[i]) {
		return 0, i, false
	}
	// A short decimal number, the common case: digits followed by
	// something that cannot continue a number, no leading 0.
	v = uint64(src[i] - '0')
	j := i + 1
	for j < len(src) && j-i < 18 && isDigit(src[j]) {
		v = v*10 + uint64(src[j]-'0')
		j++
	}
	if j < len(src) && (charClass[src[j]]&(clIdent|clDigit) != 0 || src[j] == '.') || src[i] == '0' && j > i+1 {
		// Something else: 0x10, 1.5, 1e3, 1_000, 017, a long number.
	} else {
		return v, j, true
	}
	lx.off = i
	if lx.number() != Int {
		return 0, i, false
	}
	u, err := parseInt(src[i:lx.off])
	return u, lx.off, err == nil
}

// oneToken returns the body of an object-like macro whose body is one
// token.
func oneToken(m *Macro) (Token, bool) {
	if m.Params != nil || len(m.body) != 1 {
		return Token{}, false
	}
	return m.token(0), true
}

// fastState is what fastLineAt's helpers share: the line being read.
type fastState struct {
	lx   *lexer
	src  string
	eol  int  // the offset of the line's '\n'
	exp  int  // tokens the macros used on the line expand to
	pair bool // the last fastMem read a register pair (R1, R2)
}

// macroAt returns the macro that the identifier name is, or nil.
func (p *parser) macroAt(name string) *Macro {
	if p.maybeMacro(name) {
		m, _ := p.pp.cachedMacro(name)
		return m
	}
	return nil // most identifiers
}

// maybeMacro is the first test of macroAt, which most identifiers fail.
func (p *parser) maybeMacro(name string) bool {
	return p.first[name[0]]>>(uint(len(name))&31)&1 != 0
}

// skipSpace returns the offset of the first non-blank at or after i.
func (f *fastState) skipSpace(i int) int {
	s := f.src[:f.eol]
	for i < len(s) && charClass[s[i]]&clSpace != 0 {
		i++
	}
	return i
}

// fastReg reads a register at src[i:]: its name, or an object-like macro
// whose body is one register name (#define acc0 R4). It returns the
// register's name and id (0 if there is no register there) and the offset
// after it.
func (p *parser) fastReg(f *fastState, i int) (string, uint16, int) {
	j, v := fastIdentV(f.lx, f.src, i, f.eol)
	if j == i {
		return "", 0, i
	}
	name := f.src[i:j]
	if p.maybeMacro(name) {
		if m, slot := p.pp.cachedMacro(name); m != nil {
			r, id := p.regOf(f, name, m, slot)
			return r, id, j
		}
	}
	return name, p.regs.fast.idV(name, v), j
}

// regOf returns the register that the identifier name stands for and its
// id, or 0 if it stands for none; m is the macro called name, or nil, and
// slot where the lookup cache holds it (its answer is kept there).
func (p *parser) regOf(f *fastState, name string, m *Macro, slot int) (string, uint16) {
	if m == nil {
		return name, p.regs.fast.id(name)
	}
	if e := p.pp.cachedEntry(slot, name, m); e != nil && e.regOK {
		f.exp += e.regExp
		return e.reg, e.regID
	}
	reg, id, exp := p.regOfMacro(m)
	if e := p.pp.cachedEntry(slot, name, m); e != nil {
		e.regOK, e.reg, e.regID, e.regExp = true, reg, id, exp
	}
	f.exp += exp
	return reg, id
}

// regOfMacro returns the register that the macro m stands for, its id and
// the tokens expanded to reach it, or an id of 0 if it stands for none. A
// chain of one-token macros (const2 for t2 for R13, as in
// p256_asm_arm64.s) is followed a few levels down, each level one token
// expanded.
func (p *parser) regOfMacro(m *Macro) (string, uint16, int) {
	for level := 1; level <= maxRegChain; level++ {
		b, ok := oneToken(m)
		if !ok || b.Kind != Ident {
			return "", 0, 0
		}
		if m = p.macroAt(b.Text); m == nil {
			id := p.regs.fast.id(b.Text)
			if id == 0 {
				return "", 0, 0
			}
			return b.Text, id, level
		}
	}
	return "", 0, 0
}

// maxRegChain is the longest chain of one-token macros the fast path
// follows to a register; longer ones (and loops) go to the general path.
const maxRegChain = 4

// fastConst reads an integer at src[i:]: a literal, or an object-like
// macro whose body is one integer literal (NOSPLIT, a go_asm.h constant).
func (p *parser) fastConst(f *fastState, i int) (uint64, int, bool) {
	if i >= f.eol {
		return 0, i, false
	}
	if isDigit(f.src[i]) {
		return fastInt(f.lx, f.src, i)
	}
	j := fastIdent(f.lx, f.src, i, f.eol)
	if j == i {
		return 0, i, false
	}
	m := p.macroAt(f.src[i:j])
	if m == nil {
		return 0, i, false
	}
	b, ok := oneToken(m)
	if !ok || b.Kind != Int {
		return 0, i, false
	}
	v, err := parseInt(b.Text)
	f.exp++
	return v, j, err == nil
}

// fastSimpleExpr reads a constant expression at src[i:] of the simplest
// kind, the commonest: an optional unary + - or ~, then constants (see
// fastConst) joined by + - or |, evaluated as exprParser does. It stops
// before anything else.
func (p *parser) fastSimpleExpr(f *fastState, i int) (uint64, int, bool) {
	src := f.src
	unary := byte(0)
	if c := src[i]; c == '-' || c == '+' || c == '~' {
		if c == '-' && i+1 < f.eol && src[i+1] == '>' {
			return 0, i, false
		}
		unary = c
		i = f.skipSpace(i + 1)
	}
	v, i, ok := p.fastConst(f, i)
	if !ok {
		return 0, i, false
	}
	v = unaryOp(unary, v)
	for {
		j := f.skipSpace(i)
		if j >= f.eol {
			return v, i, true
		}
		c := src[j]
		if c != '+' && c != '-' && c != '|' || c == '-' && j+1 < f.eol && src[j+1] == '>' {
			return v, i, true
		}
		w, next, ok := p.fastConst(f, f.skipSpace(j+1))
		if !ok {
			return 0, next, false
		}
		v, i = addOp(c, v, w), next
	}
}

// fastExpr reads a constant expression at src[i:] as fastFullExpr does,
// trying fastSimpleExpr first: most expressions are a number, and the
// general evaluator's calls would cost every one of them more than the
// few expressions with other operators gain.
func (p *parser) fastExpr(f *fastState, i int) (uint64, int, bool) {
	if c := f.src[i]; c != '(' && (c != '-' && c != '+' && c != '~' || i+1 >= f.eol || f.src[i+1] != '(') {
		exp := f.exp
		v, next, ok := p.fastSimpleExpr(f, i)
		if !ok {
			return v, next, false
		}
		j := f.skipSpace(next)
		if j >= f.eol || !fullExprOp(f.src, j, f.eol) {
			return v, next, true
		}
		f.exp = exp // read again, from the start
	}
	return p.fastFullExpr(f, i)
}

// fullExprOp reports whether src[j:eol] starts with an operator that
// fastFullExpr reads and fastSimpleExpr does not.
func fullExprOp(src string, j, eol int) bool {
	switch c := src[j]; c {
	case '*', '%', '&', '^':
		return true
	case '/':
		return j+1 >= eol || src[j+1] != '/' && src[j+1] != '*'
	case '<', '>':
		return j+1 < eol && src[j+1] == c
	}
	return false
}

// fastFullExpr reads a constant expression at src[i:] and evaluates it as
// exprParser does: constants (see fastConst) joined by Go's operators
// with Go's precedence, on uint64 — expr = term {+ - | ^ term}, term =
// factor {* / % << >> & factor}, factor = constant, or + - ~ factor, or
// (expr). It stops before anything that cannot continue the expression,
// and reports false for what the general path handles (a name that is
// not a constant, a character constant, a division by zero, a comment
// inside the expression, "->" and "@>").
func (p *parser) fastFullExpr(f *fastState, i int) (uint64, int, bool) {
	v, i, ok := p.fastTerm(f, i)
	for ok {
		j := f.skipSpace(i)
		if j >= f.eol {
			return v, i, true
		}
		c := f.src[j]
		if c != '+' && c != '-' && c != '|' && c != '^' {
			return v, i, true
		}
		if c == '-' && j+1 < f.eol && f.src[j+1] == '>' {
			return v, i, true // R1->R2 is not for this path
		}
		var w uint64
		w, i, ok = p.fastTerm(f, f.skipSpace(j+1))
		v = addOp(c, v, w)
	}
	return 0, i, false
}

// addOp applies an operator of exprParser.expr: + - | or ^.
func addOp(c byte, v, w uint64) uint64 {
	switch c {
	case '+':
		return v + w
	case '-':
		return v - w
	case '|':
		return v | w
	}
	return v ^ w
}

// unaryOp applies a unary operator of exprParser.factor (+ - ~), or none
// for c 0.
func unaryOp(c byte, v uint64) uint64 {
	switch c {
	case '-':
		return -v
	case '~':
		return ^v
	}
	return v
}

// fastTerm reads a term of fastExpr.
func (p *parser) fastTerm(f *fastState, i int) (uint64, int, bool) {
	v, i, ok := p.fastFactor(f, i)
	for ok {
		j := f.skipSpace(i)
		if j >= f.eol {
			return v, i, true
		}
		src := f.src
		c := src[j]
		shift := j+1 < f.eol && (c == '<' || c == '>') && src[j+1] == c
		switch {
		case c == '/' && j+1 < f.eol && (src[j+1] == '/' || src[j+1] == '*'):
			return v, i, true // a comment: the expression ends
		case c == '*' || c == '/' || c == '%' || c == '&':
			j++
		case shift:
			j += 2
		default:
			return v, i, true
		}
		var w uint64
		w, i, ok = p.fastFactor(f, f.skipSpace(j))
		switch {
		case c == '*':
			v *= w
		case c == '/' || c == '%':
			if w == 0 {
				return 0, i, false // division by zero: reported by the general path
			}
			if c == '/' {
				v /= w
			} else {
				v %= w
			}
		case c == '&':
			v &= w
		case c == '<':
			v <<= w
		default:
			v >>= w
		}
	}
	return 0, i, false
}

// fastFactor reads a factor of fastExpr.
func (p *parser) fastFactor(f *fastState, i int) (uint64, int, bool) {
	if i >= f.eol {
		return 0, i, false
	}
	switch c := f.src[i]; c {
	case '+', '-', '~':
		if c == '-' && i+1 < f.eol && f.src[i+1] == '>' {
			return 0, i, false
		}
		v, next, ok := p.fastFactor(f, f.skipSpace(i+1))
		return unaryOp(c, v), next, ok
	case '(':
		v, next, ok := p.fastFullExpr(f, f.skipSpace(i+1))
		if !ok {
			return 0, next, false
		}
		next = f.skipSpace(next)
		if next >= f.eol || f.src[next] != ')' {
			return 0, next, false
		}
		return v, next + 1, true
	}
	return p.fastConst(f, i)
}

// fastMem reads the (R1) or (R1)(R2*8) of a memory operand at src[i] == '('.
func (p *parser) fastMem(f *fastState, o *Operand, i int) (int, bool) {
	src := f.src
	f.pair = false
	_, rid, j := p.fastReg(f, i+1)
	if rid == 0 || j >= f.eol {
		return i, false
	}
	if c := src[j]; c == ',' || c == '+' {
		// (R1, R2), a register pair, or (R1+R2) on ppc64.
		r2, id2, k := p.fastReg(f, f.skipSpace(j+1))
		if id2 == 0 {
			return i, false
		}
		p.ex(o).reg2 = r2
		f.pair = c == ','
		j = f.skipSpace(k)
		if j < f.eol && src[j] == ')' && j+1 < f.eol && src[j+1] == '(' {
			return i, false // an index after a pair: for the general path
		}
	}
	if j >= f.eol || src[j] != ')' {
		return i, false
	}
	o.reg = rid
	i = j + 1
	if i < f.eol && src[i] == '(' {
		x, xid, j := p.fastReg(f, i+1)
		if xid == 0 {
			return i, false
		}
		p.ex(o).index = x
		if j < f.eol && src[j] == '*' {
			sc, next, ok := p.fastConst(f, j+1)
			if !ok {
				return i, false
			}
			o.Scale = int8(sc)
			j = next
		}
		if j >= f.eol || src[j] != ')' {
			return i, false
		}
		i = j + 1
	}
	return i, true
}

// fastTextSize reads TEXT's $frame[-args] at src[i] == '$', as textSize.
func (p *parser) fastTextSize(f *fastState, o *Operand, i int) (int, bool) {
	src := f.src
	i++
	neg := i < f.eol && src[i] == '-'
	if neg {
		i++
	}
	v, i, ok := p.fastConst(f, i)
	if !ok {
		return i, false
	}
	o.Kind, o.Val = TextSizeOp, int64(v)
	if neg {
		o.Val = -o.Val
	}
	if i < f.eol && src[i] == '-' {
		a, next, ok := p.fastConst(f, i+1)
		if !ok {
			return i, false
		}
		p.ex(o).args = int64(a)
		o.flags |= flagHasArgs
		i = next
	}
	return i, true
}

// fastOpText reads one operand at src[i:] into o (zeroed), of the forms
// R1, V1.B16, $8, $-8, $NAME, 8, NOSPLIT|NOFRAME, (R1), -8(R1),
// (R1)(R2*8), sym(SB), sym<>+8(SB), x+8(FP), sym<ABIInternal>(SB), $sym(SB),
// name, with register aliases and constants as fastReg and fastConst
// read them; it returns the end of the operand, without its Text and Pos.
func (p *parser) fastOpText(f *fastState, o *Operand, i int) (int, bool) {
	src := f.src
	start := i // of the operand, and of its Text
	addr := false
	if src[i] == '$' {
		addr = true
		i++
		if i >= f.eol {
			return i, false
		}
	}
	memKind := MemOp
	if addr {
		memKind = AddrOp
	}
	c := src[i]
	if c == '[' && !addr {
		return p.fastList(f, o, i)
	}
	if c == '(' && (i+1 >= f.eol || !isDigit(src[i+1]) && src[i+1] != '-' && src[i+1] != '+' && src[i+1] != '~' && src[i+1] != '(') {
		// (R1), (R1)(R2*8), (R1, R2): a register after the '(' (a
		// parenthesized expression that starts with a name, (CONST+8)(R1),
		// is left to the general path).
		i, ok := p.fastMem(f, o, i)
		o.Kind = memKind
		if f.pair {
			o.Kind = PairOp
		}
		return i, ok
	}
	if c != '(' && !isDigit(c) && c != '-' && c != '~' && c != '+' {
		j, v := fastIdentV(f.lx, src, i, f.eol)
		if j == i {
			return i, false
		}
		name := src[i:j]
		var m *Macro
		slot := 0
		if p.maybeMacro(name) {
			m, slot = p.pp.cachedMacro(name)
		}
		if m != nil {
			b, ok := oneToken(m)
			switch {
			case !ok:
				return i, false
			case b.Kind == Ident:
				_, rid := p.regOf(f, name, m, slot)
				return p.fastRegOperand(f, o, j, rid, rid != 0 && !addr)
			case b.Kind != Int:
				return i, false
			}
			// A constant: read below.
		} else {
			if rid := p.regs.fast.idV(name, v); rid != 0 {
				return p.fastRegOperand(f, o, j, rid, !addr)
			}
			if p.regs.prefixes[name] && j < f.eol && src[j] == '(' {
				return i, false // R(10)
			}
			return p.fastSymbol(f, o, j, name, i-start, addr)
		}
	}
	// A constant expression, then maybe (R1).
	v, i, ok := p.fastExpr(f, i)
	if !ok {
		return i, false
	}
	o.Val = int64(v)
	if i < f.eol && src[i] == '(' {
		i, ok = p.fastMem(f, o, i)
		o.Kind = memKind
		return i, ok && !f.pair
	}
	o.Kind = ConstOp
	if addr {
		o.Kind = ImmOp
	}
	return i, true
}

// fastRegOperand makes o the register r, read before src[i:], and
// reads a V1.B16 arrangement after it; ok false is a failure to pass on
// (a register that is not one, $R1).
func (p *parser) fastRegOperand(f *fastState, o *Operand, i int, rid uint16, ok bool) (int, bool) {
	if !ok {
		return i, false
	}
	o.Kind, o.reg = RegOp, rid
	src := f.src
	if i+1 < f.eol && src[i] == '.' && charClass[src[i+1]]&clIdent != 0 {
		j := fastIdent(f.lx, src, i+1, f.eol)
		ext := src[i+1 : j]
		if p.macroAt(ext) != nil {
			return i, false
		}
		p.setExt(o, ext)
		i = j
	}
	if i < f.eol && src[i] == '[' {
		// An element index: V1.S[2].
		v, j, ok := p.fastExpr(f, i+1)
		if !ok || j >= f.eol || src[j] != ']' {
			return i, false
		}
		p.mx(o).lane = int64(v)
		o.flags |= flagHasLane
		i = j + 1
	}
	return i, true
}

// fastList reads a register list at src[i] == '[', [R1, V2.B16, …], as
// parser.list does, when it has no range (R2-R5) and no element index
// after it ([V1.S, V2.S][1]).
func (p *parser) fastList(f *fastState, o *Operand, i int) (int, bool) {
	src := f.src
	n := 1 // the elements, to make the list once
	for j := i + 1; j < f.eol && src[j] != ']'; j++ {
		if src[j] == ',' {
			n++
		}
	}
	list := make([]Operand, 0, n)
	j := i + 1
	for {
		start := j
		r, rid, k := p.fastReg(f, j)
		if rid == 0 {
			return i, false
		}
		e := Operand{Kind: RegOp, Pos: f.lx.base + token.Pos(start), Text: r, reg: rid}
		if k+1 < f.eol && src[k] == '.' && charClass[src[k+1]]&clIdent != 0 {
			m := fastIdent(f.lx, src, k+1, f.eol)
			ext := src[k+1 : m]
			if p.macroAt(ext) != nil {
				return i, false
			}
			p.setExt(&e, ext)
			k = m
		}
		list = append(list, e)
		k = f.skipSpace(k)
		if k >= f.eol || src[k] != ',' && src[k] != ']' {
			return i, false // a range, an element's index, …
		}
		if src[k] == ']' {
			j = k + 1
			break
		}
		j = f.skipSpace(k + 1)
	}
	if j < f.eol && src[j] == '[' {
		return i, false // an element index after the list
	}
	o.Kind = ListOp
	p.mx(o).list = list
	return j, true
}

// fastSymbol reads the rest of sym[<>|<ABI>][±off][(R)(R*s)] after the
// name at src[:i], which is at off in the operand's Text (set by the
// caller once the operand is read).
func (p *parser) fastSymbol(f *fastState, o *Operand, i int, name string, off int, addr bool) (int, bool) {
	src := f.src
	if off+len(name) <= 255 {
		o.setSymAt(off, len(name))
	} else {
		p.rare(o).sym = name
		o.flags |= flagSymInExtra
	}
	if i < f.eol && src[i] == '<' {
		switch {
		case i+1 < f.eol && src[i+1] == '>':
			o.flags |= flagStatic
			i += 2
		case i+1 < f.eol && charClass[src[i+1]]&clIdent != 0:
			j := fastIdent(f.lx, src, i+1, f.eol)
			if j >= f.eol || src[j] != '>' || p.macroAt(src[i+1:j]) != nil {
				return i, false
			}
			p.mx(o).abi = src[i+1 : j]
			i = j + 1
		default:
			return i, false
		}
	}
	if j := f.skipSpace(i); j < f.eol && (src[j] == '+' || src[j] == '-') {
		v, next, ok := p.fastExpr(f, j)
		if !ok {
			return i, false
		}
		o.Val, i = int64(v), next
	}
	if i >= f.eol || src[i] != '(' {
		if addr {
			return i, false // $name: an unresolved constant
		}
		o.Kind = NameOp
		return i, true
	}
	i, ok := p.fastMem(f, o, i)
	ok = ok && !f.pair
	o.Kind = MemOp
	if addr {
		o.Kind = AddrOp
	}
	if r := o.Reg(); r != "SB" && r != "FP" && r != "SP" && r != "PC" {
		// sym(R1): a constant whose definition is not known here.
		p.mx(o).unresolved = name
		o.setSymAt(0, 0)
	}
	return i, ok
}

// ex returns o's opExtra, making it from the parser's slab if needed.
func (p *parser) ex(o *Operand) *opExtra {
	if o.x == nil {
		o.x = p.extras.get(64)
	}
	return o.x
}

// A slab hands out zero Ts from arrays it makes as needed: a File's extra
// operand parts take a few allocations.
type slab[T any] struct {
	free []T
	size int // of the last array
}

// get returns the next zero T, first making an array twice the size of
// the last (from 4 up to most: most files need a few) if it is used up.
func (s *slab[T]) get(most int) *T {
	if len(s.free) == 0 {
		s.size = min(max(2*s.size, 4), most)
		s.free = make([]T, s.size)
	}
	t := &s.free[0]
	s.free = s.free[1:]
	return t
}

// setExt sets o's register suffix.
func (p *parser) setExt(o *Operand, ext string) {
	if c := extCodeOf(ext); c != 0 {
		o.extCode = c
		if o.x != nil {
			o.x.ext = ""
		}
		return
	}
	o.extCode = 0
	p.ex(o).ext = ext
}

// mx returns o's opMore, making it from the parser's slab if needed.
func (p *parser) mx(o *Operand) *opMore {
	x := p.ex(o)
	if x.more == nil {
		x.more = p.mores.get(16)
	}
	return x.more
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
	// On the stack: the parser is on the heap, where each pointer stored
	// costs a write barrier while a collection runs.
	f := &fastState{lx: lx, src: src, eol: eol}
	// isName reports whether src[a:b] is an identifier that no macro
	// expands.
	isName := func(a, b int) bool {
		return b > a && p.macroAt(src[a:b]) == nil
	}
	i = f.skipSpace(i)
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
		i = f.skipSpace(i)
		if i < eol && src[i] == ':' {
			if nl == len(p.fastLabels) {
				return false
			}
			p.fastLabels[nl] = Label{Name: src[start:end], Pos: lx.base + token.Pos(start)}
			nl++
			i = f.skipSpace(i + 1)
			continue
		}
		opOff, opEnd = start, end
		break
	}
	nops := 0
	sfxEnd := opEnd
	var ops []Operand
	if opEnd > 0 {
		mn := src[opOff:opEnd]
		text, data := mn == "TEXT", mn == "DATA"
		// Suffixes, written right after the mnemonic: .P, .Z.BCST. Each
		// is a token of its own, which the assembler expands if it is a
		// macro (#define S …, then ADD.S: cmd/asm/internal/lex's
		// isIdentRune does not take '.'), so a suffix that is a macro
		// name is left to the general path.
		i = opEnd
		for i < eol && src[i] == '.' {
			i++
			if i >= eol || charClass[src[i]]&clIdent == 0 {
				return false
			}
			start := i
			for i < eol && charClass[src[i]]&(clIdent|clDigit) != 0 {
				i++
			}
			if i < eol && src[i] >= utf8.RuneSelf || !isName(start, i) {
				return false
			}
			sfxEnd = i
		}
		i = f.skipSpace(i)
		// Operands, written straight into the next free ones.
		if len(p.ops)-p.opsNext < maxFastOps {
			p.reserve(maxFastOps)
		}
		ops = p.ops[p.opsNext : p.opsNext+maxFastOps]
		fail := func() bool {
			clear(ops[:min(nops+1, len(ops))])
			return false
		}
		for i < eol && src[i] != '/' {
			if nops == len(ops) {
				return fail()
			}
			o := &ops[nops]
			start := i
			var ok bool
			if text && nops > 0 && src[i] == '$' {
				i, ok = p.fastTextSize(f, o, i)
			} else {
				i, ok = p.fastOpText(f, o, i)
			}
			if !ok {
				return fail()
			}
			o.Pos = lx.base + token.Pos(start)
			o.Text = src[start:i]
			if data && nops == 0 {
				// DATA sym+off(SB)/size: the size is not part of the text.
				if i+1 >= eol || src[i] != '/' || src[i+1] == '/' || src[i+1] == '*' {
					return fail()
				}
				sz, next, ok := p.fastConst(f, i+1)
				if !ok {
					return fail()
				}
				p.ex(o).args = int64(sz)
				o.flags |= flagHasArgs
				i = next
			}
			nops++
			i = f.skipSpace(i)
			if i < eol && src[i] == ',' {
				if o.Kind == TextSizeOp {
					return fail() // not the last operand
				}
				i = f.skipSpace(i + 1)
				if i >= eol || src[i] == '/' {
					return fail() // a missing operand
				}
			} else if i < eol && src[i] != '/' {
				return fail()
			}
		}
		if text && (nops < 2 || ops[nops-1].Kind != TextSizeOp) {
			return fail()
		}
		// The rest of the line is nothing, or a line comment.
		if i < eol && (i+1 >= eol || src[i+1] != '/') || pp.expanded+f.exp > maxExpansion {
			return fail()
		}
	} else if i < eol && (i+1 >= eol || src[i+1] != '/') {
		return false
	}
	// Commit.
	pp.expanded += f.exp
	if i < eol {
		lx.off = i
		lx.lineCommentTo(eol)
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
	// Field by field: a whole-struct store into the heap zeroes the
	// destination through the write barrier first while a collection runs.
	s.Pos, s.Op = lx.base+token.Pos(opOff), src[opOff:opEnd] // the rest of *s is zero
	if len(*labels) > 0 {
		p.attach(*labels, len(p.stmts)-1)
		*labels = (*labels)[:0]
	}
	if sfxEnd > opEnd {
		s.setSuffix(src[opEnd:sfxEnd]) // follows Op in src
	}
	if nops > 0 {
		s.Args = ops[:nops:nops]
		p.opsNext += nops
		p.opsUsed += nops
	}
	return true
}
