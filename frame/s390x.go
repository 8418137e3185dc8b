package frame

import (
	"fmt"
	"slices"
	"strings"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/asmparse"
)

// s390x: registers and instruction effects.
//
// Register names are those of cmd/asm/internal/arch/arch.go archS390x:
// R0–R15 with R13 spelled g, LR (= R14), F0–F15, V0–V31 and the access
// registers AR0–AR15. F0–F15 are the leftmost 8 bytes of V0–V15
// (z/Architecture Principles of Operation, "Vector Registers"). Fixed
// roles (cmd/internal/obj/s390x/a.out.go): REGTMP R10 and REGTMP2 R11
// (both used by the assembler's expansions; Arch.Tmp names R10), REGCTXT
// R12, REGG R13, REG_LR R14, REGSP R15.
//
// SP tracking (cmd/internal/obj/s390x/objz.go): progedit rewrites SUB $c
// into ADD $-c when -c fits in an int32, and preprocess follows ADD $c,
// R15. Any other write of R15 (MOVD, LAY, LMG …) marks the function
// SPWRITE.

func s390xRegs() *RegFile {
	rf := newRegFile()
	for i := 0; i <= 15; i++ {
		name := fmt.Sprintf("R%d", i)
		if i == 13 {
			name = "g"
		}
		r := rf.unit(name, ClassGP, 8)
		rf.alias(fmt.Sprintf("R%d", i), r, 0, 0)
	}
	rf.alias("LR", rf.Reg("R14"), 0, 0)
	for i := 0; i <= 31; i++ {
		r := rf.unit(fmt.Sprintf("V%d", i), ClassVec, 16)
		if i < 16 {
			rf.alias(fmt.Sprintf("F%d", i), r, 0, 8)
		}
	}
	rf.units("AR", 0, 15, ClassSpecial, 4)
	return rf
}

func init() {
	register("s390x", func() *Arch {
		rf := s390xRegs()
		return &Arch{
			Name:           "s390x",
			ABI:            abi.ArchFor("s390x"),
			Regs:           rf,
			SP:             rf.Reg("R15"),
			LR:             rf.Reg("R14"),
			Tmp:            rf.Reg("R10"),
			G:              rf.Reg("g"),
			SPArithTracked: true,
			Special:        s390xSpecial,
			Ops:            s390xOps(),
		}
	})
}

