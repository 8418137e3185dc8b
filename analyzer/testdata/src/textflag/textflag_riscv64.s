#include "textflag.h"

TEXT ·negative(SB), NOSPLIT, $-16-0 // want `negative frame size -16: the assembler rejects it \(cmd/internal/obj/riscv/obj.go\)`
	RET

TEXT ·alias(SB), NOSPLIT, $-8-0
	RET

TEXT ·noframeSize(SB), NOSPLIT|NOFRAME, $8-0 // want `NOFRAME with frame size 8: the assembler rejects it`
	RET
