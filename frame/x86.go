package frame

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/asmparse"
)

// The x86 instruction table, shared by amd64 and 386.
//
// Most forms are generated (x86table.go) from golang.org/x/arch's
// x86.v0.2.csv (legacy, MMX and SSE) and Intel XED's datafiles (VEX and
// EVEX, the data cmd/internal/obj/x86/avx_optabs.go was generated from).
// This file adds what the data does not say: control flow, the stack,
// implicit registers, x87 (which Go spells its own way), the Go-only
// mnemonics and aliases of cmd/asm, and the per-instruction facts that
// need the operands (INT $3, ADJSP $n, LEAQ n(SP), SP …), applied by
// x86Table.special.
//
// Operand sizes. A register operand's RegRef.Size is the bytes the
// instruction reads or writes as it names them: MOVL AX, BX writes 4
// bytes of BX, although the CPU zero-extends 32-bit writes to 64 bits
// and VEX/EVEX writes of X/Y registers zero the rest of the Z register;
// vector registers count whole as spelled (X 16, Y 32, Z 64) unless the
// instruction reads a scalar part (ADDSD X1, X0 reads 8 bytes of X1).
// A memory operand's Mem.Size is exact: fixed (MOVSD 8, PINSRD 4,
// VEXTRACTI128 16), following the vector length (VADDPD (AX), Y1, Y2:
// 32; VCVTPS2PD (AX), Z1: 32; VPMOVZXBQ (AX), Y1: 4), one element for
// an EVEX broadcast (.BCST) and for each element of a gather or scatter.
// String instructions (MOVSQ, STOSB …) access memory through SI and DI;
// those accesses are not listed in Effect.Mem, only the registers.

//go:generate go run ./internal/gen/x86 -o x86table.go

// An x86Row is one generated form: the accesses of the N operands of Op
// in Go order (Form.Args codes), and what Args cannot say.
//
// Mem lists rules for memory operands, comma separated: "i=[r][w]size"
// where the optional letters replace the access of operand i when it is
// memory (another form has a register there that is accessed
// differently) and size is "n" (bytes), "@j" (the size of vector
// operand j), "@j*m", "@j/d", "@x…" (the size of the operand's own
// vector index register: gathers and scatters), "@j:dup" (like @j, but 8
// when operand j is an X register: VMOVDDUP), or "@j:mmx=n" (like @j, but
// n when operand j is an MMX register: PUNPCKLBW).
type x86Row struct {
	Op    string
	N     int8
	Args  string
	Mem   string
	Bcst  uint8 // bytes of the element an EVEX {1toN} broadcast (.BCST) loads
	Flags uint8 // x86Merge
}

// x86Merge marks forms whose last operand is read only because of EVEX
// merge masking: when the opmask operand before it is a K register and
// the mnemonic has no .Z suffix, the destination keeps its unselected
// elements.
const x86Merge = 1

// An x86MemRule says how a memory operand is accessed.
type x86MemRule struct {
	access   string // "", or "r", "w", "rw" to replace the form's access
	sized    bool   // the rule gives the size
	size     int    // fixed bytes, if ref is x86RefNone
	ref      int    // the vector operand whose size the memory size follows, or x86RefNone, x86RefIndex
	mul, div int
	dup      bool
	mmx      int // the size when the ref is an MMX register, if not 0
}

// Special values of x86MemRule.ref.
const (
	x86RefNone  = -1 // a fixed size
	x86RefIndex = -2 // the memory operand's vector index register
)

// x86Info is what the Special hook needs beyond a Form.
type x86Info struct {
	mem   map[int]x86MemRule
	bcst  int
	merge bool
}

type x86Key struct {
	op string
	n  int
}

// An x86Table is the instruction table of one x86 arch.
type x86Table struct {
	ptr  int // pointer size: 8 on amd64, 4 on 386
	ops  map[string][]Form
	info map[x86Key]*x86Info
	// infoOf holds info by mnemonic, for special's lookup.
	infoOf *strTable[[]x86InfoN]
	// vecRegs is the number of vector registers VZEROALL and VZEROUPPER
	// clear (16 on amd64, 8 on 386).
	vecRegs int
	vecOnce sync.Once
	vecs    []Reg // X0 … X(vecRegs-1), resolved on first use

}

// newX86Arch makes the Arch of 386 or amd64 (ptr, the pointer size, 4
// or 8) over the register file rf.
func newX86Arch(name string, ptr int, rf *RegFile) *Arch {
	t := newX86Table(ptr)
	return &Arch{
		Name:     name,
		ABI:      abi.ArchFor(name),
		Regs:     rf,
		SP:       rf.Reg("SP"),
		FP:       rf.Reg("BP"),
		Complete: true,
		// obj6.go corrects FP and pseudo-SP offsets for PUSH/POP/ADJSP.
		FPFollowsSP: true,
		Ops:         t.ops,
		Special:     t.special,
		NeutralData: func(fn *Func) []Attr { return x86NeutralData(fn, 8*ptr) },
		entryHook:   t.entryHook,
	}
}

