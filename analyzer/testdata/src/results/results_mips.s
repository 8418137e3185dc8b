#include "textflag.h"

TEXT ·missing(SB), NOSPLIT, $0-16
	MOVW x_lo+4(FP), R1
	RET                     // want `\[mips\] missing: RET without writing to 8-byte ret\+8\(FP\) \(int64\)`

TEXT ·missingOK(SB), NOSPLIT, $0-16
	MOVW x_lo+4(FP), R1
	MOVW x_hi+0(FP), R2
	MOVW R1, ret_lo+12(FP)
	MOVW R2, ret_hi+8(FP)
	RET

TEXT ·somePaths(SB), NOSPLIT, $0-16
	MOVW x_lo+4(FP), R1
	MOVW x_hi+0(FP), R2
	OR R1, R2, R3
	BEQ R3, zero
	MOVW R1, r_lo+12(FP)
	MOVW R2, r_hi+8(FP)
	RET
zero:
	RET                     // want `RET without writing to 8-byte r\+8\(FP\)`

TEXT ·somePathsOK(SB), NOSPLIT, $0-16
	MOVW x_lo+4(FP), R1
	MOVW x_hi+0(FP), R2
	OR R1, R2, R3
	BEQ R3, zero
	MOVW R1, r_lo+12(FP)
	MOVW R2, r_hi+8(FP)
	RET
zero:
	MOVW R0, r_lo+12(FP)
	MOVW R0, r_hi+8(FP)
	RET

TEXT ·two(SB), NOSPLIT, $0-5
	MOVW $1, R1
	MOVW R1, a+0(FP)
	RET                     // want `RET without writing to 1-byte b\+4\(FP\) \(bool\)`

TEXT ·twoOK(SB), NOSPLIT, $0-5
	MOVW $1, R1
	MOVW R1, a+0(FP)
	MOVB R1, b+4(FP)
	RET

// A tail call leaves the results to the function it jumps to.
TEXT ·tail(SB), NOSPLIT, $0-16
	JMP ·missingOK(SB)

// An address taken in the result area may be written through.
TEXT ·viaAddr(SB), NOSPLIT, $0-8
	MOVW $r+0(FP), R1
	MOVW R0, (R1)
	MOVW R0, 4(R1)
	RET

// mips has no register ABI: an ABIInternal function returns its results
// in its frame, as ABI0 does.
TEXT ·internal<ABIInternal>(SB), NOSPLIT, $0
	MOVW $1, R2
	RET                     // want `RET without writing to 4-byte ret\+4\(FP\) \(int\)`

TEXT ·internalOK<ABIInternal>(SB), NOSPLIT, $0
	MOVW $1, R2
	MOVW R2, ret+4(FP)
	RET
