package asmparse

import "go/token"

// fastInvoke expands, straight into the line buffer, a line of the file
// that is nothing but the invocation of a macro, NAME, NAME() or NAME(a, b, …)
// with arguments of one token each (mulRound(B1), SHA512ROUND(V0, V1,
// …), CALLFN(·call16, 16)), perhaps followed by a ';'. It makes the same
// tokens, Expansions and expansion count that next, invoke and line make
// for it token by token (FuzzFastPaths, TestFastInvoke and
// TestFastOperands compare the two), from a template of the whole
// expansion (compileBody), kept while the names it looked up name the
// same macros, and reports false, having changed nothing, for any other
// line, an argument that is a macro of other than one token, or a macro
// that has no template. The tokens it makes carry their step in the
// template, so that the parser parses an operand made of the same steps
// once per template (parser.operandFor, opMemo).
//
// Only the order in which the Expansions are made differs from the slow
// path's, which nothing outside the preprocessor sees: each token refers
// to the same Expansion, and each Expansion has the same fields.
//
// The slow path returns a multi-line expansion one line of its body at
// a time; fastInvoke returns all of it as one line, which parseLine reads
// statement by statement just the same (nothing else runs between those
// lines: fastLine waits for the pending tokens to run out).
func (p *preprocessor) fastInvoke() bool {
	ok := p.fastInvokeLine()
	if fastInvokeTested != nil {
		fastInvokeTested(ok)
	}
	return ok
}

// fastInvokeTested, if not nil, is told whether fastInvoke expanded each
// line it was given (for tests).
var fastInvokeTested func(ok bool)

func (p *preprocessor) fastInvokeLine() bool {
	b := p.buf
	n := len(b)
	if noFastLines || n < 2 || b[0].kind != Ident || b[0].exp != 0 || b[n-1].kind != Newline || !p.enabled() {
		return false
	}
	// The line's end: its Newline, after a ';' perhaps (ROUND1(…);).
	tail := b[n-1:]
	if b[n-2].kind == ';' {
		tail = b[n-2:]
		n--
	}
	m := p.lookup(p.text(b[0]))
	if m == nil {
		return false
	}
	var args []tok // every other one: a0 , a1 , …
	if m.Params == nil {
		if n != 2 {
			return false
		}
	} else {
		// NAME ( a0 , a1 , … ) Newline, or NAME ( ) Newline for a macro
		// without parameters (gcm_arm64.s's reduce()).
		k := len(m.Params)
		want := 2*k + 3
		if k == 0 {
			want = 4
		}
		if k > maxFastArgs || n != want || b[1].kind != '(' || b[n-2].kind != ')' {
			return false
		}
		for i := 0; i < k; i++ {
			if !argKind(b[2+2*i].kind) || i < k-1 && b[3+2*i].kind != ',' {
				return false
			}
		}
		args = b[2 : n-2]
	}
	tp := p.template(m)
	if tp == nil {
		return false
	}
	// The arguments that are macros themselves: each use of one is
	// expanded when it is read, as a macro of one token.
	var argMacros [maxFastArgs]*Macro
	var argToks [maxFastArgs]tok
	count := tp.count
	for i := range m.Params {
		a := args[2*i]
		if a.kind != Ident {
			continue
		}
		am := p.lookup(p.text(a))
		if am == nil {
			continue
		}
		t, ok := p.oneTokenBody(am)
		if !ok {
			return false
		}
		argMacros[i], argToks[i] = am, t
		count += tp.uses[i]
	}
	if p.expanded+count > maxExpansion {
		return false
	}
	p.expanded += count

	// The Expansions of the template's invocations, the outermost first,
	// as invoke makes them.
	name := b[0]
	base := len(p.exps)
	for j := range tp.slots {
		s := &tp.slots[j]
		e := p.newExpansion()
		e.Macro = s.m
		if j == 0 {
			e.Use = name.pos
			if name.pos.IsValid() {
				e.end = name.pos + token.Pos(name.n)
				if m.Params != nil {
					e.end = token.NoPos
					if c := b[n-2]; c.exp == 0 && c.pos.IsValid() {
						e.end = c.pos + 1
					}
				}
			}
		} else {
			e.Parent = p.exps[base+int(s.parent)]
			e.Use = s.use
			if s.use == token.NoPos {
				e.Use = e.Parent.Use
			}
		}
		p.exps = append(p.exps, e)
	}
	out := p.fbuf[:0]
	for i := range tp.steps {
		st := &tp.steps[i]
		if st.hole < 0 {
			t := st.t
			t.exp, t.step = int32(base)+st.slot+1, int32(i+1)
			out = append(out, t)
			continue
		}
		a := args[2*st.hole]
		am := argMacros[st.hole]
		if am == nil {
			out = append(out, a)
			continue
		}
		e := p.newExpansion()
		e.Macro, e.Use = am, a.pos
		if a.pos.IsValid() {
			e.end = a.pos + token.Pos(a.n)
		}
		p.exps = append(p.exps, e)
		t := argToks[st.hole]
		t.exp = int32(len(p.exps))
		out = append(out, t)
	}
	out = append(out, tail...)
	p.buf, p.fbuf = out, b
	p.ftmpl = tp
	tp.invoked++
	p.bol = true
	return true
}

