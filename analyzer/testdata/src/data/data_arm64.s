#include "textflag.h"

// DATA past the end of the symbol: "initialize bounds (8 < 16)".
DATA table<>+0(SB)/8, $1
DATA table<>+8(SB)/8, $2 // want `DATA table<>\+8\(SB\)/8 writes bytes 8 to 15, past the 8 bytes that GLOBL at data_arm64.s:6 gives it`
GLOBL table<>(SB), RODATA, $8

DATA tableOK<>+0(SB)/8, $1
DATA tableOK<>+8(SB)/8, $2
GLOBL tableOK<>(SB), RODATA, $16

DATA over<>+0(SB)/8, $1
DATA over<>+4(SB)/4, $2 // want `overlaps the DATA at data_arm64.s:12 \(bytes 0 to 7\): the assembler requires`
GLOBL over<>(SB), RODATA, $16

DATA order<>+8(SB)/8, $1
DATA order<>+0(SB)/8, $2 // want `comes after DATA at higher offsets`
GLOBL order<>(SB), RODATA, $16

DATA orphan<>+0(SB)/8, $1 // want `DATA orphan<> without a GLOBL in this file: the bytes are dropped and the symbol is never defined`

// The Go declaration defines goVar; this DATA is dropped.
DATA ·goVar+0(SB)/8, $1 // want `the Go variable goVar is defined by the Go declaration.*add GLOBL ·goVar\(SB\), NOPTR, \$8`

// The GLOBL is in the other file: the go command assembles files apart.
DATA ·split+0(SB)/8, $1 // want `DATA ·split without a GLOBL in this file: its GLOBL is in data2_arm64.s:`

GLOBL noptr<>(SB), $8 // want `GLOBL noptr<> without NOPTR or RODATA: noptr<> has no Go declaration, so the linker has no pointer map`
GLOBL noptrOK<>(SB), NOPTR, $8

GLOBL ·asmOnly(SB), $8 // want `GLOBL ·asmOnly without NOPTR or RODATA: ·asmOnly has no Go declaration`

// Without DATA the Go definition of goVar2, with its type, wins.
GLOBL ·goVar2(SB), $8

DATA ·goVar3+0(SB)/8, $1
GLOBL ·goVar3(SB), $8 // want `GLOBL ·goVar3 without NOPTR or RODATA: the DATA here makes this the definition of ·goVar3`

DATA ·goPtr+0(SB)/8, $0
GLOBL ·goPtr(SB), NOPTR, $8 // want `defines the Go variable goPtr \(\*int\), which holds pointers`

GLOBL ·goRO(SB), RODATA, $8 // want `GLOBL ·goRO RODATA without DATA for the Go variable goRO`

// Read-only Go variable, as runtime·staticuint64s.
DATA ·goRO2+0(SB)/8, $1
GLOBL ·goRO2(SB), RODATA, $8

DATA ·goBig+0(SB)/8, $1
GLOBL ·goBig(SB), NOPTR, $8 // want `GLOBL ·goBig size 8, but the Go variable goBig \(\[2\]uint64\) is 16 bytes`

GLOBL textFlag<>(SB), NOPTR|NOSPLIT, $8 // want `GLOBL textFlag<>: NOSPLIT has no effect on data`

GLOBL dup<>(SB), NOPTR, $8
GLOBL dup<>(SB), NOPTR, $8 // want `GLOBL dup<> declared again \(first at data_arm64.s:\d+\): the assembler rejects it`

DATA ·twice+0(SB)/8, $1
GLOBL ·twice(SB), NOPTR, $8 // want `GLOBL ·twice with DATA is also defined, with DATA, at data2_arm64.s:6: the link fails`

TEXT ·store(SB), NOSPLIT, $0-0
	MOVD	R0, tableOK<>(SB) // want `MOVD stores to tableOK<>, which GLOBL at data_arm64.s:10 declares RODATA: the linker puts it in a read-only segment`
	MOVD	R0, noptrOK<>(SB)
	MOVD	R0, ·roPkg(SB) // want `MOVD stores to ·roPkg, which GLOBL at data2_arm64.s:\d+ declares RODATA`
	RET

// Accesses that reach past the end of a symbol touch its neighbour.
TEXT ·bounds(SB), NOSPLIT, $0-0
	FMOVQ	tableOK<>+8(SB), F0 // want `FMOVQ tableOK<>\+8\(SB\) reads 16 bytes, but tableOK<> is 16 bytes \(GLOBL at data_arm64.s:10\): bytes 16..23 lie past its end.*read at most the 8 bytes from offset 8 to its end`
	MOVD	tableOK<>-8(SB), R3 // want `MOVD tableOK<>-8\(SB\) reads 8 bytes, but tableOK<> is 16 bytes \(GLOBL at data_arm64.s:10\): bytes -8..-1 lie before its start.*correct the offset or the symbol`
	MOVD	R0, noptrOK<>+8(SB) // want `MOVD noptrOK<>\+8\(SB\) writes 8 bytes, but noptrOK<> is 8 bytes.*correct the offset or the symbol`
	MOVD	·goRead(SB), R1
	FMOVQ	·goRead(SB), F1 // want `FMOVQ ·goRead\(SB\) reads 16 bytes, but ·goRead is 8 bytes \(its Go type\)`
	RET

TEXT ·boundsOK(SB), NOSPLIT, $0-0
	FMOVQ	tableOK<>(SB), F0
	MOVD	tableOK<>+8(SB), R0
	MOVD	$tableOK<>+16(SB), R1 // the address of its end: no access
	RET

// Through a register that holds the symbol's address, moved by a
// post-index load.
TEXT ·boundsReg(SB), NOSPLIT, $0-0
	MOVD	$tableOK<>(SB), R1
	VLD1.P	16(R1), [V0.B16]
	VLD1	(R1), [V1.B16] // want `VLD1 \(R1\) reads 16 bytes at offset 16 of tableOK<> \(R1 holds tableOK<>\+16\(SB\) there\), but tableOK<> is 16 bytes \(GLOBL at data_arm64.s:10\): bytes 16..31 lie past its end`
	RET

TEXT ·boundsRegOK(SB), NOSPLIT, $0-8
	MOVD	$tableOK<>(SB), R1
	VLD1	(R1), [V0.B16]
	MOVD	n+0(FP), R2
loop:
	MOVD.P	8(R1), R3 // R1 moves in the loop: not known here
	SUBS	$1, R2
	BNE	loop
	RET
