package main

import (
	"strings"
	"testing"
)

// TestTestOnlyDeclarations checks that assembly implementing a function
// that only the package's _test.go files declare is checked against that
// declaration, as go vet does (it checks packages with their tests): the
// standalone command loads such a package with its tests. The amd64 file
// reads b at the wrong offset; the arm64 file is its silent twin.
func TestTestOnlyDeclarations(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with go list")
	}
	dir := copyTree(t, "testdata/testdecl")
	t.Setenv("GOFLAGS", "")
	fs, _, checked := collectIn(t, dir, "./...")
	for _, arch := range []string{"amd64", "arm64"} {
		if p := checked[arch+" example.com/testdecl/td"]; p == nil || p.Decls["add"] == nil {
			t.Errorf("td not checked with its test declaration of add on %s (checked: %v)", arch, checked)
		}
	}
	var got []string
	for _, f := range fs {
		got = append(got, f.File[len(dir)+1:]+": "+f.Message)
	}
	want := "td/td_amd64.s: [amd64] add: invalid offset b+16(FP); expected b+8(FP)"
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("findings:\n%s\nwant one: %s", strings.Join(got, "\n"), want)
	}
}
