#include "textflag.h"

TEXT ·offsets(SB), NOSPLIT, $0-24
	MOVB x+1(FP), R4        // want `\[loong64\] offsets: invalid offset x\+1\(FP\); expected x\+0\(FP\)`
	MOVV y+16(FP), R5       // want `invalid offset y\+16\(FP\); expected y\+8\(FP\): offset 16 is ret\+16\(FP\)`
	MOVV R5, ret+16(FP)
	RET

TEXT ·offsetsOK(SB), NOSPLIT, $0-24
	MOVB x+0(FP), R4
	MOVV y+8(FP), R5
	MOVV R5, ret+16(FP)
	RET

TEXT ·names(SB), NOSPLIT, $0-40
	MOVV str_len+8(FP), R4  // want `unknown variable str_len; offset 8 is s_len\+8\(FP\)`
	MOVW p_a+16(FP), R5
	MOVV p_b+16(FP), R6     // want `invalid offset p_b\+16\(FP\); expected p_b\+24\(FP\)`
	MOVV R4, res+32(FP)     // want `unknown variable res; offset 32 is n\+32\(FP\)`
	RET

TEXT ·namesOK(SB), NOSPLIT, $0-40
	MOVV s_len+8(FP), R4
	MOVW p_a+16(FP), R5
	MOVV p_b+24(FP), R6
	MOVV R4, n+32(FP)
	RET

TEXT ·unnamed(SB), NOSPLIT, $0-16
	MOVV 8(FP), R4          // rejected by go tool asm: cannot reference FP without a symbol // want `use of unnamed argument 8\(FP\); offset 8 is y\+8\(FP\)`
	RET

TEXT ·unnamedOK(SB), NOSPLIT, $0-16
	MOVV y+8(FP), R4
	RET

// loong64 has no SP register name for a bare offset ("expected register; found SP"):
// the hardware stack pointer is R3.
// A $0 leaf gets no frame (the assembler makes it NOFRAME), so x is at
// 8(R3), where 0(FP) is at entry. The assembler follows ADDV of a constant to R3.
TEXT ·viaSP(SB), NOSPLIT, $0-8
	MOVV 8(R3), R4         // want `8\(R3\) should be x\+0\(FP\)`
	ADDV $-16, R3
	MOVV 24(R3), R5         // want `24\(R3\) should be x\+0\(FP\)`
	ADDV $16, R3
	RET

// With $16 the assembler saves LR at 0(R3): 8(R3) to 23(R3) are locals.
TEXT ·viaSPOK(SB), NOSPLIT, $16-8
	MOVV x+0(FP), R4
	MOVV R4, 8(R3)
	RET

// References inside a macro are checked where the macro is used.
#define LOADY(reg) MOVV y+16(FP), reg

TEXT ·viaMacro(SB), NOSPLIT, $0-24
	LOADY(R4)               // want `invalid offset y\+16\(FP\); expected y\+8\(FP\).*in an expansion of LOADY`
	MOVV R4, ret+16(FP)
	RET

#define LOADYOK(reg) MOVV y+8(FP), reg

TEXT ·viaMacroOK(SB), NOSPLIT, $0-24
	LOADYOK(R4)
	MOVV R4, ret+16(FP)
	RET

// A negative offset from FP is the caller's frame, on purpose.
TEXT ·callerSP(SB), NOSPLIT, $0-8
	MOVV $ret-8(FP), R4
	MOVV R4, ret+0(FP)
	RET
