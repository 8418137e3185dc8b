package frame

import (
	"slices"
	"sync"

	"github.com/asmcheck/asmcheck/asmparse"
)

// A Ctx is the state of lowering one statement. Arch hooks (Suffix,
// Special) receive it.
type Ctx struct {
	Arch *Arch
	Stmt *asmparse.Stmt
	E    *draft
	// Op is the mnemonic the table is searched with; a Suffix hook may
	// change it.
	Op string
	// WriteBack, set by a Suffix hook, says the memory operand's base
	// register is updated: Pre for .W (pre-index), else .P (post-index).
	WriteBack, Pre bool
	// Cond, set by a Suffix hook, makes an unconditional branch conditional
	// (arm's B.EQ) and marks other instructions Conditional.
	Cond bool
	// Frame is the frame size of the enclosing TEXT ($frame), when
	// HasFrame: some instructions expand differently depending on the
	// offsets the frame gives FP and pseudo-SP operands.
	Frame    int64
	HasFrame bool
	form     *compiledForm
	entry    *opEntry // the table's entry for Op, or nil
}

// A draft is the Effect being lowered, with its operands in slices of the
// scratch's buffers and its target, if it has one, in Target; the scratch
// moves them into the Func's arrays (scratch.lower, finish, fix).
type draft struct {
	*Effect
	Reads  []RegRef // registers read, explicit and implicit
	Writes []RegRef // registers written, explicit and implicit
	Mem    []Mem    // memory operands
	// Target is what setTarget set (hasTarget), and zero otherwise.
	Target    Target
	hasTarget bool
	// names is the scratch's buffer of the names the lowering makes for
	// memory operands (Mem.lit, addName).
	names *[]string
}

// addName records name, which the lowering made for a memory operand, and
// returns the Mem.lit that refers to it.
func (d *draft) addName(name string) int32 {
	*d.names = append(*d.names, name)
	return int32(len(*d.names))
}

// Lower returns the Effect of statement s, the idx'th of its file,
// outside of any function.
func (a *Arch) Lower(s *asmparse.Stmt, idx int) Inst {
	a.once.Do(a.compile)
	sc := getScratch()
	defer putScratch(sc)
	fn := &Func{Arch: a, Insts: make([]Effect, 1), one: s}
	sc.begin(a)
	sc.lower(a, &fn.Insts[0], s, idx, 0, false)
	fn.ops = sc.finish()
	sc.fix(fn.Insts, 0)
	return fn.Inst(0)
}

// A scratch holds the buffers Funcs lowers a file in: the register and
// memory operands of all its Effects, appended as each is lowered and
// copied at the end into arrays of the exact size. Scratches are pooled.
type scratch struct {
	ctx    Ctx
	reads  []RegRef
	writes []RegRef
	mems   []Mem
	tgts   []Target
	names  []string // draft.addName's
	ends   []opEnds // for each Effect lowered, where its operands end
	draft  draft

	// The arrays finish copies the operands into.
	ops *effectOps

	// For the CFGs (cfg.go).
	leader  []bool
	targets []int32
	blockOf []int32
}

// opEnds says where the operands of one Effect end in scratch's buffers.
type opEnds struct{ reads, writes, mems, tgts uint32 }

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

func putScratch(sc *scratch) {
	clear(sc.tgts) // drop references to the file's strings
	clear(sc.names)
	sc.reads, sc.writes, sc.mems, sc.tgts, sc.names, sc.ends = sc.reads[:0], sc.writes[:0], sc.mems[:0], sc.tgts[:0], sc.names[:0], sc.ends[:0]
	sc.ops = nil
	sc.ctx = Ctx{}
	sc.draft = draft{}
	scratchPool.Put(sc)
}

// begin readies sc to lower statements with arch a. What stays the same
// from one statement to the next is set here: the scratch lives on the
// heap, and each pointer stored into it while the collector marks costs a
// write barrier.
func (sc *scratch) begin(a *Arch) {
	sc.ctx.Arch, sc.ctx.E = a, &sc.draft
	sc.draft.names = &sc.names
}