// maxFastArgs is the most arguments fastInvoke passes to a macro.
const maxFastArgs = 32

// argKind reports whether a token of kind k can be a whole argument for
// fastInvoke: not punctuation, which could change how the arguments of
// the invocations in the body are split.
func argKind(k Kind) bool {
	switch k {
	case Ident, Int, Float, String, Char:
		return true
	}
	return false
}

// A bodyTemplate is the expansion of an invocation of a macro, made under
// one state of the macro table (gen) with its arguments left as holes:
// the tokens that the body and the macros it invokes in turn give, and
// those invocations.
type bodyTemplate struct {
	gen   int
	ok    bool
	steps []tmplStep
	slots []tmplSlot // [0] is the invocation itself
	// count is the number of tokens the invocations push (see
	// preprocessor.expanded) when the arguments are not macros; uses
	// counts the reads of each argument (each expands one that is).
	count int
	uses  []int
	// names are the names the template looked up, macs what they named.
	names []string
	macs  []*Macro
	// invoked counts the invocations fastInvoke made from the template.
	invoked int
	// memoAt holds, for each step, 1 + the index in memos of the operand
	// parsed from the tokens starting there, or 0 (see parser.operandFor).
	memoAt []int32
	memos  []opMemo
	// stmtAt holds, for each step, 1 + the index in stmts of the
	// statement whose mnemonic is there, or 0 (see parser.recordStmt).
	stmtAt []int32
	stmts  []stmtMemo
}

// A stmtMemo is a statement of a template as parsed at one invocation:
// its mnemonic and the operands that hold no argument are the same at
// every invocation but for their Pos.
type stmtMemo struct {
	ntok   int32  // its tokens, the mnemonic's through its last operand's
	sufLen uint16 // op's suffix, which follows it in memory (Stmt.Suffix)
	op     string
	// args are its operands as parsed then, in a File's operands (which
	// do not move); spans, the start and end of each operand's tokens;
	// holes, the indexes of the tokens that are arguments; bit k of redo
	// is set if operand k is parsed again at each invocation.
	args  []Operand
	spans []int32
	holes []int32
	redo  uint64
}

// An opMemo is an operand parsed from tokens of a template that are not
// holes, which is the same for every invocation but for its Pos: val is
// where it was parsed first, in a File's operands (which do not move).
type opMemo struct {
	last int32 // the step of the operand's last token
	i, n int   // the operand's index and the statement's operand count
	op   string
	val  *Operand
}

// memoFor returns the memo of the operand made of the template's tokens
// ts (their steps following one another, no hole among them), or nil.
func (tp *bodyTemplate) memoFor(ts []tok) *opMemo {
	if tp.invoked < 2 {
		return nil // a template used once needs no memo
	}
	first := ts[0].step
	for k := range ts {
		if ts[k].step != first+int32(k) {
			return nil
		}
	}
	if tp.memoAt == nil {
		tp.memoAt = make([]int32, len(tp.steps))
	}
	k := tp.memoAt[first-1]
	if k == 0 {
		tp.memos = append(tp.memos, opMemo{last: -1})
		k = int32(len(tp.memos))
		tp.memoAt[first-1] = k
	}
	return &tp.memos[k-1]
}

