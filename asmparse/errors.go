package asmparse

import (
	"fmt"
	"go/token"
	"sort"
)

// An Error is a problem found while reading a file: a lexical or syntax
// error, a bad directive, an #include that cannot be resolved.
type Error struct {
	Pos   token.Pos
	Msg   string
	Macro string // the macro expansion chain the problem came from, if any
}

func (e *Error) Error() string { return e.Msg }

// An ErrorList is a list of errors, in order of position once sorted.
type ErrorList []*Error

// Add appends an error.
func (l *ErrorList) Add(pos token.Pos, msg string) {
	*l = append(*l, &Error{Pos: pos, Msg: msg})
}

// Sort sorts the list by position.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool { return l[i].Pos < l[j].Pos })
}

// Err returns l as an error, or nil if l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Format returns the errors one per line as "file:line:col: msg".
func (l ErrorList) Format(fset *token.FileSet) string {
	var b []byte
	for _, e := range l {
		b = fmt.Appendf(b, "%s: %s\n", fset.Position(e.Pos), e.Msg)
	}
	return string(b)
}
