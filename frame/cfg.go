package frame

import "unsafe"

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
	sc := getScratch()
	defer putScratch(sc)
	buildCFGs(unsafe.Slice(fn, 1), sc)
	return fn.cfg
}

// buildCFGs builds the CFGs of funcs, which come from one file. The CFGs,
// their blocks, the pointers to the blocks, and the blocks' successors and
// predecessors are each allocated in one array.
func buildCFGs(funcs []Func, sc *scratch) {
	ninst, maxn := 0, 0
	for k := range funcs {
		ninst += len(funcs[k].Insts)
		maxn = max(maxn, len(funcs[k].Insts))
	}
	// leader holds n+1 entries for a function of n instructions.
	sc.leader = grow(sc.leader, ninst+len(funcs))
	sc.targets = grow(sc.targets, ninst)
	clear(sc.leader)
	cfgs := make([]CFG, len(funcs))
	nb, nedge := 0, 0
	for k, off := 0, 0; k < len(funcs); k++ {
		fn := &funcs[k]
		fn.cfg = &cfgs[k]
		n := len(fn.Insts)
		if len(sc.ends) > 0 {
			// Lowered with sc: move the Effects onto finish's arrays
			// while going over them.
			sc.fix(fn.Insts, off)
		}
		b, e := fn.leaders(sc.leader[off+k:off+k+n+1], sc.targets[off:off+n])
		nb, nedge = nb+b, nedge+e
		off += n
	}
	if nb == 0 {
		return
	}
	blocks := make([]Block, nb)
	ptrs := make([]*Block, nb)
	var edges []*Block
	if nedge > 0 {
		edges = make([]*Block, 2*nedge)
	}
	sc.blockOf = grow(sc.blockOf, maxn+1)
	succs, preds := edges[:0:nedge], edges[nedge:]
	for k, off := 0, 0; k < len(funcs); k++ {
		fn := &funcs[k]
		n := len(fn.Insts)
		lead, tgt := sc.leader[off+k:off+k+n+1], sc.targets[off:off+n]
		off += n
		if n == 0 {
			continue
		}
		nfb := 0
		for _, l := range lead[1:] {
			if l {
				nfb++
			}
		}
		g := fn.cfg
		fb := blocks[:nfb:nfb]
		blocks = blocks[nfb:]
		g.Blocks = ptrs[:nfb:nfb]
		ptrs = ptrs[nfb:]
		blockOf := sc.blockOf[:n+1]
		for i, j, start := 1, 0, 0; i <= n; i++ {
			if lead[i] {
				fb[j] = Block{Index: j, Start: start, End: i}
				g.Blocks[j] = &fb[j]
				blockOf[start] = int32(j)
				start = i
				j++
			}
		}
		// Successors: the branch target, then the next block (once).
		// Preds holds only a count until the predecessors are carved.
		first := len(succs)
		for _, b := range g.Blocks {
			last := b.End - 1
			k0 := len(succs)
			t := tgt[last]
			if t >= 0 {
				succs = append(succs, g.Blocks[blockOf[t]])
			}
			if !fn.Insts[last].Flow.Terminates() && b.End < n && int(t) != b.End {
				succs = append(succs, g.Blocks[blockOf[b.End]])
			}
			if len(succs) > k0 {
				b.Succs = succs[k0:len(succs):len(succs)]
			}
		}
		// Predecessors, in the order of the blocks they come from.
		for _, s := range succs[first:] {
			s.Preds = preds[:len(s.Preds)+1]
		}
		for _, b := range g.Blocks {
			if np := len(b.Preds); np > 0 {
				b.Preds = preds[:0:np]
				preds = preds[np:]
			}
		}
		for _, b := range g.Blocks {
			for _, s := range b.Succs {
				s.Preds = append(s.Preds, b)
			}
		}
	}
}

// leaders marks in lead (n+1 entries, cleared) the instructions of fn that
// start a block, and n; sets tgt[i] to the instruction that the branch at
// i goes to, or -1; records bad targets in fn.cfg; and returns the number
// of blocks and of edges between them.
func (fn *Func) leaders(lead []bool, tgt []int32) (blocks, edges int) {
	n := len(fn.Insts)
	if n == 0 {
		return 0, 0
	}
	lead[0], lead[n] = true, true
	for i := range fn.Insts {
		tgt[i] = -1
		e := fn.Inst(i)
		switch e.Flow {
		case FlowJump, FlowCondJump:
			if t, ok := fn.TargetOf(i); ok {
				tgt[i] = int32(t)
				lead[t] = true
			} else if t := e.Target(); t.Sym == "" && !t.Indirect {
				// A conditional return, tail call or indirect jump
				// (ppc64 BEQ CR0, LR; BC 4,2,(CTR)) leaves the function.
				fn.cfg.BadTargets = append(fn.cfg.BadTargets, i)
			}
			lead[i+1] = true
		case FlowReturn, FlowTailCall, FlowIndirect, FlowHalt:
			lead[i+1] = true
		}
	}
	for i := 1; i <= n; i++ {
		if !lead[i] {
			continue
		}
		blocks++
		t := tgt[i-1]
		if t >= 0 {
			edges++
		}
		if !fn.Insts[i-1].Flow.Terminates() && i < n && int(t) != i {
			edges++
		}
	}
	return blocks, edges
}

// grow returns x with length n, reallocated if its capacity is less.
func grow[T any](x []T, n int) []T {
	if cap(x) < n {
		return make([]T, n, n+n/4)
	}
	return x[:n]
}

// FallsOffEnd reports whether control can run past the last instruction of
// fn, and returns the index of the last instruction on such a path.
func (fn *Func) FallsOffEnd() (int, bool) {
	g := fn.CFG()
	if len(g.Blocks) == 0 {
		return -1, false
	}
	reach := fn.blocksReached()
	last := g.Blocks[len(g.Blocks)-1]
	i := last.Last()
	if !reach[last.Index] || fn.Insts[i].Flow.Terminates() {
		return i, false
	}
	return i, true
}

// Reachable reports whether instruction i of fn can be reached from the
// entry (a jump through a register, or a WORD whose branch the analysis
// does not resolve, reaches nothing: what follows it is reached only by
// a known branch to a label).
func (fn *Func) Reachable(i int) bool { return fn.reached()[i] }

// BlockReachable reports whether block i of fn's CFG can be reached from
// the entry. It allocates nothing (the answer for every block is computed
// once per Func).
func (fn *Func) BlockReachable(i int) bool { return fn.blocksReached()[i] }
