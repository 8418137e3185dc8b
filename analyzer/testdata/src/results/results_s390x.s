#include "textflag.h"

TEXT ·missing(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R1
	RET                     // want `\[s390x\] missing: RET without writing to 8-byte ret\+8\(FP\) \(int64\)`

TEXT ·missingOK(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R1
	MOVD R1, ret+8(FP)
	RET

TEXT ·somePaths(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R1
	CMPBEQ R1, $0, zero
	MOVD R1, r+8(FP)
	RET
zero:
	RET                     // want `RET without writing to 8-byte r\+8\(FP\)`

TEXT ·somePathsOK(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R1
	CMPBEQ R1, $0, zero
	MOVD R1, r+8(FP)
	RET
zero:
	MOVD $0, r+8(FP)
	RET

TEXT ·two(SB), NOSPLIT, $0-5
	MOVD $1, R1
	MOVW R1, a+0(FP)
	RET                     // want `RET without writing to 1-byte b\+4\(FP\) \(bool\)`

TEXT ·twoOK(SB), NOSPLIT, $0-5
	MOVD $1, R1
	MOVW R1, a+0(FP)
	MOVB R1, b+4(FP)
	RET

// A tail call leaves the results to the function it jumps to.
TEXT ·tail(SB), NOSPLIT, $0-16
	BR ·missingOK(SB)

// An address taken in the result area may be written through.
TEXT ·viaAddr(SB), NOSPLIT, $0-8
	MOVD $r+0(FP), R2
	MOVD $0, (R2)
	RET

TEXT ·internal<ABIInternal>(SB), NOSPLIT, $0
	MOVD $1, R1
	RET                     // want `RET without writing to result register R2`

TEXT ·internalOK<ABIInternal>(SB), NOSPLIT, $0
	MOVD $1, R2
	RET
