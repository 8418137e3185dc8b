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
