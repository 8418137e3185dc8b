package frame

import (
	"fmt"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/asmparse"
)

// mips, mipsle, mips64 and mips64le: registers and instruction effects.
//
// Register names are those of cmd/asm/internal/arch/arch.go archMips and
// archMips64: R0–R31 with R30 spelled g (and, on mips64, R28 spelled RSB),
// F0–F31, the MSA vector registers W0–W31 (mips64 only), the coprocessor 0
// registers M0–M31, the FPU control registers FCR0–FCR31, HI and LO.
// R0 always reads as zero. F registers are 8 bytes and each is the low
// half of the MSA register Wn (MIPS SIMD Architecture, "Vector
// registers"); on 32-bit mips, where doubles live in even/odd pairs of
// 32-bit registers, that pairing (F1 is the high half of the double F0)
// is not modeled.
//
// Fixed roles (cmd/internal/obj/mips/a.out.go): REGZERO R0, REGRT1 R1 and
// REGRT2 R2 (runtime temporaries), REGCTXT R22, REGTMP R23, REGSB R28,
// REGSP R29, REGG R30, REGLINK R31.
//
// SP tracking (cmd/internal/obj/mips/obj0.go): progedit rewrites SUB,
// SUBU, SUBV and SUBVU of a constant into ADD…, and preprocess follows
// ADD, ADDU, ADDV and ADDVU of a constant to R29. Any other write of R29
// marks the function SPWRITE.

func mipsRegs(ptr uint8) *RegFile {
	rf := newRegFile()
	for i := 0; i <= 31; i++ {
		name, class := fmt.Sprintf("R%d", i), ClassGP
		switch i {
		case 0:
			class = ClassZero
		case 30:
			name = "g"
		}
		r := rf.unit(name, class, ptr)
		rf.alias(fmt.Sprintf("R%d", i), r, 0, 0)
	}
	rf.alias("RSB", rf.Reg("R28"), 0, 0)
	for i := 0; i <= 31; i++ {
		r := rf.unit(fmt.Sprintf("W%d", i), ClassVec, 16)
		rf.alias(fmt.Sprintf("F%d", i), r, 0, 8)
	}
	rf.units("M", 0, 31, ClassSpecial, ptr)
	rf.units("FCR", 0, 31, ClassSpecial, 4)
	rf.unit("HI", ClassSpecial, ptr)
	rf.unit("LO", ClassSpecial, ptr)
	return rf
}

func init() {
	for _, name := range []string{"mips", "mipsle", "mips64", "mips64le"} {
		ptr := uint8(4)
		if name == "mips64" || name == "mips64le" {
			ptr = 8
		}
		register(name, func() *Arch {
			rf := mipsRegs(ptr)
			return &Arch{
				Name:           name,
				ABI:            abi.ArchFor(name),
				Regs:           rf,
				SP:             rf.Reg("R29"),
				LR:             rf.Reg("R31"),
				Tmp:            rf.Reg("R23"),
				G:              rf.Reg("g"),
				SPArithTracked: true,
				Special:        mipsSpecial,
				Ops:            mipsOps(int(ptr)),
			}
		})
	}
}

