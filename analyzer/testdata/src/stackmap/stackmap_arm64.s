#include "textflag.h"
#include "funcdata.h"

// 16 bytes of locals: the runtime looks for their map when it scans the
// stack during goFunc.
TEXT ·noMap(SB), $16-8
	MOVD x+0(FP), R0
	MOVD R0, 8(RSP)
	BL ·goFunc(SB)        // want `call to ·goFunc with 24 bytes of locals and no locals pointer map: ·goFunc is a Go function, which can be preempted, grow the stack or start a garbage collection, and when the runtime scans or copies this stack it looks for the map of a frame this size and dies with "missing stackmap"`
	RET

TEXT ·withMap(SB), $16-8
	NO_LOCAL_POINTERS
	MOVD x+0(FP), R0
	MOVD R0, 8(RSP)
	BL ·goFunc(SB)
	RET

// $0 with a call: autosize 16 (LR and the caller's R29 word); varp-sp is
// 8, not above arm64's minimum of 16 (runtime/stkframe.go getStackMap).
TEXT ·smallFrame(SB), $0-8
	BL ·goFunc(SB)
	RET

// A NOSPLIT leaf cannot reach a safe point.
TEXT ·leafCallee(SB), $16-0
	BL ·leaf(SB)
	RET

TEXT ·leaf(SB), NOSPLIT, $0-0
	RET

// C code does not reach a Go safe point.
TEXT ·cCall(SB), $16-0
	BL libc_getpid(SB)
	RET

// A tracked SUB in a $0 frame: 16+16 bytes, varp-sp 24 > 16.
TEXT ·trackedSub(SB), $0-0
	SUB $16, RSP
	BL ·goFunc(SB)        // want `call to ·goFunc with 24 bytes of locals and no locals pointer map`
	ADD $16, RSP
	RET

// $8: autosize 32, varp-sp 24 > 16.
TEXT ·eightBytes(SB), $8-0
	BL ·goFunc(SB)        // want `call to ·goFunc with 24 bytes of locals and no locals pointer map`
	RET

// No Go declaration, 16 bytes of arguments: no argument map, and the
// stack check in the prologue can scan the frame.
TEXT ·undeclared(SB), $16-16 // want `16 bytes of arguments without an argument pointer map: undeclared has no Go declaration in the package.*"untyped args`
	NO_LOCAL_POINTERS
	BL ·goFunc(SB)
	RET

// NOSPLIT: no stack check, but the call still exposes the frame.
TEXT ·undeclaredNosplit(SB), NOSPLIT, $16-16
	NO_LOCAL_POINTERS
	BL ·goFunc(SB)        // want `call to ·goFunc with 16 bytes of arguments and no argument pointer map`
	RET

TEXT ·undeclaredLeaf(SB), NOSPLIT, $0-16
	RET

TEXT ·nosplitUndeclaredCaller(SB), NOSPLIT, $0-0
	BL ·undeclaredLeaf(SB)
	RET

// A pointer result written before a call the GC can interrupt.
TEXT ·ptrResult(SB), $16-8
	NO_LOCAL_POINTERS
	MOVD R0, ret+0(FP)
	BL ·goFunc(SB)        // want `call to ·goFunc: the pointer result ret\+0\(FP\) is written before it, but without GO_RESULTS_INITIALIZED the GC does not see it`
	RET

TEXT ·ptrResultOK(SB), $16-8
	NO_LOCAL_POINTERS
	MOVD R0, ret+0(FP)
	GO_RESULTS_INITIALIZED
	BL ·goFunc(SB)
	RET

TEXT ·ptrResultEarly(SB), $16-8
	NO_LOCAL_POINTERS
	GO_RESULTS_INITIALIZED
	BL ·goFunc(SB)        // want `GO_RESULTS_INITIALIZED is in effect but the pointer result ret\+0\(FP\) is not written on every path to here`
	MOVD R0, ret+0(FP)
	RET

TEXT ·ptrResultEarlyOK(SB), $16-8
	NO_LOCAL_POINTERS
	MOVD ZR, ret+0(FP)
	GO_RESULTS_INITIALIZED
	BL ·goFunc(SB)
	MOVD R0, ret+0(FP)
	RET

TEXT ·noResults(SB), $16-8
	NO_LOCAL_POINTERS
	GO_RESULTS_INITIALIZED
	BL ·goFunc(SB)        // want `GO_RESULTS_INITIALIZED is in effect at the call to ·goFunc but noResults has no results`
	RET

TEXT ·ptrResultAddr(SB), $16-8
	NO_LOCAL_POINTERS
	MOVD $ret+0(FP), R0
	MOVD R0, 8(RSP)
	BL ·goFunc(SB)
	RET
