package frame

import (
	"strconv"

	"github.com/asmcheck/asmcheck/asmparse"
)

// Idioms: facts about single instructions that the register checks need
// and that the access codes of the tables cannot say — that a move copies
// a value unchanged (and zeroes the rest of its destination), that XOR of
// a register with itself is zero, that a load through TLS yields g. They are data per arch, marked on the Effect
// as attributes, so that checks keep reading Effects and never mnemonics.

// An idiomTable lists, for one arch, the mnemonics (without suffix) with
// each property.
type idiomTable struct {
	// moves copy their register source into their register destination
	// unchanged (MOVQ BX, CX; MOVD R29, R1; FMOVD F8, F1; MOVUPS X6, X1).
	// Only a register-to-register form with one source and one
	// destination written from its first byte is marked AttrMove.
	moves map[string]bool
	// zeroes produce zero when every register source is the same
	// register (XORQ AX, AX; PXOR X15, X15; EOR R1, R1, R2) or when
	// they have no register source at all (VZEROALL). A move of the
	// constant 0 is a zeroing idiom too.
	zeroes map[string]bool
	// zeroExt are the moves that zero the rest of their destination:
	// x86 MOVL (a 32-bit write clears the upper half of the 64-bit
	// register), MOVQ and MOVD into an XMM register (bits 64-127). Intel
	// SDM vol. 1 §3.4.1.1 and the MOVD/MOVQ entry of vol. 2.
	zeroExt map[string]bool
	// upper are the vector registers whose upper halves make the
	// AVX-SSE transition state dirty (Intel optimization manual, "Mixing
	// AVX code with SSE code"): YMM0-YMM15/ZMM0-ZMM15, the registers
	// VZEROUPPER clears. ZMM16-ZMM31 are out of SSE's reach and do not.
	upper []string
	// tls is the register a load goes through to read the current g
	// (amd64 and 386: MOVQ g(CX), R14 expands to MOVQ 0(CX)(TLS*1), R14;
	// runtime/go_tls.h, cmd/internal/obj/x86/obj6.go progedit). Go keeps
	// nothing but g in its TLS slot.
	tls string
}

func mnemonicSet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// MOVD is cmd/asm's other name for MOVQ (cmd/asm/internal/arch/arch.go).
var x86Moves = mnemonicSet("MOVQ", "MOVD", "MOVL", "MOVO", "MOVOU", "MOVOA", "MOVUPS", "MOVAPS", "MOVUPD", "MOVAPD",
	"VMOVDQU", "VMOVDQA", "VMOVUPS", "VMOVAPS", "VMOVUPD", "VMOVAPD",
	"VMOVDQU32", "VMOVDQU64", "VMOVDQA32", "VMOVDQA64")

// x86Zeroes are the zeroing idioms Intel's optimization manual lists
// (XOR, SUB, PXOR, XORPS … of a register with itself) and VZEROALL.
var x86Zeroes = mnemonicSet("XORQ", "XORL", "SUBQ", "SUBL", "XORPS", "XORPD", "PXOR", "PSUBQ",
	"VPXOR", "VXORPS", "VXORPD", "VPXORD", "VPXORQ", "VZEROALL")

