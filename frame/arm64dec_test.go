package frame

import (
	"encoding/binary"
	"fmt"
	"reflect"
	"strings"

	"golang.org/x/arch/arm64/arm64asm"
)

// The machine side of TestARM64Machine: what one decoded instruction does,
// from golang.org/x/arch/arm64/arm64asm where it can decode the
// instruction, else from a small decoder of the encodings it lacks (LSE
// atomics, SHA512, SHA3, pointer authentication hints).

// arm64Inst is one decoded machine instruction.
type arm64Inst struct {
	op     string
	text   string
	reads  []string          // registers read: "R3", "V5", "SP"
	rbytes map[string][2]int // the bytes [lo, hi) of each register read
	writes map[string][2]int // register written → [off, size] of the bytes written; size 0 is all of it
	mem    *arm64InstMem
	flow   Flow
	bad    bool // could not be decoded
}

// arm64InstMem is the memory access of a machine instruction.
type arm64InstMem struct {
	base, index string
	mode        arm64asm.AddrMode // 0 for PC-relative (literal) loads
	imm         int64
	postReg     string // AddrPostReg: the register added to the base
	size        int
	read, write bool
	addr        bool // PRFM: address only
}

// read records reads of whole registers.
func (m *arm64Inst) read(names ...string) {
	for _, n := range names {
		full := 8
		if strings.HasPrefix(n, "V") {
			full = 16
		}
		m.readBytes(n, 0, full)
	}
}

// readBytes records the read of bytes [lo, hi) of a register.
func (m *arm64Inst) readBytes(name string, lo, hi int) {
	if name == "" {
		return
	}
	m.reads = append(m.reads, name)
	if m.rbytes == nil {
		m.rbytes = map[string][2]int{}
	}
	if old, ok := m.rbytes[name]; ok {
		lo, hi = min(lo, old[0]), max(hi, old[1])
	}
	m.rbytes[name] = [2]int{lo, hi}
}

func (m *arm64Inst) write(name string, off, size int) {
	if name == "" {
		return
	}
	if m.writes == nil {
		m.writes = map[string][2]int{}
	}
	m.writes[name] = [2]int{off, size}
}

// arm64RegName names an arm64asm register as the effect side does: R0–R30,
// V0–V31, "" for the zero register. sp says whether 31 is SP.
func arm64RegName(r arm64asm.Reg, sp bool) string {
	switch {
	case r >= arm64asm.W0 && r <= arm64asm.W30:
		return fmt.Sprintf("R%d", r-arm64asm.W0)
	case r >= arm64asm.X0 && r <= arm64asm.X30:
		return fmt.Sprintf("R%d", r-arm64asm.X0)
	case r == arm64asm.WZR || r == arm64asm.XZR:
		if sp {
			return "SP"
		}
		return ""
	}
	for _, base := range []arm64asm.Reg{arm64asm.B0, arm64asm.H0, arm64asm.S0, arm64asm.D0, arm64asm.Q0, arm64asm.V0} {
		if r >= base && r <= base+31 {
			return fmt.Sprintf("V%d", r-base)
		}
	}
	return fmt.Sprintf("?%d", r)
}

// arm64RegBytes is the width in bytes of an arm64asm register operand.
func arm64RegBytes(r arm64asm.Reg) int {
	switch {
	case r >= arm64asm.W0 && r <= arm64asm.WZR:
		return 4
	case r >= arm64asm.X0 && r <= arm64asm.XZR:
		return 8
	case r >= arm64asm.B0 && r <= arm64asm.B31:
		return 1
	case r >= arm64asm.H0 && r <= arm64asm.H31:
		return 2
	case r >= arm64asm.S0 && r <= arm64asm.S31:
		return 4
	case r >= arm64asm.D0 && r <= arm64asm.D31:
		return 8
	}
	return 16
}

// arm64Field reads an unexported integer field of an arm64asm argument.
func arm64Field(v any, name string) int64 {
	f := reflect.ValueOf(v).FieldByName(name)
	switch f.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return f.Int()
	case reflect.Bool:
		if f.Bool() {
			return 1
		}
		return 0
	}
	return int64(f.Uint())
}

