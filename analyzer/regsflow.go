package analyzer

import (
	"slices"
	"strconv"

	"github.com/asmcheck/asmcheck/frame"
)

// The value-tracking dataflow behind the register checks (calleesaved,
// framepointer, reserved). It follows, along every path of a function,
// what each register and each stack slot holds in terms of the state at
// entry: "the entry value of BX", "SP-at-entry - 8", "g", "zero", or
// unknown. That is enough to see a callee-saved register saved to a slot
// (MOVQ BX, 8(SP); STP (R19, R20), 32(RSP); PUSHQ BP), copied to another
// register (MOVD R27, R11), clobbered (a write, a REGTMP the assembler
// synthesizes, a call), and restored from the same slot or copy before a
// return — and to see SP itself saved and restored around a realignment
// (MOVQ SP, BX; ANDQ $~15, SP; …; MOVQ BX, SP).
//
// Everything is read from Effects: AttrMove, AttrZeroIdiom and AttrLoadsG
// (frame/idioms.go) say what a move, a zeroing idiom and a load of g
// produce; stores and loads pair their register list with the bytes of
// the memory operand in order (STP's two registers, MOVUPS's 16 bytes).
// What the analysis cannot follow becomes unknown: a load from an address
// it cannot name, a store through an unknown pointer (which is assumed not
// to hit a tracked slot), an instruction the tables do not know (which is
// assumed to change nothing it tracks). Unknown never produces a report on
// its own: checks report a register that is provably not what it must be.

// A valKind says what a register or slot is known to hold.
type valKind uint8

const (
	vUnknown   valKind = iota
	vEntry             // the entry value of register reg (its low size bytes)
	vSP                // the address SP-at-entry + off (SP after the prologue)
	vG                 // the current goroutine's g
	vZero              // zero
	vLoaded            // loaded from memory the analysis cannot name (a field of a struct, a global)
	vSPDerived         // computed from SP alone, by an amount the analysis does not know (SUB $8, RSP, R29)
)

// A val is what a register or slot holds. size is the number of low bytes
// the description holds for.
type val struct {
	kind valKind
	size uint8
	reg  frame.Reg
	off  int64
}

// same reports whether v and w describe the same value, ignoring size.
func (v val) same(w val) bool {
	return v.kind == w.kind && v.reg == w.reg && v.off == w.off
}

// slotKey names memory the analysis can follow: a stack word relative to
// SP at entry (sym ""), or sym+off(SB).
type slotKey struct {
	sym string
	off int64
}

// A slot is memory holding a tracked value.
type slot struct {
	key  slotKey
	size int
	v    val
	at   int32 // the instruction that stored it (the first, over paths)
}

// noSite marks a watched register that is intact.
const noSite = -1

// siteProlog marks a register clobbered by the assembler's prologue.
const siteProlog = -2

// A flowState is the state before or after one instruction.
type flowState struct {
	regs    []val // by regFlow.at; shared between states, copied on write
	slots   []slot
	spKnown bool
	sp      int64 // SP - SP-at-entry, when spKnown
	tracked int64 // the part of sp the assembler tracks (for FP offsets on x86)
	sites   []int32
	// dead reports that no execution gets here: the path went through a
	// call that never returns.
	dead bool
}

// A watch is a register whose value a check follows to a requirement.
// The dataflow records, for each path, the instruction where the register
// stopped being intact (its clobber site).
type watch struct {
	reg  frame.Reg
	want val // what it must hold: intact when same kind/reg/off with at least want.size bytes
	name string
	// ok, if set, decides instead of want whether v, in state s, is
	// intact.
	ok func(v val, s *flowState) bool
	// at is the index of reg's value in flowState.regs (set by newRegFlow).
	at int
}

// intact reports whether v is what w wants.
func (w *watch) intact(v val) bool {
	return v.same(w.want) && v.size >= w.want.size
}

// intactIn reports whether w's register is intact in s.
func (w *watch) intactIn(s *flowState) bool {
	if w.ok != nil {
		return w.ok(s.regs[w.at], s)
	}
	return w.intact(s.regs[w.at])
}

