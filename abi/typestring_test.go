package abi

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

const typeStringSrc = `package x

import "unsafe"

type T struct{ a int }
type G[P any] struct{ p P }
type A = T
type GA[P any] = G[P]
type E error

func f(int, byte, rune, uintptr, unsafe.Pointer, *unsafe.Pointer, error, *error, T, *T, **T, A, *A,
	G[int], *G[T], GA[int], []T, [2]*T, map[T]int, func(T), chan T, interface{ M() }, E, *E, struct{ x T },
	string, *string, complex64, bool, any, []byte, *[]T, [4]uint32, *[8]*T, [][2][]E, []*unsafe.Pointer, []G[int],
	[3]struct{}, []any, *[0]unsafe.Pointer, [1 << 40]byte, []A)

func g[P any](P, *P, G[P]) {
	type L struct{}
	var l L
	_ = l
}
`

// TestTypeString compares typeString with types.TypeString on the types of
// corner cases and of the parameters, results and struct fields of
// standard packages.
func TestTypeString(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", typeStringSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("example.com/x", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	check := func(typ types.Type) {
		n++
		if got, want := typeString(typ), types.TypeString(typ, nil); got != want {
			t.Errorf("typeString(%s) = %q", want, got)
		}
	}
	for _, tv := range info.Types {
		check(tv.Type)
		check(types.NewPointer(tv.Type))
		check(types.NewSlice(tv.Type))
		check(types.NewArray(types.NewPointer(tv.Type), 5))
	}
	for _, obj := range info.Defs {
		if obj != nil {
			check(obj.Type())
		}
	}
	check(types.Typ[types.Invalid])
	check(types.Typ[types.UntypedInt])
	if !testing.Short() {
		for _, p := range checkStd(t, ArchFor("amd64"), asmhdrQuick) {
			scope := p.Scope()
			for _, name := range scope.Names() {
				typ := scope.Lookup(name).Type()
				check(typ)
				if sig, ok := typ.(*types.Signature); ok {
					for _, v := range tupleVars(sig.Params()) {
						check(v.Type())
					}
					for _, v := range tupleVars(sig.Results()) {
						check(v.Type())
					}
				}
				if st, ok := typ.Underlying().(*types.Struct); ok {
					for i := 0; i < st.NumFields(); i++ {
						check(st.Field(i).Type())
					}
				}
			}
		}
	}
	t.Logf("%d types of %s and others", n, pkg.Path())
}
