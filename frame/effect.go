package frame

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/asmcheck/asmcheck/asmparse"
)

// An Effect says what one instruction does, in terms the checks need and
// independent of how the instruction was spelled: which registers it reads
// and writes, which memory it touches, how it moves the stack pointer, and
// where control goes next. A text front end (Lower, from asmparse) and a
// machine-code front end produce the same Effects, so every check runs on
// either.
//
// An instruction whose mnemonic the arch's table does not know lowers to
// an Effect with Known false: it is assumed to fall through and nothing
// else is claimed. Checks that need more than control flow must stay
// silent about such instructions rather than guess.
//
// An Effect holds no pointer: its register and memory operands and its
// target are in arrays of its Func, which Inst gives access to, so that
// the Effects of a file are one array the garbage collector does not scan
// and storing into which needs no write barrier. (The fields are ordered
// to keep the struct small: a File has one per instruction.)
type Effect struct {
	Stmt int       // index of the statement in the File, or of the machine instruction
	Pos  token.Pos // where diagnostics about the instruction point

	SP SPChange // what the instruction does to the hardware stack pointer

	Attrs Attr // other facts: VZEROUPPER, syscall, uses the assembler temporary …

	// Where the operands are in the Func's arrays: reads and writes
	// (RegRefs), mems (Mems), and 1 + the index of the target (0: none).
	reads, writes, mems, target uint32
	nreads, nwrites             uint16
	nmems                       uint8

	Known  bool       // the table knows this mnemonic and operand shape
	Flow   Flow       // where control goes next
	Pseudo PseudoKind // TEXT, DATA, GLOBL, PCDATA, FUNCDATA, or none

	// Conditional reports whether the instruction executes only under a
	// condition (arm's MOVW.EQ …): its writes may not happen.
	Conditional bool
}

// An Inst is an Effect with the Func that holds its operands.
type Inst struct {
	*Effect
	fn *Func
}

// Inst returns instruction i of fn.
func (fn *Func) Inst(i int) Inst { return Inst{&fn.Insts[i], fn} }

// Reads returns the registers the instruction reads, explicit and
// implicit.
func (in Inst) Reads() []RegRef {
	a, b := in.reads, in.reads+uint32(in.nreads)
	return in.fn.ops.reads[a:b:b]
}

// Writes returns the registers the instruction writes, explicit and
// implicit.
func (in Inst) Writes() []RegRef {
	a, b := in.writes, in.writes+uint32(in.nwrites)
	return in.fn.ops.writes[a:b:b]
}

// Mem returns the instruction's memory operands.
func (in Inst) Mem() []Mem {
	a, b := in.mems, in.mems+uint32(in.nmems)
	return in.fn.ops.mems[a:b:b]
}

// MemName returns the symbol or variable name of m, a memory operand of
// the instruction, as written: "x" in x+8(FP), "runtime·g0" in
// runtime·g0(SB); "" if it has none.
func (in Inst) MemName(m *Mem) string {
	if m.lit > 0 {
		return in.fn.ops.names[m.lit-1]
	}
	if op := in.memOperand(m); op != nil {
		return op.Sym()
	}
	return ""
}

// MemText returns the operand m, a memory operand of the instruction, as
// written at its use (for messages).
func (in Inst) MemText(m *Mem) string {
	if op := in.memOperand(m); op != nil {
		return op.Text
	}
	return ""
}

// UsesStack reports whether the instruction may read, write, move or
// address through the stack pointer (hardware SP, the pseudo-SP, the
// pseudo-FP), or take its value. An instruction the table does not know
// may, unless it is an arm64 WORD whose encoding names no SP (decoded
// with golang.org/x/arch/arm64/arm64asm: c2goasm writes the NEON
// instructions the assembler lacked as WORDs).
func (in Inst) UsesStack() bool {
	if !in.Known {
		return in.Attrs&AttrStackNeutral == 0
	}
	if in.SP.Kind != SPNone {
		return true
	}
	for _, m := range in.Mem() {
		switch m.Base {
		case BaseSP, BasePseudoSP, BaseFP:
			return true
		}
	}
	for _, r := range in.Reads() {
		if r.Reg == in.fn.Arch.SP {
			return true
		}
	}
	return false
}

// memOperand returns the operand of the instruction's statement that m
// was lowered from, or nil.
func (in Inst) memOperand(m *Mem) *asmparse.Operand {
	s := in.stmt()
	if s == nil || m.Arg < 0 || m.Arg >= len(s.Args) {
		return nil
	}
	return &s.Args[m.Arg]
}

// stmt returns the instruction's statement, or nil.
func (in Inst) stmt() *asmparse.Stmt {
	switch {
	case in.fn.one != nil:
		return in.fn.one
	case in.fn.File == nil || in.Stmt >= len(in.fn.File.Stmts):
		return nil
	}
	return &in.fn.File.Stmts[in.Stmt]
}

