package abi

// archLoong64 describes loong64. Argument registers and fixed registers:
// cmd/compile/abi-internal.md ("loong64 architecture") and
// cmd/internal/obj/loong64/a.out.go (REGZERO = R0, REGLINK = R1,
// REGSP = R3, REGG = R22, REGCTXT = R29, REGTMP = R30; abi-internal.md
// also reserves R31 for the assembler). The assembler spells R22 as g.
// C ABI (LP64D): runtime/cgo/abi_loong64.h saves R22-R31 and F24-F31.
var archLoong64 = newArch(&Arch{
	Name:           "loong64",
	RegSize:        8,
	LR:             true,
	LinkReg:        "R1",
	FixedFrameSize: 8,
	SP:             "R3",
	FixedRegs: []FixedReg{
		{Reg: "R3", Role: RoleStackPointer},
		{Reg: "R0", Role: RoleZero},
		{Reg: "R1", Role: RoleLink},
		{Reg: "R2", Role: RoleTLS},
		{Reg: "g", Role: RoleG, Source: "cmd/internal/obj/loong64/a.out.go REGG; cmd/asm refuses the name R22 for this reason"},
		{Reg: "R29", Role: RoleClosure},
		{Reg: "R30", Role: RoleAsmTemp},
		{Reg: "R31", Role: RoleAsmTemp},
	},
	ABIInternal: &RegABI{
		IntRegs:   regRange("R", 4, 19),
		FloatRegs: regRange("F", 0, 15),
	},
	CABIs: []*CABI{{
		Name:             "LoongArch LP64D",
		CalleeSaved:      concat([]string{"g"}, regRange("R", 23, 31)),
		CalleeSavedFloat: regRange("F", 24, 31),
		FloatSavedBits:   64,
		StackAlign:       16,
	}},
})
