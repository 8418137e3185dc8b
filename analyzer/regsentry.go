package analyzer

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/asmcheck/asmcheck/asmparse"
	"github.com/asmcheck/asmcheck/frame"
)

// Which functions are entered from C, and what calls clobber.
//
// A function is entered from C — called by C code, by the kernel as a
// signal handler, by the dynamic loader, or by a thread library — when:
//
//  1. the package says so to the linker: a //go:cgo_export_static or
//     //go:cgo_export_dynamic directive in its Go files names the symbol
//     (runtime/cgo/callbacks.go exports crosscall2 and _cgo_topofstack);
//  2. it is one of the runtime's entries from C listed in
//     runtimeCEntries (signal handlers, thread starts, cgo callbacks,
//     Windows exception handlers, .init_array), each read in the tree;
//  3. its symbol has no package qualifier and is not static
//     (TEXT _rt0_amd64_linux_lib(SB), TEXT callbackasm(SB)) and no
//     statement of the package calls, jumps to or takes the address of
//     it: a C-style name that the package itself never uses is there for
//     someone else, and Go code cannot call it (crypto's
//     p256MulInternal(SB), called only from the package's own assembly,
//     is a private helper; purego's syscallX, whose address goes to the
//     runtime's cgocall, is called from Go with C's convention and need
//     not keep anything);
//  4. an //asmcheck:centry comment is on its TEXT line or the line before;
//  5. an entry from C tail-calls it (JMP sym(SB) to a static or C-style
//     function of the package): it returns to the same C caller
//     (runtime·exceptiontramp jumps to sigtramp<>).
//
// cgo's //export makes no assembly C-entered: cmd/cgo wraps the Go
// function in a C function that enters Go through crosscall2, and the Go
// function, assembly or not, is called from Go.

// A cEntry is a runtime function entered from C.
type cEntry struct {
	pkg, name string
	static    bool
	why       string
}

// runtimeCEntries are the runtime's functions entered from C. Each was
// read in the Go tree; those that look like C entries but have another
// contract are left out with the reason.
//
// Left out: setg_gcc<> (called from C by crosscall1, whose contract is to
// set g — R14 on amd64, R28 on arm64 — for the Go code it calls next:
// runtime/cgo/gcc_amd64.S, gcc_arm64.S); _rt0_*, main, _rt0_*_lib_go
// (never return: they jump into runtime·rt0_go; rule 3 finds them anyway,
// and what they clobber does not matter); xx_cgo_panicmem (entered by a
// signal handler that rewrote the PC, never returns).
var runtimeCEntries = []cEntry{
	{"runtime", "sigtramp", false, "the signal handler installed with sigaction (runtime/signal_unix.go setsig); C handlers chain to it as a function (golang.org/issue/31827)"},
	{"runtime", "cgoSigtramp", false, "the signal handler of cgo programs (runtime/signal_unix.go setsig)"},
	{"runtime", "sigprofNonGoWrapper", true, "called back from C by the cgo traceback function (runtime/sys_linux_amd64.s cgoSigtramp)"},
	{"runtime", "mstart_stub", false, "the start routine passed to pthread_create (runtime/sys_darwin.go, sys_openbsd.go)"},
	{"runtime", "racecallbackthunk", false, "called back from the C race runtime (runtime/race.go)"},
	{"runtime", "callbackasm1", false, "the body of the callbacks syscall.NewCallback hands to Windows (runtime/syscall_windows.go)"},
	{"runtime", "tstart_stdcall", false, "the start routine passed to CreateThread (runtime/os_windows.go)"},
	{"runtime", "sehtramp", false, "the structured exception handler registered for Windows (runtime/os_windows.go)"},
	{"runtime", "sigtramp", true, "the Windows exception handlers' common body (runtime/sys_windows_*.s)"},
	{"runtime", "exceptiontramp", false, "the vectored exception handler of AddVectoredExceptionHandler (runtime/signal_windows.go)"},
	{"runtime", "firstcontinuetramp", false, "a vectored continue handler (runtime/signal_windows.go)"},
	{"runtime", "lastcontinuetramp", false, "a vectored continue handler (runtime/signal_windows.go)"},
	{"runtime", "addmoduledata", false, "called from .init_array by the dynamic loader (cmd/link/internal/ld/lib.go addinitarrdata)"},
}

// regCtx holds what the register checks share in one package: the index
// of its functions, the functions entered from C, and what each of its
// functions may write.
type regCtx struct {
	c       *Check
	idx     *funcIndex
	entries map[*frame.Func]string
	writes  map[*frame.Func]*frame.RegSet
	busy    map[*frame.Func]bool
	refs    map[*frame.Func]int // asmRefs, made on first use
	vzu     map[*frame.Func]int // vzuSummary, by function
}