func s390xOps() map[string][]Form {
	ops := opSet{}
	ops.add(Form{N: 1, Args: "t", Flow: FlowJump}, "BR", "JMP")
	ops.add(Form{N: 1, Args: "t", Flow: FlowCall, Write: []string{"R14"}}, "BL", "CALL")
	ops.add(Form{N: 0, Flow: FlowReturn, Read: []string{"R14"}}, "RET")
	ops.add(Form{N: 1, Args: "t", Flow: FlowReturn}, "RET")
	ops.add(Form{N: 1, Args: "t", Flow: FlowCondJump},
		"BEQ", "BGE", "BGT", "BLE", "BLEU", "BLT", "BLTU", "BNE", "BVC", "BVS")
	// BRC $mask, target and BC/BCL: s390xMask decides.
	ops.add(Form{N: 2, Args: "-,t", Flow: FlowJump}, "BRC", "BC")
	ops.add(Form{N: 2, Args: "-,t", Flow: FlowCall, Write: []string{"R14"}}, "BCL")
	// Branch on count: decrement, branch if not zero.
	ops.add(Form{N: 2, Args: "rw,t", Flow: FlowCondJump}, "BRCT", "BRCTG")
	// Compare and branch (CMPBEQ R1, R2|$i, target) and compare and jump
	// with a mask (CRJ $mask, R1, R2|$i, target).
	ops.add(Form{N: 3, Args: "r,r,t", Flow: FlowCondJump}, "CMPBEQ", "CMPBGE", "CMPBGT", "CMPBLE",
		"CMPBLT", "CMPBNE", "CMPUBEQ", "CMPUBGE", "CMPUBGT", "CMPUBLE", "CMPUBLT", "CMPUBNE")
	ops.add(Form{N: 4, Args: "-,r,r,t", Flow: FlowJump}, "CRJ", "CGRJ", "CLRJ", "CLGRJ", "CIJ", "CGIJ", "CLIJ", "CLGIJ")
	ops.add(Form{N: 0, Flow: FlowHalt, Attr: AttrTrap}, "UNDEF")
	ops.add(Form{N: 0, Attr: AttrTrap}, "BRRK") // breakpoint: continues under a debugger
	// SYSCALL is SVC (cmd/internal/obj/s390x/asmz.go type 77); Linux takes
	// the number in R1 (or the SVC immediate) and returns in R2.
	ops.add(Form{N: -1, Write: []string{"R2"}, Attr: AttrSyscall}, "SYSCALL")
	ops.add(Form{N: 1, Args: "-", Attr: AttrData}, "WORD", "BYTE", "DWORD")
	ops.add(Form{N: 0, Attr: AttrBarrier}, "SYNC")
	// The CPACF instructions: s390xCPACF finishes them.
	for _, in := range s390xCPACFInsts {
		if in.name != "" {
			args := strings.Repeat("rw,", in.n)
			ops.add(Form{N: in.n, Args: args[:len(args)-1], Size: 8, Read: []string{"R0", "R1"}}, in.name)
		}
	}

	for op, size := range map[string]int{"MOVD": 8, "MOVW": 4, "MOVWZ": 4, "MOVH": 2, "MOVHZ": 2,
		"MOVB": 1, "MOVBZ": 1, "MOVDBR": 8, "MOVWBR": 4, "MOVHBR": 2, "FMOVD": 8, "FMOVS": 4,
		"VL": 16, "VST": 16, "VLREPB": 1, "VLREPH": 2, "VLREPF": 4, "VLREPG": 8, "STCK": 8, "STCKC": 8, "STCKE": 16} {
		ops.add(Form{N: 2, Args: "r,w", Size: size}, op)
	}
	ops.add(Form{N: 1, Args: "w", Size: 8}, "STCK", "STCKC")
	ops.add(Form{N: 1, Args: "w", Size: 16}, "STCKE")
	// Conditional moves: MOVDEQ R1, R2 copies R1 to R2 if the condition holds.
	ops.add(Form{N: 2, Args: "r,rw", Size: 8}, "MOVDEQ", "MOVDGE", "MOVDGT", "MOVDLE", "MOVDLT", "MOVDNE")
	// Register-memory arithmetic (ADD off(R1), R2) and its register forms.
	for op, size := range map[string]int{"ADD": 8, "ADDC": 8, "ADDE": 8, "SUB": 8, "SUBC": 8, "SUBE": 8,
		"AND": 8, "OR": 8, "XOR": 8, "MULLD": 8, "ADDW": 4, "SUBW": 4, "ANDW": 4, "ORW": 4, "XORW": 4,
		"MULLW": 4, "MULHD": 8, "MULHDU": 8, "DIVD": 8, "DIVDU": 8, "DIVW": 4, "DIVWU": 4, "MODD": 8,
		"MODDU": 8, "MODW": 4, "MODWU": 4, "SLD": 8, "SRD": 8, "SRAD": 8, "SLW": 4, "SRW": 4, "SRAW": 4,
		"RLL": 4, "RLLG": 8, "FADD": 8, "FADDS": 4, "FSUB": 8, "FSUBS": 4, "FMUL": 8, "FMULS": 4,
		"FDIV": 8, "FDIVS": 4} {
		sp := byte(0)
		switch op {
		case "ADD":
			sp = '+'
		case "SUB":
			sp = '-'
		}
		ops.add(Form{N: 2, Args: "r,rw", Size: size, SPArith: sp}, op)
		ops.add(Form{N: 3, Args: "r,r,w", Size: size, SPArith: sp}, op)
	}
	for op, size := range map[string]int{"LAA": 4, "LAAL": 4, "LAN": 4, "LAO": 4, "LAX": 4,
		"LAAG": 8, "LAALG": 8, "LANG": 8, "LAOG": 8, "LAXG": 8} {
		// LAA R1, R2, mem: R2 = mem; mem = mem op R1 (asmz.go type 99).
		ops.add(Form{N: 3, Args: "r,w,rw", Size: size}, op)
	}
	// CS R1, R3, mem: compare R1 with mem, store R3 or load mem into R1.
	ops.add(Form{N: 3, Args: "rw,r,rw", Size: 4}, "CS")
	ops.add(Form{N: 3, Args: "rw,r,rw", Size: 8}, "CSG")
	// Load/store multiple: s390xMulti sizes them and lists the registers.
	ops.add(Form{N: 3, Args: "r,w,w"}, "LMG", "LMY", "VLM")
	ops.add(Form{N: 3, Args: "r,r,w"}, "STMG", "STMY", "VSTM")
	// Storage-to-storage: MVC $len, src, dst (asmz.go type 84: To is the
	// first operand of the machine instruction, the one written).
	ops.add(Form{N: 3, Args: "-,r,w"}, "MVC", "MVCIN")
	ops.add(Form{N: 3, Args: "-,r,rw"}, "XC", "OC", "NC")
	ops.add(Form{N: 3, Args: "-,r,r"}, "CLC")
	// MVCLE's memory operand is the pad byte, an address, not an access.
	ops.add(Form{N: 3, Args: "a,rw,rw"}, "MVCLE")
	ops.add(Form{N: 2, Args: "a,w", Size: 8}, "LA", "LAY", "LARL")
	ops.add(Form{N: 2, Args: "a,r"}, "EXRL")
	// Vector element loads and stores: VLEG $i, mem, V; VSTEG $i, V, mem.
	for sfx, size := range map[string]int{"B": 1, "H": 2, "F": 4, "G": 8} {
		ops.add(Form{N: 3, Args: "-,r,rw", Size: size}, "VLE"+sfx)
		ops.add(Form{N: 3, Args: "-,r,w", Size: size}, "VSTE"+sfx)
	}
	// Gather/scatter one element through a vector index: VGEG $i, off(R)(V), V.
	ops.add(Form{N: 3, Args: "-,r,rw", Size: 4}, "VGEF")
	ops.add(Form{N: 3, Args: "-,r,rw", Size: 8}, "VGEG")
	ops.add(Form{N: 3, Args: "-,r,w", Size: 4}, "VSCEF")
	ops.add(Form{N: 3, Args: "-,r,w", Size: 8}, "VSCEG")
	// Load/store with length: VLL Rlen, mem, V (at most 16 bytes).
	ops.add(Form{N: 3, Args: "r,r,w"}, "VLL")
	ops.add(Form{N: 3, Args: "r,r,w"}, "VSTL")

	ops.add(Form{N: 2, Args: "r,r", Size: 8}, "CMP", "CMPU", "FCMPU", "CEBR", "CDBR")
	ops.add(Form{N: 2, Args: "r,r", Size: 4}, "CMPW", "CMPWU")
	ops.add(Form{N: 2, Args: "r,w", Size: 8}, "NEG", "FNEG", "FABS", "FSQRT", "FSQRTS", "LGDR", "LDGR",
		"LCDBR", "LTDBR", "LTEBR", "LPDFR", "LNDFR", "LDEBR", "LEDBR", "POPCNT", "FLOGR", "VLR",
		"CDFBRA", "CDGBRA", "CEFBRA", "CEGBRA", "CFDBRA", "CGDBRA", "CFEBRA", "CGEBRA", "NEGW")
	ops.add(Form{N: 1, Args: "rw", Size: 8}, "NEG", "NEGW")
	// FMADD F1, F2, F3: F3 = F1*F2 + F3.
	ops.add(Form{N: 3, Args: "r,r,rw", Size: 8}, "FMADD", "FMADDS", "FMSUB", "FMSUBS", "FNMADD", "FNMSUB")
	// Rotate then insert/and/or/xor selected bits: RISBG $start, $end, $rot, Rsrc, Rdst.
	ops.add(Form{N: 5, Args: "-,-,-,r,rw", Size: 8}, "RISBG", "RISBGN", "RISBHG", "RISBLG", "RNSBG",
		"RNSBGT", "ROSBG", "ROSBGT", "RXSBG", "RXSBGT")
	ops.add(Form{N: 5, Args: "-,-,-,r,w", Size: 8}, "RISBGZ", "RISBGNZ", "RISBHGZ", "RISBLGZ")
	ops.add(Form{N: 2, Args: "r,-", Size: 8}, "TMHH", "TMHL", "TMLH", "TMLL", "TCDB", "TCEB")
	ops.add(Form{N: 3, Args: "-,r,rw", Size: 8}, "LOCGR", "LOCR")
	ops.add(Form{N: 3, Args: "-,r,w", Size: 8}, "FIDBR", "FIEBR")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 8}, "CPSDR")
	ops.add(Form{N: 1, Args: "w", Size: 4}, "IPM")
	// MLGR R1, R2: the 128-bit product of R1 and R2+1 goes to R2:R2+1.
	ops.add(Form{N: 2, Args: "r,rw", Size: 8}, "MLGR")
	ops.add(Form{N: 0}, "NOPH")
	ops.add(Form{N: 3, Args: "r,r,w", Size: 16}, "VCEQBS", "VCEQHS", "VCEQFS", "VCEQGS")
	ops.add(Form{N: 1, Args: "w", Size: 16}, "VZERO", "VONE")
	// Vector register instructions: the last operand is the result.
	vec := []string{"VAB", "VAH", "VAF", "VAG", "VAQ", "VSB", "VSH", "VSF", "VSG", "VSQ", "VN", "VNC",
		"VO", "VX", "VACCQ", "VSCBIQ", "VSL", "VSLB", "VSRL", "VSRLB", "VERLLF", "VERLLG", "VESLG",
		"VESRLG", "VESRAG", "VMRHF", "VMRLF", "VMRHG", "VMRLG", "VMLF", "VMLHF", "VMLOF", "VCEQB",
		"VCEQH", "VCEQF", "VCEQG", "VGFMG", "VSUMQF", "VSUMQG", "VSUMGF", "VSUMGH", "VSUMB", "VSUMH",
		"WFADB", "WFSDB", "WFMDB", "WFDDB", "WFCEDBS", "WFCHDBS", "WFCHEDBS", "VFEEBS", "VFEEZBS",
		"VMNH", "VLVGP", "VCLZF", "VNOT", "VPOPCT", "VUPLLF", "WFLCDB"}
	ops.add(Form{N: 2, Args: "r,rw", Size: 16}, vec...)
	ops.add(Form{N: 3, Args: "r,r,w", Size: 16}, vec...)
	ops.add(Form{N: 4, Args: "r,r,r,w", Size: 16}, "VPERM", "VSEL", "VPDI", "VSLDB", "VACQ", "VACCCQ",
		"VSBIQ", "VSBCBIQ", "VMALF", "VMALHF", "VMALOF", "VGFMAG", "VGFMAH", "WFMADB", "WFMSDB", "VFMADB",
		"VFMSDB", "VMSLG", "VMSLEG", "VMSLOG", "VMSLEOG", "VFMAXDB", "VFMAXSB", "VFMINDB", "VFMINSB",
		"WFMAXDB", "WFMAXSB", "WFMINDB", "WFMINSB")
	ops.add(Form{N: 4, Args: "-,r,r,rw", Size: 16}, "VERIMB", "VERIMH", "VERIMF", "VERIMG")
	ops.add(Form{N: 3, Args: "-,-,w", Size: 16}, "VGMB", "VGMH", "VGMF", "VGMG")
	ops.add(Form{N: 3, Args: "-,r,w", Size: 16}, "VREPB", "VREPH", "VREPF", "VREPG", "VLGVB", "VLGVH",
		"VLGVF", "VLGVG")
	ops.add(Form{N: 3, Args: "-,r,rw", Size: 16}, "VLVGB", "VLVGH", "VLVGF", "VLVGG")
	ops.add(Form{N: 2, Args: "-,w", Size: 16}, "VREPIB", "VREPIH", "VREPIF", "VREPIG", "VGBM")
	ops.add(Form{N: 3, Args: "-,-,rw", Size: 16}, "VLEIB", "VLEIH", "VLEIF", "VLEIG")
	return ops
}

