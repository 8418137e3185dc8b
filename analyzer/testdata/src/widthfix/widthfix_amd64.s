#include "textflag.h"

// Each move of the wrong width is replaced by the move of the value's
// width; a load extends as the Go value does.

TEXT ·loads(SB), NOSPLIT, $0-40
	MOVQ a+0(FP), AX   // want `invalid MOVQ of a\+0\(FP\); int32 is 4-byte value`
	MOVQ b+4(FP), BX   // want `invalid MOVQ of b\+4\(FP\); uint32 is 4-byte value`
	MOVL c+8(FP), CX   // want `invalid MOVL of c\+8\(FP\); int8 is 1-byte value`
	MOVL d+10(FP), DX  // want `invalid MOVL of d\+10\(FP\); uint16 is 2-byte value`
	MOVSD e+12(FP), X0 // want `invalid MOVSD of e\+12\(FP\); float32 is 4-byte value`
	MOVL f+16(FP), SI  // want `invalid MOVL of f\+16\(FP\); int64 is 8-byte value`
	MOVW k+24(FP), DI  // want `invalid MOVW of k\+24\(FP\); bool is 1-byte value`
	MOVQ AX, ret+32(FP)
	RET

TEXT ·stores(SB), NOSPLIT, $0-32
	MOVQ x+0(FP), AX
	MOVQ AX, a+8(FP)   // want `invalid MOVQ of a\+8\(FP\); int32 is 4-byte value`
	MOVQ $7, b+12(FP)  // want `invalid MOVQ of b\+12\(FP\); uint32 is 4-byte value`
	MOVW AX, c+16(FP)  // want `invalid MOVW of c\+16\(FP\); int8 is 1-byte value`
	MOVSD X0, f+20(FP) // want `invalid MOVSD of f\+20\(FP\); float32 is 4-byte value`
	MOVL AX, w+24(FP)  // want `invalid MOVL of w\+24\(FP\); int64 is 8-byte value`
	RET

TEXT ·strs(SB), NOSPLIT, $0-24
	MOVL s+0(FP), AX   // want `invalid MOVL of s\+0\(FP\); string base is 8-byte value`
	MOVQ s_len+8(FP), BX
	MOVQ BX, ret+16(FP)
	RET
