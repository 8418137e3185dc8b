#include "textflag.h"
#include "funcdata.h"

// SUBQ $n, SP is not tracked on amd64: the function is SPWRITE.
TEXT ·subCall(SB), NOSPLIT, $0-0
	SUBQ $16, SP
	CALL ·goFunc(SB)        // want `call to ·goFunc in an SPWRITE function: subCall writes SP at line 6 in a way the assembler does not track, so the unwinder cannot get past this frame; ·goFunc is a Go function.*"traceback: unexpected SPWRITE function subCall"`
	ADDQ $16, SP
	RET

// The same stack use through ADJSP, which is tracked.
TEXT ·subCallOK(SB), NOSPLIT, $0-0
	NO_LOCAL_POINTERS
	ADJSP $16
	CALL ·goFunc(SB)
	ADJSP $-16
	RET

// SPWRITE, but the call reaches no safe point.
TEXT ·subLeaf(SB), NOSPLIT, $0-0
	SUBQ $16, SP
	CALL ·leaf(SB)
	ADDQ $16, SP
	RET

TEXT ·leaf(SB), NOSPLIT, $0-0
	RET

// After SP is loaded from memory (another stack, as the runtime's
// sigtramp does), the call is not on the stack this frame's callers are
// on: nothing is said.
TEXT ·switched(SB), NOSPLIT, $0-0
	MOVQ SP, R12
	MOVQ 0(AX), SP
	CALL ·goFunc(SB)
	MOVQ R12, SP
	RET

// Realigning SP through a register keeps the stack: SPWRITE.
TEXT ·writeBack(SB), NOSPLIT, $0-0
	MOVQ SP, R12
	ANDQ $~15, R12
	MOVQ R12, SP
	CALL ·goFunc(SB)        // want `call to ·goFunc in an SPWRITE function: writeBack writes SP at line 43`
	RET

TEXT ·writeBackOK(SB), NOSPLIT, $0-0
	RET

// package syscall's pattern: SP moved only inside the system-call bracket.
TEXT ·syscallBracket(SB), NOSPLIT, $0-0
	CALL runtime·entersyscall(SB)
	SUBQ $16, SP
	SYSCALL
	ADDQ $16, SP
	CALL runtime·exitsyscall(SB)
	RET

// Moved before entersyscall, which records this function's SP for the
// scans during the system call: the pc→SP table is 16 bytes off.
TEXT ·syscallBracketBad(SB), NOSPLIT, $0-0
	SUBQ $16, SP
	CALL runtime·entersyscall(SB) // want `call to runtime·entersyscall in an SPWRITE function`
	SYSCALL
	ADDQ $16, SP
	CALL runtime·exitsyscall(SB)
	RET
