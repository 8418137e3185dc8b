#include "textflag.h"
#include "funcdata.h"

TEXT ·withLocals(SB), $16-8
	MOVD n+0(FP), R0
	MOVD R0, 8(RSP)
	BL ·grow(SB)            // want `call to ·grow with 24 bytes of locals and no locals pointer map`
	RET

TEXT ·noLocals(SB), $16-8
	NO_LOCAL_POINTERS
	MOVD n+0(FP), R0
	MOVD R0, 8(RSP)
	BL ·grow(SB)
	RET

TEXT ·callsUndeclared(SB), $16-8
	NO_LOCAL_POINTERS
	MOVD n+0(FP), R0
	MOVD R0, 8(RSP)
	BL ·undeclared(SB)
	RET

TEXT ·undeclared(SB), $8-16 // want `16 bytes of arguments without an argument pointer map`
	NO_LOCAL_POINTERS
	MOVD x+0(FP), R0
	MOVD R0, 8(RSP)
	BL ·grow(SB)
	RET

// MOVD R1, RSP is not tracked: SPWRITE.
TEXT ·spwrite(SB), NOSPLIT, $0-8
	MOVD n+0(FP), R0
	SUB $16, RSP, R1
	MOVD R1, RSP
	MOVD R0, 8(RSP)
	BL ·grow(SB)            // want `call to ·grow in an SPWRITE function`
	ADD $16, RSP
	RET

// $0 with a call: autosize 16, varp-sp 8, not above arm64's 16.
TEXT ·smallFrame(SB), $0-8
	BL ·grow64(SB)
	RET

// SUB $16, RSP is tracked: varp-sp is 24 at the call.
TEXT ·pushed(SB), $0-8
	MOVD n+0(FP), R0
	SUB $16, RSP
	MOVD R0, 8(RSP)
	BL ·grow(SB)            // want `call to ·grow with 24 bytes of locals and no locals pointer map`
	ADD $16, RSP
	RET
