#include "textflag.h"

// The argument size is wrong on every GOOS.
TEXT ·Add(SB), NOSPLIT, $0-8
	MOVL	a+0(FP), AX
	ADDL	b+4(FP), AX
	MOVL	AX, ret+8(FP)
	RET
