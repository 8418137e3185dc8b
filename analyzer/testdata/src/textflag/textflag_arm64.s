#include "textflag.h"

TEXT ·noptr(SB), NOSPLIT|NOPTR, $0-0 // want `NOPTR on TEXT has no effect`
	RET

TEXT ·internal<ABIInternal>(SB), 0, $0-0 // want `internal is ABIInternal but not NOSPLIT`
	RET

TEXT ·internalOK<ABIInternal>(SB), NOSPLIT, $0-0
	RET

TEXT ·unaligned(SB), NOSPLIT, $12-0 // want `frame size 12 is not a multiple of 8: the assembler rejects it \(cmd/internal/obj/arm64/obj7.go\); use \$16`
	RET

TEXT ·aligned(SB), NOSPLIT, $24-0
	RET

TEXT ·noframeSize(SB), NOSPLIT|NOFRAME, $16-0 // want `NOFRAME with frame size 16: the assembler rejects it`
	RET

TEXT ·noframeZero(SB), NOSPLIT|NOFRAME, $0-0
	RET

TEXT ·negative(SB), NOSPLIT, $-16-0 // want `negative frame size -16: the assembler rejects it .*; write NOFRAME, \$0 \(or \$-8, the historical spelling of NOFRAME here\)`
	RET

TEXT ·alias(SB), NOSPLIT, $-8-0
	RET
