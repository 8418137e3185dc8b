package frame

import (
	"fmt"

	"github.com/asmcheck/asmcheck/abi"
)

// loong64: registers and instruction effects.
//
// Register names are those of cmd/asm/internal/arch/arch.go archLoong64:
// R0–R31 with R22 spelled g, F0–F31, the 128-bit LSX registers V0–V31,
// the 256-bit LASX registers X0–X31, FCSR0–FCSR31 and FCC0–FCC31. R0
// always reads as zero. Fn is the low 8 bytes of Vn, and Vn the low 16
// bytes of Xn (LoongArch Reference Manual, volume 1, "SIMD registers";
// cmd/internal/obj/loong64/doc.go), so all three are one unit.
//
// Fixed roles (cmd/internal/obj/loong64/a.out.go): REGZERO R0, REGLINK
// R1, R2 is the thread pointer, REGSP R3, REGG R22, REGCTXT R29, REGTMP R30.
//
// SP tracking (cmd/internal/obj/loong64/obj.go): progedit rewrites SUB,
// SUBV and SUBVU of a constant into ADD…, and preprocess follows ADD,
// ADDV and ADDVU of a constant to R3. Any other write of R3 marks the
// function SPWRITE.

func loong64Regs() *RegFile {
	rf := newRegFile()
	for i := 0; i <= 31; i++ {
		name, class := fmt.Sprintf("R%d", i), ClassGP
		switch i {
		case 0:
			class = ClassZero
		case 22:
			name = "g"
		}
		r := rf.unit(name, class, 8)
		rf.alias(fmt.Sprintf("R%d", i), r, 0, 0)
	}
	for i := 0; i <= 31; i++ {
		r := rf.unit(fmt.Sprintf("X%d", i), ClassVec, 32)
		rf.alias(fmt.Sprintf("V%d", i), r, 0, 16)
		rf.alias(fmt.Sprintf("F%d", i), r, 0, 8)
	}
	rf.units("FCSR", 0, 31, ClassSpecial, 4)
	rf.units("FCC", 0, 31, ClassSpecial, 1)
	return rf
}

func init() {
	register("loong64", func() *Arch {
		rf := loong64Regs()
		return &Arch{
			Name:           "loong64",
			ABI:            abi.ArchFor("loong64"),
			Regs:           rf,
			SP:             rf.Reg("R3"),
			LR:             rf.Reg("R1"),
			Tmp:            rf.Reg("R30"),
			G:              rf.Reg("g"),
			SPArithTracked: true,
			Special:        loong64Special,
			VecPart:        loong64VecPart,
			Ops:            loong64Ops(),
		}
	})
}

// loong64VecPart gives the bytes an arrangement (V1.B16, X2.W8) or an
// element (V1.W[2]) selects (cmd/asm/internal/arch/loong64.go
// Loong64RegisterExtension: B, H, W, V and Q elements).
func loong64VecPart(ext string, lane int64, hasLane bool) (off, size uint8) {
	if ext == "" {
		return 0, 0
	}
	es := map[byte]uint8{'B': 1, 'H': 2, 'W': 4, 'V': 8, 'Q': 16}[ext[0]]
	if es == 0 {
		return 0, 0
	}
	if hasLane {
		return uint8(lane) * es, es
	}
	n := 0
	fmt.Sscanf(ext[1:], "%d", &n)
	return 0, es * uint8(n)
}

