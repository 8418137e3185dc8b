#include "textflag.h"

// SP moved to the top of the locals and aligned there: the C callee's
// 32-byte home area is the saved BP, the return address and the
// arguments (pk910/hashtree-bindings' wrapper_windows_amd64.s).
TEXT ·hashWide(SB), 0, $2048-24
	MOVQ out+0(FP), CX
	MOVQ in+8(FP), DX
	MOVQ n+16(FP), R8
	MOVQ SP, BX
	ADDQ $2048, SP
	ANDQ $~31, SP
	CALL cgo_hash_x4(SB) // want `call to the C function cgo_hash_x4 with SP at 2017\.\.2048\(SP\) \(SP was aligned with AND\): the Windows x64 ABI lets the callee write the 32 bytes above its return address .* so the area reaches into the saved frame pointer: .*; move SP at least 32 bytes below the top of the locals before the call`
	MOVQ BX, SP
	RET

// 32 bytes lower: the home area is the top of the locals.
TEXT ·hashWideOK(SB), 0, $2048-24
	MOVQ out+0(FP), CX
	MOVQ in+8(FP), DX
	MOVQ n+16(FP), R8
	MOVQ SP, BX
	ADDQ $(2048-32), SP
	ANDQ $~31, SP
	CALL cgo_hash_x4(SB)
	MOVQ BX, SP
	RET

// No frame: the home area is the frame pointer the assembler saves (a
// function that calls gets PUSHQ BP even with $0), the return address
// and the argument.
TEXT ·noFrame(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), CX
	CALL cgo_hash_x1(SB) // want `call to the C function cgo_hash_x1 with SP at 0\(SP\): .* the frame has no locals, so the area reaches into the saved frame pointer: .*; declare the frame as \$32-8 or move SP 32 bytes lower before the call`
	RET

TEXT ·withFrame(SB), NOSPLIT, $32-8
	MOVQ x+0(FP), CX
	CALL cgo_hash_x1(SB)
	RET

// Calls of Go code have no home area (ABI0: the callee's arguments).
TEXT ·goCall(SB), NOSPLIT, $0-0
	CALL ·g(SB)
	RET

TEXT ·g(SB), NOSPLIT, $0-0
	RET
