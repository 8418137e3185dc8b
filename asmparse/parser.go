package asmparse

import (
	"fmt"
	"go/token"
	"strconv"
	"strings"
	"sync"
)

// A parser groups preprocessed tokens into statements and operands.
// The statement grammar is that of cmd/asm/internal/asm/parse.go (line):
//
//	{label:} WORD[.suffix] [ operand {, operand} ] (';' | '\n')
type parser struct {
	pp    *preprocessor
	file  *File
	regs  *regSet
	x86   bool
	errs  *ErrorList
	stmts []Stmt
	// ops is the current block of operands, of which ops[opsNext:] are
	// not yet handed out (an index, not a resliced slice: advancing it is
	// no pointer store, which would take a write barrier while a
	// collection runs).
	ops     []Operand
	opsNext int
	// opsHint is the size of the first block of operands; opsUsed counts
	// the operands handed out.
	opsHint, opsUsed int
	// growScan is what is left of the bytes growStmts may scan (see
	// scanBudget).
	growScan int
	// first is pp.first, the macro-name filter by first byte and length.
	first *firstFilter
	// fastLabels is fastLine's scratch.
	fastLabels [4]Label
	// extras and mores are slabs for the operands' opExtra and opMore.
	extras slab[opExtra]
	mores  slab[opMore]
	// swapping is set while the operands of a statement whose operands
	// are swapped after parsing are parsed (see statement).
	swapping bool
	// spans are the bounds of the operands of the statement statement
	// parsed last, start and end of each, in its tokens (nspans of
	// them; -1 if it had more operands than spans holds), for
	// recordStmt.
	spans  [2 * maxMemoOps]int32
	nspans int
}

// maxMemoOps is the most operands of a statement recordStmt keeps.
const maxMemoOps = 16

