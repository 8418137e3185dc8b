package frame

// A Problem is a forward dataflow problem over a Func's instructions with
// states of type S. Transfer must not modify its argument if S shares
// memory (return a new state instead); Join must be commutative and
// monotone so that Forward terminates.
type Problem[S any] struct {
	Entry    S
	Join     func(a, b S) S
	Equal    func(a, b S) bool
	Transfer func(i int, e *Effect, in S) S
}

// A Solution holds, for each instruction, the state before it, and
// whether it was reached from the entry at all.
type Solution[S any] struct {
	In      []S
	Reached []bool
}

// Out returns the state after instruction i.
func (s *Solution[S]) Out(fn *Func, p Problem[S], i int) S {
	return p.Transfer(i, &fn.Insts[i], s.In[i])
}

// Forward solves p over fn's CFG by iterating to a fixed point.
func Forward[S any](fn *Func, p Problem[S]) *Solution[S] {
	g := fn.CFG()
	sol := &Solution[S]{In: make([]S, len(fn.Insts)), Reached: make([]bool, len(fn.Insts))}
	if len(g.Blocks) == 0 {
		return sol
	}
	blockIn := make([]S, len(g.Blocks))
	have := make([]bool, len(g.Blocks))
	blockIn[0], have[0] = p.Entry, true
	work := []*Block{g.Blocks[0]}
	queued := make([]bool, len(g.Blocks))
	queued[0] = true
	for steps := 0; len(work) > 0 && steps < 1000*len(g.Blocks)+1000; steps++ {
		b := work[0]
		work = work[1:]
		queued[b.Index] = false
		s := blockIn[b.Index]
		for i := b.Start; i < b.End; i++ {
			sol.In[i], sol.Reached[i] = s, true
			s = p.Transfer(i, &fn.Insts[i], s)
		}
		for _, succ := range b.Succs {
			next := s
			if have[succ.Index] {
				next = p.Join(blockIn[succ.Index], s)
				if p.Equal(next, blockIn[succ.Index]) {
					continue
				}
			}
			blockIn[succ.Index], have[succ.Index] = next, true
			if !queued[succ.Index] {
				queued[succ.Index] = true
				work = append(work, succ)
			}
		}
	}
	return sol
}
