package abi

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
)

// sigPackage is the path of the synthetic package ParseSignature checks
// signatures in.
const sigPackage = "sig"

// ParseSignature type-checks a function signature written as Go source,
// such as "func(p *byte, n int) (int, error)" or "func f(s []byte) bool",
// and returns it. The "func" keyword and the name are optional. Only
// predeclared types and unsafe.Pointer are in scope: any other named type
// is an error.
func ParseSignature(src string) (*types.Signature, error) {
	file, fd, fset, err := parseFuncDecl(src)
	if err != nil {
		return nil, err
	}
	conf := types.Config{Importer: noImporter{}}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}}
	if _, err := conf.Check(sigPackage, fset, []*ast.File{file}, info); err != nil {
		return nil, fmt.Errorf("signature %q: %v", src, err)
	}
	fn, ok := info.Defs[fd.Name].(*types.Func)
	if !ok {
		return nil, fmt.Errorf("signature %q: no function", src)
	}
	return fn.Type().(*types.Signature), nil
}

// sigPrelude makes unsafe.Pointer usable in a signature without an
// unused-import error.
const sigPrelude = "package " + sigPackage + "\nimport \"unsafe\"\nvar _ unsafe.Pointer\n"

// parseFuncDecl parses src as the declaration of a body-less function in
// a file that imports unsafe.
func parseFuncDecl(src string) (*ast.File, *ast.FuncDecl, *token.FileSet, error) {
	rest := strings.TrimSpace(src)
	rest = strings.TrimSpace(strings.TrimPrefix(rest, "func"))
	if strings.HasPrefix(rest, "(") {
		rest = "_sig" + rest
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "sig.go", sigPrelude+"func "+rest+"\n", parser.SkipObjectResolution)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("signature %q: %v", src, err)
	}
	if len(f.Decls) != 3 {
		return nil, nil, nil, fmt.Errorf("signature %q: want exactly one function signature", src)
	}
	fd, ok := f.Decls[2].(*ast.FuncDecl)
	if !ok || fd.Body != nil || fd.Recv != nil || fd.Type.TypeParams != nil || fd.Name.Name == "_" {
		return nil, nil, nil, fmt.Errorf("signature %q: want a plain function signature without body", src)
	}
	return f, fd, fset, nil
}

// noImporter provides unsafe and refuses every other import.
type noImporter struct{}

// Import returns types.Unsafe for "unsafe" and an error otherwise.
func (noImporter) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	return nil, fmt.Errorf("cannot import %q in a signature", path)
}
