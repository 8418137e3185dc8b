#include "textflag.h"

// SVC keeps every register but R0: nothing to report on arm64.
TEXT ·keepR11OK(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R1
	MOVD $172, R8 // SYS_getpid
	SVC
	MOVD R1, ret+8(FP)
	RET
