package frame

import (
	"fmt"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/asmparse"
)

// riscv64: registers and instruction effects.
//
// Register names are those of cmd/asm/internal/arch/arch.go archRISCV64:
// X0–X31 (X4 only as TP and X27 only as g), F0–F31, V0–V31, the ABI names
// ZERO, RA, SP, GP, TP, T0–T6, S0–S10, A0–A7, FT0–FT11, FS0–FS11,
// FA0–FA7, and the Go names g (X27), CTXT (X26) and TMP (X31)
// (cmd/internal/obj/riscv/cpu.go). X0 always reads as zero. V registers
// are VLEN bits, which the hardware chooses (at least 128 with the
// Zvl128b extension that RVA23 requires); they are modeled as 16 bytes and
// the size of a vector load or store, which depends on vl and vtype, is
// left unknown.
//
// Fixed roles (cmd/internal/obj/riscv/cpu.go): REG_ZERO X0, REG_LR (RA)
// X1, REG_SP X2, REG_GP X3, REG_TP X4, REG_CTXT X26, REG_G X27, REG_TMP
// X31.
//
// SP tracking (cmd/internal/obj/riscv/obj.go): progedit turns ADD $c and
// SUB $c into ADDI $c / ADDI $-c, and preprocess follows ADDI of a
// constant to X2. Anything else written to X2 (ADDW, MOV, CADDI16SP …)
// marks the function SPWRITE.

// riscv64ABINames maps the ABI names to register numbers.
var riscv64ABINames = map[string]int{"ZERO": 0, "RA": 1, "SP": 2, "GP": 3, "TP": 4, "CTXT": 26, "TMP": 31}

func riscv64Regs() *RegFile {
	rf := newRegFile()
	for i := 0; i <= 31; i++ {
		name, class := fmt.Sprintf("X%d", i), ClassGP
		switch i {
		case 0:
			class = ClassZero
		case 27:
			name = "g"
		}
		r := rf.unit(name, class, 8)
		rf.alias(fmt.Sprintf("X%d", i), r, 0, 0)
	}
	x := func(n int) Reg { return rf.Reg(fmt.Sprintf("X%d", n)) }
	for name, n := range riscv64ABINames {
		rf.alias(name, x(n), 0, 0)
	}
	for i, n := range []int{5, 6, 7, 28, 29, 30, 31} {
		rf.alias(fmt.Sprintf("T%d", i), x(n), 0, 0)
	}
	for i := 0; i <= 11; i++ {
		n := 8 + i // S0, S1 = X8, X9
		if i >= 2 {
			n = 16 + i // S2–S11 = X18–X27
		}
		rf.alias(fmt.Sprintf("S%d", i), x(n), 0, 0)
	}
	for i := 0; i <= 7; i++ {
		rf.alias(fmt.Sprintf("A%d", i), x(10+i), 0, 0)
	}
	rf.units("F", 0, 31, ClassVec, 8)
	f := func(n int) Reg { return rf.Reg(fmt.Sprintf("F%d", n)) }
	for i := 0; i <= 11; i++ {
		ft, fs := i, 8+i // FT0–FT7 = F0–F7, FS0–FS1 = F8–F9
		if i >= 8 {
			ft = 20 + i // FT8–FT11 = F28–F31
		}
		if i >= 2 {
			fs = 16 + i // FS2–FS11 = F18–F27
		}
		rf.alias(fmt.Sprintf("FT%d", i), f(ft), 0, 0)
		rf.alias(fmt.Sprintf("FS%d", i), f(fs), 0, 0)
	}
	for i := 0; i <= 7; i++ {
		rf.alias(fmt.Sprintf("FA%d", i), f(10+i), 0, 0)
	}
	rf.units("V", 0, 31, ClassVec, 16)
	return rf
}

func init() {
	register("riscv64", func() *Arch {
		rf := riscv64Regs()
		return &Arch{
			Name:           "riscv64",
			ABI:            abi.ArchFor("riscv64"),
			Regs:           rf,
			SP:             rf.Reg("X2"),
			LR:             rf.Reg("X1"),
			Tmp:            rf.Reg("X31"),
			G:              rf.Reg("g"),
			SPArithTracked: true,
			Special:        riscv64Special,
			Ops:            riscv64Ops(),
		}
	})
}

