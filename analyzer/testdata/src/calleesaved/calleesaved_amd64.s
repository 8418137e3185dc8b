#include "textflag.h"

// (a) No package qualifier, and nothing in the package calls it: C calls it.
TEXT callbackBad(SB), NOSPLIT|NOFRAME, $0
	MOVQ DI, BX // want `this MOVQ clobbers callee-saved BX, and the return at line 6 gives C a different value: BX is not saved before this point.*callbackBad is entered from C \(its symbol has no package qualifier`
	RET

TEXT callbackOK(SB), NOSPLIT|NOFRAME, $0
	PUSHQ BX
	MOVQ DI, BX
	POPQ BX
	RET

// A call into Go clobbers every register; a call into C keeps BX, R12-R15.
TEXT callGoBad(SB), NOSPLIT, $16
	MOVQ BX, 0(SP)
	CALL ·gofunc(SB) // want `the call to ·gofunc \(Go code: Go has no callee-saved registers\) clobbers callee-saved R12-R15.*not saved before this point`
	MOVQ 0(SP), BX
	RET

TEXT callCOK(SB), NOSPLIT, $16
	CALL libc_getpid(SB)
	RET

// Saved, then restored from another slot.
TEXT wrongSlot(SB), NOSPLIT|NOFRAME, $0
	SUBQ $16, SP
	MOVQ R12, 0(SP)
	MOVQ $1, R12 // want `this MOVQ clobbers callee-saved R12.*R12 is saved but not restored from the same slot`
	MOVQ 8(SP), R12
	ADDQ $16, SP
	RET

// The runtime's way: save everything, realign SP for C, put SP back.
#define SAVE_ALL \
	ADJSP $48 \
	MOVQ BP, 40(SP) \
	LEAQ 40(SP), BP \
	MOVQ BX, 0(SP) \
	MOVQ R12, 8(SP) \
	MOVQ R13, 16(SP) \
	MOVQ R14, 24(SP) \
	MOVQ R15, 32(SP)

#define RESTORE_ALL \
	MOVQ 0(SP), BX \
	MOVQ 8(SP), R12 \
	MOVQ 16(SP), R13 \
	MOVQ 24(SP), R14 \
	MOVQ 32(SP), R15 \
	MOVQ 40(SP), BP \
	ADJSP $-48

TEXT saveAllOK(SB), NOSPLIT|NOFRAME, $0
	SAVE_ALL
	MOVQ SP, BX
	ANDQ $~15, SP
	CALL libc_something(SB)
	MOVQ BX, SP
	CALL ·gofunc(SB)
	RESTORE_ALL
	RET

// A copy in a scratch register is as good as a stack slot.
TEXT copyOK(SB), NOSPLIT|NOFRAME, $0
	MOVQ R12, AX
	MOVQ $0, R12
	MOVQ AX, R12
	RET

TEXT copyBad(SB), NOSPLIT|NOFRAME, $0
	MOVQ R13, R15 // want `this MOVQ clobbers callee-saved R15`
	MOVQ $0, R13
	MOVQ R15, R13
	RET

// The stack check of a function without NOSPLIT loads g into R14 before
// the body can save it.
TEXT splitBad(SB), $16 // want `the prologue the assembler inserts \(the stack check's MOVQ \(TLS\), R14\) clobbers callee-saved R14`
	CALL libc_something(SB)
	RET

// (c) Exported to C by a cgo directive, though the package calls it.
TEXT ·setTrampoline(SB), NOSPLIT, $0
	JMP exportedOK(SB)

TEXT exportedBad(SB), NOSPLIT|NOFRAME, $0
	XORQ R15, R15 // want `callee-saved R15.*exportedBad is entered from C \(exported to C by go:cgo_export_static\)`
	RET

TEXT exportedOK(SB), NOSPLIT|NOFRAME, $0
	XORQ AX, AX
	RET

// (d) Marked by a directive.
//asmcheck:centry
TEXT ·marked(SB), NOSPLIT, $0
	MOVQ $0, R13 // want `callee-saved R13.*marked is entered from C \(marked //asmcheck:centry\)`
	RET

TEXT ·markedOK(SB), NOSPLIT, $0 //asmcheck:centry
	MOVQ $0, AX
	RET

// (e) Tail-called by an entry from C.
//asmcheck:centry
TEXT ·tailEntry(SB), NOSPLIT, $0
	JMP body<>(SB)

TEXT body<>(SB), NOSPLIT, $0
	MOVQ $0, BX // want `callee-saved BX.*it is tail-called by tailEntry, which is entered from C`
	RET

// Not entered from C: Go code may use every register.
TEXT ·notEntry(SB), NOSPLIT, $0
	MOVQ $0, BX
	MOVQ $0, R12
	CALL helper(SB)
	RET

// A C-style name the package itself calls is a private helper.
TEXT helper(SB), NOSPLIT, $0
	MOVQ $0, R15
	RET

// A C-style function whose address the package takes is handed to code
// asmcheck cannot see (purego passes syscallX to the runtime's cgocall):
// not assumed to be entered from C.
GLOBL ·thunkAddr(SB), NOPTR|RODATA, $8
DATA ·thunkAddr(SB)/8, $thunk(SB)

TEXT thunk(SB), NOSPLIT, $0
	MOVQ $0, R12
	RET
