package frame

import (
	"math"
	"strings"

	"github.com/asmcheck/asmcheck/asmparse"
)

// Which arm64 instructions the assembler expands through REGTMP (R27).
//
// cmd/internal/obj/arm64/asm7.go says it itself: an instruction "uses
// REGTMP" when the optab entry oplook picks for it is longer than one
// instruction and not flagged NOTUSETMP (isRestartable; MarkUnsafePoints
// then brackets it with PCDATA $0, $-3/$-4, which `go tool asm -S`
// prints). The entries that do are, by asm7.go case:
//
//	13, 62, 28  ADD/SUB/CMP/CMN and AND/ORR/EOR/BIC/TST/… of a constant that
//	            is not an immediate of the instruction: the constant is
//	            built in REGTMP (MOVZ/MOVN/MOVK or ORR) first. ADD $0x123456
//	            is two ADDs (case 48, NOTUSETMP), but conclass looks for a
//	            MOVZ/MOVN or bitmask constant first, so ADD $0x1480 and
//	            ADD $-16 go through REGTMP; a logical immediate cannot
//	            write ZR, so AND $1, R1, ZR does too.
//	16          REM, UREM: DIV into REGTMP, then MSUB.
//	30, 31      MOVx to/from a register + offset that no LDR/STR/LDUR
//	            encodes: ADD REGTMP, Rn, $hi; then LDR/STR (REGTMP)$lo, or
//	            the offset from the literal pool into REGTMP.
//	34          MOVD $off(Rn), Rd with off beyond two ADDs: literal in REGTMP.
//	64, 65      MOVx/FMOVx/VMOVx to or from sym(SB): ADRP REGTMP; LDR/STR.
//	74-77       LDP/STP with an offset the 7-bit scaled field cannot hold.
//	87, 88      LDP/STP to or from sym(SB).
//
// and, through obj7.go progedit, FMOVS/FMOVD of a float constant that
// FMOV cannot encode and VMOVS/VMOVD/VMOVQ of any constant, which become
// loads from a literal symbol (case 65).
//
// Never: MOVD/MOVW $c, Rd (MOVZ/MOVN/MOVK into Rd itself, case 12,
// NOTUSETMP), MOVD $sym(SB), Rd (ADRP+ADD into Rd, case 68, NOTUSETMP),
// pre/post-indexed loads and stores (the offset must fit 9 bits), branches
// (a far conditional branch becomes a B.cond over a B, fixUpLongBranch).
//
// Not decided here, for want of information a statement does not carry:
// offsets from the pseudo-registers FP and SP (x+8(FP) becomes
// autosize+8+off(RSP) and needs REGTMP only when that is large, so it
// depends on the frame size), constants and offsets from go_asm.h whose
// value is unknown, and -dynlink builds (buildmode=shared, plugin), where
// MOVD $sym(SB), Rd also goes through the GOT via REGTMP (obj7.go
// rewriteToUseGot, case 71).
//
// TestARM64Machine checks this function on every instruction of the
// corpus and on probes at each boundary, against both R27 in the emitted
// code and the assembler's PCDATA marks.
//
// A load of a TLSBSS symbol (runtime·tls_g on linux) is marked: it is
// MOVZ Rd without REGTMP in an executable (case 69) but ADRP REGTMP + LDR
// with -shared (case 70), and whether a symbol is TLS is only known from
// its GLOBL.
func arm64UsesTmp(c *Ctx) bool {
	op, args := c.Op, c.Stmt.Args
	if len(args) == 0 {
		return false
	}
	sizes := c.arm64TmpSizes()
	switch {
	case sizes.mem != 0 || sizes.pair != 0:
		return arm64MemUsesTmp(c)
	case sizes.add != 0:
		w := sizes.add == 4
		v, ok := arm64Imm(&args[0], w)
		if !ok {
			return false
		}
		// conclass tries isaddcon, then movcon, then isbitcon, and only
		// then isaddcon2: ADD $0x1480 is MOVZ REGTMP + ADD (case 62), not
		// two ADDs. ADDS/SUBS never take the two-ADD form (oplook), nor
		// CMP/CMN, which have no ADDCON2 row.
		s := strings.HasPrefix(op, "ADDS") || strings.HasPrefix(op, "SUBS") || strings.HasPrefix(op, "CM")
		if v == 0 || asm7isaddcon(v) {
			return false
		}
		two := !s && asm7isaddcon2(v) && !asm7movcon(v, w) && !asm7isbitcon(arm64BitconValue(v, w))
		return !two
	case sizes.logic != 0:
		w := sizes.logic == 4
		v, ok := arm64Imm(&args[0], w)
		if !ok {
			return false
		}
		// A logical immediate cannot name ZR as destination (register 31
		// is RSP there), so AND $1, ZR takes the REGTMP row as well.
		if last := &args[len(args)-1]; !strings.HasPrefix(op, "TST") && !strings.HasPrefix(op, "ANDS") && !strings.HasPrefix(op, "BICS") &&
			last.Kind == asmparse.RegOp && last.Reg() == "ZR" {
			return true
		}
		return !asm7isbitcon(arm64BitconValue(v, w))
	case op == "VMOVS" || op == "VMOVD" || op == "VMOVQ":
		return args[0].Kind == asmparse.ImmOp || args[0].Kind == asmparse.MemOp && args[0].Reg() == "SB"
	}
	return false
}