// s390xSpecial finishes mask branches, the sizes of storage-to-storage
// and multiple-register instructions, and control flow through registers.
func s390xSpecial(c *Ctx) {
	if c.form == nil {
		return
	}
	if slices.ContainsFunc(s390xCPACFInsts, func(in s390xCPACFInst) bool { return in.name == c.Op }) {
		s390xCPACF(c)
	}
	switch c.Op {
	case "BRC", "BC", "BCL", "CRJ", "CGRJ", "CLRJ", "CLGRJ", "CIJ", "CGIJ", "CLIJ", "CLGIJ":
		s390xMask(c)
	case "MVC", "MVCIN", "XC", "OC", "NC", "CLC":
		if a := c.Stmt.Args[0]; a.Kind == asmparse.ImmOp && a.Unresolved() == "" {
			for i := range c.E.Mem {
				c.E.Mem[i].Size = int(a.Val)
			}
		}
	case "LMG", "STMG", "LMY", "STMY", "VLM", "VSTM":
		s390xMulti(c)
	case "MLGR":
		pairReg(c, 1, true)
	case "SUB":
		if c.E.SP.Tracked && c.E.SP.Delta != int64(int32(c.E.SP.Delta)) {
			// progedit only rewrites SUB $c into ADD $-c when -c is an
			// int32 (objz.go); preprocess does not follow SUB.
			c.E.SP.Tracked = false
		}
	}
	branchFixups(c)
	spFromOther(c)
	clampRegs(c)
	dataDirective(c)
	s390xZeroBase(c)
}

