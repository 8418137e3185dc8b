package main

import (
	"fmt"
	"log"
	"sort"
	"strconv"
	"strings"
)

// A regKind classifies a register operand.
type regKind uint8

const (
	regNone  regKind = iota
	regGP            // AX … R15 at some width
	regVec           // X, Y, Z registers and the MMX registers M0–M7
	regMask          // K0–K7
	regOther         // segment, control and debug registers
)

// An operand is one operand position of one instruction form, in Go
// order. A position may accept a register, memory, or both (r/m32).
type operand struct {
	imm   bool    // an immediate
	reg   regKind // the register it may be, or regNone
	regSz int     // bytes of the register accessed; 0 means all of it as spelled
	vecSz int     // for regVec: the bytes of the register class (X 16, Y 32, Z 64, MMX 8)
	mem   bool    // memory
	memSz int     // bytes of memory accessed; -1 if not known
	idxSz int     // bytes of the vector index register of a VSIB memory operand
	r, w  bool    // read, written
	addr  bool    // only the address of the memory operand is used
	merge bool    // read only because of EVEX merge masking
}

// A form is one instruction form from the data.
type form struct {
	op   string
	args []operand
	bcst int    // element bytes loaded by an EVEX broadcast, 0 if none
	src  string // where the form came from, for messages
}

// A row is one line of the generated table (frame.x86Row).
type row struct {
	op    string
	n     int
	args  string
	mem   string
	bcst  int
	flags int
}

// rowMerge is frame's x86Merge flag.
const rowMerge = 1

// row combines the forms of one mnemonic with one operand count.
func (g *gen) row(k key, forms []*form) row {
	r := row{op: k.op, n: k.n}
	var codes, mems []string
	for i := 0; i < k.n; i++ {
		var read, write, addr, imm, merged, inherent, hasMem, memR, memW bool
		imm = true
		for _, f := range forms {
			a := f.args[i]
			read = read || a.r
			write = write || a.w
			if a.mem {
				hasMem = true
				memR = memR || a.r && !a.merge
				memW = memW || a.w
			}
			addr = addr || a.addr
			imm = imm && a.imm
			if a.merge {
				merged = true
			} else if a.r {
				inherent = true
			}
		}
		if merged && !inherent {
			r.flags |= rowMerge
		}
		code := ""
		switch {
		case addr:
			code = "a"
		case imm:
			code = "-"
		default:
			if read {
				code += "r"
			}
			if write {
				code += "w"
			}
			if code == "" {
				code = "-"
			}
		}
		size, rule := g.sizes(k, forms, i)
		if size > 0 {
			code += strconv.Itoa(size)
		}
		if hasMem && !addr && (memR != read || memW != write) {
			// Another form has a register here that is accessed
			// differently (VPGATHERDD: the VEX form's mask register
			// is read and written, the EVEX form's memory only read).
			acc := ""
			if memR {
				acc += "r"
			}
			if memW {
				acc += "w"
			}
			rule = acc + rule
		}
		if rule != "" && !addr {
			mems = append(mems, fmt.Sprintf("%d=%s", i, rule))
		}
		codes = append(codes, code)
	}
	r.args = strings.Join(codes, ",")
	r.mem = strings.Join(mems, ",")
	for _, f := range forms {
		if f.bcst != 0 {
			if r.bcst != 0 && r.bcst != f.bcst {
				g.warnf("%s/%d: broadcast element sizes %d and %d", k.op, k.n, r.bcst, f.bcst)
			}
			r.bcst = f.bcst
		}
	}
	return r
}

