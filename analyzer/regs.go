package analyzer

// The register checks (RULES.md §4): what C expects of code it calls,
// the registers Go reserves, the frame pointer, the register ABI, and the
// AVX-SSE transition. They share the value-tracking dataflow of
// regsflow.go and the knowledge of entries from C and call clobbers of
// regsentry.go.

// CalleeSaved checks that functions entered from C preserve C's
// callee-saved registers.
var CalleeSaved = newAnalyzer("calleesaved", docCalleeSaved, runCalleeSaved)

func init() { register(CalleeSaved) }

const docCalleeSaved = `check that functions entered from C preserve C's callee-saved registers

Go has no callee-saved registers, C has: arm64's AAPCS64 keeps R19-R28,
R29 and the low 64 bits of V8-V15; amd64's System V ABI keeps BX, BP and
R12-R15, and Windows x64 also DI, SI and X6-X15. A function entered from
C — a cgo or purego callback, a signal handler, a thread start routine,
an _rt0_*_lib entry, a symbol exported to C — must save each such
register before it first clobbers it (by writing it, by an instruction
the assembler expands through REGTMP R27 on arm64, by calling Go code,
or in the prologue the assembler inserts) and restore it from the same
slot before every return, or the C caller continues with a corrupted
register. A function is entered from C when a //go:cgo_export_static or
//go:cgo_export_dynamic directive names it, when it is one of the
runtime's entries from C, when its symbol has no package qualifier and
nothing in the package calls it, when an //asmcheck:centry comment is on
its TEXT line or the line before, or when such a function tail-calls it.`

// FramePointer checks that the frame pointer is preserved for the
// frame-pointer unwinders.
var FramePointer = newAnalyzer("framepointer", docFramePointer, runFramePointer)

func init() { register(FramePointer) }

const docFramePointer = `check that the frame pointer is saved before it is clobbered

Go keeps frame pointers on amd64 (BP) and arm64 (R29), and the execution
tracer and the block and mutex profilers unwind stacks by following them.
The assembler saves and restores the frame pointer for a function with a
frame; a function without one ($0 and no calls, or NOFRAME) that writes it
must restore the caller's value before every return, on every path, and
any function must hold a frame pointer when it calls Go code, or the
unwinder follows garbage and the program crashes.`

// Reserved checks writes and reads of registers with a fixed meaning.
var Reserved = newAnalyzer("reserved", docReserved, runReserved)

func init() { register(Reserved) }

const docReserved = `check the registers Go and the platform reserve

Reports a write of the platform register R18 in arm64 code built for
darwin, ios or windows; a write of g (arm64 R28) with anything but g
outside the runtime; a read of the closure context register (DX, R26)
before any write in a function with a stack check that is not NEEDCTXT
(morestack_noctxt zeroes it); a value kept in REGTMP (arm64 R27) across an
instruction the assembler expands through it; and, in <ABIInternal>
functions, R14 not holding g or X15 not zero at a return or a call to
ABIInternal code.`

// ABIInternal checks how <ABIInternal> functions use their stack slots.
var ABIInternal = newAnalyzer("abiinternal", docABIInternal, runABIInternal)

// VZeroUpper checks that AVX code clears the upper halves before leaving.
var VZeroUpper = newAnalyzer("vzeroupper", docVZeroUpper, runVZeroUpper)

func init() { register(ABIInternal, VZeroUpper) }

const docABIInternal = `check stack accesses of <ABIInternal> functions

An <ABIInternal> function receives its arguments in registers. The caller
reserves a spill slot for each of them but does not write it, so reading
the slot before the function itself stored the register there reads
garbage; an argument read from the stack by name is not where the register
ABI put it; and a result stored to the stack is never seen by the caller,
which reads the result registers.`

const docVZeroUpper = `check that AVX code clears the upper register halves before leaving

A path from an instruction that writes a YMM or ZMM register to a RET, or
to a call of code outside the package's assembly, without VZEROUPPER in
between leaves the upper halves dirty, and the SSE code that runs next
(Go's compiled code included) pays the AVX-SSE transition penalty. The
suggested fix inserts VZEROUPPER before the RET or call.`