// arm64ArrBytes gives the bytes of one register of an arrangement and of one
// element.
func arm64ArrBytes(a arm64asm.Arrangement) (reg, elem int) {
	switch a {
	case arm64asm.ArrangementB:
		return 1, 1
	case arm64asm.Arrangement8B:
		return 8, 1
	case arm64asm.Arrangement16B:
		return 16, 1
	case arm64asm.ArrangementH:
		return 2, 2
	case arm64asm.Arrangement4H:
		return 8, 2
	case arm64asm.Arrangement8H:
		return 16, 2
	case arm64asm.ArrangementS:
		return 4, 4
	case arm64asm.Arrangement2S:
		return 8, 4
	case arm64asm.Arrangement4S:
		return 16, 4
	case arm64asm.ArrangementD:
		return 8, 8
	case arm64asm.Arrangement1D:
		return 8, 8
	case arm64asm.Arrangement2D:
		return 16, 8
	case arm64asm.Arrangement1Q:
		return 16, 16
	}
	return 16, 16
}

// arm64InstArg is one register operand of a decoded instruction.
type arm64InstArg struct {
	regs     []string // a list operand has several
	off      int      // for an element: the first byte of it
	size     int      // for an element: its size; else 0
	bytes    int      // width of the operand (for memory sizes)
	elem     int      // element size of an arrangement
	isReg    bool
	isMem    bool
	mem      arm64InstMem
	elemOnly bool // an element ([index]) operand
}

func arm64DecodeArg(a arm64asm.Arg) arm64InstArg {
	switch a := a.(type) {
	case arm64asm.Reg:
		return arm64InstArg{regs: []string{arm64RegName(a, false)}, bytes: arm64RegBytes(a), isReg: true}
	case arm64asm.RegSP:
		return arm64InstArg{regs: []string{arm64RegName(arm64asm.Reg(a), true)}, bytes: arm64RegBytes(arm64asm.Reg(a)), isReg: true}
	case arm64asm.RegExtshiftAmount:
		// R1.UXTB reads the low byte of W1 (Arm ARM ExtendReg).
		r := arm64asm.Reg(arm64Field(a, "reg"))
		n := arm64RegBytes(r)
		switch arm64Field(a, "extShift") {
		case 1, 5: // uxtb, sxtb
			n = 1
		case 2, 6: // uxth, sxth
			n = 2
		case 3, 7: // uxtw, sxtw
			n = 4
		}
		return arm64InstArg{regs: []string{arm64RegName(r, false)}, bytes: n, isReg: true}
	case arm64asm.RegisterWithArrangement:
		r, cnt := arm64asm.Reg(arm64Field(a, "r")), int(arm64Field(a, "cnt"))
		rb, eb := arm64ArrBytes(arm64asm.Arrangement(arm64Field(a, "a")))
		return arm64InstArg{regs: arm64VecList(r, cnt), bytes: rb, elem: eb, isReg: true}
	case arm64asm.RegisterWithArrangementAndIndex:
		r, cnt := arm64asm.Reg(arm64Field(a, "r")), int(arm64Field(a, "cnt"))
		_, eb := arm64ArrBytes(arm64asm.Arrangement(arm64Field(a, "a")))
		idx := int(arm64Field(a, "index"))
		return arm64InstArg{regs: arm64VecList(r, cnt), off: idx * eb, size: eb, bytes: eb, elem: eb, isReg: true, elemOnly: true}
	case arm64asm.MemImmediate:
		m := arm64InstMem{base: arm64RegName(arm64asm.Reg(a.Base), true), mode: a.Mode, imm: arm64Field(a, "imm")}
		if a.Mode == arm64asm.AddrPostReg {
			m.postReg = arm64RegName(arm64asm.X0+arm64asm.Reg(m.imm), false)
			m.imm = 0
		}
		return arm64InstArg{isMem: true, mem: m}
	case arm64asm.MemExtend:
		return arm64InstArg{isMem: true, mem: arm64InstMem{base: arm64RegName(arm64asm.Reg(a.Base), true), index: arm64RegName(a.Index, false), mode: arm64asm.AddrOffset}}
	case arm64asm.PCRel:
		return arm64InstArg{isMem: true, mem: arm64InstMem{mode: 0}}
	}
	if v := reflect.ValueOf(a); v.Type().Name() == "sysOp" && arm64Field(a, "hasOperand2") != 0 {
		// DC, IC, TLBI, AT: the register operand is inside the sysOp.
		r := arm64asm.Reg(arm64Field(a, "r"))
		return arm64InstArg{regs: []string{arm64RegName(r, false)}, bytes: 8, isReg: true}
	}
	return arm64InstArg{}
}

