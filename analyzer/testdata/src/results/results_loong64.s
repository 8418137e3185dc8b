#include "textflag.h"

TEXT ·missing(SB), NOSPLIT, $0-16
	MOVV x+0(FP), R4
	RET                     // want `\[loong64\] missing: RET without writing to 8-byte ret\+8\(FP\) \(int64\)`

TEXT ·missingOK(SB), NOSPLIT, $0-16
	MOVV x+0(FP), R4
	MOVV R4, ret+8(FP)
	RET

TEXT ·somePaths(SB), NOSPLIT, $0-16
	MOVV x+0(FP), R4
	BEQ R4, zero
	MOVV R4, r+8(FP)
	RET
zero:
	RET                     // want `RET without writing to 8-byte r\+8\(FP\)`

TEXT ·somePathsOK(SB), NOSPLIT, $0-16
	MOVV x+0(FP), R4
	BEQ R4, zero
	MOVV R4, r+8(FP)
	RET
zero:
	MOVV R0, r+8(FP)
	RET

TEXT ·two(SB), NOSPLIT, $0-5
	MOVV $1, R4
	MOVW R4, a+0(FP)
	RET                     // want `RET without writing to 1-byte b\+4\(FP\) \(bool\)`

TEXT ·twoOK(SB), NOSPLIT, $0-5
	MOVV $1, R4
	MOVW R4, a+0(FP)
	MOVB R4, b+4(FP)
	RET

// A tail call leaves the results to the function it jumps to.
TEXT ·tail(SB), NOSPLIT, $0-16
	JMP ·missingOK(SB)

// An address taken in the result area may be written through.
TEXT ·viaAddr(SB), NOSPLIT, $0-8
	MOVV $r+0(FP), R5
	MOVV R0, (R5)
	RET

TEXT ·internal<ABIInternal>(SB), NOSPLIT, $0
	MOVV $1, R5
	RET                     // want `RET without writing to result register R4`

TEXT ·internalOK<ABIInternal>(SB), NOSPLIT, $0
	MOVV $1, R4
	RET
