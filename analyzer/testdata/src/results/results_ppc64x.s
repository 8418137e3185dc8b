//go:build ppc64 || ppc64le

#include "textflag.h"

TEXT ·missing(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R3
	RET                     // want `\[ppc64(le)?\] missing: RET without writing to 8-byte ret\+8\(FP\) \(int64\)`

TEXT ·missingOK(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R3
	MOVD R3, ret+8(FP)
	RET

TEXT ·somePaths(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R3
	CMP R3, $0
	BEQ zero
	MOVD R3, r+8(FP)
	RET
zero:
	RET                     // want `RET without writing to 8-byte r\+8\(FP\)`

TEXT ·somePathsOK(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R3
	CMP R3, $0
	BEQ zero
	MOVD R3, r+8(FP)
	RET
zero:
	MOVD R0, r+8(FP)
	RET

TEXT ·two(SB), NOSPLIT, $0-5
	MOVD $1, R3
	MOVW R3, a+0(FP)
	RET                     // want `RET without writing to 1-byte b\+4\(FP\) \(bool\)`

TEXT ·twoOK(SB), NOSPLIT, $0-5
	MOVD $1, R3
	MOVW R3, a+0(FP)
	MOVB R3, b+4(FP)
	RET

// A tail call leaves the results to the function it jumps to.
TEXT ·tail(SB), NOSPLIT, $0-16
	BR ·missingOK(SB)

// An address taken in the result area may be written through.
TEXT ·viaAddr(SB), NOSPLIT, $0-8
	MOVD $r+0(FP), R4
	MOVD R0, (R4)
	RET

TEXT ·internal<ABIInternal>(SB), NOSPLIT, $0
	MOVD $1, R4
	RET                     // want `RET without writing to result register R3`

TEXT ·internalOK<ABIInternal>(SB), NOSPLIT, $0
	MOVD $1, R3
	RET

// MOVDU moves R1 down by 32: the result, 40(R1) at entry, is (40+32)(R1)
// after it (purego's fakecgo call5 writes its result so).
TEXT ·viaMOVDU(SB), NOSPLIT|NOFRAME, $0-16
	MOVD x+0(FP), R3
	MOVDU R1, -32(R1)
	MOVD R3, (40+32)(R1)
	ADD $32, R1
	RET

// The same store at (32+32)(R1) lands on x, not on the result.
TEXT ·viaMOVDUWrong(SB), NOSPLIT|NOFRAME, $0-16
	MOVD x+0(FP), R3
	MOVDU R1, -32(R1)
	MOVD R3, (32+32)(R1)
	ADD $32, R1
	RET                     // want `RET without writing to 8-byte ret\+8\(FP\) \(uintptr\)`
