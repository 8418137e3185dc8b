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
	// Untracked reports whether an SP change the assembler does not follow
	// happened on some path to here (so name+off(FP) and name-off(SP)
	// references no longer address what they name).
	Untracked bool
	// Conflict reports whether two paths joined here with different
	// known deltas.
	Conflict bool
}

// SPProblem is the dataflow problem that tracks the manual SP delta along
// every path of a function: PUSH/POP, ADD/SUB of constants, write-back
// addressing, AND-alignment, and unknown writes.
func SPProblem() Problem[SPState] {
	return Problem[SPState]{
		Entry: SPState{Known: true},
		Join: func(a, b SPState) SPState {
			out := SPState{Untracked: a.Untracked || b.Untracked, Conflict: a.Conflict || b.Conflict}
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
			return in.Step(e)
		},
	}
}

// Step returns the state after e.
func (s SPState) Step(e *Effect) SPState {
	sp := e.SP
	if sp.Kind != SPNone && !sp.Tracked {
		s.Untracked = true
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
	return Forward(fn, SPProblem())
}
