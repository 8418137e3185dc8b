#include "textflag.h"

// Each move of the wrong width is replaced by the move of the value's
// width; a load extends as the Go value does. An 8-byte value has no
// 8-byte move into a general register on 386: no fix.

TEXT ·loads(SB), NOSPLIT, $0-36
	MOVW a+0(FP), AX   // want `invalid MOVW of a\+0\(FP\); int32 is 4-byte value`
	MOVL c+8(FP), CX   // want `invalid MOVL of c\+8\(FP\); int8 is 1-byte value`
	MOVL d+10(FP), DX  // want `invalid MOVL of d\+10\(FP\); uint16 is 2-byte value`
	MOVSD e+12(FP), X0 // want `invalid MOVSD of e\+12\(FP\); float32 is 4-byte value`
	MOVL AX, ret_lo+28(FP)
	MOVL AX, ret_hi+32(FP)
	RET
