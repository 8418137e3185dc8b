package frame

// Registers that the prologue and epilogue the assembler inserts write,
// besides SP, the link register and the frame pointer (which Layout
// models). They matter to code entered from C, which expects callee-saved
// registers intact: a prologue that writes one clobbers it before the
// first instruction of the body can save it, and an epilogue after the
// body has restored it.
//
// TestXlogueAgainstAssembler checks these models with `go tool asm -S`.

// A Clobber is a register an instruction the assembler inserts writes.
type Clobber struct {
	Reg Reg
	// Why names the inserted instruction, for messages: "SUB $272, RSP, R20".
	Why string
}

// An Xlogue lists the inserted writes of one function.
type Xlogue struct {
	// Prologue is written before the body's first instruction.
	Prologue []Clobber
	// Epilogue is written at every RET, after the body.
	Epilogue []Clobber
	// FPComputed reports whether the epilogue recomputes the frame
	// pointer from SP instead of reloading the saved one (arm64 leaf
	// functions: ADD $autosize-8, RSP, R29), which gives back the
	// caller's R29 only when the caller keeps R29 = SP-8, as Go code does.
	FPComputed bool
}

// xlogues holds the per-arch models.
var xlogues = map[string]func(*Func) Xlogue{
	"amd64": (*Func).xlogueAMD64,
	"arm64": (*Func).xlogueARM64,
}

// XlogueModeled reports whether asmcheck models what the inserted prologue
// and epilogue write on arch a (amd64, arm64).
func (a *Arch) XlogueModeled() bool { return xlogues[a.Name] != nil }

// Xlogue returns what the inserted prologue and epilogue of fn write, as
// far as asmcheck models it (amd64 and arm64; nothing elsewhere).
func (fn *Func) Xlogue() Xlogue {
	if x := xlogues[fn.Arch.Name]; x != nil && fn.FlagsOK {
		return x(fn)
	}
	return Xlogue{}
}

// xlogueAMD64 follows cmd/internal/obj/x86/obj6.go preprocess: a function
// with a stack check (Layout.StackCheck) loads g into R14 in an ABI0
// function (loadG: "regg = REGG"; an ABIInternal function has it there
// already) and, for a frame above 128 bytes, computes SP-framesize in
// REGENTRYTMP0 = R12 (stacksplit).
func (fn *Func) xlogueAMD64() Xlogue {
	var x Xlogue
	lay := fn.layoutAMD64()
	auto := lay.Size
	if !lay.StackCheck {
		return x
	}
	rf := fn.Arch.Regs
	if fn.ABI != "ABIInternal" {
		x.Prologue = append(x.Prologue, Clobber{rf.Reg("R14"), "the stack check's MOVQ (TLS), R14"})
	}
	if auto > 128 {
		x.Prologue = append(x.Prologue, Clobber{rf.Reg("R12"), "the stack check's LEAQ -framesize(SP), R12"})
	}
	return x
}

// xlogueARM64 follows cmd/internal/obj/arm64/obj7.go preprocess: a frame
// whose autosize does not fit MOVD.W (above 0xf0) is opened with
// SUB $autosize, RSP, R20, and that SUB, like the ADDs that restore R29
// and pop it in a leaf, goes through REGTMP (R27) when the constant is not an add
// immediate; a non-leaf epilogue pops a frame of 4096 bytes or more with
// MOVD $autosize, REGTMP; ADD REGTMP, RSP. A leaf epilogue restores R29 by
// ADD $autosize-8, RSP, R29. The stack check (stacksplit) uses R16 and
// R17 only, which no C convention keeps.
func (fn *Func) xlogueARM64() Xlogue {
	var x Xlogue
	lay := fn.layoutARM64()
	auto := lay.Size
	if auto == 0 {
		return x
	}
	rf := fn.Arch.Regs
	tmp := Clobber{Reg: fn.Arch.Tmp}
	if auto > 0xf0 {
		x.Prologue = append(x.Prologue, Clobber{rf.Reg("R20"), "the prologue's SUB $autosize, RSP, R20"})
		if arm64AddUsesTmp(auto) {
			tmp.Why = "the prologue's SUB $autosize, RSP, R20, which builds the constant in R27"
			x.Prologue = append(x.Prologue, tmp)
		}
	}
	leaf := !fn.hasCall()
	switch {
	case leaf:
		x.FPComputed = true
		if arm64AddUsesTmp(auto) || arm64AddUsesTmp(auto-8) {
			tmp.Why = "the epilogue's ADD $autosize-8, RSP, R29 and ADD $autosize, RSP, which build their constants in R27"
			x.Epilogue = append(x.Epilogue, tmp)
		}
	case auto > 0xf0 && auto >= 1<<12:
		tmp.Why = "the epilogue's MOVD $autosize, R27; ADD R27, RSP"
		x.Epilogue = append(x.Epilogue, tmp)
	}
	return x
}

// arm64AddUsesTmp reports whether ADD or SUB of the constant v goes
// through REGTMP: the rule arm64UsesTmp applies to ADD (asm7.go conclass:
// an add immediate is one instruction, then a MOVZ/MOVN or bitmask
// constant is built in REGTMP before two ADDs are tried).
func arm64AddUsesTmp(v int64) bool {
	if v == 0 || asm7isaddcon(v) {
		return false
	}
	two := asm7isaddcon2(v) && !asm7movcon(v, false) && !asm7isbitcon(arm64BitconValue(v, false))
	return !two
}
