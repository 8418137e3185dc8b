#include "textflag.h"

// getpid is called from Go (its declaration has a result) and calls C on
// the goroutine's stack; twice, reported once.
TEXT ·getpid(SB), NOSPLIT, $0-8
	BL libc_getpid(SB) // want `call to the C function libc_getpid on the goroutine stack \(and another on line \d+\): getpid is called from Go code`
	BL libc_getpid(SB)
	MOVD R0, ret+0(FP)
	RET

// A tail call runs C on the same stack.
TEXT ·tailGetpid(SB), NOSPLIT, $0-8
	JMP libc_getpid(SB) // want `tail call to the C function libc_getpid on the goroutine stack`

// Switched to another stack, loaded from memory, before the call.
TEXT ·onSystemStackOK(SB), NOSPLIT, $16-8
	MOVD RSP, R19
	MOVD ·sysStack(SB), R1
	MOVD R1, RSP
	BL libc_getpid(SB)
	MOVD R19, RSP
	MOVD R0, ret+0(FP)
	RET

// x/sys/unix's darwin trampolines: declared without arguments, run by
// the runtime on the system stack.
TEXT ·libc_getpid_trampolineOK(SB), NOSPLIT, $0-0
	JMP libc_getpid(SB)

// SP moved up into a frame reserved for the C code: the C code's stack
// is the function's own, sized by its author.
TEXT ·reservedOK(SB), $2048-8
	MOVD RSP, R19
	ADD $2048, RSP
	BL libc_getpid(SB)
	MOVD R19, RSP
	MOVD R0, ret+0(FP)
	RET

// The same frame, but the call made from its bottom, as
// pk910/hashtree-bindings' arm64 wrapper does: the C code's stack grows
// below it.
TEXT ·reservedUnused(SB), $2048-8
	BL libc_getpid(SB) // want `call to the C function libc_getpid on the goroutine stack: reservedUnused is called from Go code .* made it \(its \$2048 frame lies above SP, where the C code's stack does not go: move SP up into it first\)`
	MOVD R0, ret+0(FP)
	RET
