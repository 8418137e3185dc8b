#include "textflag.h"

// Each move of the wrong width is replaced by the move of the value's
// width; a load extends as the Go value does.

TEXT ·loads(SB), NOSPLIT, $0-40
	MOVD a+0(FP), R1        // want `invalid MOVD of a\+0\(FP\); int32 is 4-byte value`
	MOVD b+4(FP), R2        // want `invalid MOVD of b\+4\(FP\); uint32 is 4-byte value`
	MOVW c+8(FP), R3        // want `invalid MOVW of c\+8\(FP\); int8 is 1-byte value`
	MOVW d+10(FP), R4       // want `invalid MOVW of d\+10\(FP\); uint16 is 2-byte value`
	FMOVD e+12(FP), F1      // want `invalid FMOVD of e\+12\(FP\); float32 is 4-byte value`
	MOVW f+16(FP), R5       // want `invalid MOVW of f\+16\(FP\); int64 is 8-byte value`
	MOVH k+24(FP), R1       // want `invalid MOVH of k\+24\(FP\); bool is 1-byte value`
	MOVD R1, ret+32(FP)
	RET

TEXT ·stores(SB), NOSPLIT, $0-32
	MOVD x+0(FP), R1
	MOVD R1, a+8(FP)        // want `invalid MOVD of a\+8\(FP\); int32 is 4-byte value`
	MOVD R1, b+12(FP)       // want `invalid MOVD of b\+12\(FP\); uint32 is 4-byte value`
	MOVH R1, c+16(FP)       // want `invalid MOVH of c\+16\(FP\); int8 is 1-byte value`
	FMOVD F1, f+20(FP)      // want `invalid FMOVD of f\+20\(FP\); float32 is 4-byte value`
	MOVW R1, w+24(FP)       // want `invalid MOVW of w\+24\(FP\); int64 is 8-byte value`
	RET

TEXT ·strs(SB), NOSPLIT, $0-24
	MOVW s+0(FP), R1        // want `invalid MOVW of s\+0\(FP\); string base is 8-byte value`
	MOVD s_len+8(FP), R2
	MOVD R2, ret+16(FP)
	RET
