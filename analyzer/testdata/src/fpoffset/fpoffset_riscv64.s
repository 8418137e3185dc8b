#include "textflag.h"

TEXT ·offsets(SB), NOSPLIT, $0-24
	MOVB x+1(FP), T0        // want `\[riscv64\] offsets: invalid offset x\+1\(FP\); expected x\+0\(FP\)`
	MOV y+16(FP), T1       // want `invalid offset y\+16\(FP\); expected y\+8\(FP\): offset 16 is ret\+16\(FP\)`
	MOV T1, ret+16(FP)
	RET

TEXT ·offsetsOK(SB), NOSPLIT, $0-24
	MOVB x+0(FP), T0
	MOV y+8(FP), T1
	MOV T1, ret+16(FP)
	RET

TEXT ·names(SB), NOSPLIT, $0-40
	MOV str_len+8(FP), T0  // want `unknown variable str_len; offset 8 is s_len\+8\(FP\)`
	MOVW p_a+16(FP), T1
	MOV p_b+16(FP), T2     // want `invalid offset p_b\+16\(FP\); expected p_b\+24\(FP\)`
	MOV T0, res+32(FP)     // want `unknown variable res; offset 32 is n\+32\(FP\)`
	RET

TEXT ·namesOK(SB), NOSPLIT, $0-40
	MOV s_len+8(FP), T0
	MOVW p_a+16(FP), T1
	MOV p_b+24(FP), T2
	MOV T0, n+32(FP)
	RET

TEXT ·unnamed(SB), NOSPLIT, $0-16
	MOV 8(FP), T0          // rejected by go tool asm: cannot reference FP without a symbol // want `use of unnamed argument 8\(FP\); offset 8 is y\+8\(FP\)`
	RET

TEXT ·unnamedOK(SB), NOSPLIT, $0-16
	MOV y+8(FP), T0
	RET

// On riscv64 the hardware stack pointer is X2, which the assembler also
// accepts as SP in a bare offset.
// A $0 leaf gets no frame (the assembler makes it NOFRAME), so x is at
// 8(X2), where 0(FP) is at entry. The assembler follows ADD (ADDI) of a constant to X2.
TEXT ·viaSP(SB), NOSPLIT, $0-8
	MOV 8(X2), T0         // want `8\(X2\) should be x\+0\(FP\)`
	ADD $-16, X2
	MOV 24(SP), T1         // want `24\(SP\) should be x\+0\(FP\)`
	ADD $16, X2
	RET

// With $16 the assembler saves LR at 0(X2): 8(X2) to 23(X2) are locals.
TEXT ·viaSPOK(SB), NOSPLIT, $16-8
	MOV x+0(FP), T0
	MOV T0, 8(X2)
	RET

// References inside a macro are checked where the macro is used.
#define LOADY(reg) MOV y+16(FP), reg

TEXT ·viaMacro(SB), NOSPLIT, $0-24
	LOADY(T0)               // want `invalid offset y\+16\(FP\); expected y\+8\(FP\).*in an expansion of LOADY`
	MOV T0, ret+16(FP)
	RET

#define LOADYOK(reg) MOV y+8(FP), reg

TEXT ·viaMacroOK(SB), NOSPLIT, $0-24
	LOADYOK(T0)
	MOV T0, ret+16(FP)
	RET

// A negative offset from FP is the caller's frame, on purpose.
TEXT ·callerSP(SB), NOSPLIT, $0-8
	MOV $ret-8(FP), T0
	MOV T0, ret+0(FP)
	RET
