#include "textflag.h"

TEXT ·unaligned(SB), NOSPLIT, $6-0 // want `frame size 6 is not a multiple of 4: the assembler rejects it \(cmd/internal/obj/x86/obj6.go\); use \$8`
	RET

TEXT ·aligned(SB), NOSPLIT, $12-0
	RET

// 386 never saves a frame pointer: NOFRAME changes nothing.
TEXT ·noframeSize(SB), NOSPLIT|NOFRAME, $8-0
	RET

// sys_freebsd_386.s does this.
TEXT ·negNoLocal(SB), NOSPLIT, $-4-0
	RET
