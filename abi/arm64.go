package abi

// archARM64 describes arm64.
//
// Argument registers: cmd/compile/abi-internal.md ("arm64 architecture")
// and paramIntRegARM64/paramFloatRegARM64 in
// cmd/compile/internal/ssa/opGen.go. Fixed registers:
// cmd/internal/obj/arm64/a.out.go (REGRT1/REGRT2 = R16/R17, REGPR = R18,
// REGCTXT = R26, REGTMP = R27, REGG = R28, REGFP = R29, REGLINK = R30,
// REGZERO = ZR, REGSP = RSP) and the assembler's register table in
// cmd/asm/internal/arch/arch.go (R18 is spelled R18_PLATFORM, R28 is g).
// C ABI (AAPCS64): runtime/cgo/abi_arm64.h saves R19-R28 and F8-F15 (the
// low 64 bits of V8-V15) at C->Go entries; R29 is saved by the Go frame.
var archARM64 = newArch(&Arch{
	Name:           "arm64",
	RegSize:        8,
	LR:             true,
	LinkReg:        "R30",
	FixedFrameSize: 8,
	SP:             "RSP",
	SPIsHardware:   false,
	StackAlign:     16,
	SPAlignTrap:    true,
	FramePointer:   true,
	StackMapMin:    16,
	FixedRegs: []FixedReg{
		{Reg: "RSP", Role: RoleStackPointer},
		{Reg: "R16", Role: RoleLinkerTemp},
		{Reg: "R17", Role: RoleLinkerTemp},
		{Reg: "R18_PLATFORM", Role: RolePlatform},
		{Reg: "R26", Role: RoleClosure},
		{Reg: "R27", Role: RoleAsmTemp},
		{Reg: "g", Role: RoleG},
		{Reg: "R29", Role: RoleFramePointer},
		{Reg: "R30", Role: RoleLink},
		{Reg: "ZR", Role: RoleZero},
	},
	ABIInternal: &RegABI{
		IntRegs:   regRange("R", 0, 15),
		FloatRegs: regRange("F", 0, 15),
	},
	CABIs: []*CABI{{
		Name:             "AAPCS64",
		CalleeSaved:      concat(regRange("R", 19, 27), []string{"g", "R29"}),
		CalleeSavedFloat: regRange("F", 8, 15),
		FloatSavedBits:   64,
		StackAlign:       16,
	}},
})
