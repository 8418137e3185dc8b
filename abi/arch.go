package abi

import (
	"go/types"
	"sort"
	"strconv"
)

// Arch describes one GOARCH.
//
// Sizes follow go/types (types.SizesFor("gc", Name)), which agrees with
// the compiler (cmd/compile/internal/types/size.go). FixedFrameSize and LR
// come from cmd/internal/sys/arch.go. The stack pointer names come from
// cmd/asm/internal/arch/arch.go and cmd/asm/internal/asm/parse.go.
type Arch struct {
	// Name is the GOARCH value.
	Name string
	// PtrSize is the size of a pointer in bytes.
	PtrSize int
	// IntSize is the size of int in bytes.
	IntSize int
	// RegSize is the size of a general-purpose register in bytes
	// (cmd/internal/sys/arch.go RegSize).
	RegSize int
	// BigEndian reports whether the architecture is big-endian.
	BigEndian bool
	// MaxAlign is the alignment of int64 according to go/types. ABI0
	// results start at the first offset that is a multiple of it.
	MaxAlign int
	// Sizes is types.SizesFor("gc", Name).
	Sizes types.Sizes
	// LR reports whether the architecture has a link register, so that a
	// CALL does not push the return address (cmd/internal/sys/arch.go HasLR).
	LR bool
	// LinkReg is the Plan 9 name of the link register, or "" if LR is false.
	LinkReg string
	// FixedFrameSize is the smallest possible offset from the hardware
	// stack pointer to a local variable: the saved LR slot on LR machines,
	// 32 bytes of linkage area on ppc64 (cmd/internal/sys/arch.go).
	FixedFrameSize int
	// SP is the Plan 9 name that always denotes the hardware stack
	// pointer: "SP" on 386/amd64/wasm, "RSP" on arm64, "R13" on arm,
	// "R29" on mips, "R1" on ppc64, "R3" on loong64, "R15" on s390x and
	// "X2" on riscv64.
	SP string
	// SPIsHardware reports whether a bare "off(SP)" (with no symbol)
	// addresses the hardware stack pointer. In every arch "name+off(SP)"
	// is the pseudo-SP (cmd/asm/internal/asm/parse.go setPseudoRegister
	// sets NAME_AUTO). A bare "off(SP)" goes through the register table of
	// cmd/asm/internal/arch/arch.go: x86 and riscv64 register "SP" as the
	// hardware register, wasm as its SP global; arm and arm64 map "SP" to
	// the pseudo-register, so "off(SP)" is rejected ("cannot reference SP
	// without a symbol"); mips, ppc64, loong64 and s390x do not know the
	// name at all ("expected register; found SP").
	SPIsHardware bool
	// FixedRegs lists the registers with a fixed meaning in Go code.
	FixedRegs []FixedReg
	// ABIInternal gives the argument registers of the register ABI, or
	// nil where Go uses the stack-only ABI0 for Go functions too.
	ABIInternal *RegABI
	// CABIs lists the C calling conventions that Go meets on this
	// architecture, by GOOS; see CABIFor.
	CABIs []*CABI
	// StackAlign is the alignment Go keeps the hardware SP at
	// (internal/goarch _StackAlign: 16 on arm64 and ppc64, else the
	// pointer size); newArch fills in the default.
	StackAlign int
	// SPAlignTrap reports whether a load or store with the SP register as
	// its base faults when SP is not StackAlign-aligned: arm64, whose Linux
	// kernel runs user code with SCTLR_EL1.SA0 set (SIGBUS;
	// ebitengine/purego#207).
	SPAlignTrap bool
	// FramePointer reports whether the runtime keeps frame pointers
	// (runtime/runtime2.go framepointer_enabled: amd64 and arm64): the
	// word below varp is the saved frame pointer, not a local.
	FramePointer bool
	// StackMapMin is the size of a frame's local area (varp-sp) up to
	// which the runtime does not look for a locals pointer map
	// (runtime/stkframe.go getStackMap: minsize is StackAlign on arm64,
	// MinFrameSize elsewhere); newArch defaults it to FixedFrameSize,
	// which equals internal/goarch MinFrameSize on every arch.
	StackMapMin int
}

