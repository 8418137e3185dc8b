package frame

// An SPState is what is known about the hardware stack pointer before an
// instruction, relative to its value after the prologue.
type SPState struct {
	// Delta is SP minus SP-after-prologue (negative when the body has
	// pushed or allocated).
	Delta int64
	// Tracked is the part of Delta that the assembler records in the
	// function's pc→SP table (SPChange.Tracked): what the runtime's
	// unwinder believes the SP offset is.
	Tracked int64
	// Align and Mod say that SP ≡ Mod (mod Align), whether or not Delta is
	// known; Align is a power of two, 0 when nothing is known. At entry
	// Align is the arch's StackAlign (the prologue keeps SP aligned); an
	// AND $~(n-1), SP sets it to n with Mod 0.
	Align, Mod int32
	// Lo and Hi bound Delta when it is not known but Bounded: SP was
	// aligned with AND $~(n-1) (which lowers it by 0 to n-1 bytes) at a
	// known Delta and moved by constants since, on every path.
	Lo, Hi int32
	// Derived is the set of registers (units below 64) that hold a value
	// computed from SP without a load since their last write.
	Derived uint64
	// Known reports whether Delta and Tracked are known.
	Known bool
	// FPStale reports whether, with Delta known, name+off(FP) and
	// name-off(SP) operands no longer address what they name: SP moved by
	// Skew bytes that the assembler does not correct their offsets for
	// (see SPChange and Arch.FPFollowsSP).
	FPStale bool
	// Conflict reports whether two paths joined here (or on the way
	// here) with different known deltas.
	Conflict bool
	// SameStack reports whether SP still points into the stack the
	// function was entered on: every write to SP so far moved it by a
	// constant, aligned it, or copied a value computed from SP without a
	// load (MOVD RSP, R1; AND $~15, R1; MOVD R1, RSP). A value loaded from
	// memory (g.sched.sp, the g0 or signal stack) ends it.
	SameStack bool
	// Bounded reports whether Lo ≤ Delta ≤ Hi holds, Delta not known.
	Bounded bool
}

// Skew returns how far name+off(FP) and name-off(SP) operands are off: the
// bytes of SP change the assembler did not correct them for (all of Delta
// on arches where FP does not follow SP; the untracked part on x86). It
// is meaningful only when s.Known.
func (s SPState) Skew(arch *Arch) int64 {
	if arch.FPFollowsSP {
		return s.Delta - s.Tracked
	}
	return s.Delta
}

// Aligned reports whether SP is known to be a multiple of n (a power of
// two), and whether it is known not to be.
func (s SPState) Aligned(n int64) (yes, no bool) {
	if int64(s.Align) < n {
		// SP mod Align is known; a non-zero residue rules out n too.
		return false, s.Mod != 0
	}
	return int64(s.Mod)%n == 0, int64(s.Mod)%n != 0
}

// Range returns the least and the greatest value Delta can have, and
// whether they are known: Delta itself when it is known, the bounds left
// by an AND-alignment (Bounded) when it is not.
func (s SPState) Range() (lo, hi int64, ok bool) {
	switch {
	case s.Known:
		return s.Delta, s.Delta, true
	case s.Bounded:
		return int64(s.Lo), int64(s.Hi), true
	}
	return 0, 0, false
}

// SPProblem is the dataflow problem that tracks the manual SP delta along
// every path of a function of arch a: PUSH/POP, ADD/SUB of constants,
// write-back addressing, AND-alignment, and unknown writes.
func SPProblem(arch *Arch) Problem[SPState] {
	arch.once.Do(arch.compile)
	return arch.spProblem // made once: its closures are not allocated per call
}

func newSPProblem(arch *Arch) Problem[SPState] {
	align := int32(arch.ABI.StackAlign)
	return Problem[SPState]{
		Entry: SPState{Known: true, Align: align, SameStack: true},
		Join:  joinSP,
		Equal: func(a, b SPState) bool { return a == b },
		Transfer: func(_ int, e Inst, in SPState) SPState {
			return in.Step(arch, e)
		},
	}
}

