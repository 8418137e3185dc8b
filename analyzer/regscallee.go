package analyzer

import (
	"fmt"
	"go/token"
	"slices"
	"strconv"
	"strings"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/frame"
)

// runCalleeSaved checks that functions entered from C give C's
// callee-saved registers back as they found them.
func runCalleeSaved(c *Check) {
	var rc *regCtx
	c.EachFunc(func(f *File, fn *frame.Func) {
		if rc == nil {
			rc = newRegCtx(c)
		}
		why := rc.entries[fn]
		if why == "" || f.ABI == nil || !fn.Arch.Complete || !fn.Arch.XlogueModeled() {
			// Elsewhere the tables do not say every register an
			// instruction writes, nor what the prologue writes.
			return
		}
		cabi := f.ABI.CABIFor(f.File.GOOS)
		if cabi == nil {
			return
		}
		cs := &calleeSavedRun{rc: rc, f: f, fn: fn, cabi: cabi, why: why}
		cs.run()
	})
}

// A calleeSavedRun checks one entry from C.
type calleeSavedRun struct {
	rc   *regCtx
	f    *File
	fn   *frame.Func
	cabi *abi.CABI
	why  string
	flow *regFlow
	x    frame.Xlogue
	// problems by clobber site: the watches not given back, and the
	// first return they reach.
	sites map[int32]*siteProblem
	order []int32
}

// A siteProblem is what one clobbering instruction leaves unrestored.
type siteProblem struct {
	regs     []int // watch indexes
	saved    []bool
	ret      int // the first return reached (instruction index)
	epilogue string
}

// watches returns the callee-saved registers of the C ABI, the frame
// pointer left out (the framepointer check follows it in every function).
func calleeSavedWatches(a *frame.Arch, cabi *abi.CABI) []watch {
	var out []watch
	add := func(name string, size uint8) {
		r := a.Regs.Reg(name)
		if r == frame.NoReg || r == a.FP {
			return
		}
		out = append(out, watch{reg: r, want: val{kind: vEntry, reg: r, size: size}, name: name})
	}
	for _, name := range cabi.CalleeSaved {
		add(name, uint8(a.ABI.RegSize))
	}
	for _, name := range cabi.CalleeSavedFloat {
		add(name, uint8(cabi.FloatSavedBits/8))
	}
	return out
}

func (cs *calleeSavedRun) run() {
	fn := cs.fn
	cs.x = fn.Xlogue()
	cs.flow = newRegFlow(fn, calleeSavedWatches(fn.Arch, cs.cabi))
	cs.flow.clobbers = func(_ int, e frame.Inst) *frame.RegSet { return cs.rc.callClobbers(cs.f, fn, e) }
	cs.flow.seed = func(s *flowState) {
		for _, cl := range cs.x.Prologue {
			cs.flow.put(s, cl.Reg, val{})
		}
	}
	cs.flow.solve()
	cs.sites = map[int32]*siteProblem{}
	sol := cs.flow.sol
	for i := range fn.Insts {
		e := fn.Inst(i)
		if !cs.flow.live(i) {
			continue
		}
		switch {
		case e.Flow == frame.FlowReturn:
			cs.atReturn(i, sol.In[i], e.Attrs&frame.AttrEpilogue != 0)
		case e.Flow == frame.FlowTailCall && cs.rc.isCEntryTarget(fn, e):
			cs.atReturn(i, sol.In[i], e.Attrs&frame.AttrEpilogue != 0)
		}
	}
	for _, site := range cs.order {
		cs.report(site, cs.sites[site])
	}
	if cs.x.FPComputed && cs.returns() {
		cs.rc.c.Report(Diag{File: cs.f, Fn: fn, Pos: fn.Pos(), Msg: fmt.Sprintf(
			"%s is entered from C (%s) but returns with R29 recomputed, not restored: the epilogue of a leaf with a frame is ADD $autosize-8, RSP, R29 "+
				"(cmd/internal/obj/arm64/obj7.go), which is the caller's frame pointer only for Go callers; C's R29 is callee-saved (%s). "+
				"Make the function NOFRAME and save what it needs by hand, or give it a frame it opens with a call", fn.Name, cs.why, cs.cabi.Name)})
	}
}

// returns reports whether some RET of the function is reachable.
func (cs *calleeSavedRun) returns() bool {
	for i := range cs.fn.Insts {
		if cs.fn.Insts[i].Flow == frame.FlowReturn && cs.flow.live(i) {
			return true
		}
	}
	return false
}

// atReturn records the watched registers not intact at return i.
func (cs *calleeSavedRun) atReturn(i int, s *flowState, epilogue bool) {
	for k := range cs.flow.watches {
		w := &cs.flow.watches[k]
		site := s.sites[k]
		why := ""
		if epilogue && site == noSite {
			for _, cl := range cs.x.Epilogue {
				if cl.Reg == w.reg {
					site, why = int32(i), cl.Why
				}
			}
		}
		if site == noSite {
			continue
		}
		p := cs.sites[site]
		if p == nil {
			p = &siteProblem{ret: i, epilogue: why}
			cs.sites[site] = p
			cs.order = append(cs.order, site)
		}
		if !slices.Contains(p.regs, k) {
			p.regs = append(p.regs, k)
			p.saved = append(p.saved, savedIn(s, w))
		}
	}
}

// savedIn reports whether a slot of s holds w's entry value.
func savedIn(s *flowState, w *watch) bool {
	for _, sl := range s.slots {
		if w.intact(sl.v) {
			return true
		}
	}
	return false
}