func riscv64Ops() map[string][]Form {
	ops := opSet{}
	ops.add(Form{N: 1, Args: "t", Flow: FlowJump}, "JMP", "CJ", "CJR")
	ops.add(Form{N: 1, Args: "t", Flow: FlowCall, Write: []string{"X1"}}, "CALL", "CJALR")
	// JAL rd, target and JALR rd, (rs) link into rd; riscv64Link turns a
	// link to X0 into a jump.
	ops.add(Form{N: 2, Args: "w,t", Flow: FlowCall}, "JAL", "JALR")
	ops.add(Form{N: 0, Flow: FlowReturn, Read: []string{"X1"}}, "RET")
	ops.add(Form{N: 1, Args: "t", Flow: FlowReturn}, "RET")
	ops.add(Form{N: 3, Args: "r,r,t", Flow: FlowCondJump}, "BEQ", "BNE", "BLT", "BLTU", "BGE", "BGEU",
		"BGT", "BGTU", "BLE", "BLEU")
	ops.add(Form{N: 2, Args: "r,t", Flow: FlowCondJump}, "BEQZ", "BNEZ", "BLTZ", "BGEZ", "BGTZ", "BLEZ",
		"CBEQZ", "CBNEZ")
	ops.add(Form{N: 0, Flow: FlowHalt, Attr: AttrTrap}, "UNDEF")
	ops.add(Form{N: 0, Attr: AttrTrap}, "EBREAK", "CEBREAK")
	// Linux returns in A0.
	ops.add(Form{N: 0, Write: []string{"X10"}, Attr: AttrSyscall}, "ECALL")
	ops.add(Form{N: 1, Args: "-", Attr: AttrData}, "WORD", "BYTE")
	ops.add(Form{N: -1, Attr: AttrBarrier}, "FENCE", "FENCETSO", "FENCEI")

	for op, size := range map[string]int{"MOV": 8, "MOVW": 4, "MOVWU": 4, "MOVH": 2, "MOVHU": 2,
		"MOVB": 1, "MOVBU": 1, "MOVF": 4, "MOVD": 8,
		"LD": 8, "LW": 4, "LWU": 4, "LH": 2, "LHU": 2, "LB": 1, "LBU": 1, "SD": 8, "SW": 4, "SH": 2, "SB": 1,
		"FLD": 8, "FLW": 4, "FSD": 8, "FSW": 4, "LRD": 8, "LRW": 4,
		"CLD": 8, "CLW": 4, "CLDSP": 8, "CLWSP": 4, "CSD": 8, "CSW": 4, "CSDSP": 8, "CSWSP": 4,
		"CFLD": 8, "CFLDSP": 8, "CFSD": 8, "CFSDSP": 8} {
		ops.add(Form{N: 2, Args: "r,w", Size: size}, op)
	}
	// AMOADDW Rs, (Ra), Rd: memory op= Rs, old value in Rd; SCW Rs, (Ra), Rd
	// stores Rs and writes 0 (success) or 1 to Rd.
	for _, op := range []string{"SWAP", "ADD", "AND", "OR", "XOR", "MAX", "MAXU", "MIN", "MINU"} {
		ops.add(Form{N: 3, Args: "r,rw,w", Size: 4}, "AMO"+op+"W")
		ops.add(Form{N: 3, Args: "r,rw,w", Size: 8}, "AMO"+op+"D")
	}
	ops.add(Form{N: 3, Args: "r,w,w", Size: 4}, "SCW")
	ops.add(Form{N: 3, Args: "r,w,w", Size: 8}, "SCD")
	riscv64VectorMem(ops)

	ops.add(Form{N: 2, Args: "r,rw", Size: 8, SPArith: '+'}, "ADD", "ADDI")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 8, SPArith: '+'}, "ADD", "ADDI")
	ops.add(Form{N: 2, Args: "r,rw", Size: 8, SPArith: '-'}, "SUB")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 8, SPArith: '-'}, "SUB")
	binary := []string{"ADDW", "ADDIW", "SUBW", "AND", "ANDI", "OR", "ORI", "XOR", "XORI", "SLL", "SLLI",
		"SRL", "SRLI", "SRA", "SRAI", "SLLW", "SLLIW", "SRLW", "SRLIW", "SRAW", "SRAIW", "SLT", "SLTI",
		"SLTU", "SLTIU", "MUL", "MULH", "MULHU", "MULHSU", "MULW", "DIV", "DIVU", "DIVW", "DIVUW", "REM",
		"REMU", "REMW", "REMUW", "ROL", "ROLW", "ROR", "RORI", "RORW", "RORIW", "ANDN", "ORN", "XNOR",
		"MIN", "MAX", "MINU", "MAXU", "SH1ADD", "SH2ADD", "SH3ADD", "SH1ADDUW", "SH2ADDUW", "SH3ADDUW",
		"ADDUW", "SLLIUW", "CZEROEQZ", "CZERONEZ", "BCLR", "BCLRI", "BEXT", "BEXTI", "BINV", "BINVI",
		"BSET", "BSETI", "CLMUL", "CLMULH", "CLMULR",
		"FADDD", "FADDS", "FSUBD", "FSUBS", "FMULD", "FMULS", "FDIVD", "FDIVS", "FMIND", "FMINS", "FMAXD",
		"FMAXS", "FSGNJD", "FSGNJS", "FSGNJND", "FSGNJNS", "FSGNJXD", "FSGNJXS"}
	ops.add(Form{N: 2, Args: "r,rw", Size: 8}, binary...)
	ops.add(Form{N: 3, Args: "r,r,w", Size: 8}, binary...)
	ops.add(Form{N: 2, Args: "r,w", Size: 8}, "NEG", "NEGW", "NOT", "SEQZ", "SNEZ", "CLZ", "CLZW", "CTZ",
		"CTZW", "CPOP", "CPOPW", "REV8", "ORCB", "SEXTB", "SEXTH", "ZEXTH", "LUI", "AUIPC",
		"FSQRTD", "FSQRTS", "FNEGD", "FNEGS", "FABSD", "FABSS", "FMVXD", "FMVDX", "FMVXW", "FMVWX",
		"FCVTDL", "FCVTLD", "FCVTDW", "FCVTWD", "FCVTSD", "FCVTDS", "FCVTSL", "FCVTLS", "FCVTSW",
		"FCVTWS", "FCVTDLU", "FCVTLUD", "FCVTDWU", "FCVTWUD", "FCLASSD", "FCLASSS", "CMV", "CLI", "CLUI")
	// One operand: NOT X10 is XORI $-1, X10, X10, NEG X11 is SUB X11, X0,
	// X11 (go tool asm -S: 13 45 f5 ff, b3 05 b0 40); RDTIME X10 is
	// CSRRS X10, time, X0 (73 25 10 c0), as are RDCYCLE and RDINSTRET.
	ops.add(Form{N: 1, Args: "rw", Size: 8}, "NEG", "NEGW", "NOT")
	ops.add(Form{N: 1, Args: "w", Size: 8}, "RDTIME", "RDCYCLE", "RDINSTRET")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 8}, "FEQD", "FEQS", "FLTD", "FLTS", "FLED", "FLES")
	ops.add(Form{N: 4, Args: "r,r,r,w", Size: 8}, "FMADDD", "FMADDS", "FMSUBD", "FMSUBS", "FNMADDD",
		"FNMADDS", "FNMSUBD", "FNMSUBS")
	// Compressed arithmetic: CADD X5, X6 is X6 += X5.
	ops.add(Form{N: 2, Args: "r,rw", Size: 8}, "CADD", "CADDW", "CSUB", "CSUBW", "CAND", "COR", "CXOR",
		"CADDI", "CADDIW", "CANDI", "CSLLI", "CSRLI", "CSRAI", "CADDI16SP")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 8}, "CADDI4SPN")
	ops.add(Form{N: 0}, "CNOP")
	// VSETVLI Rs, E32, M1, TA, MA, Rd sets vl (and vtype) and returns vl.
	ops.add(Form{N: 6, Args: "r,-,-,-,-,w"}, "VSETVLI", "VSETIVLI")
	ops.add(Form{N: 3, Args: "r,r,w"}, "VSETVL")
	// Vector arithmetic: the last operand is the result; an optional V0
	// before it is the mask.
	var vec []string
	for _, op := range []string{"VADD", "VSUB", "VAND", "VOR", "VXOR", "VSLL", "VSRL", "VSRA", "VMUL",
		"VMIN", "VMINU", "VMAX", "VMAXU", "VMSEQ", "VMSNE", "VMSLT", "VMSLTU", "VRGATHER", "VSLIDEUP",
		"VSLIDEDOWN", "VROR", "VROL", "VANDN"} {
		vec = append(vec, op+"VV", op+"VX", op+"VI")
	}
	ops.add(Form{N: 3, Args: "r,r,w"}, vec...)
	ops.add(Form{N: 4, Args: "r,r,r,w"}, vec...)
	ops.add(Form{N: 2, Args: "r,w"}, "VMVVV", "VMVVX", "VMVVI", "VMVXS", "VMVSX", "VFIRSTM", "VCPOPM",
		"VIDV", "VMV1RV", "VMV2RV", "VMV4RV", "VMV8RV")
	ops.add(Form{N: 3, Args: "r,r,w"}, "VFIRSTM", "VCPOPM", "VREDSUMVS", "VREDORVS", "VREDANDVS",
		"VREDXORVS", "VREDMAXUVS", "VREDMINUVS")
	return ops
}