// joinSP merges the states of two paths.
func joinSP(a, b SPState) SPState {
	out := SPState{Conflict: a.Conflict || b.Conflict, SameStack: a.SameStack && b.SameStack, Derived: a.Derived & b.Derived}
	switch {
	case a.Known && b.Known && a.Delta == b.Delta && a.Tracked == b.Tracked:
		out.Known, out.Delta, out.Tracked = true, a.Delta, a.Tracked
		out.FPStale = a.FPStale
	case a.Known && b.Known && a.Delta != b.Delta:
		out.Conflict = true
	case a.Bounded && b.Bounded && a.Lo == b.Lo && a.Hi == b.Hi:
		// Only equal bounds are kept: widening them at each join would
		// not end on a loop that moves SP.
		out.Bounded, out.Lo, out.Hi = true, a.Lo, a.Hi
	}
	out.Align = min(a.Align, b.Align)
	for out.Align > 1 && a.Mod%out.Align != b.Mod%out.Align {
		out.Align /= 2
	}
	if out.Align <= 1 {
		out.Align = 0
	} else {
		out.Mod = a.Mod % out.Align
	}
	return out
}

// fromSP reports whether e computes its results from SP (or registers
// derived from it) without reading memory.
func (s *SPState) fromSP(arch *Arch, e Inst) bool {
	sp, found := arch.SP, false
	for _, r := range e.Reads() {
		if r.Reg == sp || r.Reg < 64 && s.Derived&(1<<r.Reg) != 0 {
			found = true
			break
		}
	}
	if !found {
		return false
	}
	for i := range e.Mem() {
		if e.Mem()[i].Read {
			return false
		}
	}
	return true
}

// stepDerived updates Derived and SameStack for e.
func (s *SPState) stepDerived(arch *Arch, e Inst) {
	if !e.Known || e.Flow == FlowCall {
		s.Derived = 0 // a call clobbers every register in Go's ABIs
		return
	}
	if len(e.Writes()) == 0 && e.SP.Kind != SPUnknown {
		return // nothing that depends on where the results come from
	}
	from := s.fromSP(arch, e)
	if e.SP.Kind == SPUnknown && !from {
		s.SameStack = false
	}
	for _, w := range e.Writes() {
		if w.Reg == arch.SP || w.Reg >= 64 {
			continue
		}
		if from {
			s.Derived |= 1 << w.Reg
		} else {
			s.Derived &^= 1 << w.Reg
		}
	}
}

// Step returns the state after e.
func (s SPState) Step(arch *Arch, e Inst) SPState {
	s.stepDerived(arch, e)
	sp := e.SP
	switch sp.Kind {
	case SPDelta:
		s.Delta += sp.Delta
		if sp.Tracked {
			s.Tracked += sp.Delta
		}
		if s.Align > 0 {
			s.Mod = int32(((int64(s.Mod)+sp.Delta)%int64(s.Align) + int64(s.Align)) % int64(s.Align))
		}
		if s.Bounded {
			s.Bounded = s.bound(int64(s.Lo)+sp.Delta, int64(s.Hi)+sp.Delta)
		}
	case SPAlign:
		// AND $~(n-1) lowers SP by at most n-1 bytes (Align is n).
		switch {
		case sp.Align <= 0:
			s.Bounded = false
		case s.Known:
			s.Bounded = s.bound(s.Delta-int64(sp.Align-1), s.Delta)
		case s.Bounded:
			s.Bounded = s.bound(int64(s.Lo)-int64(sp.Align-1), int64(s.Hi))
		}
		s.Known = false
		n := sp.Align & -sp.Align // AND $~23 clears bits 0-2 (and 4): a multiple of 8
		switch {
		case n <= 0:
		case s.Align > n:
			s.Mod &^= n - 1
		default:
			s.Align, s.Mod = n, 0
		}
	case SPUnknown:
		s.Known, s.Align, s.Mod, s.Bounded = false, 0, 0, false
	}
	if !s.Bounded {
		s.Lo, s.Hi = 0, 0
	}
	if !s.Known {
		s.Delta, s.Tracked = 0, 0
	}
	s.FPStale = s.Known && s.Skew(arch) != 0
	return s
}

// bound sets Lo and Hi to lo and hi and reports whether they fit.
func (s *SPState) bound(lo, hi int64) bool {
	if lo < -1<<31 || hi >= 1<<31 {
		return false
	}
	s.Lo, s.Hi = int32(lo), int32(hi)
	return true
}

// SP returns the solution of the stack-pointer problem for fn, solved on
// first use and shared by every caller (which must not modify it).
func (fn *Func) SP() *Solution[SPState] {
	fn.spOnce.Do(func() { fn.sp = Forward(fn, SPProblem(fn.Arch)) })
	return fn.sp
}
