package analyzer

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/frame"
)

// The checks of what the runtime needs to walk an assembly frame while a
// call is in progress: pointer maps for its locals and arguments, and an
// SP it can unwind.

// StackMap checks that frames the runtime will scan have pointer maps.
var StackMap = newAnalyzer("stackmap", docStackMap, runStackMap)

// SPWrite checks that functions the unwinder cannot follow do not call
// code that can reach a safe point.
var SPWrite = newAnalyzer("spwrite", docSPWrite, runSPWrite)

func init() { register(StackMap, SPWrite) }

const docStackMap = `check pointer maps of frames the runtime scans

While an assembly function is suspended at a call that can reach a GC
safe point (a Go function, a function with a stack check, the runtime's
scheduler entries), the runtime walks its frame to scan or copy the stack
(runtime/stkframe.go getStackMap):
- if the local area it computes (varp-sp) is larger than the arch's
  minimum (0 on amd64; 16 on arm64, so any frame of $8 or more), it needs a
  locals pointer map: add NO_LOCAL_POINTERS (#include "funcdata.h"), or the
  program dies with "runtime: frame … untyped locals … missing stackmap";
- if the TEXT declares arguments but no Go declaration in the package
  gives them a pointer map (the assembler asks for <pkg>.<name>.args_stackmap,
  which only the compiler writes, for a body-less Go declaration of an
  ABI0 function), the same happens with "untyped args" — also at the
  function's own stack check;
- results holding pointers written before such a call are not seen by the
  GC unless GO_RESULTS_INITIALIZED is in effect at the call, and are
  scanned as garbage if it is in effect before they are written.`

const docSPWrite = `check SP writes the unwinder cannot follow

An assembly function that writes SP in a way the assembler does not track
(amd64: anything but PUSH/POP/ADJSP; arm64: anything but ADD/SUB of a
constant) is marked SPWRITE. If such a function is on the stack below a
call that reaches a GC safe point, the runtime throws "traceback:
unexpected SPWRITE function" when it scans or copies the stack
(runtime/traceback.go). A write-back addressing mode on RSP (MOVD.W) is
not SPWRITE but is not in the pc→SP table either: the unwinder then reads
the wrong return address.`

// Numbers of FUNCDATA and PCDATA tables (runtime/funcdata.h).
const (
	funcdataArgsPointerMaps   = 0
	funcdataLocalsPointerMaps = 1
	pcdataStackMapIndex       = 1
)

func runStackMap(c *Check) {
	sp := newSafePoints(c)
	c.EachFunc(func(f *File, fn *frame.Func) {
		if fn.Bad || f.ABI == nil || fn.Has(frame.FlagTOPFRAME) {
			// A TOPFRAME function starts a stack (runtime/traceback.go
			// stops there): the runtime's are the entries of thread
			// stacks (rt0_go, mstart), which the GC never scans or
			// copies, and goexit, which has no frame.
			return
		}
		lay := fn.Layout()
		if !lay.Exact {
			return
		}
		sol := fn.SP()
		calls := reachingCalls(sp, fn, sol)
		c.checkLocalsMap(f, fn, lay, calls)
		c.checkArgsMap(f, fn, lay, calls)
		c.checkResultsMap(f, fn, calls)
	})
}

// A reachingCall is a call of a function that can reach a safe point.
type reachingCall struct {
	i     int
	why   string
	state frame.SPState
	// syscall is the name of the callee when it is the runtime's
	// entersyscall, entersyscallblock or exitsyscall, else "".
	syscall string
}

// reachingCalls returns the calls of fn that reach a safe point, in order.
func reachingCalls(sp *safePoints, fn *frame.Func, sol *frame.Solution[frame.SPState]) []reachingCall {
	var out []reachingCall
	for i := range fn.Insts {
		e := fn.Inst(i)
		if e.Flow != frame.FlowCall || !sol.Reached[i] {
			continue
		}
		if r, why := sp.call(fn, e); r == reachYes {
			sys := ""
			if pkg, name, _ := frame.SplitSym(e.Target().Sym); syscallFuncs[name] && (pkg == "runtime" || sp.index.local(pkg) && sp.inRuntime()) {
				sys = name
			}
			out = append(out, reachingCall{i, why, sol.In[i], sys})
		}
	}
	return out
}

