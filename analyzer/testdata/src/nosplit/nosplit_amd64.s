#include "textflag.h"

// linux/amd64: 800 - 8 (a CALL's return address) = 792 bytes. A frame of
// N bytes with a saved BP takes N+8.
TEXT ·big(SB), NOSPLIT, $792-0 // want `NOSPLIT stack overflow: big uses 800 bytes of stack without a stack check, 8 over the linker's 792-byte limit for linux/amd64; with -race the limit is 800 bytes higher .*: big grows 800 bytes`
	RET

TEXT ·bigOK(SB), NOSPLIT, $784-0
	RET

// 784+8 (BP) + 8 (return address) + 0 = 800.
TEXT ·chain(SB), NOSPLIT, $784-0
	CALL	·leaf(SB) // want `chain uses 800 bytes .*: chain grows 800 bytes, calls ·leaf; leaf grows 0 bytes`
	RET

TEXT ·chainOK(SB), NOSPLIT, $776-0
	CALL	·leaf(SB)
	RET

TEXT ·leaf(SB), NOSPLIT, $0-0
	RET

// big is reported once, at big.
TEXT ·callsBig(SB), NOSPLIT, $0-0
	CALL	·big(SB)
	RET

// A splittable callee needs room to call morestack: 8 bytes.
TEXT ·split(SB), NOSPLIT, $776-0
	CALL	·splittable(SB) // want `split grows 792 bytes, calls ·splittable, which is not NOSPLIT: its stack check needs 8 bytes`
	RET

TEXT ·splitOK(SB), NOSPLIT, $768-0
	CALL	·splittable(SB)
	RET

TEXT ·splittable(SB), 0, $200-0
	RET

// small is a leaf with a small frame: the assembler makes it NOSPLIT
// (obj6.go), so the linker counts its 24 bytes.
TEXT ·autoLeaf(SB), NOSPLIT, $760-0
	CALL	·small(SB) // want `autoLeaf grows 776 bytes, calls ·small; small grows 24 bytes`
	RET

TEXT ·autoLeafOK(SB), NOSPLIT, $752-0
	CALL	·small(SB)
	RET

TEXT ·small(SB), 0, $16-0
	RET

// PUSHQ is tracked: 776+8+16.
TEXT ·pushes(SB), NOSPLIT, $776-0
	PUSHQ	AX
	PUSHQ	AX // want `pushes uses 800 bytes`
	POPQ	AX
	POPQ	AX
	RET

TEXT ·pushesOK(SB), NOSPLIT, $776-0
	PUSHQ	AX
	POPQ	AX
	RET

TEXT ·cycleA(SB), NOSPLIT, $0-0
	CALL	·cycleB(SB)
	RET

TEXT ·cycleB(SB), NOSPLIT, $0-0
	CALL	·cycleA(SB) // want `NOSPLIT functions call each other in a cycle \(cycleB → cycleA → cycleB\)`
	RET

// The linker counts a tail call like a call: 0 + 8 + 792.
TEXT ·tail(SB), NOSPLIT, $0-0
	JMP	·bigOK(SB) // want `tail uses 800 bytes .*: tail grows 8 bytes, calls ·bigOK; bigOK grows 792 bytes`

TEXT ·tailOK(SB), NOSPLIT, $0-0
	JMP	·g776(SB)

TEXT ·g776(SB), NOSPLIT, $776-0
	RET

// A function of another package is not followed.
TEXT ·external(SB), NOSPLIT, $776-0
	CALL	runtime·memmove(SB)
	RET

// Raw bytes (here INT3) do not hide the frame from the linker, which
// counts it as the assembler declared it.
TEXT ·rawBig(SB), NOSPLIT, $792-0 // want `NOSPLIT stack overflow: rawBig uses 800 bytes of stack without a stack check, 8 over`
	BYTE $0xcc
	RET

TEXT ·rawBigOK(SB), NOSPLIT, $784-0
	BYTE $0xcc
	RET