func arm64VecList(r arm64asm.Reg, cnt int) []string {
	if cnt == 0 {
		cnt = 1
	}
	first := arm64RegName(r, false)
	var n int
	fmt.Sscanf(first, "V%d", &n)
	out := make([]string, cnt)
	for i := range out {
		out[i] = fmt.Sprintf("V%d", (n+i)%32)
	}
	return out
}

// arm64RMWOps read their destination too (Arm ARM: MOVK keeps the other bits,
// BFM the bits outside the field, BSL/BIT/BIF select with or into Vd,
// FMLA/MLA accumulate, TBX keeps out-of-range bytes, SLI/SRI/USRA insert
// or accumulate, the SHA and AES instructions update their state in Vd).
var arm64RMWOps = map[string]bool{
	"MOVK": true, "BFI": true, "BFXIL": true, "BFM": true, "BSL": true, "BIT": true, "BIF": true,
	"FMLA": true, "FMLS": true, "MLA": true, "MLS": true, "TBX": true, "SLI": true, "SRI": true,
	"USRA": true, "SSRA": true, "AESE": true, "AESD": true, "SHA1C": true, "SHA1M": true, "SHA1P": true,
	"SHA1SU0": true, "SHA1SU1": true, "SHA256H": true, "SHA256H2": true, "SHA256SU0": true, "SHA256SU1": true,
}

// arm64NoDestOps write no register operand.
var arm64NoDestOps = map[string]bool{
	"CMP": true, "CMN": true, "TST": true, "FCMP": true, "FCMPE": true, "CCMP": true, "CCMN": true,
	"FCCMP": true, "FCCMPE": true, "MSR": true, "SYS": true, "DC": true, "IC": true, "AT": true, "TLBI": true,
	"PRFM": true, "PRFUM": true, "CBZ": true, "CBNZ": true, "TBZ": true, "TBNZ": true, "BR": true,
	"BLR": true, "RET": true, "B": true, "BL": true,
}

// arm64DecodeWord decodes one instruction word.
func arm64DecodeWord(w uint32) arm64Inst {
	if m, ok := arm64DecodeMissing(w); ok {
		return m
	}
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], w)
	inst, err := arm64asm.Decode(b[:])
	if err != nil {
		if m, ok := arm64DecodeSystem(w); ok {
			return m
		}
		return arm64Inst{op: fmt.Sprintf("?%08x", w), bad: true}
	}
	m := arm64Inst{op: inst.Op.String(), text: inst.String()}
	var args []arm64InstArg
	for _, a := range inst.Args {
		if a == nil {
			break
		}
		args = append(args, arm64DecodeArg(a))
	}
	if (m.op == "UBFX" || m.op == "SBFX") && len(args) == 4 {
		// UBFX Xd, Xn, #lsb, #width reads bits lsb..lsb+width-1 of Xn.
		lsb, lok := inst.Args[2].(arm64asm.Imm)
		width, wok := inst.Args[3].(arm64asm.Imm)
		if lok && wok {
			args[1].bytes = int(lsb.Imm+width.Imm+7) / 8
		}
	}
	m.flow = arm64InstFlow(inst)
	if m.op == "BL" || m.op == "BLR" {
		m.write("R30", 0, 0)
	}
	if inst.Op == arm64asm.HINT {
		if h, ok := inst.Args[0].(arm64asm.Imm_hint); ok {
			arm64HintRegs(&m, int(h))
		}
	}
	arm64MemClass(&m, args)
	arm64RegAccesses(&m, args)
	if m.op == "DC" && len(args) == 1 && len(args[0].regs) == 1 {
		// DC ZVA zeroes a block of DCZID_EL0 bytes at Xt.
		switch name, _, _ := strings.Cut(inst.Args[0].String(), ","); name {
		case "ZVA", "GVA", "GZVA":
			m.mem = &arm64InstMem{base: args[0].regs[0], mode: arm64asm.AddrOffset, write: true}
		}
	}
	return m
}

