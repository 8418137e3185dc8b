#include "textflag.h"

TEXT ·bad(SB), NOSPLIT|NOFRAME, $0-0
	CALL	·helper(SB)
	RET // want `RET returns through X1, but the CALL at line 4 overwrote X1`

TEXT ·savedReg(SB), NOSPLIT|NOFRAME, $0-0
	MOV	X1, X5
	CALL	·helper(SB)
	MOV	X5, X1
	RET

TEXT ·helper(SB), NOSPLIT, $0-0
	RET
