#include "textflag.h"

// Each move of the wrong width is replaced by the move of the value's
// width; a load extends as the Go value does.

TEXT ·loads(SB), NOSPLIT, $0-40
	MOV a+0(FP), X5         // want `invalid MOV of a\+0\(FP\); int32 is 4-byte value`
	MOV b+4(FP), X6         // want `invalid MOV of b\+4\(FP\); uint32 is 4-byte value`
	MOVW c+8(FP), X7        // want `invalid MOVW of c\+8\(FP\); int8 is 1-byte value`
	MOVW d+10(FP), X8       // want `invalid MOVW of d\+10\(FP\); uint16 is 2-byte value`
	MOVD e+12(FP), F1       // want `invalid MOVD of e\+12\(FP\); float32 is 4-byte value`
	MOVW f+16(FP), X9       // want `invalid MOVW of f\+16\(FP\); int64 is 8-byte value`
	MOVH k+24(FP), X5       // want `invalid MOVH of k\+24\(FP\); bool is 1-byte value`
	MOV X5, ret+32(FP)
	RET

TEXT ·stores(SB), NOSPLIT, $0-32
	MOV x+0(FP), X5
	MOV X5, a+8(FP)         // want `invalid MOV of a\+8\(FP\); int32 is 4-byte value`
	MOV X5, b+12(FP)        // want `invalid MOV of b\+12\(FP\); uint32 is 4-byte value`
	MOVH X5, c+16(FP)       // want `invalid MOVH of c\+16\(FP\); int8 is 1-byte value`
	MOVD F1, f+20(FP)       // want `invalid MOVD of f\+20\(FP\); float32 is 4-byte value`
	MOVW X5, w+24(FP)       // want `invalid MOVW of w\+24\(FP\); int64 is 8-byte value`
	RET

TEXT ·strs(SB), NOSPLIT, $0-24
	MOVW s+0(FP), X5        // want `invalid MOVW of s\+0\(FP\); string base is 8-byte value`
	MOV s_len+8(FP), X6
	MOV X6, ret+16(FP)
	RET
