package abi

// archARM describes arm (32-bit). Go uses ABI0 only. Fixed registers:
// cmd/internal/obj/arm/a.out.go (REGCTXT = R7, REGG = R10, REGTMP = R11,
// REGSP = R13, REGLINK = R14); the assembler spells R10 as g
// (cmd/asm/internal/arch/arch.go). C ABI (AAPCS): runtime/cgo/asm_arm.s
// saves R4-R11 (R10 is g) at C->Go entries; D8-D15 are callee-saved too.
var archARM = newArch(&Arch{
	Name:           "arm",
	RegSize:        4,
	LR:             true,
	LinkReg:        "R14",
	FixedFrameSize: 4,
	SP:             "R13",
	SPIsHardware:   false,
	FixedRegs: []FixedReg{
		{Reg: "R13", Role: RoleStackPointer},
		{Reg: "R7", Role: RoleClosure},
		{Reg: "g", Role: RoleG, Source: "cmd/internal/obj/arm/a.out.go REGG; cmd/asm refuses the name R10 for this reason"},
		{Reg: "R11", Role: RoleAsmTemp},
		{Reg: "R14", Role: RoleLink},
	},
	CABIs: []*CABI{{
		Name:             "AAPCS",
		CalleeSaved:      concat(regRange("R", 4, 9), []string{"g", "R11"}),
		CalleeSavedFloat: regRange("F", 8, 15),
		FloatSavedBits:   64,
		StackAlign:       8,
	}},
})