// newX86Table builds the table for pointer size ptr.
func newX86Table(ptr int) *x86Table {
	t := &x86Table{ptr: ptr, ops: map[string][]Form{}, info: map[x86Key]*x86Info{}, vecRegs: 16}
	if ptr == 4 {
		t.vecRegs = 8
	}
	for _, r := range x86Gen {
		t.addRow(r)
	}
	t.addHand()
	t.addImplicit()
	t.addAliases()
	byOp := map[string][]x86InfoN{}
	for k, info := range t.info {
		byOp[k.op] = append(byOp[k.op], x86InfoN{k.n, info})
	}
	t.infoOf = newStrTable(byOp)
	return t
}

// An x86InfoN is the x86Info of a mnemonic with n operands.
type x86InfoN struct {
	n    int
	info *x86Info
}

// x86Info returns the x86Info of the entry's mnemonic with n operands, or nil.
func (ent *opEntry) x86Info(n int) *x86Info {
	if ent == nil {
		return nil
	}
	for _, x := range ent.x86 {
		if x.n == n {
			return x.info
		}
	}
	return nil
}

// entryHook is the Arch's entryHook: it gives an opEntry its x86Infos.
func (t *x86Table) entryHook(op string, e *opEntry) {
	e.x86, _ = t.infoOf.get(op)
	e.x86Kind = x86Kind(op)
}

func (t *x86Table) addRow(r x86Row) {
	t.set(r.Op, Form{N: int(r.N), Args: r.Args})
	if r.Mem == "" && r.Bcst == 0 && r.Flags == 0 {
		return
	}
	info := &x86Info{bcst: int(r.Bcst), merge: r.Flags&x86Merge != 0}
	if r.Mem != "" {
		info.mem = map[int]x86MemRule{}
		for _, rule := range strings.Split(r.Mem, ",") {
			i, mr, err := parseX86MemRule(rule)
			if err != nil {
				panic(fmt.Sprintf("frame: x86 %s/%d: %v", r.Op, r.N, err))
			}
			info.mem[i] = mr
		}
	}
	t.info[x86Key{r.Op, int(r.N)}] = info
}

// parseX86MemRule parses "i=[r][w]size" (see x86Row).
func parseX86MemRule(s string) (int, x86MemRule, error) {
	mr := x86MemRule{ref: x86RefNone, mul: 1, div: 1}
	is, rule, ok := strings.Cut(s, "=")
	i, err := strconv.Atoi(is)
	if !ok || err != nil {
		return 0, mr, fmt.Errorf("bad memory rule %q", s)
	}
	n := 0
	for n < len(rule) && (rule[n] == 'r' || rule[n] == 'w') {
		n++
	}
	mr.access, rule = rule[:n], rule[n:]
	if rule == "" {
		return i, mr, nil
	}
	mr.sized = true
	if rule[0] != '@' {
		mr.size, err = strconv.Atoi(rule)
		return i, mr, err
	}
	rule = rule[1:]
	if r, ok := strings.CutSuffix(rule, ":dup"); ok {
		rule, mr.dup = r, true
	}
	if r, n, ok := strings.Cut(rule, ":mmx="); ok {
		if mr.mmx, err = strconv.Atoi(n); err != nil {
			return i, mr, fmt.Errorf("bad memory rule %q", s)
		}
		rule = r
	}
	var num string
	if a, b, ok := strings.Cut(rule, "*"); ok {
		rule, num = a, b
		mr.mul, err = strconv.Atoi(num)
	} else if a, b, ok := strings.Cut(rule, "/"); ok {
		rule, num = a, b
		mr.div, err = strconv.Atoi(num)
	}
	if err != nil {
		return i, mr, fmt.Errorf("bad memory rule %q", s)
	}
	if rule == "x" {
		mr.ref = x86RefIndex
		return i, mr, nil
	}
	mr.ref, err = strconv.Atoi(rule)
	return i, mr, err
}

// set adds f to op's forms, replacing a form with the same operand count.
func (t *x86Table) set(op string, f Form) {
	forms := t.ops[op]
	for i := range forms {
		if forms[i].N == f.N {
			forms[i] = f
			return
		}
	}
	t.ops[op] = append(forms, f)
}

// update applies fn to every form of each op in ops.
func (t *x86Table) update(fn func(f *Form), ops ...string) {
	for _, op := range ops {
		forms := t.ops[op]
		if len(forms) == 0 {
			panic("frame: x86 table has no " + op)
		}
		for i := range forms {
			fn(&forms[i])
		}
	}
}

var (
	x86Sizes = map[string]int{"B": 1, "W": 2, "L": 4, "Q": 8}
	// x86CondJumps are Go's conditional jumps (cmd/internal/obj/x86/anames.go)
	// and the aliases cmd/asm/internal/arch/arch.go (archX86) accepts.
	x86CondJumps = strings.Fields(`JCC JCS JEQ JGE JGT JHI JLE JLS JLT JMI JNE JOC JOS JPC JPL JPS
		JA JAE JB JBE JC JE JG JHS JL JLO JNA JNAE JNB JNBE JNC JNG JNGE JNL JNLE
		JNO JNP JNS JNZ JO JP JPE JPO JS JZ`)
)

// addHand adds the forms the generated data lacks or gets wrong for Go.
func (t *x86Table) addHand() {
	t.addFlow()
	t.addStack()
	t.addX87()
	t.addMisc()
}

