#include "textflag.h"

TEXT ·offsets(SB), NOSPLIT, $0-24
	MOVB x+1(FP), R0        // want `invalid offset x\+1\(FP\); expected x\+0\(FP\): x is at offset 0, and offset 1 is alignment padding`
	MOVD y+16(FP), R1       // want `invalid offset y\+16\(FP\); expected y\+8\(FP\): offset 16 is ret\+16\(FP\)`
	MOVD R1, ret+16(FP)
	RET

TEXT ·offsetsOK(SB), NOSPLIT, $0-24
	MOVB x+0(FP), R0
	MOVD y+8(FP), R1
	MOVD R1, ret+16(FP)
	RET

TEXT ·names(SB), NOSPLIT, $0-40
	MOVD str_len+8(FP), R0  // want `unknown variable str_len; offset 8 is s_len\+8\(FP\)`
	MOVW p_a+16(FP), R1
	MOVD p_b+16(FP), R2     // want `invalid offset p_b\+16\(FP\); expected p_b\+24\(FP\)`
	MOVD R0, res+32(FP)     // want `unknown variable res; offset 32 is n\+32\(FP\)`
	MOVD s+8(FP), R3        // want `invalid offset s\+8\(FP\); expected s_len\+8\(FP\): offset 8 is s_len\+8\(FP\), a part of s, so the access reads s_len: name the part, s_len\+8\(FP\)`
	RET

TEXT ·namesOK(SB), NOSPLIT, $0-40
	MOVD s_len+8(FP), R0
	MOVW p_a+16(FP), R1
	MOVD p_b+24(FP), R2
	MOVD R0, n+32(FP)
	RET

TEXT ·unnamed(SB), NOSPLIT, $0-16
	MOVD 8(FP), R0          // rejected by go tool asm: cannot reference FP without a symbol // want `use of unnamed argument 8\(FP\); offset 8 is y\+8\(FP\)`
	RET

TEXT ·unnamedOK(SB), NOSPLIT, $0-16
	MOVD y+8(FP), R0
	RET

// A frameless leaf: 0(RSP) is the caller's saved LR, x is at 8(RSP).
TEXT ·viaSP(SB), NOSPLIT, $0-8
	MOVD 8(RSP), R0         // want `8\(RSP\) should be x\+0\(FP\)`
	RET

TEXT ·viaSPOK(SB), NOSPLIT, $16-8
	MOVD x+0(FP), R0
	MOVD R0, 8(RSP)
	RET

#define LOADY(reg) MOVD y+16(FP), reg

TEXT ·viaMacro(SB), NOSPLIT, $0-24
	LOADY(R0)               // want `invalid offset y\+16\(FP\); expected y\+8\(FP\).*in an expansion of LOADY`
	MOVD R0, ret+16(FP)
	RET

#define LOADYOK(reg) MOVD y+8(FP), reg

TEXT ·viaMacroOK(SB), NOSPLIT, $0-24
	LOADYOK(R0)
	MOVD R0, ret+16(FP)
	RET

TEXT ·callerSP(SB), NOSPLIT, $0-8
	MOVD $ret-8(FP), R0
	MOVD R0, ret+0(FP)
	RET

TEXT ·pastEnd(SB), NOSPLIT, $0-12
	MOVW x+0(FP), R0
	MOVW R0, ret+12(FP)     // want `invalid offset ret\+12\(FP\); expected ret\+8\(FP\): ret is at offset 8, and offset 12 is past the 12 bytes of arguments and results of pastEnd, so the access writes the caller's frame`
	RET

TEXT ·pastEndOK(SB), NOSPLIT, $0-12
	MOVW x+0(FP), R0
	MOVW R0, ret+8(FP)
	RET
