#include "textflag.h"

// (a) No package qualifier, and nothing in the package calls it: C calls it.
TEXT callbackBad(SB), NOSPLIT|NOFRAME, $0
	MOVD R0, R19 // want `this MOVD clobbers callee-saved R19, and the return at line 6 gives C a different value: R19 is not saved before this point.*callbackBad is entered from C \(its symbol has no package qualifier.*AAPCS64 callers expect R19-R27, g, R29 and the low 64 bits of F8-F15 preserved`
	RET

TEXT callbackOK(SB), NOSPLIT|NOFRAME, $0
	MOVD.W R19, -16(RSP)
	MOVD R0, R19
	MOVD.P 16(RSP), R19
	RET

// purego#165: a load of a Go global goes through REGTMP, R27, which
// AAPCS64 keeps; saving R27 after that saves the assembler's value.
TEXT regtmpBad(SB), NOSPLIT|NOFRAME, $0
	SUB $32, RSP
	MOVD ·global(SB), R0 // want `this MOVD, which the assembler expands through REGTMP \(R27\), clobbers callee-saved R27.*R27 is not saved before this point`
	STP (R27, g), 8(RSP)
	LDP 8(RSP), (R27, g)
	ADD $32, RSP
	RET

TEXT regtmpOK(SB), NOSPLIT|NOFRAME, $0
	SUB $32, RSP
	STP (R27, g), 8(RSP)
	MOVD ·global(SB), R0
	LDP 8(RSP), (R27, g)
	ADD $32, RSP
	RET

// A write to the low 64 bits of V8 clobbers D8; a write to its upper
// half does not.
TEXT vecBad(SB), NOSPLIT|NOFRAME, $0
	VEOR V8.B16, V8.B16, V8.B16 // want `this VEOR clobbers callee-saved F8`
	RET

TEXT vecOK(SB), NOSPLIT|NOFRAME, $0
	VMOV R0, V8.D[1]
	FSTPD (F8, F9), -16(RSP)
	FMOVD $0, F9
	FMOVD F0, F8
	FLDPD -16(RSP), (F8, F9)
	RET

// A call into Go clobbers every register; a call into C keeps R19-R28.
TEXT callGoBad(SB), NOSPLIT, $16
	BL ·gofunc(SB) // want `the call to ·gofunc \(Go code: Go has no callee-saved registers\) clobbers callee-saved R19-R27, g, and F8-F15`
	RET

TEXT callCOK(SB), NOSPLIT, $16
	BL libc_getpid(SB)
	RET

// The runtime's way, with a save macro: restored from the same slots.
#define SAVE_ALL(off) \
	STP (R19, R20), (off+0)(RSP) \
	STP (R21, R22), (off+16)(RSP) \
	STP (R23, R24), (off+32)(RSP) \
	STP (R25, R26), (off+48)(RSP) \
	STP (R27, g), (off+64)(RSP) \
	FSTPD (F8, F9), (off+80)(RSP) \
	FSTPD (F10, F11), (off+96)(RSP) \
	FSTPD (F12, F13), (off+112)(RSP) \
	FSTPD (F14, F15), (off+128)(RSP)

#define RESTORE_ALL(off) \
	LDP (off+0)(RSP), (R19, R20) \
	LDP (off+16)(RSP), (R21, R22) \
	LDP (off+32)(RSP), (R23, R24) \
	LDP (off+48)(RSP), (R25, R26) \
	LDP (off+64)(RSP), (R27, g) \
	FLDPD (off+80)(RSP), (F8, F9) \
	FLDPD (off+96)(RSP), (F10, F11) \
	FLDPD (off+112)(RSP), (F12, F13) \
	FLDPD (off+128)(RSP), (F14, F15)

TEXT saveAllOK(SB), NOSPLIT, $160
	SAVE_ALL(8)
	BL ·gofunc(SB)
	RESTORE_ALL(8)
	RET

// A frame whose autosize does not fit MOVD.W is opened through R20.
TEXT bigFrameBad(SB), NOSPLIT, $256 // want `the prologue the assembler inserts \(the prologue's SUB \$autosize, RSP, R20\) clobbers callee-saved R20`
	SAVE_ALL(8)
	BL ·gofunc(SB)
	RESTORE_ALL(8)
	RET

// A leaf with a frame recomputes R29 in its epilogue.
TEXT leafFrameBad(SB), NOSPLIT, $16 // want `returns with R29 recomputed, not restored`
	MOVD R0, 8(RSP)
	RET

// Copies in registers, as cgoSigtramp keeps R27 and g.
TEXT copyOK(SB), NOSPLIT|NOFRAME, $0
	MOVD R27, R11
	MOVD g, R12
	MOVD ·global(SB), R0
	MOVD R0, g
	MOVD R11, R27
	MOVD R12, g
	RET

// (c) Exported to C by a cgo directive, though the package calls it.
TEXT ·setTrampoline(SB), NOSPLIT, $0
	JMP exportedOK(SB)

TEXT exportedBad(SB), NOSPLIT|NOFRAME, $0
	MOVD $0, g // want `callee-saved g.*exportedBad is entered from C \(exported to C by go:cgo_export_static\)`
	RET

TEXT exportedOK(SB), NOSPLIT|NOFRAME, $0
	MOVD $0, R0
	RET

// (d) Marked by a directive.
//asmcheck:centry
TEXT ·marked(SB), NOSPLIT, $0
	MOVD $0, R21 // want `callee-saved R21.*marked is entered from C \(marked //asmcheck:centry\)`
	RET

TEXT ·markedOK(SB), NOSPLIT, $0 //asmcheck:centry
	MOVD $0, R0
	RET

// (e) Tail-called by an entry from C.
//asmcheck:centry
TEXT ·tailEntry(SB), NOSPLIT, $0
	B body<>(SB)

TEXT body<>(SB), NOSPLIT, $0
	MOVD $0, R22 // want `callee-saved R22.*it is tail-called by tailEntry, which is entered from C`
	RET

// Not entered from C: Go code may use every register.
TEXT ·notEntry(SB), NOSPLIT, $0
	MOVD $0, R19
	MOVD ·global(SB), R0
	BL helper(SB)
	RET

// A C-style name the package itself calls is a private helper.
TEXT helper(SB), NOSPLIT, $0
	MOVD $0, R20
	RET

// A C-style function whose address the package takes is handed to code
// asmcheck cannot see (purego passes syscallX to the runtime's cgocall):
// not assumed to be entered from C.
GLOBL ·thunkAddr(SB), NOPTR|RODATA, $8
DATA ·thunkAddr(SB)/8, $thunk(SB)

TEXT thunk(SB), NOSPLIT, $0
	MOVD $0, R19
	RET