// arm64HintRegs adds the implicit registers of the pointer-authentication
// hints (Arm ARM PACIASP: X30 signed with SP as modifier; PACIA1716: X17
// with X16).
func arm64HintRegs(m *arm64Inst, imm int) {
	switch imm {
	case 25, 27, 29, 31: // PACIASP, PACIBSP, AUTIASP, AUTIBSP
		m.read("R30", "SP")
		m.write("R30", 0, 0)
	case 8, 10, 12, 14: // PACIA1716, PACIB1716, AUTIA1716, AUTIB1716
		m.read("R16", "R17")
		m.write("R17", 0, 0)
	}
}

func arm64InstFlow(inst arm64asm.Inst) Flow {
	switch inst.Op {
	case arm64asm.B:
		if _, ok := inst.Args[0].(arm64asm.Cond); ok {
			return FlowCondJump
		}
		return FlowJump
	case arm64asm.CBZ, arm64asm.CBNZ, arm64asm.TBZ, arm64asm.TBNZ:
		return FlowCondJump
	case arm64asm.BL, arm64asm.BLR:
		return FlowCall
	case arm64asm.BR:
		return FlowIndirect
	case arm64asm.RET:
		return FlowReturn
	}
	return FlowNext
}

// arm64MemClass fills m.mem from the instruction's class and operands.
func arm64MemClass(m *arm64Inst, args []arm64InstArg) {
	op := m.op
	var mem *arm64InstMem
	var data []arm64InstArg
	for i := range args {
		if args[i].isMem {
			mem = &args[i].mem
		} else if args[i].isReg {
			data = append(data, args[i])
		}
	}
	if mem == nil {
		return
	}
	switch {
	case op == "ADR" || op == "ADRP":
		return
	case op == "PRFM" || op == "PRFUM":
		mem.addr = true
	case strings.HasPrefix(op, "ST"):
		mem.write = true
		if op == "STXR" || op == "STLXR" || op == "STXRB" || op == "STLXRB" || op == "STXRH" || op == "STLXRH" ||
			op == "STXP" || op == "STLXP" {
			data = data[1:] // the status register
		}
	case strings.HasPrefix(op, "LD"):
		mem.read = true
	default:
		return
	}
	mem.size = arm64InstMemSize(op, data)
	m.mem = mem
}

// arm64InstMemSize is the number of bytes a load or store moves.
func arm64InstMemSize(op string, data []arm64InstArg) int {
	n := 0
	switch {
	case strings.HasSuffix(op, "B") && !strings.HasPrefix(op, "LD1") && op != "LDPSW":
		return 1 // LDRB, STRB, LDURSB, LDARB, STLXRB …
	case strings.HasSuffix(op, "H") && (strings.HasPrefix(op, "LDR") || strings.HasPrefix(op, "STR") ||
		strings.HasPrefix(op, "LDUR") || strings.HasPrefix(op, "STUR") || strings.Contains(op, "XRH") ||
		strings.Contains(op, "ARH") || strings.Contains(op, "LRH")):
		return 2
	case op == "LDRSW" || op == "LDURSW":
		return 4
	case op == "LDPSW":
		return 8
	}
	for _, d := range data {
		for range d.regs {
			switch {
			case strings.HasSuffix(op, "R") && len(op) == 4 && op[:2] == "LD" && op[2] >= '1' && op[2] <= '4':
				n += d.elem // LD1R…LD4R: one element per register
			case d.elemOnly:
				n += d.elem
			default:
				n += d.bytes
			}
		}
	}
	return n
}

