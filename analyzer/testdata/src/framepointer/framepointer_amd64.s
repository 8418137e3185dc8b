#include "textflag.h"

TEXT ·scratchBad(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), BP // want `frame pointer BP is clobbered here and not restored before the return on line 5: the assembler saves no frame pointer for scratchBad \(a \$0 frame without calls gets none\)`
	RET

TEXT ·scratchOK(SB), NOSPLIT, $0-8
	PUSHQ BP
	MOVQ x+0(FP), BP
	POPQ BP
	RET

// go vet stops at the first branch (golang/go#69838).
TEXT ·afterBranchBad(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), AX
	CMPQ AX, $0
	JEQ done
	MOVQ AX, BP // want `frame pointer BP is clobbered here and not restored before the return on line 20`
done:
	RET

// go vet takes any read of BP for a save.
TEXT ·readBad(SB), NOSPLIT, $0-8
	MOVQ BP, AX
	MOVQ x+0(FP), BP // want `frame pointer BP is clobbered here and not restored before the return on line 27`
	ADDQ BP, AX
	RET

TEXT ·copyOK(SB), NOSPLIT, $0-8
	MOVQ BP, R8
	MOVQ x+0(FP), BP
	MOVQ R8, BP
	RET

// A frame record built by hand, left in BP at the return.
TEXT ·recordBad(SB), NOSPLIT|NOFRAME, $0
	PUSHQ BP
	MOVQ SP, BP // want `frame pointer BP is clobbered here and not restored before the return on line 40`
	POPQ AX
	RET

TEXT ·recordOK(SB), NOSPLIT|NOFRAME, $0
	PUSHQ BP
	MOVQ SP, BP
	CALL ·gofunc(SB)
	POPQ BP
	RET

// With a frame the assembler saves and restores BP, so BP may serve as a
// general register (crypto/md5 does) — but not across a call.
TEXT ·framedOK(SB), NOSPLIT, $8-8
	MOVQ x+0(FP), BP
	MOVQ (BP), AX
	RET

TEXT ·framedCallBad(SB), NOSPLIT, $8-8
	MOVQ x+0(FP), BP // want `frame pointer BP is clobbered here and holds no frame pointer at the call on line 58`
	CALL ·gofunc(SB)
	RET

// Zero ends the chain (runtime·mstart).
TEXT ·zeroOK(SB), NOSPLIT|NOFRAME, $0
	MOVQ $0, BP
	CALL ·gofunc(SB)
	MOVQ $0, AX
	JMP (AX)

// Saved through a pointer and restored from the same place.
TEXT ·viaPointerOK(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), DI
	MOVQ BP, 8(DI)
	MOVQ (DI), BP
	MOVQ 8(DI), BP
	RET

TEXT ·viaPointerBad(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), DI
	MOVQ BP, 8(DI)
	MOVQ (DI), BP // want `frame pointer BP is clobbered here and not restored before the return on line 82`
	ADDQ $8, DI
	MOVQ 8(DI), BP
	RET

// A jump through a register with SP where it was is a tail call: the
// callee returns to this function's caller with BP as it finds it.
TEXT ·tailRegBad(SB), NOSPLIT, $0-16
	MOVQ fn+0(FP), AX
	MOVQ x+8(FP), BP // want `frame pointer BP is clobbered here and not restored before the jump through a register on line \d+`
	JMP AX

// A switch of context: SP and BP come from a saved state (the runtime's
// gogo), and the jump goes to that context, not back to the caller.
TEXT ·switchOK(SB), NOSPLIT, $0-8
	MOVQ buf+0(FP), BX
	MOVQ 0(BX), SP
	MOVQ 8(BX), BP
	MOVQ 16(BX), BX
	JMP BX
