package analyzer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/frame"
)

// The reserved check: registers with a fixed meaning (abi.FixedRegs and
// the C conventions' Reserved registers) written or read against it.

// gPackages are the packages that switch goroutines and so write g:
// runtime (gogo, mcall, systemstack, load_g, the signal and cgo entries)
// and runtime/cgo. Nothing else in GOROOT writes g.
var gPackages = map[string]bool{"runtime": true, "runtime/cgo": true}

func runReserved(c *Check) {
	c.EachFunc(func(f *File, fn *frame.Func) {
		if f.ABI == nil || fn.Bad {
			return
		}
		r := &reservedRun{c: c, f: f, fn: fn}
		r.platform()
		r.g()
		r.closure()
		r.regtmp()
		r.abiInternal()
	})
}

// A reservedRun checks one function.
type reservedRun struct {
	c  *Check
	f  *File
	fn *frame.Func
}

// fixed returns the register units with role in the arch's FixedRegs,
// with whether the role holds only in ABIInternal code.
func (r *reservedRun) fixed(role abi.RegRole) []abi.FixedReg {
	var out []abi.FixedReg
	for _, x := range r.f.ABI.FixedRegs {
		if x.Role == role && r.fn.Arch.Regs.Reg(x.Reg) != frame.NoReg {
			out = append(out, x)
		}
	}
	return out
}

// platform reports writes of a register the platform reserves (arm64
// R18 on darwin, ios and windows) in a file built for such a platform.
func (r *reservedRun) platform() {
	oses := map[string][]string{} // register → GOOSes that reserve it
	for _, cabi := range r.f.ABI.CABIs {
		for _, name := range cabi.Reserved {
			for _, goos := range cabi.GOOS {
				if r.builtFor(goos) {
					oses[name] = append(oses[name], goos)
				}
			}
		}
	}
	for name, goos := range oses {
		reg := r.fn.Arch.Regs.Reg(name)
		first := -1
		var more []int
		for i := range r.fn.Insts {
			if e := r.fn.Inst(i); writes(e, reg) || r.wordWrites(i, reg) != "" {
				if first < 0 {
					first = i
				} else {
					more = append(more, r.c.Pass.Fset.Position(e.Pos).Line)
				}
			}
		}
		if first < 0 {
			continue
		}
		// One report a function: the fix (another register, or a build
		// constraint) is the same for every write, and kernel-mode code
		// that owns R18 writes it dozens of times (gvisor's ring0).
		e := r.fn.Inst(first)
		msg := fmt.Sprintf("%s writes %s, the platform register, and this file is built for %s: the operating system owns it "+
			"(Apple's arm64 ABI reserves it; Windows keeps the TEB pointer in it), so the value may be lost at any time or "+
			"the thread's state corrupted; use another register (cmd/asm names it R18_PLATFORM to stop accidental use), "+
			"or, if the code never runs there, say so with a build constraint (//go:build linux, or a _linux_arm64.s file name)",
			r.what(first, reg), name, strings.Join(goos, ", "))
		if len(more) > 0 {
			msg += "; " + r.fn.Name + " also writes it" + linesList("", "", more)
		}
		r.c.Report(Diag{File: r.f, Fn: r.fn, Pos: e.Pos, Msg: msg})
	}
}

// builtFor reports whether the file is checked for goos or also builds
// for it (its name and build constraints admit goos on its arch).
func (r *reservedRun) builtFor(goos string) bool {
	return r.f.BuiltFor(goos)
}

// writes reports whether e writes register reg.
func writes(e frame.Inst, reg frame.Reg) bool {
	if !e.Known || reg == frame.NoReg {
		return false
	}
	for _, w := range e.Writes() {
		if w.Reg == reg {
			return true
		}
	}
	return false
}

// reads reports whether e reads register reg.
func reads(e frame.Inst, reg frame.Reg) bool {
	if !e.Known || reg == frame.NoReg {
		return false
	}
	for _, rd := range e.Reads() {
		if rd.Reg == reg {
			return true
		}
	}
	return false
}

