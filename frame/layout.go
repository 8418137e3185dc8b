package frame

// A Layout is the stack frame of a function after the prologue the
// assembler inserts, as offsets from the hardware stack pointer at the
// first instruction of the body (before any manual SP change).
//
// The model is that of cmd/internal/obj/x86/obj6.go and
// cmd/internal/obj/arm64/obj7.go (preprocess); TestLayoutAgainstAssembler
// checks it against `go tool asm -S`.
type Layout struct {
	// Exact reports whether the model is exact for this arch (amd64,
	// arm64); elsewhere only Size, Args and Locals are approximations in
	// the style of go vet's asmdecl.
	Exact bool
	// Size is the number of bytes the prologue subtracts from SP
	// (autosize): the declared frame plus saved BP or LR plus padding.
	Size int64
	// Frameless reports whether the assembler adds no frame at all.
	Frameless bool
	// Locals is the range [Lo, Hi) of the function's own local slots.
	LocalsLo, LocalsHi int64
	// SavedFP is the offset of the caller's frame pointer saved by the
	// prologue (amd64: BP at frame; arm64: the word below SP, see
	// CallerFP), or -1.
	SavedFP int64
	// SavedLR is the offset of the saved link register (arm64 0(RSP)), or -1.
	SavedLR int64
	// RetAddr is the offset of the return address pushed by CALL (amd64),
	// or -1.
	RetAddr int64
	// CallerFP is, on arm64, the offset of the top word of the frame,
	// where the function's *caller* keeps its saved R29 (the prologue
	// stores R29 at -8(RSP) after moving SP, which lies in the callee's
	// frame); -1 elsewhere.
	CallerFP int64
	// Args is the offset of 0(FP), the caller's outgoing argument area.
	Args int64
	// OutArgs is the offset where this function's outgoing arguments go
	// when it calls another Go function (amd64 0, arm64 8, ppc64 32).
	OutArgs int64
	// PseudoSP is the offset that name-0(SP) denotes; name-8(SP) is the
	// word below it.
	PseudoSP int64
}

// layouts holds the exact per-arch frame models.
var layouts = map[string]func(*Func) Layout{
	"amd64": (*Func).layoutAMD64,
	"arm64": (*Func).layoutARM64,
}

// Layout returns the frame layout of fn.
func (fn *Func) Layout() Layout {
	if l := layouts[fn.Arch.Name]; l != nil {
		return l(fn)
	}
	return fn.layoutGeneric()
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

// layoutAMD64 follows obj6.go preprocess: a negative frame counts as 0;
// BP is saved (PUSHQ BP; MOVQ SP, BP) unless the function is NOFRAME or a
// frameless leaf ($0 with no CALL); then ADJSP $frame.
func (fn *Func) layoutAMD64() Layout {
	frame := max(fn.Frame, 0)
	bp := int64(8)
	if fn.Has(FlagNOFRAME) || frame == 0 && !fn.hasCall() {
		bp = 0
	}
	l := Layout{Exact: true, Size: frame + bp, Frameless: frame+bp == 0,
		LocalsLo: 0, LocalsHi: frame, SavedFP: -1, SavedLR: -1, CallerFP: -1,
		RetAddr: frame + bp, Args: frame + bp + 8, PseudoSP: frame}
	if bp > 0 {
		l.SavedFP = frame
	}
	return l
}

// layoutARM64 follows obj7.go preprocess: $-8 means NOFRAME; a leaf with
// $0 becomes NOFRAME; otherwise autosize = frame + 8 (LR) rounded up to 16
// by adding 8 or 16; LR is saved at 0(RSP) and the caller's R29 at -8 of the
// new SP.
func (fn *Func) layoutARM64() Layout {
	frame := fn.Frame
	noframe := fn.Has(FlagNOFRAME) || frame == -8
	if frame < 0 {
		frame = 0
	}
	if !noframe && frame == 0 && !fn.hasCall() {
		noframe = true
	}
	auto := frame
	if !noframe {
		auto += 8
	}
	if auto != 0 {
		if auto%16 == 8 {
			auto += 8
		} else if auto%16 == 0 {
			auto += 16
		}
	}
	l := Layout{Exact: true, Size: auto, Frameless: auto == 0, SavedFP: -1, SavedLR: -1,
		RetAddr: -1, CallerFP: -1, OutArgs: 8}
	if auto == 0 {
		l.Args, l.PseudoSP = 8, 0
		return l
	}
	l.SavedLR = 0
	l.LocalsLo, l.LocalsHi = 8, 8+frame
	l.CallerFP = auto - 8
	l.Args = auto + 8
	l.PseudoSP = auto
	return l
}

// layoutGeneric approximates other arches as go vet's asmdecl does: the
// declared frame, plus the saved LR on LR machines unless NOFRAME, then
// the return address or caller's LR slot.
func (fn *Func) layoutGeneric() Layout {
	ptr := int64(fn.Arch.ABI.PtrSize)
	frame := max(fn.Frame, 0)
	size := frame
	if fn.Arch.LR != NoReg && !fn.Has(FlagNOFRAME) {
		size += ptr
	}
	return Layout{Size: size, Frameless: size == 0, LocalsLo: 0, LocalsHi: frame,
		SavedFP: -1, SavedLR: -1, RetAddr: -1, CallerFP: -1,
		Args: size + ptr, OutArgs: int64(fn.Arch.ABI.FixedFrameSize), PseudoSP: frame}
}