// A regFlow is one run of the dataflow over a function.
type regFlow struct {
	fn      *frame.Func
	arch    *frame.Arch
	lay     frame.Layout
	watches []watch
	// clobbers returns the registers a call may change (nil: none).
	clobbers func(i int, e frame.Inst) *frame.RegSet
	seed     func(s *flowState)
	sol      *frame.Solution[*flowState]
	// spare is a state transfer allocated and did not return (the
	// instruction changed nothing), for the next transfer to fill.
	spare *flowState
	// at maps each register whose value can be read — the registers the
	// instructions read, their address registers and the watched ones —
	// to its index in flowState.regs, plus one; 0 for the others, which
	// states do not carry: what is written to them is never read.
	at    []uint16
	nregs int
}

// newRegFlow prepares a run over fn; seed sets the entry state (the
// watched registers' entry values are set already).
func newRegFlow(fn *frame.Func, watches []watch) *regFlow {
	lay, ok := layoutFor(fn)
	lay.Exact = ok
	rf := &regFlow{fn: fn, arch: fn.Arch, lay: lay, watches: watches}
	rf.at = make([]uint16, len(fn.Arch.Regs.Regs))
	add := func(r frame.Reg) {
		if int(r) < len(rf.at) && rf.at[r] == 0 {
			rf.nregs++
			rf.at[r] = uint16(rf.nregs)
		}
	}
	for k := range watches {
		add(watches[k].reg)
		watches[k].at = int(rf.at[watches[k].reg]) - 1
	}
	for i := range fn.Insts {
		e := fn.Inst(i)
		for _, r := range e.Reads() {
			add(r.Reg)
		}
		for j := range e.Mem() {
			add(e.Mem()[j].Reg)
			add(e.Mem()[j].Index)
		}
	}
	return rf
}

// reg returns the value of register r in s.
func (rf *regFlow) reg(s *flowState, r frame.Reg) val {
	if int(r) < len(rf.at) {
		if k := rf.at[r]; k != 0 {
			return s.regs[k-1]
		}
	}
	return val{}
}

// put sets register r to v in s, a state being built that owns its
// register array (the entry state, from a seed).
func (rf *regFlow) put(s *flowState, r frame.Reg, v val) {
	if int(r) < len(rf.at) {
		if k := rf.at[r]; k != 0 {
			s.regs[k-1] = v
		}
	}
}

// layoutFor returns fn's frame layout and whether the register checks can
// rely on it: the model is exact, or its only doubt — whether an
// instruction the table does not know (BYTE $0xcc) is a call the
// assembler counts — cannot change the frame, because the function
// declares one, is NOFRAME, or has a call already. (frame.Layout is exact
// on the arches whose prologue frame.Xlogue models.)
func layoutFor(fn *frame.Func) (frame.Layout, bool) {
	lay := fn.Layout()
	if lay.Exact {
		return lay, true
	}
	if !fn.Arch.XlogueModeled() || !fn.FlagsOK {
		return lay, false
	}
	return lay, fn.Frame > 0 || fn.Has(frame.FlagNOFRAME) || hasKnownCall(fn)
}

// hasKnownCall reports whether fn has a call instruction the table knows.
func hasKnownCall(fn *frame.Func) bool {
	for i := range fn.Insts {
		if e := fn.Inst(i); e.Known && e.Flow == frame.FlowCall {
			return true
		}
	}
	return false
}

// solve runs the dataflow.
func (rf *regFlow) solve() {
	p := frame.Problem[*flowState]{
		Entry:    rf.entry(),
		Join:     rf.join,
		Equal:    equalStates,
		Transfer: rf.transfer,
	}
	rf.sol = frame.Forward(rf.fn, p)
}

// live reports whether some execution reaches instruction i.
func (rf *regFlow) live(i int) bool {
	return rf.sol.Reached[i] && !rf.sol.In[i].dead
}

