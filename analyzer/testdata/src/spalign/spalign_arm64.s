#include "textflag.h"

TEXT ·misaligned(SB), NOSPLIT, $0-8
	MOVD x+0(FP), R0
	SUB $8, RSP
	MOVD R0, 0(RSP)         // want `MOVD 0\(RSP\), an access based on SP, with SP moved down by 8 bytes, not a multiple of 16: Linux runs arm64 code with SP alignment checking on \(SCTLR_EL1.SA0\), so an SP-based load or store raises SIGBUS`
	ADD $8, RSP
	RET

TEXT ·aligned(SB), NOSPLIT, $0-8
	MOVD x+0(FP), R0
	SUB $16, RSP
	MOVD R0, 0(RSP)
	ADD $16, RSP
	RET

TEXT ·misalignedCall(SB), $0-0
	MOVD.W R0, -8(RSP)
	BL ·helper(SB)          // want `call to ·helper with SP moved down by 8 bytes, not a multiple of 16`
	MOVD.P 8(RSP), R0
	RET

TEXT ·alignedCall(SB), $0-0
	MOVD.W R0, -16(RSP)
	BL ·helper(SB)
	MOVD.P 16(RSP), R0
	RET

// SP moved up, past the entry SP, by post-indexed stores (a trampoline
// that lays out a frame for the function it jumps to): the second store
// is 8 bytes off.
TEXT ·misalignedUp(SB), NOSPLIT, $0-0
	MOVD.P R1, 8(RSP)
	MOVD.P R0, 8(RSP)       // want `MOVD.P 8\(RSP\), an access based on SP, with SP moved up by 8 bytes, not a multiple of 16`
	B ·helper(SB)

TEXT ·alignedUp(SB), NOSPLIT, $0-0
	MOVD.P R1, 16(RSP)
	MOVD.P R0, 16(RSP)
	B ·helper(SB)

TEXT ·helper(SB), NOSPLIT, $0-0
	RET
