#include "textflag.h"

TEXT ·shrinks(SB), NOSPLIT, $-16-0 // want `negative frame size -16 is accepted silently \(cmd/internal/obj/s390x/objz.go`
	RET

TEXT ·noframeSize(SB), NOSPLIT|NOFRAME, $-16-0 // want `NOFRAME with frame size -16: the assembler rejects it`
	RET

TEXT ·alias(SB), NOSPLIT, $-8-0
	RET

TEXT ·aligned(SB), NOSPLIT, $16-0
	RET
