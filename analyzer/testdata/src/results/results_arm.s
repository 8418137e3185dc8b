#include "textflag.h"

TEXT ·missing(SB), NOSPLIT, $0-16
	MOVW x_lo+0(FP), R0
	RET                     // want `\[arm\] missing: RET without writing to 8-byte ret\+8\(FP\) \(int64\)`

TEXT ·missingOK(SB), NOSPLIT, $0-16
	MOVW x_lo+0(FP), R0
	MOVW x_hi+4(FP), R1
	MOVW R0, ret_lo+8(FP)
	MOVW R1, ret_hi+12(FP)
	RET

TEXT ·somePaths(SB), NOSPLIT, $0-16
	MOVW x_lo+0(FP), R0
	MOVW x_hi+4(FP), R1
	ORR.S R0, R1, R2
	BEQ zero
	MOVW R0, r_lo+8(FP)
	MOVW R1, r_hi+12(FP)
	RET
zero:
	RET                     // want `RET without writing to 8-byte r\+8\(FP\)`

TEXT ·somePathsOK(SB), NOSPLIT, $0-16
	MOVW x_lo+0(FP), R0
	MOVW x_hi+4(FP), R1
	ORR.S R0, R1, R2
	BEQ zero
	MOVW R0, r_lo+8(FP)
	MOVW R1, r_hi+12(FP)
	RET
zero:
	MOVW $0, R0
	MOVW R0, r_lo+8(FP)
	MOVW R0, r_hi+12(FP)
	RET

TEXT ·two(SB), NOSPLIT, $0-5
	MOVW $1, R0
	MOVW R0, a+0(FP)
	RET                     // want `RET without writing to 1-byte b\+4\(FP\) \(bool\)`

TEXT ·twoOK(SB), NOSPLIT, $0-5
	MOVW $1, R0
	MOVW R0, a+0(FP)
	MOVB R0, b+4(FP)
	RET

// A tail call leaves the results to the function it jumps to.
TEXT ·tail(SB), NOSPLIT, $0-16
	B ·missingOK(SB)

// An address taken in the result area may be written through.
TEXT ·viaAddr(SB), NOSPLIT, $0-8
	MOVW $r+0(FP), R1
	MOVW $0, R2
	MOVW R2, (R1)
	MOVW R2, 4(R1)
	RET

// arm has no register ABI: an ABIInternal function returns its results
// in its frame, as ABI0 does.
TEXT ·internal<ABIInternal>(SB), NOSPLIT, $0
	MOVW $1, R1
	RET                     // want `RET without writing to 4-byte ret\+4\(FP\) \(int\)`

TEXT ·internalOK<ABIInternal>(SB), NOSPLIT, $0
	MOVW $1, R1
	MOVW R1, ret+4(FP)
	RET
