package main

// The abi subcommand: explain the ABI0 frame and the ABIInternal
// assignment of one function, for people writing assembly or eBPF
// uprobes. See docs/abi.md.

import (
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/frame"
)

const abiUsage = `usage: asmcheck abi [-arch list|all] [-json] [-pkg P] TARGET

TARGET is one of
  PKG NAME            a function or method of a package: ./pkg Func, ./pkg T.M, ./pkg '(*T).M'
  PKG.NAME            the same in one word: ./pkg.Func, strings.Index, ./pkg.(*T).M
                      (split at the first dot after the last slash; use PKG NAME
                      for import paths with a dot in their last element)
  'func(...) ...'     a signature written as Go source; its types are the predeclared
                      ones, unsafe.Pointer, those of -pkg (and the packages it imports),
                      and unknown names, which may appear only behind a pointer,
                      slice, map, chan or func
`

// abiOptions are the flags of the abi and stub subcommands.
type abiOptions struct {
	arches []*abi.Arch
	json   bool
	pkg    string // -pkg: the package a signature's names come from
	name   string // -name: the function name of a signature (stub)
}

// parseABIFlags parses the flags of the abi or stub subcommand (flags
// may follow the target) and returns the positional arguments.
func parseABIFlags(cmd, usage string, args []string, stderr io.Writer) (*abiOptions, []string, error) {
	fs := flag.NewFlagSet("asmcheck "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	opts := &abiOptions{}
	archList := fs.String("arch", defaultArch(), "comma-separated GOARCHes, or all")
	fs.BoolVar(&opts.json, "json", false, "print JSON")
	fs.StringVar(&opts.pkg, "pkg", "", "package whose types a signature may use")
	if cmd == "stub" {
		fs.StringVar(&opts.name, "name", "", "function name for a signature without one")
	}
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, nil, err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	arches, err := parseArches(*archList)
	opts.arches = arches
	return opts, pos, err
}

// defaultArch is $GOARCH, else the host's.
func defaultArch() string {
	if a := os.Getenv("GOARCH"); a != "" {
		return a
	}
	return runtime.GOARCH
}

// parseArches parses -arch: a comma-separated list or "all".
func parseArches(list string) ([]*abi.Arch, error) {
	if list == "all" {
		return abi.Arches, nil
	}
	var arches []*abi.Arch
	for _, name := range strings.Split(list, ",") {
		a := abi.ArchFor(strings.TrimSpace(name))
		if a == nil {
			return nil, fmt.Errorf("unknown GOARCH %q (known: %s, or all)", name, strings.Join(abi.ArchNames(), ", "))
		}
		arches = append(arches, a)
	}
	return arches, nil
}

// A target is what the user asked about: a function or method of a
// package, or a signature written as Go source.
type target struct {
	pkg  string // package pattern; for a signature, -pkg or ""
	name string // F, T.M or (*T).M
	sig  string // the signature's source, or ""
}

// parseTarget interprets the positional arguments.
func parseTarget(pos []string, opts *abiOptions) (*target, error) {
	switch {
	case len(pos) == 1 && isSignature(pos[0]):
		return &target{pkg: opts.pkg, sig: pos[0], name: opts.name}, nil
	case len(pos) == 1 && opts.pkg != "":
		return &target{pkg: opts.pkg, name: pos[0]}, nil
	case len(pos) == 2 && opts.pkg == "":
		return &target{pkg: pos[0], name: pos[1]}, nil
	case len(pos) == 1:
		if pkg, name, ok := splitQualified(pos[0]); ok {
			return &target{pkg: pkg, name: name}, nil
		}
	}
	return nil, fmt.Errorf("want PKG NAME, PKG.NAME or a signature 'func(...)', got %q", strings.Join(pos, " "))
}

// isSignature reports whether s is written as a Go signature.
func isSignature(s string) bool {
	rest, ok := strings.CutPrefix(strings.TrimSpace(s), "func")
	return ok && (strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, " ") || strings.HasPrefix(rest, "\t"))
}

// splitQualified splits "./pkg.Func", "strings.Index" or
// "./pkg.(*T).M" at the first dot after the last slash.
func splitQualified(s string) (pkg, name string, ok bool) {
	slash := strings.LastIndex(s, "/")
	dot := strings.Index(s[slash+1:], ".")
	switch {
	case dot < 0:
		return "", "", false
	case dot == 0 && slash < 0:
		return ".", s[1:], s != "."
	case dot == 0:
		return "", "", false
	}
	at := slash + 1 + dot
	if at+1 == len(s) {
		return "", "", false
	}
	return s[:at], s[at+1:], true
}

// funcName is a parsed F, T.M, (T).M or (*T).M.
type funcName struct {
	recv string // receiver type name, or "" for a function
	ptr  bool   // the receiver is spelled (*T)
	name string
}

// parseFuncName parses the name of a function or method.
func parseFuncName(s string) (funcName, error) {
	var fn funcName
	rest := s
	if strings.HasPrefix(rest, "(") {
		end := strings.Index(rest, ")")
		if end < 0 || !strings.HasPrefix(rest[end:], ").") {
			return fn, fmt.Errorf("bad method name %q: want (*T).M or T.M", s)
		}
		fn.recv, rest = rest[1:end], rest[end+2:]
		fn.recv, fn.ptr = strings.CutPrefix(fn.recv, "*")
	} else if r, m, ok := strings.Cut(rest, "."); ok {
		fn.recv, rest = r, m
	}
	fn.name = rest
	if !token.IsIdentifier(fn.name) || fn.recv != "" && !token.IsIdentifier(fn.recv) {
		return fn, fmt.Errorf("bad function name %q: want F, T.M or (*T).M", s)
	}
	return fn, nil
}