// funcdata returns the FUNCDATA tables fn declares: table number → the
// symbol of the first declaration.
func funcdata(fn *frame.Func) map[int64]string {
	out := map[int64]string{}
	for i := range fn.Insts {
		if fn.Insts[i].Pseudo != frame.PseudoFUNCDATA {
			continue
		}
		s := fn.Stmt(i)
		if len(s.Args) != 2 || s.Args[0].Unresolved() != "" {
			continue
		}
		if _, dup := out[s.Args[0].Val]; !dup {
			out[s.Args[0].Val] = s.Args[1].Sym()
		}
	}
	return out
}

// localsSize returns varp-sp as the runtime computes it for fn suspended
// at a call with SP state st (runtime/traceback.go resolveInternal: fp is
// sp plus the pc→SP delta, plus the return address on non-LR machines;
// varp is fp less the return address, less the saved frame pointer when
// there is a frame).
func localsSize(a *abi.Arch, lay frame.Layout, st frame.SPState) int64 {
	spdelta := lay.Size - st.Tracked
	if a.FramePointer && spdelta > 0 {
		return spdelta - int64(a.PtrSize)
	}
	return spdelta
}

// checkLocalsMap reports the first call at which the runtime looks for a
// locals map that fn does not have.
func (c *Check) checkLocalsMap(f *File, fn *frame.Func, lay frame.Layout, calls []reachingCall) {
	if _, ok := funcdata(fn)[funcdataLocalsPointerMaps]; ok {
		return
	}
	for _, call := range calls {
		if !call.state.Known {
			continue
		}
		size := localsSize(f.ABI, lay, call.state)
		if size <= int64(f.ABI.StackMapMin) {
			continue
		}
		e := fn.Inst(call.i)
		c.Report(Diag{File: f, Fn: fn, Pos: e.Pos, Msg: fmt.Sprintf(
			"call to %s with %d bytes of locals and no locals pointer map: %s %s, and when the runtime scans or copies this "+
				"stack it looks for the map of a frame this size and dies with \"missing stackmap\" (runtime/stkframe.go getStackMap); "+
				"add NO_LOCAL_POINTERS after the TEXT line if the frame holds no pointers the GC must see",
			e.Target(), size, e.Target(), call.why),
			Fixes: noLocalPointersFix(f, fn)})
		return
	}
}

// noLocalPointersFix inserts NO_LOCAL_POINTERS after fn's TEXT line, and
// #include "funcdata.h" at the top of the file when it is not included.
func noLocalPointersFix(f *File, fn *frame.Func) []analysis.SuggestedFix {
	text := &fn.File.Stmts[fn.Text]
	if text.Exp != nil {
		return nil
	}
	off := int(text.Pos - f.Base)
	eol := strings.IndexByte(f.Src[off:], '\n')
	if eol < 0 {
		return nil
	}
	at := f.Base + token.Pos(off+eol+1)
	edits := []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\tNO_LOCAL_POINTERS\n")}}
	if !includes(f, "funcdata.h") {
		edits = append([]analysis.TextEdit{{Pos: f.Base, End: f.Base, NewText: []byte("#include \"funcdata.h\"\n")}}, edits...)
	}
	return []analysis.SuggestedFix{{Message: "add NO_LOCAL_POINTERS", TextEdits: edits}}
}

// includes reports whether the file includes a header named name.
func includes(f *File, name string) bool {
	for _, inc := range f.Includes {
		if inc == name || strings.HasSuffix(inc, "/"+name) {
			return true
		}
	}
	return false
}

