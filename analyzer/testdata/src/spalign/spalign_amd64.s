#include "textflag.h"

TEXT ·helper(SB), NOSPLIT, $0-0
	RET

// SP aligned by hand, then moved by a word: 8 bytes off at the C call.
TEXT ·cCall(SB), NOSPLIT, $0-0
	MOVQ SP, R12
	ANDQ $~15, SP
	SUBQ $8, SP
	CALL libc_getpid(SB)    // want `call to the C function libc_getpid with SP 8 bytes off a multiple of 16: the System V AMD64 ABI requires SP 16-byte aligned at a call`
	MOVQ R12, SP
	RET

TEXT ·cCallOK(SB), NOSPLIT, $0-0
	MOVQ SP, R12
	ANDQ $~15, SP
	SUBQ $16, SP
	CALL libc_getpid(SB)
	MOVQ R12, SP
	RET

// Through a register after aligning SP: C code.
TEXT ·cCallReg(SB), NOSPLIT, $0-0
	MOVQ SP, R12
	ANDQ $~15, SP
	SUBQ $24, SP
	CALL AX                 // want `call to C code through a register \(SP was aligned for it\) with SP 8 bytes off a multiple of 16`
	MOVQ R12, SP
	RET

// Go's amd64 stack is only 8-byte aligned and asmcheck cannot know the
// caller's alignment: nothing is said about a C call without ANDQ.
TEXT ·cCallUnknown(SB), NOSPLIT, $0-0
	CALL libc_getpid(SB)
	RET

// Go code does not need 16-byte alignment on amd64, even through a
// register.
TEXT ·misaligned(SB), NOSPLIT, $0-8
	PUSHQ AX
	CALL ·helper(SB)
	CALL BX
	POPQ AX
	RET
TEXT ·aligned(SB), NOSPLIT, $0-8
	RET
TEXT ·misalignedCall(SB), NOSPLIT, $0-0
	RET
TEXT ·alignedCall(SB), NOSPLIT, $0-0
	RET

// Called from Go (its declaration has an argument), where SP is only
// 8-byte aligned, and never aligned for the C call.
TEXT ·cFromGo(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), DI
	CALL libc_abs(SB)       // want `call to the C function libc_abs with SP not known to be 16-byte aligned: cFromGo is called from Go code \(its declaration has arguments\), which keeps SP only 8-byte aligned on amd64 .*; align SP first: keep the old SP in a callee-saved register, AND \$~15 into SP, and restore SP after the call`
	RET

TEXT ·cFromGoOK(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), DI
	MOVQ SP, R12
	ANDQ $~15, SP
	CALL libc_abs(SB)
	MOVQ R12, SP
	RET

// Two C calls with SP as Go left it: one report, the other listed.
TEXT ·cFromGoTwice(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), DI
	CALL libc_abs(SB)       // want `call to the C function libc_abs with SP not known to be 16-byte aligned \(and the call on line \d+\): cFromGoTwice is called from Go code`
	CALL libc_abs(SB)
	RET

// A call through a register loaded from a C variable (cgo's hooks,
// runtime·callCgoSigaction's _cgo_sigaction) is a call into C.
TEXT ·cPointerFromGo(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), DI
	MOVQ _cgo_hook(SB), AX
	CALL AX // want `call to the C function whose address _cgo_hook holds with SP not known to be 16-byte aligned: cPointerFromGo is called from Go code`
	RET

TEXT ·cPointerFromGoOK(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), DI
	MOVQ _cgo_hook(SB), AX
	MOVQ SP, R12
	ANDQ $~15, SP
	CALL AX
	MOVQ R12, SP
	RET

// A register loaded from a Go variable is not known to hold C code.
TEXT ·goPointerOK(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), DI
	MOVQ ·hook(SB), AX
	CALL AX
	RET