func mipsOps(ptr int) map[string][]Form {
	ops := opSet{}
	ops.add(Form{N: 1, Args: "t", Flow: FlowJump}, "JMP")
	ops.add(Form{N: 1, Args: "t", Flow: FlowCall, Write: []string{"R31"}}, "JAL", "CALL")
	ops.add(Form{N: 0, Flow: FlowReturn, Read: []string{"R31"}}, "RET")
	ops.add(Form{N: 1, Args: "t", Flow: FlowReturn}, "RET")
	// BEQ R1, R2, target; BEQ R1, target compares with R0.
	ops.add(Form{N: 2, Args: "r,t", Flow: FlowCondJump}, "BEQ", "BNE", "BGEZ", "BGTZ", "BLEZ", "BLTZ")
	ops.add(Form{N: 3, Args: "r,r,t", Flow: FlowCondJump}, "BEQ", "BNE")
	// Branch and link writes R31 whether or not it branches.
	ops.add(Form{N: 2, Args: "r,t", Flow: FlowCall, Write: []string{"R31"}}, "BGEZAL", "BLTZAL")
	ops.add(Form{N: 1, Args: "t", Flow: FlowCondJump, Read: []string{"FCR31"}}, "BFPT", "BFPF")
	ops.add(Form{N: 0, Flow: FlowHalt, Attr: AttrTrap}, "UNDEF")
	ops.add(Form{N: 0, Attr: AttrTrap}, "BREAK")
	ops.add(Form{N: 2, Args: "-,-"}, "BREAK") // BREAK R1, (R1): a cache operation
	ops.add(Form{N: 2, Args: "r,r", Attr: AttrTrap}, "TEQ", "TNE")
	ops.add(Form{N: 3, Args: "r,r,r", Attr: AttrTrap}, "TEQ", "TNE")
	// Linux returns in R2 and sets R7 on error.
	ops.add(Form{N: 0, Write: []string{"R2", "R7"}, Attr: AttrSyscall}, "SYSCALL")
	ops.add(Form{N: 1, Args: "-", Attr: AttrData}, "WORD", "BYTE")
	ops.add(Form{N: 0, Attr: AttrBarrier}, "SYNC")
	ops.add(Form{N: 0}, "NOOP")

	for op, size := range map[string]int{"MOVV": 8, "MOVW": 4, "MOVWU": 4, "MOVH": 2, "MOVHU": 2,
		"MOVB": 1, "MOVBU": 1, "MOVF": 4, "MOVD": 8, "LL": 4, "LLV": 8,
		"VMOVB": 16, "VMOVH": 16, "VMOVW": 16, "VMOVD": 16} {
		ops.add(Form{N: 2, Args: "r,w", Size: size}, op)
	}
	// Unaligned halves (lwl/lwr, ldl/ldr): they touch the bytes from the
	// address to the end (or start) of its aligned word, so the size
	// depends on the address; a load merges into the register.
	ops.add(Form{N: 2, Args: "r,w"}, "MOVWL", "MOVWR", "MOVVL", "MOVVR")
	// SC R1, (R2) stores R1 and sets it to 1 on success, 0 on failure.
	ops.add(Form{N: 2, Args: "rw,w", Size: 4}, "SC")
	ops.add(Form{N: 2, Args: "rw,w", Size: 8}, "SCV")

	reg := ptr
	arith := map[string]byte{"ADD": '+', "ADDU": '+', "ADDV": '+', "ADDVU": '+', "SUB": '-', "SUBU": '-', "SUBV": '-', "SUBVU": '-'}
	for op, sp := range arith {
		ops.add(Form{N: 2, Args: "r,rw", Size: reg, SPArith: sp}, op)
		ops.add(Form{N: 3, Args: "r,r,w", Size: reg, SPArith: sp}, op)
	}
	binary := []string{"AND", "OR", "XOR", "NOR", "SLL", "SRL", "SRA", "SLLV", "SRLV", "SRAV", "ROTR", "ROTRV",
		"SGT", "SGTU", "CMOVZ", "CMOVN"}
	ops.add(Form{N: 2, Args: "r,rw", Size: reg}, binary...)
	ops.add(Form{N: 3, Args: "r,r,w", Size: reg}, binary...)
	// Multiply and divide into HI and LO (Go's REM is DIV, read from HI).
	muldiv := []string{"MUL", "MULU", "MULV", "MULVU", "DIV", "DIVU", "DIVV", "DIVVU", "REM", "REMU",
		"REMV", "REMVU", "MADD", "MSUB"}
	ops.add(Form{N: 2, Args: "r,r", Size: reg, Write: []string{"HI", "LO"}}, muldiv...)
	ops.add(Form{N: 3, Args: "r,r,w", Size: reg}, "MUL")
	ops.add(Form{N: 2, Args: "r,w", Size: reg}, "NEGW", "NEGV", "CLO", "CLZ", "WSBH", "DSBH", "DSHD", "SEB", "SEH")
	ops.add(Form{N: 2, Args: "r,rw", Size: reg, Read: []string{"FCR31"}}, "CMOVT", "CMOVF")
	fp := []string{"ADDD", "ADDF", "SUBD", "SUBF", "MULD", "MULF", "DIVD", "DIVF"}
	ops.add(Form{N: 2, Args: "r,rw", Size: 8}, fp...)
	ops.add(Form{N: 3, Args: "r,r,w", Size: 8}, fp...)
	ops.add(Form{N: 2, Args: "r,w", Size: 8}, "ABSD", "ABSF", "NEGD", "NEGF", "SQRTD", "SQRTF", "MOVDF",
		"MOVFD", "MOVWD", "MOVWF", "MOVDW", "MOVFW", "MOVVD", "MOVVF", "MOVDV", "MOVFV", "TRUNCDW", "TRUNCFW",
		"TRUNCDV", "TRUNCFV")
	ops.add(Form{N: 2, Args: "r,r", Size: 8, Write: []string{"FCR31"}}, "CMPEQD", "CMPEQF", "CMPGED",
		"CMPGEF", "CMPGTD", "CMPGTF")
	return ops
}

// mipsSpecial finishes control flow through registers (JMP (R31) returns)
// and the unaligned loads, which keep part of their destination register.
func mipsSpecial(c *Ctx) {
	if c.form == nil {
		return
	}
	switch c.Op {
	case "MOVWL", "MOVWR", "MOVVL", "MOVVR":
		if a := c.Stmt.Args[1]; a.Kind == asmparse.RegOp {
			if r, ok := c.Arch.Regs.Lookup(a.Reg()); ok {
				c.E.Reads = append(c.E.Reads, r)
			}
		}
	}
	branchFixups(c)
	spFromOther(c)
	clampRegs(c)
	if !mipsSyncWord(c) {
		dataDirective(c)
	}
}

// mipsSyncWord makes WORD $0xf the SYNC it encodes, and reports whether
// it did: the runtime spells SYNC so for assemblers that lacked it
// (runtime/atomic_mips64x.s, internal/runtime/atomic: #define SYNC WORD
// $0xf). The bytes are the same (go tool asm -S: both 0f 00 00 00); the
// MIPS64 ISA encodes SYNC as SPECIAL, zeros, stype in bits 10..6, function
// 001111.
func mipsSyncWord(c *Ctx) bool {
	if v, ok := wordValue(c.Stmt); !ok || v&^(0x1f<<6) != 0xf {
		return false
	}
	c.E.Attrs = c.E.Attrs&^AttrData | AttrBarrier
	return true
}
