#include "textflag.h"

// SUBQ is not tracked: x+0(FP) still assembles to 8(SP), 16 bytes below x.
TEXT ·stale(SB), NOSPLIT, $0-16
	SUBQ $16, SP
	MOVQ x+0(FP), AX        // want `MOVQ x\+0\(FP\) with SP moved down by 16 bytes: the assembler corrects name\+off\(FP\) and name-off\(SP\) for PUSH, POP and ADJSP only, not for other SP arithmetic, so this addresses the slot 16 bytes below x\+0\(FP\)`
	ADDQ $16, SP
	MOVQ AX, ret+8(FP)
	RET

// PUSHQ is tracked: x+0(FP) becomes 16(SP).
TEXT ·fresh(SB), NOSPLIT, $0-16
	PUSHQ BX
	MOVQ x+0(FP), AX
	POPQ BX
	MOVQ AX, ret+8(FP)
	RET

TEXT ·staleLocal(SB), NOSPLIT, $16-0
	SUBQ $8, SP
	MOVQ AX, a-8(SP)        // want `MOVQ a-8\(SP\) with SP moved down by 8 bytes: .*addresses the slot 8 bytes below a-8\(SP\)`
	ADDQ $8, SP
	RET

TEXT ·freshLocal(SB), NOSPLIT, $16-0
	ADJSP $8
	MOVQ AX, a-8(SP)
	ADJSP $-8
	RET