// hasArgsMap reports whether the runtime finds an argument pointer map for
// fn: an explicit FUNCDATA $0 of its own, or the one the compiler writes
// for a body-less Go declaration in the package, which the assembler
// references for every ABI0 TEXT named with the package's prefix
// (cmd/internal/obj/plist.go Flushplist; cmd/compile/internal/gc
// compile.go; cmd/link/internal/ld/pcln.go ignoreFuncData drops the
// reference when nobody defines it).
func (c *Check) hasArgsMap(fn *frame.Func) bool {
	if sym, ok := funcdata(fn)[funcdataArgsPointerMaps]; ok && sym != "go_args_stackmap" {
		return true
	}
	if fn.ABI == "ABIInternal" || !c.Pkg.IsLocal(fn) {
		return false
	}
	return c.Pkg.Decls[fn.Name] != nil || c.Pkg.TestDecl(fn.Name)
}

// checkArgsMap reports an argument area the runtime will scan without a
// map: at the stack check when fn has one (the innermost frame's
// arguments are scanned too), else at the first reaching call.
func (c *Check) checkArgsMap(f *File, fn *frame.Func, lay frame.Layout, calls []reachingCall) {
	if !fn.HasArgs || fn.Args < int64(f.ABI.PtrSize) || c.hasArgsMap(fn) {
		return
	}
	why := "the TEXT is not an ABI0 function of this package with a Go declaration, so the assembler's args_stackmap reference finds nothing"
	if c.Pkg.IsLocal(fn) && fn.ABI != "ABIInternal" {
		why = fmt.Sprintf("%s has no Go declaration in the package, and only the compiler writes the map, from the declaration", fn.Name)
	}
	fix := fmt.Sprintf("declare func %s in Go (or write $%d-0 if it really takes no Go arguments)", fn.Name, max(fn.Frame, 0))
	if lay.StackCheck {
		c.Report(Diag{File: f, Fn: fn, Pos: fn.Pos(), Msg: fmt.Sprintf(
			"%d bytes of arguments without an argument pointer map: %s; the stack check in the prologue can grow the stack or "+
				"park the goroutine, and the runtime then dies with \"untyped args … missing stackmap\"; %s",
			fn.Args, why, fix)})
		return
	}
	if len(calls) > 0 {
		e := fn.Inst(calls[0].i)
		c.Report(Diag{File: f, Fn: fn, Pos: e.Pos, Msg: fmt.Sprintf(
			"call to %s with %d bytes of arguments and no argument pointer map: %s %s, and the runtime then scans this frame and "+
				"dies with \"untyped args … missing stackmap\" (%s); %s",
			e.Target(), fn.Args, e.Target(), calls[0].why, why, fix)})
	}
}

// checkResultsMap reports pointer results that are live at a reaching call
// without GO_RESULTS_INITIALIZED, and GO_RESULTS_INITIALIZED in effect
// before they are written.
func (c *Check) checkResultsMap(f *File, fn *frame.Func, calls []reachingCall) {
	d, fr := c.declFrame(f, fn)
	if d == nil || fr == nil || fn.ABI == "ABIInternal" || len(calls) == 0 || len(fr.Results) > 64 {
		return
	}
	var ptrs uint64
	for k, r := range fr.Results {
		if r.Pointers {
			ptrs |= 1 << k
		}
	}
	index := stackMapIndex(fn)
	var sol *frame.Solution[resultState]
	for _, call := range calls {
		idx := index[call.i]
		if idx == 1 && len(fr.Results) == 0 {
			c.Reportf(f, fn, fn.Insts[call.i].Pos, "GO_RESULTS_INITIALIZED is in effect at the call to %s but %s has no results: "+
				"its argument map has one bitmap, and the runtime throws \"bad symbol table\" when it scans the frame; remove it",
				fn.Inst(call.i).Target(), fn.Name)
			return
		}
		if ptrs == 0 {
			continue
		}
		if sol == nil {
			sol = resultsWritten(fn, fr)
		}
		st := sol.In[call.i]
		if msg := resultsMapProblem(fr, idx, st, ptrs); msg != "" {
			c.Reportf(f, fn, fn.Insts[call.i].Pos, "call to %s: %s", fn.Inst(call.i).Target(), msg)
			return
		}
	}
}