// A function is a target resolved for one GOARCH: its signature (with
// the receiver of a method) and how to print it.
type function struct {
	name    string // F, T.M or (*T).M; "" for an anonymous signature
	pkgPath string // "" for a signature
	sig     *types.Signature
	qual    types.Qualifier
	// opaque lists the unknown type names of a signature.
	opaque []string
}

// method reports whether fn is a method.
func (fn *function) method() bool { return fn.sig.Recv() != nil }

// decl renders fn as a Go declaration: "func (t *T) M(x int) error".
func (fn *function) decl() string {
	s := strings.TrimPrefix(types.TypeString(fn.sig, fn.qual), "func")
	name := fn.name
	if r := fn.sig.Recv(); r != nil {
		name = name[strings.LastIndex(name, ".")+1:]
		recv := types.TypeString(r.Type(), fn.qual)
		if r.Name() != "" {
			recv = r.Name() + " " + recv
		}
		return "func (" + recv + ") " + name + s
	}
	if name != "" {
		return "func " + name + s
	}
	return "func" + s
}

// resolve finds or type-checks the target for arch, loading packages
// from the current directory.
func (t *target) resolve(arch *abi.Arch) (*function, error) {
	var pkg *packages.Package
	if t.pkg != "" {
		var err error
		if pkg, err = loadTypes("", t.pkg, arch.Name); err != nil {
			return nil, err
		}
	}
	if t.sig != "" {
		return checkSignature(t.sig, t.name, pkg)
	}
	return lookupFunc(pkg, t.name)
}

// loadTypes loads the types of one package for arch from dir ("" for
// the current directory).
func loadTypes(dir, pattern, arch string) (*packages.Package, error) {
	env := append(os.Environ(), "GOARCH="+arch, "GOOS="+goosFor(arch))
	if arch != runtime.GOARCH {
		env = append(env, "CGO_ENABLED=0")
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes | packages.NeedTypesSizes, Dir: dir, Env: env}
	pkgs, err := packages.Load(cfg, pattern)
	if err != nil {
		return nil, err
	}
	if len(pkgs) != 1 {
		return nil, fmt.Errorf("%s: matches %d packages; name one", pattern, len(pkgs))
	}
	if p := pkgs[0]; p.Types == nil || p.Types.Scope().Len() == 0 && len(p.Errors) > 0 {
		return nil, loadError(p)
	}
	return pkgs[0], nil
}

// loadError summarizes the errors of p.
func loadError(p *packages.Package) error {
	var msgs []string
	for _, e := range p.Errors {
		msgs = append(msgs, e.Error())
	}
	if len(msgs) == 0 {
		msgs = append(msgs, "no type information")
	}
	return fmt.Errorf("%s: %s", p.PkgPath, strings.Join(msgs, "; "))
}

// lookupFunc finds a function or method of pkg. Load errors (a package
// whose assembly is missing for this GOARCH does not compile: "missing
// function body") matter only if the signature came out invalid.
func lookupFunc(pkg *packages.Package, name string) (*function, error) {
	fname, err := parseFuncName(name)
	if err != nil {
		return nil, err
	}
	var sig *types.Signature
	if fname.recv == "" {
		sig, err = lookupPlain(pkg.Types, fname.name)
	} else {
		sig, err = lookupMethod(pkg.Types, fname)
	}
	if err == nil && hasInvalid(sig) {
		err = loadError(pkg)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", pkg.PkgPath, err)
	}
	return &function{name: name, pkgPath: pkg.PkgPath, sig: sig, qual: qualifier(pkg.Types)}, nil
}

// lookupPlain finds the package-level function name.
func lookupPlain(pkg *types.Package, name string) (*types.Signature, error) {
	fn, ok := pkg.Scope().Lookup(name).(*types.Func)
	if !ok {
		return nil, fmt.Errorf("no function %s", name)
	}
	return fn.Type().(*types.Signature), nil
}

// lookupMethod finds the method of fname and returns its signature with
// the receiver as spelled: (*T).M of a value method is the wrapper the
// compiler generates, whose receiver is a pointer.
func lookupMethod(pkg *types.Package, fname funcName) (*types.Signature, error) {
	tn, ok := pkg.Scope().Lookup(fname.recv).(*types.TypeName)
	if !ok {
		return nil, fmt.Errorf("no type %s", fname.recv)
	}
	var recv types.Type = tn.Type()
	if fname.ptr {
		recv = types.NewPointer(recv)
	}
	sel := types.NewMethodSet(recv).Lookup(pkg, fname.name)
	if sel == nil {
		if !fname.ptr && types.NewMethodSet(types.NewPointer(recv)).Lookup(pkg, fname.name) != nil {
			return nil, fmt.Errorf("%s.%s has a pointer receiver: write (*%s).%s", fname.recv, fname.name, fname.recv, fname.name)
		}
		return nil, fmt.Errorf("no method %s.%s", fname.recv, fname.name)
	}
	msig := sel.Obj().Type().(*types.Signature)
	rv := types.NewParam(token.NoPos, pkg, msig.Recv().Name(), recv)
	return types.NewSignatureType(rv, nil, nil, msig.Params(), msig.Results(), msig.Variadic()), nil
}

