#include "textflag.h"

// On 386: x+0 (x_lo, x_hi), b+8, s+12 (s_base, s_len+16), r+20, n+24.
TEXT ·widths(SB), NOSPLIT, $0-28
	MOVL x+0(FP), AX        // want `\[386\] widths: invalid MOVL of x\+0\(FP\); int64 is 8-byte value: the 4-byte access reads only part of it; use an 8-byte move or its 4-byte halves x_lo\+0\(FP\) and x_hi\+4\(FP\)`
	MOVL b+8(FP), BX        // want `invalid MOVL of b\+8\(FP\); bool is 1-byte value: the 4-byte access also reads the padding after it`
	MOVW s_len+16(FP), CX   // want `invalid MOVW of s_len\+16\(FP\); string len is 4-byte value: the 2-byte access reads only part of it`
	MOVL AX, r+20(FP)       // want `invalid MOVL of r\+20\(FP\); bool is 1-byte value: the 4-byte access also writes the padding after it`
	MOVSD X0, r+20(FP)      // want `invalid MOVSD of r\+20\(FP\); bool is 1-byte value: the 8-byte access also writes n\+24\(FP\)`
	MOVL AX, n+24(FP)
	RET

TEXT ·widthsOK(SB), NOSPLIT, $0-28
	MOVL x_lo+0(FP), AX
	MOVL x_hi+4(FP), DX
	MOVQ x+0(FP), X0        // the whole int64 at once, in an SSE register
	MOVB b+8(FP), BX
	MOVL s+12(FP), CX       // the first word of a string may be named by the string
	MOVL s_len+16(FP), CX
	MOVB AX, r+20(FP)
	MOVL AX, n+24(FP)
	RET

TEXT ·complexes(SB), NOSPLIT, $0-24
	MOVSS c_real+0(FP), X0  // want `invalid MOVSS of c_real\+0\(FP\); real\(complex128\) is 8-byte value`
	MOVSD X0, ret+16(FP)
	RET

TEXT ·complexesOK(SB), NOSPLIT, $0-24
	MOVSD c_real+0(FP), X0
	MOVSD c_imag+8(FP), X1
	MOVOU c+0(FP), X2       // both halves of a complex at once
	MOVSD X0, ret+16(FP)
	RET
