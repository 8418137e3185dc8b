// Package frame models what assembly instructions do and what the
// assembler adds around them.
//
// Each instruction lowers to an Effect: the registers it reads and writes
// (with aliasing: AL is part of AX, F8 is part of V8), its memory operands
// (base SP/pseudo-SP/FP/SB/register, offset, width, read or write), its
// change to the stack pointer, and where control goes next. Checks read
// Effects, never mnemonics, so the same check runs on effects lowered from
// source text (Lower) and, later, from the machine code the assembler
// emits. Each architecture is one file with its register model and a
// table of instruction forms (amd64.go, arm64.go, …); an instruction the
// table does not know lowers to an Effect with Known false, and checks
// say less about it rather than guess.
//
// An Effect holds no pointer: a file's Effects are one array the garbage
// collector does not scan, and their operands and targets are arrays of
// the file that each Func refers to. Checks read an instruction through
// fn.Inst(i), which gives the Effect's fields and its operands (Reads,
// Writes, Mem, Target, Op).
//
// Funcs splits a parsed file into TEXT blocks; a Func has a CFG and the
// generic Forward dataflow solver runs problems over it.
package frame
