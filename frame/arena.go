package frame

import "github.com/asmcheck/asmcheck/internal/arena"

// An Arena is memory that FuncsIn makes Funcs in — the Funcs, their
// Effects and operands, their labels and CFGs — to be made again once
// those Funcs are no longer used, as asmparse.Arena is for the parse: a
// program that lowers the files of many packages one after another
// gives the lowering of each package an Arena and calls Release when it
// is done with the package's Funcs.
//
// After Release, nothing of a Func made in the Arena may be used: not the
// Func, its Effects, its CFG, nor the slices their methods return. The lowerings
// of several files may share an Arena concurrently; Release must not run
// at the same time as any of them.
//
// The zero Arena is ready to use.
type Arena struct {
	funcs     arena.Blocks[Func]
	ptrs      arena.Blocks[*Func]
	insts     arena.Blocks[Effect]
	labels    arena.Blocks[label]
	reads     arena.Blocks[RegRef]
	writes    arena.Blocks[RegRef]
	mems      arena.Blocks[Mem]
	targets   arena.Blocks[Target]
	names     arena.Blocks[string]
	cfgs      arena.Blocks[CFG]
	blocks    arena.Blocks[Block]
	blockPtrs arena.Blocks[*Block] // the CFGs' blocks and edges
}

// Release clears the memory the Arena has lent and takes it back for the
// next lowerings.
func (a *Arena) Release() {
	a.funcs.Release()
	a.ptrs.Release()
	a.insts.Release()
	a.labels.Release()
	a.reads.Release()
	a.writes.Release()
	a.mems.Release()
	a.targets.Release()
	a.names.Release()
	a.cfgs.Release()
	a.blocks.Release()
	a.blockPtrs.Release()
}