// addFlow adds branches, calls, returns and traps.
func (t *x86Table) addFlow() {
	t.set("JMP", Form{N: 1, Args: "t", Flow: FlowJump})
	t.set("CALL", Form{N: 1, Args: "t", Flow: FlowCall})
	// CALL R1, R2 (asm6.go ycall: Yrx, Yrx) calls through R2.
	t.set("CALL", Form{N: 2, Args: "r,t", Flow: FlowCall})
	t.set("RET", Form{N: 0, Flow: FlowReturn})
	t.set("RET", Form{N: 1, Args: "t", Flow: FlowReturn}) // RET sym(SB): a tail call (obj6.go retjmp)
	for _, j := range x86CondJumps {
		t.set(j, Form{N: 1, Args: "t", Flow: FlowCondJump})
		// JEQ $0, label or $1, label: a branch hint (asm6.go yjcond).
		t.set(j, Form{N: 2, Args: "-,t", Flow: FlowCondJump})
	}
	// JCXZ* branch if CX (of that width) is zero; LOOP* decrement CX.
	t.set("JCXZW", Form{N: 1, Args: "t", Flow: FlowCondJump, Read: []string{"CX"}})
	t.set("JCXZL", Form{N: 1, Args: "t", Flow: FlowCondJump, Read: []string{"CX"}})
	t.set("JCXZQ", Form{N: 1, Args: "t", Flow: FlowCondJump, Read: []string{"CX"}})
	for _, op := range []string{"LOOP", "LOOPEQ", "LOOPNE"} {
		t.set(op, Form{N: 1, Args: "t", Flow: FlowCondJump, Read: []string{"CX"}, Write: []string{"CX"}})
	}
	// XBEGIN label: on abort, execution resumes at label with the abort
	// status in AX (Intel SDM vol. 2, XBEGIN).
	t.set("XBEGIN", Form{N: 1, Args: "t", Flow: FlowCondJump, Write: []string{"AX"}})
	// Far returns and returns from interrupts and system calls.
	for _, op := range []string{"RETFW", "RETFL", "RETFQ"} {
		t.set(op, Form{N: 0, Flow: FlowReturn})
		t.set(op, Form{N: 1, Args: "-", Flow: FlowReturn})
	}
	for _, op := range []string{"IRETW", "IRETL", "IRETQ", "SYSRET", "SYSEXIT", "SYSEXIT64", "RSM"} {
		t.set(op, Form{N: 0, Flow: FlowReturn})
	}
	// UNDEF assembles to UD2 (cmd/internal/obj/x86/asm6.go, obj.AUNDEF).
	// HLT is privileged: in user mode it faults like UD2.
	for _, op := range []string{"UNDEF", "UD2", "UD1", "HLT"} {
		t.set(op, Form{N: 0, Flow: FlowHalt, Attr: AttrTrap})
	}
	// INT $n: see x86Table.intr. ICEBP (INT1) raises a debug trap.
	t.set("INT", Form{N: 1, Args: "-"})
	t.set("ICEBP", Form{N: 0, Flow: FlowHalt, Attr: AttrTrap})
	t.set("INTO", Form{N: 0, Attr: AttrTrap}) // traps only on overflow
	sysRead, sysWrite := []string{"AX", "DI", "SI", "DX", "R10", "R8", "R9"}, []string{"AX", "CX", "R11"}
	if t.ptr == 4 {
		// SYSCALL in 32-bit mode (AMD): the same RCX/R11 convention
		// without R8–R15.
		sysRead, sysWrite = []string{"AX", "DI", "SI", "DX"}, []string{"AX", "CX"}
	}
	// The Linux x86-64 system call ABI: number and result in AX,
	// arguments in DI SI DX R10 R8 R9; the instruction itself overwrites
	// CX (return address) and R11 (flags) (Intel SDM vol. 2, SYSCALL).
	t.set("SYSCALL", Form{N: 0, Read: sysRead, Write: sysWrite, Attr: AttrSyscall})
	t.set("SYSENTER", Form{N: 0, Read: []string{"AX", "BX", "CX", "DX", "SI", "DI", "BP"}, Write: []string{"AX", "CX", "DX"}, Attr: AttrSyscall})
	t.set("SYSENTER64", Form{N: 0, Read: sysRead, Write: sysWrite, Attr: AttrSyscall})
}

// addStack adds the instructions that move the stack pointer. The
// assembler tracks PUSH*, POP*, PUSHF*, POPF* and ADJSP
// (cmd/internal/obj/x86/obj6.go preprocess, Spadj); PUSHAL/POPAL, LEAVE
// and ENTER move SP behind its back.
func (t *x86Table) addStack() {
	for sfx, n := range map[string]int{"W": 2, "L": 4, "Q": 8} {
		sz := strconv.Itoa(n)
		t.set("PUSH"+sfx, Form{N: 1, Args: "r" + sz, SP: int64(-n)})
		t.set("POP"+sfx, Form{N: 1, Args: "w" + sz, SP: int64(n)})
		t.set("PUSHF"+sfx, Form{N: 0, SP: int64(-n)})
		t.set("POPF"+sfx, Form{N: 0, SP: int64(n)})
	}
	// ADJSP $n: SP -= n, tracked (obj6.go: p.Spadj = p.From.Offset).
	t.set("ADJSP", Form{N: 1, Args: "-"})
	all := []string{"AX", "CX", "DX", "BX", "BP", "SI", "DI"}
	for _, op := range []string{"PUSHAL", "PUSHAW"} {
		t.set(op, Form{N: 0, Read: append([]string{"SP"}, all...)})
	}
	for _, op := range []string{"POPAL", "POPAW"} {
		t.set(op, Form{N: 0, Write: all})
	}
	// LEAVE: SP = BP; POP BP. ENTER $n, $0: PUSH BP; BP = SP; SP -= n.
	for _, op := range []string{"LEAVEW", "LEAVEL", "LEAVEQ"} {
		t.set(op, Form{N: 0, Read: []string{"BP"}, Write: []string{"SP", "BP"}})
	}
	t.set("ENTER", Form{N: 2, Args: "-,-", Read: []string{"SP", "BP"}, Write: []string{"SP", "BP"}})
	// OP $c, SP with the pointer-sized ADD, SUB and AND.
	sfx := "Q"
	if t.ptr == 4 {
		sfx = "L"
	}
	t.update(func(f *Form) { f.SPArith = '+' }, "ADD"+sfx)
	t.update(func(f *Form) { f.SPArith = '-' }, "SUB"+sfx)
	t.update(func(f *Form) { f.SPArith = '&' }, "AND"+sfx)
}