// qualifier prints the types of pkg unqualified and others by package
// name.
func qualifier(pkg *types.Package) types.Qualifier {
	return func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	}
}

// hasInvalid reports whether sig mentions an invalid type (one the type
// checker could not resolve).
func hasInvalid(sig *types.Signature) bool {
	found := false
	walkType(sig, map[types.Type]bool{}, func(t types.Type, _ bool) {
		if b, ok := t.(*types.Basic); ok && b.Kind() == types.Invalid {
			found = true
		}
	})
	return found
}

// walkType calls visit for the receiver, parameters and results of sig
// and every type inside them; direct reports whether the type is part of
// the argument frame's memory (not behind a pointer, slice, map, chan,
// func or interface method).
func walkType(sig *types.Signature, seen map[types.Type]bool, visit func(t types.Type, direct bool)) {
	var walk func(t types.Type, direct bool)
	walk = func(t types.Type, direct bool) {
		visit(t, direct)
		if seen[t] {
			return
		}
		seen[t] = true
		switch u := t.(type) {
		case *types.Named:
			walk(u.Underlying(), direct)
		case *types.Alias:
			walk(types.Unalias(u), direct)
		case *types.Pointer:
			walk(u.Elem(), false)
		case *types.Slice:
			walk(u.Elem(), false)
		case *types.Array:
			walk(u.Elem(), direct)
		case *types.Map:
			walk(u.Key(), false)
			walk(u.Elem(), false)
		case *types.Chan:
			walk(u.Elem(), false)
		case *types.Struct:
			for i := 0; i < u.NumFields(); i++ {
				walk(u.Field(i).Type(), direct)
			}
		case *types.Signature:
			for _, v := range signatureVars(u) {
				walk(v.Type(), false)
			}
		}
	}
	for _, v := range signatureVars(sig) {
		walk(v.Type(), true)
	}
}

// signatureVars returns the receiver, parameters and results of sig.
func signatureVars(sig *types.Signature) []*types.Var {
	var vars []*types.Var
	if r := sig.Recv(); r != nil {
		vars = append(vars, r)
	}
	for _, tup := range []*types.Tuple{sig.Params(), sig.Results()} {
		for i := 0; i < tup.Len(); i++ {
			vars = append(vars, tup.At(i))
		}
	}
	return vars
}

// sigPackagePath is the path of the package a signature is checked in
// when no -pkg is given.
const sigPackagePath = "sig"

// checkSignature type-checks a signature written as Go source, in the
// scope of pkg if it is not nil. A name in the source ("func Add(...)")
// wins over name; a receiver ("func (t *T) M()") becomes the receiver.
func checkSignature(src, name string, pkg *packages.Package) (*function, error) {
	fset := token.NewFileSet()
	fd, err := parseSigDecl(fset, src)
	if err != nil {
		return nil, err
	}
	scope := types.NewPackage(sigPackagePath, sigPackagePath)
	if pkg != nil {
		scope = pkg.Types
		addImports(scope)
	}
	opaque := declareUnknown(fd, scope)
	sig, err := evalSignature(fset, fd, scope)
	if err != nil {
		return nil, fmt.Errorf("signature %q: %v", src, err)
	}
	if err := checkOpaque(sig, opaque); err != nil {
		return nil, fmt.Errorf("signature %q: %v", src, err)
	}
	fn := &function{name: name, sig: sig, qual: qualifier(scope), opaque: opaqueNames(opaque, scope)}
	if fd.Name.Name != "_sig" {
		fn.name = fd.Name.Name
	}
	if r := fd.Recv; r != nil && fn.name != "" {
		fn.name = recvTypeName(r) + "." + fn.name
	}
	return fn, nil
}

// parseSigDecl parses src ("func(...) ...", "func F(...)" or
// "func (r T) M(...)") as a body-less function declaration.
func parseSigDecl(fset *token.FileSet, src string) (*ast.FuncDecl, error) {
	rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(src), "func"))
	if strings.HasPrefix(rest, "(") {
		// An anonymous signature, or a receiver followed by a name.
		if e, err := parser.ParseExpr("func" + rest); err == nil {
			if _, ok := e.(*ast.FuncType); ok {
				rest = "_sig" + rest
			}
		}
	}
	f, err := parser.ParseFile(fset, "sig.go", "package p\nfunc "+rest+"\n", parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("signature %q: %v", src, err)
	}
	fd, ok := f.Decls[0].(*ast.FuncDecl)
	if len(f.Decls) != 1 || !ok || fd.Body != nil || fd.Type.TypeParams != nil {
		return nil, fmt.Errorf("signature %q: want one non-generic signature without a body", src)
	}
	return fd, nil
}

// recvTypeName renders a receiver's type as T or (*T).
func recvTypeName(r *ast.FieldList) string {
	switch t := r.List[0].Type.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.StarExpr:
		if id, ok := t.X.(*ast.Ident); ok {
			return "(*" + id.Name + ")"
		}
	}
	return "(?)"
}

// addImports makes the packages pkg imports visible by name in its
// scope, so that a signature can say io.Reader.
func addImports(pkg *types.Package) {
	for _, imp := range pkg.Imports() {
		if pkg.Scope().Lookup(imp.Name()) == nil {
			pkg.Scope().Insert(types.NewPkgName(token.NoPos, pkg, imp.Name(), imp))
		}
	}
	if pkg.Scope().Lookup("unsafe") == nil {
		pkg.Scope().Insert(types.NewPkgName(token.NoPos, pkg, "unsafe", types.Unsafe))
	}
}

