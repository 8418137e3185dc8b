#include "textflag.h"

TEXT ·noMap(SB), $16-8
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	CALL ·goFunc(SB)        // want `no locals pointer map`
	RET

TEXT ·small(SB), NOSPLIT, $8-0
	CALL ·callee(SB)        // want `needs 32 bytes`
	RET

TEXT ·callee(SB), NOSPLIT, $0-32
	MOVQ AX, a+0(FP)
	MOVQ AX, b+8(FP)
	MOVQ AX, c+16(FP)
	MOVQ AX, d+24(FP)
	RET
