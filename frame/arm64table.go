package frame

// The arm64 instruction table: every mnemonic of cmd/internal/obj/arm64
// (anames.go) and the generic ones cmd/asm maps onto it (B, BL, JMP, CALL,
// RET, UNDEF, WORD …), with the access of each operand in Go operand order.
//
// Go's operand order is the reverse of the Arm manual's: sources first,
// destination last (cmd/internal/obj/arm64/doc.go). A few shapes are worth
// knowing when reading the rows below (asm7.go names the encoding case):
//
//	ADD  Rm, Rn, Rd      Rd = Rn + Rm            (case 1, 2, 3, 27)
//	ADD  Rm, Rd          Rd += Rm (Rn defaults to Rd)
//	MADD Rm, Ra, Rn, Rd  Rd = Ra + Rn*Rm         (case 15)
//	CSEL cond, Rn, Rm, Rd                        (case 18)
//	CCMP cond, Rn, (Rm|$imm), $nzcv              (case 19)
//	BFI  $lsb, Rn, $width, Rd                    (case 42, 43)
//	CASD Rs, (Rn), Rt    Rs is compared and receives the old value (case 47)
//	STLXR Rt, (Rn), Rs   Rs receives the status  (case 59)
//	VMOV R1, V2.D[1]     inserts: only bytes 8..16 of V2 change (case 78)
//
// Sizes are in bytes. For a register they say how much of it is read;
// every write of a general register or of a whole vector register writes
// all of it (a W-register write zeroes the upper half, a scalar or 64-bit
// vector write zeroes the rest of the V register: Arm ARM, "Vector
// registers" and "Register write" rules), which arm64Special enforces, so
// the sizes on "w" codes only matter for memory.

// arm64Ops returns the arm64 instruction table.
func arm64Ops() map[string][]Form {
	ops := map[string][]Form{}
	add := func(op string, forms ...Form) { ops[op] = append(ops[op], forms...) }
	// xw adds op with size 8 and op+"W" with size 4.
	xw := func(op string, f func(size int) []Form) {
		add(op, f(8)...)
		add(op+"W", f(4)...)
	}
	arm64Branches(add)
	arm64Integer(add, xw)
	arm64Memory(add)
	arm64Atomics(add)
	arm64Float(add)
	arm64Vector(add)
	arm64System(add)
	return ops
}

type arm64Adder func(op string, forms ...Form)

// arm64Branches: control flow. Go spells BR/BLR as B (R1)/BL (R1) or
// JMP (R1)/CALL R1; arm64Special drops the memory operand the engine
// records for the (R1) spelling. RET with no operand returns through R30
// (obj7.go preprocess: "p.To.Reg = REGLINK" for a bare RET).
func arm64Branches(add arm64Adder) {
	call := Form{N: 1, Args: "t", Flow: FlowCall, Write: []string{"R30"}}
	jump := Form{N: 1, Args: "t", Flow: FlowJump}
	for _, op := range []string{"B", "JMP"} {
		add(op, jump)
	}
	// DUFFZERO and DUFFCOPY are calls (cmd/internal/obj/arm64/obj7.go
	// treats them with ABL); the compiler emits them, hand-written code may.
	for _, op := range []string{"BL", "CALL", "DUFFZERO", "DUFFCOPY"} {
		add(op, call)
	}
	add("RET",
		Form{N: 0, Flow: FlowReturn, Read: []string{"R30"}},
		Form{N: 1, Args: "t", Flow: FlowReturn})
	for _, op := range []string{"BEQ", "BNE", "BCS", "BHS", "BCC", "BLO", "BMI", "BPL",
		"BVS", "BVC", "BHI", "BLS", "BGE", "BLT", "BGT", "BLE"} {
		add(op, Form{N: 1, Args: "t", Flow: FlowCondJump})
	}
	add("CBZ", Form{N: 2, Args: "r8,t", Flow: FlowCondJump})
	add("CBNZ", Form{N: 2, Args: "r8,t", Flow: FlowCondJump})
	add("CBZW", Form{N: 2, Args: "r4,t", Flow: FlowCondJump})
	add("CBNZW", Form{N: 2, Args: "r4,t", Flow: FlowCondJump})
	add("TBZ", Form{N: 3, Args: "-,r8,t", Flow: FlowCondJump})
	add("TBNZ", Form{N: 3, Args: "-,r8,t", Flow: FlowCondJump})
}

