#include "textflag.h"

TEXT ·missing(SB), NOSPLIT, $0-16
	MOVL x_lo+0(FP), AX
	RET                     // want `\[386\] missing: RET without writing to 8-byte ret\+8\(FP\) \(int64\)`

TEXT ·missingOK(SB), NOSPLIT, $0-16
	MOVL x_lo+0(FP), AX
	MOVL x_hi+4(FP), DX
	MOVL AX, ret_lo+8(FP)
	MOVL DX, ret_hi+12(FP)
	RET

TEXT ·somePaths(SB), NOSPLIT, $0-16
	MOVL x_lo+0(FP), AX
	MOVL x_hi+4(FP), DX
	MOVL AX, CX
	ORL DX, CX
	JEQ zero
	MOVL AX, r_lo+8(FP)
	MOVL DX, r_hi+12(FP)
	RET
zero:
	RET                     // want `RET without writing to 8-byte r\+8\(FP\)`

TEXT ·somePathsOK(SB), NOSPLIT, $0-16
	MOVL x_lo+0(FP), AX
	MOVL x_hi+4(FP), DX
	MOVL AX, CX
	ORL DX, CX
	JEQ zero
	MOVL AX, r_lo+8(FP)
	MOVL DX, r_hi+12(FP)
	RET
zero:
	MOVL $0, r_lo+8(FP)
	MOVL $0, r_hi+12(FP)
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
	LEAL r+0(FP), DI
	MOVL $0, (DI)
	MOVL $0, 4(DI)
	RET

// 386 has no register ABI: an ABIInternal function returns its results
// in its frame, as ABI0 does.
TEXT ·internal<ABIInternal>(SB), NOSPLIT, $0
	MOVL $1, BX
	RET                     // want `RET without writing to 4-byte ret\+4\(FP\) \(int\)`

TEXT ·internalOK<ABIInternal>(SB), NOSPLIT, $0
	MOVL $1, ret+4(FP)
	RET
