#include "textflag.h"

// loong64 has no historical NOFRAME spelling: $-8 is rejected too.
TEXT ·negative(SB), NOSPLIT, $-8-0 // want `negative frame size -8: the assembler rejects it \(cmd/internal/obj/loong64/obj.go\); write NOFRAME, \$0 for no frame`
	RET

TEXT ·noframeZero(SB), NOSPLIT|NOFRAME, $0-0
	RET
