//go:build mips64 || mips64le

#include "textflag.h"

TEXT ·offsets(SB), NOSPLIT, $0-24
	MOVB x+1(FP), R1        // want `\[mips64(le)?\] offsets: invalid offset x\+1\(FP\); expected x\+0\(FP\)`
	MOVV y+16(FP), R2       // want `invalid offset y\+16\(FP\); expected y\+8\(FP\): offset 16 is ret\+16\(FP\)`
	MOVV R2, ret+16(FP)
	RET

TEXT ·offsetsOK(SB), NOSPLIT, $0-24
	MOVB x+0(FP), R1
	MOVV y+8(FP), R2
	MOVV R2, ret+16(FP)
	RET

TEXT ·names(SB), NOSPLIT, $0-40
	MOVV str_len+8(FP), R1  // want `unknown variable str_len; offset 8 is s_len\+8\(FP\)`
	MOVW p_a+16(FP), R2
	MOVV p_b+16(FP), R3     // want `invalid offset p_b\+16\(FP\); expected p_b\+24\(FP\)`
	MOVV R1, res+32(FP)     // want `unknown variable res; offset 32 is n\+32\(FP\)`
	RET

TEXT ·namesOK(SB), NOSPLIT, $0-40
	MOVV s_len+8(FP), R1
	MOVW p_a+16(FP), R2
	MOVV p_b+24(FP), R3
	MOVV R1, n+32(FP)
	RET

TEXT ·unnamed(SB), NOSPLIT, $0-16
	MOVV 8(FP), R1          // rejected by go tool asm: cannot reference FP without a symbol // want `use of unnamed argument 8\(FP\); offset 8 is y\+8\(FP\)`
	RET

TEXT ·unnamedOK(SB), NOSPLIT, $0-16
	MOVV y+8(FP), R1
	RET

// mips64 has no SP register name for a bare offset ("expected register; found SP"):
// the hardware stack pointer is R29.
// A $0 leaf gets no frame (the assembler makes it NOFRAME), so x is at
// 8(R29), where 0(FP) is at entry. The assembler follows ADDVU of a constant to R29.
TEXT ·viaSP(SB), NOSPLIT, $0-8
	MOVV 8(R29), R1         // want `8\(R29\) should be x\+0\(FP\)`
	ADDVU $-16, R29
	MOVV 24(R29), R2         // want `24\(R29\) should be x\+0\(FP\)`
	ADDVU $16, R29
	RET

// With $16 the assembler saves LR at 0(R29): 8(R29) to 23(R29) are locals.
TEXT ·viaSPOK(SB), NOSPLIT, $16-8
	MOVV x+0(FP), R1
	MOVV R1, 8(R29)
	RET

// References inside a macro are checked where the macro is used.
#define LOADY(reg) MOVV y+16(FP), reg

TEXT ·viaMacro(SB), NOSPLIT, $0-24
	LOADY(R1)               // want `invalid offset y\+16\(FP\); expected y\+8\(FP\).*in an expansion of LOADY`
	MOVV R1, ret+16(FP)
	RET

#define LOADYOK(reg) MOVV y+8(FP), reg

TEXT ·viaMacroOK(SB), NOSPLIT, $0-24
	LOADYOK(R1)
	MOVV R1, ret+16(FP)
	RET

// A negative offset from FP is the caller's frame, on purpose.
TEXT ·callerSP(SB), NOSPLIT, $0-8
	MOVV $ret-8(FP), R1
	MOVV R1, ret+0(FP)
	RET