// scratch holds the buffers of a parser between files. The token buffers
// hold no pointers, so that keeping them costs the garbage collector
// nothing; the lookup cache, which does, is cleared before the scratch is
// put back.
type scratch struct {
	pend    []tok
	buf     []tok
	args    []tok
	fbuf    []tok
	syms    []symItem
	lookups lookupCache
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func (p *parser) errorf(pos token.Pos, format string, args ...any) {
	p.errs.Add(pos, fmt.Sprintf(format, args...))
}

func (p *parser) parse() {
	var labels []Label
	for {
		if p.fastLine(&labels) {
			continue
		}
		line := p.pp.line()
		if len(line) == 0 {
			break
		}
		labels = p.parseLine(line, labels)
	}
	if len(labels) > 0 {
		p.stmts = append(p.stmts, Stmt{Pos: labels[0].Pos})
		p.attach(labels, len(p.stmts)-1)
	}
	p.finish()
}

// finish hands the statements to the File.
func (p *parser) finish() {
	p.file.Stmts = p.stmts
}

// parseLine parses the statements of one line (tokens through Newline or
// EOF); labels carries labels not yet attached to a statement.
func (p *parser) parseLine(ts []tok, labels []Label) []Label {
	for len(ts) > 0 {
		t := ts[0]
		switch t.kind {
		case Newline, ';', EOF:
			ts = ts[1:]
			continue
		case Ident, MacroName:
		case Illegal:
			// Reported where it was made.
			ts = skipStmt(ts)
			continue
		default:
			p.errorf(p.pp.use(t), "expected instruction or label, found %s", p.pp.describe(t))
			ts = skipStmt(ts)
			continue
		}
		if len(ts) > 1 && ts[1].kind == ':' {
			labels = append(labels, Label{Name: p.pp.text(t), Pos: p.pp.use(t)})
			ts = ts[2:]
			continue
		}
		if len(p.stmts) == cap(p.stmts) {
			p.growStmts()
		}
		p.stmts = p.stmts[:len(p.stmts)+1]
		s := &p.stmts[len(p.stmts)-1]
		s.Pos, s.Op, s.Exp = p.pp.use(t), p.pp.text(t), p.pp.expOf(t)
		if len(labels) > 0 {
			p.attach(labels, len(p.stmts)-1)
			labels = labels[:0]
		}
		if t.step != 0 {
			// A statement of a template of fastInvoke, made again from
			// the one parsed at an earlier invocation.
			if n := p.fromStmtMemo(s, ts); n > 0 {
				ts = ts[n:]
				continue
			}
		}
		errs := len(*p.errs)
		i := 1
		var sfx string
		for i+1 < len(ts) && ts[i].kind == '.' {
			if k := ts[i+1].kind; k != Ident && k != Int {
				if k != Illegal {
					p.errorf(p.pp.use(ts[i+1]), "expected suffix after %s., found %s", s.Op, p.pp.describe(ts[i+1]))
				}
				s.Bad = true
				break
			}
			sfx += "." + p.pp.text(ts[i+1])
			i += 2
		}
		if !s.setSuffix(sfx) {
			p.errorf(s.Pos, "suffix of %s too long (%d bytes)", s.Op, len(sfx))
			s.Bad = true
		}
		if s.Bad {
			ts = skipStmt(ts[i:])
			continue
		}
		rest := p.statement(s, ts[i:])
		if t.step != 0 && !s.Bad && !p.swapping && len(*p.errs) == errs {
			p.recordStmt(s, ts[:len(ts)-len(rest)], i)
		}
		ts = rest
	}
	return labels
}

// recordStmt keeps, in the template of fastInvoke it came from, the
// statement s just parsed without error from ts (its tokens, the
// mnemonic's through its last operand's; i of them the mnemonic and its
// suffix), for fromStmtMemo to make again at the template's later
// invocations. It records a statement of a template invoked at least
// twice (as operandFor's memos), whose mnemonic and suffix come from
// the template, not from an argument, whose operands are not x86 pairs
// (AX:DX, swapped after parsing), and whose arguments are not
// punctuation (an argument that is a macro can be: its statement is
// split where another argument's is not).
func (p *parser) recordStmt(s *Stmt, ts []tok, i int) {
	tp := p.pp.ftmpl
	first := ts[0].step
	if tp.invoked < 2 || p.nspans != len(s.Args) {
		return
	}
	if tp.stmtAt == nil {
		tp.stmtAt = make([]int32, len(tp.steps))
	}
	if tp.stmtAt[first-1] != 0 {
		return
	}
	m := stmtMemo{ntok: int32(len(ts)), op: s.Op, sufLen: s.sufLen, args: s.Args}
	for k := range ts {
		switch {
		case ts[k].step == first+int32(k):
		case ts[k].step != 0 || k < i:
			return // not the template's tokens in order, or an argument in the mnemonic
		case !argKind(ts[k].kind):
			return // punctuation from an argument that is a macro
		default:
			m.holes = append(m.holes, int32(k))
		}
	}
	// The operands' tokens, as statement split them (after the mnemonic
	// and its suffix).
	m.spans = make([]int32, 2*len(s.Args))
	for k := range m.spans {
		m.spans[k] = int32(i) + p.spans[k]
	}
	for k := range s.Args {
		// An operand that holds an argument, or a list (whose registers
		// have positions of their own), is parsed again each time.
		if s.Args[k].Kind == ListOp {
			m.redo |= 1 << k
		}
		for j := m.spans[2*k]; j < m.spans[2*k+1]; j++ {
			if ts[j].step == 0 {
				m.redo |= 1 << k
			}
		}
	}
	tp.stmts = append(tp.stmts, m)
	tp.stmtAt[first-1] = int32(len(tp.stmts))
}

// fromStmtMemo makes s, whose Pos and Exp are set, from the statement
// recordStmt kept for the template tokens ts (from its mnemonic on), and
// returns the number of tokens it read, or 0 if it has none for them.
// The tokens are those of the same template, but for its holes, the
// arguments of this invocation: s is what statement would make of them
// if the arguments do not split the statement differently (they are not
// punctuation, which an argument that is a macro could be), and an
// operand that holds one is parsed from its tokens as statement would.
func (p *parser) fromStmtMemo(s *Stmt, ts []tok) int {
	tp := p.pp.ftmpl
	if tp.stmtAt == nil || tp.stmtAt[ts[0].step-1] == 0 {
		return 0
	}
	m := &tp.stmts[tp.stmtAt[ts[0].step-1]-1]
	n := int(m.ntok)
	if n > len(ts) || n < len(ts) && !stmtEnd(ts[n].kind) {
		return 0
	}
	for _, h := range m.holes {
		if !argKind(ts[h].kind) {
			return 0
		}
	}
	s.Op, s.sufLen = m.op, m.sufLen
	if len(m.args) == 0 {
		return n
	}
	s.Args = p.alloc(len(m.args))
	p.swapping = false
	for k := range s.Args {
		lo, hi := m.spans[2*k], m.spans[2*k+1]
		if m.redo&(1<<k) != 0 {
			p.operandFor(s, k, len(s.Args), ts[lo:hi])
			continue
		}
		// The operand's tokens and the mnemonic are the template's: their
		// use is the invocation's, s.Pos.
		op := &s.Args[k]
		*op = m.args[k]
		op.Pos = s.Pos
	}
	return n
}

// stmtEnd reports whether a token of kind k ends a statement.
func stmtEnd(k Kind) bool {
	return k == Newline || k == ';' || k == EOF
}

// attach records labels as marking statement i.
func (p *parser) attach(labels []Label, i int) {
	for _, l := range labels {
		l.Stmt = i
		p.file.Labels = append(p.file.Labels, l)
	}
}

// skipStmt returns ts after the end of the current statement.
func skipStmt(ts []tok) []tok {
	for i := range ts {
		if stmtEnd(ts[i].kind) {
			return ts[i:]
		}
	}
	return nil
}

// statement parses the operands of s from ts and returns the tokens after
// the statement.
func (p *parser) statement(s *Stmt, ts []tok) []tok {
	nesting, colon, start, nops := 0, -1, 0, 0
	var bounds [16]int // start and end index of each operand, for the common case
	spans := bounds[:0]
	missing := func(t *tok, msg string) {
		// One error for the statement: "MOVQ ,," is one mistake.
		if !s.Bad {
			p.errorf(p.pp.use(*t), "%s", msg)
		}
		s.Bad = true
	}
	i := 0
loop:
	for ; i < len(ts); i++ {
		switch ts[i].kind {
		case Newline, ';', EOF:
			break loop
		case '(', '[':
			nesting++
		case ')', ']':
			nesting--
		case ',', ':':
			if nesting == 0 && (ts[i].kind == ',' || p.x86) {
				if i == start {
					missing(&ts[i], fmt.Sprintf("missing operand before %q", p.pp.text(ts[i])))
				} else {
					spans = append(spans, start, i)
					nops++
				}
				if ts[i].kind == ':' {
					colon = nops - 1
				}
				start = i + 1
			}
		}
	}
	if i > start {
		spans = append(spans, start, i)
		nops++
	} else if start > 0 {
		missing(&ts[min(i, len(ts)-1)], "missing operand after ','")
	}
	rest := ts[i:]
	p.nspans = -1
	if nops <= maxMemoOps {
		for k, b := range spans {
			p.spans[k] = int32(b)
		}
		p.nspans = nops
	}
	if nops == 0 {
		return rest
	}
	s.Args = p.alloc(nops)
	// The operands of an x86 pair AX:DX are swapped below: none of them
	// is kept as an operand memo, which points at where it was parsed.
	p.swapping = colon >= 0
	for k := 0; k < nops; k++ {
		p.operandFor(s, k, nops, ts[spans[2*k]:spans[2*k+1]])
	}
	if colon >= 0 && colon+1 < len(s.Args) && !s.Bad {
		// x86 register pair AX:DX is written DX, AX in the new syntax.
		s.Args[colon], s.Args[colon+1] = s.Args[colon+1], s.Args[colon]
	}
	return rest
}

// alloc returns n zeroed operands, from blocks sized to what the file
// needs (see ParseFile, extrapolate), so that a File's operands take few
// allocations and little more memory than they need.
func (p *parser) alloc(n int) []Operand {
	if len(p.ops)-p.opsNext < n {
		p.reserve(n)
	}
	p.opsUsed += n
	ops := p.ops[p.opsNext : p.opsNext+n : p.opsNext+n]
	p.opsNext += n
	return ops
}

// reserve makes p.ops hold at least n operands, in a new block.
func (p *parser) reserve(n int) {
	size := p.opsHint
	if p.opsUsed > 0 {
		size = p.extrapolate(p.opsUsed) - p.opsUsed
	}
	p.ops, p.opsNext = make([]Operand, max(size, n, 16)), 0
}

// extrapolate estimates how many of something the file will have made
// once read through, having made n so far.
func (p *parser) extrapolate(n int) int {
	lx := p.pp.files[0].lx
	done := float64(lx.off+64) / float64(len(lx.src)+64)
	return int(float64(n)/done*1.1) + 16
}

// countWord counts the occurrences of the identifier name in src that are
// whole identifiers.
func countWord(src, name string) int {
	n := 0
	for {
		i := strings.Index(src, name)
		if i < 0 {
			return n
		}
		end := i + len(name)
		if (i == 0 || charClass[src[i-1]]&(clIdent|clDigit) == 0) && (end == len(src) || charClass[src[end]]&(clIdent|clDigit) == 0) {
			n++
		}
		src = src[end:]
	}
}

// growStmts makes room for more statements: for the statements of the
// rest of the file (one per line of code), and the extra statements of
// the invocations of multi-statement macros there, which are what
// ParseFile's first estimate leaves out.
func (p *parser) growStmts() {
	n := len(p.stmts)
	lx := p.pp.files[0].lx
	rest := lx.src[min(lx.off, len(lx.src)):]
	lines, extra := 0, 0
	if p.growScan >= len(rest) {
		p.growScan -= len(rest)
		lines = codeLinesIn(rest)
	}
	for _, m := range p.pp.multi {
		if p.growScan < len(rest) || extra > 1<<30 {
			break // a pathological file: grow by the fixed factor
		}
		p.growScan -= len(rest)
		if c := countWord(rest, m.Name); c > 0 {
			extra += c * (int(m.stmts) - 1)
		}
	}
	want := n + lines + min(extra, maxMacroStmts(n+lines)) + 16
	stmts := make([]Stmt, n, max(want, n+n/8+16))
	copy(stmts, p.stmts)
	p.stmts = stmts
}

func (p *parser) operandFor(s *Stmt, i, n int, ts []tok) {
	op := &s.Args[i]
	op.Pos = p.pp.use(ts[0])
	if ts[0].step != 0 && !p.swapping {
		// Tokens of a template of fastInvoke: parsed once per template.
		if m := p.pp.ftmpl.memoFor(ts); m != nil {
			if m.last == ts[len(ts)-1].step && m.i == i && m.n == n && m.op == s.Op {
				pos := op.Pos
				*op = *m.val
				op.Pos = pos
				return
			}
			p.operandText(s, i, n, ts)
			// Not a list, whose registers have positions of their own.
			if op.Kind != BadOp && op.Kind != ListOp {
				m.last, m.i, m.n, m.op, m.val = ts[len(ts)-1].step, i, n, s.Op, op
			}
			return
		}
	}
	p.operandText(s, i, n, ts)
}

// operandText parses operand i of n of s from ts; its Pos is set.
func (p *parser) operandText(s *Stmt, i, n int, ts []tok) {
	op := &s.Args[i]
	op.Text = p.text(ts)
	if hasIllegal(ts) {
		// Reported where the token was made.
		op.Kind = BadOp
		s.Bad = true
		return
	}
	var err string
	switch {
	case s.Op == "TEXT" && i == n-1 && i > 0:
		err = p.textSize(op, ts)
	case s.Op == "DATA" && i == 0:
		n := len(ts)
		if n < 3 || ts[n-2].kind != '/' || ts[n-1].kind != Int {
			err = "DATA needs sym+off(SB)/size"
			break
		}
		sz, _ := parseInt(p.pp.text(ts[n-1]))
		p.ex(op).args = int64(sz)
		op.flags |= flagHasArgs
		// The text first: the symbol is a part of it.
		op.Text = p.text(ts[:n-2])
		err = p.operand(op, ts[:n-2])
	default:
		err = p.operand(op, ts)
	}
	if err != "" {
		op.Kind = BadOp
		s.Bad = true
		p.errorf(op.Pos, "%s: %s in operand %q", s.Mnemonic(), err, op.Text)
		if e := p.pp.expOf(ts[0]); e != nil {
			(*p.errs)[len(*p.errs)-1].Macro = e.Chain()
		}
	}
}

func hasIllegal(ts []tok) bool {
	for i := range ts {
		if ts[i].kind == Illegal {
			return true
		}
	}
	return false
}

// useSpan returns where t is written in a file: t itself, or the
// outermost macro invocation that produced it (NoPos if not known).
func (p *parser) useSpan(t *tok) (lo, hi token.Pos) {
	if t.exp == 0 {
		return t.pos, t.pos + token.Pos(t.n)
	}
	r := p.pp.exps[t.exp-1].Root()
	return r.Use, r.end
}

// wholeMacro reports whether ts is the one-token body of an object-like
// macro named in the file (NOSPLIT), or of a chain of them (const2 for
// t2 for R13), whose text is the name written in the file.
func (p *parser) wholeMacro(ts []tok) bool {
	if len(ts) != 1 || ts[0].exp == 0 {
		return false
	}
	for e := p.pp.exps[ts[0].exp-1]; e != nil; e = e.Parent {
		if len(e.Macro.body) != 1 {
			return false
		}
	}
	return true
}

// text returns the operand as written at the use site: the text of the
// file from its first token to its last, where macro names stand for their
// expansion (NOSPLIT|NOFRAME, $FUNCDATA_ArgsPointerMaps, NOSPLIT). An
// operand that comes from a macro body is the text of its expansion.
func (p *parser) text(ts []tok) string {
	first, last := &ts[0], &ts[len(ts)-1]
	if first.src == last.src && first.exp == last.exp && last.off >= first.off {
		// The common cases: an operand written in the file, or one from a
		// macro body, with nothing from elsewhere in between.
		same := true
		for i := 1; i < len(ts)-1 && same; i++ {
			same = ts[i].exp == first.exp && ts[i].src == first.src
		}
		if same {
			if first.exp == 0 && first.src == p.pp.mainSrc {
				return p.file.Src[first.off : last.off+last.n]
			}
			if first.exp != 0 && !p.wholeMacro(ts) {
				if s, ok := p.pp.span(ts); ok {
					return s
				}
			}
		}
	}
	f := p.file
	lo, _ := p.useSpan(&ts[0])
	_, hi := p.useSpan(&ts[len(ts)-1])
	ok := lo.IsValid() && hi.IsValid() && lo >= f.Base && hi > lo && int(hi-f.Base) <= len(f.Src)
	file := false
	for i := 0; ok && i < len(ts); i++ {
		l, h := p.useSpan(&ts[i])
		file = file || ts[i].exp == 0
		ok = l >= lo && h <= hi && h.IsValid()
	}
	if ok && !file {
		ok = p.wholeMacro(ts)
	}
	if ok {
		return f.Src[lo-f.Base : hi-f.Base]
	}
	var b strings.Builder
	for i := range ts {
		b.WriteString(p.pp.text(ts[i]))
	}
	return b.String()
}

// textSize parses TEXT's $frame[-args] operand. As in cmd/asm, both are
// integer literals (after macro expansion) and only the frame may be negative.
func (p *parser) textSize(op *Operand, ts []tok) string {
	op.Kind = TextSizeOp
	if len(ts) < 2 || ts[0].kind != '$' {
		return "frame size must be $frame or $frame-args"
	}
	ts = ts[1:]
	neg := ts[0].kind == '-'
	if neg {
		ts = ts[1:]
	}
	if len(ts) == 0 || ts[0].kind != Int {
		return "frame size must be an integer"
	}
	v, err := parseInt(p.pp.text(ts[0]))
	if err != nil {
		return "bad frame size"
	}
	op.Val = int64(v)
	if neg {
		op.Val = -op.Val
	}
	ts = ts[1:]
	if len(ts) == 0 {
		return ""
	}
	if len(ts) != 2 || ts[0].kind != '-' || ts[1].kind != Int {
		return "argument size must be -integer"
	}
	a, err := parseInt(p.pp.text(ts[1]))
	if err != nil {
		return "bad argument size"
	}
	p.ex(op).args = int64(a)
	op.flags |= flagHasArgs
	return ""
}

// isReg reports whether token i of ts starts a register.
func (p *parser) isReg(ts []tok, i int) bool {
	if i >= len(ts) || ts[i].kind != Ident {
		return false
	}
	name := p.pp.text(ts[i])
	if p.regs.fast.has(name) {
		return true
	}
	return p.regs.prefixes[name] && i+2 < len(ts) && ts[i+1].kind == '(' && ts[i+2].kind == Int
}

// noFastOperands turns fastOperand off, for tests.
var noFastOperands = false

// fastOperand parses the commonest operand forms, AX, $8, (R1), 8(R1),
// x+8(FP) and sym(SB), exactly as operand would, and reports whether ts
// had one of them.
func (p *parser) fastOperand(op *Operand, ts []tok) bool {
	reg := func(t *tok) (string, bool) {
		if t.kind != Ident {
			return "", false
		}
		name := p.pp.text(*t)
		return name, p.regs.fast.has(name)
	}
	switch len(ts) {
	case 1: // AX
		if r, ok := reg(&ts[0]); ok {
			op.Kind = RegOp
			p.setReg(op, r)
			return true
		}
	case 2: // $8
		if ts[0].kind == '$' && ts[1].kind == Int {
			v, err := parseInt(p.pp.text(ts[1]))
			if err == nil {
				op.Kind, op.Val = ImmOp, int64(v)
				return true
			}
		}
	case 3: // (R1)
		if ts[0].kind == '(' && ts[2].kind == ')' {
			if r, ok := reg(&ts[1]); ok {
				op.Kind = MemOp
				p.setReg(op, r)
				return true
			}
		}
	case 4: // 8(R1), sym(SB)
		if ts[1].kind != '(' || ts[3].kind != ')' {
			return false
		}
		r, ok := reg(&ts[2])
		if !ok {
			return false
		}
		switch ts[0].kind {
		case Int:
			v, err := parseInt(p.pp.text(ts[0]))
			if err == nil {
				op.Kind, op.Val = MemOp, int64(v)
				p.setReg(op, r)
				return true
			}
		case Ident:
			sym := p.pp.text(ts[0])
			if r == "SB" && !p.regs.fast.has(sym) {
				op.Kind = MemOp
				p.setSym(op, sym)
				p.setReg(op, r)
				return true
			}
		}
	case 6: // x+8(FP), x-8(SP), sym+8(SB)
		if ts[0].kind != Ident || ts[1].kind != '+' && ts[1].kind != '-' || ts[2].kind != Int || ts[3].kind != '(' || ts[5].kind != ')' {
			return false
		}
		r, ok := reg(&ts[4])
		sym := p.pp.text(ts[0])
		if !ok || r != "FP" && r != "SP" && r != "SB" || p.regs.fast.has(sym) {
			return false
		}
		v, err := parseInt(p.pp.text(ts[2]))
		if err != nil {
			return false
		}
		op.Kind, op.Val = MemOp, int64(v)
		p.setSym(op, sym)
		p.setReg(op, r)
		if ts[1].kind == '-' {
			op.Val = -op.Val
		}
		return true
	}
	return false
}

// operand parses one operand, following the cases of cmd/asm's operand
// method: prefix, symbol, register list, register, constant, indirection.
func (p *parser) operand(op *Operand, ts []tok) string {
	if !noFastOperands && p.fastOperand(op, ts) {
		return ""
	}
	i := 0
	prefix := Kind(0)
	if ts[0].kind == '$' || ts[0].kind == '*' {
		prefix = ts[0].kind
		op.setFlag(flagStar, prefix == '*')
		i++
	}
	if i >= len(ts) {
		return "missing operand after " + p.pp.text(ts[0])
	}
	var err string
	switch t := ts[i]; {
	case t.kind == '[':
		i, err = p.list(op, ts, i)
		if prefix == '$' {
			err = "illegal $ before register list"
		}
	case p.isReg(ts, i):
		op.Kind = RegOp
		i, err = p.register(op, ts, i)
		if prefix == '$' && err == "" {
			err = "illegal $ before register"
		}
	case t.kind == Ident || t.kind == MacroName:
		i, err = p.symbol(op, ts, i, prefix)
	case t.kind == String:
		if prefix != '$' {
			return "string constant must be an immediate"
		}
		s, uerr := strconv.Unquote(p.pp.text(t))
		if uerr != nil {
			return "bad string constant"
		}
		op.Kind = StringOp
		p.mx(op).str = s
		i++
	default:
		i, err = p.constOrMem(op, ts, i, prefix)
	}
	if err == "" && i < len(ts) {
		err = "unexpected " + p.pp.describe(ts[i])
	}
	return err
}

// register parses a register reference with its optional suffix forms:
// R(10), V1.B16, V1.S[2], R2.UXTW<<2, R1<<3, R1->R2, R1@>3.
func (p *parser) register(op *Operand, ts []tok, i int) (int, string) {
	reg := p.pp.text(ts[i])
	p.setReg(op, reg)
	i++
	if i+1 < len(ts) && ts[i].kind == '(' && ts[i+1].kind == Int && !p.regs.fast.has(reg) { // prefix form R(10)
		reg += p.pp.text(ts[i+1]) // R(10) is R10
		p.setReg(op, reg)
		if i+2 >= len(ts) || ts[i+2].kind != ')' {
			return i, "expected ) in register " + reg
		}
		if name, ok := p.regs.renamed[reg]; ok {
			p.setReg(op, name)
		}
		i += 3
	}
	if i+1 < len(ts) && ts[i].kind == '.' && (ts[i+1].kind == Ident || ts[i+1].kind == Int) {
		p.setExt(op, p.pp.text(ts[i+1]))
		i += 2
	}
	if i < len(ts) && ts[i].kind == '[' {
		e := exprParser{pp: p.pp, ts: ts, i: i + 1}
		p.mx(op).lane = int64(e.expr())
		op.flags |= flagHasLane
		if e.err != "" {
			return e.i, e.err
		}
		if e.peek() != ']' {
			return e.i, "expected ] after element index"
		}
		i = e.i + 1
	}
	if i < len(ts) {
		switch k := ts[i].kind; k {
		case LSH, RSH, ARR, ROT:
			op.setShift(k)
			i++
			if p.isReg(ts, i) {
				var r Operand
				j, err := p.register(&r, ts, i)
				p.mx(op).shiftReg = r.Reg()
				return p.shiftedBase(op, ts, j, err)
			}
			// The count is an expression, as in cmd/asm's
			// registerShift (parse.go): R1@>64-27 is R1@>37.
			e := exprParser{pp: p.pp, ts: ts, i: i}
			p.mx(op).shiftAmt = int64(e.expr())
			p.mx(op).unresolved = e.unresolved
			return p.shiftedBase(op, ts, e.i, e.err)
		}
	}
	return i, ""
}

// shiftedBase parses the base register of the arm form R1<<2(R3): memory
// at R3 indexed by the shifted R1.
func (p *parser) shiftedBase(op *Operand, ts []tok, i int, err string) (int, string) {
	if err != "" || i >= len(ts) || ts[i].kind != '(' || !p.isReg(ts, i+1) {
		return i, err
	}
	var base Operand
	j, err := p.register(&base, ts, i+1)
	if err != "" || j >= len(ts) || ts[j].kind != ')' {
		return j, "expected (register) after shifted register"
	}
	p.ex(op).index = op.Reg()
	op.Kind = MemOp
	p.setReg(op, base.Reg())
	return j + 1, ""
}

// list parses a register list [R1,R3-R5] or [V0.S4, V1.S4] and an
// optional element index after it.
func (p *parser) list(op *Operand, ts []tok, i int) (int, string) {
	op.Kind = ListOp
	i++ // '['
	for i < len(ts) && ts[i].kind != ']' {
		if !p.isReg(ts, i) {
			return i, "expected register in list"
		}
		var r Operand
		r.Kind = RegOp
		r.Pos = p.pp.use(ts[i])
		var err string
		if i, err = p.register(&r, ts, i); err != "" {
			return i, err
		}
		r.Text = r.Reg()
		if i < len(ts) && ts[i].kind == '-' && p.isReg(ts, i+1) {
			var hi Operand
			if i, err = p.register(&hi, ts, i+1); err != "" {
				return i, err
			}
			p.mx(op).list = append(p.mx(op).list, p.expandRange(r, hi)...)
		} else {
			p.mx(op).list = append(p.mx(op).list, r)
		}
		if i < len(ts) && ts[i].kind == ',' {
			i++
		}
	}
	if i >= len(ts) {
		return i, "missing ] in register list"
	}
	i++
	if i < len(ts) && ts[i].kind == '[' {
		e := exprParser{pp: p.pp, ts: ts, i: i + 1}
		p.mx(op).lane = int64(e.expr())
		op.flags |= flagHasLane
		if e.err != "" || e.peek() != ']' {
			return e.i, "bad element index after register list"
		}
		i = e.i + 1
	}
	return i, ""
}

// expandRange turns R3-R5 into R3, R4, R5 when both ends are numbered
// registers with the same prefix and suffix; otherwise both ends are kept.
func (p *parser) expandRange(lo, hi Operand) []Operand {
	pl, nl, okl := splitRegNum(lo.Reg())
	ph, nh, okh := splitRegNum(hi.Reg())
	if !okl || !okh || pl != ph || lo.Ext() != hi.Ext() || nh < nl || nh-nl > 64 {
		p.setExt(&hi, "-"+hi.Ext())
		return []Operand{lo, hi}
	}
	out := make([]Operand, 0, nh-nl+1)
	for n := nl; n <= nh; n++ {
		r := lo
		p.setReg(&r, pl+strconv.Itoa(n))
		if name, ok := p.regs.renamed[r.Reg()]; ok {
			p.setReg(&r, name)
		}
		r.Text = r.Reg()
		out = append(out, r)
	}
	return out
}

func splitRegNum(r string) (string, int, bool) {
	j := len(r)
	for j > 0 && r[j-1] >= '0' && r[j-1] <= '9' {
		j--
	}
	if j == len(r) {
		return r, 0, false
	}
	n, err := strconv.Atoi(r[j:])
	return r[:j], n, err == nil
}

// symbol parses sym[<>|<ABI>][±off][(SB|FP|SP|PC)][(index)], or a bare
// name (a label or a special operand).
func (p *parser) symbol(op *Operand, ts []tok, i int, prefix Kind) (int, string) {
	start := i
	p.setSym(op, p.pp.text(ts[i]))
	i++
	if i < len(ts) && ts[i].kind == '<' {
		switch {
		case i+1 < len(ts) && ts[i+1].kind == '>':
			op.flags |= flagStatic
			i += 2
		case i+2 < len(ts) && ts[i+1].kind == Ident && ts[i+2].kind == '>':
			p.mx(op).abi = p.pp.text(ts[i+1])
			i += 3
		default:
			return i, "bad <...> after symbol"
		}
	}
	if i < len(ts) && (ts[i].kind == '+' || ts[i].kind == '-') {
		e := exprParser{pp: p.pp, ts: ts, i: i}
		op.Val = int64(e.expr())
		if e.unresolved != "" {
			p.mx(op).unresolved = e.unresolved
		}
		if e.err != "" {
			return e.i, e.err
		}
		i = e.i
	}
	if i == len(ts) {
		op.Kind = NameOp
		if prefix == '$' {
			// $name: an unresolved constant (go_asm.h, say), or an error.
			op.Kind = ImmOp
			p.mx(op).unresolved = op.Sym()
			op.setSymAt(0, 0)
		}
		return i, ""
	}
	if ts[i].kind != '(' {
		// Something like name*8 or name<<2: an expression over a
		// constant name whose definition is not known here.
		*op = Operand{Pos: op.Pos, Text: op.Text, flags: op.flags & flagStar}
		return p.constOrMem(op, ts, start, prefix)
	}
	op.Kind = MemOp
	if prefix == '$' {
		op.Kind = AddrOp
	}
	i, err := p.indirect(op, ts, i)
	if err == "" && op.Reg() != "SB" && op.Reg() != "FP" && op.Reg() != "SP" && op.Reg() != "PC" {
		// sym(R1): the symbol can only be a constant whose definition
		// is not known here (a go_asm.h offset such as g_m(R14)).
		p.mx(op).unresolved = op.Sym()
		op.setSymAt(0, 0)
	}
	return i, err
}

// constOrMem parses a constant expression, then an optional (reg)(index)
// tail that makes it a memory operand.
func (p *parser) constOrMem(op *Operand, ts []tok, i int, prefix Kind) (int, string) {
	if ts[i].kind == '(' && p.isReg(ts, i+1) {
		op.Kind = MemOp
		if prefix == '$' {
			op.Kind = AddrOp
		}
		return p.indirect(op, ts, i)
	}
	if hasFloat(ts[i:]) {
		if prefix != '$' {
			return i, "floating-point constant must be an immediate"
		}
		e := exprParser{pp: p.pp, ts: ts, i: i}
		op.Kind = FloatOp
		p.mx(op).float = e.floatExpr()
		return e.i, e.err
	}
	e := exprParser{pp: p.pp, ts: ts, i: i}
	op.Val = int64(e.expr())
	if e.unresolved != "" && op.Unresolved() == "" {
		p.mx(op).unresolved = e.unresolved
	}
	if e.err != "" {
		return e.i, e.err
	}
	i = e.i
	if i == len(ts) || ts[i].kind != '(' {
		switch prefix {
		case '$':
			op.Kind = ImmOp
		default:
			op.Kind = ConstOp
		}
		return i, ""
	}
	op.Kind = MemOp
	if prefix == '$' {
		op.Kind = AddrOp
	}
	return p.indirect(op, ts, i)
}

func hasFloat(ts []tok) bool {
	for i := range ts {
		if ts[i].kind == Float {
			return true
		}
	}
	return false
}

// indirect parses (R1), (R1)(R2*8), (R2*8), (R1+R2), (R1, R2), (SB) and
// the index forms (R2.UXTW<<3) and (R2<<3). ts[i] is '('.
func (p *parser) indirect(op *Operand, ts []tok, i int) (int, string) {
	i++
	if !p.isReg(ts, i) {
		return i, "expected register in ( )"
	}
	var base Operand
	i, err := p.register(&base, ts, i)
	if err != "" {
		return i, err
	}
	p.setReg(op, base.Reg())
	if i < len(ts) {
		switch ts[i].kind {
		case '*':
			// (R*scale): an index with no base.
			if i+1 >= len(ts) || ts[i+1].kind != Int {
				return i, "expected scale after *"
			}
			sc, _ := parseInt(p.pp.text(ts[i+1]))
			p.ex(op).index = op.Reg()
			op.Scale = int8(sc)
			p.setReg(op, "")
			i += 2
		case ',', '+':
			if !p.isReg(ts, i+1) {
				return i, "expected second register"
			}
			p.ex(op).reg2 = p.pp.text(ts[i+1])
			if ts[i].kind == ',' {
				op.Kind = PairOp
			}
			i += 2
		}
	}
	if i >= len(ts) || ts[i].kind != ')' {
		return i, "expected )"
	}
	i++
	if i < len(ts) && ts[i].kind == '(' {
		return p.index(op, ts, i+1)
	}
	return i, ""
}

// index parses the second parenthesized part of (R1)(R2*8); ts[i] is the
// register after '('.
func (p *parser) index(op *Operand, ts []tok, i int) (int, string) {
	if !p.isReg(ts, i) {
		return i, "expected index register"
	}
	var idx Operand
	i, err := p.register(&idx, ts, i)
	if err != "" {
		return i, err
	}
	p.ex(op).index = idx.Reg()
	if idx.x != nil {
		p.mx(op).indexExt = idx.Ext()
		if idx.Shift() == LSH {
			p.mx(op).indexShift = idx.ShiftAmt()
		}
	}
	if i+1 < len(ts) && ts[i].kind == '*' && ts[i+1].kind == Int {
		sc, _ := parseInt(p.pp.text(ts[i+1]))
		op.Scale = int8(sc)
		i += 2
	}
	if i >= len(ts) || ts[i].kind != ')' {
		return i, "expected ) after index"
	}
	return i + 1, ""
}
