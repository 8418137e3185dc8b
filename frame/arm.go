package frame

import (
	"fmt"
	"strings"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/asmparse"
)

// arm: registers and instruction effects.
//
// Register names are those cmd/asm accepts (cmd/asm/internal/arch/arch.go
// archArm): R0–R15 with R10 spelled g (R(10) still names it), F0–F15,
// FPSR, FPCR, CPSR and SPSR. The coprocessor numbers C0–C15 of MRC/MCR
// and the barrier options MB_SY … of DMB are operands, not registers, and
// are not modeled. Fixed roles (cmd/internal/obj/arm/a.out.go): REGCTXT
// R7, REGG R10, REGTMP R11, REGSP R13, REGLINK R14, REGPC R15.
//
// An F register is a VFP double register D0–D15 (8 bytes); MOVF and the
// single-precision instructions use its low 4 bytes (cmd/internal/obj/arm/asm5.go
// encodes Fn as Dn, and single-precision Fn as S(2n)).
//
// Every arm instruction may carry a condition (.EQ, .NE, …), and loads
// and stores take write-back suffixes (cmd/asm/internal/arch/arm.go
// armLS, armSCOND): .W writes the address back before the access
// (pre-index), .P accesses at the base and then adds the offset
// (post-index), .U subtracts the offset instead of adding it. MOVM takes
// .IA/.IB/.DA/.DB (increment/decrement, after/before) with .W.
//
// SP tracking (cmd/internal/obj/arm/obj5.go preprocess): the assembler
// follows ADD $c, R13 and SUB $c, R13, the store MOVW.W Rx, off(R13), the
// load MOVW.P off(R13), Rx (unless Rx is R15) and MOVW $off(R13), R13;
// any other instruction whose destination is R13 marks the function
// SPWRITE. MOVM, the other MOVW write-back forms and the byte and
// halfword ones move R13 without the assembler knowing. As on every LR
// arch, following a change only feeds the pc-SP table and keeps the
// function from being SPWRITE: name+off(FP) still assembles to the same
// R13 offset after it (asm5.go aclass uses the fixed autosize).

func armRegs() *RegFile {
	rf := newRegFile()
	for i := 0; i <= 15; i++ {
		name := fmt.Sprintf("R%d", i)
		if i == 10 {
			name = "g"
		}
		r := rf.unit(name, ClassGP, 4)
		rf.alias(fmt.Sprintf("R%d", i), r, 0, 0)
	}
	rf.units("F", 0, 15, ClassVec, 8)
	for _, n := range []string{"FPSR", "FPCR", "CPSR", "SPSR"} {
		rf.unit(n, ClassSpecial, 4)
	}
	return rf
}

func init() {
	register("arm", func() *Arch {
		rf := armRegs()
		return &Arch{
			Name:           "arm",
			ABI:            abi.ArchFor("arm"),
			Regs:           rf,
			SP:             rf.Reg("R13"),
			LR:             rf.Reg("R14"),
			Tmp:            rf.Reg("R11"),
			G:              rf.Reg("g"),
			SPArithTracked: true,
			Suffix:         armSuffix,
			Special:        armSpecial,
			Ops:            armOps(),
		}
	})
}

// armConds are the condition suffixes of cmd/asm/internal/arch/arm.go
// armSCOND ("AL", always, is not a condition).
var armConds = map[string]bool{
	"EQ": true, "NE": true, "CS": true, "HS": true, "CC": true, "LO": true, "MI": true, "PL": true,
	"VS": true, "VC": true, "HI": true, "LS": true, "GE": true, "LT": true, "GT": true, "LE": true,
}

// armBits returns the P (before), U (up) and W (write-back) bits that an
// arm suffix sets, as cmd/asm/internal/arch/arm.go parseARMCondition
// reads them, and reports whether it has a condition.
func armBits(sfx string) (p, u, w, cond bool) {
	for _, part := range strings.Split(strings.TrimPrefix(sfx, "."), ".") {
		switch part {
		case "P":
			p = true
		case "U", "IA":
			u = true
		case "W", "DAW":
			w = true
		case "PW", "WP", "DBW":
			p, w = true, true
		case "IB":
			p, u = true, true
		case "IBW":
			p, u, w = true, true, true
		case "IAW":
			u, w = true, true
		case "DB":
			p = true
		default:
			cond = cond || armConds[part]
		}
	}
	return
}

