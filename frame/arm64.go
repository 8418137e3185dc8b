package frame

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/arch/arm64/arm64asm"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/asmparse"
)

// arm64: registers and instruction effects.
//
// Register names are those cmd/asm accepts (cmd/asm/internal/arch/arch.go
// archArm64): R0–R30 with R18 spelled R18_PLATFORM and R28 spelled g, ZR,
// RSP, LR (= R30), F0–F31 (the low 8 bytes of V0–V31), V0–V31.
//
// The table is in arm64table.go; arm64Special (below) applies the rules a
// table row cannot say: which bytes of a register a write changes, the
// memory size of vector structure loads, SP changes the assembler tracks
// but the analysis cannot follow, and which instructions the assembler
// expands through its temporary register R27 (arm64UsesTmp). Every rule is
// checked against the real assembler and the x/arch decoder by
// TestARM64Machine.

func arm64Regs() *RegFile {
	rf := newRegFile()
	for i := 0; i <= 30; i++ {
		name := fmt.Sprintf("R%d", i)
		switch i {
		case 18:
			name = "R18_PLATFORM"
		case 28:
			name = "g"
		}
		r := rf.unit(name, ClassGP, 8)
		rf.alias(fmt.Sprintf("R%d", i), r, 0, 0)
	}
	rf.alias("LR", rf.Reg("R30"), 0, 0)
	rf.unit("ZR", ClassZero, 8)
	rf.unit("RSP", ClassSP, 8)
	for i := 0; i <= 31; i++ {
		r := rf.unit(fmt.Sprintf("V%d", i), ClassVec, 16)
		rf.alias(fmt.Sprintf("F%d", i), r, 0, 8)
	}
	return rf
}

// arm64ExtSize gives the bytes of a general register an extended-register
// operand reads (R1.UXTB reads one byte); 0 for the 64-bit extensions,
// whose width is the instruction's (cmd/asm/internal/arch/arm64.go
// ARM64RegisterExtension).
var arm64ExtSize = map[string]uint8{
	"UXTB": 1, "SXTB": 1, "UXTH": 2, "SXTH": 2, "UXTW": 4, "SXTW": 4,
	"UXTX": 0, "SXTX": 0, "LSL": 0,
}

// arm64VecPart gives the bytes an arrangement (V1.B16, V1.D1) or an
// element (V1.S[2]) selects (cmd/asm/internal/arch/arm64.go
// ARM64RegisterArrangement), and for a general register with an
// extension the bytes it reads.
func arm64VecPart(ext string, lane int64, hasLane bool) (off, size uint8) {
	if ext == "" {
		return 0, 0
	}
	if n, ok := arm64ExtSize[ext]; ok {
		return 0, n
	}
	es := arm64ElemSize(ext)
	if es == 0 {
		return 0, 0
	}
	if hasLane {
		return uint8(lane) * es, es
	}
	n, _ := strconv.Atoi(ext[1:])
	if n == 0 {
		return 0, es
	}
	return 0, es * uint8(n)
}

// arm64ElemSize returns the element size of an arrangement or element
// suffix: B 1, H 2, S 4, D 8, Q 16; 0 if ext is neither.
func arm64ElemSize(ext string) uint8 {
	if ext == "" {
		return 0
	}
	switch ext[0] {
	case 'B':
		return 1
	case 'H':
		return 2
	case 'S':
		return 4
	case 'D':
		return 8
	case 'Q':
		return 16
	}
	return 0
}

func init() { register("arm64", newARM64) }

func newARM64() *Arch {
	rf := arm64Regs()
	return &Arch{
		Name:           "arm64",
		ABI:            abi.ArchFor("arm64"),
		Regs:           rf,
		SP:             rf.Reg("RSP"),
		LR:             rf.Reg("R30"),
		FP:             rf.Reg("R29"),
		Tmp:            rf.Reg("R27"),
		G:              rf.Reg("g"),
		SPArithTracked: true,
		Complete:       true,
		VecPart:        arm64VecPart,
		NeutralData:    arm64NeutralData,
		Suffix:         arm64Suffix,
		Special:        arm64Special,
		Ops:            arm64Ops(),
		entryHook: func(op string, e *opEntry) {
			e.arm64Tmp, _ = arm64TmpSizes.get(op)
		},
	}
}

