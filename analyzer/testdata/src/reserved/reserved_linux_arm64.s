#include "textflag.h"

// On linux R18 is an ordinary register.
TEXT ·platformLinuxOK(SB), NOSPLIT, $0
	MOVD $1, R18_PLATFORM
	RET

TEXT ·platformWordLinuxOK(SB), NOSPLIT, $0
	WORD $0x8b020032 // add x18, x1, x2
	RET