// Target returns the branch or call target, for Jump, CondJump, Call,
// TailCall. It is never nil: an instruction without a target has a
// shared zero Target, which must not be written.
func (in Inst) Target() *Target {
	if in.target == 0 {
		return &noTarget
	}
	return &in.fn.ops.targets[in.target-1]
}

// Op returns the mnemonic with its suffix, for messages only (checks must
// not test it).
func (in Inst) Op() string {
	if s := in.stmt(); s != nil {
		return s.Mnemonic()
	}
	return ""
}

// effectOps holds the operands and targets of the Effects of a file, which
// its Funcs share.
type effectOps struct {
	reads, writes []RegRef
	mems          []Mem
	targets       []Target
	names         []string // the names the lowering made for memory operands (Mem.lit)
}

// A Flow says where control goes after an instruction.
type Flow uint8

const (
	FlowNext     Flow = iota // falls through to the next instruction
	FlowJump                 // unconditional branch to Target
	FlowCondJump             // branch to Target or fall through
	FlowCall                 // call Target (or an indirect target) and come back
	FlowReturn               // return to the caller
	FlowTailCall             // jump to another function (JMP sym(SB), B sym(SB), RET sym(SB))
	FlowIndirect             // jump to a computed address inside or outside the function
	FlowHalt                 // never continues: UNDEF, a trapping breakpoint used as abort, …
)

var flowNames = [...]string{"next", "jump", "condjump", "call", "return", "tailcall", "indirect", "halt"}

func (f Flow) String() string { return flowNames[f] }

// Terminates reports whether control never falls through to the next
// instruction after f.
func (f Flow) Terminates() bool {
	switch f {
	case FlowJump, FlowReturn, FlowTailCall, FlowIndirect, FlowHalt:
		return true
	}
	return false
}

// A Target is where a branch or call goes.
type Target struct {
	Label    string // a label in the same function
	Sym      string // a symbol, as written ("runtime·morestack", "·helper", "libc_write")
	Off      int64  // the offset from Sym: sym+16(SB) enters 16 bytes into it, not at its entry
	ABI      string // <ABIInternal> selector on Sym, if any
	PCRel    int    // n for n(PC): the nth instruction from this one
	HasPCRel bool   // the target is n(PC) (0(PC) is a jump to itself)
	Static   bool   // Sym<>
	Indirect bool   // through a register or memory
	Reg      Reg    // the register for an indirect target through a register
}

// noTarget is the Target of instructions that have none.
var noTarget Target

// IsZero reports whether the target is empty.
func (t *Target) IsZero() bool { return t == nil || *t == Target{} }

func (t *Target) String() string {
	if t == nil {
		return ""
	}
	switch {
	case t.Label != "":
		return t.Label
	case t.Sym != "" && t.Off != 0:
		return fmt.Sprintf("%s%+d", t.Sym, t.Off)
	case t.Sym != "":
		return t.Sym
	case t.HasPCRel:
		return fmt.Sprintf("%d(PC)", t.PCRel)
	case t.Indirect:
		return "indirect"
	}
	return ""
}

// An SPKind says how an instruction changes the hardware stack pointer.
type SPKind uint8

const (
	SPNone    SPKind = iota // SP is not written
	SPDelta                 // SP += Delta (PUSH/POP, ADD/SUB $c, SP, pre/post-index write-back)
	SPAlign                 // SP &^= Align-1 (ANDQ $~15, SP)
	SPUnknown               // SP is set to a value the analysis cannot follow (MOVQ AX, SP)
)

// An SPChange is an instruction's effect on the hardware stack pointer.
//
// Tracked means the assembler's own SP bookkeeping follows the change: it
// records it in the function's pc→SP table (so tracebacks and stack copying
// stay right) and does not mark the function SPWRITE. amd64 tracks PUSH,
// POP and ADJSP (cmd/internal/obj/x86/obj6.go, Spadj); arm64 ADD and SUB of
// a constant to RSP (cmd/internal/obj/arm64/obj7.go); the other LR arches
// their own forms (see each arch file).
//
// Whether name+off(FP) and name-off(SP) references still address what they
// name after a change is another matter (Arch.FPFollowsSP): only x86
// adjusts those offsets for tracked changes (obj6.go, deltasp). On arm64 and
// the other LR arches the offsets come from the frame size alone
// (asm7.go, asm9.go, asm5.go aclass), so after any manual SP change x+0(FP)
// addresses the wrong slot.
//
// SPWrite means the instruction makes the function SPWRITE: its destination
// operand is the SP register and the assembler does not track the change
// (obj6.go: any To=SP other than PUSH/POP/ADJSP/CMP; obj7.go: To=RSP with
// Spadj 0). A write-back through RSP (MOVD.W R0, -16(RSP)) moves SP without
// being tracked and without SPWrite.
type SPChange struct {
	Delta   int64 // for SPDelta: bytes added to SP (negative grows the stack)
	Align   int32 // for SPAlign
	Kind    SPKind
	Tracked bool
	SPWrite bool
}

