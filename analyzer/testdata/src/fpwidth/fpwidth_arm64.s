#include "textflag.h"

TEXT ·widths(SB), NOSPLIT, $0-40
	MOVW x+0(FP), R0        // want `invalid MOVW of x\+0\(FP\); int64 is 8-byte value: the 4-byte access reads only part of it`
	MOVD b+8(FP), R1        // want `invalid MOVD of b\+8\(FP\); bool is 1-byte value: the 8-byte access also reads the padding after it`
	MOVW s_len+24(FP), R2   // want `invalid MOVW of s_len\+24\(FP\); string len is 8-byte value`
	MOVD R0, r+32(FP)       // want `invalid MOVD of r\+32\(FP\); bool is 1-byte value: the 8-byte access also writes n\+36\(FP\)`
	MOVW R0, n+36(FP)
	RET

TEXT ·widthsOK(SB), NOSPLIT, $0-40
	MOVD x+0(FP), R0
	MOVBU b+8(FP), R1
	MOVD s+16(FP), R2
	MOVD s_len+24(FP), R2
	MOVB R0, r+32(FP)
	MOVW R0, n+36(FP)
	RET

TEXT ·complexes(SB), NOSPLIT, $0-24
	FMOVS c_real+0(FP), F0  // want `invalid FMOVS of c_real\+0\(FP\); real\(complex128\) is 8-byte value`
	FMOVD F0, ret+16(FP)
	RET

TEXT ·complexesOK(SB), NOSPLIT, $0-24
	FMOVD c_real+0(FP), F0
	FMOVD c_imag+8(FP), F1
	FMOVQ c+0(FP), F2       // both halves of a complex at once
	FMOVD F0, ret+16(FP)
	RET

// One LDP of a string's base and length: two registers, two whole words.
TEXT ·pair(SB), NOSPLIT, $0-24
	LDP s+0(FP), (R0, R1)
	MOVD R1, ret+16(FP)
	RET

TEXT ·structWide(SB), NOSPLIT, $0-16
	FMOVQ t+0(FP), F0       // want `invalid FMOVQ of t\+0\(FP\); fpwidth.trio is 12-byte value containing t_a\+0\(FP\), t_b\+4\(FP\), and t_c\+8\(FP\): the 16-byte access also reads _\+12\(FP\); move it in parts no wider than its 12 bytes`
	RET

TEXT ·structWideOK(SB), NOSPLIT, $0-16
	MOVWU t_a+0(FP), R0
	MOVWU t_b+4(FP), R1
	MOVWU t_c+8(FP), R2
	RET

// A store wider than the last result can run past the argument area the
// caller reserves (the arguments and results rounded up to a register):
// s ends it at 16(FP). Within the rounding it only writes padding.
TEXT ·pastEnd(SB), NOSPLIT, $0-16
	MOVD R0, s+12(FP)        // want `invalid MOVD of s\+12\(FP\); int32 is 4-byte value: the 8-byte access also writes the 4 bytes past the end of the argument area, which the caller reserves up to 16\(FP\): memory the function does not own`
	RET

TEXT ·pastEndOK(SB), NOSPLIT, $0-16
	MOVW R0, s+12(FP)
	RET
