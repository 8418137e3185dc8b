#include "textflag.h"

TEXT ·missing(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R0
	RET                     // want `RET without writing to 8-byte ret\+8\(FP\) \(int64\)`

TEXT ·missingOK(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R0
	MOVD R0, ret+8(FP)
	RET

TEXT ·somePaths(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R0
	CBZ R0, zero
	MOVD R0, r+8(FP)
	RET
zero:
	RET                     // want `RET without writing to 8-byte r\+8\(FP\)`

TEXT ·somePathsOK(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R0
	CBZ R0, zero
	MOVD R0, r+8(FP)
	RET
zero:
	MOVD ZR, r+8(FP)
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

TEXT ·tail(SB), NOSPLIT, $0-16
	B ·missingOK(SB)

TEXT ·viaAddr(SB), NOSPLIT, $0-8
	MOVD $r+0(FP), R1
	MOVD ZR, (R1)
	RET

TEXT ·internal<ABIInternal>(SB), NOSPLIT, $0
	MOVD $1, R1
	RET                     // want `RET without writing to result register R0`

TEXT ·internalOK<ABIInternal>(SB), NOSPLIT, $0
	MOVD $1, R0
	RET

// A zero-size result needs no store.
TEXT ·empty(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R0
	MOVD R0, n+8(FP)
	RET

// The kernel writes r and w through an address computed from RSP.
TEXT ·viaSP(SB), NOSPLIT|NOFRAME, $0-8
	ADD $8, RSP, R0
	MOVD $0, R1
	SVC $0x3b
	RET

// The error path returns -1 and leaves the other result undefined, as
// Go's convention allows; but a pointer result must always be written,
// or the GC scans the garbage left in it.
TEXT ·errorPath(SB), NOSPLIT, $0-24
	MOVD x+0(FP), R0
	CMP $0, R0
	BLT bad
	MOVD R0, n+8(FP)
	MOVD ZR, p+16(FP)
	RET
bad:
	MOVD $-1, R1
	MOVD R1, n+8(FP)
	RET                     // want `RET without writing to 8-byte p\+16\(FP\) \(\*byte\)`

TEXT ·errorPathOK(SB), NOSPLIT, $0-24
	MOVD x+0(FP), R0
	CMP $0, R0
	BLT bad
	MOVD R0, n+8(FP)
	MOVD R0, used+16(FP)
	RET
bad:
	MOVD $-1, R1
	MOVD R1, n+8(FP)
	RET

// A pointer into the frame that is only read through cannot have
// written the results: ret is never written.
TEXT ·spReadBad(SB), NOSPLIT, $16-16
	MOVD x+0(FP), R0
	MOVD R0, 8(RSP)
	MOVD RSP, R1
	MOVD 8(R1), R0
	RET // want `RET without writing to 8-byte ret\+8\(FP\) \(int64\)`

// Stored through, it may have: not reported.
TEXT ·spStoreOK(SB), NOSPLIT, $16-16
	MOVD x+0(FP), R0
	MOVD RSP, R1
	MOVD R0, 40(R1)
	RET

// NEON written as a WORD (mul v1.4s, v1.4s, v0.s[0]) names no SP: it
// cannot have written the result.
TEXT ·neonWordBad(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R0
	WORD $0x4f808021
	RET // want `RET without writing to 8-byte ret\+8\(FP\) \(int64\)`

// A WORD that stores through RSP (str x0, [sp,#16]) may have.
TEXT ·spWordOK(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R0
	WORD $0xf9000be0
	RET