// armSuffix interprets a condition and the write-back bits of a load or
// store. On single loads and stores the P bit selects post-indexing
// (cmd/internal/obj/arm/asm5.go olr: P clear sets the encoding's
// pre-index bit), and post-indexed accesses always write back.
func armSuffix(c *Ctx, sfx string) {
	p, _, w, cond := armBits(sfx)
	c.Cond = cond
	if c.Op == "MOVM" {
		return // armMOVM
	}
	switch {
	case p:
		c.WriteBack = true
	case w:
		c.WriteBack, c.Pre = true, true
	}
}

func armOps() map[string][]Form {
	ops := opSet{}
	ops.add(Form{N: 1, Args: "t", Flow: FlowJump}, "B", "JMP")
	ops.add(Form{N: 1, Args: "t", Flow: FlowCall, Write: []string{"R14"}}, "BL", "CALL")
	// BX (Rn) is a call for ARMv4 (cmd/internal/obj/arm/asm5.go type 75):
	// ADD $0, Rn, R11; ADD $0, PC, R14; BX R11.
	ops.add(Form{N: 1, Args: "t", Flow: FlowCall, Write: []string{"R14", "R11"}, Attr: AttrUsesTmp}, "BX")
	ops.add(Form{N: 0, Flow: FlowReturn, Read: []string{"R14"}}, "RET")
	ops.add(Form{N: 1, Args: "t", Flow: FlowReturn}, "RET")
	ops.add(Form{N: 1, Args: "t", Flow: FlowCondJump},
		"BEQ", "BNE", "BCS", "BHS", "BCC", "BLO", "BMI", "BPL", "BVS", "BVC", "BHI", "BLS", "BGE", "BLT", "BGT", "BLE")
	// RFE returns from an exception: it loads PC (and CPSR) from the stack.
	ops.add(Form{N: 0, Flow: FlowIndirect}, "RFE")
	ops.add(Form{N: 0, Flow: FlowHalt, Attr: AttrTrap}, "UNDEF")
	ops.add(Form{N: -1, Write: []string{"R0"}, Attr: AttrSyscall}, "SWI")
	ops.add(Form{N: 1, Args: "-", Attr: AttrData}, "WORD", "BYTE")

	for op, size := range map[string]int{"MOVW": 4, "MOVB": 1, "MOVBS": 1, "MOVBU": 1,
		"MOVH": 2, "MOVHS": 2, "MOVHU": 2, "MOVF": 4, "MOVD": 8} {
		ops.add(Form{N: 2, Args: "r,w", Size: size}, op)
	}
	ops.add(Form{N: 2, Args: "r,w"}, "MOVM") // armMOVM sizes it
	ops.add(Form{N: 2, Args: "r,w", Size: 4}, "LDREX")
	ops.add(Form{N: 2, Args: "r,w", Size: 1}, "LDREXB")
	ops.add(Form{N: 2, Args: "r,w", Size: 8}, "LDREXD") // Rn and Rn+1: armPairs
	ops.add(Form{N: 3, Args: "r,w,w", Size: 4}, "STREX")
	ops.add(Form{N: 3, Args: "r,w,w", Size: 1}, "STREXB")
	ops.add(Form{N: 3, Args: "r,w,w", Size: 8}, "STREXD")
	ops.add(Form{N: 3, Args: "r,rw,w", Size: 4}, "SWPW")
	ops.add(Form{N: 3, Args: "r,rw,w", Size: 1}, "SWPBU")
	ops.add(Form{N: 1, Args: "-"}, "PLD")

	ops.add(Form{N: 2, Args: "r,rw", Size: 4, SPArith: '+'}, "ADD")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 4, SPArith: '+'}, "ADD")
	ops.add(Form{N: 2, Args: "r,rw", Size: 4, SPArith: '-'}, "SUB")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 4, SPArith: '-'}, "SUB")
	binary := []string{"RSB", "ADC", "SBC", "RSC", "AND", "ORR", "EOR", "BIC", "MUL", "MULU",
		"SLL", "SRL", "SRA", "DIVHW", "DIVUHW", "MULBB", "MULWB", "MULWT"}
	ops.add(Form{N: 2, Args: "r,rw", Size: 4}, binary...)
	ops.add(Form{N: 3, Args: "r,r,w", Size: 4}, binary...)
	ops.add(Form{N: 2, Args: "r,w", Size: 4}, "MVN", "CLZ", "REV", "REV16", "REVSH", "RBIT",
		"XTAB", "XTABU", "XTAH", "XTAHU")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 4}, "XTAB", "XTABU", "XTAH", "XTAHU")
	ops.add(Form{N: 2, Args: "r,r", Size: 4}, "CMP", "CMN", "TST", "TEQ")
	ops.add(Form{N: 4, Args: "r,r,r,w", Size: 4}, "MULA", "MULS", "MULABB", "MULAWB", "MULAWT")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 4}, "MULL", "MULLU")
	ops.add(Form{N: 3, Args: "r,r,rw", Size: 4}, "MULAL", "MULALU")
	ops.add(Form{N: 4, Args: "r,r,r,w", Size: 4}, "MMULA", "MMULS")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 4}, "MMUL")
	// Bit fields: BFX $width, $lsb, Rn, Rd (Rd alone: in place).
	ops.add(Form{N: 3, Args: "-,-,rw", Size: 4}, "BFX", "BFXU", "BFI", "BFC")
	ops.add(Form{N: 4, Args: "-,-,r,w", Size: 4}, "BFX", "BFXU")
	ops.add(Form{N: 4, Args: "-,-,r,rw", Size: 4}, "BFI")
	ops.add(Form{N: 6, Args: "-,-,w,-,-,-"}, "MRC")
	ops.add(Form{N: 6, Args: "-,-,r,-,-,-"}, "MCR")
	ops.add(Form{N: -1, Attr: AttrBarrier}, "DMB")

	fp := []string{"ADDD", "SUBD", "MULD", "DIVD", "NMULD", "MULAD", "MULSD", "NMULAD", "NMULSD",
		"FMULAD", "FMULSD", "FNMULAD", "FNMULSD"}
	ops.add(Form{N: 2, Args: "r,rw", Size: 8}, fp...)
	ops.add(Form{N: 3, Args: "r,r,w", Size: 8}, fp...)
	fs := []string{"ADDF", "SUBF", "MULF", "DIVF", "NMULF", "MULAF", "MULSF", "NMULAF", "NMULSF",
		"FMULAF", "FMULSF", "FNMULAF", "FNMULSF"}
	ops.add(Form{N: 2, Args: "r,rw", Size: 4}, fs...)
	ops.add(Form{N: 3, Args: "r,r,w", Size: 4}, fs...)
	ops.add(Form{N: 2, Args: "r,r", Size: 8}, "CMPD")
	ops.add(Form{N: 2, Args: "r,r", Size: 4}, "CMPF")
	ops.add(Form{N: 1, Args: "r", Size: 8}, "CMPD") // compare with zero
	ops.add(Form{N: 1, Args: "r", Size: 4}, "CMPF")
	ops.add(Form{N: 2, Args: "r,w", Size: 8}, "ABSD", "NEGD", "SQRTD")
	ops.add(Form{N: 2, Args: "r,w", Size: 4}, "ABSF", "NEGF", "SQRTF")
	ops.add(Form{N: 2, Args: "r,w"}, "MOVWD", "MOVWF", "MOVDW", "MOVFW", "MOVDF", "MOVFD")
	return ops
}