// arm64Imm returns the value of an immediate first operand, as asm7.go
// classifies it: a 32-bit instruction's constant is taken as uint32
// (con32class).
func arm64Imm(a *asmparse.Operand, w bool) (int64, bool) {
	if a.Kind != asmparse.ImmOp || a.Unresolved() != "" {
		return 0, false
	}
	if w {
		return int64(uint32(a.Val)), true
	}
	return a.Val, true
}

// arm64AddOps are the instructions with an arithmetic immediate (12 bits,
// optionally shifted by 12), by register size (asm7.go isADDop, isADDWop).
var arm64AddOps = map[string]int{
	"ADD": 8, "ADDS": 8, "SUB": 8, "SUBS": 8, "CMN": 8, "CMP": 8,
	"ADDW": 4, "ADDSW": 4, "SUBW": 4, "SUBSW": 4, "CMNW": 4, "CMPW": 4,
}

// arm64LogicOps are the instructions with a logical (bitmask) immediate
// (asm7.go isANDop, isANDWop).
var arm64LogicOps = map[string]int{
	"AND": 8, "ANDS": 8, "ORR": 8, "EOR": 8, "BIC": 8, "BICS": 8, "EON": 8, "ORN": 8, "TST": 8,
	"ANDW": 4, "ANDSW": 4, "ORRW": 4, "EORW": 4, "BICW": 4, "BICSW": 4, "EONW": 4, "ORNW": 4, "TSTW": 4,
}

// arm64MemSize is the access size of the single loads and stores that can
// address sym(SB) and large offsets (asm7.go isMOVop, movesize).
var arm64MemSize = map[string]int{
	"MOVD": 8, "MOVW": 4, "MOVWU": 4, "MOVH": 2, "MOVHU": 2, "MOVB": 1, "MOVBU": 1,
	"FMOVD": 8, "FMOVS": 4, "FMOVQ": 16,
}

// arm64PairSize is the register size of the load/store pair instructions
// (asm7.go isLoadStorePairOp and the instructions oprangeset gives the
// same optab rows).
var arm64PairSize = map[string]int{
	"LDP": 8, "STP": 8, "FLDPD": 8, "FSTPD": 8,
	"LDPW": 4, "STPW": 4, "LDPSW": 4, "FLDPS": 4, "FSTPS": 4,
	"FLDPQ": 16, "FSTPQ": 16,
}

// arm64TmpOps are the sizes of arm64AddOps, arm64LogicOps, arm64MemSize
// and arm64PairSize for each mnemonic, found with one lookup.
type arm64TmpOps struct{ add, logic, mem, pair int }

// arm64TmpSizes returns arm64TmpSizes of c.Op, from the table's entry
// for it when there is one.
func (c *Ctx) arm64TmpSizes() arm64TmpOps {
	if c.entry != nil {
		return c.entry.arm64Tmp
	}
	sizes, _ := arm64TmpSizes.get(c.Op)
	return sizes
}

var arm64TmpSizes = func() *strTable[arm64TmpOps] {
	m := map[string]arm64TmpOps{}
	for op, n := range arm64AddOps {
		s := m[op]
		s.add = n
		m[op] = s
	}
	for op, n := range arm64LogicOps {
		s := m[op]
		s.logic = n
		m[op] = s
	}
	for op, n := range arm64MemSize {
		s := m[op]
		s.mem = n
		m[op] = s
	}
	for op, n := range arm64PairSize {
		s := m[op]
		s.pair = n
		m[op] = s
	}
	return newStrTable(m)
}()

// arm64MemUsesTmp decides the loads and stores and the constant and
// address moves of arm64MemSize/arm64PairSize instructions.
func arm64MemUsesTmp(c *Ctx) bool {
	op, args := c.Op, c.Stmt.Args
	for i := range args {
		a := &args[i]
		switch a.Kind {
		case asmparse.MemOp:
			if a.Reg() == "SB" {
				return true // cases 64, 65, 87, 88; a TLS symbol: case 70 with -shared
			}
			if c.WriteBack || a.Index() != "" || a.Unresolved() != "" || a.Reg() == "FP" || a.Reg() == "SP" || a.Reg() == "" {
				return false
			}
			sizes := c.arm64TmpSizes()
			if n := sizes.pair; n != 0 {
				return !arm64PairOffsetOK(a.Val, int64(n))
			}
			return !arm64OffsetOK(a.Val, int64(sizes.mem))
		case asmparse.AddrOp:
			// MOVD $off(Rn), Rd: AACON (one ADD/SUB), AACON2 (two ADDs,
			// NOTUSETMP) or LACON (literal in REGTMP, case 34); aclass.
			if a.Reg() == "SB" || a.Reg() == "FP" || a.Reg() == "SP" || a.Reg() == "" || a.Unresolved() != "" {
				return false
			}
			v := a.Val
			return !(asm7isaddcon(v) || asm7isaddcon(-v) || asm7isaddcon2(v))
		case asmparse.FloatOp:
			// obj7.go progedit: FMOVD $f stays an FMOV immediate when
			// chipfloat7(f) > 0, becomes FMOVD ZR when f is +0, and a load
			// of $f64.<bits>(SB) otherwise.
			f := a.Float()
			if op == "FMOVS" {
				return asm7chipfloat7(f) <= 0 && math.Float32bits(float32(f)) != 0
			}
			return asm7chipfloat7(f) <= 0 && math.Float64bits(f) != 0
		}
	}
	return false
}

