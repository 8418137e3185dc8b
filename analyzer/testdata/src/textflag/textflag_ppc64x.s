//go:build ppc64 || ppc64le

#include "textflag.h"

// Accepted, and the frame ends up smaller than the 32-byte fixed area.
TEXT ·shrinks(SB), NOSPLIT, $-16-0 // want `negative frame size -16 is accepted silently \(cmd/internal/obj/ppc64/obj9.go checks only that it is a multiple of 8\)`
	RET

TEXT ·negative(SB), NOSPLIT, $-4-0 // want `frame size -4 is not a multiple of 8: the assembler rejects it`
	RET

TEXT ·alias(SB), NOSPLIT, $-8-0
	RET

TEXT ·unaligned(SB), NOSPLIT, $12-0 // want `frame size 12 is not a multiple of 8`
	RET

TEXT ·aligned(SB), NOSPLIT, $16-0
	RET
