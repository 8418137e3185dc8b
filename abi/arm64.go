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
		{Reg: "g", Role: RoleG, Source: "cmd/internal/obj/arm64/a.out.go REGG; cmd/asm refuses the name R28 for this reason"},
		{Reg: "R29", Role: RoleFramePointer},
		{Reg: "R30", Role: RoleLink},
		{Reg: "ZR", Role: RoleZero},
	},
	ABIInternal: &RegABI{
		IntRegs:   regRange("R", 0, 15),
		FloatRegs: regRange("F", 0, 15),
	},
	CABIs: []*CABI{
		aapcs64("AAPCS64", nil, nil),
		// Apple's arm64 ABI reserves x18 ("The platform reserves register
		// x18. Don't use this register."), and Windows keeps the TEB
		// pointer in it; both keep AAPCS64's callee-saved registers.
		aapcs64("AAPCS64 (Apple)", []string{"darwin", "ios"}, []string{"R18_PLATFORM"}),
		aapcs64("AAPCS64 (Windows)", []string{"windows"}, []string{"R18_PLATFORM"}),
	},
})

// aapcs64 returns the AAPCS64 convention for the given operating systems.
// R29, the frame pointer, is callee-saved like R19-R28; the runtime's
// SAVE_R19_TO_R28 leaves it out because the Go frame (or the entry's own
// STP) keeps it.
func aapcs64(name string, goos, reserved []string) *CABI {
	return &CABI{
		Name:             name,
		GOOS:             goos,
		CalleeSaved:      concat(regRange("R", 19, 27), []string{"g", "R29"}),
		CalleeSavedFloat: regRange("F", 8, 15),
		FloatSavedBits:   64,
		StackAlign:       16,
		Reserved:         reserved,
		SaveHelpers:      "runtime/cgo/abi_arm64.h: SAVE_R19_TO_R28, SAVE_F8_TO_F15 and their RESTORE_ twins",
	}
}
