#include "textflag.h"
#include "funcdata.h"

// MOVD R0, RSP is not tracked: SPWRITE.
TEXT ·subCall(SB), NOSPLIT, $0-0
	SUB $16, RSP, R0
	MOVD R0, RSP
	BL ·goFunc(SB)          // want `call to ·goFunc in an SPWRITE function: subCall writes SP at line 7`
	ADD $16, RSP
	RET

TEXT ·subCallOK(SB), NOSPLIT, $0-0
	NO_LOCAL_POINTERS
	SUB $16, RSP
	BL ·goFunc(SB)
	ADD $16, RSP
	RET

TEXT ·subLeaf(SB), NOSPLIT, $0-0
	SUB $16, RSP, R0
	MOVD R0, RSP
	BL ·leaf(SB)
	ADD $16, RSP
	RET

TEXT ·leaf(SB), NOSPLIT, $0-0
	RET

TEXT ·switched(SB), NOSPLIT, $0-0
	MOVD RSP, R20
	MOVD 0(R1), R2
	MOVD R2, RSP
	BL ·goFunc(SB)
	MOVD R20, RSP
	RET

// A write-back on RSP is neither tracked nor SPWRITE: the pc→SP table
// misses 16 bytes at the call.
TEXT ·writeBack(SB), NOSPLIT, $0-0
	MOVD.W R0, -16(RSP)
	BL ·goFunc(SB)          // want `call to ·goFunc with SP moved down by 16 bytes that the assembler does not record \(a write-back addressing mode on SP\)`
	MOVD.P 16(RSP), R0
	RET

TEXT ·writeBackOK(SB), NOSPLIT, $0-0
	SUB $16, RSP
	MOVD R0, 8(RSP)
	BL ·goFunc(SB)
	MOVD 8(RSP), R0
	ADD $16, RSP
	RET

TEXT ·syscallBracket(SB), NOSPLIT, $0-0
	BL runtime·entersyscall(SB)
	MOVD RSP, R20
	SUB $16, R20, R21
	MOVD R21, RSP
	SVC
	MOVD R20, RSP
	BL runtime·exitsyscall(SB)
	RET

TEXT ·syscallBracketBad(SB), NOSPLIT, $0-0
	MOVD RSP, R20
	SUB $16, R20, R21
	MOVD R21, RSP
	BL runtime·entersyscall(SB) // want `call to runtime·entersyscall in an SPWRITE function`
	SVC
	MOVD R20, RSP
	BL runtime·exitsyscall(SB)
	RET
