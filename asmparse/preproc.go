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

type ppInput struct {
	lx      *lexer
	path    string
	builtin bool // a built-in header
	toks    []Token
	i       int
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
type preprocessor struct {
	fset     *token.FileSet
	includer Includer
	inputs   []*ppInput
	macros   map[string]*Macro
	conds    []cond
	bol      bool
	back     []Token // tokens pushed back
	expanded int
	tooLarge bool // "macro expansion too large" was reported
	errs     *ErrorList
	file     *File

	bloom [4]uint64 // names that may be macros, by macroHash
	buf   []Token   // the line returned by line
	done  bool      // EOF has been returned
}

// macroHash is a cheap hash of an identifier for the macro-name filter.
func macroHash(s string) uint {
	return (uint(len(s))*31 + uint(s[0])*7 + uint(s[len(s)-1])) & 255
}

func (p *preprocessor) mayBeMacro(name string) bool {
	h := macroHash(name)
	return p.bloom[h>>6]&(1<<(h&63)) != 0
}

func (p *preprocessor) addMacro(m *Macro) {
	p.macros[m.Name] = m
	h := macroHash(m.Name)
	p.bloom[h>>6] |= 1 << (h & 63)
}

// line returns the next line of tokens after preprocessing, ending with
// a Newline or EOF token, or nil after EOF. A line produced by a macro
// may hold several statements.
//
// Most lines of a file contain no directive and no macro; line reads them
// straight from the file (the fast path). Anything else goes through next.
func (p *preprocessor) line() []Token {
	if p.done {
		return nil
	}
	for len(p.back) == 0 && len(p.inputs) == 1 {
		p.buf = p.inputs[0].lx.line(p.buf[:0])
		if p.buf[0].Kind == '#' || p.hasMacro(p.buf) {
			p.inputs = append(p.inputs, &ppInput{toks: slices.Clone(p.buf)})
			break
		}
		if !p.enabled() && p.buf[len(p.buf)-1].Kind != EOF {
			continue
		}
		p.bol = true
		if p.buf[len(p.buf)-1].Kind == EOF {
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
		t := p.next()
		p.buf = append(p.buf, t)
		switch t.Kind {
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
func (p *preprocessor) lineTooLong(t Token) []Token {
	if t.Exp != nil {
		r := t.Exp.Root()
		p.errorf(r.Use, "macro expansion too large: more than %d tokens in one line (in expansion of %s)", maxLineTokens, t.Exp.Chain())
		t = Token{Kind: Illegal, Text: r.Macro.Name, Pos: r.Use}
	} else {
		p.errorf(t.Pos, "line too long: more than %d tokens", maxLineTokens)
		t.Kind = Illegal
	}
	fileNewline := func(ts []Token) bool {
		for _, t := range ts {
			if t.Exp == nil && (t.Kind == Newline || t.Kind == EOF) {
				if t.Kind == EOF {
					p.done = true
				}
				return true
			}
		}
		return false
	}
	ended := fileNewline(p.back)
	p.back = p.back[:0]
	for len(p.inputs) > 1 && p.inputs[len(p.inputs)-1].lx == nil {
		in := p.inputs[len(p.inputs)-1]
		ended = fileNewline(in.toks[in.i:]) || ended
		p.inputs = p.inputs[:len(p.inputs)-1]
	}
	for !ended {
		r := p.raw()
		ended = r.Kind == Newline || r.Kind == EOF
		p.done = r.Kind == EOF
	}
	k := 0
	for k < len(p.buf) && p.buf[k].Exp == nil {
		k++
	}
	p.buf = append(p.buf[:k], t, Token{Kind: Newline, Pos: t.Pos})
	if p.done {
		p.buf[len(p.buf)-1].Kind = EOF
	}
	return p.buf
}

// hasMacro reports whether a line names a macro.
func (p *preprocessor) hasMacro(ts []Token) bool {
	for i := range ts {
		if ts[i].Kind == Ident && p.mayBeMacro(ts[i].Text) && p.macros[ts[i].Text] != nil {
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
func (p *preprocessor) pushFile(path string, src string, base token.Pos, builtin bool) {
	lx := newLexer(src, base)
	lx.errorf = p.errorf
	if !builtin && len(p.inputs) == 0 {
		lx.comment = p.file.addDirective
	}
	p.inputs = append(p.inputs, &ppInput{lx: lx, path: path, builtin: builtin})
	p.bol = true
}

// raw returns the next token from the input stack without macro expansion
// or directive processing.
func (p *preprocessor) raw() Token {
	if n := len(p.back); n > 0 {
		t := p.back[n-1]
		p.back = p.back[:n-1]
		return t
	}
	for len(p.inputs) > 0 {
		in := p.inputs[len(p.inputs)-1]
		if in.lx != nil {
			t := in.lx.next()
			if t.Kind != EOF || len(p.inputs) == 1 {
				return t
			}
		} else if in.i < len(in.toks) {
			in.i++
			return in.toks[in.i-1]
		}
		p.inputs = p.inputs[:len(p.inputs)-1]
	}
	return Token{Kind: EOF}
}

// next returns the next token after preprocessing.
func (p *preprocessor) next() Token {
	for {
		t := p.raw()
		switch {
		case t.Kind == EOF:
			p.atEOF()
			return t
		case t.Kind == '#' && p.bol:
			// Directives are recognized in macro expansions too: a
			// multi-line #define may contain #ifdef (runtime/asm_arm64.s BREAK).
			p.directive(t)
			p.bol = true
			continue
		case !p.enabled():
			p.bol = t.Kind == Newline
			continue
		case t.Kind == Ident:
			if m := p.macros[t.Text]; m != nil && p.invoke(m, t) {
				continue
			}
		}
		p.bol = t.Kind == Newline
		return t
	}
}

func (p *preprocessor) atEOF() {
	for _, c := range p.conds {
		p.errorf(c.pos, "#ifdef or #ifndef without #endif")
	}
	p.conds = nil
}

// invoke expands macro m named by token t. It reports whether t was
// consumed; if not, t is to be used as an ordinary token.
func (p *preprocessor) invoke(m *Macro, t Token) bool {
	for e := t.Exp; e != nil; e = e.Parent {
		if e.Macro == m {
			// cmd/asm gives up after 100 nested invocations
			// (cmd/asm/internal/lex/input.go, Next); the name is left
			// unexpanded and reported once per outermost invocation, so
			// that #define A A A costs linear time.
			if root := t.Exp.Root(); !root.reported {
				root.reported = true
				p.errorf(t.Use(), "recursive invocation of macro %s (%s)", m.Name, t.Exp.Chain())
			}
			p.pushBack(Token{Kind: Illegal, Text: t.Text, Pos: t.Pos, Exp: t.Exp})
			return true
		}
	}
	exp := &Expansion{Macro: m, Use: t.Pos, Parent: t.Exp}
	if t.Pos == token.NoPos && t.Exp != nil {
		exp.Use = t.Exp.Use
	}
	if t.Exp == nil && t.Pos.IsValid() {
		exp.end = t.Pos + token.Pos(len(t.Text))
	}
	var args [][]Token
	if m.Params != nil {
		open := p.raw()
		if open.Kind != '(' {
			// A function-like macro named without arguments is just its name.
			p.pushTokens([]Token{{Kind: MacroName, Text: t.Text, Pos: t.Pos, Exp: t.Exp}, open})
			return true
		}
		var ok bool
		var closing Token
		if args, closing, ok = p.collectArgs(m, t); !ok {
			p.pushBack(Token{Kind: Illegal, Text: t.Text, Pos: t.Pos, Exp: t.Exp})
			return true
		}
		if exp.end.IsValid() {
			exp.end = token.NoPos
			if closing.Exp == nil && closing.Pos.IsValid() {
				exp.end = closing.Pos + 1
			}
		}
	}
	body := make([]Token, 0, len(m.Body))
	for _, b := range m.Body {
		if b.Kind == Ident && m.Params != nil {
			if i := paramIndex(m.Params, b.Text); i >= 0 {
				body = append(body, args[i]...)
				continue
			}
		}
		b.Exp = exp
		body = append(body, b)
	}
	p.expanded += len(body)
	if p.expanded > maxExpansion {
		if !p.tooLarge {
			p.tooLarge = true
			p.errorf(t.Use(), "macro expansion too large (at %s)", m.Name)
		}
		p.pushBack(Token{Kind: Illegal, Text: t.Text, Pos: t.Pos, Exp: t.Exp})
		return true
	}
	p.pushTokens(body)
	return true
}

func paramIndex(params []string, name string) int {
	for i, s := range params {
		if s == name {
			return i
		}
	}
	return -1
}

// pushBack makes t the next token raw returns.
func (p *preprocessor) pushBack(t Token) {
	p.back = append(p.back, t)
}

func (p *preprocessor) pushTokens(toks []Token) {
	if len(toks) > 0 {
		p.inputs = append(p.inputs, &ppInput{toks: toks})
	}
}

// collectArgs reads the actual arguments of a function-like macro; the
// opening parenthesis has been read.
// It returns the arguments and the closing parenthesis.
func (p *preprocessor) collectArgs(m *Macro, name Token) ([][]Token, Token, bool) {
	var args [][]Token
	var cur []Token
	nesting := 0
	for {
		t := p.raw()
		switch {
		case t.Kind == EOF || t.Kind == Newline:
			p.errorf(name.Use(), "unterminated argument list invoking macro %s", m.Name)
			p.back = append(p.back, t)
			return nil, t, false
		case nesting == 0 && (t.Kind == ')' || t.Kind == ','):
			args = append(args, cur)
			cur = nil
			if t.Kind == ',' {
				continue
			}
			if len(m.Params) == 0 && len(args) == 1 && args[0] == nil {
				args = nil
			}
			if len(args) != len(m.Params) {
				p.errorf(name.Use(), "macro %s takes %d arguments, got %d", m.Name, len(m.Params), len(args))
				return nil, t, false
			}
			return args, t, true
		case t.Kind == '(':
			nesting++
		case t.Kind == ')':
			nesting--
		}
		cur = append(cur, t)
	}
}

// directive processes a line starting with '#'.
func (p *preprocessor) directive(hash Token) {
	t := p.raw()
	if t.Kind != Ident {
		if p.enabled() {
			p.errorf(hash.Pos, "expected directive name after '#', found %s", t)
		}
		p.skipLine(t)
		return
	}
	if !p.enabled() {
		switch t.Text {
		case "else", "endif", "ifdef", "ifndef":
		default:
			p.skipLine(t)
			return
		}
	}
	switch t.Text {
	case "define":
		p.define()
	case "undef":
		p.undef()
	case "ifdef", "ifndef":
		p.ifdef(hash, t.Text == "ifdef")
	case "else":
		p.elseDirective(hash)
	case "endif":
		p.endif(hash)
	case "include":
		p.include(hash)
	case "line":
		p.skipLine(t)
	default:
		p.errorf(t.Pos, "unknown directive #%s", t.Text)
		p.skipLine(t)
	}
}

// skipLine discards tokens through the end of the line.
func (p *preprocessor) skipLine(t Token) {
	for t.Kind != Newline && t.Kind != EOF {
		t = p.raw()
	}
	if t.Kind == EOF {
		p.back = append(p.back, t)
	}
}

// endLine expects the end of the directive's line.
func (p *preprocessor) endLine(directive string) {
	t := p.raw()
	if t.Kind != Newline && t.Kind != EOF {
		p.errorf(t.Pos, "unexpected %s after #%s", t, directive)
	}
	p.skipLine(t)
}

func (p *preprocessor) macroName(directive string) (Token, bool) {
	t := p.raw()
	if t.Kind != Ident {
		p.errorf(t.Pos, "expected macro name after #%s, found %s", directive, t)
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
	m := &Macro{Name: name.Text, Pos: name.Pos}
	m.Builtin = strings.HasPrefix(p.curPath(), builtinDir)
	t := p.raw()
	// As in C, "#define A(x)" takes arguments and "#define A (x)" does not.
	if t.Kind == '(' && t.Pos == name.Pos+token.Pos(len(name.Text)) {
		m.Params = []string{}
		if t, ok = p.params(m); !ok {
			return
		}
	}
	for t.Kind != Newline && t.Kind != EOF {
		if t.Kind == '\\' {
			t = p.raw()
			if t.Kind != Newline && t.Kind != '\\' {
				p.errorf(t.Pos, `in definition of %s: \ may only escape a newline or \`, m.Name)
			}
		}
		m.Body = append(m.Body, t)
		t = p.raw()
	}
	if t.Kind == EOF {
		p.back = append(p.back, t)
	}
	if old := p.macros[m.Name]; old != nil && !sameBody(old, m) {
		p.errorf(name.Pos, "redefinition of macro %s", m.Name)
	}
	p.addMacro(m)
}

func sameBody(a, b *Macro) bool {
	if len(a.Body) != len(b.Body) || len(a.Params) != len(b.Params) {
		return false
	}
	for i := range a.Body {
		if a.Body[i].Text != b.Body[i].Text {
			return false
		}
	}
	return true
}

// params reads the formal parameter list of a function-like macro; the
// '(' has been read. It returns the first token of the body.
func (p *preprocessor) params(m *Macro) (Token, bool) {
	want := true
	for {
		t := p.raw()
		switch {
		case t.Kind == ')' && (!want || len(m.Params) == 0):
			return p.raw(), true
		case t.Kind == ',' && !want:
			want = true
		case t.Kind == Ident && want:
			if paramIndex(m.Params, t.Text) >= 0 {
				p.errorf(t.Pos, "duplicate parameter %s in definition of macro %s", t.Text, m.Name)
			}
			m.Params = append(m.Params, t.Text)
			want = false
		default:
			p.errorf(t.Pos, "bad parameter list in definition of macro %s", m.Name)
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
	if p.macros[name.Text] == nil {
		p.errorf(name.Pos, "#undef of undefined macro %s", name.Text)
	}
	delete(p.macros, name.Text)
	p.endLine("undef")
}

func (p *preprocessor) ifdef(hash Token, want bool) {
	name, ok := p.macroName("ifdef")
	if !ok {
		return
	}
	_, defined := p.macros[name.Text]
	parent := p.enabled()
	p.conds = append(p.conds, cond{pos: hash.Pos, parent: parent, enabled: parent && defined == want})
	p.endLine("ifdef")
}

func (p *preprocessor) elseDirective(hash Token) {
	p.endLine("else")
	if len(p.conds) == 0 {
		p.errorf(hash.Pos, "#else without #ifdef")
		return
	}
	c := &p.conds[len(p.conds)-1]
	if c.sawElse {
		p.errorf(hash.Pos, "second #else for the same #ifdef")
	}
	c.sawElse = true
	c.enabled = c.parent && !c.enabled
}

func (p *preprocessor) endif(hash Token) {
	p.endLine("endif")
	if len(p.conds) == 0 {
		p.errorf(hash.Pos, "#endif without #ifdef")
		return
	}
	p.conds = p.conds[:len(p.conds)-1]
}

func (p *preprocessor) include(hash Token) {
	t := p.raw()
	if t.Kind != String {
		p.errorf(t.Pos, "expected \"file\" after #include, found %s", t)
		p.skipLine(t)
		return
	}
	name, err := strconv.Unquote(t.Text)
	p.endLine("include")
	if err != nil {
		p.errorf(t.Pos, "bad file name in #include: %v", err)
		return
	}
	if len(p.inputs) > maxIncludeDepth {
		p.errorf(t.Pos, "#include nested too deeply (recursive include of %q?)", name)
		return
	}
	from := p.curPath()
	var inc Includer = p.includer
	if inc == nil {
		inc = &DirIncluder{}
	}
	path, src, err := inc.Include(name, from)
	if err != nil {
		p.file.Missing = append(p.file.Missing, name)
		if errors.Is(err, fs.ErrNotExist) {
			p.errorf(t.Pos, "cannot find #include %q: macros it defines are unknown here", name)
		} else {
			p.errorf(t.Pos, "cannot read #include %q: %v", name, err)
		}
		return
	}
	p.file.Includes = append(p.file.Includes, path)
	tf := p.fset.AddFile(path, -1, len(src))
	tf.SetLines(lineStarts(src))
	p.pushFile(path, string(src), token.Pos(tf.Base()), strings.HasPrefix(path, builtinDir))
}

// curPath returns the path of the file being read.
func (p *preprocessor) curPath() string {
	for i := len(p.inputs) - 1; i >= 0; i-- {
		if p.inputs[i].lx != nil {
			return p.inputs[i].path
		}
	}
	return ""
}

// predefine installs -D style definitions NAME or NAME=value.
func (p *preprocessor) predefine(defs []string) {
	for _, d := range defs {
		name, value, ok := strings.Cut(d, "=")
		if !ok {
			value = "1"
		}
		lx := newLexer(value, token.NoPos)
		lx.errorf = func(token.Pos, string, ...any) {}
		m := &Macro{Name: name, Builtin: true}
		for t := lx.next(); t.Kind != EOF; t = lx.next() {
			t.Pos = token.NoPos
			m.Body = append(m.Body, t)
		}
		p.addMacro(m)
	}
}