// entry builds the state at the first instruction of the body.
func (rf *regFlow) entry() *flowState {
	s := &flowState{regs: make([]val, rf.nregs), spKnown: true}
	s.sites = make([]int32, len(rf.watches))
	for k, w := range rf.watches {
		rf.put(s, w.reg, w.want)
		s.sites[k] = noSite
	}
	if rf.seed != nil {
		rf.seed(s)
	}
	for k := range rf.watches {
		if w := &rf.watches[k]; !w.intactIn(s) {
			s.sites[k] = siteProlog
		}
	}
	return s
}

// unitSize returns the size of register r in bytes.
func (rf *regFlow) unitSize(r frame.Reg) uint8 {
	if n := rf.arch.Regs.Info(r).Size; n > 0 {
		return n
	}
	return 8
}

// fullVal returns what register r holds at its full width: v with the
// size of the unit when v's size is 0.
func (rf *regFlow) sized(v val, n uint8) val {
	if v.kind != vUnknown && (v.size == 0 || v.size > n) {
		v.size = n
	}
	return v
}

func (rf *regFlow) join(a, b *flowState) *flowState {
	switch {
	case a.dead:
		return b
	case b.dead:
		return a
	}
	out := &flowState{regs: a.regs, spKnown: a.spKnown && b.spKnown && a.sp == b.sp, sp: a.sp, tracked: a.tracked}
	if !slices.Equal(a.regs, b.regs) {
		out.regs = make([]val, len(a.regs))
		for r := range a.regs {
			out.regs[r] = joinVal(a.regs[r], b.regs[r])
		}
	}
	out.slots = joinSlots(a.slots, b.slots)
	out.sites = make([]int32, len(a.sites))
	for k := range a.sites {
		out.sites[k] = noSite
		if w := &rf.watches[k]; !w.intactIn(out) {
			out.sites[k] = minSite(a.sites[k], b.sites[k])
		}
	}
	return out
}

// minSite returns the earlier of two clobber sites, ignoring noSite.
func minSite(a, b int32) int32 {
	switch {
	case a == noSite:
		return b
	case b == noSite:
		return a
	}
	return min(a, b)
}

func joinVal(a, b val) val {
	if !a.same(b) {
		return val{}
	}
	a.size = min(a.size, b.size)
	return a
}

// joinSlots keeps the slots both states agree on.
func joinSlots(a, b []slot) []slot {
	var out []slot
	for _, s := range a {
		for _, t := range b {
			if s.key == t.key && s.size == t.size && s.v == t.v {
				s.at = min(s.at, t.at)
				out = append(out, s)
				break
			}
		}
	}
	return out
}

func equalStates(a, b *flowState) bool {
	return a.dead == b.dead && a.spKnown == b.spKnown && a.sp == b.sp && slices.Equal(a.regs, b.regs) &&
		slices.Equal(a.slots, b.slots) && slices.Equal(a.sites, b.sites)
}

// A cow says which arrays of the state a transfer builds it owns: the
// new state shares the register array, the slots and the sites of the
// state before the instruction until it writes them (copy on write).
type cow struct {
	regs, slots, sites bool
}

// ownSlots makes s.slots s's own.
func (s *flowState) ownSlots(own *cow) {
	if !own.slots {
		s.slots = slices.Clone(s.slots)
		own.slots = true
	}
}

// setReg sets register r (the bytes ref addresses) to v in s, copying the
// register array first if it is shared and the value changes.
func (rf *regFlow) setReg(s *flowState, own *cow, ref frame.RegRef, v val) {
	if int(ref.Reg) >= len(rf.at) || ref.Reg == frame.NoReg || rf.at[ref.Reg] == 0 {
		return
	}
	unit := rf.unitSize(ref.Reg)
	k := int(rf.at[ref.Reg]) - 1
	old := s.regs[k]
	size := ref.Size
	if size == 0 {
		size = unit
	}
	if ref.Off > 0 {
		// A write above the low bytes keeps the bytes below it.
		v = old
		if old.kind != vUnknown && old.size > ref.Off {
			v.size = ref.Off
		}
	} else {
		v = rf.sized(v, size)
		if v.same(old) && old.size > size {
			// The bytes above the write still hold the same value.
			v.size = old.size
		}
	}
	if v == old {
		return
	}
	if !own.regs {
		s.regs = slices.Clone(s.regs)
		own.regs = true
	}
	s.regs[k] = v
}

