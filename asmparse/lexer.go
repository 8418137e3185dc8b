package asmparse

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A lexer turns the text of one source file into tokens. It follows the
// tokenization of the Go assembler (cmd/asm/internal/lex/tokenizer.go): Go
// literals, identifiers that may contain '·' and '∕', the two-character
// operators << >> -> @>, comments skipped, newlines kept as tokens.
type lexer struct {
	src  string
	off  int
	base token.Pos // position of src[0]
	id   int32     // the source's number in the preprocessor's table (see tok)

	// bloom, if not nil, is the preprocessor's filter of macro names;
	// line sets mayMacro if an identifier of the line passes it.
	bloom    *[bloomWords]uint64
	first    *firstFilter // the preprocessor's first-byte filter, tested before bloom
	mayMacro bool

	// comment is called for every // comment that starts with "//go:" or
	// "//asmcheck:"; text excludes the leading "//".
	comment func(pos token.Pos, text string)
	// errorf records a lexical error.
	errorf func(pos token.Pos, format string, args ...any)
}

func newLexer(src string, base token.Pos) *lexer {
	return &lexer{src: src, base: base}
}

// mk makes the token of kind k at src[start:end].
func (l *lexer) mk(k Kind, start, end int) tok {
	return tok{kind: k, src: l.id, off: int32(start), n: int32(end - start), pos: l.base + token.Pos(start)}
}

// Character classes for the lexer's fast path.
const (
	clSpace = 1 << iota // ' ', '\t', '\r'
	clIdent             // a letter or '_': starts and continues an identifier
	clDigit             // continues an identifier
	clPunct             // a one-character token that starts no longer one
)

var charClass = func() (c [256]uint8) {
	for _, b := range " \t\r" {
		c[b] = clSpace
	}
	for b := 'a'; b <= 'z'; b++ {
		c[b], c[b-'a'+'A'] = clIdent, clIdent
	}
	c['_'] = clIdent
	for b := '0'; b <= '9'; b++ {
		c[b] = clDigit
	}
	for _, b := range "$,()[]+*:;|&^~%!=?{}#\\" {
		c[b] = clPunct
	}
	return c
}()

// line appends the tokens of the rest of the current line, through the
// Newline (or EOF), to buf. Identifiers, spaces and punctuation are read
// here; the rest by next.
func (l *lexer) line(buf []tok) []tok {
	src, off := l.src, l.off
	l.mayMacro = false
	for off < len(src) {
		c := src[off]
		switch cl := charClass[c]; {
		case cl&clSpace != 0:
			off++
			continue
		case cl&clIdent != 0:
			start := off
			off++
			for off < len(src) && charClass[src[off]]&(clIdent|clDigit) != 0 {
				off++
			}
			if off < len(src) && src[off] >= utf8.RuneSelf {
				l.off = off
				l.identTail()
				off = l.off
			}
			if l.bloom != nil && !l.mayMacro && l.first.has(src[start:off]) {
				h := macroHash(src[start:off])
				l.mayMacro = l.bloom[h>>6]&(1<<(h&63)) != 0
			}
			buf = append(buf, l.mk(Ident, start, off))
			continue
		case cl&clDigit != 0:
			// A decimal integer; anything else (0x10, 1.5, 1e3, 1_000)
			// is left to next.
			end := off + 1
			for end < len(src) && charClass[src[end]]&clDigit != 0 {
				end++
			}
			if end < len(src) && (charClass[src[end]]&clIdent != 0 || src[end] == '.') || c == '0' && end > off+1 {
				break
			}
			buf = append(buf, l.mk(Int, off, end))
			off = end
			continue
		case cl&clPunct != 0:
			buf = append(buf, l.mk(Kind(c), off, off+1))
			off++
			continue
		case c == '\n':
			buf = append(buf, l.mk(Newline, off, off+1))
			l.off = off + 1
			return buf
		case c == '/' && off+1 < len(src) && src[off+1] == '/':
			l.off = off
			l.lineComment()
			off = l.off
			continue
		case c == '-' || c == '.' || c == '/':
			if off+1 < len(src) && (c == '-' && src[off+1] == '>' || c == '.' && isDigit(src[off+1]) || c == '/' && src[off+1] == '*') {
				break
			}
			buf = append(buf, l.mk(Kind(c), off, off+1))
			off++
			continue
		}
		l.off = off
		t := l.next()
		off = l.off
		if t.kind == EOF {
			break
		}
		if t.kind == Ident && l.bloom != nil && !l.mayMacro && l.first.has(src[t.off:t.off+t.n]) {
			h := macroHash(src[t.off : t.off+t.n])
			l.mayMacro = l.bloom[h>>6]&(1<<(h&63)) != 0
		}
		buf = append(buf, t)
		if t.kind == Newline {
			return buf
		}
	}
	l.off = off
	return append(buf, l.mk(EOF, len(src), len(src)))
}

