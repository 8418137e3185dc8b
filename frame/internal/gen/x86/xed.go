package main

import (
	"log"
	"strconv"
	"strings"

	"golang.org/x/arch/x86/xeddata"

	"github.com/asmcheck/asmcheck/frame/internal/gen/x86/x86data"
)

// goSuffix gives the suffix the Go assembler adds to some AVX iclasses to
// tell apart forms whose operands do not (the memory operand of
// VCVTPD2DQ could be 16 or 32 bytes; VCVTSI2SD's could be 4 or 8). The
// list is that of cmd/internal/obj/x86/avx_optabs.go's mnemonics, where
// each split iclass has its suffixed names.
var goSuffix = map[string]string{
	"VCVTPD2DQ": "XY", "VCVTPD2PS": "XY", "VCVTTPD2DQ": "XY", "VCVTQQ2PS": "XY",
	"VCVTUQQ2PS": "XY", "VCVTPD2UDQ": "XY", "VCVTTPD2UDQ": "XY",
	"VFPCLASSPD": "XYZ", "VFPCLASSPS": "XYZ",
	"VCVTSD2SI": "Q", "VCVTTSD2SI": "Q", "VCVTTSS2SI": "Q", "VCVTSS2SI": "Q",
	"VCVTSD2USI": "LQ", "VCVTSS2USI": "LQ", "VCVTTSD2USI": "LQ", "VCVTTSS2USI": "LQ",
	"VCVTUSI2SD": "LQ", "VCVTUSI2SS": "LQ", "VCVTSI2SD": "LQ", "VCVTSI2SS": "LQ",
	"ANDN": "LQ", "BEXTR": "LQ", "BLSI": "LQ", "BLSMSK": "LQ", "BLSR": "LQ", "BZHI": "LQ",
	"MULX": "LQ", "PDEP": "LQ", "PEXT": "LQ", "RORX": "LQ", "SARX": "LQ", "SHLX": "LQ", "SHRX": "LQ",
}

// goAVXName returns the Go mnemonic of an XED instruction.
func goAVXName(iclass string, pset xeddata.PatternSet) string {
	vl := pset.MatchOrDefault("", "VL=0", "X", "VL=1", "Y", "VL=2", "Z")
	w1 := pset.Is("REXW=1")
	switch goSuffix[iclass] {
	case "XY":
		if vl == "X" || vl == "Y" {
			return iclass + vl
		}
	case "XYZ":
		return iclass + vl
	case "Q":
		if w1 {
			return iclass + "Q"
		}
	case "LQ":
		if w1 {
			return iclass + "Q"
		}
		return iclass + "L"
	}
	return iclass
}

// readXED adds every VEX and EVEX form in XED's datafiles.
func (g *gen) readXED(dir string) {
	db, err := xeddata.NewDatabase(dir)
	if err != nil {
		log.Fatalf("%s: %v", dir, err)
	}
	err = xeddata.WalkInsts(dir, func(inst *xeddata.Inst) {
		pset := xeddata.NewPatternSet(xeddata.ExpandStates(db, inst.Pattern))
		switch {
		case inst.HasAttribute("AMDONLY") || inst.Extension == "XOP":
			return
		case !pset.Is("VEX") && !pset.Is("EVEX"):
			return // legacy encodings come from the CSV
		case inst.RealOpcode == "N":
			return
		}
		pset.Replace("FIX_ROUND_LEN128()", "VL=0")
		pset.Replace("FIX_ROUND_LEN512()", "VL=2")
		op := goAVXName(inst.Iclass, pset)
		if !g.names[op] {
			g.skipped[op] = true
			return
		}
		for _, f := range g.xedForms(db, inst, pset, op) {
			g.add(f)
		}
	})
	if err != nil {
		log.Fatalf("%s: %v", dir, err)
	}
}

