//go:build mips64 || mips64le

#include "textflag.h"

TEXT ·widths(SB), NOSPLIT, $0-40
	MOVW x+0(FP), R1        // want `\[mips64(le)?\] widths: invalid MOVW of x\+0\(FP\); int64 is 8-byte value: the 4-byte access reads only part of it`
	MOVV b+8(FP), R2        // want `invalid MOVV of b\+8\(FP\); bool is 1-byte value: the 8-byte access also reads the padding after it`
	MOVW s_len+24(FP), R3   // want `invalid MOVW of s_len\+24\(FP\); string len is 8-byte value`
	MOVV R1, r+32(FP)       // want `invalid MOVV of r\+32\(FP\); bool is 1-byte value: the 8-byte access also writes n\+36\(FP\)`
	MOVW R1, n+36(FP)
	RET

TEXT ·widthsOK(SB), NOSPLIT, $0-40
	MOVV x+0(FP), R1
	MOVBU b+8(FP), R2
	MOVV s+16(FP), R3       // the first word of a string may be named by the string
	MOVV s_len+24(FP), R3
	MOVB R1, r+32(FP)
	MOVW R1, n+36(FP)
	RET

TEXT ·complexes(SB), NOSPLIT, $0-24
	MOVF c_real+0(FP), F0  // want `invalid MOVF of c_real\+0\(FP\); real\(complex128\) is 8-byte value`
	MOVD F0, ret+16(FP)
	RET

// mips64 has no 16-byte load of an FP operand: its 16-byte MSA load,
// VMOVD, takes only a register base (VMOVD c+0(FP), W0 is an "illegal combination").
// So the "whole complex at once" twin of amd64 and arm64 has no mips64 form.
TEXT ·complexesOK(SB), NOSPLIT, $0-24
	MOVD c_real+0(FP), F0
	MOVD c_imag+8(FP), F1
	MOVD F0, ret+16(FP)
	RET
