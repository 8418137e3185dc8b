#include "textflag.h"
#include "funcdata.h"

// func Sum(p []byte) uint32
TEXT ·Sum(SB), NOSPLIT, $0-28
	MOVQ p_base+0(FP), SI
	MOVQ p_len+16(FP), CX   // p_len is at 8: this reads p_cap
	XORL AX, AX
loop:
	TESTQ CX, CX
	JEQ done
	MOVBLZX (SI), DX
	ADDL DX, AX
	INCQ SI
	DECQ CX
	JMP loop
done:
	MOVQ AX, ret+24(FP)     // an 8-byte store into a uint32 result
	RET

// func Add(a, b uint64) (sum uint64, carry bool)
TEXT ·Add(SB), NOSPLIT, $0-24
	MOVQ a+0(FP), AX
	ADDQ b+8(FP), AX
	MOVQ AX, sum+16(FP)
	RET                     // carry is never written

// func Fill(p []byte, b byte)
TEXT ·Fill(SB), NOSPLIT, $0-25
	MOVQ p_base+0(FP), DI
	MOVQ p_len+8(FP), CX
	MOVB b+24(FP), AX
	CLD
	REP; STOSB
	RET

// func Mix(p []byte) uint64
TEXT ·Mix(SB), 0, $24-32
	NO_LOCAL_POINTERS
	MOVQ p_base+0(FP), AX
	MOVQ (AX), AX
	MOVQ AX, 0(SP)
	MOVQ p_len+8(FP), AX
	MOVQ AX, 8(SP)
	CALL ·mix(SB)
	MOVQ 16(SP), AX
	MOVQ AX, ret+24(FP)
	RET
