#include "textflag.h"

// A loop counter in CX does not survive the system call in the loop.
TEXT ·writeLoop(SB), NOSPLIT, $0-24
	MOVQ fd+0(FP), DI
	MOVQ p+8(FP), SI
	MOVQ n+16(FP), CX
loop:
	MOVL $1, AX // SYS_write
	MOVL $1, DX
	SYSCALL
	INCQ SI
	DECQ CX // want `DECQ reads CX, which the SYSCALL on line 11 overwrote with the return address: the CPU saves RIP in CX and RFLAGS in R11 when it enters the kernel`
	JNE loop
	RET

// The same loop with the counter in BX, which the kernel preserves.
TEXT ·writeLoopOK(SB), NOSPLIT, $0-24
	MOVQ fd+0(FP), DI
	MOVQ p+8(FP), SI
	MOVQ n+16(FP), BX
loop:
	MOVL $1, AX
	MOVL $1, DX
	SYSCALL
	INCQ SI
	DECQ BX
	JNE loop
	RET

// A value loaded before the system call and used after it.
TEXT ·keepR11(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), R11
	MOVL $39, AX // SYS_getpid
	SYSCALL
	MOVQ R11, ret+8(FP) // want `MOVQ reads R11, which the SYSCALL on line 35 overwrote with the flags`
	RET

// Loaded again after the system call.
TEXT ·keepR11OK(SB), NOSPLIT, $0-16
	MOVL $39, AX
	SYSCALL
	MOVQ x+0(FP), R11
	MOVQ R11, ret+8(FP)
	RET

// Only one path goes through the system call, and it is enough.
TEXT ·onePath(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), CX
	CMPQ CX, $0
	JEQ skip
	MOVL $39, AX
	SYSCALL
skip:
	MOVQ CX, ret+8(FP) // want `MOVQ reads CX, which the SYSCALL on line 53 overwrote with the return address`
	RET

// The value is read only before the system call.
TEXT ·onePathOK(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), CX
	MOVQ CX, ret+8(FP)
	CMPQ CX, $0
	JEQ skip
	MOVL $39, AX
	SYSCALL
skip:
	RET

// CX is written (zeroed) before it is read again.
TEXT ·zeroedOK(SB), NOSPLIT, $0-8
	MOVL $39, AX
	SYSCALL
	XORL CX, CX
	ADDQ CX, AX
	MOVQ AX, ret+0(FP)
	RET

// After a call the callee decides what CX holds: not this check's
// business.
TEXT ·afterCallOK(SB), $0-8
	MOVL $39, AX
	SYSCALL
	CALL ·gofunc(SB)
	MOVQ CX, ret+0(FP)
	RET

// The system call's result is in AX.
TEXT ·resultOK(SB), NOSPLIT, $0-8
	MOVL $39, AX
	SYSCALL
	MOVQ AX, ret+0(FP)
	RET