var idioms = map[string]*idiomTable{
	"amd64": {moves: x86Moves, zeroes: x86Zeroes, zeroExt: mnemonicSet("MOVL", "MOVQ", "MOVD"), upper: regNames("X", 16), tls: "TLS"},
	"386":   {moves: x86Moves, zeroes: x86Zeroes, zeroExt: mnemonicSet("MOVL"), upper: regNames("X", 8), tls: "TLS"},
	// arm64: MOVD Rn, Rd is ORR Rd, ZR, Rn; FMOVD Fn, Fd copies the low 64
	// bits; VMOV Vn.B16, Vd.B16 is ORR of the vector with itself.
	"arm64": {
		moves:  mnemonicSet("MOVD", "FMOVD", "FMOVS", "VMOV", "MOVWU"),
		zeroes: mnemonicSet("EOR", "EORW", "SUB", "SUBW", "VEOR"),
	},
	// The full-width register moves of the other arches, which copy
	// their source unchanged (the g check needs MOVD g, R5 … MOVD R5, g
	// to put g back): arm MOVW Rn, Rd is MOV; MOVD Fn, Fd copies a double
	// (cmd/internal/obj/arm/asm5.go). loong64 and mips64 MOVV is OR with
	// R0 (loong64/asm.go, mips/asm0.go "mov r1,r2 ==> OR r1,r0,r2"), as
	// mips MOVW is (mips64's MOVW sign-extends and is left out); MOVD Fn,
	// Fd is the double move. ppc64 MOVD Rs, Ra is OR Rs, Rs, Ra and FMOVD
	// is fmr (ppc64/asm9.go); riscv64 MOV Rs, Rd is mv (c.mv when
	// compressed: ADD Rs, X0, Rd) and MOVD Fn, Fd fsgnj.d
	// (riscv/obj.go); s390x MOVD is lgr and FMOVD ldr (s390x/asmz.go).
	// go tool asm with go tool objdump shows OR R5,R5,R6 (ppc64le),
	// b9040065 lgr (s390x), ADD X5, X0, X6 (riscv64), or r6, r5, r0
	// (loong64) and mov r6, r5 (arm) for MOVD/MOV/MOVV/MOVW R5, R6.
	"arm":      {moves: mnemonicSet("MOVW", "MOVD")},
	"loong64":  {moves: mnemonicSet("MOVV", "MOVD")},
	"mips":     {moves: mnemonicSet("MOVW", "MOVD")},
	"mipsle":   {moves: mnemonicSet("MOVW", "MOVD")},
	"mips64":   {moves: mnemonicSet("MOVV", "MOVD")},
	"mips64le": {moves: mnemonicSet("MOVV", "MOVD")},
	"ppc64":    {moves: mnemonicSet("MOVD", "FMOVD")},
	"ppc64le":  {moves: mnemonicSet("MOVD", "FMOVD")},
	"riscv64":  {moves: mnemonicSet("MOV", "MOVD")},
	"s390x":    {moves: mnemonicSet("MOVD", "FMOVD")},
}

// archIdioms is an idiomTable made ready for one Arch's lookups: one
// lookup of the mnemonic gives its idiom bits, and the registers are
// resolved.
type archIdioms struct {
	bits  map[string]uint8 // idiomMove, idiomZero, idiomZeroExt by mnemonic, copied into the opEntries
	upper RegSet
	tls   Reg // NoReg without tls
	isTLS bool
}

const (
	idiomMove = 1 << iota
	idiomZero
	idiomZeroExt
)

// idiomsFor returns the idioms of a, or nil.
func idiomsFor(a *Arch) *archIdioms {
	t := idioms[a.Name]
	if t == nil {
		return nil
	}
	bits := map[string]uint8{}
	for op := range t.moves {
		bits[op] |= idiomMove
	}
	for op := range t.zeroes {
		bits[op] |= idiomZero
	}
	for op := range t.zeroExt {
		bits[op] |= idiomZeroExt
	}
	ai := &archIdioms{bits: bits, isTLS: t.tls != ""}
	if t.tls != "" {
		ai.tls = a.Regs.Reg(t.tls)
	}
	for _, name := range t.upper {
		if r := a.Regs.Reg(name); r != NoReg {
			ai.upper.Add(r)
		}
	}
	return ai
}

