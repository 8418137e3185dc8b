#include "textflag.h"

// Windows x64 also keeps DI, SI and X6-X15.
TEXT winBad(SB), NOSPLIT|NOFRAME, $0
	MOVQ CX, DI      // want `this MOVQ clobbers callee-saved DI`
	MOVUPS (DI), X6  // want `this MOVUPS clobbers callee-saved X6.*Windows x64 callers expect BX, BP, DI, SI, R12-R15 and the low 128 bits of X6-X15 preserved`
	RET

TEXT winOK(SB), NOSPLIT|NOFRAME, $0
	SUBQ $40, SP
	MOVQ DI, 0(SP)
	MOVUPS X6, 16(SP)
	MOVQ CX, DI
	MOVUPS (DI), X6
	MOVUPS 16(SP), X6
	MOVQ 0(SP), DI
	ADDQ $40, SP
	RET
