package asmparse

import (
	"go/token"
	"testing"
)

// askingIncluder is a DirIncluder that counts the headers it is asked
// for and says it resolves the built-in ones only if builtins is set.
type askingIncluder struct {
	DirIncluder
	builtins bool
	asked    []string
}

func (a *askingIncluder) Include(name, from string) (string, []byte, error) {
	a.asked = append(a.asked, name)
	return a.DirIncluder.Include(name, from)
}

func (a *askingIncluder) IncludesBuiltins() bool { return a.builtins }

// TestBuiltinIncluder checks that the built-in headers of an Includer
// that resolves them as DirIncluder does come from the cache every file
// shares (the same Macros, the Includer not asked), and that any other
// Includer is asked for them, with or without a HeaderCache.
func TestBuiltinIncluder(t *testing.T) {
	src := []byte("#include \"textflag.h\"\n#include \"funcdata.h\"\nTEXT ·f(SB), NOSPLIT, $0-0\n\tNO_LOCAL_POINTERS\n\tRET\n")
	parse := func(inc Includer, hc *HeaderCache) *File {
		t.Helper()
		f, err := ParseFile(token.NewFileSet(), "a_amd64.s", src, &Config{GOARCH: "amd64", Includer: inc, Headers: hc})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	shared := parse(nil, nil).Macros()["NOSPLIT"]
	for _, hc := range []*HeaderCache{nil, {}} {
		yes := &askingIncluder{builtins: true}
		if m := parse(yes, hc).Macros()["NOSPLIT"]; m != shared || len(yes.asked) != 0 {
			t.Errorf("headers %v: a BuiltinIncluder was asked for %q and gave NOSPLIT %p, want not asked and the shared %p", hc != nil, yes.asked, m, shared)
		}
		no := &askingIncluder{builtins: false}
		m := parse(no, hc).Macros()["NOSPLIT"]
		if m == nil || m == shared || len(no.asked) != 2 {
			t.Errorf("headers %v: an Includer that does not resolve the built-ins was asked for %q and gave NOSPLIT %p, want asked twice and not the shared %p", hc != nil, no.asked, m, shared)
		}
	}
}
