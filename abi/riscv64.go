package abi

// archRISCV64 describes riscv64. Argument registers and fixed registers:
// cmd/compile/abi-internal.md ("riscv64 architecture") and
// cmd/internal/obj/riscv/cpu.go (REG_ZERO = X0, REG_RA = X1, REG_SP = X2,
// REG_GP = X3, REG_TP = X4, REG_CTXT = X26, REG_G = X27, REG_TMP = X31).
// The assembler does not accept X4: it spells the thread pointer TP.
// The assembler accepts both X2 and SP for the hardware stack pointer and
// spells X27 as g (cmd/asm/internal/arch/arch.go archRISCV64). C ABI:
// runtime/cgo/asm_riscv64.s saves X8, X9, X18-X27 and F8, F9, F18-F27.
var archRISCV64 = newArch(&Arch{
	Name:           "riscv64",
	RegSize:        8,
	LR:             true,
	LinkReg:        "X1",
	FixedFrameSize: 8,
	SP:             "X2",
	SPIsHardware:   true,
	FixedRegs: []FixedReg{
		{Reg: "X2", Role: RoleStackPointer},
		{Reg: "X0", Role: RoleZero},
		{Reg: "X1", Role: RoleLink},
		{Reg: "X3", Role: RoleGlobalPointer},
		{Reg: "TP", Role: RoleTLS},
		{Reg: "X26", Role: RoleClosure},
		{Reg: "g", Role: RoleG},
		{Reg: "X31", Role: RoleAsmTemp},
	},
	ABIInternal: &RegABI{
		IntRegs:   concat(regRange("X", 10, 17), []string{"X8", "X9"}, regRange("X", 18, 23)),
		FloatRegs: concat(regRange("F", 10, 17), []string{"F8", "F9"}, regRange("F", 18, 23)),
	},
	CABIs: []*CABI{{
		Name:             "RISC-V LP64D",
		CalleeSaved:      concat([]string{"X8", "X9"}, regRange("X", 18, 26), []string{"g"}),
		CalleeSavedFloat: concat([]string{"F8", "F9"}, regRange("F", 18, 27)),
		FloatSavedBits:   64,
		StackAlign:       16,
	}},
})
