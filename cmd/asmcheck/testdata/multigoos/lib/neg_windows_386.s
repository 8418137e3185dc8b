#include "textflag.h"

// Only windows builds this file.
TEXT ·Neg(SB), NOSPLIT, $0-4
	MOVL	x+0(FP), AX
	NEGL	AX
	MOVL	AX, ret+4(FP)
	RET
