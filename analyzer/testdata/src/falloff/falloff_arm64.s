#include "textflag.h"

// The RET is missing: execution runs into the next function.
TEXT ·noRet(SB), NOSPLIT, $0-8
	MOVD	$1, R0
	MOVD	R0, ret+0(FP) // want `execution runs off the end of noRet after MOVD`

TEXT ·withRet(SB), NOSPLIT, $0-8
	MOVD	$1, R0
	MOVD	R0, ret+0(FP)
	RET

// A conditional branch at the end falls through when it is not taken.
TEXT ·condEnd(SB), NOSPLIT, $0-8
	MOVD	x+0(FP), R0
loop:
	SUBS	$1, R0
	CBNZ	R0, loop // want `runs off the end of condEnd when the conditional branch CBNZ is not taken`

TEXT ·condEndOK(SB), NOSPLIT, $0-8
	MOVD	x+0(FP), R0
loop:
	SUBS	$1, R0
	CBNZ	R0, loop
	RET

// helper returns, so execution comes back to the end of callEnd.
TEXT ·callEnd(SB), NOSPLIT, $0-0
	BL	·helper(SB) // want `callEnd ends with a call to ·helper \(which returns: RET at falloff_arm64.s:\d+\)`

TEXT ·helper(SB), NOSPLIT, $0-0
	RET

TEXT ·callEndOK(SB), NOSPLIT, $0-0
	BL	·helper(SB)
	RET

// die never returns (an endless loop), so nothing comes after the call.
TEXT ·callDie(SB), NOSPLIT, $0-0
	BL	·die(SB)

TEXT ·die(SB), NOSPLIT, $0-0
loop:
	YIELD
	B	loop

// fatal is a Go function that ends in panic.
TEXT ·callFatal(SB), NOSPLIT, $0-0
	BL	·fatal(SB)

// work is a Go function that returns.
TEXT ·callWork(SB), NOSPLIT, $0-0
	BL	·work(SB) // want `callWork ends with a call to ·work: when it returns`

// A store to address 0 after the call: the runtime's deliberate crash.
TEXT ·crash(SB), NOSPLIT, $0-0
	BL	·work(SB)
	MOVD	$0, R0
	MOVD	R0, (R0)

// exit_group (94) does not come back: the path ends there.
TEXT ·syscallEnd(SB), NOSPLIT, $0-0
	MOVD	$94, R8
	SVC

// nanosleep (101) comes back, and the CPU goes on past the end.
TEXT ·syscallReturns(SB), NOSPLIT, $0-0
	MOVD	$101, R8
	SVC // want `execution runs off the end of syscallReturns after the system call SVC \(number 101, which returns: of Linux's system calls only exit, exit_group and rt_sigreturn do not\)`

// A number that is not a constant of the block may be exit's: taken on
// trust.
TEXT ·syscallArg(SB), NOSPLIT, $0-8
	MOVD	nr+0(FP), R8
	SVC

// Raw bytes may encode anything (here: RET).
TEXT ·rawBytes(SB), NOSPLIT, $0-0
	WORD	$0xd65f03c0

// empty is called from Go: the call runs into whatever follows.
TEXT ·empty(SB), NOSPLIT, $0-0 // want `TEXT empty has no instructions, and the package's Go code calls it: the symbol is 0 bytes long`

// exportedEmpty may be called from other packages.
TEXT ·ExportedEmpty(SB), NOSPLIT, $0-0 // want `TEXT ExportedEmpty has no instructions, and its Go declaration is exported`

// land<> is jumped to.
TEXT ·jumpsLand(SB), NOSPLIT, $0-0
	B	land<>(SB)

TEXT land<>(SB), NOSPLIT, $0 // want `TEXT land has no instructions, and B in jumpsLand \(falloff_arm64.s:\d+\) goes to it`

// Markers: 0-byte TEXTs whose address alone is used, as the end of a
// range of code (u-root's trampolines), or a Go function that is only
// referred to, never called.
TEXT ·endAddr(SB), NOSPLIT, $0-8
	MOVD	$end<>(SB), R0
	MOVD	R0, ret+0(FP)
	RET

TEXT end<>(SB), NOSPLIT, $0

TEXT ·marker(SB), NOSPLIT, $0-0

TEXT ·notEmpty(SB), NOSPLIT, $0-0
	RET

// dropsReturn moves SP before it returns, so it does not return to its
// caller as called.
TEXT ·dropsReturn(SB), NOSPLIT|NOFRAME, $0-0
	ADD	$16, RSP
	RET

TEXT ·callDrops(SB), NOSPLIT, $0-0
	BL	·dropsReturn(SB)

TEXT ·callSpin(SB), NOSPLIT, $0-0
	BL	·spin(SB)

TEXT ·callMaybe(SB), NOSPLIT, $0-0
	BL	·maybe(SB) // want `callMaybe ends with a call to ·maybe: when it returns`

// A WORD that encodes ERET ends the function (gVisor's ERET macro: WORD
// $0xd69f03e0; ISB $15); the ISB after it is never reached.
TEXT ·eretWordOK(SB), NOSPLIT|NOFRAME, $0-0
	WORD	$0xd69f03e0
	ISB	$15

// One that encodes NOP goes on.
TEXT ·nopWord(SB), NOSPLIT|NOFRAME, $0-0
	WORD	$0xd503201f
	ISB	$15 // want `execution runs off the end of nopWord after ISB`

// tailReg leaves through a register with SP where it was: a tail call,
// which returns to tailReg's caller, so callTailReg runs off its end.
TEXT ·callTailReg(SB), NOSPLIT, $0-8
	CALL	·tailReg(SB) // want `callTailReg ends with a call to ·tailReg: when it returns`

TEXT ·tailReg(SB), NOSPLIT|NOFRAME, $0-8
	MOVD	fn+0(FP), R1
	B	(R1)

// toDie jumps through a register that holds die's address (by way of
// another register): it never returns, and neither does the call.
TEXT ·callToDie(SB), NOSPLIT, $0-0
	CALL	·toDie(SB)

TEXT ·toDie(SB), NOSPLIT|NOFRAME, $0-0
	MOVD	$·die(SB), R2
	MOVD	R2, R1
	B	(R1)

// A WORD that decodes to an ordinary instruction (strb w10, [x2], as
// apache/arrow-go's NEON kernels end) hands control on: the CPU runs past
// the end.
TEXT ·rawStoreEnd(SB), NOSPLIT, $0-0
	MOVD $0, R2
	WORD $0x3900004a // want `execution runs off the end of rawStoreEnd after WORD`

// A TEXT of nothing but data is a table, whatever its words decode to.
TEXT ·dataOnly(SB), NOSPLIT, $0
	WORD $0x3900004a
