#include "textflag.h"

// DATA past the end of the symbol: "initialize bounds (8 < 16)".
DATA table<>+0(SB)/8, $1
DATA table<>+8(SB)/8, $2 // want `DATA table<>\+8\(SB\)/8 writes bytes 8 to 15, past the 8 bytes that GLOBL at data_amd64.s:6 gives it`
GLOBL table<>(SB), RODATA, $8

DATA tableOK<>+0(SB)/8, $1
DATA tableOK<>+8(SB)/8, $2
GLOBL tableOK<>(SB), RODATA, $16

DATA over<>+0(SB)/8, $1
DATA over<>+4(SB)/4, $2 // want `overlaps the DATA at data_amd64.s:12 \(bytes 0 to 7\): the assembler requires`
GLOBL over<>(SB), RODATA, $16

DATA order<>+8(SB)/8, $1
DATA order<>+0(SB)/8, $2 // want `comes after DATA at higher offsets`
GLOBL order<>(SB), RODATA, $16

DATA orphan<>+0(SB)/8, $1 // want `DATA orphan<> without a GLOBL in this file: the bytes are dropped and the symbol is never defined`

// The Go declaration defines goVar; this DATA is dropped.
DATA ·goVar+0(SB)/8, $1 // want `the Go variable goVar is defined by the Go declaration.*add GLOBL ·goVar\(SB\), NOPTR, \$8`

// The GLOBL is in the other file: the go command assembles files apart.
DATA ·split+0(SB)/8, $1 // want `DATA ·split without a GLOBL in this file: its GLOBL is in data2_amd64.s:`

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
GLOBL dup<>(SB), NOPTR, $8 // want `GLOBL dup<> declared again \(first at data_amd64.s:\d+\): the assembler rejects it`

DATA ·twice+0(SB)/8, $1
GLOBL ·twice(SB), NOPTR, $8 // want `GLOBL ·twice with DATA is also defined, with DATA, at data2_amd64.s:6: the link fails`

TEXT ·store(SB), NOSPLIT, $0-0
	MOVQ	$1, tableOK<>(SB) // want `MOVQ stores to tableOK<>, which GLOBL at data_amd64.s:10 declares RODATA: the linker puts it in a read-only segment`
	MOVQ	$1, noptrOK<>(SB)
	MOVQ	$1, ·roPkg(SB) // want `MOVQ stores to ·roPkg, which GLOBL at data2_amd64.s:\d+ declares RODATA`
	RET

// Accesses that reach past the end of a symbol touch its neighbour.
TEXT ·bounds(SB), NOSPLIT, $0-0
	VMOVDQU	tableOK<>(SB), Y0 // want `VMOVDQU tableOK<>\(SB\) reads 32 bytes, but tableOK<> is 16 bytes \(GLOBL at data_amd64.s:10\): bytes 16..31 lie past its end, so the load takes in whatever the linker places next to it.*make tableOK<> 32 bytes`
	MOVQ	tableOK<>-8(SB), BX // want `MOVQ tableOK<>-8\(SB\) reads 8 bytes, but tableOK<> is 16 bytes \(GLOBL at data_amd64.s:10\): bytes -8..-1 lie before its start.*correct the offset or the symbol`
	MOVQ	tableOK<>+16(SB), AX // want `bytes 16..23 lie past its end.*correct the offset or the symbol`
	MOVOU	X0, noptrOK<>(SB) // want `MOVOU noptrOK<>\(SB\) writes 16 bytes, but noptrOK<> is 8 bytes \(GLOBL at data_amd64.s:\d+\): bytes 8..15 lie past its end, so the store overwrites`
	MOVOU	·goRead(SB), X1 // want `MOVOU ·goRead\(SB\) reads 16 bytes, but ·goRead is 8 bytes \(its Go type\)`
	VZEROUPPER
	RET

TEXT ·boundsOK(SB), NOSPLIT, $0-0
	MOVOU	tableOK<>(SB), X0
	MOVQ	tableOK<>+8(SB), AX
	LEAQ	tableOK<>+16(SB), BX // the address of its end: no access
	MOVQ	tableOK<>(SB)(CX*8), AX // an index: not known
	MOVQ	·goRead(SB), AX
	RET

// Through a register that holds the symbol's address.
TEXT ·boundsReg(SB), NOSPLIT, $0-0
	LEAQ	tableOK<>+8(SB), R8
	MOVQ	-8(R8), AX
	MOVOU	(R8), X0 // want `MOVOU \(R8\) reads 16 bytes at offset 8 of tableOK<> \(R8 holds tableOK<>\+8\(SB\) there\), but tableOK<> is 16 bytes \(GLOBL at data_amd64.s:10\): bytes 16..23 lie past its end`
	RET

TEXT ·boundsRegOK(SB), NOSPLIT, $0-8
	LEAQ	tableOK<>(SB), R8
	MOVOU	(R8), X0
	MOVQ	n+0(FP), CX
loop:
	MOVQ	(R8), AX // R8 moves in the loop: not known here
	ADDQ	$8, R8
	DECQ	CX
	JNE	loop
	LEAQ	tableOK<>(SB), R9
	CALL	·store(SB)
	MOVOU	8(R9), X1 // after a call, R9 is not known
	RET
