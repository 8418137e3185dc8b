#include "textflag.h"

// $16: autosize 32, saved LR at 0(RSP), locals 8..23, the caller's saved
// R29 at 24(RSP), the caller's saved LR at 32(RSP), x+0(FP) at 40(RSP).
TEXT ·savedLR(SB), $16-0
	MOVD R0, 0(RSP)         // want `MOVD 0\(RSP\) writes the saved LR \(0\(SP\) after the prologue, in a frame of 32 bytes with locals at 8..23\(SP\)\): it holds the function's return address: the epilogue reloads LR`
	BL ·savedLROK(SB)
	RET

TEXT ·savedLRLeaf(SB), NOSPLIT, $16-0
	MOVD R0, 0(RSP)         // want `writes the saved LR .*the function makes no call, so its epilogue returns through LR without reloading it`
	RET

TEXT ·savedLROK(SB), NOSPLIT, $16-0
	MOVD R0, 8(RSP)
	MOVD R0, 16(RSP)
	RET

TEXT ·callerFP(SB), NOSPLIT, $16-8
	MOVD x+0(FP), R0
	MOVD R0, 24(RSP)        // want `writes the caller's saved frame pointer \(24\(SP\) .*the caller's prologue saved its caller's R29 there`
	RET

TEXT ·callerFPOK(SB), NOSPLIT, $24-8
	MOVD x+0(FP), R0
	MOVD R0, 24(RSP)
	RET

// The kelindar/bitmap pattern: a frameless function allocating by hand
// stores into the word just below its entry SP.
TEXT ·noFrame(SB), NOSPLIT|NOFRAME, $0-8
	MOVD x+0(FP), R0
	SUB $16, RSP
	MOVD R0, 8(RSP)         // want `writes the caller's saved frame pointer \(-8\(SP\)`
	ADD $16, RSP
	RET

TEXT ·noFrameOK(SB), NOSPLIT|NOFRAME, $0-8
	MOVD x+0(FP), R0
	SUB $16, RSP
	MOVD R0, 0(RSP)
	ADD $16, RSP
	RET

TEXT ·callerLR(SB), NOSPLIT|NOFRAME, $0-0
	MOVD R0, 0(RSP)         // want `writes the caller's saved LR \(0\(SP\) .*the caller returns to garbage`
	RET

// No Go code calls it: its caller need not be a Go frame.
TEXT ·notCalled(SB), NOSPLIT|NOFRAME, $0-8
	SUB $16, RSP
	MOVD R0, 8(RSP)
	ADD $16, RSP
	RET

// A WORD that decodes to an instruction which leaves SP alone does not
// stop the check; one that moves SP does.
TEXT ·paddedWord(SB), NOSPLIT, $16-0
	WORD $0xd503201f // nop
	MOVD R0, 0(RSP)   // want `MOVD 0\(RSP\) writes the saved LR`
	RET

TEXT ·spWord(SB), NOSPLIT, $16-0
	WORD $0xd10043ff // sub sp, sp, #16
	MOVD R0, 0(RSP)
	WORD $0x910043ff // add sp, sp, #16
	RET
