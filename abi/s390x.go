package abi

// archS390X describes s390x. Go 1.26 enables the register ABI on s390x
// (internal/buildcfg/exp.go). Argument and fixed registers:
// cmd/compile/abi-internal.md ("s390x architecture") and
// cmd/internal/obj/s390x/a.out.go (REGTMP = R10, REGTMP2 = R11,
// REGCTXT = R12, REGG = R13, REG_LR = R14, REGSP = R15). The assembler
// spells R13 as g. C ABI: runtime/cgo/asm_s390x.s saves R6-R15 and F8-F15;
// R14 holds the return address and is not callee-saved.
var archS390X = newArch(&Arch{
	Name:           "s390x",
	RegSize:        8,
	BigEndian:      true,
	LR:             true,
	LinkReg:        "R14",
	FixedFrameSize: 8,
	SP:             "R15",
	FixedRegs: []FixedReg{
		{Reg: "R15", Role: RoleStackPointer},
		{Reg: "R0", Role: RoleZero},
		{Reg: "R10", Role: RoleAsmTemp},
		{Reg: "R11", Role: RoleAsmTemp},
		{Reg: "R12", Role: RoleClosure},
		{Reg: "g", Role: RoleG, Source: "cmd/internal/obj/s390x/a.out.go REGG; cmd/asm refuses the name R13 for this reason"},
		{Reg: "R14", Role: RoleLink},
	},
	ABIInternal: &RegABI{
		IntRegs:   regRange("R", 2, 9),
		FloatRegs: regRange("F", 0, 15),
	},
	CABIs: []*CABI{{
		Name:             "s390x ELF",
		CalleeSaved:      concat(regRange("R", 6, 12), []string{"g", "R15"}),
		CalleeSavedFloat: regRange("F", 8, 15),
		FloatSavedBits:   64,
		StackAlign:       8,
	}},
})
