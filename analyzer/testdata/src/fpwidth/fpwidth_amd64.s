#include "textflag.h"

TEXT ·widths(SB), NOSPLIT, $0-40
	MOVL x+0(FP), AX        // want `invalid MOVL of x\+0\(FP\); int64 is 8-byte value: the 4-byte access reads only part of it`
	MOVQ b+8(FP), BX        // want `invalid MOVQ of b\+8\(FP\); bool is 1-byte value: the 8-byte access also reads the padding after it`
	MOVL s_len+24(FP), CX   // want `invalid MOVL of s_len\+24\(FP\); string len is 8-byte value`
	MOVQ AX, r+32(FP)       // want `invalid MOVQ of r\+32\(FP\); bool is 1-byte value: the 8-byte access also writes n\+36\(FP\)`
	MOVL AX, n+36(FP)
	RET

TEXT ·widthsOK(SB), NOSPLIT, $0-40
	MOVQ x+0(FP), AX
	MOVB b+8(FP), BX
	MOVQ s+16(FP), CX       // the first word of a string may be named by the string
	MOVQ s_len+24(FP), CX
	MOVB AX, r+32(FP)
	MOVL AX, n+36(FP)
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

TEXT ·structWide(SB), NOSPLIT, $0-16
	MOVOU t+0(FP), X0       // want `invalid MOVOU of t\+0\(FP\); fpwidth.trio is 12-byte value containing t_a\+0\(FP\), t_b\+4\(FP\), and t_c\+8\(FP\): the 16-byte access also reads _\+12\(FP\); move it in parts no wider than its 12 bytes`
	RET

TEXT ·structWideOK(SB), NOSPLIT, $0-16
	MOVL t_a+0(FP), AX
	MOVL t_b+4(FP), BX
	MOVL t_c+8(FP), CX
	RET

TEXT ·wideString(SB), NOSPLIT, $0-24
	MOVOU s+0(FP), X0       // want `invalid MOVOU of s\+0\(FP\); string base is 8-byte value: the 16-byte access also reads s_len\+8\(FP\); use an 8-byte move`
	MOVQ $0, ret+16(FP)
	RET

TEXT ·wideStringOK(SB), NOSPLIT, $0-24
	MOVQ s+0(FP), AX
	MOVQ s_len+8(FP), BX
	MOVQ BX, ret+16(FP)
	RET

// A store wider than the last result can run past the argument area the
// caller reserves (the arguments and results rounded up to a register):
// s ends it at 16(FP). Within the rounding it only writes padding.
TEXT ·pastEnd(SB), NOSPLIT, $0-16
	MOVQ AX, s+12(FP)        // want `invalid MOVQ of s\+12\(FP\); int32 is 4-byte value: the 8-byte access also writes the 4 bytes past the end of the argument area, which the caller reserves up to 16\(FP\): memory the function does not own`
	RET

TEXT ·pastEndOK(SB), NOSPLIT, $0-16
	MOVL AX, s+12(FP)
	RET
