package abi

// ppc64Fixed lists the fixed registers of ppc64 and ppc64le:
// cmd/compile/abi-internal.md ("ppc64 architecture") and
// cmd/internal/obj/ppc64/a.out.go (REGZERO = R0, REGSP = R1, REGSB = R2,
// REGCTXT = R11, REGTLS = R13, REGG = R30, REGTMP = R31). The assembler
// spells R30 as g (cmd/asm/internal/arch/arch.go).
var ppc64Fixed = []FixedReg{
	{Reg: "R1", Role: RoleStackPointer},
	{Reg: "R0", Role: RoleZero},
	{Reg: "R2", Role: RoleTOC},
	{Reg: "R11", Role: RoleClosure},
	{Reg: "R13", Role: RoleTLS},
	{Reg: "g", Role: RoleG, Source: "cmd/internal/obj/ppc64/a.out.go REGG; cmd/asm refuses the name R30 for this reason"},
	{Reg: "R31", Role: RoleAsmTemp},
	{Reg: "LR", Role: RoleLink},
}

// ppc64RegABI is the ABIInternal register sequence of ppc64 and ppc64le
// (abi-internal.md; paramIntRegPPC64 in cmd/compile/internal/ssa/opGen.go).
var ppc64RegABI = &RegABI{
	IntRegs:   concat(regRange("R", 3, 10), regRange("R", 14, 17)),
	FloatRegs: regRange("F", 1, 12),
}

// ppc64ELF is the ELF C ABI: runtime/cgo/abi_ppc64x.h saves R14-R31 and
// F14-F31 (and V20-V31) at C->Go entries.
var ppc64ELF = &CABI{
	Name:             "PPC64 ELF",
	CalleeSaved:      concat(regRange("R", 14, 29), []string{"g", "R31"}),
	CalleeSavedFloat: regRange("F", 14, 31),
	FloatSavedBits:   64,
	StackAlign:       16,
}

// newPPC64 builds ppc64 or ppc64le.
func newPPC64(name string, bigEndian bool) *Arch {
	return newArch(&Arch{
		Name:           name,
		RegSize:        8,
		BigEndian:      bigEndian,
		LR:             true,
		LinkReg:        "LR",
		FixedFrameSize: 32,
		StackAlign:     16,
		SP:             "R1",
		FixedRegs:      ppc64Fixed,
		ABIInternal:    ppc64RegABI,
		CABIs:          []*CABI{ppc64ELF},
	})
}

// The two ppc64 arches.
var (
	archPPC64   = newPPC64("ppc64", true)
	archPPC64LE = newPPC64("ppc64le", false)
)