// arm64Integer: integer data processing.
func arm64Integer(add arm64Adder, xw func(string, func(int) []Form)) {
	binary := func(sp0 byte) func(int) []Form {
		return func(size int) []Form {
			sp := sp0
			if size != 8 {
				sp = 0 // obj7.go tracks only AADD and ASUB on RSP; ANDW cannot write RSP
			}
			return []Form{
				{N: 2, Args: "r,rw", Size: size, SPArith: sp},
				{N: 3, Args: "r,r,w", Size: size, SPArith: sp},
			}
		}
	}
	xw("ADD", binary('+'))
	xw("SUB", binary('-'))
	// AND $~15, RSP is not tracked by obj7.go: SPAlign, SPWRITE.
	xw("AND", binary('&'))
	for _, op := range []string{"ADDS", "SUBS", "ADC", "ADCS", "SBC", "SBCS", "ANDS",
		"ORR", "EOR", "BIC", "BICS", "EON", "ORN",
		"LSL", "LSR", "ASR", "ROR", "MUL", "MNEG", "SDIV", "UDIV"} {
		xw(op, binary(0))
	}
	// REM/UREM expand to DIV + MSUB through REGTMP (asm7.go case 16).
	rem := func(size int) []Form {
		return []Form{
			{N: 2, Args: "r,rw", Size: size, Attr: AttrUsesTmp},
			{N: 3, Args: "r,r,w", Size: size, Attr: AttrUsesTmp},
		}
	}
	xw("REM", rem)
	xw("UREM", rem)
	add("SMULH", binary(0)(8)...)
	add("UMULH", binary(0)(8)...)
	// SMULL Rm, Rn, Rd: Xd = Wn * Wm.
	for _, op := range []string{"SMULL", "UMULL", "SMNEGL", "UMNEGL"} {
		add(op, Form{N: 2, Args: "r4,rw4"}, Form{N: 3, Args: "r4,r4,w8"})
	}
	// CRC32B Rm, Rn, Rd: Wd = crc(Wn, low byte of Rm).
	for sfx, size := range map[string]string{"B": "1", "H": "2", "W": "4", "X": "8"} {
		for _, op := range []string{"CRC32", "CRC32C"} {
			add(op+sfx, Form{N: 2, Args: "r" + size + ",rw4"}, Form{N: 3, Args: "r" + size + ",r4,w4"})
		}
	}
	cmp := func(size int) []Form { return []Form{{N: 2, Args: "r,r", Size: size}} }
	for _, op := range []string{"CMP", "CMN", "TST"} {
		xw(op, cmp)
	}
	unary := func(size int) []Form {
		return []Form{{N: 1, Args: "rw", Size: size}, {N: 2, Args: "r,w", Size: size}}
	}
	for _, op := range []string{"NEG", "NEGS", "NGC", "NGCS", "MVN", "CLS", "CLZ", "RBIT", "REV", "REV16"} {
		xw(op, unary)
	}
	add("REV32", unary(8)...)
	for op, size := range map[string]int{"SXTB": 1, "SXTH": 2, "SXTW": 4, "UXTB": 1, "UXTH": 2, "UXTW": 4,
		"SXTBW": 1, "SXTHW": 2, "UXTBW": 1, "UXTHW": 2} {
		add(op, Form{N: 2, Args: "r,w", Size: size})
	}
	// Bitfield moves: $lsb/$r, Rn, $width/$s, Rd. BFI, BFXIL and BFM keep
	// the bits of Rd they do not insert.
	bfi := func(size int) []Form { return []Form{{N: 4, Args: "-,r,-,rw", Size: size}} }
	bfx := func(size int) []Form { return []Form{{N: 4, Args: "-,r,-,w", Size: size}} }
	for _, op := range []string{"BFI", "BFXIL", "BFM"} {
		xw(op, bfi)
	}
	for _, op := range []string{"SBFIZ", "SBFX", "SBFM", "UBFIZ", "UBFX", "UBFM"} {
		xw(op, bfx)
	}
	xw("EXTR", func(size int) []Form { return []Form{{N: 4, Args: "-,r,r,w", Size: size}} })
	xw("MADD", func(size int) []Form { return []Form{{N: 4, Args: "r,r,r,w", Size: size}} })
	xw("MSUB", func(size int) []Form { return []Form{{N: 4, Args: "r,r,r,w", Size: size}} })
	for _, op := range []string{"SMADDL", "SMSUBL", "UMADDL", "UMSUBL"} {
		add(op, Form{N: 4, Args: "r4,r8,r4,w8"})
	}
	csel := func(size int) []Form { return []Form{{N: 4, Args: "-,r,r,w", Size: size}} }
	for _, op := range []string{"CSEL", "CSINC", "CSINV", "CSNEG"} {
		xw(op, csel)
	}
	for _, op := range []string{"CINC", "CINV", "CNEG"} {
		xw(op, func(size int) []Form { return []Form{{N: 3, Args: "-,r,w", Size: size}} })
	}
	for _, op := range []string{"CSET", "CSETM"} {
		xw(op, func(size int) []Form { return []Form{{N: 2, Args: "-,w", Size: size}} })
	}
	for _, op := range []string{"CCMN", "CCMP"} {
		xw(op, func(size int) []Form { return []Form{{N: 4, Args: "-,r,r,-", Size: size}} })
	}
	// MOVK keeps the other 48 bits of Rd (MOVKW zeroes the upper 32).
	xw("MOVK", func(size int) []Form { return []Form{{N: 2, Args: "-,rw", Size: size}} })
	xw("MOVZ", func(size int) []Form { return []Form{{N: 2, Args: "-,w", Size: size}} })
	xw("MOVN", func(size int) []Form { return []Form{{N: 2, Args: "-,w", Size: size}} })
	// ADR label, Rd; ADRP label, Rd: a PC-relative address, no access.
	add("ADR", Form{N: 2, Args: "a,w8"})
	add("ADRP", Form{N: 2, Args: "a,w8"})
}