func newRegCtx(c *Check) *regCtx {
	rc := &regCtx{c: c, idx: newFuncIndex(c.Pkg), writes: map[*frame.Func]*frame.RegSet{}, busy: map[*frame.Func]bool{}}
	// The entries from C are the package's: found once, read by every
	// check that asks.
	c.Pkg.entriesOnce.Do(func() { c.Pkg.entries = rc.findEntries() })
	rc.entries = c.Pkg.entries
	return rc
}

// findEntries returns the functions of the package entered from C, with
// the reason.
func (rc *regCtx) findEntries() map[*frame.Func]string {
	out := map[*frame.Func]string{}
	exports := rc.cgoExports()
	// Only the functions with a C-style name ask whether the package
	// calls them: the statements are scanned when there is one.
	var called map[*frame.Func]bool
	for _, f := range rc.c.Pkg.Files {
		for _, fn := range f.Funcs {
			if !fn.Bad && !fn.Dot && !fn.Static && called == nil {
				called = rc.calledInPackage()
			}
		}
	}
	for _, f := range rc.c.Pkg.Files {
		centry := centryLines(rc.c.Pass.Fset, f)
		for _, fn := range f.Funcs {
			if why := rc.entryReason(f, fn, exports, called, centry); why != "" {
				out[fn] = why
			}
		}
	}
	rc.propagateTailCalls(out)
	return out
}

// entryReason returns why fn is entered from C, or "".
func (rc *regCtx) entryReason(f *File, fn *frame.Func, exports map[string]string, called map[*frame.Func]bool, centry map[int]bool) string {
	if fn.Bad {
		return ""
	}
	line := rc.c.Pass.Fset.Position(fn.Pos()).Line
	switch {
	case centry[line] || centry[line-1]:
		return "marked //asmcheck:centry"
	case exports[rc.exportName(fn)] != "":
		return "exported to C by " + exports[rc.exportName(fn)]
	}
	if e := rc.runtimeEntry(fn); e != nil {
		return "the runtime's " + fn.Name + " is " + e.why
	}
	if !fn.Dot && !fn.Static && !called[fn] {
		return "its symbol has no package qualifier and nothing in the package calls it or takes its address"
	}
	return ""
}

// exportName is the name a cgo export directive gives fn: its symbol for
// a C-style name, path.name for a Go one.
func (rc *regCtx) exportName(fn *frame.Func) string {
	if !fn.Dot {
		return fn.Sym
	}
	if p := rc.c.Pass.Pkg; p != nil && !fn.Static && rc.idx.local(fn.Pkg) {
		return p.Path() + "." + fn.Name
	}
	return ""
}

// runtimeEntry returns fn's entry in runtimeCEntries, or nil.
func (rc *regCtx) runtimeEntry(fn *frame.Func) *cEntry {
	p := rc.c.Pass.Pkg
	if p == nil || fn.Dot && !rc.idx.local(fn.Pkg) || !fn.Dot && !fn.Static {
		return nil
	}
	for i := range runtimeCEntries {
		e := &runtimeCEntries[i]
		if e.pkg == p.Path() && e.name == fn.Name && e.static == fn.Static {
			return e
		}
	}
	return nil
}

// cgoExports maps the local names that //go:cgo_export_static and
// //go:cgo_export_dynamic directives in the package's Go files name to
// the directive.
func (rc *regCtx) cgoExports() map[string]string {
	out := map[string]string{}
	// A later directive for the same name wins.
	for _, e := range rc.c.Pkg.cgoExports() {
		out[e.name] = e.directive
	}
	return out
}

// calledInPackage returns the functions that some statement of the
// package names: a call or jump, or an address taken ($sym(SB), also in
// DATA). A function whose address the package takes is handed to someone
// the analysis cannot see — C, or the runtime's cgocall (purego's
// syscallX) — so it is not assumed to be entered from C.
func (rc *regCtx) calledInPackage() map[*frame.Func]bool {
	out := map[*frame.Func]bool{}
	rc.eachFuncRef(func(_ *File, _ int, _ *asmparse.Operand, fn *frame.Func) { out[fn] = true })
	return out
}

// eachFuncRef calls ref for each operand of a statement of the package
// (TEXT aside) that names one of its functions, sym(SB) or $sym(SB): the
// file, the statement's index, the operand and the function.
func (rc *regCtx) eachFuncRef(ref func(f *File, stmt int, a *asmparse.Operand, fn *frame.Func)) {
	for _, f := range rc.c.Pkg.Files {
		for i := range f.Stmts {
			s := &f.Stmts[i]
			if s.Op == "TEXT" {
				continue
			}
			for j := range s.Args {
				a := &s.Args[j]
				if (a.Kind == asmparse.MemOp || a.Kind == asmparse.AddrOp) && a.Reg() == "SB" && a.Sym() != "" {
					if fn := rc.idx.byKey[rc.idx.key(f.Name, a.Sym(), a.Static(), a.ABI())]; fn != nil {
						ref(f, i, a, fn)
					}
				}
			}
		}
	}
}