// s390xCPACF finishes a CPACF instruction: the odd register after each
// operand (a length, read and counted down) and the memory it reads and
// writes, of a size the function code decides: the parameter block at R1
// and the operands' addresses (a result block the caller passes as
// $ret+0(FP) in R1 is written: internal/cpu's kmQuery).
func s390xCPACF(c *Ctx) {
	rf := c.Arch.Regs
	mem := func(r Reg) {
		if r != NoReg {
			c.E.Mem = append(c.E.Mem, Mem{Base: BaseReg, Reg: r, OffOK: true, Read: true, Write: true, Arg: -1})
		}
	}
	mem(rf.Reg("R1"))
	for i, a := range c.Stmt.Args {
		if a.Kind != asmparse.RegOp || a.Reg() == "R0" {
			// KIMD R0, R2: the first operand's field is unused, and
			// R0 as an address would be address 0 (s390xZeroBase).
			continue
		}
		pairReg(c, i, false)
		pairReg(c, i, true)
		mem(rf.Reg(a.Reg()))
	}
}

// s390xZeroBase lowers a base or index register R0 as no register: a
// base or index field of 0 means none (z/Architecture Principles of
// Operation, "Address Generation"), so MOVD $0, (R0) stores to address 0
// (the assembler encodes it MVGHI 0(0), 0: e5 48 00 00 00 00), the
// runtime's deliberate fault.
func s390xZeroBase(c *Ctx) {
	r0 := c.Arch.Regs.Reg("R0")
	for i := range c.E.Mem {
		m := &c.E.Mem[i]
		if m.Base == BaseReg && m.Reg == r0 {
			m.Base, m.Reg = BaseNone, NoReg
		}
		if m.Index == r0 {
			m.Index = NoReg
		}
	}
}

