#include "textflag.h"

// On 386 int64 is 4-byte aligned: y is at 4, its halves y_lo and y_hi at
// 4 and 8, and the result at 12.
TEXT ·offsets(SB), NOSPLIT, $0-20
	MOVB x+1(FP), AX        // want `\[386\] offsets: invalid offset x\+1\(FP\); expected x\+0\(FP\)`
	MOVL y_lo+8(FP), BX     // want `invalid offset y_lo\+8\(FP\); expected y_lo\+4\(FP\): offset 8 is y_hi\+8\(FP\), so the access reads the wrong value`
	MOVL y_hi+12(FP), CX    // want `invalid offset y_hi\+12\(FP\); expected y_hi\+8\(FP\): offset 12 is ret_lo\+12\(FP\)`
	MOVL BX, ret_lo+12(FP)
	MOVL CX, ret_hi+16(FP)
	RET

TEXT ·offsetsOK(SB), NOSPLIT, $0-20
	MOVB x+0(FP), AX
	MOVL y_lo+4(FP), BX
	MOVL y_hi+8(FP), CX
	MOVL BX, ret_lo+12(FP)
	MOVL CX, ret_hi+16(FP)
	RET

// s is 8 bytes, p (int32, int64) 12: p_b at 12, n at 20.
TEXT ·names(SB), NOSPLIT, $0-24
	MOVL str_len+4(FP), AX  // want `unknown variable str_len; offset 4 is s_len\+4\(FP\)`
	MOVL p_a+8(FP), BX
	MOVL p_b_lo+8(FP), CX   // want `invalid offset p_b_lo\+8\(FP\); expected p_b_lo\+12\(FP\): offset 8 is p_a\+8\(FP\)`
	MOVL AX, res+20(FP)     // want `unknown variable res; offset 20 is n\+20\(FP\)`
	RET

TEXT ·namesOK(SB), NOSPLIT, $0-24
	MOVL s_len+4(FP), AX
	MOVL p_a+8(FP), BX
	MOVL p_b_lo+12(FP), CX
	MOVL p_b_hi+16(FP), DX
	MOVL AX, n+20(FP)
	RET

TEXT ·unnamed(SB), NOSPLIT, $0-16
	MOVL 8(FP), AX          // rejected by go tool asm: cannot reference FP without a symbol // want `use of unnamed argument 8\(FP\); offset 8 is y_lo\+8\(FP\)`
	RET

TEXT ·unnamedOK(SB), NOSPLIT, $0-16
	MOVL y_lo+8(FP), AX
	RET

// A frameless function reaching its argument through the hardware SP:
// 0(SP) is the 4-byte return address, so x_lo is at 4(SP), x_hi at 8(SP).
TEXT ·viaSP(SB), NOSPLIT, $0-8
	MOVL 4(SP), AX          // want `4\(SP\) should be x_lo\+0\(FP\)`
	MOVL 8(SP), DX          // want `8\(SP\) should be x_hi\+4\(FP\)`
	PUSHL AX
	MOVL 8(SP), AX          // want `8\(SP\) should be x_lo\+0\(FP\)`
	POPL AX
	RET

TEXT ·viaSPOK(SB), NOSPLIT, $16-8
	MOVL x_lo+0(FP), AX
	MOVL AX, 8(SP)
	RET

// References inside a macro are checked where the macro is used.
#define LOADY(reg) MOVL y_lo+16(FP), reg

TEXT ·viaMacro(SB), NOSPLIT, $0-24
	LOADY(AX)               // want `invalid offset y_lo\+16\(FP\); expected y_lo\+8\(FP\).*in an expansion of LOADY`
	MOVL AX, ret_lo+16(FP)
	MOVL $0, ret_hi+20(FP)
	RET

#define LOADYOK(reg) MOVL y_lo+8(FP), reg

TEXT ·viaMacroOK(SB), NOSPLIT, $0-24
	LOADYOK(AX)
	MOVL AX, ret_lo+16(FP)
	MOVL $0, ret_hi+20(FP)
	RET

// A negative offset from FP is the caller's frame, on purpose.
TEXT ·callerSP(SB), NOSPLIT, $0-4
	LEAL ret-4(FP), AX
	MOVL AX, ret+0(FP)
	RET
