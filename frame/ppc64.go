package frame

import (
	"fmt"
	"strings"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/asmparse"
)

// ppc64 and ppc64le: registers and instruction effects.
//
// Register names are those of cmd/asm/internal/arch/arch.go archPPC64 and
// cmd/internal/obj/ppc64/list9.go rconv: R0–R31 with R30 spelled g, F0–F31,
// V0–V31, VS0–VS63, the MMA accumulators A0–A7, the condition register CR,
// its fields CR0–CR7 and bits CR0LT … CR7SO, XER, LR, CTR, MSR, FPSCR, and
// SPR(n) (parsed as SPRn: SPR(1) is XER, SPR(8) LR, SPR(9) CTR; other
// special registers are not modeled).
//
// Aliasing (Power ISA 3.1, book I, 7.2 "VSX registers"): VS0–VS31 are 16
// bytes and F0–F31 are their first doubleword; VS32–VS63 are V0–V31. Each
// accumulator An shadows VS4n–VS4n+3 (cmd/internal/obj/ppc64/a.out.go); it
// is a separate unit here, because a RegRef cannot span four units. CR is
// one unit of 8 bytes, one byte per 4-bit field: CRn is byte n, and the
// bits CRnLT … CRnSO stand for their whole field.
//
// Fixed roles (cmd/internal/obj/ppc64/a.out.go): REGZERO R0 (as a base),
// REGSP R1, REGSB R2 (TOC), REGCTXT R11, REGTLS R13, REGG R30, REGTMP
// R31; the link register is the special register LR.
//
// SP tracking (cmd/internal/obj/ppc64/obj9.go preprocess): the assembler
// follows ADD $c, R1 (SUB $c is rewritten to ADD $-c by progedit; a
// constant that is 0 or not an int32 is loaded from memory instead, and
// is not followed) and the update forms MOVDU Rx, off(R1) and MOVDU
// off(R1), Rx. Any other write of R1 (except CMPU) marks the function
// SPWRITE.

func ppc64Regs() *RegFile {
	rf := newRegFile()
	for i := 0; i <= 31; i++ {
		name := fmt.Sprintf("R%d", i)
		if i == 30 {
			name = "g"
		}
		r := rf.unit(name, ClassGP, 8)
		rf.alias(fmt.Sprintf("R%d", i), r, 0, 0)
	}
	for i := 0; i <= 63; i++ {
		r := rf.unit(fmt.Sprintf("VS%d", i), ClassVec, 16)
		if i < 32 {
			rf.alias(fmt.Sprintf("F%d", i), r, 0, 8)
		} else {
			rf.alias(fmt.Sprintf("V%d", i-32), r, 0, 0)
		}
	}
	rf.units("A", 0, 7, ClassVec, 64)
	cr := rf.unit("CR", ClassSpecial, 8)
	for i := 0; i <= 7; i++ {
		rf.alias(fmt.Sprintf("CR%d", i), cr, uint8(i), 1)
		for _, bit := range []string{"LT", "GT", "EQ", "SO"} {
			rf.alias(fmt.Sprintf("CR%d%s", i, bit), cr, uint8(i), 1)
		}
	}
	for _, n := range []string{"XER", "LR", "CTR", "MSR", "FPSCR"} {
		rf.unit(n, ClassSpecial, 8)
	}
	rf.alias("SPR1", rf.Reg("XER"), 0, 0)
	rf.alias("SPR8", rf.Reg("LR"), 0, 0)
	rf.alias("SPR9", rf.Reg("CTR"), 0, 0)
	return rf
}

func init() {
	for _, name := range []string{"ppc64", "ppc64le"} {
		register(name, func() *Arch {
			rf := ppc64Regs()
			return &Arch{
				Name:           name,
				ABI:            abi.ArchFor(name),
				Regs:           rf,
				SP:             rf.Reg("R1"),
				LR:             rf.Reg("LR"),
				Tmp:            rf.Reg("R31"),
				G:              rf.Reg("g"),
				SPArithTracked: true,
				Special:        ppc64Special,
				Ops:            ppc64Ops(),
			}
		})
	}
}

