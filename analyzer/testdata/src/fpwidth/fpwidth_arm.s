#include "textflag.h"

// On arm: x+0 (x_lo, x_hi), b+8, s+12 (s_base, s_len+16), r+20, n+24.
TEXT ·widths(SB), NOSPLIT, $0-28
	MOVW x+0(FP), R0        // want `\[arm\] widths: invalid MOVW of x\+0\(FP\); int64 is 8-byte value: the 4-byte access reads only part of it; use an 8-byte move or its 4-byte halves x_lo\+0\(FP\) and x_hi\+4\(FP\)`
	MOVW b+8(FP), R1        // want `invalid MOVW of b\+8\(FP\); bool is 1-byte value: the 4-byte access also reads the padding after it`
	MOVH s_len+16(FP), R2   // want `invalid MOVH of s_len\+16\(FP\); string len is 4-byte value: the 2-byte access reads only part of it`
	MOVW R0, r+20(FP)       // want `invalid MOVW of r\+20\(FP\); bool is 1-byte value: the 4-byte access also writes the padding after it`
	MOVD F0, r+20(FP)       // want `invalid MOVD of r\+20\(FP\); bool is 1-byte value: the 8-byte access also writes n\+24\(FP\)`
	MOVW R0, n+24(FP)
	RET

TEXT ·widthsOK(SB), NOSPLIT, $0-28
	MOVW x_lo+0(FP), R0
	MOVW x_hi+4(FP), R3
	MOVD x+0(FP), F0        // the whole int64 at once, in a VFP register
	MOVBU b+8(FP), R1
	MOVW s+12(FP), R2       // the first word of a string may be named by the string
	MOVW s_len+16(FP), R2
	MOVB R0, r+20(FP)
	MOVW R0, n+24(FP)
	RET

TEXT ·complexes(SB), NOSPLIT, $0-24
	MOVF c_real+0(FP), F0   // want `invalid MOVF of c_real\+0\(FP\); real\(complex128\) is 8-byte value`
	MOVD F0, ret+16(FP)
	RET

// arm has no 16-byte load the assembler takes an FP operand for, so the
// "whole complex at once" twin of amd64 and arm64 has no arm form.
TEXT ·complexesOK(SB), NOSPLIT, $0-24
	MOVD c_real+0(FP), F0
	MOVD c_imag+8(FP), F1
	MOVD F0, ret+16(FP)
	RET
