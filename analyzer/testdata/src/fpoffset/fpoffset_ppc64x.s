//go:build ppc64 || ppc64le

#include "textflag.h"

TEXT ·offsets(SB), NOSPLIT, $0-24
	MOVB x+1(FP), R3        // want `\[ppc64(le)?\] offsets: invalid offset x\+1\(FP\); expected x\+0\(FP\)`
	MOVD y+16(FP), R4       // want `invalid offset y\+16\(FP\); expected y\+8\(FP\): offset 16 is ret\+16\(FP\)`
	MOVD R4, ret+16(FP)
	RET

TEXT ·offsetsOK(SB), NOSPLIT, $0-24
	MOVB x+0(FP), R3
	MOVD y+8(FP), R4
	MOVD R4, ret+16(FP)
	RET

TEXT ·names(SB), NOSPLIT, $0-40
	MOVD str_len+8(FP), R3  // want `unknown variable str_len; offset 8 is s_len\+8\(FP\)`
	MOVW p_a+16(FP), R4
	MOVD p_b+16(FP), R5     // want `invalid offset p_b\+16\(FP\); expected p_b\+24\(FP\)`
	MOVD R3, res+32(FP)     // want `unknown variable res; offset 32 is n\+32\(FP\)`
	RET

TEXT ·namesOK(SB), NOSPLIT, $0-40
	MOVD s_len+8(FP), R3
	MOVW p_a+16(FP), R4
	MOVD p_b+24(FP), R5
	MOVD R3, n+32(FP)
	RET

TEXT ·unnamed(SB), NOSPLIT, $0-16
	MOVD 8(FP), R3          // rejected by go tool asm: cannot reference FP without a symbol // want `use of unnamed argument 8\(FP\); offset 8 is y\+8\(FP\)`
	RET

TEXT ·unnamedOK(SB), NOSPLIT, $0-16
	MOVD y+8(FP), R3
	RET

// ppc64 has no SP register name for a bare offset ("expected register; found SP"):
// the hardware stack pointer is R1. The caller keeps a 32-byte fixed frame
// (LR save word and linkage area) at the bottom of its frame, so the arguments
// start at 32(R1).
// A $0 leaf gets no frame (the assembler makes it NOFRAME), so x is at
// 32(R1), where 0(FP) is at entry. The assembler follows ADD of a constant to R1.
TEXT ·viaSP(SB), NOSPLIT, $0-8
	MOVD 32(R1), R3         // want `32\(R1\) should be x\+0\(FP\)`
	ADD $-16, R1
	MOVD 48(R1), R4         // want `48\(R1\) should be x\+0\(FP\)`
	ADD $16, R1
	RET

// With $16 the frame is 48 bytes: the 32-byte fixed frame at 0(R1), then the
// locals at 32(R1) to 47(R1); x is at 80(R1).
TEXT ·viaSPOK(SB), NOSPLIT, $16-8
	MOVD x+0(FP), R3
	MOVD R3, 32(R1)
	RET

// References inside a macro are checked where the macro is used.
#define LOADY(reg) MOVD y+16(FP), reg

TEXT ·viaMacro(SB), NOSPLIT, $0-24
	LOADY(R3)               // want `invalid offset y\+16\(FP\); expected y\+8\(FP\).*in an expansion of LOADY`
	MOVD R3, ret+16(FP)
	RET

#define LOADYOK(reg) MOVD y+8(FP), reg

TEXT ·viaMacroOK(SB), NOSPLIT, $0-24
	LOADYOK(R3)
	MOVD R3, ret+16(FP)
	RET

// A negative offset from FP is the caller's frame, on purpose.
TEXT ·callerSP(SB), NOSPLIT, $0-8
	MOVD $ret-8(FP), R3
	MOVD R3, ret+0(FP)
	RET
