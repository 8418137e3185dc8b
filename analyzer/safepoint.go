package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"github.com/asmcheck/asmcheck/frame"
)

// Which calls let the runtime look at the caller's frame.
//
// While an assembly function F is suspended at a call, the runtime walks
// F's frame (runtime/traceback.go unwinder, runtime/stkframe.go
// getStackMap) whenever the goroutine's stack is scanned by the garbage
// collector or copied to grow it (runtime/mgcmark.go scanframeworker,
// runtime/stack.go adjustframe). That happens when the callee, or
// anything it calls, reaches a safe point:
//   - a stack check in a prologue: runtime·morestack → newstack, which
//     copies the stack (copystack) or, when preemption was requested,
//     parks the goroutine (gopreempt_m) where the GC scans it;
//   - an asynchronous preemption of compiled Go code
//     (runtime/preempt.go isAsyncSafePoint), which any Go function outside
//     the runtime, internal/runtime/… and reflect may suffer at almost any
//     instruction — assembly is never preempted asynchronously
//     (FuncFlagAsm);
//   - parking, system calls (entersyscall lets the GC scan from the
//     caller's frame), allocation (a mark assist scans the goroutine's own
//     stack).
//
// A callee is classified from what the package lets us see:
//   - a TEXT of the package: it reaches if it has a stack check
//     (frame.Layout.StackCheck) or calls or tail-calls something that
//     reaches (a least fixed point over the package's calls);
//   - a Go function of the package: it reaches, except in the runtime,
//     internal/runtime/… and reflect (never preempted asynchronously),
//     where a //go:nosplit function is unknown;
//   - a Go function of an imported package: it reaches, unless the
//     package is one of those three (unknown);
//   - runtime·name from outside the runtime (not visible under go vet):
//     it reaches, unless it is one of the assembly leaves of
//     runtimeLeaves;
//   - a symbol without a package qualifier that the package does not
//     define: C code, which cannot reach a Go safe point;
//   - a call through a register, or a symbol found nowhere: unknown;
//   - the runtime's cgocallback: it runs Go code on the goroutine's stack,
//     not on the caller's, so the caller's frame is never walked.
//
// Checks report only calls that reach.

// A reach says whether a call can reach a safe point.
type reach uint8

const (
	reachNo      reach = iota // provably not: a NOSPLIT leaf, C code
	reachUnknown              // asmcheck cannot tell: say nothing
	reachYes                  // it can
)

// runtimeLeaves are runtime functions that assembly outside the runtime
// calls and that never reach a safe point: NOSPLIT assembly that makes no
// call into Go (memmove_*.s, memclr_*.s, memequal; load_g and save_g in
// tls_*.s; spillArgs and unspillArgs in asm_*.s; asmcgocall switches to g0
// and calls C; the write barriers flush on the system stack and are called
// by the compiler where no safe point may be), and setsigsegv, a
// //go:nosplit Go function that only stores into g.
var runtimeLeaves = map[string]bool{
	"memmove": true, "memclrNoHeapPointers": true, "asmcgocall": true, "asmcgocall_no_g": true,
	"procyield": true, "gcWriteBarrier1": true, "gcWriteBarrier2": true, "gcWriteBarrier3": true,
	"gcWriteBarrier4": true, "gcWriteBarrier5": true, "gcWriteBarrier6": true, "gcWriteBarrier7": true,
	"gcWriteBarrier8": true, "load_g": true, "save_g": true, "spillArgs": true, "unspillArgs": true,
	"memequal": true, "setsigsegv": true,
}

// asyncUnsafe reports whether Go functions of package path are never
// preempted asynchronously (runtime/preempt.go isAsyncSafePoint).
func asyncUnsafe(path string) bool {
	return path == "runtime" || path == "reflect" || strings.HasPrefix(path, "internal/runtime/")
}

// safePoints classifies the calls of one package's functions.
type safePoints struct {
	pkg   *Package
	index *textIndex
	reach map[*frame.Func]reach
	why   map[*frame.Func]string
}

// newSafePoints indexes the package and solves the reachability of its
// TEXT blocks, once per package: the result is read-only and shared by
// the checks.
func newSafePoints(c *Check) *safePoints {
	p := c.Pkg
	p.safeOnce.Do(func() {
		s := &safePoints{pkg: p, index: newTextIndex(p), reach: map[*frame.Func]reach{}, why: map[*frame.Func]string{}}
		s.solve()
		p.safe = s
	})
	return p.safe
}