// Arches lists every GOARCH that Go 1.26 supports, in the order asmdecl
// lists them.
var Arches = []*Arch{
	arch386,
	archARM,
	archARM64,
	archAMD64,
	archMIPS,
	archMIPSLE,
	archMIPS64,
	archMIPS64LE,
	archPPC64,
	archPPC64LE,
	archRISCV64,
	archS390X,
	archWasm,
	archLoong64,
}

// ArchFor returns the Arch for goarch, or nil if goarch is unknown.
func ArchFor(goarch string) *Arch {
	for _, a := range Arches {
		if a.Name == goarch {
			return a
		}
	}
	return nil
}

// ArchNames returns the names of all known architectures, sorted.
func ArchNames() []string {
	names := make([]string, 0, len(Arches))
	for _, a := range Arches {
		names = append(names, a.Name)
	}
	sort.Strings(names)
	return names
}

// newArch fills in the size facts of a from go/types.
func newArch(a *Arch) *Arch {
	a.Sizes = types.SizesFor("gc", a.Name)
	if a.Sizes == nil {
		panic("abi: go/types does not know GOARCH " + a.Name)
	}
	a.PtrSize = int(a.Sizes.Sizeof(types.Typ[types.UnsafePointer]))
	a.IntSize = int(a.Sizes.Sizeof(types.Typ[types.Int]))
	a.MaxAlign = int(a.Sizes.Alignof(types.Typ[types.Int64]))
	if a.StackAlign == 0 {
		a.StackAlign = a.PtrSize
	}
	if a.StackMapMin == 0 {
		a.StackMapMin = a.FixedFrameSize
	}
	return a
}

// Is64 reports whether pointers are 8 bytes wide.
func (a *Arch) Is64() bool { return a.PtrSize == 8 }

// String returns the GOARCH name.
func (a *Arch) String() string { return a.Name }

// RegRole is the fixed meaning of a register in Go code.
type RegRole int

// The roles a register can have.
const (
	// RoleG holds the current goroutine.
	RoleG RegRole = iota + 1
	// RoleClosure holds the closure context pointer at a call.
	RoleClosure
	// RoleAsmTemp is the assembler's temporary (REGTMP): instructions the
	// assembler expands may clobber it.
	RoleAsmTemp
	// RoleZero is a register that reads as zero (hardwired, or by
	// convention like amd64's X15 in ABIInternal).
	RoleZero
	// RoleFramePointer holds the frame pointer.
	RoleFramePointer
	// RoleLink is the link register.
	RoleLink
	// RolePlatform is reserved for the operating system (arm64 R18).
	RolePlatform
	// RoleLinkerTemp may be clobbered by linker-generated trampolines and
	// PLT stubs.
	RoleLinkerTemp
	// RoleTOC is ppc64's TOC pointer (R2).
	RoleTOC
	// RoleTLS holds the thread pointer of the C ABI.
	RoleTLS
	// RoleGlobalPointer is riscv64's global pointer (X3), used by the
	// dynamic linker.
	RoleGlobalPointer
	// RoleStackPointer is the hardware stack pointer.
	RoleStackPointer
)

var roleNames = map[RegRole]string{
	RoleG:             "g",
	RoleClosure:       "closure context",
	RoleAsmTemp:       "assembler temporary",
	RoleZero:          "zero",
	RoleFramePointer:  "frame pointer",
	RoleLink:          "link register",
	RolePlatform:      "platform register",
	RoleLinkerTemp:    "linker temporary",
	RoleTOC:           "TOC pointer",
	RoleTLS:           "thread pointer",
	RoleGlobalPointer: "global pointer",
	RoleStackPointer:  "stack pointer",
}

// String returns a short description of the role.
func (r RegRole) String() string {
	if s, ok := roleNames[r]; ok {
		return s
	}
	return "unknown role"
}