// resultsMapProblem describes what is wrong with the results' liveness at
// a call, or returns "".
func resultsMapProblem(fr *abi.Frame, idx int64, st resultState, ptrs uint64) string {
	names := func(set uint64) string {
		var out []string
		for k, r := range fr.Results {
			if set&(1<<k) != 0 {
				out = append(out, fpRef(r.Name, int64(r.Offset)))
			}
		}
		return andList(out)
	}
	if idx != 1 && st.may&ptrs != 0 {
		return fmt.Sprintf("the pointer result %s is written before it, but without GO_RESULTS_INITIALIZED the GC does not see "+
			"it: the object it points to can be freed or moved; put GO_RESULTS_INITIALIZED after the results are written",
			names(st.may&ptrs))
	}
	if idx == 1 && ptrs&^st.must != 0 {
		return fmt.Sprintf("GO_RESULTS_INITIALIZED is in effect but the pointer result %s is not written on every path to here: "+
			"the GC scans the garbage in it; write (or zero) the results before GO_RESULTS_INITIALIZED", names(ptrs&^st.must))
	}
	return ""
}

// stackMapIndex returns, per instruction, the value of PCDATA
// $PCDATA_StackMapIndex in effect (by position, as the pc tables are),
// -1 when none.
func stackMapIndex(fn *frame.Func) []int64 {
	out := make([]int64, len(fn.Insts))
	cur := int64(-1)
	for i := range fn.Insts {
		if fn.Insts[i].Pseudo == frame.PseudoPCDATA {
			s := fn.Stmt(i)
			if len(s.Args) == 2 && s.Args[0].Unresolved() == "" && s.Args[0].Val == pcdataStackMapIndex {
				cur = s.Args[1].Val
			}
		}
		out[i] = cur
	}
	return out
}

// resultsWritten solves which ABI0 results are written before each
// instruction: must, on every path, counting whatever may write them (an
// unknown instruction, an escaping address: results' own check,
// writtenResults); may, on some path, counting only stores into them, so
// that "written before the call" is never a guess.
func resultsWritten(fn *frame.Func, fr *abi.Frame) *frame.Solution[resultState] {
	all := uint64(1)<<len(fr.Results) - 1
	return frame.Forward(fn, frame.Problem[resultState]{
		Join:  func(a, b resultState) resultState { return resultState{a.must & b.must, a.may | b.may} },
		Equal: func(a, b resultState) bool { return a == b },
		Transfer: func(_ int, e frame.Inst, in resultState) resultState {
			if e.Flow == frame.FlowCall {
				return in // an ABI0 callee writes only its own results
			}
			return resultState{in.must | writtenResults(fr, nil, e, all), in.may | storedResults(fr, e)}
		},
	})
}

// storedResults returns the results e stores into through FP.
func storedResults(fr *abi.Frame, e frame.Inst) uint64 {
	var w uint64
	for i := range e.Mem() {
		m := &e.Mem()[i]
		if m.Base != frame.BaseFP || !m.Write || m.Addr || !m.OffOK {
			continue
		}
		size := int64(max(m.Size, 1))
		for k, r := range fr.Results {
			if m.Off < int64(r.Offset+r.Size) && m.Off+size > int64(r.Offset) {
				w |= 1 << k
			}
		}
	}
	return w
}

func runSPWrite(c *Check) {
	sp := newSafePoints(c)
	c.EachFunc(func(f *File, fn *frame.Func) {
		if fn.Bad || fn.Has(frame.FlagTOPFRAME) || c.unwinderSkipsSPWrite(fn) {
			return
		}
		sol := fn.SP()
		calls := syscallBracket(sameStack(reachingCalls(sp, fn, sol)))
		if len(calls) == 0 {
			return
		}
		if w := spWriteAt(fn); w >= 0 {
			e := fn.Inst(calls[0].i)
			c.Report(Diag{File: f, Fn: fn, Pos: e.Pos, Msg: fmt.Sprintf(
				"call to %s in an SPWRITE function: %s writes SP at line %d in a way the assembler does not track, so the "+
					"unwinder cannot get past this frame; %s %s, and a GC scan or stack copy then throws \"traceback: unexpected "+
					"SPWRITE function %s\" (runtime/traceback.go); move SP only with PUSH/POP/ADJSP (amd64) or ADD/SUB $c, RSP (arm64), "+
					"or declare the frame in TEXT", e.Target(), fn.Name, c.Pass.Fset.Position(fn.Insts[w].Pos).Line, e.Target(), calls[0].why, fn.Name),
				Related: []analysis.RelatedInformation{{Pos: fn.Insts[w].Pos, Message: "the SP write"}}})
			return
		}
		c.checkUntrackedAtCall(f, fn, calls)
	})
}

