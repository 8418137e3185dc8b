package asmparse

import "github.com/asmcheck/asmcheck/internal/arena"

// An Arena is memory that parses make their Files' statements, operands
// and macro expansions in, to be made again once those Files are no
// longer used. A program that parses many files one after another (the
// asmcheck command on many packages) gives the parses of one package an
// Arena (Config.Arena) and, once nothing reads their Files any more,
// calls Release and gives the Arena to the parses of another package.
// Those then write over the same memory instead of allocating: the
// garbage collector runs as often as the heap grows, and each of its
// cycles marks everything live, so memory made once and used again
// saves collections as well as allocation (docs/performance.md,
// seventeenth round).
//
// After Release, nothing of a File parsed in the Arena may be read: its
// Stmts, their Args, their Expansions. Strings read from them before
// (Stmt.Op, Operand.Text, Operand.Reg …) stay valid: they point into the
// source or memory of their own, never into the Arena. Parses may share
// an Arena concurrently; Release must not run at the same time as any of
// them.
//
// The zero Arena is ready to use.
type Arena struct {
	stmts  arena.Blocks[Stmt]
	ops    arena.Blocks[Operand]
	extras arena.Blocks[opExtra]
	mores  arena.Blocks[opMore]
	exps   arena.Blocks[Expansion]
}

// Release clears the memory the Arena has lent and takes it back for the
// next parses.
func (a *Arena) Release() {
	a.stmts.Release()
	a.ops.Release()
	a.extras.Release()
	a.mores.Release()
	a.exps.Release()
}