// riscv64VectorMem adds the RVV loads and stores (RISC-V "V" extension,
// chapter 7): VLE32V (X10), [V0,] V3 and VSE32V V3, [V0,] (X10), with a
// stride register (VLSE, VLSSEG) or an index vector (VLUXEI, VLOXEI …)
// before the mask. The first operand is read and the last written in
// every form. How many bytes they touch depends on vl and vtype.
func riscv64VectorMem(ops opSet) {
	var names []string
	eew := []string{"8", "16", "32", "64"}
	for _, e := range eew {
		names = append(names, "VLE"+e+"V", "VLE"+e+"FFV", "VSE"+e+"V", "VLSE"+e+"V", "VSSE"+e+"V",
			"VLUXEI"+e+"V", "VLOXEI"+e+"V", "VSUXEI"+e+"V", "VSOXEI"+e+"V")
		for n := 2; n <= 8; n++ {
			s := fmt.Sprint(n)
			names = append(names, "VLSEG"+s+"E"+e+"V", "VLSEG"+s+"E"+e+"FFV", "VSSEG"+s+"E"+e+"V",
				"VLSSEG"+s+"E"+e+"V", "VSSSEG"+s+"E"+e+"V", "VLUXSEG"+s+"EI"+e+"V", "VLOXSEG"+s+"EI"+e+"V",
				"VSUXSEG"+s+"EI"+e+"V", "VSOXSEG"+s+"EI"+e+"V")
		}
		for _, n := range []string{"1", "2", "4", "8"} {
			names = append(names, "VL"+n+"RE"+e+"V")
		}
	}
	for _, n := range []string{"1", "2", "4", "8"} {
		names = append(names, "VL"+n+"RV", "VS"+n+"RV")
	}
	names = append(names, "VLMV", "VSMV")
	ops.add(Form{N: 2, Args: "r,w"}, names...)
	ops.add(Form{N: 3, Args: "r,r,w"}, names...)
	ops.add(Form{N: 4, Args: "r,r,r,w"}, names...)
}

// riscv64Special finishes JAL/JALR (a link to X0 is a plain jump) and
// control flow through registers (JMP (RA) and JALR ZERO, RA return).
func riscv64Special(c *Ctx) {
	if c.form == nil {
		return
	}
	if (c.Op == "JAL" || c.Op == "JALR") && len(c.Stmt.Args) == 2 {
		link := c.Stmt.Args[0]
		if link.Kind == asmparse.RegOp && c.Arch.Regs.Info(c.Arch.Regs.Reg(link.Reg())).Class == ClassZero {
			e := c.E
			switch {
			case e.Target.Sym != "":
				e.Flow = FlowTailCall
			case e.Target.Indirect:
				e.Flow = FlowIndirect
			default:
				e.Flow = FlowJump
			}
		}
	}
	branchFixups(c)
	spFromOther(c)
	clampRegs(c)
	dataDirective(c)
}
