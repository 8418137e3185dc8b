#include "textflag.h"

// R18 is the platform register on darwin, ios and windows, and this file
// is built for them.
TEXT ·platformBad(SB), NOSPLIT, $0
	MOVD $1, R18_PLATFORM // want `MOVD writes R18_PLATFORM, the platform register, and this file is built for darwin, ios, windows`
	RET

TEXT ·platformOK(SB), NOSPLIT, $0
	MOVD R18_PLATFORM, R0
	RET

// Only the runtime switches goroutines.
TEXT ·gBad(SB), NOSPLIT, $0
	MOVD R0, g // want `MOVD writes g, the g register, with something other than g: .*\(cmd/internal/obj/arm64/a.out.go REGG; cmd/asm refuses the name R28 for this reason\)`
	RET

TEXT ·gOK(SB), NOSPLIT, $0
	MOVD g, R5
	MOVD R5, g
	RET

// The stack check calls morestack_noctxt, which zeroes R26.
TEXT ·closureBad(SB), $16
	MOVD 8(R26), R0 // want `MOVD reads R26, the closure context register, before anything writes it, but closureBad is not NEEDCTXT`
	BL ·platformOK(SB)
	RET

TEXT ·closureOK(SB), NEEDCTXT, $16
	MOVD 8(R26), R0
	BL ·platformOK(SB)
	RET

TEXT ·closureNosplitOK(SB), NOSPLIT, $16
	MOVD 8(R26), R0
	BL ·platformOK(SB)
	RET

// A load of a Go global goes through R27.
TEXT ·regtmpBad(SB), NOSPLIT, $0
	MOVD $1, R27
	MOVD ·global(SB), R0 // want `this MOVD is expanded by the assembler through R27 \(REGTMP\), which destroys the value written to R27 on line 41 and read on line 43`
	ADD R27, R0
	RET

TEXT ·regtmpOK(SB), NOSPLIT, $0
	MOVD $1, R27
	ADD R27, R0
	MOVD ·global(SB), R1
	RET

// Several writes in one function make one report, which lists the
// others.
TEXT ·platformMany(SB), NOSPLIT, $0
	MOVD $1, R18_PLATFORM // want `MOVD writes R18_PLATFORM, .* or, if the code never runs there, say so with a build constraint \(//go:build linux, or a _linux_arm64.s file name\); platformMany also writes it on lines 56 and 57$`
	ADD $1, R18_PLATFORM
	MRS TPIDR_EL0, R18_PLATFORM
	RET

// Instructions written as WORDs are decoded (code translated from C, as
// apache/arrow-go's NEON kernels were): a move into x28 writes g.
TEXT ·gWordBad(SB), NOSPLIT, $0
	WORD $0xf81f0ffc // str x28, [sp, #-16]!
	WORD $0xaa0e03fc // want `WORD \$0xaa0e03fc \(mov x28, x14\) writes g, the g register: .* a profiling signal that arrives while it holds another value crashes the program`
	WORD $0xf84107fc // ldr x28, [sp], #16
	RET

// Saving and restoring x28, as a C prologue and epilogue do, and using
// other registers.
TEXT ·gWordOK(SB), NOSPLIT, $0
	WORD $0xf81f0ffc // str x28, [sp, #-16]!
	WORD $0xaa0e03e9 // mov x9, x14
	WORD $0xf100039f // cmp x28, #0x0
	WORD $0xf84107fc // ldr x28, [sp], #16
	RET
table:	// data after the last instruction, never executed
	WORD $0xaa0e03fc

TEXT ·platformWordBad(SB), NOSPLIT, $0
	WORD $0x8b020032 // want `WORD \$0x8b020032 \(add x18, x1, x2\) writes R18_PLATFORM, the platform register, and this file is built for darwin, ios, windows`
	RET
