#include "textflag.h"

TEXT ·offsets(SB), NOSPLIT, $0-24
	MOVB x+1(FP), R1        // want `\[s390x\] offsets: invalid offset x\+1\(FP\); expected x\+0\(FP\)`
	MOVD y+16(FP), R2       // want `invalid offset y\+16\(FP\); expected y\+8\(FP\): offset 16 is ret\+16\(FP\)`
	MOVD R2, ret+16(FP)
	RET

TEXT ·offsetsOK(SB), NOSPLIT, $0-24
	MOVB x+0(FP), R1
	MOVD y+8(FP), R2
	MOVD R2, ret+16(FP)
	RET

TEXT ·names(SB), NOSPLIT, $0-40
	MOVD str_len+8(FP), R1  // want `unknown variable str_len; offset 8 is s_len\+8\(FP\)`
	MOVW p_a+16(FP), R2
	MOVD p_b+16(FP), R3     // want `invalid offset p_b\+16\(FP\); expected p_b\+24\(FP\)`
	MOVD R1, res+32(FP)     // want `unknown variable res; offset 32 is n\+32\(FP\)`
	RET

TEXT ·namesOK(SB), NOSPLIT, $0-40
	MOVD s_len+8(FP), R1
	MOVW p_a+16(FP), R2
	MOVD p_b+24(FP), R3
	MOVD R1, n+32(FP)
	RET

TEXT ·unnamed(SB), NOSPLIT, $0-16
	MOVD 8(FP), R1          // rejected by go tool asm: cannot reference FP without a symbol // want `use of unnamed argument 8\(FP\); offset 8 is y\+8\(FP\)`
	RET

TEXT ·unnamedOK(SB), NOSPLIT, $0-16
	MOVD y+8(FP), R1
	RET

// s390x has no SP register name for a bare offset ("expected register; found SP"):
// the hardware stack pointer is R15.
// A $0 leaf gets no frame (the assembler makes it NOFRAME), so x is at
// 8(R15), where 0(FP) is at entry. The assembler follows ADD of a constant to R15.
TEXT ·viaSP(SB), NOSPLIT, $0-8
	MOVD 8(R15), R1         // want `8\(R15\) should be x\+0\(FP\)`
	ADD $-16, R15
	MOVD 24(R15), R2         // want `24\(R15\) should be x\+0\(FP\)`
	ADD $16, R15
	RET

// With $16 the assembler saves LR at 0(R15): 8(R15) to 23(R15) are locals.
TEXT ·viaSPOK(SB), NOSPLIT, $16-8
	MOVD x+0(FP), R1
	MOVD R1, 8(R15)
	RET

// References inside a macro are checked where the macro is used.
#define LOADY(reg) MOVD y+16(FP), reg

TEXT ·viaMacro(SB), NOSPLIT, $0-24
	LOADY(R1)               // want `invalid offset y\+16\(FP\); expected y\+8\(FP\).*in an expansion of LOADY`
	MOVD R1, ret+16(FP)
	RET

#define LOADYOK(reg) MOVD y+8(FP), reg

TEXT ·viaMacroOK(SB), NOSPLIT, $0-24
	LOADYOK(R1)
	MOVD R1, ret+16(FP)
	RET

// A negative offset from FP is the caller's frame, on purpose.
TEXT ·callerSP(SB), NOSPLIT, $0-8
	MOVD $ret-8(FP), R1
	MOVD R1, ret+0(FP)
	RET

// The last byte of a big-endian int64 is its low-order byte: go vet's
// rule still wants x+0(FP), and the message says the value is right.
TEXT ·lowByte(SB), NOSPLIT, $0-8
	MOVBZ x+7(FP), R1       // want `invalid offset x\+7\(FP\); expected x\+0\(FP\): offset 7 starts the last byte of the 8-byte x\+0\(FP\), its low-order end on big-endian s390x: the 1-byte access reads x's low-order byte, which is right while the value fits in it`
	RET

TEXT ·lowByteOK(SB), NOSPLIT, $0-8
	MOVD x+0(FP), R1
	RET

// Inside but not at the end: the wrong bytes.
TEXT ·midByte(SB), NOSPLIT, $0-8
	MOVBZ x+3(FP), R1       // want `offset 3 is inside x\+0\(FP\), so the access reads the wrong value`
	RET