// xedForms converts one XED instruction to one form, or two when it
// takes an optional EVEX opmask (without and with the mask operand).
func (g *gen) xedForms(db *xeddata.Database, inst *xeddata.Inst, pset xeddata.PatternSet, op string) []*form {
	evex := pset.Is("EVEX")
	f := &form{op: op, src: inst.Iform}
	mask := -1
	for _, field := range strings.Fields(inst.Operands) {
		x, err := xeddata.NewOperand(db, field)
		if err != nil {
			log.Fatalf("%s: %v", inst.Iform, err)
		}
		if x.Action == "" || !x.IsVisible() {
			continue // meta operands; suppressed registers are written by hand
		}
		a := xedOperand(db, inst, pset, x)
		if x.NameRHS() == "MASK1()" {
			mask = len(f.args)
		}
		f.args = append(f.args, a)
	}
	if x86data.XEDWriteOnlyDest[inst.Iclass] && len(f.args) > 0 {
		f.args[0].r = false
	}
	if evex && inst.HasAttribute("BROADCAST_ENABLED") {
		f.bcst = elemSize(pset)
		if pset["NELEM_HALF()"] {
			f.bcst = 4
		}
	}
	reverse(f.args)
	if mask < 0 {
		return []*form{f}
	}
	mask = len(f.args) - 1 - mask
	// Without the mask operand (K0: no masking).
	plain := &form{op: op, src: f.src, bcst: f.bcst}
	plain.args = append(append([]operand{}, f.args[:mask]...), f.args[mask+1:]...)
	// With it: a vector register destination keeps its unselected
	// elements (merge masking) unless .Z zeroes them.
	masked := &form{op: op, src: f.src, bcst: f.bcst, args: append([]operand{}, f.args...)}
	if d := &masked.args[len(masked.args)-1]; d.reg == regVec && !d.mem && !d.r {
		d.r, d.merge = true, true
	}
	return []*form{plain, masked}
}

// xedOperand describes one visible XED operand.
func xedOperand(db *xeddata.Database, inst *xeddata.Inst, pset xeddata.PatternSet, x *xeddata.Operand) operand {
	a := operand{r: strings.Contains(x.Action, "r"), w: strings.Contains(x.Action, "w")}
	lhs, rhs := x.NameLHS(), x.NameRHS()
	switch {
	case strings.HasPrefix(lhs, "IMM"):
		a.imm = true
	case lhs == "MEM0":
		a.mem = true
		a.memSz = xedMemSize(db, inst, pset, x)
		a.idxSz = vsibIndexSize(pset)
	case strings.HasPrefix(rhs, "GPR32") || strings.HasPrefix(rhs, "VGPR32"):
		a.reg, a.regSz = regGP, 4
	case strings.HasPrefix(rhs, "GPR64") || strings.HasPrefix(rhs, "VGPR64"):
		a.reg, a.regSz = regGP, 8
	case strings.HasPrefix(rhs, "XMM_"):
		a.reg, a.vecSz = regVec, 16
	case strings.HasPrefix(rhs, "YMM_"):
		a.reg, a.vecSz = regVec, 32
	case strings.HasPrefix(rhs, "ZMM_"):
		a.reg, a.vecSz = regVec, 64
	case strings.HasPrefix(rhs, "MASK"):
		a.reg = regMask
	default:
		log.Fatalf("%s: operand %s", inst.Iform, x.Name)
	}
	if a.reg == regVec {
		// A scalar operand in a register reads only its low part.
		if n := widthBytes(db, x.Width); n > 0 && n < a.vecSz {
			a.regSz = n
		}
	}
	return a
}