// armSpecial finishes what the table cannot say: conditional execution
// of branches, register-indirect targets, writes of R15 (PC), MOVM, the
// register pairs of LDREXD/STREXD, .U and the assembler's SP tracking.
func armSpecial(c *Ctx) {
	if c.form == nil {
		return
	}
	if c.Op == "MOVM" {
		armMOVM(c)
	}
	armPC(c)
	branchFixups(c)
	armPairs(c)
	if _, u, _, _ := armBits(c.Stmt.Suffix()); u && c.Op != "MOVM" {
		for i := range c.E.Mem {
			if m := &c.E.Mem[i]; m.Base == BaseReg || m.Base == BaseSP {
				m.Off, m.WBDelta = -m.Off, -m.WBDelta // .U: base - offset (asm5.go olr)
				if m.Base == BaseSP && c.E.SP.Kind == SPDelta {
					c.E.SP.Delta = m.WBDelta
				}
			}
		}
	}
	armSP(c)
	spFromOther(c)
	clampRegs(c)
	dataDirective(c)
}

// armPC turns a write of R15 into control flow: MOVW R14, R15 returns,
// any other write (MOVW.P 192(R13), R15, a MOVM that loads R15) jumps to
// a computed address.
func armPC(c *Ctx) {
	pc, lr := c.Arch.Regs.Reg("R15"), c.Arch.LR
	for _, w := range c.E.Writes {
		if w.Reg != pc {
			continue
		}
		c.E.Flow = FlowIndirect
		c.setTarget(Target{Indirect: true, Reg: pc})
		if a := c.Stmt.Args; c.Op == "MOVW" && a[0].Kind == asmparse.RegOp && c.Arch.Regs.Reg(a[0].Reg()) == lr {
			c.E.Flow, c.E.Target.Reg = FlowReturn, lr
		}
		return
	}
}