// FixedReg is a register with a fixed meaning in Go code.
type FixedReg struct {
	// Reg is the Plan 9 name of the register.
	Reg string
	// Role is its meaning.
	Role RegRole
	// ABIInternalOnly reports whether the role holds only in ABIInternal
	// code: ABI0 code may clobber the register, the ABI wrappers restore
	// it (amd64 R14 and X15, cmd/compile/abi-internal.md).
	ABIInternalOnly bool
	// Source says where the toolchain fixes the role, for messages: "
	// cmd/internal/obj/arm64/a.out.go REGG; cmd/asm refuses the name R28
	// for this reason" (cmd/asm/internal/arch/arch.go deletes the plain
	// name: "Avoid unintentionally clobbering g using R28"); "" if none
	// is given.
	Source string
}

// Fixed returns the fixed registers of a with the given role.
func (a *Arch) Fixed(role RegRole) []string {
	var regs []string
	for _, f := range a.FixedRegs {
		if f.Role == role {
			regs = append(regs, f.Reg)
		}
	}
	return regs
}

// RoleOf returns the fixed role of the register named reg, or 0.
func (a *Arch) RoleOf(reg string) RegRole {
	for _, f := range a.FixedRegs {
		if f.Reg == reg {
			return f.Role
		}
	}
	return 0
}

// RegABI lists the argument registers of the register-based ABIInternal,
// in assignment order (cmd/compile/abi-internal.md, and the paramIntReg*
// and paramFloatReg* tables in cmd/compile/internal/ssa/opGen.go).
type RegABI struct {
	// IntRegs are the integer argument and result registers.
	IntRegs []string
	// FloatRegs are the floating-point argument and result registers.
	FloatRegs []string
}

// CABI describes the C calling convention of one GOOS/GOARCH pair: what a
// function entered from C must preserve, and how the stack is aligned.
type CABI struct {
	// Name names the convention ("System V AMD64", "AAPCS64", ...).
	Name string
	// GOOS lists the operating systems that use it; empty means every
	// GOOS not listed by another CABI of the same Arch.
	GOOS []string
	// CalleeSaved lists the general registers C callers expect preserved.
	CalleeSaved []string
	// CalleeSavedFloat lists the floating-point or vector registers C
	// callers expect preserved.
	CalleeSavedFloat []string
	// FloatSavedBits is how many low bits of each CalleeSavedFloat
	// register are preserved: 64 on arm64 (D8-D15 of V8-V15), 128 for the
	// XMM registers of Windows x64.
	FloatSavedBits int
	// StackAlign is the stack pointer alignment required at a call.
	StackAlign int
	// HomeArea is the size of the area above the return address that a
	// callee owns even when its arguments are in registers: Windows x64's
	// 32-byte home (shadow) area for RCX, RDX, R8 and R9
	// (runtime/asm_amd64.s asmcgocall_landingpad: ADJSP $32 before the
	// call; runtime/sys_windows_amd64.s callbackasm1 stores the four
	// registers there as a callee).
	HomeArea int
	// Reserved lists the registers the platform owns on these operating
	// systems, which code must not write at all (arm64 R18 on darwin, ios
	// and windows).
	Reserved []string
	// SaveHelpers names the runtime's macros that save and restore the
	// callee-saved registers at an entry from C, for messages.
	SaveHelpers string
}

// CABIFor returns the C ABI of a on goos, or nil if none is recorded.
func (a *Arch) CABIFor(goos string) *CABI {
	var def *CABI
	for _, c := range a.CABIs {
		if len(c.GOOS) == 0 {
			def = c
			continue
		}
		for _, g := range c.GOOS {
			if g == goos {
				return c
			}
		}
	}
	return def
}

// IsCalleeSaved reports whether C code expects reg preserved across a
// call. Only the registers listed in the ABI count.
func (c *CABI) IsCalleeSaved(reg string) bool {
	for _, r := range c.CalleeSaved {
		if r == reg {
			return true
		}
	}
	for _, r := range c.CalleeSavedFloat {
		if r == reg {
			return true
		}
	}
	return false
}

// regRange returns the names prefix+lo ... prefix+hi.
func regRange(prefix string, lo, hi int) []string {
	var regs []string
	for i := lo; i <= hi; i++ {
		regs = append(regs, prefix+strconv.Itoa(i))
	}
	return regs
}

// concat joins lists of register names.
func concat(lists ...[]string) []string {
	var all []string
	for _, l := range lists {
		all = append(all, l...)
	}
	return all
}
