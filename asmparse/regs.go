package asmparse

import (
	"maps"
	"math/bits"
	"slices"
	"strconv"
	"strings"
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

// A nameSet is a set of short strings (register names), each with its id
// in regNames: those of up to 8 bytes packed into integers, in an
// open-addressing table with a multiplicative hash; register lookups are
// the parser's most frequent operation.
type nameSet struct {
	packed  []uint64 // len is a power of 2; 0 marks an empty slot
	ids     []uint16 // of the names in packed
	shift   uint     // 64 - log2(len(packed))
	long    []string // the names longer than 8 bytes
	longIDs []uint16
}

// packName packs a name of up to 8 bytes, its first byte lowest. Names
// have no NUL byte, so distinct names pack differently and the length of
// a name is that of its packing.
func packName(s string) uint64 {
	var v uint64
	for i := len(s) - 1; i >= 0; i-- {
		v = v<<8 | uint64(s[i])
	}
	return v
}

const nameMul = 0x9e3779b97f4a7c15

// newNameSet makes the set of the names of ids, each with its id (not 0).
func newNameSet(ids map[string]uint16) nameSet {
	size, shift := 16, uint(60)
	for size < 4*len(ids) {
		size, shift = size*2, shift-1
	}
	set := nameSet{packed: make([]uint64, size), ids: make([]uint16, size), shift: shift}
	for name, id := range ids {
		if len(name) > 8 || len(name) == 0 || strings.IndexByte(name, 0) >= 0 {
			set.long = append(set.long, name)
			set.longIDs = append(set.longIDs, id)
			continue
		}
		v := packName(name)
		i := v * nameMul >> shift
		for set.packed[i] != 0 {
			i = (i + 1) & uint64(size-1)
		}
		set.packed[i], set.ids[i] = v, id
	}
	return set
}

// has reports whether s is in the set.
func (n *nameSet) has(s string) bool { return n.id(s) != 0 }

// id returns the id of s, or 0 if s is not in the set.
func (n *nameSet) id(s string) uint16 {
	if len(s) > 8 || len(s) == 0 {
		return n.longID(s)
	}
	v := packName(s)
	mask := uint64(len(n.packed) - 1)
	for i := v * nameMul >> n.shift; ; i = (i + 1) & mask {
		switch n.packed[i&mask] {
		case v:
			// s may end in NUL bytes, which do not change v.
			if (bits.Len64(v)+7)/8 != len(s) {
				return 0
			}
			return n.ids[i&mask]
		case 0:
			return 0
		}
	}
}

// idV is id for s packed by fastIdentV into v.
func (n *nameSet) idV(s string, v uint64) uint16 {
	if len(s) > 8 {
		return n.longID(s)
	}
	keys := n.packed
	for i := v * nameMul >> n.shift; ; i++ {
		switch keys[i&uint64(len(keys)-1)] {
		case v:
			return n.ids[i&uint64(len(keys)-1)]
		case 0:
			return 0
		}
	}
}

func (n *nameSet) longID(s string) uint16 {
	if i := slices.Index(n.long, s); i >= 0 {
		return n.longIDs[i]
	}
	return 0
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
	all := map[string]bool{}
	for _, rs := range regSets {
		// SP is the pseudo-register of name-off(SP) on every arch.
		set(rs.names, "SB", "FP", "PC", "SP")
		for name := range rs.names {
			all[name] = true
		}
		for _, name := range rs.renamed {
			all[name] = true
		}
	}
	regNames = append([]string{""}, slices.Sorted(maps.Keys(all))...)
	ids := map[string]uint16{}
	for id, name := range regNames[1:] {
		ids[name] = uint16(id + 1)
	}
	regIDs = newNameSet(ids)
	for _, rs := range regSets {
		clear(ids)
		for name := range rs.names {
			ids[name] = regIDs.id(name)
		}
		rs.fast = newNameSet(ids)
	}
}

// regNames are the register names of every arch, each once, by the id an
// Operand holds (0 is no register); regIDs finds a name's id. Both are
// made once, by initRegs, before the first parse.
var (
	regNames []string
	regIDs   nameSet
)

// regID returns the id of the register name, or false if regNames does
// not have it.
func regID(name string) (uint16, bool) {
	id := regIDs.id(name)
	return id, id != 0
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