// goFunc reports whether the package has a top-level Go function name
// with a body, and whether it is //go:nosplit (the last such declaration
// decides, for the names several may have).
func (p *Package) goFunc(name string) (nosplit, ok bool) {
	if name != "init" && name != "_" && p.Pass.Pkg != nil {
		// One declaration at most: find it from the object.
		fn, _ := p.Pass.Pkg.Scope().Lookup(name).(*types.Func)
		if fn == nil {
			return false, false
		}
		fd := p.funcDecl(fn)
		if fd == nil || fd.Body == nil || fd.Recv != nil {
			return false, false
		}
		return hasPragma(fd, "//go:nosplit"), true
	}
	for _, f := range p.Pass.Files {
		for _, d := range f.Decls {
			if fd, isFunc := d.(*ast.FuncDecl); isFunc && fd.Body != nil && fd.Recv == nil && fd.Name.Name == name {
				nosplit, ok = hasPragma(fd, "//go:nosplit"), true
			}
		}
	}
	return nosplit, ok
}

// funcDecl returns the declaration of the function fn, defined in the
// package's files, or nil.
func (p *Package) funcDecl(fn *types.Func) *ast.FuncDecl {
	for _, f := range p.Pass.Files {
		if fn.Pos() < f.FileStart || fn.Pos() >= f.FileEnd {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Pos() == fn.Pos() && p.Pass.TypesInfo.Defs[fd.Name] == types.Object(fn) {
				return fd
			}
		}
		return nil
	}
	return nil
}

// hasPragma reports whether fd's doc comment has the directive.
func hasPragma(fd *ast.FuncDecl, directive string) bool {
	if fd.Doc == nil {
		return false
	}
	for _, cm := range fd.Doc.List {
		if strings.TrimSpace(cm.Text) == directive {
			return true
		}
	}
	return false
}