// lower lowers s, the idx'th statement of its file, into *e, which must
// be zero, with its operands in sc's buffers (begin first).
func (sc *scratch) lower(a *Arch, e *Effect, s *asmparse.Stmt, idx int, frame int64, hasFrame bool) {
	r0, w0, m0 := len(sc.reads), len(sc.writes), len(sc.mems)
	// *e is zero: set only what is not (one field at a time, cheaper
	// than assigning the whole struct).
	e.Stmt, e.Pos = idx, s.Pos
	d := &sc.draft
	d.Effect = e
	d.Reads, d.Writes, d.Mem = sc.reads[r0:r0], sc.writes[w0:w0], sc.mems[m0:m0]
	c := &sc.ctx
	c.Stmt, c.Op, c.Frame, c.HasFrame = s, s.Op, frame, hasFrame
	c.WriteBack, c.Pre, c.Cond = false, false, false
	if c.form != nil || c.entry != nil {
		c.form, c.entry = nil, nil
	}
	a.lowerStmt(c)
	keepTail(&sc.reads, r0, d.Reads)
	keepTail(&sc.writes, w0, d.Writes)
	keepTail(&sc.mems, m0, d.Mem)
	if d.hasTarget {
		sc.tgts = append(sc.tgts, d.Target)
	}
	if d.hasTarget || d.Target != (Target{}) {
		// (A hook that wrote into the target without setTarget leaves
		// nothing for the next statement.)
		d.Target, d.hasTarget = Target{}, false
	}
	sc.ends = append(sc.ends, opEnds{uint32(len(sc.reads)), uint32(len(sc.writes)), uint32(len(sc.mems)), uint32(len(sc.tgts))})
}

// keepTail makes *buf buf[:start] followed by x. x was appended to
// buf[start:start] and is usually there already, when only the length
// changes (no pointer is stored).
func keepTail[T any](buf *[]T, start int, x []T) {
	b := *buf
	switch {
	case len(x) == 0:
		*buf = b[:start]
	case cap(b) > start && &b[:start+1][start] == &x[0]:
		*buf = b[:start+len(x)]
	default:
		*buf = append(b[:start], x...)
	}
}

// finish copies the operands of the Effects lowered with sc from sc's
// buffers into arrays of their own, and returns them. The Effects must
// then be given their places in them with fix.
func (sc *scratch) finish() *effectOps {
	ops := &effectOps{}
	if len(sc.reads) > 0 {
		ops.reads = slices.Clone(sc.reads)
	}
	if len(sc.writes) > 0 {
		ops.writes = slices.Clone(sc.writes)
	}
	if len(sc.mems) > 0 {
		ops.mems = slices.Clone(sc.mems)
	}
	if len(sc.tgts) > 0 {
		ops.targets = slices.Clone(sc.tgts)
	}
	if len(sc.names) > 0 {
		ops.names = slices.Clone(sc.names)
	}
	sc.ops = ops
	return ops
}

// fix sets where the operands of insts, the Effects lowered with sc from
// the off'th on, are in the arrays finish made.
func (sc *scratch) fix(insts []Effect, off int) {
	var prev opEnds
	if off > 0 {
		prev = sc.ends[off-1]
	}
	ends := sc.ends[off : off+len(insts)]
	for i := range insts {
		e, end := &insts[i], ends[i]
		e.reads, e.nreads = prev.reads, uint16(end.reads-prev.reads)
		e.writes, e.nwrites = prev.writes, uint16(end.writes-prev.writes)
		e.mems, e.nmems = prev.mems, uint8(end.mems-prev.mems)
		if end.tgts != prev.tgts {
			e.target = end.tgts
		}
		prev = end
	}
}

func (a *Arch) lowerStmt(c *Ctx) {
	s := c.Stmt
	if lowerPseudo(c) {
		return
	}
	if s.Op == "RET" {
		// obj.ARET on every arch (cmd/internal/obj/util.go Anames): the
		// preprocess pass pops the frame before it, also for RET sym(SB).
		c.E.Attrs |= AttrEpilogue
	}
	if a.Suffix != nil && s.Suffix() != "" {
		a.Suffix(c, s.Suffix())
	}
	c.entry = opGet(a.compiled, c.Op)
	if c.form = c.entry.pick(len(s.Args)); c.form != nil {
		c.apply()
	} else {
		c.unknownOperands()
	}
	if a.Special != nil {
		a.Special(c)
	}
	c.markIdioms()
	c.finishSP()
}

// pick returns the form of op for n operands, or nil.
func (a *Arch) pick(op string, n int) *compiledForm {
	ent, _ := a.compiled.get(op)
	return ent.pick(n)
}

