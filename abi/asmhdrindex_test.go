package abi

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

// indexArgs returns the names of the constants and the type names of
// pkg's scope, NewAsmHeaderIndex's arguments.
func indexArgs(pkg *types.Package) ([]string, []*types.TypeName) {
	var consts []string
	var tns []*types.TypeName
	for _, name := range pkg.Scope().Names() {
		switch obj := pkg.Scope().Lookup(name).(type) {
		case *types.Const:
			consts = append(consts, name)
		case *types.TypeName:
			tns = append(tns, obj)
		}
	}
	return consts, tns
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
	consts, tns := indexArgs(pkg)
	x, ok := NewAsmHeaderIndex(pkg, consts, tns, arch)
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
	named := map[string]bool{}
	for name := range x.Names() {
		if !seen[name] {
			t.Errorf("%s: index has %s, AsmHeader does not", what, name)
		}
		if named[name] {
			t.Errorf("%s: Names yields %s twice", what, name)
		}
		named[strings.Clone(name)] = true // valid only in this iteration
	}
	if len(named) != len(defs) {
		t.Errorf("%s: Names yields %d names, AsmHeader has %d defines", what, len(named), len(defs))
	}
	// Candidates: every define's name, perhaps others, at most
	// CandidateCount of them.
	candidates := 0
	for name := range x.Candidates() {
		candidates++
		delete(named, name)
	}
	for name := range named {
		t.Errorf("%s: Candidates does not yield %s", what, name)
	}
	if candidates > x.CandidateCount() {
		t.Errorf("%s: Candidates yields %d names, CandidateCount says at most %d", what, candidates, x.CandidateCount())
	}
	// Names that no define has, made of the parts of those that do.
	for _, d := range defs {
		for _, name := range []string{d.Name + "_", "_" + d.Name, d.Name + "_x", "x_" + d.Name, strings.TrimSuffix(d.Name, "__size") + "_size"} {
			if !seen[name] {
				if v, ok := x.Value(name); ok {
					t.Errorf("%s: Value(%s) = %q, true; AsmHeader has no such define", what, name, v)
				}
			}
		}
	}
	for _, name := range []string{"no_such_define", "", "_", "__", "const_", "const__", "__size", "const"} {
		if _, ok := x.Value(name); ok {
			t.Errorf("%s: Value of an unknown name %q", what, name)
		}
	}
}

// indexCases are packages whose defines' names share parts: several
// splits of a name at an underscore, a constant and a struct field of a
// type named const_..., a field named _size. Those marked dup have two
// defines of one name.
var indexCases = []struct {
	name string
	dup  bool
	src  string
}{
	{"a_b", true, `type a_b struct{ c int }
type a struct{ b_c int8; d int }`},
	{"splits", false, `type a_b struct{ c int; d_e int }
type a struct{ b_d int8; d int; b int }
type a_b_d struct{ f, g int }
type b_ struct{ x int }
type b struct{ _ int; x_ int }`},
	{"const", true, `const x_y = 1
type const_x struct{ y int }`},
	{"const-no-dup", false, `const x_z = 1
const y = "s"
type const_x struct{ y int }
type const_ struct{ size int }`},
	{"const-float", false, `const x_y = 1.5
type const_x struct{ y int }`},
	{"_size", true, `type T struct{ _size int }`},
	{"_size-blank", false, `type T struct{ _ int; size int; _s int }`},
	{"T_-size", true, `type T struct{ x int }
type T_ struct{ size int }`},
	{"T_-_x", true, `type T struct{ _x int }
type T_ struct{ x int }`},
	{"T_-no-dup", false, `type T struct{ x int }
type T_ struct{ y int }
type T__ struct{ z int }`},
	{"embedded", true, `type E struct{ b int }
type a struct{ E_b int8 }
type a_E struct{ b int }`},
	{"embedded-field", true, `type E int
type a struct{ E }
type a_E struct{ x int }
const a_E__size = 0
type const_a struct{ E__size int }`},
	{"not-struct", false, `type a_b int
type a struct{ b_c int8 }
type G[T any] struct{ c T }
type a_G struct{ c int }
const b = 1.0
type const_b struct{}`},
}

// TestAsmHeaderIndexNames checks AsmHeaderIndex against AsmHeader on
// packages whose names share parts, with and without two defines of one
// name.
func TestAsmHeaderIndexNames(t *testing.T) {
	for _, c := range indexCases {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "x.go", "package x\n"+c.src, 0)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		arch := ArchFor("amd64")
		pkg, err := (&types.Config{Sizes: arch.Sizes}).Check("x", fset, []*ast.File{f}, nil)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		consts, tns := indexArgs(pkg)
		if _, ok := NewAsmHeaderIndex(pkg, consts, tns, arch); ok == c.dup {
			t.Errorf("%s: NewAsmHeaderIndex reports %v; want %v", c.name, ok, !c.dup)
		}
		checkIndex(t, c.name, pkg, arch)
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
	arches, pkgs := []string{"amd64", "arm64"}, asmhdrQuick
	if *asmhdrFull {
		arches, pkgs = []string{"amd64", "arm64", "386", "arm"}, asmhdrPackages
	}
	for _, goarch := range arches {
		arch := ArchFor(goarch)
		for path, pkg := range checkStd(t, arch, pkgs) {
			checkIndex(t, goarch+"/"+path, pkg, arch)
		}
	}
}

// BenchmarkAsmHeaderIndex measures what including go_asm.h by name costs
// a package: the index of the runtime's defines and a pass over the
// candidate names (the preprocessor's filter of macro names).
func BenchmarkAsmHeaderIndex(b *testing.B) {
	arch := ArchFor("arm64")
	pkg := checkStd(b, arch, []string{"runtime"})["runtime"]
	consts, tns := indexArgs(pkg)
	b.ReportAllocs()
	for b.Loop() {
		x, ok := NewAsmHeaderIndex(pkg, consts, tns, arch)
		if !ok {
			b.Fatal("collision")
		}
		n := 0
		for name := range x.Candidates() {
			n += len(name)
		}
		if n == 0 {
			b.Fatal("no names")
		}
	}
}