// declareUnknown declares in pkg an opaque type for every type name of
// fd that pkg's scope does not resolve, and a stand-in package for
// every unknown package name of a qualified name (x.T). It returns the
// opaque types.
func declareUnknown(fd *ast.FuncDecl, pkg *types.Package) map[*types.TypeName]bool {
	opaque := map[*types.TypeName]bool{}
	declare := func(p *types.Package, name string) {
		if p.Scope().Lookup(name) == nil {
			tn := types.NewTypeName(token.NoPos, p, name, nil)
			types.NewNamed(tn, types.NewStruct(nil, nil), nil)
			p.Scope().Insert(tn)
			opaque[tn] = true
		}
	}
	if pkg.Scope().Lookup("unsafe") == nil {
		pkg.Scope().Insert(types.NewPkgName(token.NoPos, pkg, "unsafe", types.Unsafe))
	}
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			ast.Inspect(n.Type, visit) // not the field names
			return false
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok {
				declare(standIn(pkg, x.Name), n.Sel.Name)
			}
			return false
		case *ast.Ident:
			if _, obj := pkg.Scope().LookupParent(n.Name, token.NoPos); obj == nil {
				declare(pkg, n.Name)
			}
		}
		return true
	}
	for _, list := range []*ast.FieldList{fd.Recv, fd.Type.Params, fd.Type.Results} {
		if list != nil {
			ast.Inspect(list, visit)
		}
	}
	return opaque
}

// standIn returns the package called name in pkg's scope, creating an
// empty stand-in if there is none. A name that is not a package is left
// to the type checker to report.
func standIn(pkg *types.Package, name string) *types.Package {
	_, obj := pkg.Scope().LookupParent(name, token.NoPos)
	if pn, ok := obj.(*types.PkgName); ok {
		return pn.Imported()
	}
	p := types.NewPackage(name, name)
	if obj == nil {
		pkg.Scope().Insert(types.NewPkgName(token.NoPos, pkg, name, p))
	}
	return p
}

// evalSignature type-checks the function type of fd (with its receiver
// as the receiver) in the scope of pkg.
func evalSignature(fset *token.FileSet, fd *ast.FuncDecl, pkg *types.Package) (*types.Signature, error) {
	ft := &ast.FuncType{Func: fd.Type.Func, Params: &ast.FieldList{}, Results: fd.Type.Results}
	if fd.Recv != nil {
		ft.Params.List = append(ft.Params.List, fd.Recv.List...)
	}
	ft.Params.List = append(ft.Params.List, fd.Type.Params.List...)
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	if err := types.CheckExpr(fset, pkg, token.NoPos, ft, info); err != nil {
		return nil, err
	}
	sig := info.Types[ft].Type.(*types.Signature)
	if fd.Recv == nil {
		return sig, nil
	}
	params := make([]*types.Var, sig.Params().Len()-1)
	for i := range params {
		params[i] = sig.Params().At(i + 1)
	}
	return types.NewSignatureType(sig.Params().At(0), nil, nil, types.NewTuple(params...), sig.Results(), sig.Variadic()), nil
}

// checkOpaque returns an error if an opaque type is part of a value's
// memory: its size, unknown, would decide the layout.
func checkOpaque(sig *types.Signature, opaque map[*types.TypeName]bool) error {
	var bad []string
	walkType(sig, map[types.Type]bool{}, func(t types.Type, direct bool) {
		if n, ok := t.(*types.Named); ok && direct && opaque[n.Obj()] {
			bad = append(bad, n.Obj().Name())
		}
	})
	if len(bad) > 0 {
		return fmt.Errorf("unknown type %s used by value: its size decides the layout; "+
			"give the package that declares it with -pkg, or use a pointer", bad[0])
	}
	return nil
}

// opaqueNames lists the opaque types as the signature prints them.
func opaqueNames(opaque map[*types.TypeName]bool, scope *types.Package) []string {
	var names []string
	for tn := range opaque {
		names = append(names, types.TypeString(tn.Type(), qualifier(scope)))
	}
	sort.Strings(names)
	return names
}

// The reports, in the shape -json prints.

// abiReport is the output of the abi subcommand.
type abiReport struct {
	// Func is the function as "import/path.Name", "" for a signature.
	Func string `json:"func,omitempty"`
	// Signature is the Go declaration.
	Signature string `json:"signature"`
	// Opaque lists unknown type names of a signature (used behind
	// pointers only).
	Opaque []string      `json:"opaque,omitempty"`
	Arches []*archReport `json:"arches"`
}

// archReport is the layout for one GOARCH.
type archReport struct {
	Arch string      `json:"arch"`
	ABI0 *abi0Report `json:"abi0"`
	// ABIInternal is nil where Go functions use ABI0 too.
	ABIInternal *internalReport `json:"abiInternal,omitempty"`
	// Uprobe says what an eBPF uprobe at the function's entry sees.
	Uprobe string `json:"uprobe"`
}

