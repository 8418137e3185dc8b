#include "textflag.h"

TEXT ·add(SB), NOSPLIT, $0-16 // want `wrong argument size 16; expected \$\.\.\.-24`
	MOVQ x+0(FP), AX
	ADDQ y+8(FP), AX
	MOVQ AX, ret+16(FP)
	RET

TEXT ·noSize(SB), 0, $8 // want `wrong argument size 0; expected \$\.\.\.-8`
	RET

TEXT ·offsets(SB), NOSPLIT, $0-24
	MOVB x+1(FP), AX        // want `invalid offset x\+1\(FP\); expected x\+0\(FP\)`
	MOVQ 8(FP), BX          // want `use of unnamed argument 8\(FP\); offset 8 is y\+8\(FP\)`
	MOVQ BX, ret+16(FP)
	RET

TEXT ·rename(SB), NOSPLIT, $0-24
	MOVQ str_len+8(FP), AX  // want `unknown variable str_len; offset 8 is s_len\+8\(FP\)`
	MOVQ AX, ret+16(FP)
	RET
