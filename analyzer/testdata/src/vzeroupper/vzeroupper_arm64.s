#include "textflag.h"

// arm64 has no AVX-SSE transition: nothing to report.
TEXT ·sum(SB), NOSPLIT, $0-8
	MOVD p+0(FP), R0
	VLD1 (R0), [V0.S4, V1.S4]
	VADD V0.S4, V1.S4, V0.S4
	VST1 [V0.S4], (R0)
	RET

TEXT ·sumOK(SB), NOSPLIT, $0-8
	RET

TEXT ·twoPaths(SB), NOSPLIT, $0-16
	RET

TEXT ·callsGo(SB), $0-8
	BL ·gofunc(SB)
	RET

TEXT ·callsGoOK(SB), $0-8
	RET

TEXT ·highRegsOK(SB), NOSPLIT, $0-8
	RET

TEXT ·sseOK(SB), NOSPLIT, $0-8
	RET

TEXT ·callsHelperOK(SB), NOSPLIT, $0-8
	RET
