package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/asmcheck/asmcheck/asmparse"
	"github.com/asmcheck/asmcheck/frame"
)

// Which calls come back. Like the compiler, asmcheck assumes that a call
// returns unless it can show that the callee never does: an assembly
// function of the package with no way back to its caller, a Go function
// of the package whose body ends in panic or another such call and has no
// return statement, or a function the compiler itself treats as never
// returning (cmd/compile/internal/ssagen/ssa.go: runtime.throw,
// runtime.gopanic, runtime.panicwrap, …; cmd/compile/internal/inline/
// inlheur/analyze_func_flags.go: os.Exit).

// knownNoReturn lists functions outside the reach of the body analysis
// that never return, by their Go names (package path, dot, name).
var knownNoReturn = map[string]bool{
	// cmd/compile/internal/ssagen/ssa.go (state.stmt, OCALLFUNC): calls
	// that end an SSA block with BlockExit.
	"runtime.throw": true, "runtime.throwinit": true, "runtime.gopanic": true, "runtime.panicwrap": true,
	"runtime.block": true, "runtime.panicmakeslicelen": true, "runtime.panicmakeslicecap": true,
	"runtime.panicunsafeslicelen": true, "runtime.panicunsafeslicenilptr": true, "runtime.panicunsafestringlen": true,
	"runtime.panicunsafestringnilptr": true, "runtime.panicrangestate": true,
	// analyze_func_flags.go isExitCall.
	"os.Exit": true,
	// runtime/panic.go: Goexit runs the deferred calls and ends the goroutine.
	"runtime.Goexit": true,
	// runtime/stubs.go: "abort crashes the runtime in situations where
	// even throw might not work" (INT $3, BRK, EBREAK, a load from 0,
	// whatever the arch's trap is; some are followed by a RET that is
	// never reached).
	"runtime.abort": true,
	// runtime/stubs2.go and the os_*.go files: exit ends the process
	// (exit_group on Linux); the implementations crash if the system
	// call comes back.
	"runtime.exit": true,
}

// A noReturn decides which calls of the package's assembly never return.
type noReturn struct {
	pkg  *Package
	x    *textIndex
	memo map[*frame.Func]uint8
	// toCaller caches returnsToCaller.
	toCaller map[*frame.Func]bool
	// goMemo caches the answer for Go functions of the package.
	goMemo map[*types.Func]uint8
}

const (
	nrUnknown uint8 = iota
	nrComputing
	nrNever   // never returns
	nrReturns // may return
)

// newNoReturn returns a noReturn for the functions of p.
func newNoReturn(p *Package) *noReturn {
	return &noReturn{pkg: p, x: newTextIndex(p), memo: map[*frame.Func]uint8{}, toCaller: map[*frame.Func]bool{},
		goMemo: map[*types.Func]uint8{}}
}

// callNeverReturns reports whether e, a call or tail call in fn, goes to
// a function that never returns to it.
func (nr *noReturn) callNeverReturns(fn *frame.Func, e frame.Inst) bool {
	return nr.targetNeverReturns(fn, e.Target())
}

// targetNeverReturns is callNeverReturns for the target t of a call or
// jump in fn.
func (nr *noReturn) targetNeverReturns(fn *frame.Func, t *frame.Target) bool {
	if t.Sym == "" || t.Indirect {
		return false
	}
	if knownNoReturn[nr.goName(t)] {
		return true
	}
	if callee := nr.x.calleeOf(fn, t); callee != nil {
		return nr.never(callee) || !nr.returnsToCaller(callee)
	}
	if pkg, name, dot := frame.SplitSym(t.Sym); dot && !t.Static && nr.x.local(pkg) {
		if obj, ok := nr.lookup(name).(*types.Func); ok {
			return nr.goNever(obj)
		}
	}
	return false
}

// goName returns the Go name (path.name) of a target symbol, or "".
func (nr *noReturn) goName(t *frame.Target) string {
	pkg, name, dot := frame.SplitSym(t.Sym)
	if !dot || t.Static {
		return ""
	}
	if pkg == "" && nr.pkg.Pass.Pkg != nil {
		pkg = nr.pkg.Pass.Pkg.Path()
	}
	return pkg + "." + name
}

// returnsToCaller reports whether fn has a way back to its caller with
// the stack pointer where the call left it: a reachable return, tail call
// or jump through a register (the link register, or a tail call through
// one) at which the SP is known to be balanced. runtime·callbackasm1 drops its return address (ADDQ $8, SP)
// and returns to its caller's caller.
func (nr *noReturn) returnsToCaller(fn *frame.Func) bool {
	if v, ok := nr.toCaller[fn]; ok {
		return v
	}
	nr.toCaller[fn] = true // a call to itself while deciding: assume it returns
	v := nr.balancedExit(fn)
	nr.toCaller[fn] = v
	return v
}

