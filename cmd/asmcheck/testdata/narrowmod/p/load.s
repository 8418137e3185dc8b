#include "textflag.h"

// func Load(x int64) int64
TEXT ·Load(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	MOVQ AX, ret+8(FP)
	RET
