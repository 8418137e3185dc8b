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