// arm64Suffix handles the write-back suffixes .W (pre-index) and .P
// (post-index) of loads and stores, the only suffixes arm64 has
// (cmd/asm/internal/arch/arm64.go ARM64Suffix).
func arm64Suffix(c *Ctx, sfx string) {
	switch sfx {
	case ".W":
		c.WriteBack, c.Pre = true, true
	case ".P":
		c.WriteBack = true
	}
}

// arm64Special refines what the table lowered.
func arm64Special(c *Ctx) {
	e := c.E
	if !e.Known {
		return
	}
	if e.Attrs&AttrData != 0 {
		// WORD $0xd53b4200 may be any instruction: claim nothing of
		// what it reads and writes. Where it flows is decoded: kernel
		// code writes the instructions the assembler lacks this way
		// (gVisor's ERET macro, WORD $0xd69f03e0).
		e.Known = false
		if f, ok := arm64WordFlow(c.Stmt); ok {
			e.Flow = f
		}
		return
	}
	if c.Op == "END" || c.Op == "PCALIGNMAX" {
		e.Pseudo = PseudoOther
		return
	}
	c.arm64IndirectBranch()
	c.arm64Literal()
	c.arm64ZeroBlock()
	c.arm64Structures()
	c.arm64PostIndexReg()
	c.arm64RegSizes()
	c.arm64SP()
	if arm64UsesTmp(c) {
		e.Attrs |= AttrUsesTmp
	}
}

// arm64IndirectBranch drops the memory operand the engine records for
// B (R1), BL (R1), JMP (R1), CALL (R1) and RET (R1): arm64 has no branch
// through memory, these are BR/BLR/RET Rn (asm7.go case 6).
func (c *Ctx) arm64IndirectBranch() {
	e := c.E
	if !e.Target.Indirect || len(e.Mem) == 0 {
		return
	}
	mem := e.Mem[:0]
	for _, m := range e.Mem {
		if m.Base != BaseReg && m.Base != BaseSP || c.Stmt.Args[m.Arg].Kind != asmparse.MemOp || !c.isTarget(m.Arg) {
			mem = append(mem, m)
		}
	}
	e.Mem = mem
}

// isTarget reports whether operand i of the statement is a branch target
// in the chosen form.
func (c *Ctx) isTarget(i int) bool {
	acc, ok := c.form.accessFor(i)
	return ok && acc.target
}

// arm64Literal records the load that FMOVS/FMOVD of a float constant
// FMOV cannot encode, and VMOVS/VMOVD/VMOVQ of any constant, become:
// obj7.go progedit rewrites the constant into a read-only symbol
// ($f64.<bits>, $i32.<bits> … from cmd/internal/obj/sym.go) and
// asm7.go case 65 loads it (through REGTMP).
func (c *Ctx) arm64Literal() {
	args := c.Stmt.Args
	if len(args) < 2 {
		return
	}
	a := &args[0]
	var name string
	var size int
	switch {
	case c.Op == "FMOVD" && a.Kind == asmparse.FloatOp && asm7chipfloat7(a.Float()) <= 0 && math.Float64bits(a.Float()) != 0:
		name, size = fmt.Sprintf("$f64.%016x", math.Float64bits(a.Float())), 8
	case c.Op == "FMOVS" && a.Kind == asmparse.FloatOp && asm7chipfloat7(a.Float()) <= 0 && math.Float32bits(float32(a.Float())) != 0:
		name, size = fmt.Sprintf("$f32.%08x", math.Float32bits(float32(a.Float()))), 4
	case c.Op == "VMOVS" && a.Kind == asmparse.ImmOp:
		name, size = fmt.Sprintf("$i32.%08x", uint32(a.Val)), 4
	case c.Op == "VMOVD" && a.Kind == asmparse.ImmOp:
		name, size = fmt.Sprintf("$i64.%016x", uint64(a.Val)), 8
	case c.Op == "VMOVQ" && a.Kind == asmparse.ImmOp && len(args) == 3:
		name, size = fmt.Sprintf("$i128.%016x%016x", uint64(a.Val), uint64(args[1].Val)), 16
	default:
		return
	}
	c.E.Mem = append(c.E.Mem, Mem{Base: BaseSB, OffOK: a.Unresolved() == "", Size: size, Read: true, Arg: 0, lit: c.E.addName(name)})
}

