#include "textflag.h"

// Each move of the wrong width is replaced by the move of the value's
// width; a load extends as the Go value does.

TEXT ·loads(SB), NOSPLIT, $0-36
	MOVB a+0(FP), R1        // want `invalid MOVB of a\+0\(FP\); int32 is 4-byte value`
	MOVW c+8(FP), R3        // want `invalid MOVW of c\+8\(FP\); int8 is 1-byte value`
	MOVW d+10(FP), R4       // want `invalid MOVW of d\+10\(FP\); uint16 is 2-byte value`
	MOVD e+12(FP), F1       // want `invalid MOVD of e\+12\(FP\); float32 is 4-byte value`
	MOVW R1, ret_lo+28(FP)
	MOVW R1, ret_hi+32(FP)
	RET

TEXT ·stores(SB), NOSPLIT, $0-32
	MOVW x_lo+0(FP), R1
	MOVH R1, a+8(FP)        // want `invalid MOVH of a\+8\(FP\); int32 is 4-byte value`
	MOVH R1, b+12(FP)       // want `invalid MOVH of b\+12\(FP\); uint32 is 4-byte value`
	MOVW R1, c+16(FP)       // want `invalid MOVW of c\+16\(FP\); int8 is 1-byte value`
	MOVD F1, f+20(FP)       // want `invalid MOVD of f\+20\(FP\); float32 is 4-byte value`
	MOVW R1, w_lo+24(FP)
	MOVW R1, w_hi+28(FP)
	RET

TEXT ·strs(SB), NOSPLIT, $0-12
	MOVH s+0(FP), R1        // want `invalid MOVH of s\+0\(FP\); string base is 4-byte value`
	MOVW s_len+4(FP), R2
	MOVW R2, ret+8(FP)
	RET