// addX87 adds the x87 instructions in Go's spelling
// (cmd/internal/obj/x86/asm6.go optab, AFMOVD …). The suffix gives the
// memory operand's type: F float32, D float64, X float80, W int16,
// L int32, V int64, B 80-bit BCD. F0 is the top of the x87 stack; the
// stack's rotation by pushes and pops is not modelled.
func (t *x86Table) addX87() {
	mem := map[string]int{"F": 4, "D": 8, "X": 10, "W": 2, "L": 4, "V": 8, "B": 10}
	for s, n := range mem {
		sz := strconv.Itoa(n)
		t.set("FMOV"+s, Form{N: 2, Args: "r" + sz + ",w" + sz})
		t.set("FMOV"+s+"P", Form{N: 2, Args: "r" + sz + ",w" + sz})
	}
	for _, op := range []string{"FADD", "FSUB", "FSUBR", "FMUL", "FDIV", "FDIVR"} {
		for _, s := range []string{"F", "D", "W", "L"} {
			t.set(op+s, Form{N: 2, Args: "r" + strconv.Itoa(mem[s]) + ",rw"})
		}
		t.set(op+"DP", Form{N: 2, Args: "r,rw"})
	}
	for _, s := range []string{"F", "D", "W", "L"} {
		sz := strconv.Itoa(mem[s])
		t.set("FCOM"+s, Form{N: 2, Args: "r" + sz + ",r"})
		t.set("FCOM"+s+"P", Form{N: 2, Args: "r" + sz + ",r"})
	}
	for _, op := range []string{"FCOMDPP", "FCOMI", "FCOMIP", "FUCOM", "FUCOMI", "FUCOMIP", "FUCOMP", "FUCOMPP"} {
		t.set(op, Form{N: 2, Args: "r,r"})
	}
	for _, c := range strings.Fields("B BE CC CS E EQ HI LS NB NBE NE NU U UN") {
		t.set("FCMOV"+c, Form{N: 2, Args: "r,rw"})
	}
	t.set("FXCHD", Form{N: 2, Args: "rw,rw"})
	t.set("FFREE", Form{N: 1, Args: "w"})
	t.set("FLDCW", Form{N: 1, Args: "r2"})
	t.set("FSTCW", Form{N: 1, Args: "w2"})
	t.set("FSTSW", Form{N: 1, Args: "w2"}) // memory or AX
	t.set("FLDENV", Form{N: 1, Args: "r28"})
	t.set("FSTENV", Form{N: 1, Args: "w28"})
	t.set("FRSTOR", Form{N: 1, Args: "r108"})
	t.set("FSAVE", Form{N: 1, Args: "w108"})
	t.set("FBLD", Form{N: 1, Args: "r10"})
	t.set("FBSTP", Form{N: 1, Args: "w10"})
	for _, op := range strings.Fields("F2XM1 FABS FCHS FCOS FPATAN FPREM FPREM1 FPTAN FRNDINT FSCALE FSIN FSINCOS FSQRT FXTRACT FYL2X FYL2XP1") {
		t.set(op, Form{N: 0, Read: []string{"F0"}, Write: []string{"F0"}})
	}
	for _, op := range strings.Fields("FTST FXAM") {
		t.set(op, Form{N: 0, Read: []string{"F0"}})
	}
	for _, op := range strings.Fields("FLD1 FLDL2E FLDL2T FLDLG2 FLDLN2 FLDPI FLDZ") {
		t.set(op, Form{N: 0, Write: []string{"F0"}})
	}
	for _, op := range strings.Fields("FCLEX FDECSTP FINCSTP FINIT FNOP WAIT") {
		t.set(op, Form{N: 0})
	}
}