// sizes returns the access size to put in operand i's access code
// (0 for none: registers are then accessed whole, as spelled) and, when
// that does not give the memory size, a rule for it: "n" (bytes) or
// "@j", "@j*m", "@j/d" (the size of vector operand j, times m or
// divided by d), "@x…", "@j:dup", "@j:mmx=n" (see frame.x86Row).
func (g *gen) sizes(k key, forms []*form, i int) (int, string) {
	same, first := true, -2
	note := func(s int) {
		if first == -2 {
			first = s
		} else if s != first {
			same = false
		}
	}
	gpSame, gpSize := true, 0
	hasMem := false
	for _, f := range forms {
		a := f.args[i]
		if a.reg == regGP {
			if gpSize != 0 && gpSize != a.regSz {
				gpSame = false
			}
			gpSize = a.regSz
		}
		if a.reg != regNone {
			s := a.regSz
			if s == 0 && a.reg == regVec {
				s = a.vecSz
			}
			note(s)
		}
		if a.mem {
			hasMem = true
			note(a.memSz)
		}
	}
	if same && first > 0 {
		return first, ""
	}
	size := 0
	if gpSize > 0 && gpSame {
		// The general registers' width: MOVL, PEXTRB's r32. Other
		// registers here get it too, which is what MOVL X0, AX
		// reads of X0 (and the low part of what MOVL AX, X0 writes).
		size = gpSize
	}
	if !hasMem {
		return size, ""
	}
	memSame, memFirst := true, -2
	for _, f := range forms {
		if a := f.args[i]; a.mem {
			if memFirst == -2 {
				memFirst = a.memSz
			} else if a.memSz != memFirst {
				memSame = false
			}
		}
	}
	if memSame {
		if memFirst > 0 && memFirst != size {
			return size, strconv.Itoa(memFirst)
		}
		return size, ""
	}
	// The memory size follows the vector length: find an operand whose
	// register size it is a fixed multiple or fraction of. Try the
	// destination first.
	for j := k.n - 1; j >= 0; j-- {
		if j == i {
			continue
		}
		if rule, ok := relRule(forms, i, j); ok {
			return size, rule
		}
	}
	if rule, ok := relRule(forms, i, -1); ok {
		return size, rule
	}
	for j := k.n - 1; j >= 0; j-- {
		if j != i && dupRule(forms, i, j) {
			return size, fmt.Sprintf("@%d:dup", j)
		}
	}
	for j := k.n - 1; j >= 0; j-- {
		if rule, ok := mmxRule(forms, i, j); ok && j != i {
			return size, rule
		}
	}
	var desc []string
	for _, f := range forms {
		desc = append(desc, fmt.Sprintf("%s:%d", f.src, f.args[i].memSz))
	}
	sort.Strings(desc)
	g.warnf("%s/%d: operand %d: no rule for memory sizes %v", k.op, k.n, i, desc)
	return size, ""
}

// relRule reports the rule "@j…" if, in every form where operand i is
// memory, operand j is a vector register and the memory size is the
// same multiple or fraction of its size. For j < 0 it tries the vector
// index register of operand i itself (gathers): "@x…".
func relRule(forms []*form, i, j int) (string, bool) {
	num, den := 0, 0
	for _, f := range forms {
		a := f.args[i]
		if !a.mem {
			continue
		}
		ref := a.idxSz
		if j >= 0 {
			b := f.args[j]
			if b.reg != regVec || b.mem {
				return "", false
			}
			ref = b.vecSz
		}
		if ref == 0 || a.memSz <= 0 {
			return "", false
		}
		n, d := a.memSz, ref
		for _, p := range []int{64, 32, 16, 8, 4, 2} {
			if n%p == 0 && d%p == 0 {
				n, d = n/p, d/p
				break
			}
		}
		if n != 1 && d != 1 {
			return "", false
		}
		if num == 0 {
			num, den = n, d
		} else if num != n || den != d {
			return "", false
		}
	}
	ref := strconv.Itoa(j)
	if j < 0 {
		ref = "x"
	}
	switch {
	case num == 0:
		return "", false
	case num == 1 && den == 1:
		return "@" + ref, true
	case den == 1:
		return fmt.Sprintf("@%s*%d", ref, num), true
	}
	return fmt.Sprintf("@%s/%d", ref, den), true
}

// mmxRule handles operands whose memory size follows the vector length
// except in the MMX forms (PUNPCKLBW: m32 with MMX, m128 with XMM): the
// rule of the other forms, then ":mmx=n".
func mmxRule(forms []*form, i, j int) (string, bool) {
	var rest []*form
	mmx := 0
	for _, f := range forms {
		a, b := f.args[i], f.args[j]
		if a.mem && b.reg == regVec && b.vecSz == 8 {
			if mmx != 0 && mmx != a.memSz {
				return "", false
			}
			mmx = a.memSz
			continue
		}
		rest = append(rest, f)
	}
	if mmx <= 0 {
		return "", false
	}
	rule, ok := relRule(rest, i, j)
	return fmt.Sprintf("%s:mmx=%d", rule, mmx), ok
}

// dupRule reports whether, in every form where operand i is memory,
// operand j is a vector register of the same size, except that a 16-byte
// one goes with 8 bytes of memory: (V)MOVDDUP, whose 128-bit form loads
// one float64 and whose longer forms load a whole vector.
func dupRule(forms []*form, i, j int) bool {
	seen := false
	for _, f := range forms {
		a, b := f.args[i], f.args[j]
		if !a.mem {
			continue
		}
		if b.reg != regVec || b.mem {
			return false
		}
		want := b.vecSz
		if want == 16 {
			want = 8
		}
		if a.memSz != want {
			return false
		}
		seen = true
	}
	return seen
}

// warnf reports a form the table cannot describe exactly.
func (g *gen) warnf(format string, args ...any) {
	log.Printf(format, args...)
}
