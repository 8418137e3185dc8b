package abi

// archAMD64 describes amd64.
//
// Argument registers: cmd/compile/abi-internal.md ("amd64 architecture")
// and paramIntRegAMD64/paramFloatRegAMD64 in
// cmd/compile/internal/ssa/opGen.go. Fixed registers: the special-purpose
// table of abi-internal.md and cmd/internal/obj/x86/a.out.go (REGG = R14,
// REGCTXT = DX). C ABI: runtime/cgo/abi_amd64.h, whose
// PUSH_REGS_HOST_TO_ABI0 saves exactly the host callee-saved registers
// (SysV: BX BP R12-R15; Windows: also DI SI X6-X15 and the DF flag).
var archAMD64 = newArch(&Arch{
	Name:           "amd64",
	RegSize:        8,
	FixedFrameSize: 0,
	SP:             "SP",
	SPIsHardware:   true,
	FramePointer:   true,
	FixedRegs: []FixedReg{
		{Reg: "SP", Role: RoleStackPointer},
		{Reg: "BP", Role: RoleFramePointer},
		{Reg: "DX", Role: RoleClosure},
		{Reg: "R14", Role: RoleG, ABIInternalOnly: true},
		{Reg: "X15", Role: RoleZero, ABIInternalOnly: true},
	},
	ABIInternal: &RegABI{
		IntRegs:   []string{"AX", "BX", "CX", "DI", "SI", "R8", "R9", "R10", "R11"},
		FloatRegs: regRange("X", 0, 14),
	},
	CABIs: []*CABI{
		{
			Name:        "System V AMD64",
			CalleeSaved: []string{"BX", "BP", "R12", "R13", "R14", "R15"},
			StackAlign:  16,
			SaveHelpers: amd64SaveHelpers,
		},
		{
			Name:             "Windows x64",
			GOOS:             []string{"windows"},
			CalleeSaved:      []string{"BX", "BP", "DI", "SI", "R12", "R13", "R14", "R15"},
			CalleeSavedFloat: regRange("X", 6, 15),
			FloatSavedBits:   128,
			StackAlign:       16,
			HomeArea:         32,
			SaveHelpers:      amd64SaveHelpers,
		},
		{
			// Plan 9's C compilers make the caller save what it needs
			// across a call (Go's ABI0 inherited the convention), and
			// Plan 9 has no cgo: its note handler keeps nothing for C.
			Name:       "Plan 9",
			GOOS:       []string{"plan9"},
			StackAlign: 16,
		},
	},
})

const amd64SaveHelpers = "runtime/cgo/abi_amd64.h: PUSH_REGS_HOST_TO_ABI0 and POP_REGS_HOST_TO_ABI0"