// report emits one diagnostic for the registers clobbered at site.
func (cs *calleeSavedRun) report(site int32, p *siteProblem) {
	fn := cs.fn
	pos, how := cs.describeSite(site, p)
	var notSaved, notRestored []string
	for j, k := range p.regs {
		if p.saved[j] {
			notRestored = append(notRestored, cs.flow.watches[k].name)
		} else {
			notSaved = append(notSaved, cs.flow.watches[k].name)
		}
	}
	retLine := cs.rc.c.Pass.Fset.Position(fn.Insts[p.ret].Pos).Line
	var missing []string
	if len(notSaved) > 0 {
		missing = append(missing, fmt.Sprintf("%s %s not saved before this point", andList(regRanges(notSaved)), isAre(notSaved)))
	}
	if len(notRestored) > 0 {
		missing = append(missing, fmt.Sprintf("%s %s saved but not restored from the same slot", andList(regRanges(notRestored)), isAre(notRestored)))
	}
	all := regRanges(cs.watchOrder(append(notSaved, notRestored...)))
	msg := fmt.Sprintf("%s clobbers callee-saved %s, and the return at line %d gives C a different value: %s. "+
		"%s is entered from C (%s), and %s callers expect %s preserved. "+
		"Save each register before it is first clobbered and restore it from the same slot before every return%s",
		how, andList(all), retLine, strings.Join(missing, "; "), fn.Name, cs.why, cs.cabi.Name, cs.calleeSavedList(), cs.hint())
	cs.rc.c.Report(Diag{File: cs.f, Fn: fn, Pos: pos, Msg: msg})
}

// watchOrder sorts register names in the order of the watches.
func (cs *calleeSavedRun) watchOrder(names []string) []string {
	var out []string
	for _, w := range cs.flow.watches {
		if slices.Contains(names, w.name) {
			out = append(out, w.name)
		}
	}
	return out
}

// describeSite says where and how registers were clobbered.
func (cs *calleeSavedRun) describeSite(site int32, p *siteProblem) (token.Pos, string) {
	fn := cs.fn
	switch {
	case site == siteProlog:
		var whys []string
		for _, cl := range cs.x.Prologue {
			whys = append(whys, cl.Why)
		}
		return fn.Pos(), "the prologue the assembler inserts (" + strings.Join(slices.Compact(whys), "; ") + ")"
	case p.epilogue != "":
		return fn.Insts[site].Pos, "the epilogue the assembler inserts here (" + p.epilogue + ")"
	}
	e := fn.Inst(int(site))
	switch {
	case e.Flow == frame.FlowCall:
		return e.Pos, cs.describeCall(e)
	case e.Attrs&frame.AttrUsesTmp != 0 && cs.onlyTmp(e, p):
		return e.Pos, fmt.Sprintf("this %s, which the assembler expands through REGTMP (%s),", e.Op(), fn.Arch.Regs.Name(fn.Arch.Tmp))
	}
	return e.Pos, "this " + e.Op()
}

// onlyTmp reports whether the registers of p that e clobbers are the
// assembler's temporary and not written by e itself.
func (cs *calleeSavedRun) onlyTmp(e frame.Inst, p *siteProblem) bool {
	for _, k := range p.regs {
		r := cs.flow.watches[k].reg
		if r != cs.fn.Arch.Tmp {
			return false
		}
		for _, w := range e.Writes() {
			if w.Reg == r {
				return false
			}
		}
	}
	return true
}

// describeCall says what kind of code a call clobbering registers goes to.
func (cs *calleeSavedRun) describeCall(e frame.Inst) string {
	t := e.Target()
	switch {
	case cs.rc.idx.callee(cs.fn, e) != nil:
		return fmt.Sprintf("the call to %s, which writes them,", t.Sym)
	case t.Sym != "" && isGoSym(t.Sym):
		return fmt.Sprintf("the call to %s (Go code: Go has no callee-saved registers)", t.Sym)
	}
	return "this call"
}

// calleeSavedList renders the C ABI's callee-saved registers, with
// ranges: "R19-R27, g, R29 and the low 64 bits of F8-F15".
func (cs *calleeSavedRun) calleeSavedList() string {
	s := strings.Join(regRanges(cs.cabi.CalleeSaved), ", ")
	if len(cs.cabi.CalleeSavedFloat) > 0 {
		s += fmt.Sprintf(" and the low %d bits of %s", cs.cabi.FloatSavedBits, strings.Join(regRanges(cs.cabi.CalleeSavedFloat), ", "))
	}
	return s
}

// regRanges joins runs of registers with consecutive numbers: R19, R20,
// R21 → R19-R21.
func regRanges(names []string) []string {
	var out []string
	for i := 0; i < len(names); {
		p, n := splitRegNum(names[i])
		j := i + 1
		for j < len(names) {
			q, m := splitRegNum(names[j])
			if q != p || n < 0 || m != n+(j-i) {
				break
			}
			j++
		}
		if j-i > 2 {
			out = append(out, names[i]+"-"+names[j-1])
		} else {
			out = append(out, names[i:j]...)
		}
		i = j
	}
	return out
}

// splitRegNum splits "R19" into "R" and 19; n is -1 without a number.
func splitRegNum(name string) (string, int) {
	i := len(name)
	for i > 0 && name[i-1] >= '0' && name[i-1] <= '9' {
		i--
	}
	n, err := strconv.Atoi(name[i:])
	if err != nil {
		return name, -1
	}
	return name[:i], n
}

// hint names the runtime's macros that save and restore everything.
func (cs *calleeSavedRun) hint() string {
	if cs.cabi.SaveHelpers == "" {
		return ""
	}
	return " (" + cs.cabi.SaveHelpers + ")"
}

func isAre(list []string) string {
	if len(list) == 1 {
		return "is"
	}
	return "are"
}