// pick returns the form for n operands, or nil.
func (ent *opEntry) pick(n int) *compiledForm {
	if ent == nil {
		return nil
	}
	forms := ent.forms
	for i := range forms {
		if f := &forms[i]; f.N == n || f.N < 0 {
			return f
		}
	}
	return nil
}

// lowerPseudo handles the assembler's own pseudo-instructions, the same
// on every arch (cmd/asm/internal/asm/parse.go pseudo).
func lowerPseudo(c *Ctx) bool {
	e := c.E
	switch c.Stmt.Op {
	case "TEXT":
		e.Pseudo = PseudoTEXT
	case "DATA":
		e.Pseudo = PseudoDATA
	case "GLOBL":
		e.Pseudo = PseudoGLOBL
	case "PCDATA":
		e.Pseudo = PseudoPCDATA
	case "FUNCDATA":
		e.Pseudo = PseudoFUNCDATA
	case "NOP", "PCALIGN", "PCALIGNMAX", "":
		e.Pseudo = PseudoOther
	default:
		return false
	}
	e.Known = true
	return true
}

// apply lowers the operands with the chosen form.
func (c *Ctx) apply() {
	f, e := c.form, c.E
	e.Known = true
	e.Flow = f.Flow
	e.Attrs |= f.Attr
	if len(f.read) > 0 {
		e.Reads = append(e.Reads, f.read...)
	}
	if len(f.write) > 0 {
		e.Writes = append(e.Writes, f.write...)
	}
	if f.SP != 0 {
		e.SP = SPChange{Kind: SPDelta, Delta: f.SP, Tracked: true}
	}
	for i := range c.Stmt.Args {
		acc, ok := f.accessFor(i)
		if !ok {
			acc = access{read: true}
		}
		c.operand(i, acc)
	}
	if c.Cond {
		if e.Flow == FlowJump {
			e.Flow = FlowCondJump
		}
		e.Conditional = true
	}
	c.spArith()
}

func (f *compiledForm) accessFor(i int) (access, bool) {
	switch {
	case i < len(f.args):
		return f.args[i], true
	case f.repeat && len(f.args) > 0:
		return f.args[len(f.args)-1], true
	}
	return access{}, false
}

// unknownOperands records the memory operands of an instruction the
// table does not know, with no claim about how they are accessed, so that
// checks of names and offsets still see them.
func (c *Ctx) unknownOperands() {
	for i := range c.Stmt.Args {
		switch c.Stmt.Args[i].Kind {
		case asmparse.MemOp, asmparse.AddrOp:
			c.mem(i, access{})
		}
	}
}

// operand lowers operand i with access acc.
func (c *Ctx) operand(i int, acc access) {
	op := &c.Stmt.Args[i]
	if acc.target {
		c.target(i)
		return
	}
	switch op.Kind {
	case asmparse.RegOp:
		if !op.HasLane() && op.Ext() == "" && op.ShiftReg() == "" {
			// regOperand, for a plain register.
			var size uint8
			if acc.size > 0 && acc.size < 256 {
				size = uint8(acc.size)
			}
			ref, ok := c.Arch.opReg(op)
			c.addRef(ref, ok, acc, 0, size)
			return
		}
		c.regOperand(op, acc)
	case asmparse.MemOp, asmparse.AddrOp:
		c.mem(i, acc)
	case asmparse.ListOp:
		for _, r := range op.List() {
			c.regOperand(&r, acc)
		}
	case asmparse.PairOp:
		c.regAccess(op.Reg(), acc, 0, 0)
		c.regAccess(op.Reg2(), acc, 0, 0)
	}
}

func (c *Ctx) regOperand(op *asmparse.Operand, acc access) {
	var off, size uint8
	if c.Arch.VecPart != nil && (op.Ext() != "" || op.HasLane()) {
		off, size = c.Arch.VecPart(op.Ext(), op.Lane(), op.HasLane())
	}
	if size == 0 && acc.size > 0 && acc.size < 256 {
		size = uint8(acc.size)
	}
	ref, ok := c.Arch.opReg(op)
	c.addRef(ref, ok, acc, off, size)
	if sr := op.ShiftReg(); sr != "" {
		c.regAccess(sr, access{read: true}, 0, 0)
	}
}