func loong64Ops() map[string][]Form {
	ops := opSet{}
	ops.add(Form{N: 1, Args: "t", Flow: FlowJump}, "JMP")
	ops.add(Form{N: 1, Args: "t", Flow: FlowCall, Write: []string{"R1"}}, "JAL", "CALL")
	ops.add(Form{N: 0, Flow: FlowReturn, Read: []string{"R1"}}, "RET")
	ops.add(Form{N: 1, Args: "t", Flow: FlowReturn}, "RET")
	// BEQ R1, R2, target; BEQ R1, target compares with R0.
	cond := []string{"BEQ", "BNE", "BLT", "BLTU", "BGE", "BGEU", "BLTZ", "BGEZ", "BLEZ", "BGTZ"}
	ops.add(Form{N: 2, Args: "r,t", Flow: FlowCondJump}, cond...)
	ops.add(Form{N: 3, Args: "r,r,t", Flow: FlowCondJump}, cond...)
	ops.add(Form{N: 1, Args: "t", Flow: FlowCondJump, Read: []string{"FCC0"}}, "BFPT", "BFPF")
	ops.add(Form{N: 2, Args: "r,t", Flow: FlowCondJump}, "BFPT", "BFPF")
	// JIRL has an opcode but no optab row (cmd/internal/obj/loong64/asm.go);
	// JMP (R) and JAL (R) assemble to it.
	ops.add(Form{N: -1, Flow: FlowIndirect}, "JIRL")
	ops.add(Form{N: 0, Flow: FlowHalt, Attr: AttrTrap}, "UNDEF")
	ops.add(Form{N: -1, Attr: AttrTrap}, "BREAK")
	// Linux returns in R4 (a0).
	ops.add(Form{N: 0, Write: []string{"R4"}, Attr: AttrSyscall}, "SYSCALL")
	ops.add(Form{N: 1, Args: "-", Attr: AttrData}, "WORD", "BYTE")
	ops.add(Form{N: -1, Attr: AttrBarrier}, "DBAR")
	ops.add(Form{N: 0}, "NOOP")

	for op, size := range map[string]int{"MOVV": 8, "MOVW": 4, "MOVWU": 4, "MOVH": 2, "MOVHU": 2,
		"MOVB": 1, "MOVBU": 1, "MOVF": 4, "MOVD": 8, "LL": 4, "LLV": 8, "MOVVP": 8, "MOVWP": 4,
		"VMOVQ": 16, "XVMOVQ": 32} {
		ops.add(Form{N: 2, Args: "r,w", Size: size}, op)
	}
	// SC R1, (R2) stores R1 and sets it to 1 on success, 0 on failure.
	ops.add(Form{N: 2, Args: "rw,w", Size: 4}, "SC")
	ops.add(Form{N: 2, Args: "rw,w", Size: 8}, "SCV")
	ops.add(Form{N: 2, Args: "-,-"}, "PRELD")
	ops.add(Form{N: 3, Args: "-,-,-"}, "PRELDX")
	loong64Atomics(ops)

	arith := map[string]byte{"ADD": '+', "ADDV": '+', "ADDVU": '+', "SUB": '-', "SUBV": '-', "SUBVU": '-'}
	for op, sp := range arith {
		ops.add(Form{N: 2, Args: "r,rw", Size: 8, SPArith: sp}, op)
		ops.add(Form{N: 3, Args: "r,r,w", Size: 8, SPArith: sp}, op)
	}
	binary := []string{"ADDW", "ADDU", "SUBU", "AND", "OR", "XOR", "NOR", "ANDN", "ORN", "SLL", "SRL", "SRA",
		"ROTR", "SLLV", "SRLV", "SRAV", "ROTRV", "SGT", "SGTU", "MUL", "MULU", "MULV", "MULVU", "MULH",
		"MULHU", "MULHV", "MULHVU", "DIV", "DIVU", "DIVV", "DIVVU", "REM", "REMU", "REMV", "REMVU",
		"MASKEQZ", "MASKNEZ", "ADDV16"}
	ops.add(Form{N: 2, Args: "r,rw", Size: 8}, binary...)
	ops.add(Form{N: 3, Args: "r,r,w", Size: 8}, binary...)
	ops.add(Form{N: 2, Args: "r,w", Size: 8}, "NEGV", "NEGW", "CLZW", "CLZV", "CLOW", "CLOV", "CTZW", "CTZV",
		"CTOW", "CTOV", "REVB2H", "REVB2W", "REVB4H", "REVBV", "REVH2W", "REVHV", "BITREV4B", "BITREV8B",
		"BITREVW", "BITREVV", "EXTWB", "EXTWH")
	ops.add(Form{N: 2, Args: "w,w", Size: 8}, "RDTIMELW", "RDTIMEHW", "RDTIMED")
	// CPUCFG Rj, Rd reads the configuration word Rj names (go tool asm
	// -S: CPUCFG R5, R4 is a4 6c 00 00, rd 4, rj 5); the CRC instructions
	// Rk, Rj, Rd fold Rk into the CRC in Rj (CRCWBW R4, R5, R6: a6 10 24
	// 00, rd 6, rj 5, rk 4; cmd/asm's loong64enc1.s); FTINTRMVD and
	// friends convert with a rounding mode.
	ops.add(Form{N: 2, Args: "r,w", Size: 8}, "CPUCFG")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 8}, "CRCWBW", "CRCWHW", "CRCWWW", "CRCWVW", "CRCCWBW", "CRCCWHW", "CRCCWWW", "CRCCWVW")
	ops.add(Form{N: 2, Args: "r,w", Size: 8}, "FTINTRMVD", "FTINTRMVF", "FTINTRMWD", "FTINTRMWF", "FTINTRPVD", "FTINTRPVF",
		"FTINTRPWD", "FTINTRPWF", "FTINTRZVD", "FTINTRZVF", "FTINTRZWD", "FTINTRZWF", "FTINTRNEVD", "FTINTRNEVF",
		"FTINTRNEWD", "FTINTRNEWF")
	// Bit strings: BSTRPICKV $msb, Rj, $lsb, Rd; BSTRINSV inserts into Rd.
	ops.add(Form{N: 4, Args: "-,r,-,w", Size: 8}, "BSTRPICKV", "BSTRPICKW")
	ops.add(Form{N: 4, Args: "-,r,-,rw", Size: 8}, "BSTRINSV", "BSTRINSW")
	fp := []string{"ADDD", "ADDF", "SUBD", "SUBF", "MULD", "MULF", "DIVD", "DIVF", "FCOPYSGD", "FCOPYSGF",
		"FMAXD", "FMAXF", "FMIND", "FMINF"}
	ops.add(Form{N: 2, Args: "r,rw", Size: 8}, fp...)
	ops.add(Form{N: 3, Args: "r,r,w", Size: 8}, fp...)
	ops.add(Form{N: 4, Args: "r,r,r,w", Size: 8}, "FMADDD", "FMADDF", "FMSUBD", "FMSUBF", "FNMADDD",
		"FNMADDF", "FNMSUBD", "FNMSUBF")
	ops.add(Form{N: 2, Args: "r,w", Size: 8}, "ABSD", "ABSF", "NEGD", "NEGF", "SQRTD", "SQRTF", "MOVDF",
		"MOVFD", "MOVWD", "MOVWF", "MOVDW", "MOVFW", "MOVVD", "MOVVF", "MOVDV", "MOVFV", "FFINTDV",
		"FFINTDW", "FFINTFV", "FFINTFW", "FTINTRZVD", "FTINTRZVF", "FTINTRZWD", "FTINTRZWF", "FCLASSD",
		"FCLASSF", "TRUNCDV", "TRUNCFV", "TRUNCDW", "TRUNCFW")
	ops.add(Form{N: 2, Args: "r,r", Size: 8, Write: []string{"FCC0"}}, "CMPEQD", "CMPEQF", "CMPGED",
		"CMPGEF", "CMPGTD", "CMPGTF")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 8}, "CMPEQD", "CMPEQF", "CMPGED", "CMPGEF", "CMPGTD", "CMPGTF")
	loong64VectorOps(ops)
	return ops
}