// A PseudoKind identifies an assembler pseudo-instruction.
type PseudoKind uint8

const (
	NotPseudo PseudoKind = iota
	PseudoTEXT
	PseudoDATA
	PseudoGLOBL
	PseudoPCDATA
	PseudoFUNCDATA
	PseudoOther // NOP, PCALIGN, and other directives that emit no instruction of their own
)

// An Attr is a set of facts about an instruction that do not fit elsewhere.
type Attr uint32

const (
	AttrVZeroUpper   Attr = 1 << iota // clears the upper halves of all YMM/ZMM registers (VZEROUPPER, VZEROALL)
	AttrSyscall                       // enters the kernel (SYSCALL, SVC, ECALL …)
	AttrUsesTmp                       // the assembler may expand it using its temporary register (arm64 R27)
	AttrBarrier                       // a memory barrier
	AttrTrap                          // raises a trap/breakpoint (INT $3, BRK, UNDEF)
	AttrWide                          // writes a 256- or 512-bit vector register (for VZEROUPPER)
	AttrData                          // emits data bytes into the instruction stream (BYTE, WORD, DWORD …)
	AttrEpilogue                      // the assembler writes the function's epilogue before it (RET and RET sym(SB): obj.ARET)
	AttrMove                          // copies its one register source, unchanged, into the low bytes of its one register destination (idioms.go)
	AttrZeroIdiom                     // sets every register it writes to zero when its register sources are all one register, or it has none (idioms.go)
	AttrLoadsG                        // loads the current g from thread-local storage into its destination (idioms.go)
	AttrZeroExtend                    // a move that zeroes its destination above the bytes it writes: to 8 bytes of a general register, 16 of a vector one (idioms.go)
	AttrStackNeutral                  // data (BYTE, WORD …) whose decoded instructions neither transfer control nor name SP (neutral.go)
	AttrStackAccess                   // data whose decoded instructions transfer no control and name SP only to address memory, writing nothing back to it: SP stays as it was (neutral.go)
)

// A RegRef is an access to (part of) a register.
type RegRef struct {
	Reg  Reg
	Off  uint8 // first byte accessed within the register
	Size uint8 // bytes accessed; 0 means the whole register
}

// A MemBase says what a memory operand is relative to.
type MemBase uint8

const (
	BaseNone     MemBase = iota // an absolute or index-only address
	BaseReg                     // a general register (Mem.Reg)
	BaseSP                      // the hardware stack pointer: 8(SP) on amd64, 8(RSP) on arm64
	BasePseudoSP                // the pseudo-SP: name-8(SP), the top of the local frame
	BaseFP                      // the pseudo-FP: name+8(FP), the caller's argument area
	BaseSB                      // a symbol: sym+8(SB)
	BasePC                      // n(PC)
)

var baseNames = [...]string{"none", "reg", "SP", "pseudo-SP", "FP", "SB", "PC"}

func (b MemBase) String() string { return baseNames[b] }

// A Mem is one memory operand of an instruction. It holds no pointer: its
// name and text are its operand's (Inst.MemName, Inst.MemText).
type Mem struct {
	Off     int64 // offset from the base; for BaseFP the offset in the argument area
	Scale   int   // index scale
	Size    int   // bytes accessed; 0 if not known
	WBDelta int64 // base register write-back (arm64 .W/.P, ppc64 MOVDU): added to the base
	Arg     int   // index of the operand in the statement
	Reg     Reg   // base register for BaseReg
	Index   Reg   // index register, if any
	WBReg   Reg   // a register whose value is added to the base instead (VLD1.P (R0)(R1))
	Base    MemBase
	OffOK   bool // Off is known (no unresolved constant in it)
	Read    bool
	Write   bool
	Addr    bool // only the address is taken (LEAQ x+8(FP), MOVD $x+8(FP), R0)
	PreWB   bool // the write-back happens before the access (.W, pre-index); else after (.P)
	// lit is 1 + the index of the operand's name in the file's names, when
	// the lowering made it (an arm64 literal-pool constant, $f64.…), or 0.
	lit int32
}

// String returns a short description for debugging.
func (e Inst) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s", e.Op())
	if !e.Known {
		b.WriteString(" [unknown]")
	}
	if e.Flow != FlowNext {
		fmt.Fprintf(&b, " flow=%s", e.Flow)
		if t := e.Target(); !t.IsZero() {
			fmt.Fprintf(&b, "(%s)", t)
		}
	}
	if e.SP.Kind != SPNone {
		fmt.Fprintf(&b, " sp=%d/%d/%d", e.SP.Kind, e.SP.Delta, e.SP.Align)
	}
	return b.String()
}