// addMisc adds the other forms the data lacks: newer instructions, Go's
// own mnemonics, prefixes.
func (t *x86Table) addMisc() {
	for sfx, n := range map[string]int{"W": 2, "L": 4, "Q": 8} {
		sz := strconv.Itoa(n)
		t.set("RDRAND"+sfx, Form{N: 1, Args: "w" + sz})
		t.set("RDSEED"+sfx, Form{N: 1, Args: "w" + sz})
		if n > 2 {
			t.set("RDFSBASE"+sfx, Form{N: 1, Args: "w" + sz})
			t.set("RDGSBASE"+sfx, Form{N: 1, Args: "w" + sz})
			t.set("WRFSBASE"+sfx, Form{N: 1, Args: "r" + sz})
			t.set("WRGSBASE"+sfx, Form{N: 1, Args: "r" + sz})
		}
		// Port I/O: INB $port or INB (port in DX), data in AL/AX.
		t.set("IN"+sfx[:1], Form{N: 0, Read: []string{"DX"}, Write: []string{"AX"}})
		t.set("IN"+sfx[:1], Form{N: 1, Args: "-", Write: []string{"AX"}})
		t.set("OUT"+sfx[:1], Form{N: 0, Read: []string{"DX", "AX"}})
		t.set("OUT"+sfx[:1], Form{N: 1, Args: "-", Read: []string{"AX"}})
	}
	t.set("INB", Form{N: 0, Read: []string{"DX"}, Write: []string{"AL"}})
	t.set("INB", Form{N: 1, Args: "-", Write: []string{"AL"}})
	t.set("OUTB", Form{N: 0, Read: []string{"DX", "AL"}})
	t.set("OUTB", Form{N: 1, Args: "-", Read: []string{"AL"}})
	t.set("RDPID", Form{N: 1, Args: "w8"})
	// SGDT/SIDT store a 2-byte limit and a pointer-sized base.
	t.set("SGDT", Form{N: 1, Args: "w" + strconv.Itoa(2+t.ptr)})
	t.set("SIDT", Form{N: 1, Args: "w" + strconv.Itoa(2+t.ptr)})
	// Cache-line and wait instructions that name an address or a register.
	for _, op := range []string{"CLWB", "CLDEMOTE", "CLFLUSHOPT"} {
		t.set(op, Form{N: 1, Args: "a"})
	}
	t.set("UMONITOR", Form{N: 1, Args: "r"})
	t.set("UMWAIT", Form{N: 1, Args: "r4", Read: []string{"AX", "DX"}})
	t.set("TPAUSE", Form{N: 1, Args: "r4", Read: []string{"AX", "DX"}})
	t.set("ENDBR64", Form{N: 0})
	// SHA extensions (Intel SDM vol. 2); SHA256RNDS2 names X0 explicitly
	// in Go (asm6.go ysha256rnds2: Yxr0, Yxm, Yxr).
	for _, op := range []string{"SHA1MSG1", "SHA1MSG2", "SHA1NEXTE", "SHA256MSG1", "SHA256MSG2"} {
		t.set(op, Form{N: 2, Args: "r16,rw16"})
	}
	t.set("SHA1RNDS4", Form{N: 3, Args: "-,r16,rw16"})
	t.set("SHA256RNDS2", Form{N: 3, Args: "r16,r16,rw16"})
	// Go's own mnemonics (cmd/internal/obj/x86/asm6.go): MOVLQZX is a
	// zero-extending MOVL, MOVQL a truncating one.
	t.set("MOVLQZX", Form{N: 2, Args: "r4,w8"})
	t.set("MOVQL", Form{N: 2, Args: "r4,w4"})
	// Prefixes written as separate statements: REP; MOVSB. The repeat
	// count is CX, decremented to zero.
	t.set("REP", Form{N: 0, Read: []string{"CX"}, Write: []string{"CX"}})
	t.set("REPN", Form{N: 0, Read: []string{"CX"}, Write: []string{"CX"}})
	t.set("LOCK", Form{N: 0, Attr: AttrBarrier})
	t.set("XACQUIRE", Form{N: 0})
	t.set("XRELEASE", Form{N: 0})
	t.update(func(f *Form) { f.Attr |= AttrBarrier }, "MFENCE", "LFENCE", "SFENCE")
	t.update(func(f *Form) { f.Attr |= AttrVZeroUpper }, "VZEROUPPER", "VZEROALL")
	// CMOV and SETcc spellings exist for every condition.
}