// arm64ZeroBlock records the store of DC ZVA, Rt (and the tag-setting
// DC GVA, DC GZVA): it zeroes a block at Rt whose size DCZID_EL0 gives
// (64 bytes on most cores), so Size is 0, unknown (runtime/memclr_arm64.s).
func (c *Ctx) arm64ZeroBlock() {
	args := c.Stmt.Args
	if c.Op != "DC" || len(args) != 2 || args[0].Kind != asmparse.NameOp || args[1].Kind != asmparse.RegOp {
		return
	}
	switch args[0].Sym() {
	case "ZVA", "GVA", "GZVA":
		c.E.Mem = append(c.E.Mem, Mem{Base: BaseReg, Reg: c.Arch.Regs.Reg(args[1].Reg()), OffOK: true, Write: true, Arg: 1})
	}
}

// arm64Structures sets the memory size of VLDn/VSTn/VLDnR and fixes the
// bytes of the registers of a lane list ([V1.S, V2.S][1]).
//
// VLD1 (R0), [V1.B16, V2.B16] moves 32 bytes; VLD1R (R0), [V1.S4] one
// element, 4 bytes; VLD1 (R0), V1.S[2] one element (Arm ARM LD1, LD1R,
// LD1 (single structure)).
func (c *Ctx) arm64Structures() {
	op := c.Op
	if !strings.HasPrefix(op, "VLD") && !strings.HasPrefix(op, "VST") {
		return
	}
	var regs []asmparse.Operand
	lane, perElem := false, strings.HasSuffix(op, "R")
	for i := range c.Stmt.Args {
		a := &c.Stmt.Args[i]
		switch a.Kind {
		case asmparse.ListOp:
			regs, lane = a.List(), a.HasLane()
			if lane {
				c.arm64ListLane(a)
			}
		case asmparse.RegOp:
			regs, lane = []asmparse.Operand{*a}, a.HasLane()
		}
	}
	size := 0
	for _, r := range regs {
		_, n := arm64VecPart(r.Ext(), 0, false)
		if lane || perElem {
			n = arm64ElemSize(r.Ext())
		}
		size += int(n)
	}
	for i := range c.E.Mem {
		m := &c.E.Mem[i]
		if m.Addr {
			continue
		}
		m.Size = size
		// VLD1.P (R0), [V1.B16, V2.B16] and VLD1.P 32(R0), […] both
		// post-increment R0 by the bytes moved: the immediate form of
		// the encoding has no offset field (asm7.go case 81, 84;
		// checkoffset rejects any other non-zero offset).
		if c.WriteBack && !c.Pre && m.Index == NoReg && m.Base != BaseSB {
			m.WBDelta = int64(size)
			if m.Base == BaseSP {
				c.E.SP = SPChange{Kind: SPDelta, Delta: int64(size)}
			}
		}
	}
}

// arm64ListLane sets the bytes of the registers of a list with a lane,
// [V1.S, V2.S][1], whose elements the engine lowered without the lane.
func (c *Ctx) arm64ListLane(a *asmparse.Operand) {
	list := a.List()
	if len(list) == 0 {
		return
	}
	es := arm64ElemSize(list[0].Ext())
	for _, r := range list {
		reg := c.Arch.Regs.Reg(r.Reg())
		for _, refs := range [][]RegRef{c.E.Reads, c.E.Writes} {
			for i := range refs {
				if refs[i].Reg == reg {
					refs[i].Off, refs[i].Size = uint8(a.Lane())*es, es
				}
			}
		}
	}
}

// arm64PostIndexReg handles VLD1.P (R0)(R1), […]: the address is R0 and
// R0 += R1 afterwards (asm7.go case 81, "post-index by register"); R1 is
// not an index of the address. The engine's Mem has no way to say "write
// back by a register", so the base's delta is left 0 and an RSP base
// makes the SP change unknown.
func (c *Ctx) arm64PostIndexReg() {
	if !c.WriteBack || c.Pre {
		return
	}
	for i := range c.E.Mem {
		m := &c.E.Mem[i]
		if m.Index == NoReg {
			continue
		}
		m.Index, m.Scale, m.WBDelta = NoReg, 0, 0
		if m.Base == BaseSP {
			c.E.SP = SPChange{Kind: SPUnknown}
		}
	}
}