// loong64Atomics adds the AM* read-modify-write instructions (LoongArch
// Reference Manual, "AM*"): AMADDV Rk, (Rj), Rd adds Rk to memory and
// returns the old value in Rd; AMCAS compares memory with Rd. The size
// is in the suffix: B, H, W/WU, V/VU; DB adds a barrier.
func loong64Atomics(ops opSet) {
	sizes := []struct {
		sfx  string
		size int
	}{{"B", 1}, {"H", 2}, {"W", 4}, {"WU", 4}, {"V", 8}, {"VU", 8}}
	for _, op := range []string{"SWAP", "ADD", "AND", "OR", "XOR", "MAX", "MIN", "CAS"} {
		for _, db := range []string{"", "DB"} {
			for _, s := range sizes {
				name := "AM" + op + db + s.sfx
				args := "r,rw,w"
				if op == "CAS" {
					args = "r,rw,rw"
				}
				ops.add(Form{N: 3, Args: args, Size: s.size}, name)
			}
		}
	}
}

// loong64VectorOps adds the frequent LSX (V…, 16 bytes) and LASX (XV…,
// 32 bytes) register instructions; the last operand is the result.
func loong64VectorOps(ops opSet) {
	var three, two []string
	for _, op := range []string{"XORV", "ANDV", "ORV", "NORV", "ANDNV", "ORNV", "XORB", "ANDB", "ORB",
		"ADDB", "ADDH", "ADDW", "ADDV", "SUBB", "SUBH", "SUBW", "SUBV", "SEQB", "SEQH", "SEQW", "SEQV",
		"SLLB", "SLLH", "SLLW", "SLLV", "SRLB", "SRLH", "SRLW", "SRLV", "SRAB", "SRAH", "SRAW", "SRAV",
		"ROTRB", "ROTRH", "ROTRW", "ROTRV", "SHUF4IB", "SHUF4IH", "SHUF4IW", "SHUF4IV", "ILVLB", "ILVLH",
		"ILVLW", "ILVLV", "ILVHB", "ILVHH", "ILVHW", "ILVHV", "MULB", "MULH", "MULW", "MULV"} {
		three = append(three, "V"+op)
	}
	for _, op := range []string{"PCNTB", "PCNTH", "PCNTW", "PCNTV", "NEGB", "NEGH", "NEGW", "NEGV",
		"SETEQV", "SETNEV", "SETANYEQB", "SETANYEQH", "SETANYEQW", "SETANYEQV", "SETALLNEB",
		"SETALLNEH", "SETALLNEW", "SETALLNEV"} {
		two = append(two, "V"+op)
	}
	for _, op := range three {
		ops.add(Form{N: 3, Args: "r,r,w", Size: 16}, op)
		ops.add(Form{N: 2, Args: "r,rw", Size: 16}, op)
		ops.add(Form{N: 3, Args: "r,r,w", Size: 32}, "X"+op)
		ops.add(Form{N: 2, Args: "r,rw", Size: 32}, "X"+op)
	}
	for _, op := range two {
		// Sizes come from the registers: VSETANYEQB V1, FCC0 sets a flag.
		ops.add(Form{N: 2, Args: "r,w"}, op, "X"+op)
	}
}

// loong64Special finishes control flow through registers (JMP (R1)
// returns).
func loong64Special(c *Ctx) {
	if c.form == nil {
		return
	}
	branchFixups(c)
	spFromOther(c)
	clampRegs(c)
	dataDirective(c)
}