// g reports, outside the packages that switch goroutines, writes of the
// g register (arm64 R28; a role that holds in ABI0 code too) with a value
// other than g itself: a signal handler or the runtime reached through
// any call reads g from the register, and a wrong one is a crash.
func (r *reservedRun) g() {
	if p := r.c.Pass.Pkg; p == nil || gPackages[p.Path()] {
		return
	}
	for _, x := range r.fixed(abi.RoleG) {
		if x.ABIInternalOnly {
			continue
		}
		reg := r.fn.Arch.Regs.Reg(x.Reg)
		r.gWords(x, reg)
		if !writesReg(r.fn, reg) {
			continue
		}
		flow := newRegFlow(r.fn, []watch{{reg: reg, want: val{kind: vEntry, reg: reg, size: 8}, name: x.Reg}})
		flow.clobbers = func(int, frame.Inst) *frame.RegSet { return nil }
		flow.solve()
		for i := range r.fn.Insts {
			e := r.fn.Inst(i)
			if !flow.live(i) || !writes(e, reg) {
				continue
			}
			if after := flow.sol.Out(r.fn, frame.Problem[*flowState]{Transfer: flow.transfer}, i); flow.reg(after, reg).same(val{kind: vEntry, reg: reg}) {
				continue // puts g back
			}
			r.c.Report(Diag{File: r.f, Fn: r.fn, Pos: e.Pos, Msg: fmt.Sprintf(
				"%s writes %s, the g register, with something other than g: Go code, the signal handler and the runtime read the current goroutine "+
					"from it at any time%s, and only the runtime "+
					"switches goroutines; use another register, or save g and restore it before anything can observe it", e.Op(), x.Reg, sourceNote(x.Source))})
		}
	}
}

// gWords reports the first WORD of the function whose instruction
// (arm64, decoded) writes g other than by loading it back from the stack,
// as a C epilogue restores what its prologue saved: code translated from C
// (c2goasm, asm2plan9s) that keeps a value in x28 clobbers g for a signal
// handler to find (apache/arrow-go's _unpack32_neon, fixed by arrow-go
// #1300). Its value cannot be followed through WORDs: one report a
// function.
func (r *reservedRun) gWords(x abi.FixedReg, reg frame.Reg) {
	for i := range r.fn.Insts {
		if w := r.wordWrites(i, reg); w != "" {
			r.c.Report(Diag{File: r.f, Fn: r.fn, Pos: r.fn.Inst(i).Pos, Msg: fmt.Sprintf(
				"%s writes %s, the g register: Go code, the signal handler and the runtime read the current goroutine from it at any time%s, "+
					"and a profiling signal that arrives while it holds another value crashes the program; use another register "+
					"(code translated from C must be told to leave x28 alone), or save g and restore it before anything can observe it",
				w, x.Reg, sourceNote(x.Source))})
			return
		}
	}
}

// wordWrites describes instruction i, an arm64 WORD reachable from the entry whose
// instruction writes reg other than by a load from the stack ("WORD
// $0xaa0e03fc (mov x28, x14)"), or returns "".
func (r *reservedRun) wordWrites(i int, reg frame.Reg) string {
	e := r.fn.Inst(i)
	if e.Known || reg == frame.NoReg || !r.fn.Reachable(i) {
		// Unreached WORDs are data more often than code: sonic's
		// _Digits table after its last branch decodes as adds w18, ….
		return ""
	}
	s := &r.fn.File.Stmts[e.Stmt]
	w, ok := r.fn.Arch.WordWrites(s)
	if !ok || w.Restore || !slices.Contains(w.Regs, reg) {
		return ""
	}
	return fmt.Sprintf("WORD $%#x (%s)", uint32(s.Args[0].Val), w.Text)
}

// what names instruction i for a message: its mnemonic, or a WORD with
// its instruction when that is what writes reg.
func (r *reservedRun) what(i int, reg frame.Reg) string {
	if w := r.wordWrites(i, reg); w != "" {
		return w
	}
	return r.fn.Inst(i).Op()
}

