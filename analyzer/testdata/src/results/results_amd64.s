#include "textflag.h"

TEXT ·missing(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	RET                     // want `RET without writing to 8-byte ret\+8\(FP\) \(int64\)`

TEXT ·missingOK(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	MOVQ AX, ret+8(FP)
	RET

TEXT ·somePaths(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	CMPQ AX, $0
	JEQ zero
	MOVQ AX, r+8(FP)
	RET
zero:
	RET                     // want `RET without writing to 8-byte r\+8\(FP\)`

TEXT ·somePathsOK(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	CMPQ AX, $0
	JEQ zero
	MOVQ AX, r+8(FP)
	RET
zero:
	MOVQ $0, r+8(FP)
	RET

TEXT ·two(SB), NOSPLIT, $0-5
	MOVL $1, a+0(FP)
	RET                     // want `RET without writing to 1-byte b\+4\(FP\) \(bool\)`

TEXT ·twoOK(SB), NOSPLIT, $0-5
	MOVL $1, a+0(FP)
	MOVB $1, b+4(FP)
	RET

// A tail call leaves the results to the function it jumps to.
TEXT ·tail(SB), NOSPLIT, $0-16
	JMP ·missingOK(SB)

// An address taken in the result area may be written through.
TEXT ·viaAddr(SB), NOSPLIT, $0-8
	LEAQ r+0(FP), DI
	MOVQ $0, (DI)
	RET

TEXT ·internal<ABIInternal>(SB), NOSPLIT, $0
	MOVQ $1, BX
	RET                     // want `RET without writing to result register AX`

TEXT ·internalOK<ABIInternal>(SB), NOSPLIT, $0
	MOVQ $1, AX
	RET

// A zero-size result needs no store.
TEXT ·empty(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	MOVQ AX, n+8(FP)
	RET

// The error path returns -1 and leaves the other result undefined, as
// Go's convention allows; but a pointer result must always be written,
// or the GC scans the garbage left in it.
TEXT ·errorPath(SB), NOSPLIT, $0-24
	MOVQ x+0(FP), AX
	CMPQ AX, $0
	JLT bad
	MOVQ AX, n+8(FP)
	MOVQ $0, p+16(FP)
	RET
bad:
	MOVQ $-1, n+8(FP)
	RET                     // want `RET without writing to 8-byte p\+16\(FP\) \(\*byte\)`

TEXT ·errorPathOK(SB), NOSPLIT, $0-24
	MOVQ x+0(FP), AX
	CMPQ AX, $0
	JLT bad
	MOVQ AX, n+8(FP)
	MOVQ AX, used+16(FP)
	RET
bad:
	MOVQ $-1, n+8(FP)
	RET

// The same result missing at two RETs: one report, at the first.
TEXT ·twoRETs(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	TESTQ AX, AX
	JZ zero2
	RET                     // want `RET without writing to 8-byte ret\+8\(FP\) \(int64\): .*; the same at the RET on line 96`
zero2:
	RET

TEXT ·twoRETsOK(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	MOVQ AX, ret+8(FP)
	TESTQ AX, AX
	JZ zero3
	RET
zero3:
	RET

// A pointer into the frame that is only read through cannot have
// written the results: ret is never written.
TEXT ·spReadBad(SB), NOSPLIT, $16-16
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	LEAQ 0(SP), SI
	MOVQ (SI), AX
	RET // want `RET without writing to 8-byte ret\+8\(FP\) \(int64\)`

// Stored through, it may have (40(SI) is ret+8(FP) here): not reported.
TEXT ·spStoreOK(SB), NOSPLIT, $16-16
	MOVQ x+0(FP), AX
	LEAQ 0(SP), SI
	MOVQ AX, 40(SI)
	RET

// AVX written as LONGs (vmovdqu ymm0, [rax]) names no SP: it cannot
// have written the result.
TEXT ·avxLongBad(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	LONG $0x006ffec5
	RET // want `RET without writing to 8-byte ret\+8\(FP\) \(int64\)`

// Bytes that store through SP (mov [rsp+16], rax) may have.
TEXT ·spBytesOK(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	BYTE $0x48; BYTE $0x89; BYTE $0x44; BYTE $0x24; BYTE $0x10
	RET
