//go:build mips64 || mips64le

#include "textflag.h"

TEXT ·negative(SB), NOSPLIT, $-16-0 // want `negative frame size -16: the assembler rejects it \(cmd/internal/obj/mips/obj0.go\); write NOFRAME, \$0 \(or \$-8`
	RET

TEXT ·alias(SB), NOSPLIT, $-8-0
	RET

// mips has no frame alignment rule.
TEXT ·aligned(SB), NOSPLIT, $12-0
	RET
