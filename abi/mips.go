package abi

// mipsFixed lists the fixed registers of mips, mipsle, mips64 and
// mips64le: cmd/internal/obj/mips/a.out.go (REGZERO = R0, REGCTXT = R22,
// REGTMP = R23, REGSP = R29, REGG = R30, REGLINK = R31). On mips64 the
// assembler also renames R28 (REGSB) to RSB (cmd/asm/internal/arch/arch.go).
var mipsFixed = []FixedReg{
	{Reg: "R29", Role: RoleStackPointer},
	{Reg: "R0", Role: RoleZero},
	{Reg: "R22", Role: RoleClosure},
	{Reg: "R23", Role: RoleAsmTemp},
	{Reg: "g", Role: RoleG, Source: "cmd/internal/obj/mips/a.out.go REGG; cmd/asm refuses the name R30 for this reason"},
	{Reg: "R31", Role: RoleLink},
}

// mipsO32 is the o32 C ABI of mips and mipsle: runtime/cgo/asm_mipsx.s
// saves R16-R23, R30 and the even F20-F30 at C->Go entries.
var mipsO32 = &CABI{
	Name:             "MIPS o32",
	CalleeSaved:      concat(regRange("R", 16, 23), []string{"g"}),
	CalleeSavedFloat: []string{"F20", "F22", "F24", "F26", "F28", "F30"},
	FloatSavedBits:   64,
	StackAlign:       8,
}

// mipsN64 is the n64 C ABI of mips64 and mips64le:
// runtime/cgo/asm_mips64x.s saves R16-R23, R28, R30 and F24-F31.
var mipsN64 = &CABI{
	Name:             "MIPS n64",
	CalleeSaved:      concat(regRange("R", 16, 23), []string{"RSB", "g"}),
	CalleeSavedFloat: regRange("F", 24, 31),
	FloatSavedBits:   64,
	StackAlign:       16,
}

// newMIPS builds one of the four mips arches; all use ABI0 only.
func newMIPS(name string, regSize int, bigEndian bool, c *CABI) *Arch {
	return newArch(&Arch{
		Name:           name,
		RegSize:        regSize,
		BigEndian:      bigEndian,
		LR:             true,
		LinkReg:        "R31",
		FixedFrameSize: regSize,
		SP:             "R29",
		FixedRegs:      mipsFixed,
		CABIs:          []*CABI{c},
	})
}

// The four mips arches (cmd/internal/sys/arch.go).
var (
	archMIPS     = newMIPS("mips", 4, true, mipsO32)
	archMIPSLE   = newMIPS("mipsle", 4, false, mipsO32)
	archMIPS64   = newMIPS("mips64", 8, true, mipsN64)
	archMIPS64LE = newMIPS("mips64le", 8, false, mipsN64)
)