// balancedExit computes returnsToCaller.
func (nr *noReturn) balancedExit(fn *frame.Func) bool {
	sol := fn.SP()
	for i := range fn.Insts {
		e := fn.Inst(i)
		// A jump through any register with SP balanced: a tail call
		// through it, or a return through LR.
		exit := e.Flow == frame.FlowReturn || e.Flow == frame.FlowTailCall ||
			e.Flow == frame.FlowIndirect && nr.indirectMayReturn(fn, fn.CFG().BlockOf(i), i)
		if st := sol.In[i]; exit && sol.Reached[i] && st.Known && !st.Conflict && st.Delta == 0 {
			return true
		}
	}
	_, falls := nr.fallsOff(fn)
	return falls
}

// lookup finds name in the package scope.
func (nr *noReturn) lookup(name string) types.Object {
	if nr.pkg.Pass.Pkg == nil {
		return nil
	}
	return nr.pkg.Pass.Pkg.Scope().Lookup(name)
}

// never reports whether fn provably never returns to its caller: no
// reachable return, no jump through the link register, no tail call to a
// function that may return, and no way to run off its end other than
// after a call that never returns. A jump through another register
// counts as a return only with SP where the call left it (a tail call;
// runtime·gogo's JMP BX, after loading SP from the gobuf, does not), nor do
// instructions asmcheck does not know: this answer only ever silences
// diagnostics. Functions that only call each other count as never
// returning.
func (nr *noReturn) never(fn *frame.Func) bool {
	switch nr.memo[fn] {
	case nrComputing, nrNever:
		return true
	case nrReturns:
		return false
	}
	nr.memo[fn] = nrComputing
	v := nrReturns
	if nr.noExit(fn) && !nr.mayRunOffEnd(fn) {
		v = nrNever
	}
	nr.memo[fn] = v
	return v == nrNever
}

// noExit reports whether fn has no reachable way back to its caller
// other than running off its end.
func (nr *noReturn) noExit(fn *frame.Func) bool {
	g := fn.CFG()
	if fn.Bad || len(g.BadTargets) > 0 || len(g.Blocks) == 0 {
		return false
	}
	for _, b := range g.Blocks {
		if !fn.BlockReachable(b.Index) {
			continue
		}
		for i := b.Start; i < b.End; i++ {
			e := fn.Inst(i)
			switch e.Flow {
			case frame.FlowReturn:
				return false
			case frame.FlowIndirect:
				if e.Target().Reg != frame.NoReg && e.Target().Reg == fn.Arch.LR {
					return false
				}
				// With SP where the call left it, a jump through a
				// register is a tail call through it (the runtime's
				// asmcgocall_landingpad: JMP AX to the C function),
				// which returns to fn's caller; with SP moved, a switch
				// of context (gogo's JMP BX after loading the gobuf's SP).
				if sp := fn.SP(); sp.Reached[i] && sp.In[i].Known && !sp.In[i].Conflict && sp.In[i].Delta == 0 && nr.indirectMayReturn(fn, b, i) {
					return false
				}
			case frame.FlowTailCall:
				if !nr.callNeverReturns(fn, e) {
					return false
				}
			}
		}
	}
	return true
}

// indirectMayReturn reports whether the jump through a register at
// instruction i of fn, in block b, may go to code that returns: unless
// the register holds the address of a function that never returns.
func (nr *noReturn) indirectMayReturn(fn *frame.Func, b *frame.Block, i int) bool {
	if r := fn.Inst(i).Target().Reg; r != frame.NoReg && r == fn.Arch.LR {
		return true
	}
	if crashJump(fn, b, i) {
		return false
	}
	t, ok := indirectTarget(fn, b, i)
	return !ok || !nr.targetNeverReturns(fn, t)
}

// crashJump reports whether the jump through a register or memory at
// instruction i of fn, in block b, goes to a constant address, where
// nothing is mapped: runtime·mstart's deliberate crash, MOVQ $0, AX;
// JMP (AX).
func crashJump(fn *frame.Func, b *frame.Block, i int) bool {
	if r := fn.Inst(i).Target().Reg; r != frame.NoReg && setFromConstant(fn, b, i, r) {
		return true
	}
	return constantAddress(fn, b, i)
}

