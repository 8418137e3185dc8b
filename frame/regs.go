package frame

import (
	"fmt"
	"sync/atomic"
)

// A Reg is a register of one architecture: an index into its RegFile.
// Reg 0 is "no register". A Reg names a whole architectural register (the
// unit that aliasing works on): on amd64 AL, AX and the 32-bit view of AX
// are all AX; X0, Y0 and Z0 are all X0; on arm64 F8, D8 and V8 are all V8.
type Reg uint16

// NoReg is the zero Reg.
const NoReg Reg = 0

// A RegClass groups registers by what they hold.
type RegClass uint8

const (
	ClassNone    RegClass = iota
	ClassGP               // general purpose integer registers
	ClassVec              // floating-point / vector registers (X0–X31 on amd64, V0–V31 on arm64)
	ClassX87              // x87 stack registers F0–F7 (and MMX M0–M7, which alias them)
	ClassMask             // AVX-512 opmask registers K0–K7
	ClassSP               // the hardware stack pointer when it is not a GP register (arm64 RSP)
	ClassZero             // a register that reads as zero and ignores writes (arm64 ZR)
	ClassSpecial          // everything else: segment, control, link-only, condition registers
)

// RegInfo describes one register unit.
type RegInfo struct {
	Name  string // the canonical Plan 9 name of the unit
	Class RegClass
	Size  uint8 // bytes
}

// A RegFile is the register model of one architecture: its units and every
// Plan 9 spelling that refers to (part of) one.
type RegFile struct {
	Regs  []RegInfo // indexed by Reg; Regs[0] is unused
	names map[string]RegRef
	// fast holds names for Lookup, built on first use after the last
	// change (registers are added only while an arch is built).
	fast atomic.Pointer[strTable[RegRef]]
}

func newRegFile() *RegFile {
	return &RegFile{Regs: []RegInfo{{}}, names: map[string]RegRef{}}
}

// unit adds a register unit and returns it; name is also its spelling.
func (rf *RegFile) unit(name string, class RegClass, size uint8) Reg {
	r := Reg(len(rf.Regs))
	rf.Regs = append(rf.Regs, RegInfo{Name: name, Class: class, Size: size})
	rf.names[name] = RegRef{Reg: r}
	rf.fast.Store(nil)
	return r
}

// alias makes name spell the bytes [off, off+size) of r; size 0 is all of it.
func (rf *RegFile) alias(name string, r Reg, off, size uint8) {
	rf.names[name] = RegRef{Reg: r, Off: off, Size: size}
	rf.fast.Store(nil)
}

// units adds prefix+lo … prefix+hi.
func (rf *RegFile) units(prefix string, lo, hi int, class RegClass, size uint8) {
	for i := lo; i <= hi; i++ {
		rf.unit(fmt.Sprintf("%s%d", prefix, i), class, size)
	}
}

// Lookup returns the register access a Plan 9 register name denotes.
func (rf *RegFile) Lookup(name string) (RegRef, bool) {
	t := rf.fast.Load()
	if t == nil {
		t = newStrTable(rf.names)
		rf.fast.Store(t)
	}
	return t.get(name)
}

// Reg returns the unit named name (any spelling), or NoReg.
func (rf *RegFile) Reg(name string) Reg {
	r, _ := rf.Lookup(name)
	return r.Reg
}

// Name returns the canonical name of r.
func (rf *RegFile) Name(r Reg) string {
	if int(r) < len(rf.Regs) && r != NoReg {
		return rf.Regs[r].Name
	}
	return "?"
}

// Info returns the description of r.
func (rf *RegFile) Info(r Reg) RegInfo {
	if int(r) < len(rf.Regs) {
		return rf.Regs[r]
	}
	return RegInfo{}
}

// A RegSet is a set of registers of one RegFile.
type RegSet [4]uint64

// Add adds r to s.
func (s *RegSet) Add(r Reg) {
	if r != NoReg && r < 256 {
		s[r>>6] |= 1 << (r & 63)
	}
}

// Has reports whether r is in s.
func (s RegSet) Has(r Reg) bool { return r < 256 && s[r>>6]&(1<<(r&63)) != 0 }

// Union returns s ∪ t.
func (s RegSet) Union(t RegSet) RegSet {
	for i := range s {
		s[i] |= t[i]
	}
	return s
}

// Minus returns s \ t.
func (s RegSet) Minus(t RegSet) RegSet {
	for i := range s {
		s[i] &^= t[i]
	}
	return s
}

// Empty reports whether s has no members.
func (s RegSet) Empty() bool { return s == RegSet{} }

// Regs returns the members of s in order.
func (s RegSet) Regs() []Reg {
	var out []Reg
	for r := Reg(1); r < 256; r++ {
		if s.Has(r) {
			out = append(out, r)
		}
	}
	return out
}