// next returns the next token.
func (l *lexer) next() tok {
	src := l.src
	for l.off < len(src) {
		c := src[l.off]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			l.off++
			continue
		case c == '/' && l.off+1 < len(src) && src[l.off+1] == '/':
			l.lineComment()
			continue
		case c == '/' && l.off+1 < len(src) && src[l.off+1] == '*':
			l.blockComment()
			continue
		}
		start := l.off
		kind := l.scan(c)
		return l.mk(kind, start, l.off)
	}
	return l.mk(EOF, len(src), len(src))
}

// scan scans one token starting with c at l.off and returns its kind.
func (l *lexer) scan(c byte) Kind {
	src := l.src
	switch {
	case isLetter(c):
		l.off++
		l.identTail()
		return Ident
	case '0' <= c && c <= '9':
		return l.number()
	case c == '.' && l.off+1 < len(src) && isDigit(src[l.off+1]):
		return l.number()
	case c >= utf8.RuneSelf:
		r, n := utf8.DecodeRuneInString(src[l.off:])
		if isIdentRune(r, true) {
			l.off += n
			l.identTail()
			return Ident
		}
		l.off += n
		if r == utf8.RuneError && n == 1 {
			l.errorf(l.base+token.Pos(l.off-n), "invalid UTF-8 encoding")
		} else {
			l.errorf(l.base+token.Pos(l.off-n), "illegal character %#U", r)
		}
		return Illegal
	}
	l.off++
	if l.off < len(src) {
		d := src[l.off]
		switch {
		case c == '<' && d == '<':
			l.off++
			return LSH
		case c == '>' && d == '>':
			l.off++
			return RSH
		case c == '-' && d == '>':
			l.off++
			return ARR
		case c == '@' && d == '>':
			l.off++
			return ROT
		}
	}
	switch c {
	case '\'':
		return l.quoted('\'', Char)
	case '"':
		return l.quoted('"', String)
	}
	if c < ' ' && c != '\n' || c == 0x7f {
		l.errorf(l.base+token.Pos(l.off-1), "illegal character %#U", rune(c))
		return Illegal
	}
	return Kind(c)
}

func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isIdentRune reports whether r may appear in an identifier; the Go
// assembler adds '·' (U+00B7) and '∕' (U+2215) to Go's identifier runes.
func isIdentRune(r rune, first bool) bool {
	switch {
	case r == '_' || r == '\u00B7' || r == '\u2215' || unicode.IsLetter(r):
		return true
	case !first && unicode.IsDigit(r):
		return true
	}
	return false
}

func (l *lexer) identTail() {
	src := l.src
	for l.off < len(src) {
		c := src[l.off]
		if isLetter(c) || isDigit(c) {
			l.off++
			continue
		}
		if c < utf8.RuneSelf {
			return
		}
		r, n := utf8.DecodeRuneInString(src[l.off:])
		if !isIdentRune(r, false) {
			return
		}
		l.off += n
	}
}

// number scans a Go integer or floating-point literal, as text/scanner
// does (prefixes 0x 0b 0o, legacy octal, '_' separators, exponents).
func (l *lexer) number() Kind {
	src := l.src
	kind := Int
	hex := false
	if src[l.off] == '0' && l.off+1 < len(src) {
		switch src[l.off+1] | 0x20 {
		case 'x':
			hex = true
			l.off += 2
		case 'b', 'o':
			l.off += 2
		}
	}
	for l.off < len(src) {
		c := src[l.off]
		switch {
		case isDigit(c) || c == '_' || hex && ('a' <= c|0x20 && c|0x20 <= 'f'):
			l.off++
		case c == '.' && kind == Int:
			kind = Float
			l.off++
		case (c|0x20 == 'e' && !hex || c|0x20 == 'p' && hex) && l.off+1 < len(src):
			kind = Float
			l.off++
			if d := src[l.off]; d == '+' || d == '-' {
				l.off++
			}
		default:
			return kind
		}
	}
	return kind
}