// armMOVM sizes the memory operand of MOVM (4 bytes per register in the
// list), places it by the .IA/.IB/.DA/.DB bits and applies .W write-back
// (ARM ARM LDM/STM; cmd/internal/obj/arm/asm5.go sets P, U and W from the
// suffix). The assembler does not track MOVM on R13 (obj5.go).
func armMOVM(c *Ctx) {
	p, u, w, _ := armBits(c.Stmt.Suffix())
	n := int64(0)
	for _, a := range c.Stmt.Args {
		if a.Kind == asmparse.ListOp {
			n = int64(len(a.List()))
		}
	}
	size := 4 * n
	low, delta := int64(0), size
	switch {
	case u && p:
		low = 4
	case !u && !p:
		low, delta = 4-size, -size
	case !u && p:
		low, delta = -size, -size
	}
	for i := range c.E.Mem {
		m := &c.E.Mem[i]
		m.Size = int(size)
		m.Off += low
		if w {
			writeBack(c, m, delta, false, false)
		}
	}
}

// armPairs adds the second register of the pair LDREXD and STREXD move.
func armPairs(c *Ctx) {
	switch c.Op {
	case "LDREXD":
		pairReg(c, 1, true)
	case "STREXD":
		pairReg(c, 0, false)
	}
}

// armSP marks the SP changes that obj5.go tracks: MOVW.W/MOVW.P through
// R13 (except a load of R15) and MOVW $off(R13), R13. ADD and SUB go
// through SPArith.
func armSP(c *Ctx) {
	if c.Op != "MOVW" || len(c.Stmt.Args) != 2 {
		return
	}
	e, a := c.E, c.Stmt.Args
	if p, _, w, _ := armBits(c.Stmt.Suffix()); e.SP.Kind == SPDelta && len(e.Mem) == 1 && e.Flow == FlowNext {
		m := e.Mem[0]
		e.SP.Tracked = m.Write && w || m.Read && p
	}
	if a[0].Kind == asmparse.AddrOp && a[1].Kind == asmparse.RegOp &&
		c.Arch.Regs.Reg(a[0].Reg()) == c.Arch.SP && c.Arch.Regs.Reg(a[1].Reg()) == c.Arch.SP && a[0].Unresolved() == "" {
		e.SP = SPChange{Kind: SPDelta, Delta: a[0].Val, Tracked: true}
	}
}

// The helpers below are shared by the link-register architectures (arm,
// ppc64, mips, riscv64, s390x, loong64) and wasm.

// An opSet builds an Arch's Ops table.
type opSet map[string][]Form

// add appends f to the forms of every name.
func (s opSet) add(f Form, names ...string) {
	for _, n := range names {
		s[n] = append(s[n], f)
	}
}

