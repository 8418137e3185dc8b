#include "textflag.h"

// The RET is missing: execution runs into the next function.
TEXT ·noRet(SB), NOSPLIT, $0-8
	MOVQ	$1, AX
	MOVQ	AX, ret+0(FP) // want `execution runs off the end of noRet after MOVQ`

TEXT ·withRet(SB), NOSPLIT, $0-8
	MOVQ	$1, AX
	MOVQ	AX, ret+0(FP)
	RET

// A conditional branch at the end falls through when it is not taken.
TEXT ·condEnd(SB), NOSPLIT, $0-8
	MOVQ	x+0(FP), AX
loop:
	DECQ	AX
	JNE	loop // want `runs off the end of condEnd when the conditional branch JNE is not taken`

TEXT ·condEndOK(SB), NOSPLIT, $0-8
	MOVQ	x+0(FP), AX
loop:
	DECQ	AX
	JNE	loop
	RET

// helper returns, so execution comes back to the end of callEnd.
TEXT ·callEnd(SB), NOSPLIT, $0-0
	CALL	·helper(SB) // want `callEnd ends with a call to ·helper \(which returns: RET at falloff_amd64.s:\d+\)`

TEXT ·helper(SB), NOSPLIT, $0-0
	RET

TEXT ·callEndOK(SB), NOSPLIT, $0-0
	CALL	·helper(SB)
	RET

// die never returns (an endless loop), so nothing comes after the call.
TEXT ·callDie(SB), NOSPLIT, $0-0
	CALL	·die(SB)

TEXT ·die(SB), NOSPLIT, $0-0
loop:
	PAUSE
	JMP	loop

// fatal is a Go function that ends in panic.
TEXT ·callFatal(SB), NOSPLIT, $0-0
	CALL	·fatal(SB)

// work is a Go function that returns.
TEXT ·callWork(SB), NOSPLIT, $0-0
	CALL	·work(SB) // want `callWork ends with a call to ·work: when it returns`

// A load from address 0 after the call: the runtime's deliberate crash.
TEXT ·crash(SB), NOSPLIT, $0-0
	CALL	·work(SB)
	MOVQ	0, AX

// exit_group (231) does not come back: the path ends there.
TEXT ·syscallEnd(SB), NOSPLIT, $0-0
	MOVL	$231, AX
	SYSCALL

// nanosleep (35) comes back, and the CPU goes on past the end.
TEXT ·syscallReturns(SB), NOSPLIT, $0-0
	MOVL	$35, AX
	SYSCALL // want `execution runs off the end of syscallReturns after the system call SYSCALL \(number 35, which returns: of Linux's system calls only exit, exit_group and rt_sigreturn do not\)`

// A number that is not a constant of the block may be exit's: taken on
// trust.
TEXT ·syscallArg(SB), NOSPLIT, $0-8
	MOVQ	nr+0(FP), AX
	SYSCALL

// Raw bytes may encode anything (here: RET).
TEXT ·rawBytes(SB), NOSPLIT, $0-0
	BYTE	$0xc3

// empty is called from Go: the call runs into whatever follows.
TEXT ·empty(SB), NOSPLIT, $0-0 // want `TEXT empty has no instructions, and the package's Go code calls it: the symbol is 0 bytes long`

// exportedEmpty may be called from other packages.
TEXT ·ExportedEmpty(SB), NOSPLIT, $0-0 // want `TEXT ExportedEmpty has no instructions, and its Go declaration is exported`

// land<> is jumped to.
TEXT ·jumpsLand(SB), NOSPLIT, $0-0
	JMP	land<>(SB)

TEXT land<>(SB), NOSPLIT, $0 // want `TEXT land has no instructions, and JMP in jumpsLand \(falloff_amd64.s:\d+\) goes to it`

// Markers: 0-byte TEXTs whose address alone is used, as the end of a
// range of code (u-root's trampolines), or a Go function that is only
// referred to, never called.
TEXT ·endAddr(SB), NOSPLIT, $0-8
	MOVQ	$end<>(SB), AX
	MOVQ	AX, ret+0(FP)
	RET

TEXT end<>(SB), NOSPLIT, $0

TEXT ·marker(SB), NOSPLIT, $0-0

TEXT ·notEmpty(SB), NOSPLIT, $0-0
	RET

// dropsReturn returns to its caller's caller (it pops its return
// address first, as runtime·callbackasm1 does), so a call to it does not
// come back.
TEXT ·dropsReturn(SB), NOSPLIT|NOFRAME, $0-0
	ADDQ	$8, SP
	RET

TEXT ·callDrops(SB), NOSPLIT, $0-0
	CALL	·dropsReturn(SB)

TEXT ·callSpin(SB), NOSPLIT, $0-0
	CALL	·spin(SB)

TEXT ·callMaybe(SB), NOSPLIT, $0-0
	CALL	·maybe(SB) // want `callMaybe ends with a call to ·maybe: when it returns`

// tailReg leaves through a register with SP where it was: a tail call,
// which returns to tailReg's caller, so callTailReg runs off its end.
TEXT ·callTailReg(SB), NOSPLIT, $0-8
	CALL	·tailReg(SB) // want `callTailReg ends with a call to ·tailReg: when it returns`

TEXT ·tailReg(SB), NOSPLIT, $0-8
	MOVQ	fn+0(FP), AX
	JMP	AX

// toDie jumps through a register that holds die's address: it never
// returns, and neither does the call.
TEXT ·callToDie(SB), NOSPLIT, $0-0
	CALL	·toDie(SB)

TEXT ·toDie(SB), NOSPLIT, $0-0
	MOVQ	$·die(SB), AX
	JMP	AX

// Raw bytes that decode to an ordinary instruction (vmovdqu [rax], ymm0)
// hand control on: the CPU runs past the end.
TEXT ·rawAVXEnd(SB), NOSPLIT, $0-0
	XORQ AX, AX
	LONG $0x007ffec5 // want `execution runs off the end of rawAVXEnd after LONG`

// A TEXT of nothing but data is a table, whatever its bytes decode to
// (u-root's trampolines keep parameters so: LONG $0 is add [rax], al).
TEXT ·dataOnly(SB), NOSPLIT, $0
	LONG $0x0
