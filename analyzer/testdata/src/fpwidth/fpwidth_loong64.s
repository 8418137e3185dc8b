#include "textflag.h"

TEXT ·widths(SB), NOSPLIT, $0-40
	MOVW x+0(FP), R4        // want `\[loong64\] widths: invalid MOVW of x\+0\(FP\); int64 is 8-byte value: the 4-byte access reads only part of it`
	MOVV b+8(FP), R5        // want `invalid MOVV of b\+8\(FP\); bool is 1-byte value: the 8-byte access also reads the padding after it`
	MOVW s_len+24(FP), R6   // want `invalid MOVW of s_len\+24\(FP\); string len is 8-byte value`
	MOVV R4, r+32(FP)       // want `invalid MOVV of r\+32\(FP\); bool is 1-byte value: the 8-byte access also writes n\+36\(FP\)`
	MOVW R4, n+36(FP)
	RET

TEXT ·widthsOK(SB), NOSPLIT, $0-40
	MOVV x+0(FP), R4
	MOVBU b+8(FP), R5
	MOVV s+16(FP), R6       // the first word of a string may be named by the string
	MOVV s_len+24(FP), R6
	MOVB R4, r+32(FP)
	MOVW R4, n+36(FP)
	RET

TEXT ·complexes(SB), NOSPLIT, $0-24
	MOVF c_real+0(FP), F0  // want `invalid MOVF of c_real\+0\(FP\); real\(complex128\) is 8-byte value`
	MOVD F0, ret+16(FP)
	RET

TEXT ·complexesOK(SB), NOSPLIT, $0-24
	MOVD c_real+0(FP), F0
	MOVD c_imag+8(FP), F1
	VMOVQ c+0(FP), V0       // both halves of a complex at once
	MOVD F0, ret+16(FP)
	RET
