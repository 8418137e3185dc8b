package frame

// A CFG is the control-flow graph of a Func: basic blocks of consecutive
// instructions, linked by fall-through and branch edges. Calls do not end
// a block; returns, tail calls, indirect jumps and halts end it with no
// successor inside the function.
type CFG struct {
	Blocks []*Block
	// BadTargets lists instructions whose branch target is not an
	// instruction of the function (an undefined label, an n(PC) that
	// leaves the function).
	BadTargets []int
}

// A Block is a maximal run of instructions Insts[Start:End] entered only
// at Start.
type Block struct {
	Index      int
	Start, End int
	Succs      []*Block
	Preds      []*Block
}

// Last returns the index of the block's last instruction.
func (b *Block) Last() int { return b.End - 1 }

// CFG returns the control-flow graph of fn, building it on first use.
func (fn *Func) CFG() *CFG {
	if fn.cfg == nil {
		fn.cfg = buildCFG(fn)
	}
	return fn.cfg
}

// BlockOf returns the block that contains instruction i.
func (g *CFG) BlockOf(i int) *Block {
	lo, hi := 0, len(g.Blocks)
	for lo < hi {
		m := (lo + hi) / 2
		switch b := g.Blocks[m]; {
		case i < b.Start:
			hi = m
		case i >= b.End:
			lo = m + 1
		default:
			return b
		}
	}
	return nil
}

func buildCFG(fn *Func) *CFG {
	n := len(fn.Insts)
	g := &CFG{}
	if n == 0 {
		return g
	}
	leader := make([]bool, n+1)
	leader[0] = true
	targets := make([]int, n)
	for i := range fn.Insts {
		targets[i] = -1
		e := &fn.Insts[i]
		switch e.Flow {
		case FlowJump, FlowCondJump:
			if t, ok := fn.TargetOf(i); ok {
				targets[i] = t
				leader[t] = true
			} else if e.Target.Sym == "" && !e.Target.Indirect {
				// A conditional return, tail call or indirect jump
				// (ppc64 BEQ CR0, LR; BC 4,2,(CTR)) leaves the function.
				g.BadTargets = append(g.BadTargets, i)
			}
			leader[i+1] = true
		case FlowReturn, FlowTailCall, FlowIndirect, FlowHalt:
			leader[i+1] = true
		}
	}
	// The blocks, their successors and their predecessors are each
	// allocated in one array.
	nb := 0
	for i := 1; i <= n; i++ {
		if leader[i] || i == n {
			nb++
		}
	}
	blocks := make([]Block, nb)
	g.Blocks = make([]*Block, nb)
	start := 0
	for i, k := 1, 0; i <= n; i++ {
		if leader[i] || i == n {
			blocks[k] = Block{Index: k, Start: start, End: i}
			g.Blocks[k] = &blocks[k]
			start = i
			k++
		}
	}
	// Successors: the branch target, then the next block (once).
	succs := make([]*Block, 0, 2*nb)
	npred := make([]int32, nb)
	for _, b := range g.Blocks {
		i := b.Last()
		e := &fn.Insts[i]
		k := len(succs)
		if t := targets[i]; t >= 0 {
			succs = append(succs, g.BlockOf(t))
		}
		if !e.Flow.Terminates() && b.End < n {
			if next := g.BlockOf(b.End); len(succs) == k || succs[k] != next {
				succs = append(succs, next)
			}
		}
		if len(succs) > k {
			b.Succs = succs[k:len(succs):len(succs)]
		}
		for _, s := range b.Succs {
			npred[s.Index]++
		}
	}
	// Predecessors, in the order of the blocks they come from.
	preds := make([]*Block, len(succs))
	off := 0
	for _, b := range g.Blocks {
		if np := int(npred[b.Index]); np > 0 {
			b.Preds = preds[off : off : off+np]
			off += np
		}
	}
	for _, b := range g.Blocks {
		for _, s := range b.Succs {
			s.Preds = append(s.Preds, b)
		}
	}
	return g
}

// FallsOffEnd reports whether control can run past the last instruction of
// fn, and returns the index of the last instruction on such a path.
func (fn *Func) FallsOffEnd() (int, bool) {
	g := fn.CFG()
	if len(g.Blocks) == 0 {
		return -1, false
	}
	reach := fn.Reachable()
	last := g.Blocks[len(g.Blocks)-1]
	i := last.Last()
	if !reach[last.Index] || fn.Insts[i].Flow.Terminates() {
		return i, false
	}
	return i, true
}

// Reachable reports, for each block, whether it can be reached from entry.
func (fn *Func) Reachable() []bool {
	g := fn.CFG()
	seen := make([]bool, len(g.Blocks))
	if len(g.Blocks) == 0 {
		return seen
	}
	stack := []*Block{g.Blocks[0]}
	seen[0] = true
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, s := range b.Succs {
			if !seen[s.Index] {
				seen[s.Index] = true
				stack = append(stack, s)
			}
		}
	}
	return seen
}