// unwinderSkipsSPWrite reports whether the runtime clears the SPWRITE flag
// of fn when it unwinds (runtime/traceback.go resolveInternal): the
// runtime's cgocallback always, and systemstack and morestack, which it
// unwinds by jumping to the goroutine's saved state.
func (c *Check) unwinderSkipsSPWrite(fn *frame.Func) bool {
	if c.Pass.Pkg == nil || c.Pass.Pkg.Path() != "runtime" || !c.Pkg.IsLocal(fn) {
		return false
	}
	switch fn.Name {
	case "cgocallback", "systemstack", "morestack":
		return true
	}
	return false
}

// sameStack keeps the calls made on the stack the function was entered
// on: after SP was loaded from memory (g0's or a signal stack, as the
// runtime's stack switches do), the call runs on a stack whose walk never
// reaches this frame's caller, and which the GC may not walk at all.
func sameStack(calls []reachingCall) []reachingCall {
	var out []reachingCall
	for _, c := range calls {
		if c.state.SameStack {
			out = append(out, c)
		}
	}
	return out
}

// syscallBracket drops the calls of the runtime's system-call bracket.
// While a goroutine is in a system call — from entersyscall until
// exitsyscall returns, parking included — the runtime unwinds it from the
// PC and SP that entersyscall saved and ignores SPWRITE there
// (runtime/traceback.go resolveInternal: "Some Syscall functions write to
// SP, but they do so only after saving the entry PC/SP using
// entersyscall"; runtime/proc.go exitsyscall clears syscallsp only after
// the scheduler returns). So a call to exitsyscall is safe wherever SP is,
// and a call to entersyscall when SP is where the pc→SP table says, which
// is what package syscall's assembly relies on.
func syscallBracket(calls []reachingCall) []reachingCall {
	var out []reachingCall
	for _, c := range calls {
		switch {
		case c.syscall == "exitsyscall":
			continue
		case c.syscall != "" && c.state.Known && c.state.Delta == c.state.Tracked:
			continue
		}
		out = append(out, c)
	}
	return out
}

// syscallFuncs are the runtime's system-call bracket.
var syscallFuncs = map[string]bool{"entersyscall": true, "entersyscallblock": true, "exitsyscall": true}

// spWriteAt returns the first instruction of fn that makes it SPWRITE, or -1.
func spWriteAt(fn *frame.Func) int {
	for i := range fn.Insts {
		if fn.Insts[i].SP.SPWrite {
			return i
		}
	}
	return -1
}

// checkUntrackedAtCall reports a reaching call made while SP is moved by
// an amount the pc→SP table does not record (arm64 write-back on RSP):
// the unwinder computes the frame from the table and reads the wrong
// saved LR.
func (c *Check) checkUntrackedAtCall(f *File, fn *frame.Func, calls []reachingCall) {
	for _, call := range calls {
		st := call.state
		if !st.Known || st.Delta == st.Tracked {
			continue
		}
		e := fn.Inst(call.i)
		moved := st.Delta - st.Tracked
		c.Reportf(f, fn, e.Pos, "call to %s with SP %s that the assembler does not record (a write-back addressing "+
			"mode on SP): %s %s, and the unwinder, which finds this frame through the pc→SP table, then reads a wrong return "+
			"address and the runtime throws; move SP with ADD/SUB $c, RSP (tracked) around the call",
			e.Target(), spMoved(moved), e.Target(), call.why)
		return
	}
}