// arm64RegSizes makes register accesses say exactly which bytes they
// touch:
//   - a register pair reads its registers at the form's size (STPW
//     (R1, R2) reads 4 bytes of each, FSTPQ (F1, F2) all 16);
//   - every write of a general register changes all 8 bytes (a W write
//     zeroes the upper half), and every write of a V register changes
//     all 16 (scalar and 64-bit vector results zero the rest, Arm ARM
//     "SIMD and floating-point registers"), except an element insert
//     (VMOV R0, V1.D[1]; VLD1 (R0), V1.S[2]) which changes the element;
//   - an access of a whole register is spelled Off 0, Size 0.
func (c *Ctx) arm64RegSizes() {
	e, rf := c.E, c.Arch.Regs
	for i := range c.Stmt.Args {
		a := &c.Stmt.Args[i]
		if a.Kind != asmparse.PairOp {
			continue
		}
		acc, _ := c.form.accessFor(i)
		if acc.size == 0 || !acc.read {
			continue
		}
		for _, name := range []string{a.Reg(), a.Reg2()} {
			reg := rf.Reg(name)
			for j := range e.Reads {
				if e.Reads[j].Reg == reg && e.Reads[j].Off == 0 {
					e.Reads[j].Size = uint8(min(acc.size, 16))
				}
			}
		}
	}
	partial := false
	if n := len(c.Stmt.Args); n > 0 {
		last := &c.Stmt.Args[n-1]
		partial = last.HasLane() && (last.Kind == asmparse.RegOp || last.Kind == asmparse.ListOp)
	}
	for i := range e.Writes {
		w := &e.Writes[i]
		if !(partial && rf.Info(w.Reg).Class == ClassVec) {
			w.Off, w.Size = 0, 0
		}
	}
	wholeRefs(rf, e.Reads)
	wholeRefs(rf, e.Writes)
}

// wholeRefs makes the accesses in refs that cover all of their register,
// or overrun it, accesses to the whole register (Off and Size 0).
func wholeRefs(rf *RegFile, refs []RegRef) {
	for i := range refs {
		r := &refs[i]
		if r.Size == 0 {
			continue
		}
		if full := rf.Info(r.Reg).Size; int(r.Off)+int(r.Size) > int(full) || r.Off == 0 && r.Size == full {
			r.Off, r.Size = 0, 0
		}
	}
}

// arm64SP refines the SP effect of ADD and SUB. obj7.go (preprocess,
// "case AADD, ASUB") sets Spadj for any ADD/SUB of a constant whose
// destination is RSP, without looking at the first source register, and
// marks the function SPWRITE when a write of RSP leaves Spadj 0:
//   - ADD $c, R1, RSP sets SP to R1+c: the assembler adjusts its
//     bookkeeping by c (so no SPWRITE) but the new SP is unknown here;
//   - ADD $name, RSP with a constant from go_asm.h is tracked by the
//     assembler, only its value is unknown here;
//   - ADD $0, RSP and ADD $0, R1, RSP leave Spadj 0: SPWRITE.
func (c *Ctx) arm64SP() {
	if c.Op != "ADD" && c.Op != "SUB" {
		return
	}
	args, a := c.Stmt.Args, c.Arch
	n := len(args)
	if n < 2 || args[0].Kind != asmparse.ImmOp || args[n-1].Kind != asmparse.RegOp || !a.isSP(args[n-1].Reg()) {
		return
	}
	other := n == 3 && !a.isSP(args[1].Reg())
	switch {
	case args[0].Unresolved() != "":
		c.E.SP = SPChange{Kind: SPUnknown, Tracked: true}
	case args[0].Val == 0 && other:
		c.E.SP = SPChange{Kind: SPUnknown}
	case args[0].Val == 0:
		c.E.SP = SPChange{Kind: SPDelta}
	case other:
		c.E.SP = SPChange{Kind: SPUnknown, Tracked: true}
	}
}