// abi0Report is the ABI0 frame: what assembly sees through FP.
type abi0Report struct {
	// Text is the TEXT line of an assembly implementation; "" for a
	// method (the compiler cannot take a method body from assembly).
	Text string `json:"text,omitempty"`
	// ArgSize goes after the "-" in the TEXT line.
	ArgSize int `json:"argSize"`
	// CompilerArgSize is the size the compiler records for a Go function
	// (ArgSize rounded up to the register size).
	CompilerArgSize int `json:"compilerArgSize"`
	// ResultsOffset is the offset of the first result.
	ResultsOffset int `json:"resultsOffset"`
	// EntryOffset is where 0(FP) is at the function's first
	// instruction: EntryOffset(SP), with SP the hardware stack pointer.
	EntryOffset int       `json:"entryOffset"`
	SP          string    `json:"sp"`
	Slots       []slotRow `json:"slots"`
}

// slotRow is one addressable name of the frame, or a padding gap.
type slotRow struct {
	// Ref is the reference as written in assembly: "s_len+8(FP)".
	Ref    string `json:"ref,omitempty"`
	Name   string `json:"name,omitempty"`
	Offset int    `json:"offset"`
	Size   int    `json:"size"`
	// Type is the Go type, or the component's role ("slice len").
	Type   string `json:"type"`
	Result bool   `json:"result"`
	// Parent names the value this is a component (or padding) of.
	Parent  string `json:"parent,omitempty"`
	Depth   int    `json:"depth"`
	Padding bool   `json:"padding,omitempty"`
	// Problem says why the reference cannot be written in assembly
	// (the name is a register name of the arch), or is empty.
	Problem string `json:"problem,omitempty"`
}

// internalReport is the ABIInternal assignment.
type internalReport struct {
	// ArgSize is the whole argument area the caller reserves.
	ArgSize int `json:"argSize"`
	// SpillOffset and SpillSize place the spill area in it.
	SpillOffset int `json:"spillOffset"`
	SpillSize   int `json:"spillSize"`
	// EntryOffset and SP: the area starts at EntryOffset(SP) at entry.
	EntryOffset int        `json:"entryOffset"`
	SP          string     `json:"sp"`
	Params      []valueRow `json:"params"`
	Results     []valueRow `json:"results"`
}

// valueRow is where one parameter or result goes.
type valueRow struct {
	Name string `json:"name"`
	Type string `json:"type"`
	Size int    `json:"size"`
	// Regs are its registers, one per component; empty if on the stack.
	Regs []regRow `json:"regs,omitempty"`
	// Stack is its slot in the argument area when not in registers.
	Stack *areaSlot `json:"stack,omitempty"`
	// Spill is the spill slot of a register parameter.
	Spill *areaSlot `json:"spill,omitempty"`
}

// regRow is one register of a value.
type regRow struct {
	Name string `json:"name"`
	Type string `json:"type"`
	Reg  string `json:"reg"`
	// Native is the hardware (and Linux pt_regs) name, where it differs.
	Native string `json:"native,omitempty"`
	Offset int    `json:"offset"`
	Size   int    `json:"size"`
	Float  bool   `json:"float"`
}

// areaSlot is a place in the argument area.
type areaSlot struct {
	Offset int    `json:"offset"`
	Size   int    `json:"size"`
	Ref    string `json:"ref"` // "16(FP)"
}

// runABI is the abi subcommand; it returns the exit status.
func runABI(args []string, stdout, stderr io.Writer) int {
	opts, pos, err := parseABIFlags("abi", abiUsage, args, stderr)
	if err != nil {
		return usageError(stderr, err)
	}
	t, err := parseTarget(pos, opts)
	if err != nil {
		return usageError(stderr, err)
	}
	rep, failed := explainAll(t, opts, stderr)
	if rep.Signature == "" {
		return 2
	}
	if opts.json {
		writeJSON(stdout, rep)
	} else {
		printReport(stdout, rep)
	}
	if failed {
		return 2
	}
	return 0
}

// usageError reports a command-line error.
func usageError(stderr io.Writer, err error) int {
	if err != flag.ErrHelp {
		fmt.Fprintln(stderr, "asmcheck:", err)
	}
	return 2
}

// writeJSON prints v indented.
func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// explainAll builds the report for every arch of opts. It reports
// whether some arch failed (its error is printed).
func explainAll(t *target, opts *abiOptions, stderr io.Writer) (*abiReport, bool) {
	rep := &abiReport{}
	failed := false
	for _, arch := range opts.arches {
		fn, err := t.resolve(arch)
		var ar *archReport
		if err == nil {
			ar, err = explain(fn, arch)
		}
		if err != nil {
			fmt.Fprintf(stderr, "asmcheck: %s: %v\n", arch.Name, err)
			failed = true
			continue
		}
		if rep.Signature == "" {
			rep.Signature, rep.Opaque = fn.decl(), fn.opaque
			if fn.pkgPath != "" {
				rep.Func = fn.pkgPath + "." + fn.name
			}
		}
		rep.Arches = append(rep.Arches, ar)
	}
	return rep, failed
}

// explain builds the report of fn on arch.
func explain(fn *function, arch *abi.Arch) (*archReport, error) {
	f, err := abi.NewFrame(fn.sig, arch)
	if err != nil {
		return nil, err
	}
	ar := &archReport{Arch: arch.Name, ABI0: abi0Of(fn, f)}
	if arch.ABIInternal != nil {
		as, err := abi.AssignABIInternal(fn.sig, arch)
		if err != nil {
			return nil, err
		}
		ar.ABIInternal = internalOf(fn, f, as)
	}
	ar.Uprobe = uprobeNote(arch, ar.ABIInternal)
	return ar, nil
}

