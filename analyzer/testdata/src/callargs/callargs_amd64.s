#include "textflag.h"

TEXT ·callee(SB), NOSPLIT, $0-32
	MOVQ a+0(FP), AX
	ADDQ b+8(FP), AX
	ADDQ c+16(FP), AX
	MOVQ AX, ret+24(FP)
	RET

// 16 bytes of locals, 32 needed at 0(SP).
TEXT ·small(SB), $16-0
	CALL ·callee(SB)        // want `call to callee\(a int64, b int64, c int64\) int64 needs 32 bytes of arguments and results at 0\(SP\)..31\(SP\), but the frame has 16 bytes of locals \(0..15\(SP\)\): the arguments overwrite the saved frame pointer: .*; declare the frame as \$32-0`
	RET

TEXT ·smallOK(SB), $32-0
	MOVQ AX, 0(SP)
	MOVQ AX, 8(SP)
	MOVQ AX, 16(SP)
	CALL ·callee(SB)
	RET

TEXT ·goSmall(SB), $8-0
	CALL ·goCallee(SB)      // want `call to goCallee\(a int64, b int64\) int64 needs 24 bytes`
	RET

TEXT ·imported(SB), $0-0
	CALL math·Sqrt(SB)      // want `call to math.Sqrt\(x float64\) float64 needs 16 bytes .*declare the frame as \$16-0`
	RET

TEXT ·importedOK(SB), $16-0
	MOVSD X0, 0(SP)
	CALL math·Sqrt(SB)
	RET

// Arguments pushed below the frame fit: SP moved by 32.
TEXT ·pushed(SB), $0-0
	PUSHQ AX
	PUSHQ AX
	PUSHQ AX
	PUSHQ AX
	CALL ·callee(SB)
	POPQ AX
	POPQ AX
	POPQ AX
	POPQ AX
	RET

TEXT ·native(SB), NOSPLIT, $0-32
	MOVQ (DI), AX
	IMULQ CX, AX
	MOVQ AX, (SI)
	RET

TEXT ·nativeStack(SB), NOSPLIT, $0-32
	MOVQ 8(SP), DI // the first argument, through SP
	RET

// The arguments go in registers: native's area is never read.
TEXT ·wrapper(SB), NOSPLIT, $0-32
	MOVQ src+0(FP), DI
	MOVQ dst+8(FP), SI
	MOVQ k+24(FP), CX
	CALL ·native(SB)
	RET

TEXT ·wrapperStack(SB), NOSPLIT, $0-32
	MOVQ src+0(FP), DI
	CALL ·nativeStack(SB)   // want `call to nativeStack\(src \*byte, dst \*byte, n int64, k int64\) needs 32 bytes`
	RET

// callee's 32 bytes of arguments and results are tailShort's 16 and 16
// bytes of the caller's frame.
TEXT ·tailShort(SB), NOSPLIT, $0-16
	JMP ·callee(SB) // want `tail call to callee\(a int64, b int64, c int64\) int64, which takes 32 bytes of arguments and results at 0\(FP\), from tailShort, whose caller passes only 16 \(tailShort\(a int64\) int64\): .* bytes 16\.\.31 lie in the frame of whoever called tailShort`

TEXT ·tailSame(SB), NOSPLIT, $0-32
	JMP ·callee(SB)

TEXT ·tailGo(SB), NOSPLIT, $0-0
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

TEXT tailFromCFrame(SB), NOSPLIT, $24
	MOVQ DI, 0(SP)
	MOVQ SI, 8(SP)
	CALL ·goCallee(SB)
	RET

// The outgoing arguments must be written before the call.
TEXT ·unwritten(SB), $32-0
	MOVQ AX, 0(SP)
	MOVQ AX, 8(SP)
	CALL ·callee(SB) // want `call to callee\(a int64, b int64, c int64\) int64: argument c \(8 bytes at 16\(SP\)\) is not written before the call: the callee reads whatever the stack held there; store it before the CALL`
	RET

// Off by 8: a is never written.
TEXT ·offByEight(SB), $32-0
	MOVQ AX, 8(SP)
	MOVQ AX, 16(SP)
	MOVQ AX, 24(SP)
	CALL ·callee(SB) // want `argument a \(8 bytes at 0\(SP\)\) is not written before the call:`
	RET

TEXT ·somePaths(SB), $32-8
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	MOVQ AX, 8(SP)
	CMPQ AX, $0
	JEQ skip
	MOVQ AX, 16(SP)
skip:
	CALL ·callee(SB) // want `argument c \(8 bytes at 16\(SP\)\) is not written before the call on every path to it`
	RET

// Written by pseudo-SP names and a 16-byte store; c by the first call's
// result, which the second call takes as an argument.
TEXT ·writtenOK(SB), $32-0
	MOVQ AX, a-32(SP)
	MOVQ AX, b-24(SP)
	MOVQ AX, c-16(SP)
	CALL ·callee(SB)
	MOVOU X0, 0(SP)
	CALL ·callee(SB)
	RET

// The arguments are written through a register holding an address in
// the frame, which the check does not follow.
TEXT ·throughRegOK(SB), $32-0
	LEAQ 0(SP), DI
	MOVQ AX, 0(DI)
	MOVQ AX, 8(DI)
	MOVQ AX, 16(DI)
	CALL ·callee(SB)
	RET

TEXT ·blankCallee(SB), NOSPLIT, $0-24
	MOVQ b+8(FP), AX
	MOVQ AX, ret+16(FP)
	RET

TEXT ·blankOK(SB), $24-0
	MOVQ AX, 8(SP)
	CALL ·blankCallee(SB)
	RET

// A call into the body of callee, not to callee: code there takes its
// inputs in registers (asm2asm's C routines inside ·__native_entry__).
TEXT ·intoBody(SB), NOSPLIT, $0-0
	CALL ·callee+16(SB)
	RET

// firstOnly reads only a: a call that writes only a is complete
// (parquet-go/bitpack calls its kernels so).
TEXT ·firstOnly(SB), NOSPLIT, $0-32
	MOVQ a+0(FP), AX
	MOVQ AX, ret+24(FP)
	RET

TEXT ·callsFirstOnlyOK(SB), $32-0
	MOVQ $1, 0(SP)
	CALL ·firstOnly(SB)
	RET

TEXT ·callsFirstOnly(SB), $32-0
	MOVQ $1, 8(SP)
	CALL ·firstOnly(SB) // want `argument a \(8 bytes at 0\(SP\)\) is not written before the call:`
	RET