// ppc64Update lists the load and store forms that write the effective
// address back to the base register (Power ISA "with update": lbzu, stdu …).
var ppc64Update = map[string]bool{
	"MOVBU": true, "MOVBZU": true, "MOVHU": true, "MOVHZU": true, "MOVWU": true, "MOVWZU": true,
	"MOVDU": true, "FMOVDU": true, "FMOVSU": true,
}

func ppc64Ops() map[string][]Form {
	ops := opSet{}
	ops.add(Form{N: 1, Args: "t", Flow: FlowJump}, "BR", "JMP")
	ops.add(Form{N: 1, Args: "t", Flow: FlowCall, Write: []string{"LR"}}, "BL", "CALL")
	ops.add(Form{N: 0, Flow: FlowReturn, Read: []string{"LR"}}, "RET")
	ops.add(Form{N: 1, Args: "t", Flow: FlowReturn}, "RET")
	conds := []string{"BEQ", "BNE", "BLT", "BLE", "BGT", "BGE", "BVC", "BVS"}
	ops.add(Form{N: 1, Args: "t", Flow: FlowCondJump, Read: []string{"CR0"}}, conds...)
	ops.add(Form{N: 2, Args: "r,t", Flow: FlowCondJump}, conds...)
	ops.add(Form{N: 1, Args: "t", Flow: FlowCondJump, Read: []string{"CTR"}, Write: []string{"CTR"}}, "BDNZ", "BDZ")
	// BC BO, BI, target and BCL: ppc64BC decides from BO.
	ops.add(Form{N: 3, Args: "-,r,t", Flow: FlowJump}, "BC")
	ops.add(Form{N: 4, Args: "-,r,-,t", Flow: FlowJump}, "BC")
	ops.add(Form{N: 3, Args: "-,r,t", Flow: FlowCall, Write: []string{"LR"}}, "BCL")
	ops.add(Form{N: 4, Args: "-,r,-,t", Flow: FlowCall, Write: []string{"LR"}}, "BCL")
	// HRFID returns from a hypervisor interrupt to the address in HSRR0.
	ops.add(Form{N: 0, Flow: FlowIndirect}, "HRFID")
	ops.add(Form{N: 0, Flow: FlowHalt, Attr: AttrTrap}, "UNDEF")
	ops.add(Form{N: 3, Args: "-,r,r", Attr: AttrTrap}, "TW", "TD") // ppc64Trap
	// SYSCALL $n and SYSCALL Rn load R0 first (cmd/internal/obj/ppc64/asm9.go
	// type 77); the kernel returns in R3 and sets CR0.SO on error.
	ops.add(Form{N: -1, Write: []string{"R0", "R3", "CR0"}, Attr: AttrSyscall}, "SYSCALL")
	ops.add(Form{N: 1, Args: "-", Attr: AttrData}, "WORD", "DWORD", "BYTE")
	ops.add(Form{N: -1, Attr: AttrBarrier}, "SYNC", "LWSYNC", "ISYNC", "PTESYNC", "EIEIO", "TLBSYNC")

	for op, size := range map[string]int{
		"MOVD": 8, "MOVDU": 8, "MOVDBR": 8, "MOVW": 4, "MOVWZ": 4, "MOVWU": 4, "MOVWZU": 4, "MOVWBR": 4,
		"MOVH": 2, "MOVHZ": 2, "MOVHU": 2, "MOVHZU": 2, "MOVHBR": 2, "MOVB": 1, "MOVBZ": 1, "MOVBU": 1,
		"MOVBZU": 1, "FMOVD": 8, "FMOVDU": 8, "FMOVS": 4, "FMOVSU": 4, "FMOVSX": 4, "FMOVSZ": 4,
		"LVX": 16, "LVXL": 16, "STVX": 16, "STVXL": 16, "LVEBX": 1, "LVEHX": 2, "LVEWX": 4,
		"STVEBX": 1, "STVEHX": 2, "STVEWX": 4,
		"LXV": 16, "LXVX": 16, "LXVD2X": 16, "LXVW4X": 16, "LXVH8X": 16, "LXVB16X": 16, "LXVDSX": 8,
		"LXSDX": 8, "LXSIWAX": 4, "LXSIWZX": 4, "LXVP": 32, "LXVPX": 32,
		"LXVRBX": 1, "LXVRHX": 2, "LXVRWX": 4, "LXVRDX": 8,
		"STXV": 16, "STXVX": 16, "STXVD2X": 16, "STXVW4X": 16, "STXVH8X": 16, "STXVB16X": 16,
		"STXSDX": 8, "STXSIWX": 4, "STXVP": 32, "STXVPX": 32,
		"STXVRBX": 1, "STXVRHX": 2, "STXVRWX": 4, "STXVRDX": 8,
		"HASHST": 8, "HASHSTP": 8,
	} {
		ops.add(Form{N: 2, Args: "r,w", Size: size}, op)
	}
	// Load-and-reserve, optionally with the EH hint: LWAR (R3), $0, R4.
	for op, size := range map[string]int{"LBAR": 1, "LHAR": 2, "LWAR": 4, "LDAR": 8} {
		ops.add(Form{N: 2, Args: "r,w", Size: size}, op)
		ops.add(Form{N: 3, Args: "r,-,w", Size: size}, op)
	}
	for op, size := range map[string]int{"STBCCC": 1, "STHCCC": 2, "STWCCC": 4, "STDCCC": 8} {
		ops.add(Form{N: 2, Args: "r,w", Size: size, Write: []string{"CR0"}}, op)
	}
	// HASHCHK compares a hash in memory with one computed from Rn and traps.
	ops.add(Form{N: 2, Args: "r,r", Size: 8}, "HASHCHK", "HASHCHKP")
	// Prefixed loads and stores (Power ISA 3.1): PLD off(Ra), $R, Rt.
	for op, size := range map[string]int{"PLBZ": 1, "PLHZ": 2, "PLHA": 2, "PLWZ": 4, "PLWA": 4, "PLD": 8,
		"PLQ": 16, "PLFS": 4, "PLFD": 8, "PLXSD": 8, "PLXSSP": 4, "PLXV": 16, "PLXVP": 32,
		"PSTB": 1, "PSTH": 2, "PSTW": 4, "PSTD": 8, "PSTQ": 16, "PSTFS": 4, "PSTFD": 8,
		"PSTXSD": 8, "PSTXSSP": 4, "PSTXV": 16, "PSTXVP": 32} {
		ops.add(Form{N: 3, Args: "r,-,w", Size: size}, op)
	}
	// Variable-length vector loads and stores: the length is in a register.
	ops.add(Form{N: 3, Args: "r,r,w"}, "LXVL", "LXVLL")
	ops.add(Form{N: 3, Args: "r,w,r"}, "STXVL", "STXVLL")
	// Load/store multiple and string: the size depends on the registers.
	ops.add(Form{N: 2, Args: "r,w"}, "MOVMW", "LSW", "STSW")
	ops.add(Form{N: 3, Args: "r,-,w"}, "LSW", "STSW")
	// Cache hints name memory without accessing it; DCBZ zeroes a cache block.
	ops.add(Form{N: 1, Args: "-"}, "DCBF", "DCBST", "DCBT", "DCBTST", "ICBI")
	ops.add(Form{N: 2, Args: "-,-"}, "DCBF", "DCBT", "DCBTST")
	ops.add(Form{N: 1, Args: "w"}, "DCBZ")
	ops.add(Form{N: 2, Args: "a,w"}, "LVSL", "LVSR")

	ops.add(Form{N: 2, Args: "r,rw", Size: 8, SPArith: '+'}, "ADD")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 8, SPArith: '+'}, "ADD")
	ops.add(Form{N: 2, Args: "r,rw", Size: 8, SPArith: '-'}, "SUB")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 8, SPArith: '-'}, "SUB")
	var binary []string
	for _, op := range []string{"ADDC", "ADDE", "ADDV", "ADDCV", "ADDEV", "SUBC", "SUBE", "SUBV", "SUBCV", "SUBEV",
		"AND", "ANDN", "OR", "ORN", "XOR", "NAND", "NOR", "EQV", "MULLD", "MULLW", "MULHD", "MULHDU",
		"MULHW", "MULHWU", "MULLDV", "MULLWV", "DIVD", "DIVDU", "DIVW", "DIVWU", "DIVDE", "DIVDEU",
		"DIVDV", "DIVDUV", "DIVWV", "DIVWUV", "SLD", "SRD", "SRAD", "SLW", "SRW", "SRAW", "ROTL", "ROTLW",
		"FADD", "FADDS", "FSUB", "FSUBS", "FMUL", "FMULS", "FDIV", "FDIVS", "FCPSGN"} {
		binary = append(binary, op, op+"CC")
	}
	binary = append(binary, "ADDCC", "SUBCC", "ADDCCC", "SUBCCC", "MODSD", "MODUD", "MODSW", "MODUW",
		"CMPB", "ADDIS", "ORIS", "XORIS", "ANDISCC", "EXTSWSLI", "EXTSWSLICC", "CFUGED", "PDEPD", "PEXTD")
	ops.add(Form{N: 2, Args: "r,rw", Size: 8}, binary...)
	ops.add(Form{N: 3, Args: "r,r,w", Size: 8}, binary...)
	var unary []string
	for _, op := range []string{"NEG", "NEGV", "ADDZE", "ADDME", "SUBZE", "SUBME", "ADDZEV", "ADDMEV",
		"SUBZEV", "SUBMEV", "CNTLZD", "CNTLZW", "CNTTZD", "CNTTZW", "EXTSB", "EXTSH", "EXTSW",
		"FABS", "FNABS", "FNEG", "FSQRT", "FSQRTS", "FRSP", "FCTID", "FCTIDZ", "FCTIW", "FCTIWZ",
		"FCFID", "FCFIDU", "FCFIDS", "FCFIDUS", "FRIM", "FRIN", "FRIP", "FRIZ", "FRES", "FRSQRTE", "FMOVD"} {
		unary = append(unary, op, op+"CC")
	}
	unary = append(unary, "POPCNTB", "POPCNTD", "POPCNTW", "BRD", "BRH", "BRW", "SETB", "MFVSRD", "MFVSRWZ",
		"MFVSRLD", "MTVSRD", "MTVSRWZ", "MTVSRWA", "MTFPRD", "MTVRD", "MFVRD", "SETBC", "SETBCR",
		"SETNBC", "SETNBCR", "DARN")
	ops.add(Form{N: 2, Args: "r,w", Size: 8}, unary...)
	ops.add(Form{N: 1, Args: "rw", Size: 8}, "NEG", "NEGCC", "ADDZE", "ADDME", "SUBZE", "SUBME")
	ops.add(Form{N: 4, Args: "r,-,-,w", Size: 8}, "PADDI")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 16}, "MTVSRDD")
	ops.add(Form{N: 2, Args: "r,w", Size: 16}, "MTVSRWS")
	// Compares write CR0, or the CR field given as a third operand.
	ops.add(Form{N: 2, Args: "r,r", Size: 8, Write: []string{"CR0"}}, "CMP", "CMPU", "CMPW", "CMPWU", "FCMPU", "FCMPO")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 8}, "CMP", "CMPU", "CMPW", "CMPWU", "FCMPU", "FCMPO", "CMPEQB")
	ops.add(Form{N: 4, Args: "r,r,r,w", Size: 8}, "FMADD", "FMADDS", "FMSUB", "FMSUBS", "FNMADD", "FNMADDS",
		"FNMSUB", "FNMSUBS", "FSEL", "MADDHD", "MADDHDU")
	ops.add(Form{N: 4, Args: "r,r,r,w"}, "ISEL")
	// Rotates: RLDICL $sh, Rs, $mb, Ra; RLWMI and RLDIMI insert into Ra.
	var rot []string
	for _, op := range []string{"RLDICL", "RLDICR", "RLDIC", "RLDCL", "RLDCR", "RLDC", "RLWNM", "CLRLSLDI"} {
		rot = append(rot, op, op+"CC")
	}
	ops.add(Form{N: 4, Args: "r,r,-,w", Size: 8}, rot...)
	ops.add(Form{N: 5, Args: "r,r,-,-,w", Size: 8}, "RLWNM", "RLWNMCC")
	ops.add(Form{N: 4, Args: "r,r,-,rw", Size: 8}, "RLWMI", "RLWMICC", "RLDIMI", "RLDIMICC", "RLDMI", "RLDMICC")
	ops.add(Form{N: 3, Args: "-,r,w", Size: 8}, "CLRLSLWI")
	ops.add(Form{N: 2, Args: "r,w", Size: 8}, "MOVFL")
	ops.add(Form{N: 3, Args: "r,-,w", Size: 8}, "MOVFL")
	ppc64VectorOps(ops)
	return ops
}