// arm64RegAccesses fills m.reads and m.writes from the operands.
func arm64RegAccesses(m *arm64Inst, args []arm64InstArg) {
	op := m.op
	if mem := m.mem; mem != nil || arm64HasMem(args) {
		for i := range args {
			if args[i].isMem {
				a := args[i].mem
				m.read(a.base, a.index, a.postReg)
				if a.mode == arm64asm.AddrPreIndex || a.mode == arm64asm.AddrPostIndex || a.mode == arm64asm.AddrPostReg {
					m.write(a.base, 0, 0)
				}
			}
		}
	}
	var regs []arm64InstArg
	for _, a := range args {
		if a.isReg {
			regs = append(regs, a)
		}
	}
	if len(regs) == 0 {
		return
	}
	writeArg := func(a arm64InstArg) {
		for _, r := range a.regs {
			if a.elemOnly {
				m.write(r, a.off, a.size)
			} else {
				m.write(r, 0, 0)
			}
		}
	}
	readArg := func(a arm64InstArg) {
		for _, r := range a.regs {
			if a.elemOnly {
				m.readBytes(r, a.off, a.off+a.size)
			} else {
				m.readBytes(r, 0, a.bytes)
			}
		}
	}
	// Narrow reads of a whole-register operand: SXTB Xd, Wn reads a byte,
	// CRC32B Wd, Wn, Wm the low byte of Wm, STRB Wt a byte of Wt.
	switch op {
	case "SXTB", "UXTB":
		regs[len(regs)-1].bytes = 1
	case "SXTH", "UXTH":
		regs[len(regs)-1].bytes = 2
	case "CRC32B", "CRC32CB":
		regs[len(regs)-1].bytes = 1
	case "CRC32H", "CRC32CH":
		regs[len(regs)-1].bytes = 2
	}
	if m.mem != nil && m.mem.write && !m.mem.read && m.mem.size > 0 {
		data := regs
		if strings.HasPrefix(op, "STXR") || strings.HasPrefix(op, "STLXR") || op == "STXP" || op == "STLXP" {
			data = regs[1:]
		}
		n := 0
		for _, a := range data {
			n += len(a.regs)
		}
		for i := range data {
			if !data[i].elemOnly && n > 0 {
				data[i].bytes = m.mem.size / n
			}
		}
	}
	switch {
	case arm64NoDestOps[op]:
		for _, a := range regs {
			readArg(a)
		}
	case m.mem != nil && m.mem.write: // stores
		start := 0
		if strings.HasPrefix(op, "STXR") || strings.HasPrefix(op, "STLXR") || op == "STXP" || op == "STLXP" {
			writeArg(regs[0])
			start = 1
		}
		for _, a := range regs[start:] {
			readArg(a)
		}
	case m.mem != nil && m.mem.read: // loads: every register operand is a destination
		for _, a := range regs {
			writeArg(a)
		}
	default:
		writeArg(regs[0])
		if arm64RMWOps[op] {
			readArg(regs[0])
		}
		for _, a := range regs[1:] {
			readArg(a)
		}
	}
}

func arm64HasMem(args []arm64InstArg) bool {
	for _, a := range args {
		if a.isMem {
			return true
		}
	}
	return false
}

