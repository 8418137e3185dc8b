#include "textflag.h"

TEXT ·unknownBits(SB), NOSPLIT|128, $0-0 // want `unknown TEXT flag bits 0x80 \(flags 0x84\): runtime/textflag.h defines no such flag; the assembler ignores 0x80`
	RET

TEXT ·knownBits(SB), NOSPLIT|DUPOK, $0-0
	RET

TEXT ·pkgInit(SB), NOSPLIT|8192, $0-0 // want `0x2000 is PKGINIT`
	RET

TEXT ·noptr(SB), NOSPLIT|NOPTR, $0-0 // want `NOPTR on TEXT has no effect: it describes data symbols \(GLOBL\)`
	RET

TEXT ·rodataNoptr(SB), RODATA|NOPTR, $0-0 // want `RODATA\|NOPTR on TEXT has no effect`
	RET

// NOPROF is deprecated and does nothing, but is harmless: not reported.
TEXT ·noprof(SB), NOPROF|NOSPLIT, $0-0
	RET

TEXT ·internal<ABIInternal>(SB), 0, $0-0 // want `internal is ABIInternal but not NOSPLIT: the assembler rejects it`
	RET

TEXT ·internalOK<ABIInternal>(SB), NOSPLIT, $0-0
	RET

// (frame+saved BP) % 8 != 0: "unaligned stack size".
TEXT ·unaligned(SB), NOSPLIT, $12-0 // want `frame size 12 is not a multiple of 8: the assembler rejects it \(cmd/internal/obj/x86/obj6.go\); use \$16`
	RET

TEXT ·aligned(SB), NOSPLIT, $16-0
	RET

// amd64 accepts NOFRAME with a frame: it allocates it and skips the BP save.
TEXT ·noframeSize(SB), NOSPLIT|NOFRAME, $16-0 // want `NOFRAME with frame size 16: the assembler still allocates the 16 bytes but does not save the frame pointer`
	RET

TEXT ·noframeZero(SB), NOSPLIT|NOFRAME, $0-0
	RET

// A negative frame is $0 on x86: no room for the local.
TEXT ·negLocal(SB), NOSPLIT, $-8-0 // want `negative frame size -8 is treated as \$0 .* but MOVQ at line 44 uses a local slot, which is then below the stack pointer`
	MOVQ	AX, x-8(SP)
	RET

// Harmless: rt0_linux_amd64.s does this.
TEXT ·negNoLocal(SB), NOSPLIT, $-8-0
	JMP	·aligned(SB)