// propagateTailCalls adds the static and C-style functions that entries
// from C tail-call.
func (rc *regCtx) propagateTailCalls(entries map[*frame.Func]string) {
	var work []*frame.Func
	for fn := range entries {
		work = append(work, fn)
	}
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		for i := range fn.Insts {
			e := fn.Inst(i)
			if e.Flow != frame.FlowTailCall {
				continue
			}
			callee := rc.idx.callee(fn, e)
			if callee == nil || entries[callee] != "" || callee.Dot && !callee.Static {
				continue
			}
			entries[callee] = fmt.Sprintf("it is tail-called by %s, which is entered from C", funcName(fn))
			work = append(work, callee)
		}
	}
}

// centryLines returns the lines of the //asmcheck:centry directives of f.
func centryLines(fset *token.FileSet, f *File) map[int]bool {
	var out map[int]bool
	for _, d := range f.Directives {
		if rest, ok := strings.CutPrefix(d.Text, "asmcheck:centry"); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			if out == nil {
				out = map[int]bool{}
			}
			out[fset.Position(d.Pos).Line] = true
		}
	}
	return out
}

// isCEntryTarget reports whether a tail call from fn at e goes to code
// that returns to fn's C caller with C's rules: an entry from C of the
// package, or a C-style symbol the package does not define.
func (rc *regCtx) isCEntryTarget(fn *frame.Func, e frame.Inst) bool {
	if callee := rc.idx.callee(fn, e); callee != nil {
		return rc.entries[callee] != ""
	}
	t := e.Target()
	if t.Sym == "" || t.Indirect {
		return false
	}
	_, _, dot := frame.SplitSym(t.Sym)
	return !dot
}

// isGoSym reports whether sym names a Go symbol (it has a package
// qualifier: ·f, runtime·f).
func isGoSym(sym string) bool {
	_, _, dot := frame.SplitSym(sym)
	return dot
}

// regsExcept returns the general and vector registers of a, except SP
// and the frame pointer (which Go and C calls both preserve, and which
// the framepointer check follows), and except the registers named keep.
func regsExcept(a *frame.Arch, keep []string) *frame.RegSet {
	var s frame.RegSet
	for r := frame.Reg(1); int(r) < len(a.Regs.Regs); r++ {
		switch a.Regs.Info(r).Class {
		case frame.ClassGP, frame.ClassVec:
			if r != a.SP && r != a.FP {
				s.Add(r)
			}
		}
	}
	var k frame.RegSet
	for _, name := range keep {
		k.Add(a.Regs.Reg(name))
	}
	s = s.Minus(k)
	return &s
}

// callClobbers returns the registers the call at e in fn (of file f) may
// change: for a function of the package, what it writes; for a C
// function (a symbol without a package qualifier that the package does
// not define) and for a call through a register (unknown: assumed to be
// C), all but C's callee-saved registers; for Go code, which has no
// callee-saved registers, all of them.
func (rc *regCtx) callClobbers(f *File, fn *frame.Func, e frame.Inst) *frame.RegSet {
	if callee := rc.idx.callee(fn, e); callee != nil {
		return rc.mayWrite(callee)
	}
	if e.Target().Indirect || e.Target().Sym == "" || !isGoSym(e.Target().Sym) {
		var keep []string
		if cabi := f.ABI.CABIFor(f.File.GOOS); cabi != nil {
			keep = append(append(keep, cabi.CalleeSaved...), cabi.CalleeSavedFloat...)
		}
		return regsExcept(f.Arch, keep)
	}
	return regsExcept(f.Arch, nil)
}

// mayWrite returns the registers fn, a function of the package, may
// write: its own writes, REGTMP where the assembler uses it, what the
// inserted prologue and epilogue write, and what its calls clobber. A
// recursive call counts as writing everything.
func (rc *regCtx) mayWrite(fn *frame.Func) *frame.RegSet {
	if s := rc.writes[fn]; s != nil {
		return s
	}
	f := rc.c.Pkg.FileOf(fn)
	if rc.busy[fn] || f == nil {
		return regsExcept(fn.Arch, nil)
	}
	rc.busy[fn] = true
	defer delete(rc.busy, fn)
	var s frame.RegSet
	for i := range fn.Insts {
		e := fn.Inst(i)
		if !e.Known {
			continue
		}
		for _, w := range e.Writes() {
			s.Add(w.Reg)
		}
		if e.Attrs&frame.AttrUsesTmp != 0 {
			s.Add(fn.Arch.Tmp)
		}
		if e.Flow == frame.FlowCall || e.Flow == frame.FlowTailCall {
			s = s.Union(*rc.callClobbers(f, fn, e))
		}
	}
	x := fn.Xlogue()
	for _, cl := range append(x.Prologue, x.Epilogue...) {
		s.Add(cl.Reg)
	}
	var fixed frame.RegSet
	fixed.Add(fn.Arch.SP)
	fixed.Add(fn.Arch.FP)
	s = s.Minus(fixed)
	rc.writes[fn] = &s
	return &s
}
