#include "textflag.h"

// A CPACF instruction hands control to the next one: without the RET,
// execution runs on into whatever follows.
TEXT ·kmQuery(SB), NOSPLIT|NOFRAME, $0-16
	MOVD	$0, R0
	MOVD	$ret+0(FP), R1
	KM	R2, R4 // want `execution runs off the end of kmQuery after KM`

TEXT ·kmQueryOK(SB), NOSPLIT|NOFRAME, $0-16
	MOVD	$0, R0
	MOVD	$ret+0(FP), R1
	KM	R2, R4
	RET

// The same written as a WORD (golang.org/x/sys/cpu): the encoding is
// known to fall through.
TEXT ·kmWordQuery(SB), NOSPLIT|NOFRAME, $0-16
	MOVD	$0, R0
	MOVD	$ret+0(FP), R1
	WORD	$0xB92E0024 // want `execution runs off the end of kmWordQuery after WORD`

TEXT ·kmWordQueryOK(SB), NOSPLIT|NOFRAME, $0-16
	MOVD	$0, R0
	MOVD	$ret+0(FP), R1
	WORD	$0xB92E0024
	RET

// A WORD of another encoding (here BR R14, a return) is taken on trust.
TEXT ·unknownWord(SB), NOSPLIT|NOFRAME, $0-0
	WORD	$0x07FE0000
