//go:build cgo

#include "textflag.h"

TEXT ·f(SB), NOSPLIT, $0-16
	MOVQ x+8(FP), AX
	MOVQ AX, ret+8(FP)
	RET