// arm64WordStack says what a WORD $constant does with the stack pointer,
// from its instruction (golang.org/x/arch/arm64/arm64asm; RegSP 31 is the
// only way an instruction names SP: as a register, or as the base of a
// memory operand): AttrStackNeutral when it names none and is no call (BL,
// BLR: the callee gets the stack), AttrStackAccess when SP is only the
// base of memory operands that write nothing back ([sp, #16], [sp, x1]:
// apache/arrow-go's NEON kernels spill and reload through such WORDs),
// else 0 (a call, SP as a register operand, a pre- or post-index form that
// moves SP, or a word the decoder does not know). A cryptographic
// instruction arm64asm does not decode (arm64CryptoWord) is neutral.
func arm64WordStack(s *asmparse.Stmt) Attr {
	inst, ok := arm64Word(s)
	if !ok {
		if arm64CryptoWord(s) != "" {
			return AttrStackNeutral
		}
		return 0
	}
	if inst.Op == arm64asm.BL || inst.Op == arm64asm.BLR {
		return 0
	}
	attr := AttrStackNeutral
	sp := arm64asm.RegSP(arm64asm.SP)
	for _, a := range inst.Args {
		switch a := a.(type) {
		case nil:
			return attr
		case arm64asm.RegSP:
			if a == sp || a == arm64asm.RegSP(arm64asm.WSP) {
				return 0
			}
		case arm64asm.MemImmediate:
			if a.Base == sp {
				if a.Mode != arm64asm.AddrOffset {
					return 0
				}
				attr = AttrStackAccess
			}
		case arm64asm.MemExtend:
			if a.Base == sp {
				attr = AttrStackAccess
			}
		}
	}
	return attr
}

// arm64Word decodes the instruction a WORD $constant emits.
func arm64Word(s *asmparse.Stmt) (arm64asm.Inst, bool) {
	x, ok := wordValue(s)
	if !ok {
		return arm64asm.Inst{}, false
	}
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], x)
	arm64DecodeMu.Lock()
	inst, err := arm64asm.Decode(b[:])
	arm64DecodeMu.Unlock()
	return inst, err == nil
}

// arm64CryptoWord returns the name of the instruction a WORD $constant
// emits when it is one of the ARMv8.2 cryptographic extensions (SHA-512,
// SHA-3, SM3, SM4), which golang.org/x/arch/arm64/arm64asm does not decode
// and code writes as WORDs (emmansun/gmsm's SM3 and SM4: WORD $0xcec08660,
// SM4E V0.4S, V19.4S), else "". Each works on vector registers only: no
// memory, no general register, no SP, no branch.
func arm64CryptoWord(s *asmparse.Stmt) string {
	x, ok := wordValue(s)
	if !ok {
		return ""
	}
	for _, c := range arm64CryptoInsts {
		if x&c.mask == c.val {
			return c.name
		}
	}
	return ""
}

// arm64CryptoInsts are the encodings arm64CryptoWord knows (Arm
// Architecture Reference Manual, "Cryptographic four-register",
// "Cryptographic three-register, imm2", "Cryptographic three-register SHA
// 512", "XAR", "Cryptographic two-register SHA 512"), checked against go
// tool asm -S for those the Go assembler has (SHA512H, SHA512H2,
// SHA512SU0, SHA512SU1, VEOR3, VBCAX, VRAX1, VXAR) and against GNU
// objdump (aarch64) for all.
var arm64CryptoInsts = []struct {
	mask, val uint32
	name      string
}{
	{0xfffffc00, 0xcec08400, "SM4E"},
	{0xfffffc00, 0xcec08000, "SHA512SU0"},
	{0xffe0fc00, 0xce60c800, "SM4EKEY"},
	{0xffe0fc00, 0xce60c000, "SM3PARTW1"},
	{0xffe0fc00, 0xce60c400, "SM3PARTW2"},
	{0xffe0fc00, 0xce608000, "SHA512H"},
	{0xffe0fc00, 0xce608400, "SHA512H2"},
	{0xffe0fc00, 0xce608800, "SHA512SU1"},
	{0xffe0fc00, 0xce608c00, "RAX1"},
	{0xffe0cc00, 0xce408000, "SM3TT1A"},
	{0xffe0cc00, 0xce408400, "SM3TT1B"},
	{0xffe0cc00, 0xce408800, "SM3TT2A"},
	{0xffe0cc00, 0xce408c00, "SM3TT2B"},
	{0xffe08000, 0xce400000, "SM3SS1"},
	{0xffe08000, 0xce000000, "EOR3"},
	{0xffe08000, 0xce200000, "BCAX"},
	{0xffe00000, 0xce800000, "XAR"},
}

// arm64DecodeMu serializes the calls of arm64asm.Decode: it records the
// format it matched in a package variable on every call
// (golang.org/x/arch/arm64/arm64asm/decode.go, decoderCover[i] = true),
// which the race detector reports when the analyzer lowers a package's
// files in parallel (x86asm writes its coverage only when a test turned it
// on).
var arm64DecodeMu sync.Mutex

