#include "textflag.h"

// $16 with the saved BP at 16(SP) and the return address at 24(SP).
TEXT ·savedBP(SB), NOSPLIT, $16-8
	MOVQ x+0(FP), AX
	MOVQ AX, 16(SP)         // want `MOVQ 16\(SP\) writes the saved frame pointer \(16\(SP\) after the prologue, in a frame of 24 bytes with locals at 0..15\(SP\)\): the epilogue restores`
	RET

TEXT ·savedBPOK(SB), NOSPLIT, $16-8
	MOVQ x+0(FP), AX
	MOVQ AX, 8(SP)
	RET

TEXT ·retAddr(SB), NOSPLIT, $0-0
	MOVQ AX, 0(SP)          // want `writes the return address \(0\(SP\) after the prologue, in a frame of 0 bytes with no locals\): RET pops it`
	RET

// After PUSHQ, 0(SP) is the pushed word.
TEXT ·retAddrOK(SB), NOSPLIT, $0-0
	PUSHQ AX
	MOVQ BX, 0(SP)
	POPQ AX
	RET

TEXT ·pseudoSP(SB), NOSPLIT, $16-0
	MOVQ AX, x+0(SP)        // want `MOVQ x\+0\(SP\) writes the saved frame pointer`
	RET

TEXT ·pseudoSPOK(SB), NOSPLIT, $16-0
	MOVQ AX, x-8(SP)
	RET

TEXT ·negFP(SB), NOSPLIT, $0-0
	MOVQ AX, r-8(FP)        // want `writes the return address`
	RET

// No Go declaration: the TEXT's argument size bounds the arguments.
TEXT ·undeclared(SB), NOSPLIT, $0-8
	MOVQ AX, 8(SP)
	MOVQ AX, 16(SP)         // want `writes the argument area \(16\(SP\) .*it is the caller's frame, past the arguments`
	RET

// Data directives that decode to instructions which leave SP alone (NOP
// padding, an AVX instruction written as bytes) do not stop the check.
TEXT ·padded(SB), NOSPLIT, $16-8
	BYTE $0x0f; BYTE $0x1f; BYTE $0x00 // nopl (rax)
	LONG $0xc0fefdc5                   // vpaddd ymm0, ymm0, ymm0
	MOVQ AX, 16(SP)                    // want `MOVQ 16\(SP\) writes the saved frame pointer`
	RET

// Bytes that address memory from SP leave SP where it was too
// (golang/snappy's encodeBlock writes its table accesses so).
TEXT ·spBytes(SB), NOSPLIT, $16-8
	BYTE $0x48; BYTE $0x89; BYTE $0x04; BYTE $0x24 // mov [rsp], rax
	MOVQ AX, 16(SP)                                 // want `MOVQ 16\(SP\) writes the saved frame pointer`
	RET

TEXT ·spBytesOK(SB), NOSPLIT, $16-8
	BYTE $0x48; BYTE $0x89; BYTE $0x04; BYTE $0x24 // mov [rsp], rax
	MOVQ AX, 8(SP)
	RET

// A push written as a byte moves SP where the check cannot follow: it
// stays silent.
TEXT ·pushedByte(SB), NOSPLIT, $16-8
	BYTE $0x50 // push rax
	MOVQ AX, 16(SP)
	BYTE $0x58 // pop rax
	RET

// After ANDQ $~15, SP the stack pointer is 0 to 15 bytes lower than
// before: a store that reaches the saved BP when SP was already aligned
// corrupts it in one run of two (SP is 8-byte aligned at entry).
TEXT ·alignedStore(SB), NOSPLIT, $16-0
	MOVQ SP, R12
	ANDQ $~15, SP
	MOVOU X0, 8(SP)         // want `MOVOU 8\(SP\) writes the saved frame pointer whenever SP was already aligned when it was ANDed down`
	MOVQ R12, SP
	RET

TEXT ·alignedStoreOK(SB), NOSPLIT, $16-0
	MOVQ SP, R12
	ANDQ $~15, SP
	MOVOU X0, 0(SP)
	MOVQ R12, SP
	RET
