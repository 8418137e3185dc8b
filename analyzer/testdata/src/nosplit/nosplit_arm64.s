#include "textflag.h"

// linux/arm64: 800 - 8 (room to save FP) = 792 bytes. A frame of N bytes
// takes N+8 (LR) rounded up to 16 by adding 8 or 16 (obj7.go).
TEXT ·big(SB), NOSPLIT, $776-0 // want `NOSPLIT stack overflow: big uses 800 bytes of stack without a stack check, 8 over the linker's 792-byte limit for linux/arm64`
	RET

TEXT ·bigOK(SB), NOSPLIT, $768-0
	RET

TEXT ·chain(SB), NOSPLIT, $776-0
	BL	·leaf(SB) // want `chain uses 800 bytes .*: chain grows 800 bytes, calls ·leaf; leaf grows 0 bytes`
	RET

TEXT ·chainOK(SB), NOSPLIT, $768-0
	BL	·leaf(SB)
	RET

TEXT ·leaf(SB), NOSPLIT, $0-0
	RET

TEXT ·callsBig(SB), NOSPLIT, $0-0
	BL	·big(SB)
	RET

// With a link register a call costs nothing, nor does the callee's call
// to morestack: only the frames count.
TEXT ·split(SB), NOSPLIT, $776-0
	BL	·splittable(SB) // want `split grows 800 bytes, calls ·splittable, which is not NOSPLIT: its stack check needs 0 bytes`
	RET

TEXT ·splitOK(SB), NOSPLIT, $768-0
	BL	·splittable(SB)
	RET

TEXT ·splittable(SB), 0, $200-0
	RET

// small becomes NOSPLIT (leaf, frame < 128): 16+8 rounded to 32.
TEXT ·autoLeaf(SB), NOSPLIT, $752-0
	BL	·small(SB) // want `autoLeaf grows 768 bytes, calls ·small; small grows 32 bytes`
	RET

TEXT ·autoLeafOK(SB), NOSPLIT, $736-0
	BL	·small(SB)
	RET

TEXT ·small(SB), 0, $16-0
	RET

// SUB $c, RSP is tracked.
TEXT ·pushes(SB), NOSPLIT, $752-0
	SUB	$32, RSP // want `pushes uses 800 bytes`
	ADD	$32, RSP
	RET

TEXT ·pushesOK(SB), NOSPLIT, $752-0
	SUB	$16, RSP
	ADD	$16, RSP
	RET

TEXT ·cycleA(SB), NOSPLIT, $0-0
	BL	·cycleB(SB)
	RET

TEXT ·cycleB(SB), NOSPLIT, $0-0
	BL	·cycleA(SB) // want `NOSPLIT functions call each other in a cycle \(cycleB → cycleA → cycleB\)`
	RET

TEXT ·tail(SB), NOSPLIT, $0-0
	B	·big(SB)

TEXT ·tailOK(SB), NOSPLIT, $0-0
	B	·g776(SB)

TEXT ·g776(SB), NOSPLIT, $768-0
	RET

TEXT ·external(SB), NOSPLIT, $768-0
	BL	runtime·memmove(SB)
	RET

// Raw words (here MOVD RSP, RSP, which names SP) do not hide the frame
// from the linker, which counts it as the assembler declared it.
TEXT ·rawBig(SB), NOSPLIT, $776-0 // want `NOSPLIT stack overflow: rawBig uses 800 bytes of stack without a stack check, 8 over`
	WORD $0x910003ff
	RET

TEXT ·rawBigOK(SB), NOSPLIT, $768-0
	WORD $0x910003ff
	RET
