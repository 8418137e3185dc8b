package frame

// Idioms: facts about single instructions that the register checks need
// and that the access codes of the tables cannot say — that a move copies
// a value unchanged, that XOR of a register with itself is zero, that a
// load through TLS yields g. They are data per arch, marked on the Effect
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
	// they have no register source at all (VZEROALL).
	zeroes map[string]bool
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

var x86Moves = mnemonicSet("MOVQ", "MOVL", "MOVO", "MOVOU", "MOVOA", "MOVUPS", "MOVAPS", "MOVUPD", "MOVAPD",
	"VMOVDQU", "VMOVDQA", "VMOVUPS", "VMOVAPS", "VMOVUPD", "VMOVAPD",
	"VMOVDQU32", "VMOVDQU64", "VMOVDQA32", "VMOVDQA64")

// x86Zeroes are the zeroing idioms Intel's optimization manual lists
// (XOR, SUB, PXOR, XORPS … of a register with itself) and VZEROALL.
var x86Zeroes = mnemonicSet("XORQ", "XORL", "SUBQ", "SUBL", "XORPS", "XORPD", "PXOR", "PSUBQ",
	"VPXOR", "VXORPS", "VXORPD", "VPXORD", "VPXORQ", "VZEROALL")

var idioms = map[string]*idiomTable{
	"amd64": {moves: x86Moves, zeroes: x86Zeroes, tls: "TLS"},
	"386":   {moves: x86Moves, zeroes: x86Zeroes, tls: "TLS"},
	// arm64: MOVD Rn, Rd is ORR Rd, ZR, Rn; FMOVD Fn, Fd copies the low 64
	// bits; VMOV Vn.B16, Vd.B16 is ORR of the vector with itself.
	"arm64": {
		moves:  mnemonicSet("MOVD", "FMOVD", "FMOVS", "VMOV", "MOVWU"),
		zeroes: mnemonicSet("EOR", "EORW", "SUB", "SUBW", "VEOR"),
	},
}

// markIdioms sets AttrMove, AttrZeroIdiom and AttrLoadsG on the Effect
// being lowered, from the arch's idiom table.
func (c *Ctx) markIdioms() {
	t := idioms[c.Arch.Name]
	e := c.E
	if t == nil || !e.Known || e.Conditional || e.Pseudo != NotPseudo {
		return
	}
	if t.moves[c.Op] && len(e.Reads) == 1 && len(e.Writes) == 1 && len(e.Mem) == 0 && e.Writes[0].Off == 0 {
		e.Attrs |= AttrMove
	}
	if t.zeroes[c.Op] && len(e.Writes) > 0 && len(e.Mem) == 0 && sameReg(e.Reads) {
		e.Attrs |= AttrZeroIdiom
	}
	if t.tls != "" && len(e.Writes) == 1 && len(e.Mem) == 1 && e.Mem[0].Read {
		tls := c.Arch.Regs.Reg(t.tls)
		for _, r := range e.Reads {
			if r.Reg == tls && tls != NoReg {
				e.Attrs |= AttrLoadsG
			}
		}
	}
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
