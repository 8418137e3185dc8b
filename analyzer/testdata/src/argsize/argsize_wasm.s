#include "textflag.h"

#define FRAME 16

TEXT ·add(SB), NOSPLIT, $0-16 // want `\[wasm\] add: wrong argument size 16; expected \$\.\.\.-24`
	Get SP
	I64Load x+0(FP)
	I64Load y+8(FP)
	I64Add
	I64Store ret+16(FP)
	RET

TEXT ·addOK(SB), NOSPLIT, $0-24
	Get SP
	I64Load x+0(FP)
	I64Load y+8(FP)
	I64Add
	I64Store ret+16(FP)
	RET

// Without NOSPLIT the size must be written.
TEXT ·noSize(SB), 0, $0 // want `wrong argument size 0; expected \$\.\.\.-8`
	RET

TEXT ·noSizeOK(SB), 0, $0-8
	RET

TEXT ·nosplitNoSize(SB), NOSPLIT, $0
	RET

TEXT ·bytes(SB), NOSPLIT, $0-24 // want `wrong argument size 24; expected \$\.\.\.-32`
	MOVD b_len+8(FP), R0
	MOVD R0, ret+24(FP)
	RET

TEXT ·bytesOK(SB), NOSPLIT, $0-32
	MOVD b_len+8(FP), R0
	MOVD R0, ret+24(FP)
	RET

// $FRAME-8: go vet's asmdecl does not expand macros here; asmcheck does.
TEXT ·macroFrame(SB), NOSPLIT, $FRAME-8 // want `wrong argument size 8; expected \$\.\.\.-16`
	MOVD x+0(FP), R0
	MOVD R0, ret+8(FP)
	RET

TEXT ·macroFrameOK(SB), NOSPLIT, $FRAME-16
	MOVD x+0(FP), R0
	MOVD R0, ret+8(FP)
	RET

// argsize does not check ABIInternal functions (on wasm, which has no
// register ABI, this one's frame is laid out as ABI0's anyway).
TEXT ·internal<ABIInternal>(SB), NOSPLIT, $0
	RET