// arm64Memory: plain loads and stores. MOVx moves between registers too
// (MOVW R1, R2 is SXTW, MOVD R1, RSP an ADD $0) and loads constants and
// addresses; MOVD NZCV, R0 and MOVD R0, FPSR are MRS and MSR
// (asm7.go case 35, 36), the special register being a name operand.
func arm64Memory(add arm64Adder) {
	for op, size := range map[string]int{"MOVD": 8, "MOVW": 4, "MOVWU": 4, "MOVH": 2, "MOVHU": 2, "MOVB": 1, "MOVBU": 1,
		"FMOVD": 8, "FMOVS": 4, "FMOVQ": 16} {
		add(op, Form{N: 2, Args: "r,w", Size: size})
	}
	// MOVP* are in anames.go but have no optab entry: never assembled.
	// The pairs: LDP addr, (Rt1, Rt2) loads 2×size bytes.
	for op, size := range map[string]int{"LDP": 8, "LDPW": 4, "LDPSW": 4, "FLDPD": 8, "FLDPS": 4, "FLDPQ": 16,
		"LDXP": 8, "LDXPW": 4, "LDAXP": 8, "LDAXPW": 4} {
		add(op, Form{N: 2, Args: "r" + itoa(2*size) + ",w" + itoa(size)})
	}
	for op, size := range map[string]int{"STP": 8, "STPW": 4, "FSTPD": 8, "FSTPS": 4, "FSTPQ": 16} {
		add(op, Form{N: 2, Args: "r" + itoa(size) + ",w" + itoa(2*size)})
	}
	// STXP (Rt1, Rt2), (Rn), Rs: Rs receives the status (0 = stored).
	for op, size := range map[string]int{"STXP": 8, "STXPW": 4, "STLXP": 8, "STLXPW": 4} {
		add(op, Form{N: 3, Args: "r" + itoa(size) + ",w" + itoa(2*size) + ",w4"})
	}
	sizes := map[string]int{"": 8, "W": 4, "H": 2, "B": 1}
	for sfx, size := range sizes {
		for _, op := range []string{"LDAR", "LDAXR", "LDXR"} {
			add(op+sfx, Form{N: 2, Args: "r,w", Size: size})
		}
		add("STLR"+sfx, Form{N: 2, Args: "r,w", Size: size})
		for _, op := range []string{"STXR", "STLXR"} {
			add(op+sfx, Form{N: 3, Args: "r,w,w4", Size: size})
		}
	}
	// PRFM addr, op: a hint, no access.
	add("PRFM", Form{N: 2, Args: "a,-"})
	add("PRFUM", Form{N: 2, Args: "a,-"})
}

