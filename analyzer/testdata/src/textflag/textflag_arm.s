#include "textflag.h"

TEXT ·unaligned(SB), NOSPLIT, $6-0 // want `frame size 6 is not a multiple of 4`
	RET

TEXT ·aligned(SB), NOSPLIT, $12-0
	RET

TEXT ·negative(SB), NOSPLIT, $-8-0 // want `negative frame size -8: the assembler rejects it \(cmd/internal/obj/arm/obj5.go\); write NOFRAME, \$0 \(or \$-4`
	RET

TEXT ·alias(SB), NOSPLIT, $-4-0
	RET

TEXT ·noframeSize(SB), NOSPLIT|NOFRAME, $8-0 // want `NOFRAME with frame size 8: the assembler rejects it`
	RET