// A tmplStep is a token of a template: argument hole, or token t of the
// expansion in slots[slot].
type tmplStep struct {
	hole int32
	slot int32
	t    tok
}

// A tmplSlot is an invocation inside a template: of macro m, named at
// use (NoPos: at the Use of the invocation it came from) in the
// expansion slots[parent].
type tmplSlot struct {
	m      *Macro
	parent int32
	use    token.Pos
}

// template returns m's template for the macro table as it is, or nil if
// fastInvoke cannot expand m. A template made before the table last
// changed is still good if every name it looked up names the same macro
// (or none): most changes are the #define and #undef of register names
// around one function, which the templates of other macros do not use.
//
// A macro invoked once gets no template: the first invocation is left to
// the slow path, which costs less than making the template.
func (p *preprocessor) template(m *Macro) *bodyTemplate {
	tp := p.tmpls[m]
	if tp == nil {
		if p.tmpls == nil {
			p.tmpls = map[*Macro]*bodyTemplate{}
		}
		p.tmpls[m] = &usedOnce
		return nil
	}
	if tp != &usedOnce && tp.gen != p.gen && p.sameLookups(tp) {
		tp.gen = p.gen
	}
	if tp == &usedOnce || tp.gen != p.gen {
		tp = p.compileBody(m)
		p.tmpls[m] = tp
	}
	if !tp.ok {
		return nil
	}
	return tp
}

// usedOnce is the template of a macro invoked once so far.
var usedOnce bodyTemplate

// sameLookups reports whether the names tp looked up still name the same
// macros.
func (p *preprocessor) sameLookups(tp *bodyTemplate) bool {
	for i, name := range tp.names {
		if p.lookup(name) != tp.macs[i] {
			return false
		}
	}
	return true
}

// lookupFor is lookup for compileBody, which records the name and what it
// named in tp; it returns 1 + the index of the record, or 0 if the name
// names no macro.
func (p *preprocessor) lookupFor(tp *bodyTemplate, name string) int32 {
	if len(tp.names) < 256 {
		for i, n := range tp.names {
			if n == name {
				if tp.macs[i] == nil {
					return 0
				}
				return int32(i + 1)
			}
		}
	}
	m := p.lookup(name)
	tp.names = append(tp.names, name)
	tp.macs = append(tp.macs, m)
	if m == nil {
		return 0
	}
	return int32(len(tp.macs))
}

// A symItem is a token of an expansion being made into a template: an
// argument hole, or token t of the expansion in slot slot, naming macro
// macs[m-1] of the template (m 0: none). It holds no pointer, so that the
// parsers' scratch buffers can keep a stack of them between files.
type symItem struct {
	hole int32
	slot int32
	m    int32
	t    tok
}

// maxTemplate bounds the tokens and invocations of a template.
const maxTemplate = 1 << 12

// compileBody makes m's template, expanding the macros its body invokes
// as next would (with the arguments of its own invocation tokens that
// are neither punctuation nor macros of more than one token, which
// fastInvoke checks). It gives up (ok false) where the slow path does
// more than expand: a '#' (a directive in a multi-line body is run as it
// is read), an Illegal token, a recursive invocation, a function-like
// macro named without arguments or whose arguments run past the end of
// the expansion, a wrong number of arguments; and on templates larger
// than maxTemplate.
func (p *preprocessor) compileBody(m *Macro) *bodyTemplate {
	tp := &bodyTemplate{gen: p.gen, slots: []tmplSlot{{m: m, parent: -1}}, uses: make([]int, len(m.Params))}
	tp.steps = make([]tmplStep, 0, len(m.body))
	p.syms = p.bodyItems(tp, p.syms[:0], m, 0, nil)
	tp.count = len(p.syms)
	tp.ok = p.flatten(tp, p.syms)
	p.syms = p.syms[:0]
	for _, s := range tp.steps {
		if s.hole >= 0 {
			tp.uses[s.hole]++
		}
	}
	return tp
}

