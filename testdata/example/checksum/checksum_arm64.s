#include "textflag.h"

// func Sum(p []byte) uint32
TEXT ·Sum(SB), NOSPLIT, $0-28
	MOVD p_base+0(FP), R0
	MOVD p_len+8(FP), R1
	MOVW ZR, R2
loop:
	CBZ R1, done
	MOVBU.P 1(R0), R3
	ADDW R3, R2, R2
	SUB $1, R1, R1
	B loop
done:
	MOVW R2, ret+24(FP)
	RET

// func Add(a, b uint64) (sum uint64, carry bool)
TEXT ·Add(SB), NOSPLIT, $0-25
	MOVD a+0(FP), R0
	MOVD b+8(FP), R1
	ADDS R1, R0, R0
	CSET CS, R2
	MOVD R0, sum+16(FP)
	MOVD R2, carry+24(FP)   // an 8-byte store into a bool
	RET

// func Fill(p []byte, b byte)
TEXT ·Fill(SB), NOSPLIT, $0-25
	MOVD p_base+0(FP), R0
	MOVD p_len+8(FP), R1
	MOVBU b+16(FP), R2      // b is at 24
fill:
	CBZ R1, end
	MOVB.P R2, 1(R0)
	SUB $1, R1, R1
	B fill
end:
	RET

// func Mix(p []byte) uint64
// Calls mix(a, b uint64) uint64: 24 bytes of arguments and result at
// 8(RSP), but the frame declares only 16.
TEXT ·Mix(SB), 0, $16-32
	MOVD p_base+0(FP), R0
	MOVD (R0), R0
	MOVD p_len+8(FP), R1
	MOVD R0, 8(RSP)
	MOVD R1, 16(RSP)
	MOVD R1, 24(RSP)         // the frame's top word holds the caller's R29
	BL ·mix(SB)
	MOVD 24(RSP), R0
	MOVD R0, ret+24(FP)
	RET
