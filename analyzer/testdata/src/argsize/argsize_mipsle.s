#include "textflag.h"

#define FRAME 16

// On mipsle an int64 is two 4-byte halves, little-endian: the low half x_lo is at the lower address:
// x_lo+0(FP) and x_hi+4(FP).
TEXT ·add(SB), NOSPLIT, $0-16 // want `\[mipsle\] add: wrong argument size 16; expected \$\.\.\.-24`
	MOVW x_lo+0(FP), R1
	MOVW x_hi+4(FP), R2
	MOVW y_lo+8(FP), R3
	MOVW y_hi+12(FP), R4
	ADDU R1, R3
	SGTU R1, R3, R5
	ADDU R2, R4
	ADDU R5, R4
	MOVW R3, ret_lo+16(FP)
	MOVW R4, ret_hi+20(FP)
	RET

TEXT ·addOK(SB), NOSPLIT, $0-24
	MOVW x_lo+0(FP), R1
	MOVW x_hi+4(FP), R2
	MOVW y_lo+8(FP), R3
	MOVW y_hi+12(FP), R4
	ADDU R1, R3
	SGTU R1, R3, R5
	ADDU R2, R4
	ADDU R5, R4
	MOVW R3, ret_lo+16(FP)
	MOVW R4, ret_hi+20(FP)
	RET

// Without NOSPLIT the size must be written.
TEXT ·noSize(SB), 0, $0 // want `wrong argument size 0; expected \$\.\.\.-8`
	RET

TEXT ·noSizeOK(SB), 0, $0-8
	RET

TEXT ·nosplitNoSize(SB), NOSPLIT, $0
	RET

// A slice is 12 bytes on mipsle and the int result 4: 16 in all.
TEXT ·bytes(SB), NOSPLIT, $0-12 // want `wrong argument size 12; expected \$\.\.\.-16`
	MOVW b_len+4(FP), R1
	MOVW R1, ret+12(FP)
	RET

TEXT ·bytesOK(SB), NOSPLIT, $0-16
	MOVW b_len+4(FP), R1
	MOVW R1, ret+12(FP)
	RET

// $FRAME-8: go vet's asmdecl does not expand macros here; asmcheck does.
TEXT ·macroFrame(SB), NOSPLIT, $FRAME-8 // want `wrong argument size 8; expected \$\.\.\.-16`
	MOVW x_lo+0(FP), R1
	MOVW x_hi+4(FP), R2
	MOVW R1, ret_lo+8(FP)
	MOVW R2, ret_hi+12(FP)
	RET

TEXT ·macroFrameOK(SB), NOSPLIT, $FRAME-16
	MOVW x_lo+0(FP), R1
	MOVW x_hi+4(FP), R2
	MOVW R1, ret_lo+8(FP)
	MOVW R2, ret_hi+12(FP)
	RET

// argsize does not check ABIInternal functions (on mipsle, which has no
// register ABI, this one's frame is laid out as ABI0's anyway).
TEXT ·internal<ABIInternal>(SB), NOSPLIT, $0
	RET
