package analyzer

import (
	"fmt"
	"go/types"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/frame"
)

// The abiinternal check: <ABIInternal> functions read their arguments from
// registers. The caller reserves a spill slot for each register argument
// in the argument area but does not write it (cmd/compile/abi-internal.md:
// the caller "reserves spill space on the stack for all register-based
// arguments (but does not populate this space)"), and register results
// have no stack slot at all.

func runABIInternal(c *Check) {
	c.EachFunc(func(f *File, fn *frame.Func) {
		if fn.ABI != "ABIInternal" || f.ABI == nil || f.ABI.ABIInternal == nil || !fn.Arch.Complete {
			return
		}
		d := c.Pkg.DeclOf(fn)
		if d == nil {
			return
		}
		asg, err := abi.AssignABIInternal(d.Func.Type().(*types.Signature), f.ABI)
		if err != nil {
			return
		}
		(&abiRun{c: c, f: f, fn: fn, asg: asg}).run()
	})
}

// An abiRun checks one <ABIInternal> function.
type abiRun struct {
	c   *Check
	f   *File
	fn  *frame.Func
	asg *abi.Assignment
}

// spilled is the dataflow state: which spill slots (by parameter index)
// were written on every path.
type spilled uint64

func (r *abiRun) run() {
	regParams := r.regParams()
	p := frame.Problem[spilled]{
		Entry: 0,
		Join:  func(a, b spilled) spilled { return a & b },
		Equal: func(a, b spilled) bool { return a == b },
		Transfer: func(_ int, e frame.Inst, in spilled) spilled {
			return in | r.spills(e, regParams)
		},
	}
	sol := frame.Forward(r.fn, p)
	for i := range r.fn.Insts {
		if !sol.Reached[i] {
			continue
		}
		e := r.fn.Inst(i)
		for j := range e.Mem() {
			m := &e.Mem()[j]
			if m.Base != frame.BaseFP || m.Addr || !m.OffOK {
				continue
			}
			r.checkAccess(e, m, sol.In[i], regParams)
		}
	}
}

// regParams returns the register-assigned parameters with spill slots,
// by index (at most 64).
func (r *abiRun) regParams() []*abi.ArgAssignment {
	var out []*abi.ArgAssignment
	for _, a := range r.asg.Params {
		if a.InRegs() && a.SpillOffset >= 0 && len(out) < 64 {
			out = append(out, a)
		}
	}
	return out
}

// overlaps reports whether m's bytes meet the spill slot of a.
func overlaps(m *frame.Mem, a *abi.ArgAssignment) bool {
	size := int64(max(m.Size, 1))
	return m.Off < int64(a.SpillOffset+a.Size) && m.Off+size > int64(a.SpillOffset)
}

// spills returns the spill slots e writes completely (or may write
// through an address it takes: anything after it).
func (r *abiRun) spills(e frame.Inst, params []*abi.ArgAssignment) spilled {
	var s spilled
	for j := range e.Mem() {
		m := &e.Mem()[j]
		if m.Base != frame.BaseFP || !m.OffOK || !(m.Write || m.Addr) {
			continue
		}
		for k, a := range params {
			switch {
			case m.Addr && int64(a.SpillOffset+a.Size) > m.Off:
				s |= 1 << k
			case m.Write && m.Off <= int64(a.SpillOffset) && m.Off+int64(m.Size) >= int64(a.SpillOffset+a.Size):
				s |= 1 << k
			}
		}
	}
	if !e.Known {
		s = ^spilled(0)
	}
	return s
}

// checkAccess reports an FP access to a register argument's spill slot
// before it was spilled, and a store to a register result.
func (r *abiRun) checkAccess(e frame.Inst, m *frame.Mem, done spilled, params []*abi.ArgAssignment) {
	pos := memPos(r.fn, e, m)
	if m.Write {
		if a := r.asg.Lookup(e.MemName(m)); a != nil && a.Result && a.InRegs() {
			r.c.Report(Diag{File: r.f, Fn: r.fn, Pos: pos, Msg: fmt.Sprintf(
				"%s stores the result %s on the stack, but an <ABIInternal> function returns it in %s: the caller reads the register and "+
					"never looks at %s, which is outside the argument area (%d bytes) or in a spill slot (cmd/compile/abi-internal.md); "+
					"move the value to %s", e.Op(), a.Name, regList(a), e.MemText(m), r.asg.ArgSize, regList(a))})
		}
		return
	}
	if !m.Read {
		return
	}
	inSpill := false
	for k, a := range params {
		if !overlaps(m, a) {
			continue
		}
		inSpill = true
		if done&(1<<k) != 0 {
			continue
		}
		r.c.Report(Diag{File: r.f, Fn: r.fn, Pos: pos, Msg: fmt.Sprintf(
			"%s reads %s, the spill slot of %s, before anything spilled it there: %s arrives in %s, and the caller of an <ABIInternal> "+
				"function reserves the slot but does not write it (cmd/compile/abi-internal.md), so this reads stack garbage; "+
				"use %s, or store it to the slot first", e.Op(), e.MemText(m), a.Name, a.Name, regList(a), regList(a))})
		return
	}
	if a := r.asg.Lookup(e.MemName(m)); !inSpill && a != nil && !a.Result && a.InRegs() {
		r.c.Report(Diag{File: r.f, Fn: r.fn, Pos: pos, Msg: fmt.Sprintf(
			"%s reads %s from the stack, but an <ABIInternal> function receives %s in %s: offset %d is not where it is "+
				"(cmd/compile/abi-internal.md); use the register", e.Op(), e.MemText(m), a.Name, regList(a), m.Off)})
	}
}

// regList renders the registers of a: "AX" or "AX, BX".
func regList(a *abi.ArgAssignment) string {
	s := ""
	for i, p := range a.Regs {
		if i > 0 {
			s += ", "
		}
		s += p.Reg
	}
	return s
}