// A regAnswer is a register lookup's result.
type regAnswer struct {
	ref RegRef
	ok  bool
}

// opReg looks up the register of op (Regs.Lookup(op.Reg())) by its id.
func (a *Arch) opReg(op *asmparse.Operand) (RegRef, bool) {
	if id := op.RegID(); id < len(a.regByID) {
		r := a.regByID[id]
		return r.ref, r.ok
	}
	return regGet(a.regs, op.Reg())
}

// regAccess records a read and/or write of the register named name.
// A register operand that is neither read nor written by the table ("-")
// counts as read.
func (c *Ctx) regAccess(name string, acc access, off, size uint8) {
	ref, ok := regGet(c.Arch.regs, name)
	c.addRef(ref, ok, acc, off, size)
}

// addRef records a read and/or write of ref, the result of looking up a
// register name (ok false if there is none), as regAccess does.
func (c *Ctx) addRef(ref RegRef, ok bool, acc access, off, size uint8) {
	if !ok || ref.Reg == NoReg {
		return
	}
	if size != 0 {
		ref.Off += off
		ref.Size = size
	}
	if acc.read || !acc.write {
		c.E.Reads = append(c.E.Reads, ref)
	}
	if acc.write {
		c.E.Writes = append(c.E.Writes, ref)
	}
}

// mem lowers memory operand i.
func (c *Ctx) mem(i int, acc access) {
	op := &c.Stmt.Args[i]
	m := Mem{Off: op.Val, OffOK: op.Unresolved() == "", Arg: i}
	var ref RegRef // op.Reg looked up, for BaseReg and BaseSP
	var refOK bool
	m.Base, m.Reg, ref, refOK = c.baseRef(op)
	if op.Index() != "" {
		iref, ok := regGet(c.Arch.regs, op.Index())
		m.Index = iref.Reg
		m.Scale = int(op.Scale)
		c.addRef(iref, ok, access{read: true}, 0, 0)
	}
	switch m.Base {
	case BaseReg, BaseSP:
		c.addRef(ref, refOK, access{read: true}, 0, 0)
	case BaseFP, BasePseudoSP:
		// The assembler turns these into offsets from the hardware SP.
		if c.Arch.SP != NoReg {
			c.E.Reads = append(c.E.Reads, RegRef{Reg: c.Arch.SP})
		}
	}
	if op.Kind == asmparse.AddrOp || acc.addr {
		m.Addr = true
	} else {
		m.Read, m.Write, m.Size = acc.read, acc.write, acc.size
	}
	if c.WriteBack && (m.Base == BaseReg || m.Base == BaseSP) && !m.Addr {
		m.WBDelta, m.PreWB = m.Off, c.Pre
		if !c.Pre {
			m.Off = 0
		}
		c.addRef(ref, refOK, access{write: true}, 0, 0)
		if m.Base == BaseSP {
			// Not tracked by the assembler and not SPWRITE (obj7.go
			// only looks at To.Type == TYPE_REG).
			c.E.SP = SPChange{Kind: SPDelta, Delta: m.WBDelta}
		}
	}
	c.E.Mem = append(c.E.Mem, m)
}

// base classifies the base of a memory operand.
func (c *Ctx) base(op *asmparse.Operand) (MemBase, Reg) {
	b, r, _, _ := c.baseRef(op)
	return b, r
}

// baseRef classifies the base of a memory operand and, for BaseReg and
// BaseSP, also returns Regs.Lookup(op.Reg).
func (c *Ctx) baseRef(op *asmparse.Operand) (MemBase, Reg, RegRef, bool) {
	switch op.Reg() {
	case "SB":
		return BaseSB, NoReg, RegRef{}, false
	case "FP":
		return BaseFP, NoReg, RegRef{}, false
	case "PC":
		return BasePC, NoReg, RegRef{}, false
	case "":
		return BaseNone, NoReg, RegRef{}, false
	case "SP":
		if op.Sym() == "" && c.Arch.ABI.SPIsHardware {
			ref, ok := c.Arch.Regs.Lookup("SP")
			return BaseSP, c.Arch.SP, ref, ok
		}
		return BasePseudoSP, NoReg, RegRef{}, false
	}
	ref, ok := c.Arch.opReg(op)
	if r := ref.Reg; r == c.Arch.SP && r != NoReg {
		return BaseSP, r, ref, ok
	}
	return BaseReg, ref.Reg, ref, ok
}

