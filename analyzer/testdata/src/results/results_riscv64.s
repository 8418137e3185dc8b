#include "textflag.h"

TEXT ·missing(SB), NOSPLIT, $0-16
	MOV x+0(FP), T0
	RET                     // want `\[riscv64\] missing: RET without writing to 8-byte ret\+8\(FP\) \(int64\)`

TEXT ·missingOK(SB), NOSPLIT, $0-16
	MOV x+0(FP), T0
	MOV T0, ret+8(FP)
	RET

TEXT ·somePaths(SB), NOSPLIT, $0-16
	MOV x+0(FP), T0
	BEQZ T0, zero
	MOV T0, r+8(FP)
	RET
zero:
	RET                     // want `RET without writing to 8-byte r\+8\(FP\)`

TEXT ·somePathsOK(SB), NOSPLIT, $0-16
	MOV x+0(FP), T0
	BEQZ T0, zero
	MOV T0, r+8(FP)
	RET
zero:
	MOV ZERO, r+8(FP)
	RET

TEXT ·two(SB), NOSPLIT, $0-5
	MOV $1, T0
	MOVW T0, a+0(FP)
	RET                     // want `RET without writing to 1-byte b\+4\(FP\) \(bool\)`

TEXT ·twoOK(SB), NOSPLIT, $0-5
	MOV $1, T0
	MOVW T0, a+0(FP)
	MOVB T0, b+4(FP)
	RET

// A tail call leaves the results to the function it jumps to.
TEXT ·tail(SB), NOSPLIT, $0-16
	JMP ·missingOK(SB)

// An address taken in the result area may be written through.
TEXT ·viaAddr(SB), NOSPLIT, $0-8
	MOV $r+0(FP), T1
	MOV ZERO, (T1)
	RET

TEXT ·internal<ABIInternal>(SB), NOSPLIT, $0
	MOV $1, T0
	RET                     // want `RET without writing to result register X10`

TEXT ·internalOK<ABIInternal>(SB), NOSPLIT, $0
	MOV $1, X10
	RET
