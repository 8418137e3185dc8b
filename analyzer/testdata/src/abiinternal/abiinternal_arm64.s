#include "textflag.h"

// x arrives in R0; its spill slot x+0(FP) is not written by the caller.
TEXT ·spillReadBad<ABIInternal>(SB), NOSPLIT, $0-16
	MOVD y+8(FP), R2 // want `MOVD reads y\+8\(FP\), the spill slot of y, before anything spilled it there: y arrives in R1`
	ADD R2, R0, R0
	RET

TEXT ·spillReadOK<ABIInternal>(SB), NOSPLIT, $0-16
	MOVD R1, y+8(FP)
	MOVD y+8(FP), R2
	ADD R2, R0, R0
	RET

TEXT ·resultBad<ABIInternal>(SB), NOSPLIT, $0-16
	ADD R1, R0, R0
	MOVD R0, ret+16(FP) // want `MOVD stores the result ret on the stack, but an <ABIInternal> function returns it in R0`
	RET

TEXT ·resultOK<ABIInternal>(SB), NOSPLIT, $0-16
	ADD R1, R0, R0
	RET

TEXT ·abi0OK(SB), NOSPLIT, $0-24
	MOVD x+0(FP), R0
	MOVD y+8(FP), R1
	ADD R1, R0, R0
	MOVD R0, ret+16(FP)
	RET

// [2]int goes on the stack, so ABIInternal puts it at 0(FP) and x's spill
// slot after it: x+0(FP), the ABI0 offset, is the result.
TEXT ·arrayResult<ABIInternal>(SB), NOSPLIT, $0-24
	MOVD x+0(FP), R1 // want `MOVD reads x\+0\(FP\) from the stack, but an <ABIInternal> function receives x in R0: offset 0 is not where it is`
	RET
