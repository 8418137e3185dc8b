//go:build mips64 || mips64le

#include "textflag.h"

TEXT ·missing(SB), NOSPLIT, $0-16
	MOVV x+0(FP), R1
	RET                     // want `\[mips64(le)?\] missing: RET without writing to 8-byte ret\+8\(FP\) \(int64\)`

TEXT ·missingOK(SB), NOSPLIT, $0-16
	MOVV x+0(FP), R1
	MOVV R1, ret+8(FP)
	RET

TEXT ·somePaths(SB), NOSPLIT, $0-16
	MOVV x+0(FP), R1
	BEQ R1, zero
	MOVV R1, r+8(FP)
	RET
zero:
	RET                     // want `RET without writing to 8-byte r\+8\(FP\)`

TEXT ·somePathsOK(SB), NOSPLIT, $0-16
	MOVV x+0(FP), R1
	BEQ R1, zero
	MOVV R1, r+8(FP)
	RET
zero:
	MOVV R0, r+8(FP)
	RET

TEXT ·two(SB), NOSPLIT, $0-5
	MOVV $1, R1
	MOVW R1, a+0(FP)
	RET                     // want `RET without writing to 1-byte b\+4\(FP\) \(bool\)`

TEXT ·twoOK(SB), NOSPLIT, $0-5
	MOVV $1, R1
	MOVW R1, a+0(FP)
	MOVB R1, b+4(FP)
	RET

// A tail call leaves the results to the function it jumps to.
TEXT ·tail(SB), NOSPLIT, $0-16
	JMP ·missingOK(SB)

// An address taken in the result area may be written through.
TEXT ·viaAddr(SB), NOSPLIT, $0-8
	MOVV $r+0(FP), R2
	MOVV R0, (R2)
	RET

// mips64 has no register ABI: an ABIInternal function returns its
// results in its frame, as ABI0 does.
TEXT ·internal<ABIInternal>(SB), NOSPLIT, $0
	MOVV $1, R2
	RET                     // want `RET without writing to 8-byte ret\+8\(FP\) \(int\)`

TEXT ·internalOK<ABIInternal>(SB), NOSPLIT, $0
	MOVV $1, R2
	MOVV R2, ret+8(FP)
	RET
