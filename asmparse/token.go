package asmparse

import (
	"go/token"
	"strings"
)

// A Kind is the lexical class of a Token.
//
// Punctuation tokens use the ASCII value of their character as their Kind,
// so Kind('(') is the kind of an opening parenthesis and Newline is '\n'.
type Kind uint8

// The token kinds that are not single punctuation characters.
const (
	EOF       Kind = iota
	Ident          // MOVQ, R1, runtime·memmove, sym
	Int            // 12, 0x1f, 0b101, 017
	Float          // 1.5, 1e9
	Char           // 'a'
	String         // "abc"
	LSH            // <<
	RSH            // >>
	ARR            // ->  (arithmetic shift right on arm/arm64)
	ROT            // @>  (rotate right on arm/arm64)
	Newline   Kind = '\n'
	MacroName Kind = iota // a function-like macro name used without arguments; never expanded again
	// Illegal is a token that could not be read: a character that starts
	// no token, an unterminated string or character constant, or what is
	// left of a macro invocation that failed. The error has been reported
	// where the token was made; the parser marks the statement Bad and
	// reports nothing more.
	Illegal
)

var kindNames = [...]string{
	EOF:       "EOF",
	Ident:     "identifier",
	Int:       "integer",
	Float:     "float",
	Char:      "character constant",
	String:    "string",
	LSH:       "<<",
	RSH:       ">>",
	ARR:       "->",
	ROT:       "@>",
	MacroName: "macro name",
	Illegal:   "illegal character",
	Newline:   "newline",
}

// String returns a short description of k for messages.
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return string(rune(k))
}

// A Token is one lexical token after preprocessing.
type Token struct {
	Kind Kind
	Text string     // the token as written
	Pos  token.Pos  // where Text is: in the file, a header, or a macro body
	Exp  *Expansion // the macro expansion that produced the token, or nil
}

// Use returns the position a diagnostic about t should point at: its own
// position if t was read from a file, else the position of the outermost
// macro invocation that produced it.
func (t *Token) Use() token.Pos {
	if t.Exp == nil {
		return t.Pos
	}
	return t.Exp.Root().Use
}

// String returns the token's text, or a description for EOF and newline.
func (t Token) String() string {
	switch t.Kind {
	case EOF, Newline:
		return t.Kind.String()
	}
	return t.Text
}

// A Macro is a #define'd name.
type Macro struct {
	Name    string
	Params  []string  // nil for an object-like macro; non-nil (maybe empty) for FOO(...)
	Pos     token.Pos // of the name in the #define; NoPos for predefined macros
	Builtin bool      // predefined (-D style) or from a built-in header; shared by every File: do not modify

	body   []tok  // the body's tokens (Body)
	text   string // the text body's offsets index: the defining file's, or the value's
	argIdx []int8 // for each token of the body, the parameter it names or -1
	// stmts is the number of statements an invocation makes when more
	// than one (see preprocessor.multi).
	stmts int32
	// hdr is the cached header that defines the macro, if any: the
	// source number of body is then the file's number for hdr's text.
	hdr *cachedHeader
}

// Body returns the tokens of the macro's body (a new slice each time).
func (m *Macro) Body() []Token {
	out := make([]Token, len(m.body))
	for i := range m.body {
		out[i] = m.token(i)
	}
	return out
}

// token returns token i of the body. Its Exp is nil: a #define's body is
// read without expansion.
func (m *Macro) token(i int) Token {
	t := m.body[i]
	pos := t.pos
	if m.Builtin {
		pos = token.NoPos
	}
	return Token{Kind: t.kind, Text: m.text[t.off : t.off+t.n], Pos: pos}
}

// An Expansion records one macro invocation.
type Expansion struct {
	Macro  *Macro
	Use    token.Pos  // position of the macro name at the invocation
	Parent *Expansion // the expansion the invocation itself came from, if any

	reported bool      // a recursive invocation inside this expansion was reported
	end      token.Pos // just past the invocation (its name, or its closing parenthesis) if in a file
}

// Root returns the outermost expansion of the chain that contains e.
func (e *Expansion) Root() *Expansion {
	for e.Parent != nil {
		e = e.Parent
	}
	return e
}

// Chain returns the macro names from the outermost invocation inward,
// joined by " → ", for messages such as "in expansion of FOO → BAR".
func (e *Expansion) Chain() string {
	var names []string
	for x := e; x != nil; x = x.Parent {
		names = append(names, x.Macro.Name)
	}
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	return strings.Join(names, " → ")
}

// A tok is the internal form of a Token. It holds no pointer, so that the
// buffers of tokens the lexer, the preprocessor and the parser fill need
// no write barrier and no scanning by the garbage collector: its text is
// an offset into a source string, and its expansion an index.
type tok struct {
	kind Kind
	src  int32 // the source of the text: ≥ 0, the preprocessor's srcs[src]; < 0, globalSrcs.s[-src-1]
	off  int32 // of the text in its source
	n    int32 // length of the text
	exp  int32 // 1 + the index of the token's Expansion in the preprocessor's exps, or 0
	step int32 // 1 + the index of the token's step in the template of fastInvoke that made it, or 0
	pos  token.Pos
}

// globalSrcs holds the texts of the macros shared by every file (the
// built-in headers, -D values). An entry is written once, under cacheMu,
// before the macros that refer to it are published under cacheMu.
var globalSrcs struct {
	s [1 << 12]string
	n int
}

// addGlobalSrc registers a text shared by every file and returns its
// source number, or 0, false if the table is full. cacheMu must be held.
func addGlobalSrc(s string) (int32, bool) {
	if globalSrcs.n == len(globalSrcs.s) {
		return 0, false
	}
	globalSrcs.s[globalSrcs.n] = s
	globalSrcs.n++
	return int32(-globalSrcs.n), true
}