// s390xMask decides a branch from its 4-bit condition mask (the first
// operand). For BRC/BC/BCL, 15 branches always and 0 never. Compare and
// jump (CRJ …) only has three conditions, equal, low and high (mask bits
// 8, 4 and 2; bit 1 is ignored), so 14 branches always and 0 or 1 never
// (z/Architecture Principles of Operation, "COMPARE AND BRANCH").
func s390xMask(c *Ctx) {
	m := c.Stmt.Args[0]
	known := m.Kind == asmparse.ImmOp && m.Unresolved() == ""
	all := int64(15)
	if c.Op[0] == 'C' {
		all = 14
	}
	switch {
	case known && m.Val&all == all:
	case known && m.Val&all == 0 && c.E.Flow == FlowJump:
		c.E.Flow = FlowNext
		c.clearTarget()
	case c.E.Flow != FlowCall:
		c.Cond = true
	}
}

// s390xMulti lists every register of LMG/STMG Rfirst, Rlast (the range
// wraps from R15 to R0) and sizes the memory operand: 8 bytes a register
// for LMG/STMG, 4 for LMY/STMY (the low halves), 16 for VLM/VSTM.
func s390xMulti(c *Ctx) {
	a := c.Stmt.Args
	store := c.Op == "STMG" || c.Op == "STMY" || c.Op == "VSTM"
	first, last := a[1].Reg(), a[2].Reg() // LMG mem, Rfirst, Rlast
	if store {
		first, last = a[0].Reg(), a[1].Reg() // STMG Rfirst, Rlast, mem
	}
	prefix, count, per := "R", 16, 8
	switch c.Op {
	case "LMY", "STMY":
		per = 4
	case "VLM", "VSTM":
		prefix, count, per = "V", 32, 16
	}
	lo, ok1 := regNumber(c.Arch.Regs, first, prefix, count)
	hi, ok2 := regNumber(c.Arch.Regs, last, prefix, count)
	if !ok1 || !ok2 {
		return
	}
	n := (hi-lo+count)%count + 1
	base := c.Arch.Regs.Reg(prefix + "0")
	for k := 0; k < n; k++ {
		ref := RegRef{Reg: base + Reg((lo+k)%count)}
		if store {
			c.E.Reads = append(c.E.Reads, ref)
		} else {
			c.E.Writes = append(c.E.Writes, ref)
		}
	}
	for i := range c.E.Mem {
		c.E.Mem[i].Size = per * n
	}
}