// quoted scans a character or string literal; the opening quote has been
// consumed.
func (l *lexer) quoted(q byte, kind Kind) Kind {
	src := l.src
	start := l.off - 1
	for l.off < len(src) {
		c := src[l.off]
		switch c {
		case '\\':
			l.off += 2
			continue
		case '\n':
			l.errorf(l.base+token.Pos(start), "%s not terminated", kind)
			return Illegal
		case q:
			l.off++
			return kind
		}
		l.off++
	}
	l.off = len(src)
	l.errorf(l.base+token.Pos(start), "%s not terminated", kind)
	return Illegal
}

// skipDisabled moves l.off, at the start of a line, past the lines that
// an #ifdef or #else whose branch is not taken leaves out, as reading them
// token by token would: each line is skipped whole unless its first token
// may be '#' (a directive, which the caller runs) or the tokenizer would
// do more than make tokens of it: report an error (a quote that may not be
// closed, a byte it rejects), read a block comment that may hide a line
// break, or record a //go: or //asmcheck: comment. It stops at such a
// line, and before the last line if it has no newline, for the caller to
// read token by token.
func (l *lexer) skipDisabled() {
	src := l.src
	off := l.off
	for {
		n := strings.IndexByte(src[off:], '\n')
		if n < 0 {
			break
		}
		end := off + n
		i := off
		for i < end && charClass[src[i]]&clSpace != 0 {
			i++
		}
		if i < end && src[i] == '#' {
			break
		}
		if !l.skipSafeFrom(i, end) {
			break
		}
		off = end + 1
	}
	l.off = off
}

// skipSafeFrom reports whether src[i:end] can be skipped as skipDisabled
// skips the rest of a line, a // comment at its end included.
func (l *lexer) skipSafeFrom(i, end int) bool {
	src := l.src
	for ; i < end; i++ {
		if skipSafe[src[i]] {
			continue
		}
		if src[i] != '/' || i+1 < end && src[i+1] == '*' {
			return false
		}
		if i+1 < end && src[i+1] == '/' {
			return !recorded(src[i+2 : end])
		}
	}
	return true
}

// skipSafe holds the bytes that skipDisabled passes over without a look:
// those the tokenizer makes a token of, or skips, without an error and
// that start neither a quoted literal nor a comment ('/' is looked at).
var skipSafe = func() (t [256]bool) {
	for c := ' '; c < 0x7f; c++ {
		t[c] = true
	}
	t['\t'], t['\r'] = true, true
	t['\''], t['"'], t['/'] = false, false, false
	return t
}()

func (l *lexer) lineComment() {
	src := l.src
	start := l.off
	end := strings.IndexByte(src[start:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += start
	}
	l.lineCommentTo(end)
}

// lineCommentTo is lineComment when the comment is known to end at end.
func (l *lexer) lineCommentTo(end int) {
	src := l.src
	start := l.off
	l.off = end
	if text := src[start+2 : end]; l.comment != nil && recorded(text) {
		l.comment(l.base+token.Pos(start), strings.TrimRight(text, " \t\r"))
	}
}

// recorded reports whether a // comment with text after the slashes is
// one the lexer hands to its comment func: //go: and //asmcheck:.
func recorded(text string) bool {
	return len(text) > 2 && text[0] != ' ' && (strings.HasPrefix(text, "go:") || strings.HasPrefix(text, "asmcheck:"))
}

func (l *lexer) blockComment() {
	src := l.src
	start := l.off
	end := strings.Index(src[start+2:], "*/")
	if end < 0 {
		l.off = len(src)
		l.errorf(l.base+token.Pos(start), "comment not terminated")
		return
	}
	l.off = start + 2 + end + 2
}