// x86Implicit lists the registers instructions use without naming them
// (Intel SDM vol. 2, each instruction's Operation section).
var x86Implicit = []struct {
	ops         []string
	read, write []string
}{
	{strings.Fields("MULB IMULB/1"), []string{"AL"}, []string{"AX"}},
	{strings.Fields("MULW MULL MULQ IMULW/1 IMULL/1 IMULQ/1"), []string{"AX"}, []string{"AX", "DX"}},
	{strings.Fields("DIVB IDIVB"), []string{"AX"}, []string{"AX"}},
	{strings.Fields("DIVW DIVL DIVQ IDIVW IDIVL IDIVQ"), []string{"AX", "DX"}, []string{"AX", "DX"}},
	{strings.Fields("CWD CDQ CQO"), []string{"AX"}, []string{"DX"}},
	{strings.Fields("CBW CWDE CDQE"), []string{"AX"}, []string{"AX"}},
	{strings.Fields("CPUID"), []string{"AX", "CX"}, []string{"AX", "BX", "CX", "DX"}},
	{strings.Fields("RDTSC"), nil, []string{"AX", "DX"}},
	{strings.Fields("RDTSCP"), nil, []string{"AX", "DX", "CX"}},
	{strings.Fields("RDPMC RDMSR XGETBV RDPKRU"), []string{"CX"}, []string{"AX", "DX"}},
	{strings.Fields("WRMSR XSETBV WRPKRU"), []string{"CX", "AX", "DX"}, nil},
	{strings.Fields("XSAVE XSAVE64 XSAVEC XSAVEC64 XSAVEOPT XSAVEOPT64 XSAVES XSAVES64 XRSTOR XRSTOR64 XRSTORS XRSTORS64"), []string{"AX", "DX"}, nil},
	{strings.Fields("MONITOR"), []string{"AX", "CX", "DX"}, nil},
	{strings.Fields("MWAIT"), []string{"AX", "CX"}, nil},
	{strings.Fields("CMPXCHGB CMPXCHGW CMPXCHGL CMPXCHGQ"), []string{"AX"}, []string{"AX"}},
	{strings.Fields("CMPXCHG8B CMPXCHG16B"), []string{"AX", "DX", "BX", "CX"}, []string{"AX", "DX"}},
	{strings.Fields("MOVSB MOVSW MOVSL MOVSQ CMPSB CMPSW CMPSL CMPSQ"), []string{"SI", "DI"}, []string{"SI", "DI"}},
	{strings.Fields("STOSB STOSW STOSL STOSQ SCASB SCASW SCASL SCASQ"), []string{"AX", "DI"}, []string{"DI"}},
	{strings.Fields("LODSB LODSW LODSL LODSQ"), []string{"SI"}, []string{"AX", "SI"}},
	{strings.Fields("INSB INSW INSL"), []string{"DX", "DI"}, []string{"DI"}},
	{strings.Fields("OUTSB OUTSW OUTSL"), []string{"DX", "SI"}, []string{"SI"}},
	{strings.Fields("XLAT"), []string{"BX", "AL"}, []string{"AL"}},
	{strings.Fields("LAHF"), nil, []string{"AH"}},
	{strings.Fields("SAHF"), []string{"AH"}, nil},
	{strings.Fields("PCMPESTRI VPCMPESTRI"), []string{"AX", "DX"}, []string{"CX"}},
	{strings.Fields("PCMPESTRM VPCMPESTRM"), []string{"AX", "DX"}, []string{"X0"}},
	{strings.Fields("PCMPISTRI VPCMPISTRI"), nil, []string{"CX"}},
	{strings.Fields("PCMPISTRM VPCMPISTRM"), nil, []string{"X0"}},
	{strings.Fields("MASKMOVOU MASKMOVQ VMASKMOVDQU"), []string{"DI"}, nil},
	{strings.Fields("MULXL MULXQ"), []string{"DX"}, nil},
}

// addImplicit adds x86Implicit to every form of each instruction, or to
// the form with n operands for "OP/n".
func (t *x86Table) addImplicit() {
	for _, im := range x86Implicit {
		for _, op := range im.ops {
			op, ns, _ := strings.Cut(op, "/")
			n, err := strconv.Atoi(ns)
			if err != nil {
				n = -1
			}
			t.update(func(f *Form) {
				if n < 0 || f.N == n {
					f.Read = append(f.Read, im.read...)
					f.Write = append(f.Write, im.write...)
				}
			}, op)
		}
	}
}

// x86Aliases are the mnemonics cmd/asm/internal/arch/arch.go (archX86)
// maps to others.
var x86Aliases = map[string]string{
	"MASKMOVDQU": "MASKMOVOU",
	"MOVD":       "MOVQ", // MOVD is MOVQ, even on 386
	"MOVDQ2Q":    "MOVQ",
	"MOVNTDQ":    "MOVNTO",
	"MOVOA":      "MOVO",
	"PSLLDQ":     "PSLLO",
	"PSRLDQ":     "PSRLO",
	"PADDD":      "PADDL",
	"MOVBELL":    "MOVBEL",
	"MOVBEQQ":    "MOVBEQ",
	"MOVBEWW":    "MOVBEW",
	// Not aliases in cmd/asm, but the same instruction (asm6.go optab:
	// APSHUFL and APSHUFD are both 66 0F 70 /r ib).
	"PSHUFL": "PSHUFD",
}

func (t *x86Table) addAliases() {
	for alias, op := range x86Aliases {
		if t.ops[op] == nil {
			panic("frame: x86 alias of unknown " + op)
		}
		t.ops[alias] = t.ops[op]
		for k, info := range t.info {
			if k.op == op {
				t.info[x86Key{alias, k.n}] = info
			}
		}
	}
}

// special is the Arch.Special hook: it applies what depends on the
// operands or the suffix.
func (t *x86Table) special(c *Ctx) {
	kind := x86KindOf(c)
	if kind == x86Data {
		// Directives that emit raw bytes into the instruction stream
		// (asm6.go ybyte): what they do is not known.
		c.E.Attrs |= AttrData
		return
	}
	if c.form == nil {
		return
	}
	absoluteAddr(c)
	if info := c.entry.x86Info(len(c.Stmt.Args)); info != nil {
		t.applyInfo(c, info)
	}
	switch kind {
	case x86Int:
		t.intr(c)
	case x86Adjsp:
		adjsp(c)
	case x86Lea:
		leaSP(c)
	case x86MovScalar:
		movScalar(c)
	case x86Xchg:
		if len(c.E.Mem) > 0 {
			c.E.Attrs |= AttrBarrier // XCHG with memory is locked (Intel SDM vol. 2, XCHG)
		}
	case x86Pusha:
		pusha(c)
	}
	if c.E.Target.Indirect {
		// CALL (AX), JMP 8(SP): the target address is loaded from memory.
		for k := range c.E.Mem {
			c.E.Mem[k].Size = t.ptr
		}
	}
	if c.E.Attrs&AttrVZeroUpper == 0 && writesWide(c) {
		c.E.Attrs |= AttrWide
	}
	if kind == x86VZeroAll || kind == x86VZeroUpper {
		t.vzero(c)
	}
	spWrite(c)
}

