package asmparse

import (
	"errors"
	"fmt"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// An Includer finds the text of a file named by #include.
type Includer interface {
	// Include returns the path and contents of the file that
	// `#include "name"` in the file at path from refers to.
	// It returns an error wrapping fs.ErrNotExist when there is none.
	Include(name, from string) (path string, src []byte, err error)
}

// DirIncluder resolves #include the way the Go assembler does under
// `go build`: first relative to the including file's directory, then in
// each of Dirs. Headers that the go command always provides (textflag.h,
// funcdata.h, asm_amd64.h, asm_ppc64x.h, asm_riscv64.h from
// $GOROOT/pkg/include) are built in and need no directory; Virtual holds
// generated headers such as go_asm.h. ReadFile defaults to os.ReadFile.
type DirIncluder struct {
	Dirs     []string
	Virtual  map[string][]byte
	ReadFile func(path string) ([]byte, error)
}

// Include implements Includer.
func (d *DirIncluder) Include(name, from string) (string, []byte, error) {
	read := d.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	if src, ok := builtinHeaders[name]; ok {
		// The go command's own headers: asmcheck does not look for a
		// package's copy of textflag.h, which no package has.
		return builtinDir + name, []byte(src), nil
	}
	dirs := append([]string{filepath.Dir(from)}, d.Dirs...)
	for _, dir := range dirs {
		path := filepath.Join(dir, name)
		if filepath.IsAbs(name) {
			path = name
		}
		if src, err := read(path); err == nil {
			return path, src, nil
		}
	}
	if src, ok := d.Virtual[name]; ok {
		return name, src, nil
	}
	return "", nil, fmt.Errorf("#include %q: %w", name, fs.ErrNotExist)
}

// builtinDir is the path reported for built-in headers.
const builtinDir = "$GOROOT/pkg/include/"

// maxExpansion bounds the number of tokens macro expansion may produce in
// one file, so that a pathological macro cannot hang the parser.
const maxExpansion = 1 << 22

// maxLineTokens bounds the number of tokens one line may expand to; the
// longest line in GOROOT's assembly has 50.
const maxLineTokens = 1 << 16

// maxIncludeDepth bounds nested #include, as cmd/asm does.
const maxIncludeDepth = 100

// A fileInput is a file being read: the file itself or a header.
type fileInput struct {
	lx       *lexer
	path     string
	pendBase int // len(pend) when the file was pushed: pend[pendBase:] comes first
}

type cond struct {
	pos     token.Pos
	enabled bool // this branch is being read
	parent  bool // the enclosing region is enabled
	sawElse bool
}

// A preprocessor applies #include, #define, #undef, #ifdef, #ifndef,
// #else and #endif to the token stream of a file, as cmd/asm/internal/lex
// does: macros are expanded by rescanning, function-like macros take
// comma-separated arguments with nested parentheses, a backslash-newline in
// a definition becomes a newline (so one macro can hold several
// statements), and a recursive expansion is an error.
//
// Tokens still to be read before the rest of the innermost file (macro
// expansions, tokens pushed back) are kept in pend, the next one last, so
// that an expansion allocates nothing but its Expansion record.
type preprocessor struct {
	fset     *token.FileSet
	includer Includer
	files    []fileInput // the file and the headers it includes, innermost last
	pend     []tok       // tokens to read before the innermost file, in reverse order
	// macros holds the macros the file defined (a nil entry: #undef of a
	// layer's macro) over the layers, cached headers whose macros are
	// shared (see HeaderCache), the latest last; macro looks names up.
	macros   map[string]*Macro
	layers   []*cachedHeader
	headers  *HeaderCache
	hdrSrcs  []hdrSrc
	lazyMade map[string]*Macro // the macros made from lazy layers, nil if none
	lookups  *lookupCache      // lookup's answers (a scratch's)
	conds    []cond
	bol      bool
	expanded int
	tooLarge bool // "macro expansion too large" was reported
	errs     *ErrorList
	file     *File

	bloom   [bloomWords]uint64 // names that may be macros, by macroHash
	first   firstFilter        // names that may be macros, by first byte and length
	buf     []tok              // the line returned by line
	done    bool               // EOF has been returned
	args    []tok              // the arguments of the invocation being expanded
	argEnds []int              // where each argument ends in args
	slab    []Expansion        // Expansions are allocated from here
	defBuf  []tok              // the body of the #define being read
	srcs    []string           // the sources of token texts: the file, its headers (see tok)
	mainSrc int32              // the file's number in srcs
	exps    []*Expansion

	// defines, if not nil, collects the macros #define makes, in order,
	// and otherDirective records any other directive (readHeader).
	defines        []*Macro
	otherDirective bool

	// multi lists the macros defined in the file whose invocations make
	// several statements, for the parser's estimate of how many it will
	// make (parser.growStmts).
	multi []*Macro

	// gen counts the changes of the macro table (#define, #undef, a
	// header's layer), for the templates of fastInvoke, kept in tmpls;
	// fbuf is fastInvoke's second line buffer; ftmpl is the template of
	// the last line it expanded.
	gen   int
	tmpls map[*Macro]*bodyTemplate
	fbuf  []tok
	ftmpl *bodyTemplate
	syms  []symItem // compileBody's stack of expansions
}

// span returns the text of tokens from one macro body: the body as
// written from the first to the last, if they are in order with only
// blanks between them.
func (p *preprocessor) span(ts []tok) (string, bool) {
	src := p.srcText(ts[0].src)
	end := ts[0].off
	for i := range ts {
		t := &ts[i]
		if t.off < end {
			return "", false
		}
		for _, c := range []byte(src[end:t.off]) {
			if c != ' ' && c != '\t' {
				return "", false
			}
		}
		end = t.off + t.n
	}
	return src[ts[0].off:end], true
}

// srcText returns source number id.
func (p *preprocessor) srcText(id int32) string {
	if id >= 0 {
		return p.srcs[id]
	}
	return globalSrcs.s[-id-1]
}

// text returns the text of t.
func (p *preprocessor) text(t tok) string {
	if t.src >= 0 {
		return p.srcs[t.src][t.off : t.off+t.n]
	}
	return globalSrcs.s[-t.src-1][t.off : t.off+t.n]
}

// expOf returns the Expansion t came from, or nil.
func (p *preprocessor) expOf(t tok) *Expansion {
	if t.exp == 0 {
		return nil
	}
	return p.exps[t.exp-1]
}

// use returns the position a diagnostic about t should point at (see
// Token.Use).
func (p *preprocessor) use(t tok) token.Pos {
	if t.exp == 0 {
		return t.pos
	}
	return p.exps[t.exp-1].Root().Use
}

// describe returns t's text, or a description for EOF and newline.
func (p *preprocessor) describe(t tok) string {
	switch t.kind {
	case EOF, Newline:
		return t.kind.String()
	}
	return p.text(t)
}

// export returns t as a Token.
func (p *preprocessor) export(t tok) Token {
	return Token{Kind: t.kind, Text: p.text(t), Pos: t.pos, Exp: p.expOf(t)}
}

// addSrc registers a source of token texts and returns its number.
func (p *preprocessor) addSrc(s string) int32 {
	p.srcs = append(p.srcs, s)
	return int32(len(p.srcs) - 1)
}

// bloomWords is the size of the macro-name filter in 64-bit words: large
// enough that the thousands of names of a runtime go_asm.h leave most
// identifiers out.
const bloomWords = 64

// macroHash is a cheap hash of an identifier for the macro-name filter:
// its length and its first and last two bytes, mixed.
func macroHash(s string) uint {
	n := len(s)
	h := uint32(n)*0x9e3779b1 ^ uint32(s[0])*0x85ebca77 ^ uint32(s[n-1])*0xc2b2ae3d
	if n > 2 {
		h ^= uint32(s[1])*0x27d4eb2f ^ uint32(s[n-2])*0x165667b1
	}
	h ^= h >> 15
	h *= 0x2c1b3c6d
	return uint(h^h>>12) % (bloomWords * 64)
}

// lenBit is the bit of a name's length (modulo 32) in a firstFilter.
func lenBit(s string) uint32 { return 1 << (uint(len(s)) & 31) }

// A firstFilter holds, for each first byte of the names it holds, the
// lenBits of their lengths.
type firstFilter [256]uint32

// has reports whether the filter may hold name, not empty.
func (f *firstFilter) has(name string) bool {
	return f[name[0]]>>(uint(len(name))&31)&1 != 0
}

func (f *firstFilter) add(name string) {
	if name != "" {
		f[name[0]] |= lenBit(name)
	}
}

// lookup returns the macro called name, or nil: first by the name's first
// byte and length (most identifiers fail this cheap test), then by the
// lookup cache, the bloom filter and the table (cachedMacro).
func (p *preprocessor) lookup(name string) *Macro {
	if p.first[name[0]]&lenBit(name) == 0 {
		return nil
	}
	m, _ := p.cachedMacro(name)
	return m
}

// A lookupCache remembers, for names looked up recently, the macro each
// one names (or none), one name per slot chosen by the name's hash. Most
// names that pass the first filter are register aliases (#define acc0 R3)
// and other macros used again and again; the hash, which the bloom filter
// needs anyway, and a comparison cost less than the map. An entry holds
// while the macro table is as it was (gen); the cache is cleared between
// files.
type lookupCache [lookupSlots]lookupEntry

const lookupSlots = 64

// An empty entry holds no name: the names looked up are never empty (they
// passed the first filter, which reads their first byte).
type lookupEntry struct {
	name string
	m    *Macro
	gen  int
	// What parser.regOf found the macro stands for, if regOK.
	regOK  bool
	reg    string
	regID  uint16
	regExp int
}

// cachedEntry returns the entry in slot of lookups if it still holds name
// and its macro m, or nil.
func (p *preprocessor) cachedEntry(slot int, name string, m *Macro) *lookupEntry {
	if e := &p.lookups[slot]; e.gen == p.gen && e.m == m && e.name == name {
		return e
	}
	return nil
}

// cachedMacro returns macro(name), for a name that passed the first
// filter, and the slot of lookups that holds it.
func (p *preprocessor) cachedMacro(name string) (*Macro, int) {
	if p.lookups == nil {
		p.lookups = new(lookupCache)
	}
	h := macroHash(name)
	slot := int(h % lookupSlots)
	e := &p.lookups[slot]
	if e.gen == p.gen && e.name == name {
		return e.m, slot
	}
	var m *Macro
	if p.bloom[h>>6]&(1<<(h&63)) != 0 {
		m = p.macro(name)
	}
	*e = lookupEntry{name: name, m: m, gen: p.gen}
	return m, slot
}

func (p *preprocessor) addMacro(m *Macro) {
	p.gen++
	p.macros[m.Name] = m
	h := macroHash(m.Name)
	p.bloom[h>>6] |= 1 << (h & 63)
	p.first.add(m.Name)
}

// line returns the next line of tokens after preprocessing, ending with
// a Newline or EOF token, or nil after EOF. A line produced by a macro
// may hold several statements.
//
// Most lines of a file contain no directive and no macro; line reads them
// straight from the file (the fast path). Anything else goes through next.
func (p *preprocessor) line() []tok {
	if p.done {
		return nil
	}
	for {
		in := &p.files[len(p.files)-1]
		if len(p.pend) != in.pendBase {
			break
		}
		if !p.enabled() && !noFastLines {
			in.lx.skipDisabled()
		}
		p.buf = in.lx.line(p.buf[:0])
		last := p.buf[len(p.buf)-1].kind
		if last == EOF && len(p.files) > 1 {
			// The end of a header: go on with the file that includes it.
			p.buf = p.buf[:len(p.buf)-1]
			p.files = p.files[:len(p.files)-1]
			if len(p.buf) == 0 {
				continue
			}
			p.pushTokens(p.buf)
			break
		}
		if p.buf[0].kind == '#' && p.bol && last == Newline && !noFastLines {
			// A directive line: run it as next would, then give the
			// parser an empty line, so that the line after it is read
			// as any other (by parser.fastLine when it can), not token
			// by token as next would go on.
			nl := p.buf[len(p.buf)-1]
			p.pushTokens(p.buf[1:])
			p.directive(p.buf[0])
			p.bol = true
			if len(p.pend) != p.files[len(p.files)-1].pendBase {
				break
			}
			p.buf = append(p.buf[:0], nl)
			return p.buf
		}
		if p.buf[0].kind == '#' || in.lx.mayMacro && p.hasMacro(p.buf) {
			if p.buf[0].kind != '#' && p.fastInvoke() {
				return p.buf
			}
			p.pushTokens(p.buf)
			break
		}
		if !p.enabled() && last != EOF {
			continue
		}
		p.bol = true
		if last == EOF {
			p.done = true
			p.atEOF()
			if !p.enabled() {
				p.buf = append(p.buf[:0], p.buf[len(p.buf)-1])
			}
		}
		return p.buf
	}
	p.buf = p.buf[:0]
	for {
		var t tok
		if n := len(p.pend); n > p.files[len(p.files)-1].pendBase && p.enabled() {
			// The commonest case of next, inlined: a pending token that
			// is not EOF, not a directive and not a macro's name.
			t = p.pend[n-1]
			if t.kind != EOF && t.kind != '#' && (t.kind != Ident || !p.first.has(p.text(t))) {
				p.pend = p.pend[:n-1]
				p.bol = t.kind == Newline
			} else {
				t = p.next()
			}
		} else {
			t = p.next()
		}
		p.buf = append(p.buf, t)
		switch t.kind {
		case EOF:
			p.done = true
			return p.buf
		case Newline:
			return p.buf
		}
		if len(p.buf) > maxLineTokens {
			return p.lineTooLong(t)
		}
	}
}

// lineTooLong reports a macro expansion that makes a line longer than
// maxLineTokens (#define A B B, #define B C C, …), drops the rest of the
// expansion and of the file's line, and returns what the file's line
// said before the expansion, followed by an Illegal token.
func (p *preprocessor) lineTooLong(t tok) []tok {
	if e := p.expOf(t); e != nil {
		p.errorf(e.Root().Use, "macro expansion too large: more than %d tokens in one line (in expansion of %s)", maxLineTokens, e.Chain())
	} else {
		p.errorf(t.pos, "line too long: more than %d tokens", maxLineTokens)
	}
	t.kind = Illegal
	in := &p.files[len(p.files)-1]
	ended := false
	for _, t := range p.pend[in.pendBase:] {
		if t.exp == 0 && (t.kind == Newline || t.kind == EOF) {
			ended = true
			p.done = p.done || t.kind == EOF
		}
	}
	p.pend = p.pend[:in.pendBase]
	for !ended {
		r := p.raw()
		ended = r.kind == Newline || r.kind == EOF
		p.done = r.kind == EOF
	}
	k := 0
	for k < len(p.buf) && p.buf[k].exp == 0 {
		k++
	}
	p.buf = append(p.buf[:k], t, tok{kind: Newline, pos: t.pos, exp: t.exp})
	if p.done {
		p.buf[len(p.buf)-1].kind = EOF
	}
	return p.buf
}

// hasMacro reports whether a line names a macro.
func (p *preprocessor) hasMacro(ts []tok) bool {
	for i := range ts {
		if ts[i].kind == Ident && p.lookup(p.text(ts[i])) != nil {
			return true
		}
	}
	return false
}

func (p *preprocessor) errorf(pos token.Pos, format string, args ...any) {
	p.errs.Add(pos, fmt.Sprintf(format, args...))
}

func (p *preprocessor) enabled() bool {
	return len(p.conds) == 0 || p.conds[len(p.conds)-1].enabled
}

// pushFile starts reading a file's text.
func (p *preprocessor) pushFile(path string, src string, base token.Pos) {
	lx := newLexer(src, base)
	lx.id = p.addSrc(src)
	if len(p.files) == 0 {
		p.mainSrc = lx.id
	}
	lx.errorf = p.errorf
	lx.bloom, lx.first = &p.bloom, &p.first
	if len(p.files) == 0 {
		lx.comment = p.file.addDirective
	}
	p.files = append(p.files, fileInput{lx: lx, path: path, pendBase: len(p.pend)})
	p.bol = true
}

// raw returns the next token without macro expansion or directive
// processing.
func (p *preprocessor) raw() tok {
	for {
		in := &p.files[len(p.files)-1]
		if n := len(p.pend); n > in.pendBase {
			t := p.pend[n-1]
			p.pend = p.pend[:n-1]
			return t
		}
		t := in.lx.next()
		if t.kind != EOF || len(p.files) == 1 {
			return t
		}
		p.files = p.files[:len(p.files)-1]
	}
}

// pushBack makes t the next token raw returns.
func (p *preprocessor) pushBack(t tok) {
	p.pend = append(p.pend, t)
}

// pushTokens makes toks the next tokens raw returns.
func (p *preprocessor) pushTokens(toks []tok) {
	for i := len(toks) - 1; i >= 0; i-- {
		p.pend = append(p.pend, toks[i])
	}
}

// next returns the next token after preprocessing.
func (p *preprocessor) next() tok {
	for {
		var t tok
		if n := len(p.pend); n > p.files[len(p.files)-1].pendBase {
			t = p.pend[n-1]
			p.pend = p.pend[:n-1]
		} else {
			t = p.raw()
		}
		switch {
		case t.kind == EOF:
			p.atEOF()
			return t
		case t.kind == '#' && p.bol:
			// Directives are recognized in macro expansions too: a
			// multi-line #define may contain #ifdef (runtime/asm_arm64.s BREAK).
			p.directive(t)
			p.bol = true
			continue
		case !p.enabled():
			p.bol = t.kind == Newline
			if in := &p.files[len(p.files)-1]; p.bol && len(p.pend) == in.pendBase && !noFastLines {
				in.lx.skipDisabled()
			}
			continue
		case t.kind == Ident:
			if name := p.text(t); p.first.has(name) {
				if m := p.lookup(name); m != nil && p.invoke(m, t) {
					continue
				}
			}
		}
		p.bol = t.kind == Newline
		return t
	}
}

func (p *preprocessor) atEOF() {
	for _, c := range p.conds {
		p.errorf(c.pos, "#ifdef or #ifndef without #endif")
	}
	p.conds = nil
}

// newExpansion allocates an Expansion.
func (p *preprocessor) newExpansion() *Expansion {
	if len(p.slab) == cap(p.slab) {
		p.slab = make([]Expansion, 0, min(max(2*cap(p.slab), 16), 512))
	}
	p.slab = p.slab[:len(p.slab)+1]
	return &p.slab[len(p.slab)-1]
}

// invoke expands macro m named by token t. It reports whether t was
// consumed; if not, t is to be used as an ordinary token.
func (p *preprocessor) invoke(m *Macro, t tok) bool {
	texp := p.expOf(t)
	for e := texp; e != nil; e = e.Parent {
		if e.Macro == m {
			// cmd/asm gives up after 100 nested invocations
			// (cmd/asm/internal/lex/input.go, Next); the name is left
			// unexpanded and reported once per outermost invocation, so
			// that #define A A A costs linear time.
			if root := texp.Root(); !root.reported {
				root.reported = true
				p.errorf(p.use(t), "recursive invocation of macro %s (%s)", m.Name, texp.Chain())
			}
			t.kind = Illegal
			p.pushBack(t)
			return true
		}
	}
	var end token.Pos
	if t.exp == 0 && t.pos.IsValid() {
		end = t.pos + token.Pos(t.n)
	}
	if m.Params != nil {
		open := p.raw()
		if open.kind != '(' {
			// A function-like macro named without arguments is just its name.
			p.pushBack(open)
			t.kind = MacroName
			p.pushBack(t)
			return true
		}
		closing, ok := p.collectArgs(m, t)
		if !ok {
			t.kind = Illegal
			p.pushBack(t)
			return true
		}
		if end.IsValid() {
			end = token.NoPos
			if closing.exp == 0 && closing.pos.IsValid() {
				end = closing.pos + 1
			}
		}
	}
	// The slab's Expansions are zero: set the fields one by one (a whole
	// struct assigned while a collection runs zeroes it through the
	// write barrier first).
	exp := p.newExpansion()
	exp.Macro, exp.Use, exp.Parent, exp.end = m, t.pos, texp, end
	if t.pos == token.NoPos && texp != nil {
		exp.Use = texp.Use
	}
	p.exps = append(p.exps, exp)
	ei := int32(len(p.exps))
	start := len(p.pend)
	body, argIdx := m.body, m.argIdx
	src := int32(0)
	if m.hdr != nil {
		// The body's texts are in the cached header, whose source
		// number is this file's own.
		src = p.hdrSrc(m.hdr)
	}
	for i := len(body) - 1; i >= 0; i-- {
		if argIdx != nil {
			if k := argIdx[i]; k >= 0 {
				lo := 0
				if k > 0 {
					lo = p.argEnds[k-1]
				}
				p.pushTokens(p.args[lo:p.argEnds[k]])
				continue
			}
		}
		b := body[i]
		b.exp = ei
		if m.hdr != nil {
			b.src = src
		}
		p.pend = append(p.pend, b)
	}
	p.expanded += len(p.pend) - start
	if p.expanded > maxExpansion {
		p.pend = p.pend[:start]
		if !p.tooLarge {
			p.tooLarge = true
			p.errorf(p.use(t), "macro expansion too large (at %s)", m.Name)
		}
		t.kind = Illegal
		p.pushBack(t)
	}
	return true
}

// argIndexes returns, for each token of a function-like macro's body, the
// index of the parameter it names, or -1; nil for an object-like macro.
func argIndexes(m *Macro) []int8 {
	if m.Params == nil {
		return nil
	}
	idx := make([]int8, len(m.body))
	for i, t := range m.body {
		idx[i] = -1
		if t.kind == Ident {
			if k := paramIndex(m.Params, m.text[t.off:t.off+t.n]); k >= 0 && k < 128 {
				idx[i] = int8(k)
			}
		}
	}
	return idx
}

func paramIndex(params []string, name string) int {
	for i, s := range params {
		if s == name {
			return i
		}
	}
	return -1
}

// collectArgs reads the actual arguments of a function-like macro into
// p.args and p.argEnds; the opening parenthesis has been read. It returns
// the closing parenthesis.
func (p *preprocessor) collectArgs(m *Macro, name tok) (tok, bool) {
	p.args, p.argEnds = p.args[:0], p.argEnds[:0]
	nesting := 0
	for {
		t := p.raw()
		switch {
		case t.kind == EOF || t.kind == Newline:
			p.errorf(p.use(name), "unterminated argument list invoking macro %s", m.Name)
			p.pushBack(t)
			return t, false
		case nesting == 0 && (t.kind == ')' || t.kind == ','):
			p.argEnds = append(p.argEnds, len(p.args))
			if t.kind == ',' {
				continue
			}
			n := len(p.argEnds)
			if len(m.Params) == 0 && n == 1 && len(p.args) == 0 {
				n = 0
			}
			if n != len(m.Params) {
				p.errorf(p.use(name), "macro %s takes %d arguments, got %d", m.Name, len(m.Params), n)
				return t, false
			}
			return t, true
		case t.kind == '(':
			nesting++
		case t.kind == ')':
			nesting--
		}
		p.args = append(p.args, t)
	}
}

// directive processes a line starting with '#'.
func (p *preprocessor) directive(hash tok) {
	t := p.raw()
	if t.kind != Ident {
		if p.enabled() {
			p.errorf(hash.pos, "expected directive name after '#', found %s", p.describe(t))
		}
		p.skipLine(t)
		return
	}
	if !p.enabled() {
		switch p.text(t) {
		case "else", "endif", "ifdef", "ifndef":
		default:
			p.skipLine(t)
			return
		}
	}
	if p.defines != nil && p.text(t) != "define" {
		p.otherDirective = true
	}
	switch p.text(t) {
	case "define":
		p.define()
	case "undef":
		p.undef()
	case "ifdef", "ifndef":
		p.ifdef(hash, p.text(t) == "ifdef")
	case "else":
		p.elseDirective(hash)
	case "endif":
		p.endif(hash)
	case "include":
		p.include(hash)
	case "line":
		p.skipLine(t)
	default:
		p.errorf(t.pos, "unknown directive #%s", p.text(t))
		p.skipLine(t)
	}
}

// skipLine discards tokens through the end of the line.
func (p *preprocessor) skipLine(t tok) {
	for t.kind != Newline && t.kind != EOF {
		t = p.raw()
	}
	if t.kind == EOF {
		p.pushBack(t)
	}
}

// endLine expects the end of the directive's line.
func (p *preprocessor) endLine(directive string) {
	t := p.raw()
	if t.kind != Newline && t.kind != EOF {
		p.errorf(t.pos, "unexpected %s after #%s", p.describe(t), directive)
	}
	p.skipLine(t)
}

func (p *preprocessor) macroName(directive string) (tok, bool) {
	t := p.raw()
	if t.kind != Ident {
		p.errorf(t.pos, "expected macro name after #%s, found %s", directive, p.describe(t))
		p.skipLine(t)
		return t, false
	}
	return t, true
}

func (p *preprocessor) define() {
	name, ok := p.macroName("define")
	if !ok {
		return
	}
	m := &Macro{Name: p.text(name), Pos: name.pos}
	m.Builtin = strings.HasPrefix(p.curPath(), builtinDir)
	t := p.raw()
	// As in C, "#define A(x)" takes arguments and "#define A (x)" does not.
	if t.kind == '(' && t.pos == name.pos+token.Pos(len(p.text(name))) {
		m.Params = []string{}
		if t, ok = p.params(m); !ok {
			return
		}
	}
	body := p.defBuf[:0]
	for t.kind != Newline && t.kind != EOF {
		if t.kind == '\\' {
			t = p.raw()
			if t.kind != Newline && t.kind != '\\' {
				p.errorf(t.pos, `in definition of %s: \ may only escape a newline or \`, m.Name)
			}
		}
		// A #define read from a macro's expansion reads tokens that carry
		// that expansion (and perhaps a template step). The body keeps
		// neither: each invocation sets its own, and the index of an
		// expansion of the defining invocation depends on how many
		// expansions came before it, which the fast paths, which make
		// none for the one-token macros they read, count differently.
		t.exp, t.step = 0, 0
		body = append(body, t)
		t = p.raw()
	}
	p.defBuf = body
	if t.kind == EOF {
		p.pushBack(t)
	}
	if len(body) > 0 {
		m.body = slices.Clone(body)
		m.text = p.srcText(body[0].src)
	}
	m.argIdx = argIndexes(m)
	if k := p.bodyStmts(m); k > 1 {
		m.stmts = int32(min(k, 1<<30))
		p.multi = append(p.multi, m)
	}
	if old := p.macro(m.Name); old != nil && !sameBody(old, m) {
		p.errorf(name.pos, "redefinition of macro %s", m.Name)
	}
	p.addMacro(m)
	if p.defines != nil {
		p.defines = append(p.defines, m)
	}
}

// bodyStmts estimates the number of statements an invocation of m makes:
// those of its body, and those of the multi-statement macros it invokes.
func (p *preprocessor) bodyStmts(m *Macro) int {
	n, in := 0, false
	for i, t := range m.body {
		switch {
		case t.kind == Newline || t.kind == ';':
			in = false
		case !in:
			in = true
			n++
			if t.kind == Ident && (m.argIdx == nil || m.argIdx[i] < 0) {
				if o := p.lookup(p.text(t)); o != nil && o.stmts > 1 {
					n += int(o.stmts) - 1
				}
			}
		}
	}
	return n
}

func sameBody(a, b *Macro) bool {
	if len(a.body) != len(b.body) || len(a.Params) != len(b.Params) {
		return false
	}
	for i, t := range a.body {
		u := b.body[i]
		if a.text[t.off:t.off+t.n] != b.text[u.off:u.off+u.n] {
			return false
		}
	}
	return true
}

// params reads the formal parameter list of a function-like macro; the
// '(' has been read. It returns the first token of the body.
func (p *preprocessor) params(m *Macro) (tok, bool) {
	want := true
	for {
		t := p.raw()
		switch {
		case t.kind == ')' && (!want || len(m.Params) == 0):
			return p.raw(), true
		case t.kind == ',' && !want:
			want = true
		case t.kind == Ident && want:
			if paramIndex(m.Params, p.text(t)) >= 0 {
				p.errorf(t.pos, "duplicate parameter %s in definition of macro %s", p.text(t), m.Name)
			}
			m.Params = append(m.Params, p.text(t))
			want = false
		default:
			p.errorf(t.pos, "bad parameter list in definition of macro %s", m.Name)
			p.skipLine(t)
			return t, false
		}
	}
}

func (p *preprocessor) undef() {
	name, ok := p.macroName("undef")
	if !ok {
		return
	}
	if p.macro(p.text(name)) == nil {
		p.errorf(name.pos, "#undef of undefined macro %s", p.text(name))
	}
	p.gen++
	if p.inLayers(p.text(name)) {
		p.macros[p.text(name)] = nil
	} else {
		delete(p.macros, p.text(name))
	}
	p.endLine("undef")
}

func (p *preprocessor) ifdef(hash tok, want bool) {
	name, ok := p.macroName("ifdef")
	if !ok {
		return
	}
	defined := p.macro(p.text(name)) != nil
	parent := p.enabled()
	p.conds = append(p.conds, cond{pos: hash.pos, parent: parent, enabled: parent && defined == want})
	p.endLine("ifdef")
}

func (p *preprocessor) elseDirective(hash tok) {
	p.endLine("else")
	if len(p.conds) == 0 {
		p.errorf(hash.pos, "#else without #ifdef")
		return
	}
	c := &p.conds[len(p.conds)-1]
	if c.sawElse {
		p.errorf(hash.pos, "second #else for the same #ifdef")
	}
	c.sawElse = true
	c.enabled = c.parent && !c.enabled
}

func (p *preprocessor) endif(hash tok) {
	p.endLine("endif")
	if len(p.conds) == 0 {
		p.errorf(hash.pos, "#endif without #ifdef")
		return
	}
	p.conds = p.conds[:len(p.conds)-1]
}

func (p *preprocessor) include(hash tok) {
	t := p.raw()
	if t.kind != String {
		p.errorf(t.pos, "expected \"file\" after #include, found %s", p.describe(t))
		p.skipLine(t)
		return
	}
	name, err := strconv.Unquote(p.text(t))
	p.endLine("include")
	if err != nil {
		p.errorf(t.pos, "bad file name in #include: %v", err)
		return
	}
	if len(p.files) > maxIncludeDepth {
		p.errorf(t.pos, "#include nested too deeply (recursive include of %q?)", name)
		return
	}
	if p.includeBuiltin(name, t.pos) {
		return
	}
	from := p.curPath()
	var inc Includer = p.includer
	if inc == nil {
		inc = &DirIncluder{}
	}
	if li, ok := inc.(LazyIncluder); ok && p.includeLazy(li, name, from) {
		return
	}
	path, src, err := inc.Include(name, from)
	if err != nil {
		p.file.Missing = append(p.file.Missing, name)
		if errors.Is(err, fs.ErrNotExist) {
			p.errorf(t.pos, "cannot find #include %q: macros it defines are unknown here", name)
		} else {
			p.errorf(t.pos, "cannot read #include %q: %v", name, err)
		}
		return
	}
	p.file.Includes = append(p.file.Includes, path)
	if p.headers != nil {
		if h := p.headers.get(p.fset, path, src); h != nil {
			p.installHeader(h)
			return
		}
	}
	text := string(src)
	tf := p.fset.AddFile(path, -1, len(text))
	tf.SetLines(lineStarts(text))
	p.pushFile(path, text, token.Pos(tf.Base()))
}

// curPath returns the path of the file being read.
func (p *preprocessor) curPath() string {
	return p.files[len(p.files)-1].path
}

// A BuiltinIncluder is an Includer that, like DirIncluder, resolves the
// go command's built-in headers (textflag.h, funcdata.h …) to their
// built-in text, and says so: the preprocessor then takes their macros
// from a cache that every file shares instead of asking it.
type BuiltinIncluder interface {
	Includer
	// IncludesBuiltins reports whether Include gives the built-in text
	// for the built-in headers' names.
	IncludesBuiltins() bool
}

// IncludesBuiltins implements BuiltinIncluder.
func (d *DirIncluder) IncludesBuiltins() bool { return true }

// includeBuiltin handles the #include of a built-in header without
// conditional parts (textflag.h, funcdata.h) from a cache, when the
// Includer always resolves them to the built-in text (no Includer, a
// BuiltinIncluder). It reports whether it did.
func (p *preprocessor) includeBuiltin(name string, pos token.Pos) bool {
	if bi, ok := p.includer.(BuiltinIncluder); p.includer != nil && (!ok || !bi.IncludesBuiltins()) {
		return false
	}
	ms, h := builtinMacros(name)
	if ms == nil {
		return false
	}
	p.file.Includes = append(p.file.Includes, builtinDir+name)
	if !p.overlaps(h) {
		// None of its names is defined: its macros become a layer of
		// the macro table, shared by every file.
		p.addLayer(h)
		return true
	}
	for _, m := range ms {
		if old := p.macro(m.Name); old != nil && old != m && !sameBody(old, m) {
			p.errorf(pos, "redefinition of macro %s by %s", m.Name, name)
		}
		p.addMacro(m)
	}
	return true
}

// addLayer makes the macros of h, which define no name already defined,
// a layer of the macro table.
func (p *preprocessor) addLayer(h *cachedHeader) {
	p.gen++
	p.layers = append(p.layers, h)
	for i := range p.bloom {
		p.bloom[i] |= h.bloom[i]
	}
	for i := range p.first {
		p.first[i] |= h.first[i]
	}
}

// sharedLayer makes a layer of the macro table from macros shared by
// every file (built-in headers, -D definitions), the later of two with
// the same name winning.
func sharedLayer(path string, ms []*Macro) *cachedHeader {
	h := &cachedHeader{path: path, ok: true, macros: ms, byName: make(map[string]*Macro, len(ms))}
	for _, m := range ms {
		h.byName[m.Name] = m
		hash := macroHash(m.Name)
		h.bloom[hash/64] |= 1 << (hash % 64)
		h.first.add(m.Name)
	}
	return h
}

var (
	cacheMu      sync.Mutex
	builtinCache = map[string][]*Macro{}
	builtinLayer = map[string]*cachedHeader{}
	defineCache  = map[string]*Macro{}
	defineLayers = map[string]*cachedHeader{} // by the definitions, each followed by a NUL
)

// builtinMacros returns the macros that a built-in header without #ifdef
// defines, shared by every file (their bodies' tokens have no position),
// and their layer, or nil.
func builtinMacros(name string) ([]*Macro, *cachedHeader) {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if ms, ok := builtinCache[name]; ok {
		return ms, builtinLayer[name]
	}
	ms := readBuiltin(name)
	builtinCache[name] = ms
	if ms != nil {
		builtinLayer[name] = sharedLayer(builtinDir+name, ms)
	}
	return ms, builtinLayer[name]
}

// readBuiltin reads the macros of a built-in header without #ifdef, or
// returns nil. cacheMu must be held.
func readBuiltin(name string) []*Macro {
	src, ok := builtinHeaders[name]
	if !ok || strings.Contains(src, "#if") {
		builtinCache[name] = nil
		return nil
	}
	gid, ok := addGlobalSrc(src)
	if !ok {
		builtinCache[name] = nil
		return nil
	}
	f := &File{}
	pp := &preprocessor{fset: token.NewFileSet(), macros: map[string]*Macro{}, errs: &f.Errors, file: f}
	pp.pushFile(builtinDir+name, src, token.NoPos)
	for pp.line() != nil {
	}
	var ms []*Macro
	for _, m := range pp.macros {
		m.Pos = token.NoPos
		m.Builtin = true
		for i := range m.body {
			m.body[i].pos = token.NoPos
			m.body[i].src = gid
		}
		ms = append(ms, m)
	}
	slices.SortFunc(ms, func(a, b *Macro) int { return strings.Compare(a.Name, b.Name) })
	builtinCache[name] = ms
	return ms
}

// predefine installs -D style definitions NAME or NAME=value. The Macros
// are shared by every file that has the same definition; a list of
// definitions seen before is installed as a layer of the macro table.
func (p *preprocessor) predefine(defs []string) {
	if len(defs) == 0 {
		return
	}
	var buf [256]byte
	key := buf[:0]
	for _, d := range defs {
		key = append(key, d...)
		key = append(key, 0)
	}
	cacheMu.Lock()
	h := defineLayers[string(key)]
	cacheMu.Unlock()
	if h != nil && !p.overlaps(h) {
		p.addLayer(h)
		return
	}
	cacheMu.Lock()
	defer cacheMu.Unlock()
	ms := make([]*Macro, 0, len(defs))
	shared := true
	for _, d := range defs {
		m := defineCache[d]
		if m == nil {
			name, value, ok := strings.Cut(d, "=")
			if !ok {
				value = "1"
			}
			if id, ok := addGlobalSrc(value); ok && len(defineCache) < 1024 {
				m = newDefine(name, value, id)
				defineCache[d] = m
			} else {
				m = newDefine(name, value, p.addSrc(value))
				shared = false
			}
		}
		p.addMacro(m)
		ms = append(ms, m)
	}
	if h == nil && shared && len(defineLayers) < 256 {
		defineLayers[string(key)] = sharedLayer("", ms)
	}
}

// newDefine makes the macro of -D name=value; id is value's source number.
func newDefine(name, value string, id int32) *Macro {
	lx := newLexer(value, token.NoPos)
	lx.id = id
	lx.errorf = func(token.Pos, string, ...any) {}
	m := &Macro{Name: name, Builtin: true, text: value}
	for t := lx.next(); t.kind != EOF; t = lx.next() {
		t.pos = token.NoPos
		m.body = append(m.body, t)
	}
	return m
}
