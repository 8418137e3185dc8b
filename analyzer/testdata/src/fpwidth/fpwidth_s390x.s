#include "textflag.h"

TEXT ·widths(SB), NOSPLIT, $0-40
	MOVW x+0(FP), R1        // want `\[s390x\] widths: invalid MOVW of x\+0\(FP\); int64 is 8-byte value: the 4-byte access reads only part of it`
	MOVD b+8(FP), R2        // want `invalid MOVD of b\+8\(FP\); bool is 1-byte value: the 8-byte access also reads the padding after it`
	MOVW s_len+24(FP), R3   // want `invalid MOVW of s_len\+24\(FP\); string len is 8-byte value`
	MOVD R1, r+32(FP)       // want `invalid MOVD of r\+32\(FP\); bool is 1-byte value: the 8-byte access also writes n\+36\(FP\)`
	MOVW R1, n+36(FP)
	RET

TEXT ·widthsOK(SB), NOSPLIT, $0-40
	MOVD x+0(FP), R1
	MOVBZ b+8(FP), R2
	MOVD s+16(FP), R3       // the first word of a string may be named by the string
	MOVD s_len+24(FP), R3
	MOVB R1, r+32(FP)
	MOVW R1, n+36(FP)
	RET

TEXT ·complexes(SB), NOSPLIT, $0-24
	FMOVS c_real+0(FP), F0  // want `invalid FMOVS of c_real\+0\(FP\); real\(complex128\) is 8-byte value`
	FMOVD F0, ret+16(FP)
	RET

TEXT ·complexesOK(SB), NOSPLIT, $0-24
	FMOVD c_real+0(FP), F0
	FMOVD c_imag+8(FP), F1
	VL c+0(FP), V0       // both halves of a complex at once
	FMOVD F0, ret+16(FP)
	RET