// A WordWrite is what a WORD $constant's instruction (arm64) writes.
type WordWrite struct {
	Regs []Reg  // the general registers it writes as its destinations
	Text string // the instruction, as the decoder prints it: "mov x28, x14"
	// Restore reports a load from the stack (LDR, LDP and the like based on
	// SP): a saved register put back, as a C epilogue does.
	Restore bool
}

// wordNoDest lists the instructions (arm64asm.Op names) whose first
// operand is read, not written, though it is a general register:
// compares, branches, stores of one register, prefetches, system
// register writes.
var wordNoDest = map[string]bool{
	"CMP": true, "CMN": true, "TST": true, "CCMP": true, "CCMN": true,
	"CBZ": true, "CBNZ": true, "TBZ": true, "TBNZ": true, "BR": true, "BLR": true, "RET": true,
	"STR": true, "STRB": true, "STRH": true, "STUR": true, "STURB": true, "STURH": true,
	"STP": true, "STNP": true, "STLR": true, "STLRB": true, "STLRH": true, "STTR": true, "STTRB": true, "STTRH": true,
	"PRFM": true, "PRFUM": true, "MSR": true, "SYS": true,
}

// WordWrites decodes the instruction a WORD $constant emits on arm64
// (golang.org/x/arch/arm64/arm64asm) and returns the general registers it
// writes: its first operand (and the second of a pair load), unless the
// first is read (wordNoDest, stores). ok is false when s is no such WORD,
// or the arch is not arm64.
func (a *Arch) WordWrites(s *asmparse.Stmt) (w WordWrite, ok bool) {
	if a.Name != "arm64" {
		return w, false
	}
	inst, ok := arm64Word(s)
	if !ok {
		if name := arm64CryptoWord(s); name != "" {
			return WordWrite{Text: strings.ToLower(name)}, true // vector registers only
		}
		return w, false
	}
	op := inst.Op.String()
	w.Text = arm64asm.GNUSyntax(inst)
	if wordNoDest[op] || strings.HasPrefix(op, "ST") && !strings.HasPrefix(op, "STXR") && !strings.HasPrefix(op, "STLXR") {
		return w, true // STXR and STLXR write their status register
	}
	dests := 1
	if strings.HasPrefix(op, "LDP") || strings.HasPrefix(op, "LDNP") || op == "LDXP" || op == "LDAXP" {
		dests = 2
	}
	for i, arg := range inst.Args {
		if arg == nil || i >= dests {
			break
		}
		var r arm64asm.Reg
		switch x := arg.(type) {
		case arm64asm.Reg:
			r = x
		case arm64asm.RegSP: // X0–X30 as in Reg; 31 is SP, not ZR
			r = arm64asm.Reg(x)
		default:
			continue
		}
		switch {
		case r >= arm64asm.X0 && r <= arm64asm.X30:
			w.Regs = append(w.Regs, a.Regs.Reg(fmt.Sprintf("R%d", r-arm64asm.X0)))
		case r >= arm64asm.W0 && r <= arm64asm.W30:
			w.Regs = append(w.Regs, a.Regs.Reg(fmt.Sprintf("R%d", r-arm64asm.W0)))
		}
	}
	if strings.HasPrefix(op, "LD") {
		sp := arm64asm.RegSP(arm64asm.SP)
		for _, arg := range inst.Args {
			switch m := arg.(type) {
			case arm64asm.MemImmediate:
				w.Restore = w.Restore || m.Base == sp
			case arm64asm.MemExtend:
				w.Restore = w.Restore || m.Base == sp
			}
		}
	}
	return w, true
}

// arm64WordFlow decodes the instruction a WORD $constant emits
// (golang.org/x/arch/arm64/arm64asm) and returns its flow when it does
// not go on to the next instruction: ERET and DRPS leave through the
// exception link register (halt, as the table lowers ERET written out),
// BR and B jump to where the statement does not say (indirect).
func arm64WordFlow(s *asmparse.Stmt) (Flow, bool) {
	inst, ok := arm64Word(s)
	if !ok {
		return 0, false
	}
	switch inst.Op {
	case arm64asm.ERET, arm64asm.DRPS:
		return FlowHalt, true
	case arm64asm.BR, arm64asm.B:
		if inst.Op == arm64asm.B {
			if _, cond := inst.Args[0].(arm64asm.Cond); cond {
				return 0, false // B.EQ: may fall through
			}
		}
		return FlowIndirect, true
	}
	return 0, false
}