// textLine is the TEXT line of an assembly implementation of fn.
func textLine(fn *function, f *abi.Frame) string {
	name := fn.name
	if name == "" {
		name = "F"
	}
	return fmt.Sprintf("TEXT ·%s(SB), NOSPLIT, $0-%d", name, f.ArgSize)
}

// abi0Of describes the ABI0 frame f of fn.
func abi0Of(fn *function, f *abi.Frame) *abi0Report {
	r := &abi0Report{
		ArgSize:         f.ArgSize,
		CompilerArgSize: f.CompilerArgSize(),
		ResultsOffset:   f.ResultsOffset,
		EntryOffset:     f.Arch.EntryArgOffset(),
		SP:              f.Arch.SP,
	}
	if !fn.method() {
		r.Text = textLine(fn, f)
	}
	r.Slots = frameSlots(fn, f)
	return r
}

// frameSlots lists the names of f in frame order, each component after
// its value, with the padding gaps where they fall.
func frameSlots(fn *function, f *abi.Frame) []slotRow {
	typ := f.Types(fn.sig)
	parent := map[*abi.Var]*abi.Var{}
	for _, v := range f.Vars {
		for _, in := range v.Inner {
			parent[in] = v
		}
	}
	gaps := f.Padding()
	var rows []slotRow
	for _, v := range f.Vars {
		for len(gaps) > 0 && gaps[0].Offset < v.Offset {
			rows = append(rows, gapRow(f, gaps[0], parent))
			gaps = gaps[1:]
		}
		row := slotRow{
			Ref: fmt.Sprintf("%s+%d(FP)", v.Name, v.Offset), Name: v.Name,
			Offset: v.Offset, Size: v.Size, Type: varType(v, typ, fn.qual), Result: v.Result,
			Depth: depth(v, parent),
		}
		if p := parent[v]; p != nil {
			row.Parent = p.Name
		}
		row.Problem = nameProblem(f.Arch.Name, v.Name)
		rows = append(rows, row)
	}
	for _, g := range gaps {
		rows = append(rows, gapRow(f, g, parent))
	}
	return rows
}

// pseudoRegs are the pseudo-registers every assembler knows
// (cmd/asm/internal/arch/arch.go).
var pseudoRegs = map[string]bool{"SB": true, "FP": true, "PC": true, "SP": true}

// nameProblem says why name+off(FP) cannot be written on arch, or
// returns "": the assembler reads a name that is also a register name
// (g on most arches, AX on amd64, R1 on arm64...) as that register
// ("(register+register) not supported"), rejects an unnamed off(FP),
// and go vet and asmcheck accept no other name, so the Go parameter
// must be renamed.
func nameProblem(arch, name string) string {
	if !pseudoRegs[name] {
		fa := frame.ArchFor(arch)
		if fa == nil {
			return ""
		}
		if _, ok := fa.Regs.Lookup(name); !ok {
			return ""
		}
	}
	return fmt.Sprintf("%s is a register name on %s: the assembler cannot use it as a name; rename the Go parameter", name, arch)
}

// gapRow describes a padding gap.
func gapRow(f *abi.Frame, g abi.Gap, parent map[*abi.Var]*abi.Var) slotRow {
	row := slotRow{Offset: g.Offset, Size: g.Size, Type: "padding", Padding: true, Result: g.Offset >= f.ResultsOffset && len(f.Results) > 0}
	if g.In != nil {
		row.Parent, row.Depth, row.Result = g.In.Name, depth(g.In, parent)+1, g.In.Result
	}
	return row
}

// depth is how deep v is nested in a parameter or result.
func depth(v *abi.Var, parent map[*abi.Var]*abi.Var) int {
	d := 0
	for p := parent[v]; p != nil; p = parent[p] {
		d++
	}
	return d
}

// varType is the Go type of v, or the role of a component.
func varType(v *abi.Var, typ map[*abi.Var]types.Type, qual types.Qualifier) string {
	if t, ok := typ[v]; ok {
		return types.TypeString(t, qual)
	}
	return v.Type
}

// internalOf describes the ABIInternal assignment as of fn.
func internalOf(fn *function, f *abi.Frame, as *abi.Assignment) *internalReport {
	r := &internalReport{
		ArgSize: as.ArgSize, SpillOffset: as.SpillOffset, SpillSize: as.SpillSize,
		EntryOffset: f.Arch.EntryArgOffset(), SP: f.Arch.SP,
	}
	typ := f.Types(fn.sig)
	for i, a := range as.Params {
		r.Params = append(r.Params, valueOf(f.Arch.Name, a, f.Params[i], typ, fn.qual))
	}
	for i, a := range as.Results {
		r.Results = append(r.Results, valueOf(f.Arch.Name, a, f.Results[i], typ, fn.qual))
	}
	return r
}