// ppc64VectorOps adds the frequent VMX/VSX register instructions.
func ppc64VectorOps(ops opSet) {
	ops.add(Form{N: 3, Args: "r,r,w", Size: 16}, "VAND", "VANDC", "VOR", "VORC", "VXOR", "VNOR", "VNAND",
		"VEQV", "VADDUBM", "VADDUHM", "VADDUWM", "VADDUDM", "VADDUQM", "VADDCUQ", "VADDCUW",
		"VSUBUBM", "VSUBUHM", "VSUBUWM", "VSUBUDM", "VSUBUQM", "VSUBCUQ", "VSUBCUW", "VCIPHER",
		"VCIPHERLAST", "VNCIPHER", "VNCIPHERLAST", "VPMSUMB", "VPMSUMH", "VPMSUMW", "VPMSUMD",
		"VSLO", "VSRO", "VSL", "VSR", "VSLB", "VSLH", "VSLW", "VSLD", "VSRB", "VSRH", "VSRW", "VSRD",
		"VSRAB", "VSRAH", "VSRAW", "VSRAD", "VRLB", "VRLH", "VRLW", "VRLD", "VMRGEW", "VMRGOW",
		"VCMPEQUB", "VCMPEQUH", "VCMPEQUW", "VCMPEQUD", "VCMPGTUB", "VCMPGTUH", "VCMPGTUW", "VCMPGTUD",
		"VCMPNEB", "VCMPNEH", "VCMPNEW", "VMULEUW", "VMULOUW", "VMULUWM", "VBPERMQ", "VBPERMD",
		"XXLAND", "XXLANDC", "XXLOR", "XXLORC", "XXLXOR", "XXLNOR", "XXLNAND", "XXLEQV", "XXMRGHW", "XXMRGLW")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 16, Write: []string{"CR6"}}, "VCMPEQUBCC", "VCMPEQUHCC",
		"VCMPEQUWCC", "VCMPEQUDCC", "VCMPGTUBCC", "VCMPGTUHCC", "VCMPGTUWCC", "VCMPGTUDCC", "VCMPNEBCC")
	ops.add(Form{N: 4, Args: "r,r,r,w", Size: 16}, "VSEL", "VPERM", "VPERMR", "VPERMXOR", "XXSEL", "XXPERM")
	ops.add(Form{N: 4, Args: "-,r,r,w", Size: 16}, "VSLDOI")
	ops.add(Form{N: 4, Args: "r,r,-,w", Size: 16}, "XXPERMDI", "XXSLDWI")
	ops.add(Form{N: 4, Args: "r,r,r,w", Size: 16}, "VSHASIGMAW", "VSHASIGMAD", "VADDEUQM", "VADDECUQ",
		"VSUBEUQM", "VSUBECUQ")
	ops.add(Form{N: 2, Args: "-,w", Size: 16}, "VSPLTISB", "VSPLTISH", "VSPLTISW", "XXSPLTIB")
	ops.add(Form{N: 3, Args: "-,r,w", Size: 16}, "VSPLTB", "VSPLTH", "VSPLTW", "XXSPLTW")
	ops.add(Form{N: 2, Args: "r,w", Size: 16}, "VSBOX", "VPOPCNTB", "VPOPCNTH", "VPOPCNTW", "VPOPCNTD",
		"VCLZB", "VCLZH", "VCLZW", "VCLZD", "XXBRQ", "XXBRD", "XXBRW", "XXBRH", "MTVSRDD")
}

