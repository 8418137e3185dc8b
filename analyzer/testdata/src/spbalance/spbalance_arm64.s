#include "textflag.h"

TEXT ·unbalanced(SB), NOSPLIT, $0-0
	MOVD.W R0, -16(RSP)
	RET                     // want `RET with SP moved down by 16 bytes`

TEXT ·balanced(SB), NOSPLIT, $0-0
	MOVD.W R0, -16(RSP)
	MOVD.P 16(RSP), R0
	RET

TEXT ·join(SB), NOSPLIT, $0-8
	MOVD x+0(FP), R0
	CBZ R0, done
	SUB $16, RSP
done:
	RET                     // want `paths with different SP offsets join here \(SP moved down by 0 and 16 bytes\)`

TEXT ·joinOK(SB), NOSPLIT, $0-8
	MOVD x+0(FP), R0
	CBZ R0, done
	SUB $16, RSP
	ADD $16, RSP
done:
	RET

TEXT helper<>(SB), NOSPLIT, $0-0
	RET

TEXT never<>(SB), NOSPLIT, $0-0
	B 0(PC)

// B leaves the 32-byte frame allocated (and LR saved but not restored).
TEXT ·tailFramed(SB), NOSPLIT, $16-0
	MOVD R0, 8(RSP)
	B helper<>(SB)          // want `jump to helper with 32 bytes of this function's stack still allocated .*write RET helper`

TEXT ·tailFramedOK(SB), NOSPLIT, $16-0
	MOVD R0, 8(RSP)
	RET helper<>(SB)

TEXT ·tailNoReturn(SB), NOSPLIT, $16-0
	MOVD R0, 8(RSP)
	B never<>(SB)

TEXT ·dropReturn(SB), NOSPLIT|NOFRAME, $0-0
	ADD $16, RSP
	RET
