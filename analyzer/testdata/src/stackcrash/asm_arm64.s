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
