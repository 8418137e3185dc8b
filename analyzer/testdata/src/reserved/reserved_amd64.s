#include "textflag.h"

// The stack check calls morestack_noctxt, which zeroes DX.
TEXT ·closureBad(SB), $16
	MOVQ 8(DX), AX // want `MOVQ reads DX, the closure context register, before anything writes it, but closureBad is not NEEDCTXT`
	CALL ·abi0OK(SB)
	RET

TEXT ·closureOK(SB), NEEDCTXT, $16
	MOVQ 8(DX), AX
	CALL ·abi0OK(SB)
	RET

TEXT ·closureWrittenOK(SB), $16
	MOVQ $0, DX
	MOVQ 8(DX), AX
	CALL ·abi0OK(SB)
	RET

// In <ABIInternal> code X15 is zero and R14 is g.
TEXT ·x15Bad<ABIInternal>(SB), NOSPLIT, $0
	MOVUPS (AX), X15 // want `MOVUPS overwrites X15, which ABIInternal code expects to hold zero, and it still does not at the return on line 23`
	RET

TEXT ·x15OK<ABIInternal>(SB), NOSPLIT, $0
	MOVUPS (AX), X15
	MOVUPS X15, (BX)
	PXOR X15, X15
	RET

TEXT ·x15ViaGPROK<ABIInternal>(SB), NOSPLIT, $0
	MOVUPS (AX), X15
	MOVL $0, AX
	MOVQ AX, X15
	RET

TEXT ·r14Bad<ABIInternal>(SB), NOSPLIT, $0
	MOVQ AX, R14 // want `MOVQ overwrites R14, which ABIInternal code expects to hold g, and it still does not at the call on line 39`
	CALL ·x15OK<ABIInternal>(SB)
	RET

TEXT ·r14OK<ABIInternal>(SB), NOSPLIT, $0
	MOVQ AX, R14
	MOVQ (TLS), R14
	RET

TEXT ·r14SavedOK<ABIInternal>(SB), NOSPLIT, $16
	MOVQ R14, 0(SP)
	MOVQ AX, R14
	MOVQ 0(SP), R14
	RET

// ABI0 code may use R14 and X15: the wrappers restore them.
TEXT ·abi0OK(SB), NOSPLIT, $0
	MOVQ AX, R14
	MOVUPS (AX), X15
	RET