// bodyItems appends to items the body of macro m invoked as slots[slot],
// with args substituted for its parameters (nil: holes).
func (p *preprocessor) bodyItems(tp *bodyTemplate, items []symItem, m *Macro, slot int32, args [][]symItem) []symItem {
	src := int32(0)
	if m.hdr != nil {
		src = p.hdrSrc(m.hdr)
	}
	for i, t := range m.body {
		if m.argIdx != nil && m.argIdx[i] >= 0 {
			k := int(m.argIdx[i])
			if args == nil {
				items = append(items, symItem{hole: int32(k)})
			} else {
				items = append(items, args[k]...)
			}
			continue
		}
		if m.hdr != nil {
			t.src = src
		}
		it := symItem{hole: -1, slot: slot, t: t}
		if t.kind == Ident {
			it.m = p.lookupFor(tp, p.text(t))
		}
		items = append(items, it)
	}
	return items
}

// flatten appends to tp's steps the tokens items stand for after
// expansion, reading them as next does: each macro name is expanded in
// place, its arguments taken raw from the items that follow it, and its
// body, with the arguments substituted, read before the rest. The bodies
// are appended to p.syms, past items (a slice of p.syms that grows past
// them is a new array, and nothing writes the old one while it is read).
func (p *preprocessor) flatten(tp *bodyTemplate, items []symItem) bool {
	for i := 0; i < len(items); i++ {
		if len(tp.steps) > maxTemplate || len(tp.slots) > maxTemplate {
			return false
		}
		it := items[i]
		if it.hole >= 0 {
			tp.steps = append(tp.steps, tmplStep{hole: it.hole})
			continue
		}
		switch it.t.kind {
		case '#', Illegal, EOF, MacroName:
			return false
		}
		if it.m == 0 {
			tp.steps = append(tp.steps, tmplStep{hole: -1, slot: it.slot, t: it.t})
			continue
		}
		nm := tp.macs[it.m-1]
		for s := it.slot; s >= 0; s = tp.slots[s].parent {
			if tp.slots[s].m == nm {
				return false // recursive: reported by the slow path
			}
		}
		var argBuf [maxFastArgs][]symItem
		args := argBuf[:0]
		if nm.Params != nil {
			// As collectArgs: '(' then arguments split at commas outside
			// parentheses, up to the matching ')'.
			if i+1 >= len(items) || items[i+1].hole >= 0 || items[i+1].t.kind != '(' {
				return false // a MacroName, or arguments past the items
			}
			j, lo, nesting := i+2, i+2, 0
			for ; j < len(items); j++ {
				k := items[j].t.kind
				if items[j].hole >= 0 {
					continue
				}
				if k == EOF || k == Newline {
					return false
				}
				if nesting == 0 && (k == ')' || k == ',') {
					if len(args) == maxFastArgs {
						return false
					}
					args = append(args, items[lo:j])
					lo = j + 1
					if k == ')' {
						break
					}
					continue
				}
				if k == '(' {
					nesting++
				} else if k == ')' {
					nesting--
				}
			}
			if j == len(items) {
				return false
			}
			if len(nm.Params) == 0 && len(args) == 1 && len(args[0]) == 0 {
				args = args[:0]
			}
			if len(args) != len(nm.Params) {
				return false
			}
			i = j
		}
		tp.slots = append(tp.slots, tmplSlot{m: nm, parent: it.slot, use: it.t.pos})
		start := len(p.syms)
		p.syms = p.bodyItems(tp, p.syms, nm, int32(len(tp.slots)-1), args)
		tp.count += len(p.syms) - start
		ok := p.flatten(tp, p.syms[start:])
		p.syms = p.syms[:start]
		if !ok {
			return false
		}
	}
	return true
}

// oneTokenBody returns the body of an object-like macro of one token that
// is not the name of a macro (nor anything else the preprocessor acts
// on), with its source number for this file.
func (p *preprocessor) oneTokenBody(m *Macro) (tok, bool) {
	if m.Params != nil || len(m.body) != 1 {
		return tok{}, false
	}
	t := m.body[0]
	if m.hdr != nil {
		t.src = p.hdrSrc(m.hdr)
	}
	switch t.kind {
	case '#', Illegal, EOF, MacroName:
		return tok{}, false
	case Ident:
		if p.lookup(p.text(t)) != nil {
			return tok{}, false
		}
	}
	return t, true
}