// noReturnCalls are Go functions called from assembly that never return
// to their caller, so that code after a call to them is dead.
var noReturnCalls = map[string]bool{
	// runtime/proc.go: mstart, "the entry-point for new Ms", calls
	// mstart0, which runs mstart1 (the scheduler) and then mexit,
	// which exits the thread.
	"runtime·mstart":  true,
	"runtime·mstart0": true,
	// runtime/asm_*.s abort: a fault or trap, then an endless loop.
	"runtime·abort": true,
	// runtime/proc.go: "called from assembly" when mcall's function
	// returns or is called on g0; both throw.
	"runtime·badmcall":  true,
	"runtime·badmcall2": true,
	// runtime/os_plan9.go: noted(_NCONT) resumes the interrupted
	// context; the note handler does not return.
	"runtime·noted": true,
}

// transfer returns the state after instruction i.
func (rf *regFlow) transfer(i int, e frame.Inst, in *flowState) *flowState {
	if !e.Known || e.Pseudo != frame.NotPseudo || in.dead {
		return in
	}
	if e.Flow == frame.FlowCall && noReturnCalls[e.Target().Sym] {
		return &flowState{dead: true}
	}
	s := rf.spare
	if s == nil {
		s = new(flowState)
	}
	rf.spare = nil
	*s = *in
	var own cow
	var buf [16]bool
	handled := buf[:0]
	if len(e.Writes()) <= len(buf) {
		handled = buf[:len(e.Writes())]
	} else {
		handled = make([]bool, len(e.Writes()))
	}
	rf.load(e, in, s, &own, handled)
	rf.store(i, e, in, s, &own)
	rf.regWrites(e, in, s, &own, handled)
	dropRegSlots(s, e, &own)
	if e.Attrs&frame.AttrUsesTmp != 0 && rf.arch.Tmp != frame.NoReg {
		rf.setReg(s, &own, frame.RegRef{Reg: rf.arch.Tmp}, val{})
	}
	if e.Flow == frame.FlowCall && rf.clobbers != nil {
		if set := rf.clobbers(i, e); set != nil {
			for _, r := range set.Regs() {
				rf.setReg(s, &own, frame.RegRef{Reg: r}, val{})
			}
		}
	}
	rf.stepSP(e, in, s)
	for k := range rf.watches {
		w := &rf.watches[k]
		site := s.sites[k]
		switch {
		case w.intactIn(s):
			site = noSite
		case site == noSite:
			site = int32(i)
		}
		if site != s.sites[k] {
			if !own.sites {
				s.sites = slices.Clone(s.sites)
				own.sites = true
			}
			s.sites[k] = site
		}
	}
	if own == (cow{}) && s.spKnown == in.spKnown && s.sp == in.sp && s.tracked == in.tracked && s.dead == in.dead {
		// Nothing changed: the state after is the state before.
		rf.spare = s
		return in
	}
	return s
}