// isSP reports whether Regs.Reg(name) == a.SP.
func (a *Arch) isSP(name string) bool {
	if a.SP == NoReg {
		return a.Regs.Reg(name) == NoReg
	}
	for _, n := range a.spNames {
		if len(n) == len(name) && n[0] == name[0] && n == name { // the first byte rules out most
			return true
		}
	}
	return false
}

// setTarget gives the Effect being lowered the target t.
func (c *Ctx) setTarget(t Target) {
	c.E.Target, c.E.hasTarget = t, true
}

// clearTarget drops the target of the Effect being lowered.
func (c *Ctx) clearTarget() {
	c.E.Target, c.E.hasTarget = Target{}, false
}

// target records operand i as a branch or call target.
func (c *Ctx) target(i int) {
	op, e := &c.Stmt.Args[i], c.E
	switch op.Kind {
	case asmparse.NameOp:
		c.setTarget(Target{Label: op.Sym()})
	case asmparse.MemOp, asmparse.AddrOp:
		switch base, r := c.base(op); base {
		case BasePC:
			c.setTarget(Target{PCRel: int(op.Val), HasPCRel: true})
		case BaseSB:
			c.setTarget(Target{Sym: op.Sym(), Off: op.Val, ABI: op.ABI(), Static: op.Static()})
			if e.Flow == FlowJump || e.Flow == FlowReturn {
				e.Flow = FlowTailCall
			}
		default:
			c.setTarget(Target{Indirect: true, Reg: r})
			c.mem(i, access{read: true})
			if e.Flow == FlowJump {
				e.Flow = FlowIndirect
			}
		}
	case asmparse.RegOp:
		c.setTarget(Target{Indirect: true, Reg: c.Arch.Regs.Reg(op.Reg())})
		c.regAccess(op.Reg(), access{read: true}, 0, 0)
		if e.Flow == FlowJump {
			e.Flow = FlowIndirect
		}
	case asmparse.ConstOp:
		// ppc64 BC's numeric operands, wasm Br $1: not targets of ours.
	}
}

// spArith lowers "OP $c, SP" for forms marked SPArith.
func (c *Ctx) spArith() {
	f, args := c.form, c.Stmt.Args
	if f.SPArith == 0 || len(args) < 2 {
		return
	}
	dst, src := &args[len(args)-1], &args[0]
	if dst.Kind != asmparse.RegOp || c.Arch.SP == NoReg || !c.Arch.isSP(dst.Reg()) {
		return
	}
	if len(args) == 3 && !c.Arch.isSP(args[1].Reg()) {
		return // ADD $c, R1, RSP: SP = R1 + c
	}
	if src.Kind != asmparse.ImmOp || src.Unresolved() != "" {
		c.E.SP = SPChange{Kind: SPUnknown}
		return
	}
	switch f.SPArith {
	case '+':
		c.E.SP = SPChange{Kind: SPDelta, Delta: src.Val, Tracked: c.Arch.SPArithTracked}
	case '-':
		c.E.SP = SPChange{Kind: SPDelta, Delta: -src.Val, Tracked: c.Arch.SPArithTracked}
	case '&':
		c.E.SP = SPChange{Kind: SPAlign, Align: int32(-src.Val)}
		if src.Val > 0 || -src.Val != int64(int32(-src.Val)) {
			c.E.SP = SPChange{Kind: SPUnknown}
		}
	}
}

// finishSP makes any other write of the SP register an unknown change and
// decides SPWRITE: the destination (last) operand is the SP register and
// the change is not one the assembler tracks.
func (c *Ctx) finishSP() {
	a, e := c.Arch, c.E
	if a.SP == NoReg {
		return
	}
	wrote := false
	for _, w := range e.Writes {
		if w.Reg == a.SP {
			wrote = true
		}
	}
	if !wrote {
		return
	}
	if e.SP.Kind == SPNone {
		e.SP = SPChange{Kind: SPUnknown}
	}
	args := c.Stmt.Args
	if n := len(args); n > 0 && !a.NoSPWrite && args[n-1].Kind == asmparse.RegOp && !e.SP.Tracked && a.isSP(args[n-1].Reg()) {
		e.SP.SPWrite = true
	}
}