// sourceNote renders a FixedReg's Source for a message: " (source)", or
// "" without one.
func sourceNote(source string) string {
	if source == "" {
		return ""
	}
	return " (" + source + ")"
}

// closure reports reads of the closure context register (amd64 DX, arm64
// R26) before any write, in a function whose prologue checks the stack
// but that is not NEEDCTXT: when the stack grows, the prologue calls
// runtime·morestack_noctxt, which zeroes the register (runtime/asm_*.s),
// so the value read is the caller's only when the stack was big enough.
func (r *reservedRun) closure() {
	fn := r.fn
	if lay := fn.Layout(); fn.Has(frame.FlagNEEDCTXT) || !fn.FlagsOK || !lay.StackCheck || !lay.Exact && !hasKnownCall(fn) {
		return
	}
	for _, x := range r.fixed(abi.RoleClosure) {
		reg := fn.Arch.Regs.Reg(x.Reg)
		for _, i := range readsBeforeWrite(fn, reg) {
			r.c.Report(Diag{File: r.f, Fn: fn, Pos: fn.Insts[i].Pos, Msg: fmt.Sprintf(
				"%s reads %s, the closure context register, before anything writes it, but %s is not NEEDCTXT: its stack check calls "+
					"runtime·morestack_noctxt when the stack must grow, which zeroes %s (runtime/asm_%s.s), so the value read is the caller's only "+
					"on the fast path; add NEEDCTXT to the TEXT flags (textflag.h) if %s receives a closure context, else write %s before reading it",
				fn.Inst(i).Op(), x.Reg, fn.Name, x.Reg, fn.Arch.Name, fn.Name, x.Reg)})
		}
	}
}

// readsBeforeWrite returns the instructions that read reg on a path from
// the entry on which nothing wrote it.
func readsBeforeWrite(fn *frame.Func, reg frame.Reg) []int {
	p := frame.Problem[bool]{ // state: reg written on every path so far
		Entry: false,
		Join:  func(a, b bool) bool { return a && b },
		Equal: func(a, b bool) bool { return a == b },
		Transfer: func(_ int, e frame.Inst, in bool) bool {
			return in || writes(e, reg) && !e.Conditional || e.Flow == frame.FlowCall
		},
	}
	sol := frame.Forward(fn, p)
	var out []int
	for i := range fn.Insts {
		if e := fn.Inst(i); sol.Reached[i] && !sol.In[i] && reads(e, reg) {
			out = append(out, i)
		}
	}
	return out
}

// tmpState follows REGTMP: the instruction that last wrote it explicitly
// (-1 if none since the last call), and the instruction after it that
// used it behind the program's back (-1 if none).
type tmpState struct{ wrote, clobbered int32 }

// regtmp reports a value written to the assembler's temporary register
// (arm64 R27) and read after an instruction that the assembler expands
// through it: the read gets what the expansion left there.
func (r *reservedRun) regtmp() {
	fn := r.fn
	tmp := fn.Arch.Tmp
	if tmp == frame.NoReg || !writesReg(fn, tmp) {
		return
	}
	p := frame.Problem[tmpState]{
		Entry: tmpState{-1, -1},
		Join: func(a, b tmpState) tmpState {
			return tmpState{max(a.wrote, b.wrote), max(a.clobbered, b.clobbered)}
		},
		Equal: func(a, b tmpState) bool { return a == b },
		Transfer: func(i int, e frame.Inst, in tmpState) tmpState {
			switch {
			case e.Flow == frame.FlowCall:
				return tmpState{-1, -1}
			case writes(e, tmp):
				return tmpState{int32(i), -1}
			case e.Known && e.Attrs&frame.AttrUsesTmp != 0 && in.wrote >= 0 && in.clobbered < 0:
				return tmpState{in.wrote, int32(i)}
			}
			return in
		},
	}
	sol := frame.Forward(fn, p)
	name := fn.Arch.Regs.Name(tmp)
	for i := range fn.Insts {
		e := fn.Inst(i)
		st := sol.In[i]
		if !sol.Reached[i] || st.clobbered < 0 || !reads(e, tmp) {
			continue
		}
		fset := r.c.Pass.Fset
		r.c.Report(Diag{File: r.f, Fn: fn, Pos: fn.Insts[st.clobbered].Pos, Msg: fmt.Sprintf(
			"this %s is expanded by the assembler through %s (REGTMP), which destroys the value written to %s on line %d and read on line %d: "+
				"the assembler uses %s for loads and stores of symbols, large offsets and constants (cmd/internal/obj/arm64/asm7.go); "+
				"keep the value in another register",
			fn.Inst(int(st.clobbered)).Op(), name, name, fset.Position(fn.Insts[st.wrote].Pos).Line, fset.Position(e.Pos).Line, name)})
	}
}

