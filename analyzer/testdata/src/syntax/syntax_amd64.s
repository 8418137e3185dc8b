#include "textflag.h"
#include "nosuch.h" // want `cannot find #include "nosuch.h"`

TEXT ·good(SB), NOSPLIT, $0-8
	MOVQ $1, (AX // want `MOVQ: .*in operand "\(AX"`
	MOVQ $1, AX
	MOVQ AX, ret+0(FP) //asmcheck:ignore fpwidth // want `asmcheck:ignore needs the names of the checks and a reason`
	RET