// xedMemSize returns the bytes an XED memory operand accesses. For EVEX
// forms that is the disp8 scaling factor N of the instruction's tuple
// type (Intel SDM vol. 2, 2.7.5 "Compressed Displacement (disp8*N)"),
// which is the size of the memory operand for every tuple type: the full
// or a fraction of the vector length, or a number of elements. For
// gathers and scatters it is one element.
func xedMemSize(db *xeddata.Database, inst *xeddata.Inst, pset xeddata.PatternSet, x *xeddata.Operand) int {
	vl := 16 << max(0, pset.Index("VL=0", "VL=1", "VL=2"))
	es := elemSize(pset)
	switch {
	case strings.Contains(inst.Iclass, "COMPRESS") || strings.Contains(inst.Iclass, "EXPAND"):
		// The selected elements are stored or loaded contiguously:
		// up to a whole vector (disp8 scales by one element).
		return vl
	case isGatherScatter(inst):
		// One element per index, as many as the shorter of the
		// index and data vectors hold; the size counts them all, as
		// x86asm does (the addresses are scattered).
		if es == 0 {
			es = widthBytes(db, x.Width)
		}
		idx := 4
		if strings.Contains(inst.Attributes, "QWORD_INDICES") {
			idx = 8
		}
		return vl / max(idx, es) * es
	case pset["NELEM_FULL()"], pset["NELEM_FULLMEM()"]:
		return vl
	case pset["NELEM_MOVDDUP()"]:
		if vl == 16 {
			return 8
		}
		return vl
	case pset["NELEM_HALF()"], pset["NELEM_HALFMEM()"]:
		return vl / 2
	case pset["NELEM_QUARTERMEM()"]:
		return vl / 4
	case pset["NELEM_EIGHTHMEM()"]:
		return vl / 8
	case pset["NELEM_TUPLE2()"]:
		return 2 * es
	case pset["NELEM_TUPLE4()"]:
		return 4 * es
	case pset["NELEM_TUPLE8()"]:
		return 8 * es
	case pset["NELEM_MEM128()"], pset["NELEM_TUPLE1_4X()"]:
		return 16
	}
	for k := range pset {
		if strings.HasPrefix(k, "NELEM_") && es > 0 {
			return es // scalar, GPR reader/writer, tuple1, gather/scatter
		}
	}
	if n := widthBytes(db, x.Width); n > 0 {
		return n
	}
	log.Fatalf("%s: no memory size for %s", inst.Iform, x.Width)
	return 0
}

// isGatherScatter reports whether inst addresses memory with a vector
// of indexes (VSIB). XED spells the attribute "gather" in VEX forms.
func isGatherScatter(inst *xeddata.Inst) bool {
	a := strings.ToUpper(inst.Attributes)
	return strings.Contains(a, "GATHER") || strings.Contains(a, "SCATTER")
}

// vsibIndexSize returns the bytes of the index register of a VSIB
// memory operand, or 0.
func vsibIndexSize(pset xeddata.PatternSet) int {
	switch {
	case pset["VMODRM_XMM()"], pset["UISA_VMODRM_XMM()"]:
		return 16
	case pset["VMODRM_YMM()"], pset["UISA_VMODRM_YMM()"]:
		return 32
	case pset["UISA_VMODRM_ZMM()"]:
		return 64
	}
	return 0
}

// elemSize returns the element size of an EVEX form in bytes.
func elemSize(pset xeddata.PatternSet) int {
	switch {
	case pset["ESIZE_8_BITS()"]:
		return 1
	case pset["ESIZE_16_BITS()"]:
		return 2
	case pset["ESIZE_32_BITS()"]:
		return 4
	case pset["ESIZE_64_BITS()"]:
		return 8
	}
	return 0
}

// widthBytes returns the bytes of an XED width code in 64-bit mode, or 0.
func widthBytes(db *xeddata.Database, width string) int {
	s := db.WidthSize(width, xeddata.OpSize64)
	if bits, ok := strings.CutSuffix(s, "bits"); ok {
		n, _ := strconv.Atoi(bits)
		return n / 8
	}
	n, _ := strconv.Atoi(s)
	return n
}

func reverse(a []operand) {
	for i, j := 0, len(a)-1; i < j; i, j = i+1, j-1 {
		a[i], a[j] = a[j], a[i]
	}
}