// abiInternal checks, in an <ABIInternal> function, the registers whose
// role holds only in ABIInternal code (amd64 R14 = g, X15 = 0): at every
// return and every call to ABIInternal code they must hold g and zero,
// because the compiled caller or callee uses them without reloading
// (cmd/compile/abi-internal.md, "amd64 architecture").
func (r *reservedRun) abiInternal() {
	fn := r.fn
	if fn.ABI != "ABIInternal" {
		return
	}
	var ws []watch
	for _, x := range r.f.ABI.FixedRegs {
		reg := fn.Arch.Regs.Reg(x.Reg)
		if !x.ABIInternalOnly || reg == frame.NoReg || !writesReg(fn, reg) {
			continue
		}
		switch x.Role {
		case abi.RoleG:
			ws = append(ws, watch{reg: reg, want: val{kind: vG, size: 8}, name: x.Reg})
		case abi.RoleZero:
			ws = append(ws, watch{reg: reg, want: val{kind: vZero, size: 16}, name: x.Reg})
		}
	}
	if len(ws) == 0 {
		return
	}
	flow := newRegFlow(fn, ws)
	flow.clobbers = func(int, frame.Inst) *frame.RegSet { return nil }
	flow.solve()
	seen := map[int32]bool{}
	for i := range fn.Insts {
		e := fn.Inst(i)
		if !flow.live(i) || !r.needsFixed(e) {
			continue
		}
		for k, w := range ws {
			site := flow.sol.In[i].sites[k]
			if site < 0 || seen[site] {
				continue
			}
			seen[site] = true
			r.reportFixed(w, site, i)
		}
	}
}

// needsFixed reports whether ABIInternal's fixed registers must hold at
// e: a return, or a call or tail call to ABIInternal code.
func (r *reservedRun) needsFixed(e frame.Inst) bool {
	switch e.Flow {
	case frame.FlowReturn:
		return true
	case frame.FlowCall, frame.FlowTailCall:
		return e.Target().ABI == "ABIInternal"
	}
	return false
}

func (r *reservedRun) reportFixed(w watch, site int32, at int) {
	fn := r.fn
	what := "g"
	if w.want.kind == vZero {
		what = "zero"
	}
	e := fn.Inst(int(site))
	r.c.Report(Diag{File: r.f, Fn: fn, Pos: e.Pos, Msg: fmt.Sprintf(
		"%s overwrites %s, which ABIInternal code expects to hold %s, and it still does not at the %s on line %d: "+
			"compiled Go code uses %s as %s without reloading it (cmd/compile/abi-internal.md), so it runs with a wrong %s; "+
			"restore %s first (ABI0 code may clobber it: the ABI wrappers restore it, but an <ABIInternal> function has none)",
		e.Op(), w.name, what, flowWord(fn.Insts[at].Flow), r.c.Pass.Fset.Position(fn.Insts[at].Pos).Line, w.name, what, what, w.name)})
}

func flowWord(f frame.Flow) string {
	switch f {
	case frame.FlowCall:
		return "call"
	case frame.FlowTailCall:
		return "tail call"
	}
	return "return"
}