// arm64Atomics: the LSE atomics (asm7.go case 47, 106).
// LDADDD Rs, (Rn), Rt: mem += Rs, Rt = old; SWPD Rs, (Rn), Rt: mem = Rs,
// Rt = old; CASD Rs, (Rn), Rt: if mem == Rs { mem = Rt }, Rs = old.
func arm64Atomics(add arm64Adder) {
	sizes := map[string]int{"D": 8, "W": 4, "H": 2, "B": 1}
	for _, order := range []string{"", "A", "AL", "L"} {
		for sfx, size := range sizes {
			for _, op := range []string{"LDADD", "LDCLR", "LDEOR", "LDOR", "SWP"} {
				add(op+order+sfx, Form{N: 3, Args: "r,rw,w", Size: size})
			}
			add("CAS"+order+sfx, Form{N: 3, Args: "rw,rw,r", Size: size})
		}
		add("CASP"+order+"D", Form{N: 3, Args: "rw8,rw16,r8"})
		add("CASP"+order+"W", Form{N: 3, Args: "rw4,rw8,r4"})
	}
}

// arm64Float: scalar floating point. Fn names the low 8 bytes of Vn; the
// size of the form says how much of it is read.
func arm64Float(add arm64Adder) {
	for _, p := range []struct {
		sfx  string
		size int
	}{{"D", 8}, {"S", 4}} {
		for _, op := range []string{"FADD", "FSUB", "FMUL", "FNMUL", "FDIV", "FMAX", "FMIN", "FMAXNM", "FMINNM"} {
			add(op+p.sfx, Form{N: 2, Args: "r,rw", Size: p.size}, Form{N: 3, Args: "r,r,w", Size: p.size})
		}
		for _, op := range []string{"FABS", "FNEG", "FSQRT", "FRINTA", "FRINTI", "FRINTM", "FRINTN", "FRINTP", "FRINTX", "FRINTZ"} {
			add(op+p.sfx, Form{N: 2, Args: "r,w", Size: p.size})
		}
		for _, op := range []string{"FCMP", "FCMPE"} {
			add(op+p.sfx, Form{N: 2, Args: "r,r", Size: p.size})
		}
		for _, op := range []string{"FCCMP", "FCCMPE"} {
			add(op+p.sfx, Form{N: 4, Args: "-,r,r,-", Size: p.size})
		}
		add("FCSEL"+p.sfx, Form{N: 4, Args: "-,r,r,w", Size: p.size})
		for _, op := range []string{"FMADD", "FMSUB", "FNMADD", "FNMSUB"} {
			add(op+p.sfx, Form{N: 4, Args: "r,r,r,w", Size: p.size})
		}
	}
	// Conversions: FCVTZSD (D → X), FCVTZSDW (D → W), SCVTFWS (W → S) …
	src := map[byte]string{'D': "8", 'S': "4", 'H': "2"}
	for _, op := range []string{"FCVTZS", "FCVTZU"} {
		for _, f := range "DS" {
			add(op+string(f), Form{N: 2, Args: "r" + src[byte(f)] + ",w8"})
			add(op+string(f)+"W", Form{N: 2, Args: "r" + src[byte(f)] + ",w4"})
		}
	}
	for _, op := range []string{"SCVTF", "UCVTF"} {
		for _, f := range "DS" {
			add(op+string(f), Form{N: 2, Args: "r8,w"})
			add(op+"W"+string(f), Form{N: 2, Args: "r4,w"})
		}
	}
	// FCVTSD: S → D; the first letter is the source (cmd/internal/obj/arm64/doc.go).
	for _, op := range []string{"FCVTSD", "FCVTSH", "FCVTDS", "FCVTDH", "FCVTHS", "FCVTHD"} {
		add(op, Form{N: 2, Args: "r" + src[op[4]] + ",w"})
	}
}

