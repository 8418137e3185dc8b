package asmparse

import (
	"strconv"
	"sync"
)

// The register names each architecture's assembler accepts, as built by
// cmd/asm/internal/arch/arch.go from the tables in cmd/internal/obj/*.
// The parser needs them only to tell a register from a symbol or a
// constant name; what a register means is for other packages.
// arm64 system registers (TPIDR_EL0 …) and special operands (PLDL1KEEP …)
// are not listed: they parse as names, which is all they are syntactically.

type regSet struct {
	names    map[string]bool
	prefixes map[string]bool   // R for R(10), SPR for SPR(268)
	renamed  map[string]string // numbered registers known by another name: R10 is g on arm
	fast     nameSet           // names, for the parser
}

// A nameSet is a set of short strings in an open-addressing table with a
// cheap hash: register lookups are the parser's most frequent operation.
type nameSet struct {
	keys []string // len is a power of 2; "" marks an empty slot
}

func nameHash(s string) uint32 {
	n := len(s)
	h := uint32(n)*0x9e3779b1 ^ uint32(s[0])*0x85ebca77 ^ uint32(s[n-1])*0xc2b2ae3d
	if n > 2 {
		h ^= uint32(s[1])*0x27d4eb2f ^ uint32(s[n-2])*0x165667b1
	}
	return h ^ h>>15
}

func newNameSet(names map[string]bool) nameSet {
	size := 16
	for size < 4*len(names) {
		size *= 2
	}
	set := nameSet{keys: make([]string, size)}
	for name := range names {
		i := nameHash(name)
		for set.keys[i&uint32(size-1)] != "" {
			i++
		}
		set.keys[i&uint32(size-1)] = name
	}
	return set
}

// has reports whether s is in the set.
func (n *nameSet) has(s string) bool {
	if s == "" {
		return false
	}
	mask := uint32(len(n.keys) - 1)
	for i := nameHash(s); ; i++ {
		switch k := n.keys[i&mask]; k {
		case s:
			return true
		case "":
			return false
		}
	}
}

var (
	regOnce sync.Once
	regSets map[string]*regSet
)

func seq(m map[string]bool, prefix string, lo, hi int) {
	for i := lo; i <= hi; i++ {
		m[prefix+strconv.Itoa(i)] = true
	}
}

func set(m map[string]bool, names ...string) {
	for _, n := range names {
		m[n] = true
	}
}

func x86Regs(amd64 bool) *regSet {
	m := map[string]bool{}
	set(m, "AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB",
		"AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI", "AH", "CH", "DH", "BH",
		"CS", "SS", "DS", "ES", "FS", "GS", "GDTR", "IDTR", "LDTR", "MSW", "TASK", "TLS")
	for i := 8; i <= 15; i++ {
		n := strconv.Itoa(i)
		set(m, "R"+n, "R"+n+"B")
	}
	seq(m, "F", 0, 7)
	seq(m, "M", 0, 7)
	seq(m, "K", 0, 7)
	seq(m, "X", 0, 31)
	seq(m, "Y", 0, 31)
	seq(m, "Z", 0, 31)
	seq(m, "CR", 0, 15)
	seq(m, "DR", 0, 7)
	seq(m, "TR", 0, 7)
	if amd64 {
		m["g"] = true // R14 under ABIInternal
	}
	return &regSet{names: m}
}

func armRegs() *regSet {
	m := map[string]bool{}
	seq(m, "R", 0, 15)
	delete(m, "R10")
	seq(m, "F", 0, 15)
	seq(m, "C", 0, 15)
	set(m, "g", "FPSR", "FPCR", "CPSR", "SPSR", "SP",
		"MB_SY", "MB_ST", "MB_ISH", "MB_ISHST", "MB_NSH", "MB_NSHST", "MB_OSH", "MB_OSHST")
	// cmd/asm/internal/arch/arch.go, archArm: R10 is called g, so a
	// list [R9-R11] holds R9, g and R11.
	return &regSet{names: m, prefixes: map[string]bool{"R": true, "F": true}, renamed: map[string]string{"R10": "g"}}
}

func arm64Regs() *regSet {
	m := map[string]bool{}
	seq(m, "R", 0, 30)
	delete(m, "R18")
	delete(m, "R28")
	seq(m, "F", 0, 31)
	seq(m, "V", 0, 31)
	set(m, "ZR", "RSP", "R18_PLATFORM", "g", "LR", "SP")
	return &regSet{names: m, prefixes: map[string]bool{"R": true, "F": true, "V": true}}
}

