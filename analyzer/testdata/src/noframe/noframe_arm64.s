#include "textflag.h"

// BL overwrites R30 and nothing restores it: RET comes back here.
TEXT ·bad(SB), NOSPLIT|NOFRAME, $0-0
	BL	·helper(SB)
	RET // want `RET returns through R30, but the BL at line 5 overwrote R30 with a return address into bad, and bad is NOFRAME`

// LR saved in a register and restored.
TEXT ·savedReg(SB), NOSPLIT|NOFRAME, $0-0
	MOVD	R30, R20
	BL	·helper(SB)
	MOVD	R20, R30
	RET

// LR saved on the stack and restored.
TEXT ·savedStack(SB), NOSPLIT|NOFRAME, $0-0
	MOVD.W	R30, -16(RSP)
	BL	·helper(SB)
	MOVD.P	16(RSP), R30
	RET

// Without NOFRAME the prologue saves LR and the epilogue restores it.
TEXT ·framed(SB), NOSPLIT, $0-0
	BL	·helper(SB)
	RET

// $-8 is the historical spelling of NOFRAME.
TEXT ·alias(SB), NOSPLIT, $-8-0
	BL	·helper(SB)
	RET // want `RET returns through R30, but the BL at line 29 overwrote R30`

// Only one path restores LR.
TEXT ·onePath(SB), NOSPLIT|NOFRAME, $0-8
	MOVD	R30, R20
	MOVD	x+0(FP), R1
	BL	·helper(SB)
	CBZ	R1, skip
	MOVD	R20, R30
skip:
	RET // want `RET returns through R30, but the BL at line 36 overwrote R30`

// die never returns: the RET is reached only when the BL is skipped.
TEXT ·callsDie(SB), NOSPLIT|NOFRAME, $0-0
	CBZ	R0, ok
	BL	·die(SB)
ok:
	RET

// The tail-called helper returns through the overwritten R30.
TEXT ·tail(SB), NOSPLIT|NOFRAME, $0-0
	BL	·helper(SB)
	B	·helper(SB) // want `the tail call to ·helper returns through R30, but the BL at line 51 overwrote R30`

TEXT ·tailOK(SB), NOSPLIT|NOFRAME, $0-0
	B	·helper(SB)

TEXT ·helper(SB), NOSPLIT, $0-0
	RET

TEXT ·die(SB), NOSPLIT, $0-0
	UNDEF
