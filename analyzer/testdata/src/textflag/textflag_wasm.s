#include "textflag.h"

TEXT ·negative(SB), NOSPLIT, $-8-0 // want `negative frame size -8: the assembler crashes on it`
	RET

// NOFRAME changes nothing on wasm.
TEXT ·noframeSize(SB), NOSPLIT|NOFRAME, $8-0
	RET

TEXT ·aligned(SB), NOSPLIT, $12-0
	RET
