#include "textflag.h"

// x arrives in AX; its spill slot x+0(FP) is not written by the caller.
TEXT ·spillReadBad<ABIInternal>(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), CX // want `MOVQ reads x\+0\(FP\), the spill slot of x, before anything spilled it there: x arrives in AX`
	ADDQ BX, CX
	MOVQ CX, AX
	RET

TEXT ·spillReadOK<ABIInternal>(SB), NOSPLIT, $0-16
	MOVQ AX, x+0(FP)
	MOVQ BX, y+8(FP)
	MOVQ x+0(FP), CX
	ADDQ y+8(FP), CX
	MOVQ CX, AX
	RET

// The result goes back in AX, not in the frame.
TEXT ·resultBad<ABIInternal>(SB), NOSPLIT, $0-16
	ADDQ BX, AX
	MOVQ AX, ret+16(FP) // want `MOVQ stores the result ret on the stack, but an <ABIInternal> function returns it in AX`
	RET

TEXT ·resultOK<ABIInternal>(SB), NOSPLIT, $0-16
	ADDQ BX, AX
	RET

// ABI0 functions take everything from the frame.
TEXT ·abi0OK(SB), NOSPLIT, $0-24
	MOVQ x+0(FP), AX
	ADDQ y+8(FP), AX
	MOVQ AX, ret+16(FP)
	RET

// [2]int goes on the stack, so ABIInternal puts it at 0(FP) and x's spill
// slot after it: x+0(FP), the ABI0 offset, is the result.
TEXT ·arrayResult<ABIInternal>(SB), NOSPLIT, $0-24
	MOVQ x+0(FP), CX // want `MOVQ reads x\+0\(FP\) from the stack, but an <ABIInternal> function receives x in AX: offset 0 is not where it is`
	RET
