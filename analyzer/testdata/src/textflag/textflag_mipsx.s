//go:build mips || mipsle

#include "textflag.h"

// On 32-bit mips the historical NOFRAME spelling is $-4.
TEXT ·negative(SB), NOSPLIT, $-8-0 // want `negative frame size -8: the assembler rejects it .*\(or \$-4`
	RET

TEXT ·alias(SB), NOSPLIT, $-4-0
	RET
