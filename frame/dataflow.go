package frame

import "sync"

// A Problem is a forward dataflow problem over a Func's instructions with
// states of type S. Transfer must not modify its argument if S shares
// memory (return a new state instead); Join must be commutative and
// monotone so that Forward terminates.
type Problem[S any] struct {
	Entry    S
	Join     func(a, b S) S
	Equal    func(a, b S) bool
	Transfer func(i int, e Inst, in S) S
}

// A Solution holds, for each instruction, the state before it, and
// whether it was reached from the entry at all. Reached is the same for
// every problem solved over a Func and may be shared between their
// Solutions: it must not be modified.
type Solution[S any] struct {
	In      []S
	Reached []bool
}

// Out returns the state after instruction i.
func (s *Solution[S]) Out(fn *Func, p Problem[S], i int) S {
	return p.Transfer(i, fn.Inst(i), s.In[i])
}

// Forward solves p over fn's CFG by iterating to a fixed point.
//
// Blocks are visited in first-in first-out order from the entry. The
// state on entry to a block is kept in In of its first instruction.
func Forward[S any](fn *Func, p Problem[S]) *Solution[S] {
	g := fn.CFG()
	sol := &Solution[S]{In: make([]S, len(fn.Insts))}
	nb := len(g.Blocks)
	if nb == 0 {
		sol.Reached = make([]bool, len(fn.Insts))
		return sol
	}
	w := getWorklist(nb)
	defer worklistPool.Put(w)
	flags, ring := w.flags, w.ring
	const (
		have   = 1 // the block has an entry state
		queued = 2 // the block is in ring
		done   = 4 // the block was visited
	)
	sol.In[0], flags[0] = p.Entry, have|queued
	ring[0] = 0
	head, count := 0, 1
	for steps := 0; count > 0 && steps < 1000*nb+1000; steps++ {
		b := g.Blocks[ring[head]]
		if head++; head == nb {
			head = 0
		}
		count--
		flags[b.Index] = flags[b.Index]&^queued | done
		s := sol.In[b.Start]
		s = p.Transfer(b.Start, fn.Inst(b.Start), s)
		for i := b.Start + 1; i < b.End; i++ {
			sol.In[i] = s
			s = p.Transfer(i, fn.Inst(i), s)
		}
		for _, succ := range b.Succs {
			k := succ.Index
			in := &sol.In[succ.Start]
			if flags[k]&have != 0 {
				next := p.Join(*in, s)
				if p.Equal(next, *in) {
					continue
				}
				*in = next
			} else {
				*in = s
				flags[k] |= have
			}
			if flags[k]&queued == 0 {
				flags[k] |= queued
				t := head + count
				if t >= nb {
					t -= nb
				}
				ring[t] = int32(k)
				count++
			}
		}
	}
	if count == 0 {
		// Every block reachable from the entry was visited: the
		// instructions reached are those of the reachable blocks.
		sol.Reached = fn.reached()
	} else {
		// Stopped early: what was visited.
		sol.Reached = make([]bool, len(fn.Insts))
		for _, b := range g.Blocks {
			if flags[b.Index]&done != 0 {
				for i := b.Start; i < b.End; i++ {
					sol.Reached[i] = true
				}
			}
		}
	}
	return sol
}

// reached returns, for each instruction of fn, whether its block can be
// reached from the entry; it is computed once and shared.
func (fn *Func) reached() []bool {
	fn.computeReach()
	return fn.reach
}

// blocksReached returns, for each block of fn, whether it can be reached
// from the entry; it is computed once and shared.
func (fn *Func) blocksReached() []bool {
	fn.computeReach()
	return fn.blockReach
}

func (fn *Func) computeReach() {
	fn.reachOnce.Do(func() {
		g := fn.CFG()
		// One array: the blocks' flags, then the instructions'.
		all := make([]bool, len(g.Blocks)+len(fn.Insts))
		breach, r := all[:len(g.Blocks):len(g.Blocks)], all[len(g.Blocks):]
		if len(g.Blocks) > 0 {
			var stack []*Block
			if len(g.Blocks) <= 32 {
				stack = make([]*Block, 0, 32) // on the stack
			}
			stack = append(stack, g.Blocks[0])
			breach[0] = true
			for len(stack) > 0 {
				b := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for i := b.Start; i < b.End; i++ {
					r[i] = true
				}
				for _, s := range b.Succs {
					if !breach[s.Index] {
						breach[s.Index] = true
						stack = append(stack, s)
					}
				}
			}
		}
		fn.blockReach, fn.reach = breach, r
	})
}

// A worklist is Forward's scratch: flags per block and a ring of queued
// blocks (each block is queued at most once at a time).
type worklist struct {
	flags []uint8
	ring  []int32
}

var worklistPool = sync.Pool{New: func() any { return new(worklist) }}

// getWorklist returns a worklist for nb blocks, with flags cleared.
func getWorklist(nb int) *worklist {
	w := worklistPool.Get().(*worklist)
	w.flags = grow(w.flags, nb)
	w.ring = grow(w.ring, nb)
	clear(w.flags)
	return w
}
