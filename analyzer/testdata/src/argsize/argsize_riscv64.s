#include "textflag.h"

#define FRAME 16

TEXT ·add(SB), NOSPLIT, $0-16 // want `\[riscv64\] add: wrong argument size 16; expected \$\.\.\.-24`
	MOV x+0(FP), T0
	MOV y+8(FP), T1
	ADD T1, T0
	MOV T0, ret+16(FP)
	RET

TEXT ·addOK(SB), NOSPLIT, $0-24
	MOV x+0(FP), T0
	MOV y+8(FP), T1
	ADD T1, T0
	MOV T0, ret+16(FP)
	RET

// Without NOSPLIT the size must be written.
TEXT ·noSize(SB), 0, $0 // want `wrong argument size 0; expected \$\.\.\.-8`
	RET

TEXT ·noSizeOK(SB), 0, $0-8
	RET

TEXT ·nosplitNoSize(SB), NOSPLIT, $0
	RET

TEXT ·bytes(SB), NOSPLIT, $0-24 // want `wrong argument size 24; expected \$\.\.\.-32`
	MOV b_len+8(FP), T0
	MOV T0, ret+24(FP)
	RET

TEXT ·bytesOK(SB), NOSPLIT, $0-32
	MOV b_len+8(FP), T0
	MOV T0, ret+24(FP)
	RET

// $FRAME-8: go vet's asmdecl does not expand macros here; asmcheck does.
TEXT ·macroFrame(SB), NOSPLIT, $FRAME-8 // want `wrong argument size 8; expected \$\.\.\.-16`
	MOV x+0(FP), T0
	MOV T0, ret+8(FP)
	RET

TEXT ·macroFrameOK(SB), NOSPLIT, $FRAME-16
	MOV x+0(FP), T0
	MOV T0, ret+8(FP)
	RET

// ABIInternal functions take their arguments in registers.
TEXT ·internal<ABIInternal>(SB), NOSPLIT, $0
	RET
