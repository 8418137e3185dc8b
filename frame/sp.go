package frame

// An SPState is what is known about the hardware stack pointer before an
// instruction, relative to its value after the prologue.
type SPState struct {
	// Known reports whether Delta is known.
	Known bool
	// Delta is SP minus SP-after-prologue (negative when the body has
	// pushed or allocated).
	Delta int64
	// Align is the alignment SP is known to have beyond what Delta says,
	// after an AND $~(n-1), SP (0 if none).
	Align int64
	// FPStale reports whether, on some path to here, SP changed in a way
	// the assembler does not correct name+off(FP) and name-off(SP)
	// offsets for (see SPChange), so that they no longer address what
	// they name.
	FPStale bool
	// Conflict reports whether two paths joined here with different
	// known deltas.
	Conflict bool
}

// SPProblem is the dataflow problem that tracks the manual SP delta along
// every path of a function of arch a: PUSH/POP, ADD/SUB of constants,
// write-back addressing, AND-alignment, and unknown writes.
func SPProblem(arch *Arch) Problem[SPState] {
	return Problem[SPState]{
		Entry: SPState{Known: true},
		Join: func(a, b SPState) SPState {
			out := SPState{FPStale: a.FPStale || b.FPStale, Conflict: a.Conflict || b.Conflict}
			switch {
			case a.Known && b.Known && a.Delta == b.Delta:
				out.Known, out.Delta = true, a.Delta
				out.Align = min(a.Align, b.Align)
			case a.Known && b.Known:
				out.Conflict = true
			}
			return out
		},
		Equal: func(a, b SPState) bool { return a == b },
		Transfer: func(_ int, e *Effect, in SPState) SPState {
			return in.Step(arch, e)
		},
	}
}

// Step returns the state after e.
func (s SPState) Step(arch *Arch, e *Effect) SPState {
	sp := e.SP
	if sp.Kind != SPNone && !(sp.Tracked && arch.FPFollowsSP) {
		s.FPStale = true
	}
	switch sp.Kind {
	case SPDelta:
		s.Delta += sp.Delta
		if s.Align > 0 && sp.Delta%s.Align != 0 {
			s.Align = 0
		}
	case SPAlign:
		s.Known = false
		s.Align = sp.Align
	case SPUnknown:
		s.Known, s.Align = false, 0
	}
	return s
}

// SP solves the stack-pointer problem for fn.
func (fn *Func) SP() *Solution[SPState] {
	return Forward(fn, SPProblem(fn.Arch))
}