// indirectTarget returns the symbol whose address the register of the
// jump through a register at instruction i, in block b, holds, when an
// earlier instruction of the block put it there, perhaps by way of
// another register: the AIX _main loads $runtime·rt0_go(SB) into R12,
// then R12 into CTR, and jumps through CTR.
func indirectTarget(fn *frame.Func, b *frame.Block, i int) (*frame.Target, bool) {
	r := fn.Inst(i).Target().Reg
	for hops := 0; hops < 4 && r != frame.NoReg; hops++ {
		j := lastWrite(fn, b, i, r)
		if j < 0 {
			return nil, false
		}
		e := fn.Inst(j)
		s := &fn.File.Stmts[e.Stmt]
		if !e.Known || e.Flow != frame.FlowNext || len(e.Writes()) != 1 || len(s.Args) != 2 {
			return nil, false
		}
		switch a := &s.Args[0]; {
		case a.Kind == asmparse.AddrOp && a.Reg() == "SB" && a.Sym() != "" && a.Val == 0:
			return &frame.Target{Sym: a.Sym(), Static: a.Static(), ABI: a.ABI()}, true
		case a.Kind == asmparse.RegOp && len(e.Reads()) == 1:
			r, i = e.Reads()[0].Reg, j
		default:
			return nil, false
		}
	}
	return nil, false
}

// mayRunOffEnd reports whether control may run past fn's last
// instruction (see fallsOff).
func (nr *noReturn) mayRunOffEnd(fn *frame.Func) bool {
	_, falls := nr.fallsOff(fn)
	return falls
}

// goNever reports whether the Go function obj of the package provably
// never returns: its body has no return statement and ends in a call to
// panic, to a function that never returns, or in an endless loop.
func (nr *noReturn) goNever(obj *types.Func) bool {
	switch nr.goMemo[obj] {
	case nrComputing, nrNever:
		return true
	case nrReturns:
		return false
	}
	if knownNoReturn[obj.FullName()] {
		return true
	}
	nr.goMemo[obj] = nrComputing
	v := nrReturns
	if d := nr.body(obj); d != nil && !hasReturn(d.Body) && nr.endsForever(d.Body.List) {
		v = nrNever
	}
	nr.goMemo[obj] = v
	return v == nrNever
}

// body returns the declaration with a body of the Go function obj.
func (nr *noReturn) body(obj *types.Func) *ast.FuncDecl {
	if fd := nr.pkg.funcDecl(obj); fd != nil && fd.Body != nil {
		return fd
	}
	return nil
}

// hasReturn reports whether body has a return statement outside function
// literals.
func hasReturn(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ReturnStmt:
			found = true
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}

// endsForever reports whether the statement list ends in a call that
// never returns or a loop without a condition or a break.
func (nr *noReturn) endsForever(list []ast.Stmt) bool {
	if len(list) == 0 {
		return false
	}
	switch s := list[len(list)-1].(type) {
	case *ast.ExprStmt:
		call, ok := s.X.(*ast.CallExpr)
		return ok && nr.callNever(call)
	case *ast.ForStmt:
		return s.Cond == nil && !hasBreak(s.Body)
	case *ast.BlockStmt:
		return nr.endsForever(s.List)
	}
	return false
}

// callNever reports whether the Go call never returns.
func (nr *noReturn) callNever(call *ast.CallExpr) bool {
	info := nr.pkg.Pass.TypesInfo
	var id *ast.Ident
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = fun
	case *ast.SelectorExpr:
		id = fun.Sel
	default:
		return false
	}
	switch obj := info.Uses[id].(type) {
	case *types.Builtin:
		return obj.Name() == "panic"
	case *types.Func:
		if obj.Pkg() == nr.pkg.Pass.Pkg {
			if nr.body(obj) == nil {
				return nr.asmNever(obj.Name())
			}
			return nr.goNever(obj)
		}
		return knownNoReturn[obj.FullName()]
	}
	return false
}

// asmNever reports whether the package's assembly function name, as Go
// code calls it (ABIInternal if the TEXT says so, else through the ABI0
// wrapper), never returns.
func (nr *noReturn) asmNever(name string) bool {
	fn := nr.x.byKey[textKey{sym: name, local: true, internal: true}]
	if fn == nil {
		fn = nr.x.byKey[textKey{sym: name, local: true}]
	}
	return fn != nil && (nr.never(fn) || !nr.returnsToCaller(fn))
}

// hasBreak reports whether body has a break statement that could leave
// the loop it belongs to (any unlabeled break outside nested loops,
// switches and selects, or any labeled break).
func hasBreak(body *ast.BlockStmt) bool {
	found := false
	var walk func(n ast.Node, nested bool)
	walk = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if found || m == nil || m == n {
				return !found
			}
			switch s := m.(type) {
			case *ast.BranchStmt:
				if s.Tok == token.BREAK && (s.Label != nil || !nested) {
					found = true
				}
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				walk(m, true)
				return false
			case *ast.FuncLit:
				return false
			}
			return true
		})
	}
	walk(body, false)
	return found
}