// arm64DecodeMissing decodes the encodings arm64asm v0.32 does not know (Arm
// ARM, "Atomic memory operations", "Compare and swap", "Cryptographic
// four-register", "Cryptographic three-register SHA 512", "Cryptographic
// two-register SHA 512", "XAR").
func arm64DecodeMissing(w uint32) (arm64Inst, bool) {
	rt, rn := int(w&31), int(w>>5&31)
	rs := int(w >> 16 & 31)
	gp := func(r int) string {
		if r == 31 {
			return ""
		}
		return fmt.Sprintf("R%d", r)
	}
	base := func(r int) string {
		if r == 31 {
			return "SP"
		}
		return fmt.Sprintf("R%d", r)
	}
	v := func(r int) string { return fmt.Sprintf("V%d", r) }
	m := arm64Inst{}
	switch {
	case w&0x3F200C00 == 0x38200000: // LDADD/LDCLR/LDEOR/LDSET/…/SWP Rs, Rt, [Rn]
		m.op = "LSE-atomic"
		m.readBytes(gp(rs), 0, 1<<(w>>30))
		m.read(base(rn))
		m.write(gp(rt), 0, 0)
		m.mem = &arm64InstMem{base: base(rn), mode: arm64asm.AddrOffset, size: 1 << (w >> 30), read: true, write: true}
	case w&0x3FA07C00 == 0x08A07C00: // CAS Rs, Rt, [Rn]
		m.op = "CAS"
		m.readBytes(gp(rs), 0, 1<<(w>>30))
		m.readBytes(gp(rt), 0, 1<<(w>>30))
		m.read(base(rn))
		m.write(gp(rs), 0, 0)
		m.mem = &arm64InstMem{base: base(rn), mode: arm64asm.AddrOffset, size: 1 << (w >> 30), read: true, write: true}
	case w&0xBFA07C00 == 0x08207C00: // CASP Rs, Rs+1, Rt, Rt+1, [Rn]
		m.op = "CASP"
		size := 4 << (w >> 30 & 1)
		for _, r := range []int{rs, rs + 1, rt, rt + 1} {
			m.readBytes(gp(r), 0, size)
		}
		m.read(base(rn))
		m.write(gp(rs), 0, 0)
		m.write(gp(rs+1), 0, 0)
		m.mem = &arm64InstMem{base: base(rn), mode: arm64asm.AddrOffset, size: 2 * size, read: true, write: true}
	case w&0xFFE0F000 == 0xCE608000 && w>>10&3 != 3: // SHA512H, SHA512H2, SHA512SU1 Vd, Vn, Vm
		m.op = "SHA512"
		m.read(v(rt), v(rn), v(rs))
		m.write(v(rt), 0, 0)
	case w&0xFFE0FC00 == 0xCE608C00: // RAX1 Vd, Vn, Vm
		m.op = "RAX1"
		m.read(v(rn), v(rs))
		m.write(v(rt), 0, 0)
	case w&0xFFFFFC00 == 0xCEC08000: // SHA512SU0 Vd, Vn
		m.op = "SHA512SU0"
		m.read(v(rt), v(rn))
		m.write(v(rt), 0, 0)
	case w&0xFFC08000 == 0xCE000000: // EOR3, BCAX Vd, Vn, Vm, Va
		m.op = "EOR3/BCAX"
		m.read(v(rn), v(rs), v(int(w>>10&31)))
		m.write(v(rt), 0, 0)
	case w&0xFFE00000 == 0xCE800000: // XAR Vd, Vn, Vm, #imm
		m.op = "XAR"
		m.read(v(rn), v(rs))
		m.write(v(rt), 0, 0)
	default:
		return arm64Inst{}, false
	}
	m.text = m.op
	return m, true
}

// arm64DecodeSystem decodes the system and exception encodings arm64asm
// rejects (HVC, SMC with some immediates, MSR to newer PSTATE fields,
// SYS with unnamed operations).
func arm64DecodeSystem(w uint32) (arm64Inst, bool) {
	m := arm64Inst{}
	rt := int(w & 31)
	switch {
	case w&0xFF000000 == 0xD4000000: // SVC, HVC, SMC, BRK, HLT, DCPS1-3
		m.op = "exception"
	case w&0xFFF8F01F == 0xD500401F: // MSR <pstatefield>, #imm
		m.op = "MSR-imm"
	case w&0xFFF80000 == 0xD5080000: // SYS #op1, Cn, Cm, #op2, Xt
		m.op = "SYS"
		if rt != 31 {
			m.read(fmt.Sprintf("R%d", rt))
		}
	case w&0xFFF80000 == 0xD5280000: // SYSL Xt, #op1, Cn, Cm, #op2
		m.op = "SYSL"
		if rt != 31 {
			m.write(fmt.Sprintf("R%d", rt), 0, 0)
		}
	default:
		return arm64Inst{}, false
	}
	m.text = m.op
	return m, true
}
