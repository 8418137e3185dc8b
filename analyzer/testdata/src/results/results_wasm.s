#include "textflag.h"

TEXT ·missing(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R0
	RET                     // want `\[wasm\] missing: RET without writing to 8-byte ret\+8\(FP\) \(int64\)`

TEXT ·missingOK(SB), NOSPLIT, $0-16
	Get SP
	I64Load x+0(FP)
	I64Store ret+8(FP)
	RET

TEXT ·somePaths(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R0
	Get R0
	I64Eqz
	If
		RET                 // want `RET without writing to 8-byte r\+8\(FP\)`
	End
	MOVD R0, r+8(FP)
	RET

TEXT ·somePathsOK(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R0
	Get R0
	I64Eqz
	If
		MOVD $0, r+8(FP)
		RET
	End
	MOVD R0, r+8(FP)
	RET

TEXT ·two(SB), NOSPLIT, $0-5
	MOVW $1, a+0(FP)
	RET                     // want `RET without writing to 1-byte b\+4\(FP\) \(bool\)`

TEXT ·twoOK(SB), NOSPLIT, $0-5
	MOVW $1, a+0(FP)
	MOVB $1, b+4(FP)
	RET

// A tail call leaves the results to the function it jumps to.
TEXT ·tail(SB), NOSPLIT, $0-16
	JMP ·missingOK(SB)

// An address taken in the result area may be written through.
TEXT ·viaAddr(SB), NOSPLIT, $0-8
	MOVD $r+0(FP), R1
	MOVD $0, 0(R1)
	RET

// wasm has no register ABI: an ABIInternal function returns its results
// in its frame, as ABI0 does.
TEXT ·internal<ABIInternal>(SB), NOSPLIT, $0
	MOVD $1, R1
	RET                     // want `RET without writing to 8-byte ret\+8\(FP\) \(int\)`

TEXT ·internalOK<ABIInternal>(SB), NOSPLIT, $0
	MOVD $1, ret+8(FP)
	RET
