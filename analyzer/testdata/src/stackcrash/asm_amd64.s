#include "textflag.h"
#include "funcdata.h"

TEXT ·withLocals(SB), $16-8
	MOVQ n+0(FP), AX
	MOVQ AX, 0(SP)
	CALL ·grow(SB)          // want `call to ·grow with 16 bytes of locals and no locals pointer map`
	RET

TEXT ·noLocals(SB), $16-8
	NO_LOCAL_POINTERS
	MOVQ n+0(FP), AX
	MOVQ AX, 0(SP)
	CALL ·grow(SB)
	RET

TEXT ·callsUndeclared(SB), $16-8
	NO_LOCAL_POINTERS
	MOVQ n+0(FP), AX
	MOVQ AX, 0(SP)
	CALL ·undeclared(SB)
	RET

// No Go declaration: 16 bytes of arguments without a pointer map.
TEXT ·undeclared(SB), $8-16 // want `16 bytes of arguments without an argument pointer map`
	NO_LOCAL_POINTERS
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	CALL ·grow(SB)
	RET

// SUBQ makes the function SPWRITE.
TEXT ·spwrite(SB), NOSPLIT, $0-8
	MOVQ n+0(FP), AX
	SUBQ $16, SP
	MOVQ AX, 0(SP)
	CALL ·grow(SB)          // want `call to ·grow in an SPWRITE function`
	ADDQ $16, SP
	RET

// $0 with a call: the frame is the saved BP only, varp-sp is 0 and the
// runtime does not look for a locals map.
TEXT ·smallFrame(SB), $0-8
	CALL ·grow64(SB)
	RET

// Two words pushed: varp-sp is 16 at the call.
TEXT ·pushed(SB), $0-8
	MOVQ n+0(FP), AX
	PUSHQ AX
	PUSHQ AX
	CALL ·grow(SB)          // want `call to ·grow with 16 bytes of locals and no locals pointer map`
	POPQ AX
	POPQ AX
	RET
