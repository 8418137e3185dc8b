package frame

// What cmd/internal/obj's per-arch preprocess passes accept in a TEXT
// statement and do with it, and what the linker's nosplit check
// (cmd/link/internal/ld/stackcheck.go) assumes about each arch, as data.
// Every rule here was read off the Go 1.26 source named beside it and
// checked by assembling small cases with `go tool asm` for each GOARCH
// (see analyzer/objrules_test.go, -asmcheck.asm).

// A NegativeFrame says what the assembler does with a negative frame size
// other than the arch's historical NOFRAME spelling.
type NegativeFrame uint8

const (
	// NegativeRejected: "negative frame size N - did you mean NOFRAME?"
	// (arm64 obj7.go, mips obj0.go, riscv obj.go, loong64 obj.go) or
	// "frame size N not 0 or a positive multiple of 4" (arm obj5.go).
	NegativeRejected NegativeFrame = iota
	// NegativeAsZero: accepted silently and treated as $0 (x86 obj6.go
	// clamps autoffset to 0).
	NegativeAsZero
	// NegativeShrinks: accepted silently when a multiple of the frame
	// alignment (ppc64 obj9.go, s390x objz.go check only textstksiz%8): the
	// prologue allocates frame+FixedFrameSize bytes, less than the fixed
	// frame the ABI reserves, so locals and the callee's fixed area overlap.
	NegativeShrinks
	// NegativeCrashes: the assembler panics ("bad framesize", wasm
	// wasmobj.go preprocess).
	NegativeCrashes
)

// A NoFrameSize says what the assembler does with NOFRAME and a frame
// size other than 0.
type NoFrameSize uint8

const (
	// NoFrameSizeRejected: "NOFRAME functions must have a frame size of
	// 0, not N" (every LR arch).
	NoFrameSizeRejected NoFrameSize = iota
	// NoFrameSizeNoFP: accepted; the frame is allocated but the frame
	// pointer is not saved (amd64 obj6.go: NOFRAME only suppresses the
	// PUSHQ BP; MOVQ SP, BP of the prologue).
	NoFrameSizeNoFP
	// NoFrameSizeIgnored: accepted; NOFRAME changes nothing (386, which
	// never saves a frame pointer; wasm).
	NoFrameSizeIgnored
)

// ObjRules are the frame-size rules of one arch's assembler back end and
// the constants of the linker's nosplit check for it.
type ObjRules struct {
	// Source is the cmd/internal/obj file whose preprocess pass the
	// rules come from.
	Source string
	// NoFrameAlias is the frame size that means NOFRAME for historical
	// reasons ($-8 on arm64, $-4 on arm and 32-bit mips), or 0.
	NoFrameAlias int64
	// FrameAlign: a frame size that is not a multiple of it is rejected
	// (1 when there is no such rule). On amd64 the rule is on the frame
	// plus the saved BP (obj6.go "unaligned stack size"), which is the
	// same thing.
	FrameAlign int64
	// Negative says what other negative frame sizes do.
	Negative NegativeFrame
	// NoFrameSize says what NOFRAME with a non-zero frame does.
	NoFrameSize NoFrameSize

	// CallSize is the stack a CALL adds: the return address the
	// instruction pushes on non-LR machines, 0 with a link register
	// (stackcheck.go newStackCheck: RegSize when !HasLR).
	CallSize int64
	// NosplitReserve is taken off the nosplit limit on top of CallSize
	// (stackcheck.go doStackCheck: 8 on arm64, "to save FP").
	NosplitReserve int64
	// FallOffTraps reports whether the back end ends every function with
	// a trap, so that running off the end is like UNDEF (wasm: wasmobj.go
	// preprocess appends obj.AUNDEF, emitted as "unreachable").
	FallOffTraps bool
	// AutoNosplit says when the assembler marks a function NOSPLIT
	// without being asked; nil when asmcheck does not model it (and the
	// nosplit check stays silent on the arch).
	AutoNosplit *AutoNosplit
}

// AutoNosplit is an arch's rule for making small leaf functions NOSPLIT
// (amd64 obj6.go preprocess, arm64 obj7.go preprocess): a function that
// is not NOSPLIT, whose frame (Layout.Size) is below MaxFrame, and that
// makes no call, becomes NOSPLIT — the linker then counts its frame, not a
// call to morestack.
type AutoNosplit struct {
	MaxFrame int64
	// LeafCalls are callees that do not count as calls (amd64:
	// isZeroArgRuntimeCall), as long as the frame is below LeafCallFrame.
	LeafCalls     []string
	LeafCallFrame int64
	// SkipNoFrame: a NOFRAME function is never made NOSPLIT (arm64 leaves
	// the prologue code before the rule for NOFRAME functions).
	SkipNoFrame bool
}

// stackSmall is internal/abi.StackSmall.
const stackSmall = 128

// nosplitBase is internal/abi.StackNosplitBase.
const nosplitBase = 800

