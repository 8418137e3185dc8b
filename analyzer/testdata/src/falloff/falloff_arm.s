#include "textflag.h"

// The crash store is conditional (runtime·munmap on linux/arm): when the
// condition fails, execution goes on past the end.
TEXT ·condCrash(SB), NOSPLIT, $0-0
	CMP	R0, R1
	MOVW.HI	$0, R8
	MOVW.HI	R8, (R8) // want `execution runs off the end of condCrash after MOVW`

// Unconditional, it is the runtime's deliberate crash.
TEXT ·crashOK(SB), NOSPLIT, $0-0
	MOVW	$0, R8
	MOVW	R8, (R8)
