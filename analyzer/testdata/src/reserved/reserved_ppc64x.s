//go:build ppc64 || ppc64le

#include "textflag.h"

// Only the runtime switches goroutines; on ppc64 g is R30.
TEXT ·gBad(SB), NOSPLIT, $0
	MOVD R3, g // want `MOVD writes g, the g register, with something other than g: .*\(cmd/internal/obj/ppc64/a.out.go REGG; cmd/asm refuses the name R30 for this reason\)`
	RET

TEXT ·gOK(SB), NOSPLIT, $0
	MOVD g, R5
	MOVD R5, g
	RET
