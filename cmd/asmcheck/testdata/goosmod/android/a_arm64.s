#include "textflag.h"

TEXT ·Double(SB), NOSPLIT, $0-8
	MOVD x+0(FP), R0
	ADD R0, R0, R0
	MOVD R0, ret+8(FP)
	RET
