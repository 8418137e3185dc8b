#include "textflag.h"

TEXT ·callee(SB), NOSPLIT, $0-32
	MOVD a+0(FP), R0
	MOVD b+8(FP), R1
	MOVD c+16(FP), R2
	ADD R1, R0
	ADD R2, R0
	MOVD R0, ret+24(FP)
	RET

// 16 bytes of locals at 8..23(RSP), 32 needed from 8(RSP).
TEXT ·small(SB), $16-0
	BL ·callee(SB)          // want `call to callee\(a int64, b int64, c int64\) int64 needs 32 bytes of arguments and results at 8\(SP\)..39\(SP\), but the frame has 16 bytes of locals \(8..23\(SP\)\): the arguments overwrite the caller's saved frame pointer: .*; declare the frame as \$32-0`
	RET

TEXT ·smallOK(SB), $32-0
	MOVD R0, 8(RSP)
	STP (R0, R1), 16(RSP)
	BL ·callee(SB)
	RET

TEXT ·goSmall(SB), $8-0
	BL ·goCallee(SB)        // want `call to goCallee\(a int64, b int64\) int64 needs 24 bytes`
	RET

TEXT ·imported(SB), $0-0
	BL math·Sqrt(SB)        // want `call to math.Sqrt\(x float64\) float64 needs 16 bytes .*declare the frame as \$16-0`
	RET

TEXT ·importedOK(SB), $16-0
	FMOVD F0, 8(RSP)
	BL math·Sqrt(SB)
	RET

// Arguments pushed by hand: SP moved by 32, the callee's area is 8..39
// of the new SP.
TEXT ·pushed(SB), $0-0
	SUB $48, RSP
	BL ·callee(SB)
	ADD $48, RSP
	RET

TEXT ·native(SB), NOSPLIT|NOFRAME, $0-32
	WORD $0x3cc10521 // ldr q1, [x9], #16: NEON written as a WORD, no SP in it
	MULW R3, R2, R2
	MOVW R2, (R1)
	RET

TEXT ·nativeStack(SB), NOSPLIT|NOFRAME, $0-32
	WORD $0xf94007e0 // ldr x0, [sp, #8]: the first argument, through SP
	RET

// The arguments go in registers: native's area is never read.
TEXT ·wrapper(SB), NOSPLIT, $0-32
	MOVD src+0(FP), R0
	MOVD dst+8(FP), R1
	MOVD n+16(FP), R2
	MOVD k+24(FP), R3
	BL ·native(SB)
	RET

TEXT ·wrapperStack(SB), NOSPLIT, $0-32
	MOVD src+0(FP), R0
	BL ·nativeStack(SB)     // want `call to nativeStack\(src \*byte, dst \*byte, n int64, k int64\) needs 32 bytes`
	RET

// callee's 32 bytes of arguments and results are tailShort's 16 and 16
// bytes of the caller's frame.
TEXT ·tailShort(SB), NOSPLIT, $0-16
	JMP ·callee(SB) // want `tail call to callee\(a int64, b int64, c int64\) int64, which takes 32 bytes of arguments and results at 0\(FP\), from tailShort, whose caller passes only 16 \(tailShort\(a int64\) int64\): .* bytes 16\.\.31 lie in the frame of whoever called tailShort`

TEXT ·tailSame(SB), NOSPLIT, $0-32
	B ·callee(SB)

TEXT ·tailGo(SB), NOSPLIT|NOFRAME, $0-0
	JMP ·goCallee(SB) // want `tail call to goCallee\(a int64, b int64\) int64, which takes 24 bytes .* whose caller passes only 0 \(tailGo\(\)\)`

// native never touches its argument area.
TEXT ·tailNative(SB), NOSPLIT, $0-0
	JMP ·native(SB)

TEXT ·noArgs(SB), NOSPLIT, $0-0
	RET

// Entered from C (a C-style name the package never uses): no Go
// arguments on the stack.
TEXT tailFromC(SB), NOSPLIT, $0
	JMP ·goCallee(SB) // want `tail call to goCallee\(a int64, b int64\) int64, which takes 24 bytes of arguments and results at 0\(FP\), from tailFromC, which is entered from C \(.*\): C passes no arguments on the stack`

TEXT tailFromCNoArgs(SB), NOSPLIT, $0
	JMP ·noArgs(SB)

TEXT tailFromCFrame(SB), NOSPLIT, $32
	MOVD R0, 8(RSP)
	MOVD R1, 16(RSP)
	BL ·goCallee(SB)
	RET

// The outgoing arguments must be written before the call.
TEXT ·unwritten(SB), $32-0
	MOVD R0, 8(RSP)
	MOVD R0, 16(RSP)
	BL ·callee(SB) // want `call to callee\(a int64, b int64, c int64\) int64: argument c \(8 bytes at 24\(RSP\)\) is not written before the call: the callee reads whatever the stack held there; store it before the CALL`
	RET

// Off by 8, amd64's offsets: the arguments start at 8(RSP) (0(RSP)
// holds the saved LR), so c is never written.
TEXT ·offByEight(SB), $32-0
	MOVD R0, 0(RSP)
	MOVD R0, 8(RSP)
	MOVD R0, 16(RSP)
	BL ·callee(SB) // want `argument c \(8 bytes at 24\(RSP\)\) is not written before the call:`
	RET

TEXT ·somePaths(SB), $32-8
	MOVD x+0(FP), R0
	MOVD R0, 8(RSP)
	MOVD R0, 16(RSP)
	CBZ R0, skip
	MOVD R0, 24(RSP)
skip:
	BL ·callee(SB) // want `argument c \(8 bytes at 24\(RSP\)\) is not written before the call on every path to it`
	RET

// Written by pseudo-SP names and a pair store; c by the first call's
// result, which the second call takes as an argument.
TEXT ·writtenOK(SB), $32-0
	MOVD R0, a-32(SP)
	MOVD R0, b-24(SP)
	MOVD R0, c-16(SP)
	BL ·callee(SB)
	STP (R0, R1), 8(RSP)
	BL ·callee(SB)
	RET

// The arguments are written through a register holding an address in
// the frame, which the check does not follow.
TEXT ·throughRegOK(SB), $32-0
	ADD $8, RSP, R2
	MOVD R0, 0(R2)
	MOVD R0, 8(R2)
	MOVD R0, 16(R2)
	BL ·callee(SB)
	RET

TEXT ·blankCallee(SB), NOSPLIT, $0-24
	MOVD b+8(FP), R0
	MOVD R0, ret+16(FP)
	RET

TEXT ·blankOK(SB), $24-0
	MOVD R0, 16(RSP)
	BL ·blankCallee(SB)
	RET

// A call into the body of callee, not to callee: code there takes its
// inputs in registers (asm2asm's C routines inside ·__native_entry__).
TEXT ·intoBody(SB), NOSPLIT, $0-0
	BL ·callee+16(SB)
	RET

// firstOnly reads only a: a call that writes only a is complete
// (parquet-go/bitpack calls its kernels so).
TEXT ·firstOnly(SB), NOSPLIT, $0-32
	MOVD a+0(FP), R0
	MOVD R0, ret+24(FP)
	RET

TEXT ·callsFirstOnlyOK(SB), $32-0
	MOVD $1, R0
	MOVD R0, 8(RSP)
	BL ·firstOnly(SB)
	RET

TEXT ·callsFirstOnly(SB), $32-0
	MOVD $1, R0
	MOVD R0, 16(RSP)
	BL ·firstOnly(SB) // want `argument a \(8 bytes at 8\(RSP\)\) is not written before the call:`
	RET