// Kinds of x86 mnemonics that special treats apart, found once per
// mnemonic (opEntry.x86Kind) rather than by comparing strings.
const (
	x86Plain uint8 = iota
	x86Data        // BYTE, WORD, LONG, QUAD
	x86Int
	x86Adjsp
	x86Lea
	x86MovScalar
	x86Xchg
	x86Pusha
	x86VZeroAll
	x86VZeroUpper
)

// x86Kind returns the kind of mnemonic op.
func x86Kind(op string) uint8 {
	switch op {
	case "BYTE", "WORD", "LONG", "QUAD":
		return x86Data
	case "INT":
		return x86Int
	case "ADJSP":
		return x86Adjsp
	case "LEAQ", "LEAL":
		return x86Lea
	case "MOVSD", "MOVSS":
		return x86MovScalar
	case "XCHGB", "XCHGW", "XCHGL", "XCHGQ":
		return x86Xchg
	case "PUSHAL", "POPAL", "PUSHAW", "POPAW":
		return x86Pusha
	case "VZEROALL":
		return x86VZeroAll
	case "VZEROUPPER":
		return x86VZeroUpper
	}
	return x86Plain
}

// x86KindOf returns the kind of c.Op, from the table's entry for it when
// there is one.
func x86KindOf(c *Ctx) uint8 {
	if c.entry != nil {
		return c.entry.x86Kind
	}
	return x86Kind(c.Op)
}

// absoluteAddr lowers a bare integer in a data operand as the absolute
// address it is: cmd/asm parses "MOVQ 0, AX" as a memory operand with no
// base (asm6.go encodes it as MOVQ 0x0, AX: 48 8b 04 25 00 00 00 00), the
// runtime's idiom for a deliberate fault.
func absoluteAddr(c *Ctx) {
	for i := range c.Stmt.Args {
		if c.Stmt.Args[i].Kind != asmparse.ConstOp {
			continue
		}
		if acc, ok := c.form.accessFor(i); ok && (acc.read || acc.write) && !acc.target {
			c.mem(i, acc)
		}
	}
}

// applyInfo sets memory sizes and accesses, the broadcast size, and
// merge masking.
func (t *x86Table) applyInfo(c *Ctx, info *x86Info) {
	e, args := c.E, c.Stmt.Args
	bcst := strings.Contains(c.Stmt.Suffix(), ".BCST")
	for k := range e.Mem {
		m := &e.Mem[k]
		if m.Addr {
			continue
		}
		if mr, ok := info.mem[m.Arg]; ok {
			if mr.access != "" {
				m.Read, m.Write = strings.Contains(mr.access, "r"), strings.Contains(mr.access, "w")
			}
			if mr.sized {
				m.Size = memSize(mr, args, m.Arg)
			}
		}
		if bcst && info.bcst > 0 {
			m.Size = info.bcst
		}
	}
	if info.merge {
		n := len(args)
		masked := n >= 2 && args[n-2].Kind == asmparse.RegOp && c.Arch.Regs.Info(c.Arch.Regs.Reg(args[n-2].Reg())).Class == ClassMask
		if !masked || strings.Contains(c.Stmt.Suffix(), ".Z") {
			dropRead(c, &args[n-1])
		}
	}
}

// memSize evaluates a memory size rule for memory operand i.
func memSize(mr x86MemRule, args []asmparse.Operand, i int) int {
	var ref string
	switch {
	case mr.ref == x86RefNone:
		return mr.size
	case mr.ref == x86RefIndex:
		ref = args[i].Index()
	case mr.ref < len(args) && args[mr.ref].Kind == asmparse.RegOp:
		ref = args[mr.ref].Reg()
	}
	n := x86VecSize(ref)
	switch {
	case mr.dup && n == 16:
		return 8
	case mr.mmx != 0 && n == 8:
		return mr.mmx
	}
	return n * mr.mul / mr.div
}

// x86VecSize returns the bytes of the X, Y, Z or MMX register name, or 0.
func x86VecSize(name string) int {
	if len(name) < 2 || name[1] < '0' || name[1] > '9' {
		return 0
	}
	switch name[0] {
	case 'M':
		return 8
	case 'X':
		return 16
	case 'Y':
		return 32
	case 'Z':
		return 64
	}
	return 0
}

// dropRead removes the read of the last operand, op, from the Effect:
// the last read of its register, since operands are lowered in order.
func dropRead(c *Ctx, op *asmparse.Operand) {
	if op.Kind != asmparse.RegOp {
		return
	}
	ref, ok := c.Arch.Regs.Lookup(op.Reg())
	if !ok {
		return
	}
	reads := c.E.Reads
	for k := len(reads) - 1; k >= 0; k-- {
		if reads[k].Reg == ref.Reg {
			c.E.Reads = append(reads[:k:k], reads[k+1:]...)
			return
		}
	}
}