// arm64OffsetOK reports whether a load or store of size bytes at off(Rn)
// is one instruction: LDUR/STUR take -256..255, LDR/STR an unsigned
// 12-bit multiple of the size (asm7.go autoclass/oregclass C_NSOREG,
// C_PSOREG, C_UOREG4K…C_UOREG64K; loadStoreClass).
func arm64OffsetOK(off, size int64) bool {
	return -256 <= off && off <= 255 || off >= 0 && off%size == 0 && off/size <= 4095
}

// arm64PairOffsetOK reports whether a pair of size-byte registers at
// off(Rn) is one LDP/STP: a signed 7-bit multiple of the size (asm7.go
// C_NPOREG/C_PPOREG for LDP, C_NSOREG_4/C_PSOREG_4 for LDPW,
// C_NQOREG_16/C_PQOREG_16 for FLDPQ).
func arm64PairOffsetOK(off, size int64) bool {
	return off%size == 0 && -64*size <= off && off <= 63*size
}

// arm64BitconValue is the value asm7.go conclass tests with isbitcon:
// a 32-bit instruction's constant repeated in both halves.
func arm64BitconValue(v int64, w bool) uint64 {
	if w {
		return uint64(uint32(v))<<32 | uint64(uint32(v))
	}
	return uint64(v)
}

// asm7movcon reports whether asm7.go conclass finds v, or its
// complement, to be a single MOVZ/MOVN (movcon(v) >= 0 or
// movcon(vnotcon) >= 0).
func asm7movcon(v int64, w bool) bool {
	not := ^v
	if w {
		not = int64(uint32(not))
	}
	return movcon16(v) || movcon16(not)
}

// movcon16 is asm7.go movcon(v) >= 0: v is one aligned 16-bit field.
func movcon16(v int64) bool {
	for s := 0; s < 64; s += 16 {
		if uint64(v)&^(uint64(0xFFFF)<<uint(s)) == 0 {
			return true
		}
	}
	return false
}

// asm7isaddcon is asm7.go isaddcon: an unsigned 12-bit immediate,
// optionally shifted left by 12.
func asm7isaddcon(v int64) bool {
	if v < 0 {
		return false
	}
	if v&0xFFF == 0 {
		v >>= 12
	}
	return v <= 0xFFF
}

// asm7isaddcon2 is asm7.go isaddcon2: two ADDs of 12 bits each.
func asm7isaddcon2(v int64) bool {
	return 0 <= v && v <= 0xFFFFFF
}

// asm7isbitcon is asm7.go isbitcon: a logical-instruction bitmask
// immediate (a rotated run of ones repeated with period 2…64; not 0 or -1).
func asm7isbitcon(x uint64) bool {
	if x == 1<<64-1 || x == 0 {
		return false
	}
	switch {
	case x != x>>32|x<<32:
	case x != x>>16|x<<48:
		x = uint64(int64(int32(x)))
	case x != x>>8|x<<56:
		x = uint64(int64(int16(x)))
	case x != x>>4|x<<60:
		x = uint64(int64(int8(x)))
	default:
		return true
	}
	return asm7sequenceOfOnes(x) || asm7sequenceOfOnes(^x)
}

// asm7sequenceOfOnes is asm7.go sequenceOfOnes.
func asm7sequenceOfOnes(x uint64) bool {
	y := x & -x
	y += x
	return (y-1)&y == 0
}

// asm7chipfloat7 is asm7.go chipfloat7: the 8-bit FMOV immediate encoding
// of e, or -1. Note that obj7.go tests "> 0", so 2.0 (encoding 0) is
// loaded from memory.
func asm7chipfloat7(e float64) int {
	ei := math.Float64bits(e)
	l := uint32(int32(ei))
	h := uint32(int32(ei >> 32))
	if l != 0 || h&0xffff != 0 {
		return -1
	}
	h1 := h & 0x7fc00000
	if h1 != 0x40000000 && h1 != 0x3fc00000 {
		return -1
	}
	n := 0
	if h&0x80000000 != 0 {
		n |= 1 << 7
	}
	if h1 == 0x3fc00000 {
		n |= 1 << 6
	}
	n |= int((h >> 16) & 0x3f)
	return n
}
