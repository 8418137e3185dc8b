#include "textflag.h"

TEXT ·before(SB), NOSPLIT, $0-16
	MOVQ x+8(FP), AX
	MOVQ AX, ret+8(FP)
	RET

TEXT ·victim(SB), NOSPLIT, $0-16
	MOVQ $1, (AX
	MOVQ ))), AX
	#bogus
	MOVQ x+0(FP), AX
	MOVQ AX, ret+8(FP)
	RET

TEXT ·after(SB), NOSPLIT, $0-16
	MOVQ x+8(FP), AX
	MOVQ AX, ret+8(FP)
	RET