// valueOf describes one assigned value; v is the same value in the ABI0
// frame, which names and types its components.
func valueOf(arch string, a *abi.ArgAssignment, v *abi.Var, typ map[*abi.Var]types.Type, qual types.Qualifier) valueRow {
	row := valueRow{Name: a.Name, Type: types.TypeString(a.Type, qual), Size: a.Size}
	for _, p := range a.Regs {
		rr := regRow{Name: p.Name, Reg: p.Reg, Native: nativeName(arch, p.Reg, p.Size), Offset: p.Offset, Size: p.Size, Float: p.Float}
		if c := findVar(v, p.Name); c != nil {
			rr.Type = varType(c, typ, qual)
		}
		row.Regs = append(row.Regs, rr)
	}
	if !a.InRegs() && a.Size > 0 {
		row.Stack = &areaSlot{Offset: a.Offset, Size: a.Size, Ref: fmt.Sprintf("%d(FP)", a.Offset)}
	}
	if a.SpillOffset >= 0 {
		row.Spill = &areaSlot{Offset: a.SpillOffset, Size: a.Size, Ref: fmt.Sprintf("%d(FP)", a.SpillOffset)}
	}
	return row
}

// findVar finds the component of v called name.
func findVar(v *abi.Var, name string) *abi.Var {
	if v.Name == name {
		return v
	}
	for _, in := range v.Inner {
		if c := findVar(in, name); c != nil {
			return c
		}
	}
	return nil
}

// amd64Native maps amd64's general registers to their 64-bit names.
var amd64Native = map[string]string{
	"AX": "rax", "BX": "rbx", "CX": "rcx", "DX": "rdx",
	"SI": "rsi", "DI": "rdi", "BP": "rbp", "SP": "rsp",
}

// riscvInt and riscvFloat are the RISC-V ABI names of X0-X31 and F0-F31.
var (
	riscvInt = strings.Fields("zero ra sp gp tp t0 t1 t2 s0 s1 a0 a1 a2 a3 a4 a5 a6 a7 " +
		"s2 s3 s4 s5 s6 s7 s8 s9 s10 s11 t3 t4 t5 t6")
	riscvFloat = strings.Fields("ft0 ft1 ft2 ft3 ft4 ft5 ft6 ft7 fs0 fs1 fa0 fa1 fa2 fa3 fa4 fa5 fa6 fa7 " +
		"fs2 fs3 fs4 fs5 fs6 fs7 fs8 fs9 fs10 fs11 ft8 ft9 ft10 ft11")
)

// nativeName returns the hardware name of register reg of size bytes on
// arch, as Linux's pt_regs and disassemblers spell it, where it differs
// from the Plan 9 name beyond case: amd64, arm64 and riscv64's ABI names.
// It returns "" elsewhere.
func nativeName(arch, reg string, size int) string {
	num, err := strconv.Atoi(strings.TrimLeft(reg, "RXF"))
	switch {
	case arch == "amd64" && amd64Native[reg] != "":
		return amd64Native[reg]
	case err != nil:
		return ""
	case arch == "amd64" && reg[0] == 'R':
		return "r" + strconv.Itoa(num)
	case arch == "amd64" && reg[0] == 'X':
		return "xmm" + strconv.Itoa(num)
	case arch == "arm64" && reg[0] == 'R':
		return "x" + strconv.Itoa(num)
	case arch == "arm64" && reg[0] == 'F' && size == 4:
		return "s" + strconv.Itoa(num)
	case arch == "arm64" && reg[0] == 'F':
		return "d" + strconv.Itoa(num)
	case arch == "riscv64" && reg[0] == 'X' && num < 32:
		return riscvInt[num]
	case arch == "riscv64" && reg[0] == 'F' && num < 32:
		return riscvFloat[num]
	}
	return ""
}

// uprobeNote is the one line for eBPF uprobe authors.
func uprobeNote(arch *abi.Arch, in *internalReport) string {
	at := fmt.Sprintf("%d(%s)", arch.EntryArgOffset(), arch.SP)
	if in == nil {
		return fmt.Sprintf("eBPF uprobes: Go functions use ABI0 on %s too: at entry every argument is in memory at %s + its offset above; "+
			"results are stored there just before RET.", arch.Name, at)
	}
	floats := ""
	if usesFloatRegs(in) {
		floats = " (floating-point registers are not in pt_regs)"
	}
	return fmt.Sprintf("eBPF uprobes: at entry the arguments are in the registers above%s, stack-assigned ones at %s + offset; "+
		"the spill slots are not written yet; results are in their registers only at each RET: probe the RET instructions, "+
		"not with a uretprobe (it rewrites the return address, which breaks Go's stack walks and copies).", floats, at)
}

// usesFloatRegs reports whether any parameter or result is passed in a
// floating-point register.
func usesFloatRegs(in *internalReport) bool {
	for _, v := range append(append([]valueRow{}, in.Params...), in.Results...) {
		for _, r := range v.Regs {
			if r.Float {
				return true
			}
		}
	}
	return false
}

// printReport prints rep as text.
func printReport(w io.Writer, rep *abiReport) {
	fmt.Fprintln(w, rep.Signature)
	if len(rep.Opaque) > 0 {
		fmt.Fprintf(w, "(unknown types, used only behind pointers: %s)\n", strings.Join(rep.Opaque, ", "))
	}
	for _, ar := range rep.Arches {
		fmt.Fprintln(w)
		printABI0(w, ar)
		fmt.Fprintln(w)
		printInternal(w, ar)
		fmt.Fprintln(w, ar.Uprobe)
	}
}