// arm64Vector: Advanced SIMD. A register with an arrangement (V1.B16)
// or an element (V1.S[2]) accesses the bytes arm64VecPart computes; a
// bare Vn accesses Size bytes.
func arm64Vector(add arm64Adder) {
	three := func(op string, size int) {
		add(op, Form{N: 3, Args: "r,r,w", Size: size})
	}
	// VADD V1, V2, V3 without arrangements is the scalar D form.
	add("VADD", Form{N: 2, Args: "r,rw", Size: 8}, Form{N: 3, Args: "r,r,w", Size: 8})
	add("VSUB", Form{N: 2, Args: "r,rw", Size: 8}, Form{N: 3, Args: "r,r,w", Size: 8})
	for _, op := range []string{"VAND", "VORR", "VEOR", "VCMEQ", "VCMTST", "VADDP", "VUMAX", "VUMIN",
		"VUZP1", "VUZP2", "VZIP1", "VZIP2", "VTRN1", "VTRN2", "VRAX1", "VPMULL", "VPMULL2",
		"VUADDW", "VUADDW2"} {
		three(op, 16)
	}
	// Destination also read: bit selects and multiply-accumulate.
	for _, op := range []string{"VBIT", "VBIF", "VBSL", "VFMLA", "VFMLS"} {
		add(op, Form{N: 3, Args: "r,r,rw", Size: 16})
	}
	add("VEOR3", Form{N: 4, Args: "r,r,r,w", Size: 16})
	add("VBCAX", Form{N: 4, Args: "r,r,r,w", Size: 16})
	add("VXAR", Form{N: 4, Args: "-,r,r,w", Size: 16})
	add("VEXT", Form{N: 4, Args: "-,r,r,w", Size: 16})
	for _, op := range []string{"VSHL", "VUSHR", "VUSHLL", "VUSHLL2"} {
		add(op, Form{N: 3, Args: "-,r,w", Size: 16})
	}
	for _, op := range []string{"VSRI", "VSLI", "VUSRA"} {
		add(op, Form{N: 3, Args: "-,r,rw", Size: 16})
	}
	for _, op := range []string{"VUXTL", "VUXTL2", "VCNT", "VREV16", "VREV32", "VREV64", "VRBIT",
		"AESMC", "AESIMC", "VADDV", "VUADDLV", "VDUP", "VMOV"} {
		add(op, Form{N: 2, Args: "r,w", Size: 16})
	}
	// AESE Vn, Vd: Vd = SubBytes(ShiftRows(Vd ^ Vn)).
	for _, op := range []string{"AESE", "AESD", "SHA1SU1", "SHA256SU0", "SHA512SU0"} {
		add(op, Form{N: 2, Args: "r,rw", Size: 16})
	}
	// SHA1H Sn, Sd.
	add("SHA1H", Form{N: 2, Args: "r4,w", Size: 4})
	// SHA1C Vm.S4, Sn, Qd (Go: SHA1C Vm.S4, Vn, Vd); SHA256H Vm.S4, Qn, Qd.
	for _, op := range []string{"SHA1C", "SHA1M", "SHA1P"} {
		add(op, Form{N: 3, Args: "r,r4,rw", Size: 16})
	}
	for _, op := range []string{"SHA256H", "SHA256H2", "SHA512H", "SHA512H2", "SHA1SU0", "SHA256SU1", "SHA512SU1"} {
		add(op, Form{N: 3, Args: "r,r16,rw", Size: 16})
	}
	add("VTBL", Form{N: 3, Args: "r,r,w", Size: 16})
	add("VTBX", Form{N: 3, Args: "r,r,rw", Size: 16})
	// Constants: VMOVS $c, Vd loads from a literal symbol (obj7.go progedit).
	add("VMOVS", Form{N: 2, Args: "r4,w"})
	add("VMOVD", Form{N: 2, Args: "r8,w"})
	add("VMOVQ", Form{N: 2, Args: "r16,w"}, Form{N: 3, Args: "-,-,w"})
	add("VMOVI", Form{N: 2, Args: "-,w"})
	// Structure loads and stores; arm64Special sets the memory size
	// from the register list.
	for _, op := range []string{"VLD1", "VLD2", "VLD3", "VLD4", "VLD1R", "VLD2R", "VLD3R", "VLD4R"} {
		add(op, Form{N: 2, Args: "r,w", Size: 16})
	}
	for _, op := range []string{"VST1", "VST2", "VST3", "VST4"} {
		add(op, Form{N: 2, Args: "r,w", Size: 16})
	}
}

