#include "textflag.h"

// On mipsle int64 is 4-byte aligned: y is at 4, its halves y_lo and y_hi at
// 4 and 8 (little-endian), and the result at 12.
TEXT ·offsets(SB), NOSPLIT, $0-20
	MOVB x+1(FP), R1        // want `\[mipsle\] offsets: invalid offset x\+1\(FP\); expected x\+0\(FP\)`
	MOVW y_lo+8(FP), R2     // want `invalid offset y_lo\+8\(FP\); expected y_lo\+4\(FP\): offset 8 is y_hi\+8\(FP\), so the access reads the wrong value`
	MOVW y_hi+12(FP), R3    // want `invalid offset y_hi\+12\(FP\); expected y_hi\+8\(FP\): offset 12 is ret_lo\+12\(FP\)`
	MOVW R2, ret_lo+12(FP)
	MOVW R3, ret_hi+16(FP)
	RET

TEXT ·offsetsOK(SB), NOSPLIT, $0-20
	MOVB x+0(FP), R1
	MOVW y_lo+4(FP), R2
	MOVW y_hi+8(FP), R3
	MOVW R2, ret_lo+12(FP)
	MOVW R3, ret_hi+16(FP)
	RET

// s is 8 bytes, p (int32, int64) 12: p_b at 12, n at 20.
TEXT ·names(SB), NOSPLIT, $0-24
	MOVW str_len+4(FP), R1  // want `unknown variable str_len; offset 4 is s_len\+4\(FP\)`
	MOVW p_a+8(FP), R2
	MOVW p_b_lo+8(FP), R3   // want `invalid offset p_b_lo\+8\(FP\); expected p_b_lo\+12\(FP\): offset 8 is p_a\+8\(FP\)`
	MOVW R1, res+20(FP)     // want `unknown variable res; offset 20 is n\+20\(FP\)`
	RET

TEXT ·namesOK(SB), NOSPLIT, $0-24
	MOVW s_len+4(FP), R1
	MOVW p_a+8(FP), R2
	MOVW p_b_lo+12(FP), R3
	MOVW p_b_hi+16(FP), R4
	MOVW R1, n+20(FP)
	RET

TEXT ·unnamed(SB), NOSPLIT, $0-16
	MOVW 8(FP), R1          // rejected by go tool asm: cannot reference FP without a symbol // want `use of unnamed argument 8\(FP\); offset 8 is y_lo\+8\(FP\)`
	RET

TEXT ·unnamedOK(SB), NOSPLIT, $0-16
	MOVW y_lo+8(FP), R1
	RET

// mipsle has no SP register name for a bare offset ("expected register;
// found SP"): the hardware stack pointer is R29. A $0 leaf gets no frame
// (the assembler makes it NOFRAME): 0(R29) is the caller's saved-LR slot,
// x_lo is at 4(R29) and x_hi at 8(R29). The assembler follows ADDU of a
// constant to R29.
TEXT ·viaSP(SB), NOSPLIT, $0-8
	MOVW 4(R29), R1         // want `4\(R29\) should be x_lo\+0\(FP\)`
	MOVW 8(R29), R2         // want `8\(R29\) should be x_hi\+4\(FP\)`
	ADDU $-8, R29
	MOVW 12(R29), R1        // want `12\(R29\) should be x_lo\+0\(FP\)`
	ADDU $8, R29
	RET

// With $16 the assembler saves LR at 0(R29): 4(R29) to 19(R29) are locals.
TEXT ·viaSPOK(SB), NOSPLIT, $16-8
	MOVW x_lo+0(FP), R1
	MOVW R1, 8(R29)
	RET

// References inside a macro are checked where the macro is used.
#define LOADY(reg) MOVW y_lo+16(FP), reg

TEXT ·viaMacro(SB), NOSPLIT, $0-24
	LOADY(R1)               // want `invalid offset y_lo\+16\(FP\); expected y_lo\+8\(FP\).*in an expansion of LOADY`
	MOVW R1, ret_lo+16(FP)
	MOVW R0, ret_hi+20(FP)
	RET

#define LOADYOK(reg) MOVW y_lo+8(FP), reg

TEXT ·viaMacroOK(SB), NOSPLIT, $0-24
	LOADYOK(R1)
	MOVW R1, ret_lo+16(FP)
	MOVW R0, ret_hi+20(FP)
	RET

// A negative offset from FP is the caller's frame, on purpose.
TEXT ·callerSP(SB), NOSPLIT, $0-4
	MOVW $ret-4(FP), R1
	MOVW R1, ret+0(FP)
	RET