// ppc64Special finishes BC/BCL, TW/TD, the update forms, the second
// register of (Ra+Rb) and control flow through LR and CTR.
func ppc64Special(c *Ctx) {
	if c.form == nil {
		return
	}
	switch c.Op {
	case "BC", "BCL":
		ppc64BC(c)
	case "TW", "TD":
		if a := c.Stmt.Args[0]; a.Kind == asmparse.ImmOp && a.Val&31 == 31 && a.Unresolved() == "" {
			c.E.Flow = FlowHalt // TO=31: trap unconditionally
		}
	}
	ppc64Index(c)
	if ppc64Update[c.Op] {
		for i := range c.E.Mem {
			m := &c.E.Mem[i]
			if m.Index != NoReg {
				c.E.Writes = append(c.E.Writes, RegRef{Reg: m.Reg})
				if m.Base == BaseSP {
					c.E.SP = SPChange{Kind: SPUnknown}
				}
				continue
			}
			writeBack(c, m, m.Off, true, c.Op == "MOVDU")
		}
	}
	if (c.Op == "ADD" || c.Op == "SUB") && c.E.SP.Tracked && (c.E.SP.Delta == 0 || c.E.SP.Delta != int64(int32(c.E.SP.Delta))) {
		// progedit loads a constant that is 0 or not an int32 from memory,
		// and preprocess no longer sees ADD $c (obj9.go).
		c.E.SP.Tracked = false
	}
	if strings.HasSuffix(c.Op, "CC") && !strings.HasPrefix(c.Op, "V") {
		c.E.Writes = append(c.E.Writes, RegRef{Reg: c.Arch.Regs.Reg("CR0"), Off: 0, Size: 1}) // Rc=1 records to CR0
	}
	branchFixups(c)
	spFromOther(c)
	clampRegs(c)
	dataDirective(c)
}