// branchFixups finishes the control flow of a branch: a register-indirect
// target written as (R1) is not a memory access on these architectures
// (the parentheses name the register holding the address), a jump through
// the link register is a return, and a conditional branch whose target
// is a symbol, a register or the link register stays a conditional
// branch (it falls through when not taken).
func branchFixups(c *Ctx) {
	e := c.E
	if e.Target.Indirect && c.form != nil {
		out := e.Mem[:0]
		for _, m := range e.Mem {
			if acc, ok := c.form.accessFor(m.Arg); ok && acc.target {
				continue
			}
			out = append(out, m)
		}
		e.Mem = out
	}
	if e.Flow == FlowIndirect && e.Target.Reg != NoReg && e.Target.Reg == c.Arch.LR {
		e.Flow = FlowReturn
	}
	if c.Cond {
		switch e.Flow {
		case FlowJump, FlowTailCall, FlowIndirect, FlowReturn:
			e.Flow = FlowCondJump
		}
	}
}

// pairReg records the register after the one in operand i (R3 for R2),
// which instructions that move a register pair also read or write.
func pairReg(c *Ctx, i int, write bool) {
	a := c.Stmt.Args
	if i >= len(a) || a[i].Kind != asmparse.RegOp {
		return
	}
	r := c.Arch.Regs.Reg(a[i].Reg())
	if r == NoReg || int(r)+1 >= len(c.Arch.Regs.Regs) {
		return
	}
	next := RegRef{Reg: r + 1}
	if write {
		c.E.Writes = append(c.E.Writes, next)
	} else {
		c.E.Reads = append(c.E.Reads, next)
	}
}

// spFromOther handles "ADD $c, Rx, SP" with Rx not SP: every LR arch's
// preprocess sets Spadj from the constant alone and does not look at Rx
// (arm obj5.go, ppc64 obj9.go, mips obj0.go, riscv obj.go, s390x objz.go,
// loong64 obj.go), so the function is not SPWRITE and the assembler's
// bookkeeping records a change of c, while SP really becomes Rx+c. The
// Effect says what the assembler believes (Tracked, no SPWrite) and what
// the analysis can know (SPUnknown).
func spFromOther(c *Ctx) {
	a := c.Stmt.Args
	if c.form == nil || c.form.SPArith != '+' && c.form.SPArith != '-' || len(a) != 3 {
		return
	}
	rf := c.Arch.Regs
	if a[0].Kind == asmparse.ImmOp && a[1].Kind == asmparse.RegOp && a[2].Kind == asmparse.RegOp &&
		rf.Reg(a[2].Reg()) == c.Arch.SP && rf.Reg(a[1].Reg()) != c.Arch.SP {
		c.E.SP = SPChange{Kind: SPUnknown, Tracked: true}
	}
}

// writeBack records that the base register of m is updated by delta after
// (or, pre, before) the access, and the SP change when the base is the
// stack pointer; tracked says whether the assembler follows it.
func writeBack(c *Ctx, m *Mem, delta int64, pre, tracked bool) {
	if m.Base != BaseReg && m.Base != BaseSP {
		return
	}
	m.WBDelta, m.PreWB = delta, pre
	c.E.Writes = append(c.E.Writes, RegRef{Reg: m.Reg})
	if m.Base == BaseSP {
		c.E.SP = SPChange{Kind: SPDelta, Delta: delta, Tracked: tracked}
	}
}

// clampRegs fits register accesses to their units: a form's access size
// also applies to register operands of another class (VMOVQ V1.W[2], R4
// moves 16 bytes through an 8-byte register; LDREXD names a pair), and an
// access that covers the whole unit is recorded as the whole register.
func clampRegs(c *Ctx) {
	for _, refs := range [][]RegRef{c.E.Reads, c.E.Writes} {
		for i := range refs {
			r := &refs[i]
			size := c.Arch.Regs.Info(r.Reg).Size
			switch {
			case r.Size == 0 || size == 0:
			case r.Off == 0 && r.Size >= size:
				r.Size = 0
			case r.Off+r.Size > size:
				r.Size = size - r.Off
			}
		}
	}
}

// dataDirective makes WORD, DWORD and BYTE unknown: they emit bytes that
// may be any instruction.
func dataDirective(c *Ctx) {
	if c.E.Attrs&AttrData != 0 {
		c.E.Known = false
	}
}