// addr returns the slot memory operand m of e names in state in.
func (rf *regFlow) addr(e frame.Inst, m *frame.Mem, in *flowState) (slotKey, bool) {
	if !m.OffOK {
		return slotKey{}, false
	}
	switch m.Base {
	case frame.BaseSP:
		return slotKey{off: in.sp + m.Off}, in.spKnown && m.Index == frame.NoReg
	case frame.BaseFP, frame.BasePseudoSP:
		if !rf.lay.Exact {
			return slotKey{}, false
		}
		base := rf.lay.Args
		if m.Base == frame.BasePseudoSP {
			base = rf.lay.PseudoSP
		}
		d := in.sp
		if rf.arch.FPFollowsSP {
			// x86 corrects these offsets for the SP changes it tracks.
			d -= in.tracked
		}
		return slotKey{off: d + base + m.Off}, in.spKnown
	case frame.BaseReg:
		if m.Index != frame.NoReg {
			break
		}
		if v := rf.reg(in, m.Reg); v.kind == vSP {
			return slotKey{off: v.off + m.Off}, true
		}
		// Memory through a pointer the analysis does not know: named by
		// the register, valid until the register changes.
		return slotKey{sym: regSlot(m.Reg), off: m.Off}, true
	case frame.BaseSB:
		name := e.MemName(m)
		return slotKey{sym: name, off: m.Off}, name != "" && m.Index == frame.NoReg
	}
	return slotKey{}, false
}

// regSlot is the slotKey.sym of memory addressed through register r.
func regSlot(r frame.Reg) string {
	if int(r) < len(regSlots) {
		return regSlots[r]
	}
	return "\x00" + strconv.Itoa(int(r))
}

// regSlots holds regSlot of the first registers, made once.
var regSlots = func() (out [256]string) {
	for r := range out {
		out[r] = "\x00" + strconv.Itoa(r)
	}
	return out
}()

// dropRegSlots forgets the memory addressed through the registers e
// writes: the pointer changed.
func dropRegSlots(s *flowState, e frame.Inst, own *cow) {
	for _, w := range e.Writes() {
		sym := regSlot(w.Reg)
		drop := func(sl slot) bool { return sl.key.sym == sym }
		if slices.ContainsFunc(s.slots, drop) {
			s.ownSlots(own)
			s.slots = slices.DeleteFunc(s.slots, drop)
		}
	}
}

// refSize returns the bytes a register access covers.
func (rf *regFlow) refSize(r frame.RegRef) int {
	if r.Size != 0 {
		return int(r.Size)
	}
	return int(rf.unitSize(r.Reg))
}

// load gives the destinations of a load the values of the slot it reads:
// one memory read (not also a write), and the registers the instruction
// writes (its write-back base and SP aside) filling the bytes in order.
// POP reads the slot at SP.
func (rf *regFlow) load(e frame.Inst, in, s *flowState, own *cow, handled []bool) {
	if e.Attrs&frame.AttrLoadsG != 0 {
		return // regWrites knows what it loads
	}
	var m *frame.Mem
	var key slotKey
	ok := false
	switch {
	case len(e.Mem()) == 1 && e.Mem()[0].Read && !e.Mem()[0].Write && !e.Mem()[0].Addr:
		m = &e.Mem()[0]
		key, ok = rf.addr(e, m, in)
	case len(e.Mem()) == 0 && e.SP.Kind == frame.SPDelta && e.SP.Delta > 0 && e.SP.Tracked:
		key, ok = slotKey{off: in.sp}, in.spKnown
	default:
		return
	}
	dsts, total := rf.dataRegs(e.Writes(), m)
	size := int(e.SP.Delta)
	if m != nil {
		size = m.Size
	}
	width, fits := rf.widths(e.Writes(), dsts, total, size)
	if !fits {
		return
	}
	off := key.off
	for _, j := range dsts {
		w := e.Writes()[j]
		n := width(j)
		v := val{}
		if ok {
			v = lookupSlot(in.slots, slotKey{key.sym, off}, n)
		}
		if v.kind == vUnknown && (!ok || key.sym != "") {
			// Not a stack slot: it may hold anything, a frame
			// pointer saved in a gobuf included.
			v = val{kind: vLoaded, size: uint8(n)}
		}
		rf.setReg(s, own, w, v)
		handled[j] = true
		off += int64(n)
	}
}