// ppc64BC decides BC and BCL from their BO operand (Power ISA 2.4,
// "Branch Instructions"): BO&0x14 == 0x14 branches always; BO&0x04 == 0
// decrements CTR. An unknown BO is taken as conditional.
func ppc64BC(c *Ctx) {
	bo := c.Stmt.Args[0]
	known := (bo.Kind == asmparse.ConstOp || bo.Kind == asmparse.ImmOp) && bo.Unresolved() == ""
	if !known || bo.Val&0x14 != 0x14 {
		c.Cond = true
	}
	if bi := c.Stmt.Args[1]; known && bo.Val&0x10 == 0 && (bi.Kind == asmparse.ConstOp || bi.Kind == asmparse.ImmOp) {
		// BI numbers a CR bit: field BI/4 is read.
		c.E.Reads = append(c.E.Reads, RegRef{Reg: c.Arch.Regs.Reg("CR"), Off: uint8(bi.Val/4) & 7, Size: 1})
	}
	if known && bo.Val&0x04 == 0 {
		ctr := c.Arch.Regs.Reg("CTR")
		c.E.Reads = append(c.E.Reads, RegRef{Reg: ctr})
		c.E.Writes = append(c.E.Writes, RegRef{Reg: ctr})
	}
	if c.Op == "BCL" {
		c.Cond = false // a conditional call still comes back
	}
}

// ppc64Index records the second register of (Ra+Rb) as the index, as the
// assembler does (cmd/asm/internal/asm/parse.go registerIndirect: ppc64
// (R1+R2) sets Index).
func ppc64Index(c *Ctx) {
	for i := range c.E.Mem {
		m := &c.E.Mem[i]
		r2 := c.Stmt.Args[m.Arg].Reg2()
		if r2 == "" || m.Index != NoReg {
			continue
		}
		if r := c.Arch.Regs.Reg(r2); r != NoReg {
			m.Index, m.Scale = r, 1
			c.E.Reads = append(c.E.Reads, RegRef{Reg: r})
		}
	}
}