// printABI0 prints the ABI0 table of one arch.
func printABI0(w io.Writer, ar *archReport) {
	r := ar.ABI0
	fmt.Fprintf(w, "%s ABI0 (assembly): name+off(FP) is off bytes into the arguments, and 0(FP) is %d(%s) at entry\n",
		ar.Arch, r.EntryOffset, r.SP)
	if r.Text != "" {
		fmt.Fprintln(w, "  "+r.Text)
	}
	t := &table{right: []bool{false, true, true, false}}
	t.add("reference", "offset", "size", "type")
	inResults := false
	for _, s := range r.Slots {
		if s.Result && !inResults && s.Depth == 0 {
			inResults = true
			t.note(fmt.Sprintf("results from %d(FP):", r.ResultsOffset))
		}
		ref, typ := s.Ref, s.Type
		if s.Padding {
			ref = "-"
			if s.Parent != "" {
				typ = "padding in " + s.Parent
			}
		}
		if s.Problem != "" {
			typ += "  <- " + s.Problem
		}
		t.add(strings.Repeat("  ", s.Depth)+ref, strconv.Itoa(s.Offset), strconv.Itoa(s.Size), typ)
	}
	if !inResults {
		t.note("no results")
	}
	t.write(w, "  ")
	fmt.Fprintf(w, "  argument size %d (the $0-%d of TEXT)%s\n", r.ArgSize, r.ArgSize, roundedNote(r, ar.ABIInternal != nil))
}

// roundedNote explains the compiler's rounded size when it differs:
// it is what a Go function records where Go code uses ABI0, and what
// the compiler's ABI0 wrapper of a Go function (made when assembly
// calls it) records where Go code uses ABIInternal.
func roundedNote(r *abi0Report, regABI bool) string {
	if r.CompilerArgSize == r.ArgSize {
		return ""
	}
	if regABI {
		return fmt.Sprintf("; the compiler's ABI0 wrapper of a Go function rounds it to %d (args=%d in -S listings)", r.CompilerArgSize, r.CompilerArgSize)
	}
	return fmt.Sprintf("; the compiler rounds it to %d for Go functions (args=%d in -S listings)", r.CompilerArgSize, r.CompilerArgSize)
}

// printInternal prints the ABIInternal table of one arch.
func printInternal(w io.Writer, ar *archReport) {
	in := ar.ABIInternal
	if in == nil {
		fmt.Fprintf(w, "%s ABIInternal: none; Go functions use ABI0 as above\n", ar.Arch)
		return
	}
	fmt.Fprintf(w, "%s ABIInternal (Go code as compiled; an assembly function is ABI0, reached through a wrapper):\n", ar.Arch)
	fmt.Fprintf(w, "  registers at entry; off(FP) is off bytes into the argument area the caller reserves, which is at %d(%s) at entry\n",
		in.EntryOffset, in.SP)
	t := &table{right: []bool{false, true, false, false, false}}
	t.add("value", "size", "type", "passed in", "spill slot")
	for _, v := range in.Params {
		addValue(t, v)
	}
	if len(in.Results) > 0 {
		t.note("results:")
	}
	for _, v := range in.Results {
		addValue(t, v)
	}
	t.write(w, "  ")
	fmt.Fprintf(w, "  argument area %d bytes: %d of stack-assigned arguments and results, then %d of spill slots at %d(FP)\n",
		in.ArgSize, in.SpillOffset, in.SpillSize, in.SpillOffset)
}

// addValue adds one ABIInternal value and, if it takes several
// registers, one row per register.
func addValue(t *table, v valueRow) {
	spill := ""
	if v.Spill != nil {
		spill = v.Spill.Ref
	}
	single := len(v.Regs) == 1 && v.Regs[0].Name == v.Name
	where := "nothing (empty)"
	switch {
	case v.Stack != nil:
		where = "stack " + v.Stack.Ref
	case single:
		where = regText(v.Regs[0])
	case len(v.Regs) > 0:
		var regs []string
		for _, r := range v.Regs {
			regs = append(regs, r.Reg)
		}
		where = strings.Join(regs, ", ")
	}
	t.add(v.Name, strconv.Itoa(v.Size), v.Type, where, spill)
	if single {
		return
	}
	for _, r := range v.Regs {
		t.add("  "+r.Name, strconv.Itoa(r.Size), r.Type, regText(r), "")
	}
}

// table lays out rows in columns two spaces apart, without trailing
// blanks; notes are lines of their own between the rows.
type table struct {
	right []bool // right-align column i
	rows  [][]string
}

// add appends a row.
func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// note appends a line printed as is.
func (t *table) note(s string) { t.rows = append(t.rows, []string{s, "\x00note"}) }

// isNote reports whether row is a note.
func isNote(row []string) bool { return len(row) == 2 && row[1] == "\x00note" }

// write prints the table, each line after indent.
func (t *table) write(w io.Writer, indent string) {
	width := make([]int, len(t.right))
	for _, row := range t.rows {
		for i, c := range row {
			if !isNote(row) {
				width[i] = max(width[i], len(c))
			}
		}
	}
	for _, row := range t.rows {
		if isNote(row) {
			fmt.Fprintln(w, indent+row[0])
			continue
		}
		var b strings.Builder
		for i, c := range row {
			pad := strings.Repeat(" ", width[i]-len(c))
			if i > 0 {
				b.WriteString("  ")
			}
			if t.right[i] {
				b.WriteString(pad + c)
			} else {
				b.WriteString(c + pad)
			}
		}
		fmt.Fprintln(w, indent+strings.TrimRight(b.String(), " "))
	}
}

// regText renders "AX (rax)".
func regText(r regRow) string {
	if r.Native == "" {
		return r.Reg
	}
	return r.Reg + " (" + r.Native + ")"
}