// dataRegs returns the indexes in refs of the registers an instruction
// moves to or from memory operand m (nil for PUSH and POP): all but SP
// and m's address registers. It also returns their total size.
func (rf *regFlow) dataRegs(refs []frame.RegRef, m *frame.Mem) ([]int, int) {
	var base, index frame.Reg
	if m != nil {
		index = m.Index
		if m.Base == frame.BaseReg {
			base = m.Reg
		}
	}
	var out []int
	total := 0
	for j, r := range refs {
		switch {
		case r.Reg == rf.arch.SP:
			continue
		case r.Reg == base && base != frame.NoReg:
			base = frame.NoReg
			continue
		case r.Reg == index && index != frame.NoReg:
			index = frame.NoReg
			continue
		}
		out = append(out, j)
		total += rf.refSize(r)
	}
	return out, total
}

// widths pairs the registers idx of refs with size bytes of memory: each
// register its own access size when they add up to size, else an equal
// share of size when every register is at least that wide (a load pair
// of D registers writes V8 and V9 whole, zero-extending 8 bytes each).
func (rf *regFlow) widths(refs []frame.RegRef, idx []int, total, size int) (func(j int) int, bool) {
	switch {
	case len(idx) == 0 || size <= 0:
		return nil, false
	case total == size:
		return func(j int) int { return rf.refSize(refs[j]) }, true
	case size%len(idx) != 0:
		return nil, false
	}
	share := size / len(idx)
	for _, j := range idx {
		if rf.refSize(refs[j]) < share {
			return nil, false
		}
	}
	return func(int) int { return share }, true
}

// lookupSlot returns the value in the slot at key, read n bytes wide.
func lookupSlot(slots []slot, key slotKey, n int) val {
	for _, sl := range slots {
		if sl.key == key {
			v := sl.v
			if v.kind != vUnknown {
				v.size = uint8(min(int(v.size), n, sl.size))
			}
			return v
		}
	}
	return val{}
}

// store records what a store writes to slots: the registers it reads
// (address registers aside) fill the bytes of the memory operand in
// order. A store the analysis cannot pair with registers makes the bytes
// it writes unknown. PUSH stores at the new SP.
func (rf *regFlow) store(i int, e frame.Inst, in, s *flowState, own *cow) {
	if len(e.Mem()) == 0 && e.SP.Kind == frame.SPDelta && e.SP.Delta < 0 && e.SP.Tracked && in.spKnown {
		rf.storeRegs(i, e, nil, slotKey{off: in.sp + e.SP.Delta}, int(-e.SP.Delta), in, s, own)
		return
	}
	for j := range e.Mem() {
		m := &e.Mem()[j]
		if !m.Write || m.Addr {
			continue
		}
		if key, ok := rf.addr(e, m, in); ok {
			rf.storeRegs(i, e, m, key, m.Size, in, s, own)
		}
	}
}

func (rf *regFlow) storeRegs(i int, e frame.Inst, m *frame.Mem, key slotKey, size int, in, s *flowState, own *cow) {
	srcs, total := rf.dataRegs(e.Reads(), m)
	span := max(size, 1)
	if size == 0 {
		span = max(total, 1)
	}
	overlaps := func(sl slot) bool {
		return sl.key.sym == key.sym && sl.key.off < key.off+int64(span) && key.off < sl.key.off+int64(sl.size)
	}
	if slices.ContainsFunc(s.slots, overlaps) {
		s.ownSlots(own)
		s.slots = slices.DeleteFunc(s.slots, overlaps)
	}
	width, fits := rf.widths(e.Reads(), srcs, total, size)
	if !fits || m != nil && m.Read {
		return
	}
	off := key.off
	for _, j := range srcs {
		r := e.Reads()[j]
		n := width(j)
		v := rf.regVal(in, r)
		if v.kind != vUnknown {
			v.size = uint8(min(int(v.size), n))
			s.ownSlots(own)
			s.slots = append(s.slots, slot{key: slotKey{key.sym, off}, size: n, v: v, at: int32(i)})
		}
		off += int64(n)
	}
	// Sorting slots whose keys already increase strictly changes nothing,
	// whatever the algorithm: only copy and sort when it may.
	if !strictlySorted(s.slots) {
		s.ownSlots(own)
		slices.SortFunc(s.slots, compareSlots)
	}
}