// intr lowers INT $n. INT $3 is the breakpoint trap; Go code uses it to
// crash, as "not reached" after calls that do not return
// (runtime/sys_linux_amd64.s, runtime/asm_amd64.s), and the runtime
// treats the SIGTRAP it raises as fatal (runtime/sigtab_linux_generic.go:
// _SigThrow), so it does not continue. Any other INT is a system call
// (INT $0x80 on 386 Linux: number in AX, arguments in BX CX DX SI DI BP,
// result in AX).
func (t *x86Table) intr(c *Ctx) {
	op := &c.Stmt.Args[0]
	if op.Kind == asmparse.ImmOp && op.Unresolved() == "" && op.Val == 3 {
		c.E.Flow, c.E.Attrs = FlowHalt, c.E.Attrs|AttrTrap
		return
	}
	c.E.Attrs |= AttrSyscall
	for _, n := range []string{"AX", "BX", "CX", "DX", "SI", "DI", "BP"} {
		r, _ := c.Arch.Regs.Lookup(n)
		c.E.Reads = append(c.E.Reads, r)
	}
	r, _ := c.Arch.Regs.Lookup("AX")
	c.E.Writes = append(c.E.Writes, r)
}

// adjsp lowers ADJSP $n, which the assembler turns into SUBQ $n, SP or
// ADDQ $-n, SP and tracks (cmd/internal/obj/x86/obj6.go: Spadj).
func adjsp(c *Ctx) {
	op := &c.Stmt.Args[0]
	if op.Kind != asmparse.ImmOp || op.Unresolved() != "" {
		c.E.SP = SPChange{Kind: SPUnknown, Tracked: true}
		return
	}
	c.E.SP = SPChange{Kind: SPDelta, Delta: -op.Val, Tracked: true}
}

// leaSP lowers LEAQ n(SP), SP: SP += n, not tracked by the assembler.
func leaSP(c *Ctx) {
	args := c.Stmt.Args
	if len(args) != 2 || args[1].Kind != asmparse.RegOp || !c.Arch.isSP(args[1].Reg()) {
		return
	}
	if len(c.E.Mem) == 1 {
		if m := c.E.Mem[0]; m.Base == BaseSP && m.Index == NoReg && m.OffOK {
			c.E.SP = SPChange{Kind: SPDelta, Delta: m.Off}
		}
	}
}

// movScalar makes MOVSD X1, X2 and MOVSS X1, X2 read their destination:
// between registers they write only its low element; from memory they
// zero the rest (Intel SDM vol. 2, MOVSD).
func movScalar(c *Ctx) {
	args := c.Stmt.Args
	if len(args) == 2 && args[0].Kind == asmparse.RegOp && args[1].Kind == asmparse.RegOp {
		if r, ok := c.Arch.Regs.Lookup(args[1].Reg()); ok {
			c.E.Reads = append(c.E.Reads, r)
		}
	}
}

// pusha lowers PUSHAL/POPAL (and the 16-bit PUSHAW/POPAW): they move SP
// by 8 registers, and the assembler does not track them (obj6.go).
func pusha(c *Ctx) {
	n := int64(32)
	if strings.HasSuffix(c.Op, "W") {
		n = 16
	}
	if strings.HasPrefix(c.Op, "PUSH") {
		n = -n
	}
	c.E.SP = SPChange{Kind: SPDelta, Delta: n}
}

// writesWide reports whether the instruction writes a Y or Z register
// (more than the low 16 bytes of a vector register).
func writesWide(c *Ctx) bool {
	for _, w := range c.E.Writes {
		ri := c.Arch.Regs.Info(w.Reg)
		size := int(w.Size)
		if size == 0 {
			size = int(ri.Size)
		}
		if ri.Class == ClassVec && int(w.Off)+size > 16 {
			return true
		}
	}
	return false
}

// vzero adds the registers VZEROALL and VZEROUPPER clear: all of
// X0–X15 (X0–X7 on 386), or the bytes above the low 16.
func (t *x86Table) vzero(c *Ctx) {
	var off, size uint8
	switch x86KindOf(c) {
	case x86VZeroAll:
		off, size = 0, 64
	case x86VZeroUpper:
		off, size = 16, 48
	default:
		return
	}
	t.vecOnce.Do(func() {
		for i := 0; i < t.vecRegs; i++ {
			t.vecs = append(t.vecs, c.Arch.Regs.Reg(fmt.Sprintf("X%d", i)))
		}
	})
	for _, r := range t.vecs {
		c.E.Writes = append(c.E.Writes, RegRef{Reg: r, Off: off, Size: size})
	}
}

// spWrite marks SPWRITE for instructions whose destination is SP but
// that do not write it: the assembler decides on the operand alone
// (obj6.go: To is SP and the instruction is not CMPL or CMPQ), so
// TESTQ $15, SP makes the function SPWRITE.
func spWrite(c *Ctx) {
	args := c.Stmt.Args
	n := len(args)
	if n == 0 || args[n-1].Kind != asmparse.RegOp || !c.Arch.isSP(args[n-1].Reg()) {
		return
	}
	switch c.Op {
	case "CMPL", "CMPQ":
		return
	}
	if !c.E.SP.Tracked {
		c.E.SP.SPWrite = true
	}
}