// arm64System: hints, barriers, exceptions, system registers, data.
func arm64System(add arm64Adder) {
	for _, op := range []string{"NOOP", "HINT", "SEV", "SEVL", "WFE", "WFI", "YIELD", "BTI", "CLREX"} {
		add(op, Form{N: -1})
	}
	for _, op := range []string{"DMB", "DSB", "ISB"} {
		add(op, Form{N: -1, Attr: AttrBarrier})
	}
	// Pointer authentication (hint space): PACIASP signs LR with SP as
	// the modifier, PACIA1716 X17 with X16.
	for _, op := range []string{"PACIASP", "AUTIASP", "PACIBSP", "AUTIBSP"} {
		add(op, Form{N: 0, Read: []string{"R30", "RSP"}, Write: []string{"R30"}})
	}
	for _, op := range []string{"AUTIA1716", "AUTIB1716"} {
		add(op, Form{N: 0, Read: []string{"R16", "R17"}, Write: []string{"R17"}})
	}
	// SVC: the kernel reads the number (R8 on linux, R16 on darwin) and
	// the arguments, and on linux/arm64 changes only R0
	// (runtime/sys_linux_arm64.s). On darwin and openbsd the libc
	// trampolines are used instead.
	add("SVC", Form{N: -1, Attr: AttrSyscall,
		Read:  []string{"R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R16"},
		Write: []string{"R0"}})
	// Calls into EL2/EL3 and debug states: undefined at EL0, where Go runs.
	for _, op := range []string{"HVC", "SMC", "DCPS1", "DCPS2", "DCPS3"} {
		add(op, Form{N: -1, Attr: AttrTrap})
	}
	add("BRK", Form{N: -1, Attr: AttrTrap}) // a debugger may resume after it (runtime·breakpoint)
	add("HLT", Form{N: -1, Flow: FlowHalt, Attr: AttrTrap})
	add("UNDEF", Form{N: 0, Flow: FlowHalt, Attr: AttrTrap})
	add("ERET", Form{N: 0, Flow: FlowHalt})
	add("DRPS", Form{N: 0, Flow: FlowHalt})
	// MRS sysreg, Rt; MSR Rt, sysreg; MSR $imm, pstatefield.
	add("MRS", Form{N: 2, Args: "-,w8"})
	add("MSR", Form{N: 2, Args: "r8,-"})
	// SYS $op[, Rt]; SYSL $op, Rt; TLBI/DC/IC/AT op[, Rt].
	add("SYS", Form{N: 1, Args: "-"}, Form{N: 2, Args: "-,r8"})
	add("SYSL", Form{N: 2, Args: "-,w8"})
	for _, op := range []string{"TLBI", "DC", "IC", "AT"} {
		add(op, Form{N: 1, Args: "-"}, Form{N: 2, Args: "-,r8"})
	}
	// Data in the instruction stream; arm64Special makes them unknown.
	for _, op := range []string{"WORD", "DWORD", "BYTE", "OCTA"} {
		add(op, Form{N: -1, Attr: AttrData})
	}
	// Pseudo-instructions the engine does not know; arm64Special marks
	// them PseudoOther. PCALIGNMAX is obj.APCALIGNMAX.
	add("END", Form{N: 0})
	add("PCALIGNMAX", Form{N: -1})
}

// itoa formats a small non-negative integer.
func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