// markIdioms sets AttrMove, AttrZeroIdiom and AttrLoadsG on the Effect
// being lowered, from the arch's idiom table.
func (c *Ctx) markIdioms() {
	t := c.Arch.idiom
	e := c.E
	if t == nil || !e.Known || e.Conditional || e.Pseudo != NotPseudo {
		return
	}
	var bits uint8
	if c.entry != nil {
		bits = c.entry.idiom
	}
	if bits&idiomMove != 0 && len(e.Reads) == 1 && len(e.Writes) == 1 && len(e.Mem) == 0 && e.Writes[0].Off == 0 {
		e.Attrs |= AttrMove
		if bits&idiomZeroExt != 0 {
			e.Attrs |= AttrZeroExtend
		}
	}
	if bits&idiomZero != 0 && len(e.Writes) > 0 && len(e.Mem) == 0 && sameReg(e.Reads) && !hasImmediate(c.Stmt.Args) {
		// XORL $5, CX reads one register too, but it is no idiom.
		e.Attrs |= AttrZeroIdiom
	}
	if args := c.Stmt.Args; bits&idiomMove != 0 && len(args) == 2 && len(e.Reads) == 0 && len(e.Writes) == 1 && len(e.Mem) == 0 &&
		args[0].Kind == asmparse.ImmOp && args[0].Val == 0 && args[0].Unresolved() == "" {
		// MOVQ $0, BP; MOVD $0, R29.
		e.Attrs |= AttrZeroIdiom
		if bits&idiomZeroExt != 0 {
			e.Attrs |= AttrZeroExtend
		}
	}
	if t.isTLS && len(e.Writes) == 1 && len(e.Mem) == 1 && e.Mem[0].Read {
		tls := t.tls
		for _, r := range e.Reads {
			if r.Reg == tls && tls != NoReg {
				e.Attrs |= AttrLoadsG
			}
		}
	}
}

// hasImmediate reports whether an operand is a constant: an instruction
// that combines a register with a constant does not zero it.
func hasImmediate(args []asmparse.Operand) bool {
	for i := range args {
		switch args[i].Kind {
		case asmparse.ImmOp, asmparse.ConstOp, asmparse.FloatOp:
			return true
		}
	}
	return false
}

// sameReg reports whether every access in refs is to one register (true
// for none).
func sameReg(refs []RegRef) bool {
	for _, r := range refs {
		if r.Reg != refs[0].Reg {
			return false
		}
	}
	return true
}

// regNames returns prefix0 … prefix(n-1).
func regNames(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + strconv.Itoa(i)
	}
	return out
}

// ReadsUpper reports whether e reads the upper half (the bytes above the
// low 16) of a vector register whose upper state the AVX-SSE transition
// tracks: VMOVDQU64 Z1, (DI) stores a ZMM register whose upper half some
// earlier instruction, perhaps a callee's, wrote.
func (a *Arch) ReadsUpper(e Inst) bool {
	a.once.Do(a.compile)
	t := a.idiom
	if t == nil || e.Attrs&AttrData != 0 {
		return false
	}
	for _, r := range e.Reads() {
		size := int(r.Size)
		if size == 0 {
			size = int(a.Regs.Info(r.Reg).Size)
		}
		if int(r.Off)+size > 16 && r.Reg != NoReg && t.upper.Has(r.Reg) {
			return true
		}
	}
	return false
}

// DirtiesUpper reports whether e writes the upper half (the bytes above
// the low 16) of a vector register whose upper state the AVX-SSE
// transition tracks (see idiomTable.upper).
func (a *Arch) DirtiesUpper(e Inst) bool {
	a.once.Do(a.compile)
	t := a.idiom
	if t == nil || e.Attrs&AttrWide == 0 {
		return false
	}
	if e.Attrs&AttrData != 0 {
		return true // bytes that decode to a YMM or ZMM write (neutral.go)
	}
	for _, w := range e.Writes() {
		size := int(w.Size)
		if size == 0 {
			size = int(a.Regs.Info(w.Reg).Size)
		}
		if int(w.Off)+size <= 16 {
			continue
		}
		if w.Reg != NoReg && t.upper.Has(w.Reg) {
			return true
		}
	}
	return false
}
