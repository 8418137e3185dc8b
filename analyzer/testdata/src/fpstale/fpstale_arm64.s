#include "textflag.h"

// arm64 tracks SUB $16, RSP for tracebacks, but x+0(FP) stays 8(RSP).
TEXT ·stale(SB), NOSPLIT, $0-16
	SUB $16, RSP
	MOVD x+0(FP), R0        // want `MOVD x\+0\(FP\) with SP moved down by 16 bytes: arm64 computes name\+off\(FP\) and name-off\(SP\) from the frame size alone and never corrects them for SP changes, so this addresses the slot 16 bytes below x\+0\(FP\)`
	ADD $16, RSP
	MOVD R0, ret+8(FP)
	RET

TEXT ·fresh(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R0
	SUB $16, RSP
	MOVD R0, 8(RSP)
	ADD $16, RSP
	MOVD R0, ret+8(FP)
	RET

TEXT ·staleLocal(SB), NOSPLIT, $16-0
	MOVD.W R0, -16(RSP)
	MOVD R1, a-8(SP)        // want `MOVD a-8\(SP\) with SP moved down by 16 bytes`
	MOVD.P 16(RSP), R0
	RET

TEXT ·freshLocal(SB), NOSPLIT, $16-0
	MOVD R1, a-8(SP)
	MOVD.W R0, -16(RSP)
	MOVD.P 16(RSP), R0
	RET
