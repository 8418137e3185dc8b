#include "textflag.h"

TEXT ·offsets(SB), NOSPLIT, $0-24
	MOVB x+1(FP), AX        // want `invalid offset x\+1\(FP\); expected x\+0\(FP\): x is at offset 0, and offset 1 is alignment padding, which the caller neither sets nor reads, so the access reads no value`
	MOVQ y+16(FP), BX       // want `invalid offset y\+16\(FP\); expected y\+8\(FP\): offset 16 is ret\+16\(FP\), so the access reads ret, not y: correct the offset if y is meant, the name if ret is`
	MOVB x+12(FP), CX       // want `invalid offset x\+12\(FP\); expected x\+0\(FP\): offset 12 is inside y\+8\(FP\), so the access reads the wrong value`
	MOVQ BX, ret+16(FP)
	RET

TEXT ·offsetsOK(SB), NOSPLIT, $0-24
	MOVB x+0(FP), AX
	MOVQ y+8(FP), BX
	MOVQ BX, ret+16(FP)
	RET

TEXT ·names(SB), NOSPLIT, $0-40
	MOVQ str_len+8(FP), AX  // want `unknown variable str_len; offset 8 is s_len\+8\(FP\)`
	MOVL p_a+16(FP), BX
	MOVQ p_b+16(FP), CX     // want `invalid offset p_b\+16\(FP\); expected p_b\+24\(FP\)`
	MOVQ AX, res+32(FP)     // want `unknown variable res; offset 32 is n\+32\(FP\)`
	MOVQ s+8(FP), DX        // want `invalid offset s\+8\(FP\); expected s_len\+8\(FP\): offset 8 is s_len\+8\(FP\), a part of s, so the access reads s_len: name the part, s_len\+8\(FP\)`
	RET

TEXT ·namesOK(SB), NOSPLIT, $0-40
	MOVQ s_len+8(FP), AX
	MOVL p_a+16(FP), BX
	MOVQ p_b+24(FP), CX
	MOVQ AX, n+32(FP)
	RET

TEXT ·unnamed(SB), NOSPLIT, $0-16
	MOVQ 8(FP), AX          // rejected by go tool asm: cannot reference FP without a symbol // want `use of unnamed argument 8\(FP\); offset 8 is y\+8\(FP\)`
	RET

TEXT ·unnamedOK(SB), NOSPLIT, $0-16
	MOVQ y+8(FP), AX
	RET

// A frameless function reaching its argument through the hardware SP:
// 0(SP) is the return address, so x is at 8(SP).
TEXT ·viaSP(SB), NOSPLIT, $0-8
	MOVQ 8(SP), AX          // want `8\(SP\) should be x\+0\(FP\)`
	PUSHQ AX
	MOVQ 16(SP), AX         // want `16\(SP\) should be x\+0\(FP\)`
	POPQ AX
	RET

TEXT ·viaSPOK(SB), NOSPLIT, $16-8
	MOVQ x+0(FP), AX
	MOVQ AX, 8(SP)
	RET

// References inside a macro are checked where the macro is used.
#define LOADY(reg) MOVQ y+16(FP), reg

TEXT ·viaMacro(SB), NOSPLIT, $0-24
	LOADY(AX)               // want `invalid offset y\+16\(FP\); expected y\+8\(FP\).*in an expansion of LOADY`
	MOVQ AX, ret+16(FP)
	RET

#define LOADYOK(reg) MOVQ y+8(FP), reg

TEXT ·viaMacroOK(SB), NOSPLIT, $0-24
	LOADYOK(AX)
	MOVQ AX, ret+16(FP)
	RET

// A negative offset from FP is the caller's frame, on purpose.
TEXT ·callerSP(SB), NOSPLIT, $0-8
	LEAQ ret-8(FP), AX
	MOVQ AX, ret+0(FP)
	RET

// Declared without arguments, entered with a C frame: reading the
// caller's frame is the point.
TEXT ·sigEntry(SB), NOSPLIT, $0
	MOVQ 8(SP), AX
	MOVQ 16(SP), BX
	RET

// The same mistake in every expansion of a macro is reported once, at
// the first, with the functions of the others and the number of places.
#define TWICE(name) \
TEXT name(SB), NOSPLIT, $0-16; \
	MOVQ z+0(FP), AX; \
	MOVQ z+0(FP), BX; \
	RET

TWICE(·twiceA) // want `twiceA: unknown variable z; offset 0 is x\+0\(FP\): twiceA has no parameter or result named z; the assembler goes by the offset alone, so the access reads x: name it x\+0\(FP\) \(in expansions of TWICE: the same in 2 more, twiceB, twiceC; 6 places in all\)`
TWICE(·twiceB)
TWICE(·twiceC)

#define TWICEOK(name) \
TEXT name(SB), NOSPLIT, $0-16; \
	MOVQ x+0(FP), AX; \
	MOVQ y+8(FP), BX; \
	RET

TWICEOK(·twiceOK)

// An unknown name whose offset falls inside a parameter.
TEXT ·inside(SB), NOSPLIT, $0-8
	MOVL zz+4(FP), AX       // want `unknown variable zz; offset 4 is inside x\+0\(FP\): inside has no parameter or result named zz; the assembler goes by the offset alone, so the access reads part of x: correct the offset or the name`
	RET

TEXT ·insideOK(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), AX
	RET

TEXT ·pastEnd(SB), NOSPLIT, $0-12
	MOVL x+0(FP), AX
	MOVL AX, ret+12(FP)     // want `invalid offset ret\+12\(FP\); expected ret\+8\(FP\): ret is at offset 8, and offset 12 is past the 12 bytes of arguments and results of pastEnd, so the access writes the caller's frame`
	RET

TEXT ·pastEndOK(SB), NOSPLIT, $0-12
	MOVL x+0(FP), AX
	MOVL AX, ret+8(FP)
	RET
