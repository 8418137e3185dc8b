package frame

// NoSlot is the offset of a Layout slot that the frame does not have. It
// is far from any real offset, so an access never overlaps it.
const NoSlot int64 = -1 << 40

// A Layout is the stack frame of a function after the prologue the
// assembler inserts, as offsets from the hardware stack pointer at the
// first instruction of the body (before any manual SP change).
//
// amd64, $N (cmd/internal/obj/x86/obj6.go preprocess), when BP is saved:
//
//	N+16(SP)  0(FP): the caller's outgoing argument area   Args
//	N+8(SP)   return address pushed by CALL                 RetAddr
//	N(SP)     caller's BP, pushed by the prologue           SavedFP
//	0..N-1    locals; name-8(SP) is N-8(SP)                 LocalsLo, LocalsHi, PseudoSP = N
//
// arm64, $N with autosize A = N+8 rounded up to 16 by adding 8 or 16
// (cmd/internal/obj/arm64/obj7.go preprocess, asm7.go aclass):
//
//	A+8(RSP)  0(FP): the caller's outgoing argument area   Args
//	A(RSP)    the caller's saved LR (the caller's 0(RSP))   CallerLR
//	A-8(RSP)  the caller's saved R29, stored there by the   CallerFP
//	          caller's own prologue (at -8 of its SP)
//	8..N+7    locals; name-8(SP) is N(RSP)                  LocalsLo, LocalsHi, PseudoSP = N+8
//	0(RSP)    this function's saved LR                       SavedLR
//	-8(RSP)   this function's saved R29 (below SP)           SavedFP
//
// A word between the locals and CallerFP (when N%16 == 8) is padding.
// A frameless function (amd64 NOFRAME or a $0 leaf; arm64 NOFRAME, $-8 or
// a $0 leaf) keeps the caller's slots at the same offsets with A = 0.
//
// TestLayoutAgainstAssembler proves the amd64 and arm64 models against
// `go tool asm -S` and the machine code it emits; other arches are
// approximations (Exact false).
type Layout struct {
	// Exact reports whether the model is proven for this arch (amd64,
	// arm64); elsewhere Size, Args, Locals and PseudoSP are
	// approximations in the style of go vet's asmdecl, and every slot is
	// NoSlot.
	Exact bool
	// Assembled reports whether Size, Frameless and StackCheck are the
	// assembler's, as the linker sees them (its pc→SP table, its NOSPLIT
	// chains), even where Exact is false because of raw bytes (BYTE
	// $0xcc) whose effect at run time is not known: the assembler counts
	// no data directive as a call or an SP change (obj6.go and obj7.go
	// look at their own opcodes), so only instructions the table does not
	// know make it false.
	Assembled bool
	// Size is the number of bytes the prologue subtracts from SP
	// (autosize): the declared frame plus saved BP or LR plus padding.
	Size int64
	// Frameless reports whether the assembler adds no frame at all.
	Frameless bool
	// LocalsLo and LocalsHi bound the function's declared locals
	// [LocalsLo, LocalsHi).
	LocalsLo, LocalsHi int64
	// SavedFP is the slot where the prologue saves the frame pointer it
	// was entered with (amd64 BP at N(SP); arm64 R29 at -8(RSP)), restored
	// by the epilogue; NoSlot if none.
	SavedFP int64
	// SavedLR is the slot of the saved link register (arm64 0(RSP)), or
	// NoSlot.
	SavedLR int64
	// RetAddr is the slot of the return address pushed by CALL (amd64),
	// or NoSlot.
	RetAddr int64
	// CallerFP is, on arm64, the top word of the frame, where the
	// function's caller keeps its saved R29; NoSlot elsewhere.
	CallerFP int64
	// CallerLR is, on arm64, the caller's saved LR slot (its 0(RSP)), just
	// below the argument area; NoSlot elsewhere.
	CallerLR int64
	// Args is the offset of 0(FP), the caller's outgoing argument area.
	Args int64
	// OutArgs is the offset where this function's outgoing arguments go
	// when it calls another Go function (amd64 0, arm64 8).
	OutArgs int64
	// PseudoSP is the offset that name-0(SP) denotes; name-8(SP) is the
	// word below it.
	PseudoSP int64
	// ReloadsLR reports whether the epilogue reloads the link register
	// from SavedLR before returning (arm64 functions with a frame that
	// call; a leaf returns through the LR it was entered with, so its
	// saved LR is read only by tracebacks).
	ReloadsLR bool
	// StackCheck reports whether the prologue compares SP with the stack
	// guard and calls runtime·morestack when it is short: the function is
	// not NOSPLIT and the assembler did not make it NOSPLIT (a small leaf)
	// or, on arm64, frameless. Known only when Exact.
	StackCheck bool
}

// layouts holds the exact per-arch frame models.
var layouts = map[string]func(*Func) Layout{
	"amd64": (*Func).layoutAMD64,
	"arm64": (*Func).layoutARM64,
}