// compareSlots orders slots by key.
func compareSlots(a, b slot) int {
	if a.key.sym != b.key.sym {
		if a.key.sym < b.key.sym {
			return -1
		}
		return 1
	}
	return int(a.key.off - b.key.off)
}

// strictlySorted reports whether each slot's key orders before the next
// one's.
func strictlySorted(slots []slot) bool {
	for i := 1; i < len(slots); i++ {
		if compareSlots(slots[i-1], slots[i]) >= 0 {
			return false
		}
	}
	return true
}

// regVal returns what the register access r reads in state in: the
// register's value when r starts at its first byte, SP's own address for
// SP, else unknown.
func (rf *regFlow) regVal(in *flowState, r frame.RegRef) val {
	if r.Reg == rf.arch.SP {
		if in.spKnown {
			return val{kind: vSP, size: 8, off: in.sp}
		}
		return val{}
	}
	if rf.arch.Regs.Info(r.Reg).Class == frame.ClassZero {
		return val{kind: vZero, size: 255}
	}
	if r.Off != 0 || int(r.Reg) >= len(rf.at) {
		return val{}
	}
	return rf.sized(rf.reg(in, r.Reg), uint8(rf.refSize(r)))
}

// regWrites gives the register writes not done by a load their values: a
// move copies, a zeroing idiom zeroes, a TLS load yields g, an address
// computation of a stack slot yields its address; anything else is
// unknown.
func (rf *regFlow) regWrites(e frame.Inst, in, s *flowState, own *cow, handled []bool) {
	for j, w := range e.Writes() {
		if handled[j] || w.Reg == rf.arch.SP {
			continue
		}
		v := val{}
		switch {
		case e.Attrs&frame.AttrMove != 0:
			v = rf.regVal(in, e.Reads()[0])
			if v.kind == vZero && v.size >= uint8(rf.refSize(e.Reads()[0])) && e.Attrs&frame.AttrZeroExtend != 0 {
				w, v.size = rf.zeroExtended(w), 255
			}
		case e.Attrs&frame.AttrZeroIdiom != 0:
			v = val{kind: vZero, size: 255}
			if e.Attrs&frame.AttrZeroExtend != 0 {
				w = rf.zeroExtended(w)
			}
		case e.Attrs&frame.AttrLoadsG != 0:
			v = val{kind: vG, size: 8}
		case len(e.Mem()) == 1 && e.Mem()[0].Addr && len(e.Writes()) == 1:
			if key, ok := rf.addr(e, &e.Mem()[0], in); ok && key.sym == "" {
				v = val{kind: vSP, size: 8, off: key.off}
			}
		case len(e.Mem()) == 0 && len(e.Reads()) == 1 && e.Reads()[0].Reg == rf.arch.SP:
			v = val{kind: vSPDerived, size: 8}
		}
		rf.setReg(s, own, w, v)
	}
}

// zeroExtended widens a write of a move that zeroes the rest of its
// destination: to 8 bytes of a general register, 16 of a vector one.
func (rf *regFlow) zeroExtended(w frame.RegRef) frame.RegRef {
	n := uint8(8)
	if rf.arch.Regs.Info(w.Reg).Class == frame.ClassVec {
		n = 16
	}
	if w.Size != 0 && w.Size < n {
		w.Size = n
	}
	return w
}

// stepSP follows the stack pointer: tracked and untracked deltas, and a
// move into SP of a register known to hold an SP value.
func (rf *regFlow) stepSP(e frame.Inst, in, s *flowState) {
	switch e.SP.Kind {
	case frame.SPDelta:
		s.sp += e.SP.Delta
		if e.SP.Tracked {
			s.tracked += e.SP.Delta
		}
	case frame.SPAlign:
		s.spKnown = false
	case frame.SPUnknown:
		s.spKnown = false
		if e.Attrs&frame.AttrMove != 0 {
			if v := rf.regVal(in, e.Reads()[0]); v.kind == vSP {
				s.sp, s.spKnown = v.off, true
			}
		}
	}
}
