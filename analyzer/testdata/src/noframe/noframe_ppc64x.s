//go:build ppc64 || ppc64le

#include "textflag.h"

TEXT ·bad(SB), NOSPLIT|NOFRAME, $0-0
	BL	·helper(SB)
	RET // want `RET returns through LR, but the BL at line 6 overwrote LR`

TEXT ·savedReg(SB), NOSPLIT|NOFRAME, $0-0
	MOVD	LR, R31
	BL	·helper(SB)
	MOVD	R31, LR
	RET

TEXT ·alias(SB), NOSPLIT, $-8-0
	BL	·helper(SB)
	RET // want `RET returns through LR, but the BL at line 16 overwrote LR`

TEXT ·helper(SB), NOSPLIT, $0-0
	RET