var objRules = map[string]*ObjRules{
	"amd64": {Source: "cmd/internal/obj/x86/obj6.go", FrameAlign: 8, Negative: NegativeAsZero, NoFrameSize: NoFrameSizeNoFP,
		CallSize: 8, AutoNosplit: &AutoNosplit{MaxFrame: stackSmall, LeafCallFrame: stackSmall - 8,
			LeafCalls: []string{"runtime·panicdivide", "runtime·panicwrap", "runtime·panicshift", "runtime·panicBounds", "runtime·panicExtend"}}},
	"386": {Source: "cmd/internal/obj/x86/obj6.go", FrameAlign: 4, Negative: NegativeAsZero, NoFrameSize: NoFrameSizeIgnored, CallSize: 4},
	"arm": {Source: "cmd/internal/obj/arm/obj5.go", NoFrameAlias: -4, FrameAlign: 4, Negative: NegativeRejected},
	"arm64": {Source: "cmd/internal/obj/arm64/obj7.go", NoFrameAlias: -8, FrameAlign: 8, Negative: NegativeRejected,
		NosplitReserve: 8, AutoNosplit: &AutoNosplit{MaxFrame: stackSmall, SkipNoFrame: true}},
	"loong64":  {Source: "cmd/internal/obj/loong64/obj.go", FrameAlign: 1, Negative: NegativeRejected},
	"mips":     {Source: "cmd/internal/obj/mips/obj0.go", NoFrameAlias: -4, FrameAlign: 1, Negative: NegativeRejected},
	"mipsle":   {Source: "cmd/internal/obj/mips/obj0.go", NoFrameAlias: -4, FrameAlign: 1, Negative: NegativeRejected},
	"mips64":   {Source: "cmd/internal/obj/mips/obj0.go", NoFrameAlias: -8, FrameAlign: 1, Negative: NegativeRejected},
	"mips64le": {Source: "cmd/internal/obj/mips/obj0.go", NoFrameAlias: -8, FrameAlign: 1, Negative: NegativeRejected},
	"ppc64":    {Source: "cmd/internal/obj/ppc64/obj9.go", NoFrameAlias: -8, FrameAlign: 8, Negative: NegativeShrinks},
	"ppc64le":  {Source: "cmd/internal/obj/ppc64/obj9.go", NoFrameAlias: -8, FrameAlign: 8, Negative: NegativeShrinks},
	"riscv64":  {Source: "cmd/internal/obj/riscv/obj.go", NoFrameAlias: -8, FrameAlign: 1, Negative: NegativeRejected},
	"s390x":    {Source: "cmd/internal/obj/s390x/objz.go", NoFrameAlias: -8, FrameAlign: 8, Negative: NegativeShrinks},
	"wasm": {Source: "cmd/internal/obj/wasm/wasmobj.go", FrameAlign: 1, Negative: NegativeCrashes, NoFrameSize: NoFrameSizeIgnored, CallSize: 8,
		FallOffTraps: true},
}

// Obj returns the assembler and linker rules of a, or nil if asmcheck has
// none for it.
func (a *Arch) Obj() *ObjRules { return objRules[a.Name] }

// NosplitLimit returns the number of bytes a chain of NOSPLIT functions
// may use below a splittable caller's stack guard before the linker
// rejects the program with "nosplit stack over N byte limit"
// (cmd/link/internal/ld/stackcheck.go doStackCheck): StackNosplit less
// the size of a call, less 8 more on arm64. StackNosplit is
// internal/abi.StackNosplitBase times cmd/internal/objabi/stack.go's
// stackGuardMultiplier: 1, plus 1 on aix and openbsd, plus 1 with -race.
func (r *ObjRules) NosplitLimit(goos string, race bool) int64 {
	mult := int64(1)
	if goos == "aix" || goos == "openbsd" {
		mult++
	}
	if race {
		mult++
	}
	return nosplitBase*mult - r.CallSize - r.NosplitReserve
}

// IsNoFrame reports whether fn asks for no frame: the NOFRAME flag, or
// the arch's historical frame size for it.
func (fn *Func) IsNoFrame() bool {
	r := fn.Arch.Obj()
	return fn.Has(FlagNOFRAME) || r != nil && r.NoFrameAlias != 0 && fn.Frame == r.NoFrameAlias
}

// EffectiveNoSplit reports whether the linker sees fn as NOSPLIT: it says
// NOSPLIT, or the assembler makes it NOSPLIT because it is a small leaf.
// ok is false when the arch's rule is not modeled.
func (fn *Func) EffectiveNoSplit() (nosplit, ok bool) {
	if fn.Has(FlagNOSPLIT) {
		return true, true
	}
	r := fn.Arch.Obj()
	if r == nil || r.AutoNosplit == nil || !fn.FlagsOK {
		return false, false
	}
	auto := r.AutoNosplit
	if auto.SkipNoFrame && fn.IsNoFrame() {
		return false, true
	}
	size := fn.Layout().Size
	if size >= auto.MaxFrame {
		return false, true
	}
	for i := range fn.Insts {
		e := fn.Inst(i)
		if e.Flow != FlowCall {
			continue
		}
		if !auto.leafCall(e.Target().Sym) || size >= auto.LeafCallFrame {
			return false, true
		}
	}
	return true, true
}

func (auto *AutoNosplit) leafCall(sym string) bool {
	for _, s := range auto.LeafCalls {
		if s == sym {
			return true
		}
	}
	return false
}