// Layout returns the frame layout of fn.
//
// An instruction the arch's table does not know could be one the
// assembler counts as a call (DUFFZERO), which changes the frame: the
// layout of a function with one is not Exact.
//
// It is computed on first use: the Func must not change after that.
func (fn *Func) Layout() Layout {
	fn.layOnce.Do(func() { fn.lay = fn.layout() })
	return fn.lay
}

func (fn *Func) layout() Layout {
	if l := layouts[fn.Arch.Name]; l != nil {
		lay := l(fn)
		lay.Assembled = lay.Exact && !fn.hasUnknownCode()
		lay.Exact = lay.Exact && !fn.hasUnknown()
		return lay
	}
	return fn.layoutGeneric()
}

// hasUnknown reports whether fn has an instruction its arch's table does
// not know, other than data whose decoded instructions neither call nor
// move SP (AttrStackNeutral, AttrStackAccess: neutral.go): the assembler
// counts no data directive as a call (obj6.go, obj7.go look at their own
// opcodes), so only what the bytes do at run time could make the layout's
// use wrong.
func (fn *Func) hasUnknown() bool {
	for i := range fn.Insts {
		if e := &fn.Insts[i]; !e.Known && e.Attrs&(AttrStackNeutral|AttrStackAccess) == 0 {
			return true
		}
	}
	return false
}

// hasUnknownCode reports whether fn has an instruction its arch's table
// does not know that is not data.
func (fn *Func) hasUnknownCode() bool {
	for i := range fn.Insts {
		if e := &fn.Insts[i]; !e.Known && e.Attrs&AttrData == 0 {
			return true
		}
	}
	return false
}

// hasCall reports whether fn contains a call (obj6.go counts CALL,
// DUFFCOPY and DUFFZERO; obj7.go BL).
func (fn *Func) hasCall() bool {
	for i := range fn.Insts {
		if fn.Insts[i].Flow == FlowCall {
			return true
		}
	}
	return false
}

// emptyLayout returns a Layout with every slot absent.
func emptyLayout() Layout {
	return Layout{SavedFP: NoSlot, SavedLR: NoSlot, RetAddr: NoSlot, CallerFP: NoSlot, CallerLR: NoSlot}
}

// layoutAMD64 follows obj6.go preprocess: a negative frame counts as 0;
// BP is saved (PUSHQ BP; MOVQ SP, BP) unless the function is NOFRAME or a
// frameless leaf ($0 with no CALL); then ADJSP $frame. Operands: NAME_AUTO
// offsets get deltasp-bpsize added, NAME_PARAM deltasp+8.
func (fn *Func) layoutAMD64() Layout {
	frame := max(fn.Frame, 0)
	bp := int64(8)
	if fn.Has(FlagNOFRAME) || frame == 0 && !fn.hasCall() {
		bp = 0
	}
	l := emptyLayout()
	l.Exact, l.Size = true, frame+bp
	l.Frameless = l.Size == 0
	l.LocalsHi, l.PseudoSP = frame, frame
	l.RetAddr, l.Args = l.Size, l.Size+8
	if bp > 0 {
		l.SavedFP = frame
	}
	l.StackCheck = fn.FlagsOK && !fn.Has(FlagNOSPLIT) && !fn.amd64AutoNoSplit(l.Size)
	return l
}

// amd64ZeroArgCalls are the calls obj6.go does not count against a leaf
// (isZeroArgRuntimeCall) while the frame is below StackSmall-8.
var amd64ZeroArgCalls = map[string]bool{"runtime·panicdivide": true, "runtime·panicwrap": true,
	"runtime·panicshift": true, "runtime·panicBounds": true, "runtime·panicExtend": true}

// layoutStackSmall is internal/abi.StackSmall: a frame below it may skip the
// stack check.
const layoutStackSmall = 128

// amd64AutoNoSplit reports whether obj6.go marks fn NOSPLIT itself: its
// frame (with the saved BP) is below StackSmall and it makes no call
// other than the zero-argument runtime panics.
func (fn *Func) amd64AutoNoSplit(size int64) bool {
	if size >= layoutStackSmall {
		return false
	}
	for i := range fn.Insts {
		if e := fn.Inst(i); e.Flow == FlowCall && (!amd64ZeroArgCalls[e.Target().Sym] || size >= layoutStackSmall-8) {
			return false
		}
	}
	return true
}