// solve computes the least fixed point of reach over the package's TEXT
// blocks: a function reaches what its stack check or any call or tail
// call reaches.
func (s *safePoints) solve() {
	var fns []*frame.Func
	for _, f := range s.pkg.Files {
		if f.Arch != nil {
			fns = append(fns, f.Funcs...)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, fn := range fns {
			r, why := s.own(fn)
			if r > s.reach[fn] {
				s.reach[fn], s.why[fn] = r, why
				changed = true
			}
		}
	}
}

// own returns what fn reaches given what is known of its callees so far.
func (s *safePoints) own(fn *frame.Func) (reach, string) {
	if lay := fn.Layout(); lay.Exact && lay.StackCheck {
		return reachYes, "has a stack check (it is not NOSPLIT), which can grow the stack or park the goroutine"
	}
	best, why := reachNo, ""
	for i := range fn.Insts {
		e := fn.Inst(i)
		if e.Flow != frame.FlowCall && e.Flow != frame.FlowTailCall {
			continue
		}
		if r, w := s.call(fn, e); r > best {
			best, why = r, fmt.Sprintf("calls %s, which %s", e.Target(), w)
			if r == reachYes {
				break
			}
		}
	}
	return best, why
}

// call classifies the call (or tail call) e of fn, with the reason for
// messages ("is a Go function …").
func (s *safePoints) call(fn *frame.Func, e frame.Inst) (reach, string) {
	t := e.Target()
	if t.Indirect || t.Sym == "" {
		return reachUnknown, ""
	}
	if s.switchesStack(t.Sym) {
		return reachNo, ""
	}
	if g := s.index.callee(fn, e); g != nil {
		return s.reach[g], s.why[g]
	}
	pkg, name, dot := frame.SplitSym(t.Sym)
	switch {
	case !dot:
		return reachNo, "is C code"
	case s.index.local(pkg):
		return s.localGo(name)
	case pkg == "runtime":
		if runtimeLeaves[name] {
			return reachNo, ""
		}
		return reachYes, "is a runtime function (asmcheck assumes runtime functions other than the NOSPLIT assembly leaves it knows can reach a safe point)"
	}
	if lookupFunc(s.pkg, pkg, name) == nil {
		return reachUnknown, ""
	}
	if asyncUnsafe(pkg) {
		return reachUnknown, ""
	}
	return reachYes, "is a Go function, which can be preempted, grow the stack or start a garbage collection"
}

// switchesStack reports whether sym is the runtime's cgocallback, which
// runs Go code on the goroutine's stack while its caller's frame stays on
// the C (or g0) stack: the goroutine's unwinder walks from cgocallback's
// frame on the goroutine stack, never into the caller's
// (runtime/traceback.go resolveInternal, FuncID_cgocallback).
func (s *safePoints) switchesStack(sym string) bool {
	pkg, name, _ := frame.SplitSym(sym)
	if name != "cgocallback" {
		return false
	}
	return pkg == "runtime" || s.index.local(pkg) && s.inRuntime()
}

// inRuntime reports whether the package is the runtime.
func (s *safePoints) inRuntime() bool {
	return s.pkg.Pass.Pkg != nil && s.pkg.Pass.Pkg.Path() == "runtime"
}

// localGo classifies a call to a function of the package that is not one
// of its TEXT blocks for this arch.
func (s *safePoints) localGo(name string) (reach, string) {
	path := ""
	if s.pkg.Pass.Pkg != nil {
		path = s.pkg.Pass.Pkg.Path()
	}
	nosplit, isGo := s.pkg.goFunc(name)
	switch {
	case !isGo && s.pkg.Decls[name] == nil:
		return reachUnknown, ""
	case !asyncUnsafe(path):
		return reachYes, "is a Go function, which can be preempted, grow the stack or start a garbage collection"
	case !isGo || nosplit:
		return reachUnknown, ""
	}
	return reachYes, "is a Go function with a stack check, which can grow the stack or park the goroutine"
}

// lookupFunc finds the function name of package path among the package's
// imports, direct or indirect.
func lookupFunc(p *Package, path, name string) *types.Func {
	q := p.imported()[path]
	if q == nil {
		return nil
	}
	f, _ := q.Scope().Lookup(name).(*types.Func)
	return f
}

// imported returns the packages the package imports, directly or
// indirectly, by path; computed on first use.
func (p *Package) imported() map[string]*types.Package {
	p.importsOnce.Do(func() {
		p.imports = map[string]*types.Package{}
		if p.Pass.Pkg == nil {
			return
		}
		stack := []*types.Package{p.Pass.Pkg}
		for len(stack) > 0 {
			pkg := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, q := range pkg.Imports() {
				if _, seen := p.imports[q.Path()]; !seen {
					p.imports[q.Path()] = q
					stack = append(stack, q)
				}
			}
		}
	})
	return p.imports
}

// A textIndex finds the TEXT blocks of the package that a call names. A
// static symbol (sym<>) is private to its file; ·name and path·name are
// one symbol when path is the package's; an <ABIInternal> reference names
// another symbol than the plain (ABI0) one.
type textIndex struct {
	pkg   *Package
	byKey map[textKey]*frame.Func
}

// A textKey names a symbol as textIndex tells symbols apart: sym is the
// name after '·' of a symbol of the package (local), else the symbol as
// written; file is set for a static symbol.
type textKey struct {
	file     string
	sym      string
	local    bool
	static   bool
	internal bool // <ABIInternal>
}

// newTextIndex returns the index of the functions of the package's files,
// built on first use and shared by the checks (it is read-only).
func newTextIndex(p *Package) *textIndex {
	p.indexOnce.Do(func() { p.index = buildTextIndex(p) })
	return p.index
}

// buildTextIndex indexes the functions of the package's files.
func buildTextIndex(p *Package) *textIndex {
	x := &textIndex{pkg: p, byKey: map[textKey]*frame.Func{}}
	for _, f := range p.Files {
		for _, fn := range f.Funcs {
			if k := x.key(fn.File.Name, fn.Sym, fn.Static, fn.ABI); !fn.Bad && x.byKey[k] == nil {
				x.byKey[k] = fn
			}
		}
	}
	return x
}

// key returns the key of sym (static or not, with an ABI selector) as
// referred to from file; it allocates nothing.
func (x *textIndex) key(file, sym string, static bool, abiSel string) textKey {
	k := textKey{sym: sym, static: static, internal: abiSel == "ABIInternal"}
	if i := strings.LastIndex(sym, "·"); i >= 0 && x.localQual(sym[:i]) {
		k.sym, k.local = sym[i+len("·"):], true
	}
	if static {
		k.file = file
	}
	return k
}

// localQual reports whether the package qualifier q, as written in a
// symbol (with '∕' for '/'), names the package.
func (x *textIndex) localQual(q string) bool {
	if q == "" {
		return true
	}
	if x.pkg.Pass.Pkg == nil {
		return false
	}
	if !strings.Contains(q, "∕") {
		return q == x.pkg.Pass.Pkg.Path()
	}
	return x.local(strings.ReplaceAll(q, "∕", "/"))
}

// local reports whether the package qualifier pkg names the package.
func (x *textIndex) local(pkg string) bool {
	return pkg == "" || x.pkg.Pass.Pkg != nil && pkg == x.pkg.Pass.Pkg.Path()
}

// callee returns the TEXT of the package that e, in fn, calls or jumps
// to, or nil.
func (x *textIndex) callee(fn *frame.Func, e frame.Inst) *frame.Func {
	return x.calleeOf(fn, e.Target())
}

// calleeOf returns the TEXT of the package that the target t of a call
// or jump in fn names, or nil.
func (x *textIndex) calleeOf(fn *frame.Func, t *frame.Target) *frame.Func {
	if t.Sym == "" || t.Indirect {
		return nil
	}
	return x.byKey[x.key(fn.File.Name, t.Sym, t.Static, t.ABI)]
}
