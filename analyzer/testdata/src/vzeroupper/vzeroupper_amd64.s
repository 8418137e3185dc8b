#include "textflag.h"

TEXT ·sum(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	VMOVDQU (AX), Y0
	VPADDD Y0, Y0, Y0
	VMOVDQU Y0, (AX)
	RET // want `RET with dirty upper halves of the YMM/ZMM registers \(VMOVDQU on line 5 writes a 256- or 512-bit register, and no VZEROUPPER follows\)`

TEXT ·sumOK(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	VMOVDQU (AX), Y0
	VPADDD Y0, Y0, Y0
	VMOVDQU Y0, (AX)
	VZEROUPPER
	RET

// VZEROUPPER on one path only.
TEXT ·twoPaths(SB), NOSPLIT, $0-16
	MOVQ p+0(FP), AX
	VMOVDQU (AX), Y0
	VMOVDQU Y0, (AX)
	CMPQ n+8(FP), $0
	JEQ done
	VZEROUPPER
	RET
done:	RET // want `RET with dirty upper halves`

TEXT ·callsGo(SB), $0-8
	MOVQ p+0(FP), AX
	VMOVDQU (AX), Y1
	CALL ·gofunc(SB) // want `call to ·gofunc with dirty upper halves`
	VMOVDQU Y1, (AX)
	VZEROUPPER
	RET

TEXT ·callsGoOK(SB), $0-8
	MOVQ p+0(FP), AX
	VMOVDQU (AX), Y1
	VMOVDQU Y1, (AX)
	VZEROUPPER
	CALL ·gofunc(SB)
	RET

// ZMM16-ZMM31 are out of SSE's reach: no transition.
TEXT ·highRegsOK(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	VMOVDQU32 (AX), Z16
	VMOVDQU32 Z16, (AX)
	RET

TEXT ·sseOK(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	MOVOU (AX), X0
	MOVOU X0, (AX)
	RET

// A helper of the package's assembly may return its result in Y0.
TEXT ·callsHelperOK(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	VMOVDQU (AX), Y1
	CALL load<>(SB)
	VMOVDQU Y0, (AX)
	VZEROUPPER
	RET

TEXT load<>(SB), NOSPLIT, $0
	VMOVDQU (AX), Y0
	RET

// A helper that Go code does not name and only the package's assembly
// calls returns to that assembly, which clears the upper halves
// (minio/simdjson-go's __find_newline_delimiters).
TEXT ·callsDeclaredHelperOK(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	CALL ·helperOK(SB)
	VMOVDQU Y0, (AX)
	VZEROUPPER
	RET

TEXT ·helperOK(SB), NOSPLIT, $0
	VMOVDQU (AX), Y0
	RET

// The same, but Go code calls the helper too: its RET returns to Go.
TEXT ·callsGoHelper(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	CALL ·goHelper(SB)
	VMOVDQU Y0, (AX)
	VZEROUPPER
	RET

TEXT ·goHelper(SB), NOSPLIT, $0
	VMOVDQU (AX), Y0
	RET // want `RET with dirty upper halves`

// AVX written as bytes (c2goasm's output, or code older than the
// assembler's AVX support) is decoded: a YMM load as two LONGs, then RET.
TEXT ·bytesAVX(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	LONG $0x006ffec5 // vmovdqu ymm0, [rax]
	LONG $0x007ffec5 // vmovdqu [rax], ymm0
	RET // want `RET with dirty upper halves of the YMM/ZMM registers \(the data \(LONG\) on line \d+ writes a 256- or 512-bit register`

// The same with VZEROUPPER written as bytes too, and SSE as bytes, which
// leaves the upper halves as they are.
TEXT ·bytesAVXOK(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	LONG $0x006ffec5 // vmovdqu ymm0, [rax]
	LONG $0x007ffec5 // vmovdqu [rax], ymm0
	BYTE $0xc5; BYTE $0xf8; BYTE $0x77 // vzeroupper
	BYTE $0xf3; BYTE $0x0f; BYTE $0x6f; BYTE $0x00 // movdqu xmm0, [rax]
	RET

// A static function that only Go-called functions jump to returns to
// their callers, Go code (internal/bytealg's indexbytebody<>).
TEXT ·jumpsToBody(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	JMP body<>(SB)

TEXT body<>(SB), NOSPLIT, $0
	VMOVDQU (AX), Y0
	VMOVDQU Y0, 32(AX)
	RET // want `RET with dirty upper halves of the YMM/ZMM registers \(VMOVDQU on line \d+ writes a 256- or 512-bit register`

// A read of a ZMM register after a call the check cannot follow (Go
// code, another package) shows that the callee left the upper halves
// dirty.
TEXT ·readsAfterCall(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), DI
	CALL ·gofunc(SB)
	VMOVDQU64 Z1, (DI)
	RET // want `RET with dirty upper halves of the YMM/ZMM registers \(VMOVDQU64 on line \d+ reads a 256- or 512-bit register`

// A call of an assembly function of the package is followed: one that
// leaves the upper halves dirty makes its caller's state dirty
// (internal/runtime/gc/scan's ExpandAVX512 and its expandAVX512_N<>),
// even in a caller that writes no wide register itself.
TEXT ·readsAfterHelper(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), DI
	CALL expand<>(SB)
	VMOVDQU64 Z1, (DI)
	RET // want `RET with dirty upper halves of the YMM/ZMM registers \(CALL on line \d+ returns from expand, which leaves them dirty`

TEXT ·callsDirtyHelper(SB), NOSPLIT, $0-0
	CALL expand<>(SB)
	RET // want `RET with dirty upper halves of the YMM/ZMM registers \(CALL on line \d+ returns from expand`

TEXT ·callsDirtyHelperOK(SB), NOSPLIT, $0-0
	CALL expand<>(SB)
	VZEROUPPER
	RET

TEXT expand<>(SB), NOSPLIT, $0
	VPXORQ Z1, Z1, Z1
	RET

// A helper that touches no vector register returns the state it was
// called with (minio/simdjson-go's callers load Y8 and Y9, call a helper,
// and clear after it).
TEXT ·dirtyAcrossHelper(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	VMOVDQU (AX), Y1
	CALL count<>(SB)
	RET // want `RET with dirty upper halves of the YMM/ZMM registers \(VMOVDQU on line \d+ writes`

TEXT count<>(SB), NOSPLIT, $0
	ADDQ $1, CX
	RET

// One that clears them on every path leaves them clean.
TEXT ·dirtyAcrossHelperOK(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	VMOVDQU (AX), Y1
	CALL clears<>(SB)
	RET

TEXT clears<>(SB), NOSPLIT, $0
	VMOVDQU Y1, (AX)
	VZEROUPPER
	RET

// After VZEROALL the registers hold zeros: reading one leaves the upper
// halves clean (the runtime's secretEraseRegisters).
TEXT ·readsAfterClearOK(SB), NOSPLIT, $0-0
	VZEROALL
	VMOVAPD Z0, Z16
	RET
