#include "textflag.h"

// cloudflare/circl used R29 as a scratch register.
TEXT ·scratchBad(SB), NOSPLIT, $0-8
	MOVD x+0(FP), R29 // want `frame pointer R29 is clobbered here and not restored before the return on line 6`
	RET

TEXT ·scratchOK(SB), NOSPLIT, $0-8
	MOVD.W R29, -16(RSP)
	MOVD x+0(FP), R29
	MOVD.P 16(RSP), R29
	RET

TEXT ·afterBranchBad(SB), NOSPLIT, $0-8
	MOVD x+0(FP), R0
	CBZ R0, done
	LDP (R0), (R1, R29) // want `frame pointer R29 is clobbered here and not restored before the return on line 19`
done:
	RET

// Saved, but restored from the wrong place and only 32 bits of it.
TEXT ·wrongSlotBad(SB), NOSPLIT, $0
	STPW (R29, R30), -32(RSP)
	MOVD $0, R29 // want `frame pointer R29 is clobbered here and not restored before the return on line 26`
	LDPW 32(RSP), (R29, R30)
	RET

TEXT ·copyOK(SB), NOSPLIT, $0-8
	MOVD R29, R8
	MOVD x+0(FP), R29
	MOVD R8, R29
	RET

// A frame record built by hand in a NOFRAME function.
TEXT ·recordOK(SB), NOSPLIT|NOFRAME, $0
	STP.W (R29, R30), -16(RSP)
	MOVD RSP, R29
	BL ·gofunc(SB)
	LDP.P 16(RSP), (R29, R30)
	RET

TEXT ·framedOK(SB), NOSPLIT, $8-8
	MOVD x+0(FP), R29
	MOVD (R29), R0
	RET

TEXT ·framedCallBad(SB), NOSPLIT, $8-8
	MOVD x+0(FP), R29 // want `frame pointer R29 is clobbered here and holds no frame pointer at the call on line 49`
	BL ·gofunc(SB)
	RET

// A jump through a register with SP where it was is a tail call: the
// callee returns to this function's caller with R29 as it finds it.
TEXT ·tailRegBad(SB), NOSPLIT, $0-16
	MOVD fn+0(FP), R1
	MOVD x+8(FP), R29 // want `frame pointer R29 is clobbered here and not restored before the jump through a register on line \d+`
	B (R1)

// A switch of context: SP and R29 come from a saved state (the
// runtime's gogo), and the jump goes to that context.
TEXT ·switchOK(SB), NOSPLIT, $0-8
	MOVD buf+0(FP), R1
	MOVD 0(R1), R0
	MOVD R0, RSP
	MOVD 8(R1), R29
	MOVD 16(R1), R2
	B (R2)
