#include "textflag.h"

TEXT ·unbalanced(SB), NOSPLIT, $0-0
	SUBQ $16, SP
	RET                     // want `RET with SP moved down by 16 bytes: the epilogue the assembler writes pops only the 0-byte frame`

TEXT ·balanced(SB), NOSPLIT, $0-0
	SUBQ $16, SP
	ADDQ $16, SP
	RET

TEXT ·join(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), AX
	CMPQ AX, $0
	JEQ done
	SUBQ $8, SP
done:
	RET                     // want `paths with different SP offsets join here \(SP moved down by 0 and 8 bytes\)`

TEXT ·joinOK(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), AX
	CMPQ AX, $0
	JEQ done
	SUBQ $8, SP
	ADDQ $8, SP
done:
	RET

// The paths join with SP at different depths, but nothing uses the stack
// until SP is put back from where it was saved (aead/poly1305's
// updateAVX2): silent.
TEXT ·joinRestored(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), DX
	MOVQ SP, AX
	TESTQ $15, DX
	JZ full
	SUBQ $64, SP
	MOVQ DX, (SP)
	MOVQ SP, SI
full:
	MOVQ (SI), BX
	MOVQ AX, SP
	RET

// Used after the join, before SP is put back: reported.
TEXT ·joinUsed(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), DX
	MOVQ SP, AX
	TESTQ $15, DX
	JZ full
	SUBQ $64, SP
full:
	MOVQ (SP), BX           // want `paths with different SP offsets join here \(SP moved down by 0 and 64 bytes\)`
	MOVQ AX, SP
	RET

TEXT helper<>(SB), NOSPLIT, $0-0
	RET

TEXT never<>(SB), NOSPLIT, $0-0
	JMP 0(PC)

// JMP leaves the 24-byte frame (16 + saved BP) allocated.
TEXT ·tailFramed(SB), NOSPLIT, $16-0
	MOVQ AX, 0(SP)
	JMP helper<>(SB)        // want `jump to helper with 24 bytes of this function's stack still allocated .*write RET helper`
TEXT ·tailFramedOK(SB), NOSPLIT, $16-0
	MOVQ AX, 0(SP)
	RET helper<>(SB)

// never<> does not return: nothing returns through the stale frame.
TEXT ·tailNoReturn(SB), NOSPLIT, $16-0
	MOVQ AX, 0(SP)
	JMP never<>(SB)

// Dropping the return address on purpose (returns to the caller's caller).
TEXT ·dropReturn(SB), NOSPLIT|NOFRAME, $0-0
	ADDQ $8, SP
	RET
