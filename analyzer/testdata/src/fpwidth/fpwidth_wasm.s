#include "textflag.h"

TEXT ·widths(SB), NOSPLIT, $0-40
	MOVW x+0(FP), R0        // want `\[wasm\] widths: invalid MOVW of x\+0\(FP\); int64 is 8-byte value: the 4-byte access reads only part of it`
	MOVD b+8(FP), R1        // want `invalid MOVD of b\+8\(FP\); bool is 1-byte value: the 8-byte access also reads the padding after it`
	Get SP
	I32Load s_len+24(FP)    // want `invalid I32Load of s_len\+24\(FP\); string len is 8-byte value`
	I64ExtendI32U
	I64Store r+32(FP)       // want `invalid I64Store of r\+32\(FP\); bool is 1-byte value: the 8-byte access also writes n\+36\(FP\)`
	MOVW R0, n+36(FP)
	RET

TEXT ·widthsOK(SB), NOSPLIT, $0-40
	MOVD x+0(FP), R0
	MOVB b+8(FP), R1
	MOVD s+16(FP), R2       // the first word of a string may be named by the string
	Get SP
	I64Load s_len+24(FP)
	I64Store8 r+32(FP)
	MOVW R0, n+36(FP)
	RET

TEXT ·complexes(SB), NOSPLIT, $0-24
	Get SP
	F32Load c_real+0(FP)    // want `invalid F32Load of c_real\+0\(FP\); real\(complex128\) is 8-byte value`
	F64PromoteF32
	F64Store ret+16(FP)
	RET

// Go's wasm assembler has no 16-byte (v128) load, so the "whole complex
// at once" twin of amd64 and arm64 has no wasm form.
TEXT ·complexesOK(SB), NOSPLIT, $0-24
	Get SP
	F64Load c_real+0(FP)
	F64Load c_imag+8(FP)
	F64Add
	F64Store ret+16(FP)
	RET
