#include "textflag.h"

TEXT ·widths(SB), NOSPLIT, $0-40
	MOVW x+0(FP), T0        // want `\[riscv64\] widths: invalid MOVW of x\+0\(FP\); int64 is 8-byte value: the 4-byte access reads only part of it`
	MOV b+8(FP), T1        // want `invalid MOV of b\+8\(FP\); bool is 1-byte value: the 8-byte access also reads the padding after it`
	MOVW s_len+24(FP), T2   // want `invalid MOVW of s_len\+24\(FP\); string len is 8-byte value`
	MOV T0, r+32(FP)       // want `invalid MOV of r\+32\(FP\); bool is 1-byte value: the 8-byte access also writes n\+36\(FP\)`
	MOVW T0, n+36(FP)
	RET

TEXT ·widthsOK(SB), NOSPLIT, $0-40
	MOV x+0(FP), T0
	MOVBU b+8(FP), T1
	MOV s+16(FP), T2       // the first word of a string may be named by the string
	MOV s_len+24(FP), T2
	MOVB T0, r+32(FP)
	MOVW T0, n+36(FP)
	RET

TEXT ·complexes(SB), NOSPLIT, $0-24
	MOVF c_real+0(FP), F0  // want `invalid MOVF of c_real\+0\(FP\); real\(complex128\) is 8-byte value`
	MOVD F0, ret+16(FP)
	RET

// riscv64 has no 16-byte load of an FP operand: its vector loads
// (VLE64V) take only a register base.
// So the "whole complex at once" twin of amd64 and arm64 has no riscv64 form.
TEXT ·complexesOK(SB), NOSPLIT, $0-24
	MOVD c_real+0(FP), F0
	MOVD c_imag+8(FP), F1
	MOVD F0, ret+16(FP)
	RET