// regNumber returns n for the register name when it is unit n of the
// count consecutive units prefix0 … (R13 for g on s390x).
func regNumber(rf *RegFile, name, prefix string, count int) (int, bool) {
	r, base := rf.Reg(name), rf.Reg(prefix+"0")
	if r == NoReg || base == NoReg || r < base || int(r-base) >= count {
		return 0, false
	}
	return int(r - base), true
}

// s390xCPACFInsts are the CPACF instructions (message-security assist)
// and STFLE, by mnemonic (none for STFLE, which the assembler lacks),
// operand count and the first two bytes of their encoding. KM R2, R4 and
// the like take a function code in R0 and a parameter block's address in
// R1; each operand is an even register holding an address, with a length
// in the odd one after it for the source, all advanced as the instruction
// goes (cmd/internal/obj/s390x/asmz.go types 124–126: KM, KMC, KLMD, KIMD
// and KDSA are RRE, KMA and KMCTR RRF with three even registers;
// z/Architecture Principles of Operation, "CIPHER MESSAGE"; the encodings
// checked with go tool asm -S). Code that predates the mnemonics writes
// them as WORDs (golang.org/x/sys/cpu), with STORE FACILITY LIST EXTENDED
// (z/Architecture Principles of Operation, "STORE FACILITY LIST
// EXTENDED"): each is four bytes, the whole WORD, and hands control to the
// next instruction (s390xWordFallsThrough).
var s390xCPACFInsts = []s390xCPACFInst{
	{"KM", 2, 0xb92e}, {"KMC", 2, 0xb92f}, {"KLMD", 2, 0xb93f}, {"KIMD", 2, 0xb93e}, {"KDSA", 2, 0xb93a},
	{"KMA", 3, 0xb929}, {"KMCTR", 3, 0xb92d}, {"", 0, 0xb2b0},
}

// An s390xCPACFInst is an entry of s390xCPACFInsts.
type s390xCPACFInst struct {
	name   string
	n      int
	opcode uint32
}

// s390xWordFallsThrough reports whether s is a WORD that encodes one of
// s390xCPACFInsts.
func s390xWordFallsThrough(s *asmparse.Stmt) bool {
	v, ok := wordValue(s)
	return ok && slices.ContainsFunc(s390xCPACFInsts, func(in s390xCPACFInst) bool { return in.opcode == v>>16 })
}