// layoutARM64 follows obj7.go preprocess: $-8 means NOFRAME; a leaf with
// $0 becomes NOFRAME; otherwise autosize = frame + 8 (LR) rounded up to 16
// by adding 8 or 16 (extrasize); LR is saved at 0(RSP) and R29 at -8 of the
// new SP. asm7.go aclass: NAME_AUTO offsets are autosize-extrasize+off,
// NAME_PARAM autosize+8+off.
func (fn *Func) layoutARM64() Layout {
	frame := fn.Frame
	noframe := fn.Has(FlagNOFRAME) || frame == -8
	frame = max(frame, 0)
	if !noframe && frame == 0 && !fn.hasCall() {
		noframe = true
	}
	auto, extra := frame, int64(0)
	if !noframe {
		auto += 8
	}
	if auto != 0 {
		extra = 16 - auto%16
	}
	auto += extra
	l := emptyLayout()
	l.Exact, l.Size, l.Frameless = true, auto, auto == 0
	l.OutArgs = 8
	l.CallerFP, l.CallerLR, l.Args = auto-8, auto, auto+8
	l.PseudoSP = auto - extra
	if auto != 0 {
		l.SavedLR, l.SavedFP = 0, -8
		l.LocalsLo, l.LocalsHi = 8, 8+frame
	}
	l.ReloadsLR = auto != 0 && fn.hasCall()
	// obj7.go: a NOFRAME function is a leaf for the prologue and gets no
	// stack check; a leaf below StackSmall is made NOSPLIT.
	leafSmall := !fn.hasCall() && auto < layoutStackSmall
	l.StackCheck = fn.FlagsOK && !fn.Has(FlagNOSPLIT) && !noframe && !leafSmall
	return l
}

// layoutGeneric approximates other arches: the declared frame, plus on
// LR machines FixedFrameSize bytes for the saved LR (ppc64: its 32-byte
// fixed frame) unless the function is NOFRAME (the flag, or a negative
// frame: the historical $-4 or $-8 spelling), which the assembler also
// makes a leaf without locals ("A leaf function with no locals has no
// frame": arm obj5.go, mips obj0.go, ppc64 obj9.go, riscv obj.go, s390x
// objz.go, loong64 obj.go; arm also counts DIV and MOD as calls, which
// this does not see). 0(FP) is abi.Arch.EntryArgOffset above that: the
// return address on 386 and wasm, the caller's fixed frame on LR
// machines. TestGenericLayoutArgs proves Args against go tool asm on
// every such arch (x+0(FP) assembles like Args(SP)); the other fields are
// approximations.
func (fn *Func) layoutGeneric() Layout {
	frame := max(fn.Frame, 0)
	size := frame
	noframe := fn.Has(FlagNOFRAME) || fn.Frame < 0 || frame == 0 && !fn.hasCall()
	if fn.Arch.LR != NoReg && !noframe {
		size += int64(fn.Arch.ABI.FixedFrameSize)
	}
	l := emptyLayout()
	l.Size, l.Frameless = size, size == 0
	l.LocalsHi, l.PseudoSP = frame, frame
	l.Args, l.OutArgs = size+int64(fn.Arch.ABI.EntryArgOffset()), int64(fn.Arch.ABI.FixedFrameSize)
	return l
}

// A Slot names a part of the stack as a Layout sees it.
type Slot uint8

// The slots an access can touch, from the bottom of the stack up.
const (
	SlotUnknown  Slot = iota // the layout is not exact
	SlotBelow                // below the frame (below SP after the prologue)
	SlotLocals               // the declared locals
	SlotPadding              // padding the assembler added inside the frame
	SlotSavedFP              // this function's saved frame pointer
	SlotSavedLR              // this function's saved link register
	SlotRetAddr              // the return address pushed by CALL
	SlotCallerFP             // the caller's saved frame pointer
	SlotCallerLR             // the caller's saved link register
	SlotArgs                 // 0(FP) and above: the arguments, then the caller's frame
)

var slotNames = [...]string{"unknown", "below the frame", "locals", "frame padding",
	"saved frame pointer", "saved LR", "return address", "caller's saved frame pointer",
	"caller's saved LR", "argument area"}

func (s Slot) String() string { return slotNames[s] }

// Slot returns the first slot that the bytes [off, off+size) relative to
// SP after the prologue overlap, taking saved registers first: an access
// that covers a local and the saved BP is reported as SlotSavedFP.
func (l Layout) Slot(off, size int64) Slot {
	if !l.Exact {
		return SlotUnknown
	}
	size = max(size, 1)
	over := func(at int64) bool { return at != NoSlot && off < at+8 && at < off+size }
	for _, s := range []struct {
		at   int64
		slot Slot
	}{{l.SavedFP, SlotSavedFP}, {l.SavedLR, SlotSavedLR}, {l.RetAddr, SlotRetAddr},
		{l.CallerFP, SlotCallerFP}, {l.CallerLR, SlotCallerLR}} {
		if over(s.at) {
			return s.slot
		}
	}
	switch {
	case off+size > l.Args:
		return SlotArgs
	case off < l.LocalsLo && off < 0:
		return SlotBelow
	case off >= l.LocalsLo && off+size <= l.LocalsHi:
		return SlotLocals
	case off >= 0 && off+size <= l.Size:
		return SlotPadding
	}
	return SlotBelow
}
