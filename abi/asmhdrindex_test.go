package abi

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

// indexObjs returns the constants and type names of pkg's scope.
func indexObjs(pkg *types.Package) []types.Object {
	var objs []types.Object
	for _, name := range pkg.Scope().Names() {
		objs = append(objs, pkg.Scope().Lookup(name))
	}
	return objs
}

// checkIndex compares an AsmHeaderIndex of pkg with AsmHeader.
func checkIndex(t *testing.T, what string, pkg *types.Package, arch *Arch) {
	t.Helper()
	defs := AsmHeader(pkg, arch)
	seen := map[string]bool{}
	unique := true
	for _, d := range defs {
		unique = unique && !seen[d.Name]
		seen[d.Name] = true
	}
	x, ok := NewAsmHeaderIndex(indexObjs(pkg), arch)
	if ok != unique {
		t.Fatalf("%s: NewAsmHeaderIndex reports %v; AsmHeader's names unique: %v", what, ok, unique)
	}
	if !ok {
		return
	}
	if x.Len() != len(defs) {
		t.Errorf("%s: index has %d defines, AsmHeader %d", what, x.Len(), len(defs))
	}
	for _, d := range defs {
		if v, ok := x.Value(d.Name); !ok || v != d.Value {
			t.Errorf("%s: Value(%s) = %q, %v; want %q", what, d.Name, v, ok, d.Value)
		}
	}
	for name := range x.Names() {
		if !seen[name] {
			t.Errorf("%s: index has %s, AsmHeader does not", what, name)
		}
	}
	if _, ok := x.Value("no_such_define"); ok {
		t.Errorf("%s: Value of an unknown name", what)
	}
}

// TestAsmHeaderIndex checks AsmHeaderIndex against AsmHeader on the
// corner cases and on standard packages.
func TestAsmHeaderIndex(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", asmhdrTricky, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, goarch := range []string{"amd64", "arm64", "386", "arm"} {
		arch := ArchFor(goarch)
		pkg, err := (&types.Config{Sizes: arch.Sizes}).Check("x", fset, []*ast.File{f}, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkIndex(t, goarch+"/tricky", pkg, arch)
	}
	dup := `package x
type a_b struct{ c int }
type a struct{ b_c int8; d int }
`
	f, err = parser.ParseFile(fset, "dup.go", dup, 0)
	if err != nil {
		t.Fatal(err)
	}
	arch := ArchFor("amd64")
	pkg, err := (&types.Config{Sizes: arch.Sizes}).Check("x", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkIndex(t, "dup", pkg, arch)
	if testing.Short() {
		return
	}
	for _, goarch := range []string{"amd64", "arm64"} {
		arch := ArchFor(goarch)
		for path, pkg := range checkStd(t, arch, asmhdrQuick) {
			checkIndex(t, goarch+"/"+path, pkg, arch)
		}
	}
}