func ppc64Regs() *regSet {
	m := map[string]bool{}
	seq(m, "R", 0, 31)
	delete(m, "R30")
	seq(m, "F", 0, 31)
	seq(m, "V", 0, 31)
	seq(m, "VS", 0, 63)
	seq(m, "A", 0, 7)
	seq(m, "CR", 0, 7)
	for i := 0; i <= 7; i++ {
		n := "CR" + strconv.Itoa(i)
		set(m, n+"LT", n+"GT", n+"EQ", n+"SO")
	}
	set(m, "g", "MSR", "FPSCR", "CR", "XER", "LR", "CTR")
	return &regSet{names: m, prefixes: map[string]bool{"CR": true, "F": true, "R": true, "SPR": true}}
}

func mipsRegs(is64 bool) *regSet {
	m := map[string]bool{}
	seq(m, "R", 0, 31)
	delete(m, "R30")
	seq(m, "F", 0, 31)
	seq(m, "M", 0, 31)
	seq(m, "FCR", 0, 31)
	set(m, "g", "HI", "LO")
	p := map[string]bool{"F": true, "FCR": true, "M": true, "R": true}
	if is64 {
		seq(m, "W", 0, 31)
		delete(m, "R28")
		m["RSB"] = true
		p["W"] = true
	}
	return &regSet{names: m, prefixes: p}
}

func loong64Regs() *regSet {
	m := map[string]bool{}
	seq(m, "R", 0, 31)
	delete(m, "R22")
	seq(m, "F", 0, 31)
	seq(m, "FCSR", 0, 31)
	seq(m, "FCC", 0, 31)
	seq(m, "V", 0, 31)
	seq(m, "X", 0, 31)
	m["g"] = true
	return &regSet{names: m, prefixes: map[string]bool{"F": true, "FCSR": true, "FCC": true, "R": true, "V": true, "X": true}}
}

func riscv64Regs() *regSet {
	m := map[string]bool{}
	seq(m, "X", 0, 31)
	delete(m, "X4")  // TP
	delete(m, "X27") // g
	seq(m, "F", 0, 31)
	seq(m, "V", 0, 31)
	set(m, "ZERO", "RA", "SP", "GP", "TP", "g", "CTXT", "TMP")
	seq(m, "T", 0, 6)
	seq(m, "S", 0, 10)
	seq(m, "A", 0, 7)
	seq(m, "FT", 0, 11)
	seq(m, "FS", 0, 11)
	seq(m, "FA", 0, 7)
	return &regSet{names: m}
}

func s390xRegs() *regSet {
	m := map[string]bool{}
	seq(m, "R", 0, 15)
	delete(m, "R13")
	seq(m, "F", 0, 15)
	seq(m, "V", 0, 31)
	seq(m, "AR", 0, 15)
	set(m, "g", "LR")
	return &regSet{names: m, prefixes: map[string]bool{"AR": true, "F": true, "R": true}}
}

func wasmRegs() *regSet {
	m := map[string]bool{}
	set(m, "SP", "CTXT", "g", "RET0", "RET1", "RET2", "RET3", "PAUSE", "PC_B")
	seq(m, "R", 0, 15)
	seq(m, "F", 0, 31)
	return &regSet{names: m}
}

func initRegs() {
	regSets = map[string]*regSet{
		"386":      x86Regs(false),
		"amd64":    x86Regs(true),
		"arm":      armRegs(),
		"arm64":    arm64Regs(),
		"ppc64":    ppc64Regs(),
		"ppc64le":  ppc64Regs(),
		"mips":     mipsRegs(false),
		"mipsle":   mipsRegs(false),
		"mips64":   mipsRegs(true),
		"mips64le": mipsRegs(true),
		"loong64":  loong64Regs(),
		"riscv64":  riscv64Regs(),
		"s390x":    s390xRegs(),
		"wasm":     wasmRegs(),
	}
	for _, rs := range regSets {
		// SP is the pseudo-register of name-off(SP) on every arch.
		set(rs.names, "SB", "FP", "PC", "SP")
		rs.fast = newNameSet(rs.names)
	}
}

func regsFor(arch string) *regSet {
	regOnce.Do(initRegs)
	if rs := regSets[arch]; rs != nil {
		return rs
	}
	return regSets["amd64"]
}

// IsRegister reports whether name is a register (or one of the pseudo
// registers SB, FP, PC, and SP where the arch has it) in arch's assembly syntax.
func IsRegister(arch, name string) bool {
	rs := regsFor(arch)
	return rs.fast.has(name)
}

// Arches lists every GOARCH whose assembly syntax asmparse knows.
var Arches = []string{"386", "amd64", "arm", "arm64", "loong64", "mips", "mipsle",
	"mips64", "mips64le", "ppc64", "ppc64le", "riscv64", "s390x", "wasm"}
