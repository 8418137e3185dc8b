#include "textflag.h"
#include "funcdata.h"

// 16 bytes of locals: the runtime looks for their map when it scans the
// stack during goFunc.
TEXT ·noMap(SB), $16-8
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	CALL ·goFunc(SB)        // want `call to ·goFunc with 16 bytes of locals and no locals pointer map: ·goFunc is a Go function, which can be preempted, grow the stack or start a garbage collection, and when the runtime scans or copies this stack it looks for the map of a frame this size and dies with "missing stackmap"`
	RET

TEXT ·withMap(SB), $16-8
	NO_LOCAL_POINTERS
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	CALL ·goFunc(SB)
	RET

// $0 with a call: the frame is only the saved BP, which the runtime does
// not count as locals (varp-sp == 0).
TEXT ·smallFrame(SB), $0-8
	CALL ·goFunc(SB)
	RET

// A NOSPLIT leaf cannot reach a safe point.
TEXT ·leafCallee(SB), $16-0
	CALL ·leaf(SB)
	RET

TEXT ·leaf(SB), NOSPLIT, $0-0
	RET

// C code does not reach a Go safe point.
TEXT ·cCall(SB), $16-0
	CALL libc_getpid(SB)
	RET

// Two pushes in a $0 frame: 16 bytes below the saved BP.
TEXT ·trackedSub(SB), $0-0
	PUSHQ AX
	PUSHQ AX
	CALL ·goFunc(SB)        // want `call to ·goFunc with 16 bytes of locals and no locals pointer map`
	POPQ AX
	POPQ AX
	RET

// No Go declaration, 16 bytes of arguments: no argument map, and the
// stack check in the prologue can scan the frame.
TEXT ·undeclared(SB), $16-16 // want `16 bytes of arguments without an argument pointer map: undeclared has no Go declaration in the package.*"untyped args`
	NO_LOCAL_POINTERS
	CALL ·goFunc(SB)
	RET

// NOSPLIT: no stack check, but the call still exposes the frame.
TEXT ·undeclaredNosplit(SB), NOSPLIT, $16-16
	NO_LOCAL_POINTERS
	CALL ·goFunc(SB)        // want `call to ·goFunc with 16 bytes of arguments and no argument pointer map`
	RET

TEXT ·undeclaredLeaf(SB), NOSPLIT, $0-16
	RET

TEXT ·nosplitUndeclaredCaller(SB), NOSPLIT, $0-0
	CALL ·undeclaredLeaf(SB)
	RET

// A pointer result written before a call the GC can interrupt.
TEXT ·ptrResult(SB), $16-8
	NO_LOCAL_POINTERS
	MOVQ AX, ret+0(FP)
	CALL ·goFunc(SB)        // want `call to ·goFunc: the pointer result ret\+0\(FP\) is written before it, but without GO_RESULTS_INITIALIZED the GC does not see it`
	RET

TEXT ·ptrResultOK(SB), $16-8
	NO_LOCAL_POINTERS
	MOVQ AX, ret+0(FP)
	GO_RESULTS_INITIALIZED
	CALL ·goFunc(SB)
	RET

TEXT ·ptrResultEarly(SB), $16-8
	NO_LOCAL_POINTERS
	GO_RESULTS_INITIALIZED
	CALL ·goFunc(SB)        // want `GO_RESULTS_INITIALIZED is in effect but the pointer result ret\+0\(FP\) is not written on every path to here`
	MOVQ AX, ret+0(FP)
	RET

TEXT ·ptrResultEarlyOK(SB), $16-8
	NO_LOCAL_POINTERS
	MOVQ $0, ret+0(FP)
	GO_RESULTS_INITIALIZED
	CALL ·goFunc(SB)
	MOVQ AX, ret+0(FP)
	RET

TEXT ·noResults(SB), $16-8
	NO_LOCAL_POINTERS
	GO_RESULTS_INITIALIZED
	CALL ·goFunc(SB)        // want `GO_RESULTS_INITIALIZED is in effect at the call to ·goFunc but noResults has no results`
	RET

// Taking a result's address is not writing it.
TEXT ·ptrResultAddr(SB), $16-8
	NO_LOCAL_POINTERS
	LEAQ ret+0(FP), DI
	MOVQ DI, 0(SP)
	CALL ·goFunc(SB)
	RET
