package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/frame"
)

// The declaration checks: what go vet's asmdecl reports, on every arch,
// through macros, with the real frame layout.

// ArgSize checks the argument size in TEXT's $frame-args.
var ArgSize = newAnalyzer("argsize", docArgSize, runArgSize)

// FPOffset checks the names and offsets of name+off(FP) references.
var FPOffset = newAnalyzer("fpoffset", docFPOffset, runFPOffset)

// FPWidth checks the width of accesses to arguments and results.
var FPWidth = newAnalyzer("fpwidth", docFPWidth, runFPWidth)

// Results checks that results are written before every return.
var Results = newAnalyzer("results", docResults, runResults)

// Prototype checks that assembly functions and Go declarations match up.
var Prototype = newAnalyzer("prototype", docPrototype, runPrototype)

func init() { register(ArgSize, FPOffset, FPWidth, Results, Prototype) }

// declFrame returns the Go declaration and ABI0 frame fn implements, or nils.
func (c *Check) declFrame(f *File, fn *frame.Func) (*Decl, *abi.Frame) {
	d := c.Pkg.DeclOf(fn)
	if d == nil || f.ABI == nil {
		return nil, nil
	}
	return d, d.Frame(f.ABI)
}

func runArgSize(c *Check) {
	c.EachFunc(func(f *File, fn *frame.Func) {
		d, fr := c.declFrame(f, fn)
		if fr == nil || fn.ABI == "ABIInternal" {
			// ABIInternal functions take arguments in registers; the
			// TEXT argument size is not the ABI0 size.
			return
		}
		want := int64(fr.ArgSize)
		got := fn.Args // 0 when the size is left out, as go vet counts it
		if got == want {
			return
		}
		if got == 0 && fn.Has(frame.FlagNOSPLIT) {
			// Like go vet: a NOSPLIT function may omit the size ($0).
			return
		}
		s := fn.File.Stmts[fn.Text]
		op := &s.Args[len(s.Args)-1]
		fixed := fixArgSize(op.Text, want)
		c.Report(Diag{File: f, Fn: fn, Pos: op.Pos, Msg: fmt.Sprintf(
			"wrong argument size %d; expected $...-%d: %s has %d bytes of arguments and results, "+
				"and the runtime takes the frame's argument area from this number (tracebacks, stack maps); write %s",
			got, want, signature(d), want, fixed),
			Fixes: replaceText(f, op.Pos, op.Text, fixed, "set the argument size to "+fmt.Sprint(want))})
	})
}

// fixArgSize rewrites "$16-8" or "$16" to carry the argument size want.
func fixArgSize(text string, want int64) string {
	body := strings.TrimPrefix(text, "$")
	if i := strings.LastIndex(body, "-"); i > 0 {
		body = body[:i]
	}
	return fmt.Sprintf("$%s-%d", body, want)
}

// signature renders d's Go signature for messages: "f(x int8, y uint8) int".
func signature(d *Decl) string {
	sig := d.Func.Type().(*types.Signature)
	s := types.TypeString(sig, types.RelativeTo(d.Func.Pkg()))
	return d.Func.Name() + strings.TrimPrefix(s, "func")
}

// replaceText returns a fix that replaces old, written at pos, by new.
// Text that came from a macro expansion (whose bytes are not at pos) is
// not fixed.
func replaceText(f *File, pos token.Pos, old, new, msg string) []analysis.SuggestedFix {
	off := int(pos - f.Base)
	if off < 0 || off+len(old) > len(f.Src) || f.Src[off:off+len(old)] != old {
		return nil
	}
	return []analysis.SuggestedFix{{Message: msg, TextEdits: []analysis.TextEdit{
		{Pos: pos, End: pos + token.Pos(len(old)), NewText: []byte(new)}}}}
}

func runFPOffset(c *Check) {
	var entries map[*frame.Func]string
	cEntry := func(fn *frame.Func) bool {
		if entries == nil {
			entries = newRegCtx(c).entries
		}
		return entries[fn] != ""
	}
	c.EachFunc(func(f *File, fn *frame.Func) {
		_, fr := c.declFrame(f, fn)
		if fr == nil {
			return
		}
		for i := range fn.Insts {
			e := fn.Inst(i)
			for j := range e.Mem() {
				// name-8(FP) addresses the caller's frame below the
				// arguments on purpose (the runtime takes $ret-8(FP) as the
				// caller's SP on arm64): not an argument reference.
				if m := &e.Mem()[j]; m.Base == frame.BaseFP && m.OffOK && m.Off >= 0 {
					c.checkFPName(f, fn, fr, e, m)
				}
			}
		}
		c.checkSPArgs(f, fn, fr, cEntry)
	})
}

// fpRef renders a reference name+off(FP).
func fpRef(name string, off int64) string {
	if name == "" {
		return fmt.Sprintf("%d(FP)", off)
	}
	return fmt.Sprintf("%s+%d(FP)", name, off)
}

// memPos returns the position of memory operand m of statement e.
func memPos(fn *frame.Func, e frame.Inst, m *frame.Mem) token.Pos {
	s := &fn.File.Stmts[e.Stmt]
	if m.Arg >= 0 && m.Arg < len(s.Args) {
		return s.Args[m.Arg].Pos
	}
	return e.Pos
}

// checkFPName checks that m names a parameter or result at its offset.
func (c *Check) checkFPName(f *File, fn *frame.Func, fr *abi.Frame, e frame.Inst, m *frame.Mem) {
	pos := memPos(fn, e, m)
	name, text := e.MemName(m), e.MemText(m)
	if name == "" {
		msg := fmt.Sprintf("use of unnamed argument %s", text)
		var fixes []analysis.SuggestedFix
		if v := fr.At(int(m.Off)); v != nil {
			want := fpRef(v.Name, m.Off)
			msg += fmt.Sprintf("; offset %d is %s+%d(FP): name the slot so that go vet and asmcheck can check it", m.Off, v.Name, v.Offset)
			fixes = replaceText(f, pos, text, want, "name the argument "+want)
		} else {
			msg += fmt.Sprintf("; offset %d is outside the %d bytes of arguments and results of %s: it reads or clobbers the caller's frame",
				m.Off, fr.ArgSize, fn.Name)
		}
		c.Report(Diag{File: f, Fn: fn, Pos: pos, Category: "fpoffset", Msg: msg, Fixes: fixes})
		return
	}
	v := fr.Lookup(name)
	if v == nil {
		if name == "argframe" && m.Off == 0 {
			return
		}
		msg := fmt.Sprintf("unknown variable %s", name)
		var fixes []analysis.SuggestedFix
		if w := fr.At(int(m.Off)); w != nil {
			ref := fpRef(w.Name, int64(w.Offset))
			if int64(w.Offset) == m.Off {
				msg += fmt.Sprintf("; offset %d is %s: %s has no parameter or result named %s; the assembler goes by the offset alone, so the access %s %s: name it %s",
					m.Off, ref, fn.Name, name, readsOrWrites(m), w.Name, ref)
				fixes = replaceText(f, pos, text, ref, "rename to "+w.Name)
			} else {
				msg += fmt.Sprintf("; offset %d is inside %s: %s has no parameter or result named %s; the assembler goes by the offset alone, so the access %s part of %s: correct the offset or the name",
					m.Off, ref, fn.Name, name, readsOrWrites(m), w.Name)
			}
		} else {
			msg += fmt.Sprintf(": %s has no parameter or result named %s, and offset %d is past its %d bytes of arguments",
				fn.Name, name, m.Off, fr.ArgSize)
		}
		c.Report(Diag{File: f, Fn: fn, Pos: pos, Msg: msg, Fixes: fixes})
		return
	}
	if m.Off == int64(v.Offset) {
		return
	}
	var alts []string
	for _, in := range v.Inner {
		alts = append(alts, fpRef(in.Name, int64(in.Offset)))
	}
	want := fpRef(v.Name, int64(v.Offset))
	msg := fmt.Sprintf("invalid offset %s; expected %s", text, want)
	if len(alts) > 0 {
		msg += ", " + orList(alts)
	}
	// Where the offset is the start of another parameter or result than
	// the one the name is (part of), either the offset or the name may
	// be the mistake: a+0(FP) for the c at 0 of func f(c, a *T) may read
	// c on purpose, with names that follow the author's order rather than
	// the declaration's. Neither correction is offered then: the wrong one
	// would change working code. Between the parts of one value (s_len+0
	// where s_base is) the name says which part is meant.
	ambiguous := false
	other := fr.At(int(m.Off))
	switch {
	case other == nil && m.Off >= int64(fr.ArgSize):
		msg += fmt.Sprintf(": %s is at offset %d, and offset %d is past the %d bytes of arguments and results of %s, so the access %s the caller's frame",
			v.Name, v.Offset, m.Off, fr.ArgSize, fn.Name, readsOrWrites(m))
	case other == nil:
		// Alignment padding (abi.Frame.At has no variable there).
		msg += fmt.Sprintf(": %s is at offset %d, and offset %d is alignment padding, which the caller neither sets nor reads, so the access %s no value",
			v.Name, v.Offset, m.Off, readsOrWrites(m))
	case other == v && f.ABI.BigEndian && v.Kind.IsSize() && !v.Float && m.Size > 0 && m.Off+int64(m.Size) == int64(v.Offset+v.Size):
		// VLREPB idx+(16+7)(FP) (crypto/internal/fips140/nistec's
		// p256Select on s390x): the low-order end of a big-endian
		// integer, as x+0(FP) is on a little-endian arch.
		part := "byte"
		if m.Size > 1 {
			part = fmt.Sprintf("%d bytes", m.Size)
		}
		msg += fmt.Sprintf(": offset %d starts the last %s of the %d-byte %s, its low-order end on big-endian %s: the %d-byte access %s %s's low-order %s, "+
			"which is right while the value fits in it (as a narrow access at %s's own offset is on a little-endian arch); go vet's rule wants %s, which cannot name this access: keep it if the narrow access is meant",
			m.Off, part, v.Size, want, f.ABI.Name, m.Size, readsOrWrites(m), v.Name, part, v.Name, want)
		c.Report(Diag{File: f, Fn: fn, Pos: pos, Msg: msg})
		return
	case int64(other.Offset) != m.Off:
		msg += fmt.Sprintf(": offset %d is inside %s, so the access %s the wrong value", m.Off, fpRef(other.Name, int64(other.Offset)), readsOrWrites(m))
	case other != v && within(v, other):
		// x+8(FP) for the x_len of slice x: the offset says which part,
		// and the name is only short. Renaming keeps what the access
		// reads; x+0(FP) would read another word.
		msg = fmt.Sprintf("invalid offset %s; expected %s", text, fpRef(other.Name, m.Off))
		msg += fmt.Sprintf(": offset %d is %s, a part of %s, so the access %s %s: name the part, %s",
			m.Off, fpRef(other.Name, m.Off), v.Name, readsOrWrites(m), other.Name, fpRef(other.Name, m.Off))
		c.Report(Diag{File: f, Fn: fn, Pos: pos, Msg: msg, Fixes: replaceText(f, pos, text, fpRef(other.Name, m.Off), "name it "+other.Name)})
		return
	case topVar(fr, other) != topVar(fr, v):
		ambiguous = true
		msg += fmt.Sprintf(": offset %d is %s, so the access %s %s, not %s: correct the offset if %s is meant, the name if %s is",
			m.Off, fpRef(other.Name, int64(other.Offset)), readsOrWrites(m), other.Name, v.Name, v.Name, other.Name)
	default:
		msg += fmt.Sprintf(": offset %d is %s, so the access %s the wrong value", m.Off, fpRef(other.Name, int64(other.Offset)), readsOrWrites(m))
	}
	var fixes []analysis.SuggestedFix
	if text == fpRef(name, m.Off) && !ambiguous {
		fixes = replaceText(f, pos, text, want, "use "+want)
	}
	c.Report(Diag{File: f, Fn: fn, Pos: pos, Msg: msg, Fixes: fixes})
}

// within reports whether w is v or one of its components, at any depth.
func within(v, w *abi.Var) bool {
	if v == w {
		return true
	}
	for _, in := range v.Inner {
		if within(in, w) {
			return true
		}
	}
	return false
}

// topVar returns the parameter or result of fr that v is or is part of.
func topVar(fr *abi.Frame, v *abi.Var) *abi.Var {
	for _, l := range [2][]*abi.Var{fr.Params, fr.Results} {
		for _, t := range l {
			if t.Offset <= v.Offset && v.Offset < t.Offset+max(t.Size, 1) {
				return t
			}
		}
	}
	return v
}

func readsOrWrites(m *frame.Mem) string {
	switch {
	case m.Write && m.Read:
		return "reads and writes"
	case m.Write:
		return "writes"
	case m.Read:
		return "reads"
	}
	return "addresses"
}

// orList renders "a, b, or c" (asmdecl's phrasing for alternatives).
func orList(items []string) string {
	if len(items) == 1 {
		return "or " + items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + ", or " + items[len(items)-1]
}

// checkSPArgs reports arguments reached through the hardware SP (8(SP) on
// amd64, 8(RSP) on arm64) instead of by name through FP, using the real
// frame layout and the SP changes along the way.
func (c *Check) checkSPArgs(f *File, fn *frame.Func, fr *abi.Frame, cEntry func(*frame.Func) bool) {
	if fn.Has(frame.FlagNOFRAME) || !spMemRefs(fn) {
		return
	}
	var diags []Diag
	defer func() {
		// A function entered from C (a stdcall thread start, a signal
		// handler) lays out its arguments the C way: not our business.
		if len(diags) > 0 && !cEntry(fn) {
			for _, d := range diags {
				c.Report(d)
			}
		}
	}()
	lay := fn.Layout()
	sol := fn.SP()
	afterSys := afterSyscall(fn)
	for i := range fn.Insts {
		st := sol.In[i]
		if !sol.Reached[i] || !st.Known || afterSys != nil && afterSys[i] {
			// After a system call SP may be another stack's: clone
			// returns in the child on the stack it was given.
			continue
		}
		e := fn.Inst(i)
		for j := range e.Mem() {
			m := &e.Mem()[j]
			if m.Base != frame.BaseSP || !m.OffOK || m.Addr {
				continue
			}
			off := spArgOffset(lay, st, m)
			if off < 0 {
				continue
			}
			pos := memPos(fn, e, m)
			switch v := fr.At(int(off)); {
			case v != nil:
				want := fpRef(v.Name, off)
				diags = append(diags, Diag{File: f, Fn: fn, Pos: pos, Msg: fmt.Sprintf(
					"%s should be %s: it addresses the argument %s through the hardware SP, which breaks as soon as the frame size changes",
					e.MemText(m), want, v.Name), Fixes: replaceText(f, pos, e.MemText(m), want, "use "+want)})
			case fr.ArgSize == 0:
				// A function declared without arguments that reads its
				// caller's frame is entered some other way on purpose
				// (signal handlers, the libc trampolines called with a
				// C frame).
			case off >= int64(fr.ArgSize):
				diags = append(diags, Diag{File: f, Fn: fn, Pos: pos, Msg: fmt.Sprintf(
					"use of %s points beyond argument frame: it is %d bytes past the %d bytes of arguments of %s, in the caller's frame",
					e.MemText(m), off-int64(fr.ArgSize), fr.ArgSize, fn.Name)})
			default:
				diags = append(diags, Diag{File: f, Fn: fn, Pos: pos, Msg: fmt.Sprintf(
					"use of %s to access argument frame (padding at offset %d): use a name+off(FP) reference", e.MemText(m), off)})
			}
		}
	}
}

// spMemRefs reports whether an instruction of fn loads or stores at a
// known offset from the hardware SP (what checkSPArgs looks at): most
// functions do not, and need no SP tracking here.
func spMemRefs(fn *frame.Func) bool {
	for i := range fn.Insts {
		for j := range fn.Inst(i).Mem() {
			if m := fn.Inst(i).Mem()[j]; m.Base == frame.BaseSP && m.OffOK && !m.Addr {
				return true
			}
		}
	}
	return false
}

// afterSyscall reports, for each instruction of fn, whether a system call
// may have run before it on some path; nil (none), without a dataflow
// pass, when fn makes no system call.
func afterSyscall(fn *frame.Func) []bool {
	syscalls := false
	for i := range fn.Insts {
		if fn.Insts[i].Attrs&frame.AttrSyscall != 0 {
			syscalls = true
			break
		}
	}
	if !syscalls {
		return nil
	}
	p := frame.Problem[bool]{
		Join:  func(a, b bool) bool { return a || b },
		Equal: func(a, b bool) bool { return a == b },
		Transfer: func(_ int, e frame.Inst, in bool) bool {
			return in || e.Attrs&frame.AttrSyscall != 0
		},
	}
	return frame.Forward(fn, p).In
}

func runFPWidth(c *Check) {
	c.EachFunc(func(f *File, fn *frame.Func) {
		_, fr := c.declFrame(f, fn)
		if fr == nil {
			return
		}
		for i := range fn.Insts {
			e := fn.Inst(i)
			for j := range e.Mem() {
				m := &e.Mem()[j]
				if m.Base != frame.BaseFP || !m.OffOK || m.Addr || m.Size == 0 {
					continue
				}
				name := e.MemName(m)
				if name == "" {
					continue
				}
				if v := fr.Lookup(name); v != nil && int64(v.Offset) == m.Off {
					c.checkWidth(f, fn, fr, e, m, v)
				}
			}
		}
	})
}

// checkWidth compares the access size of m with the variable v it names,
// with go vet's allowances: the first word of a string, slice or interface
// may be accessed by the composite's name, and a complex value may be
// moved whole.
func (c *Check) checkWidth(f *File, fn *frame.Func, fr *abi.Frame, e frame.Inst, m *frame.Mem, v *abi.Var) {
	want, size, typ, target := v.Kind, v.Size, v.Type, v
	switch v.Kind {
	case abi.KindString, abi.KindSlice, abi.KindInterface, abi.KindEmptyInterface:
		first := v.Inner[0]
		want, size, typ, target = first.Kind, first.Size, first.Type, first
	case abi.KindComplex:
		if m.Size == v.Size {
			return
		}
	}
	if want.IsSize() && int(want) == m.Size {
		return
	}
	if multiWord(fn.Arch, fr, e, m, size) {
		return
	}
	msg := fmt.Sprintf("invalid %s of %s; %s is %d-byte value", e.Op(), e.MemText(m), typ, size)
	if len(v.Inner) > 0 && !v.Kind.IsSize() && v.Kind != abi.KindString && v.Kind != abi.KindSlice &&
		v.Kind != abi.KindInterface && v.Kind != abi.KindEmptyInterface {
		var parts []string
		for _, in := range v.Inner {
			parts = append(parts, fpRef(in.Name, int64(in.Offset)))
		}
		msg += " containing " + andList(parts)
	}
	switch {
	case m.Size > size:
		what := "the padding after it"
		if area, end := fr.Reserved(), int(m.Off)+m.Size; end > area {
			// Past what the caller reserves: nothing of the function's.
			what = fmt.Sprintf("the %d bytes past the end of the argument area, which the caller reserves up to %d(FP): memory the function does not own",
				end-max(area, int(m.Off)), area)
		}
		for off := v.Offset + size; off < int(m.Off)+m.Size; off++ {
			if next := fr.At(off); next != nil && next != v {
				what = fpRef(next.Name, int64(next.Offset))
				break
			}
		}
		msg += fmt.Sprintf(": the %d-byte access also %s %s", m.Size, readsOrWrites(m), what)
	default:
		msg += fmt.Sprintf(": the %d-byte access %s only part of it", m.Size, readsOrWrites(m))
	}
	switch {
	case v.Kind.IsSize() && len(v.Inner) > 0 && m.Size == v.Inner[0].Size:
		// An 8-byte value on a 32-bit arch, moved a register at a time:
		// integer registers have no 8-byte move, but it has halves.
		var parts []string
		for _, in := range v.Inner {
			parts = append(parts, fpRef(in.Name, int64(in.Offset)))
		}
		msg += fmt.Sprintf("; use %s %d-byte move or its %d-byte halves %s", article(int64(size)), size, m.Size, andList(parts))
	case want.IsSize():
		// The value's size, or that of the first word of a string, slice
		// or interface named by the value itself.
		msg += fmt.Sprintf("; use %s %d-byte move", article(int64(size)), size)
	case m.Size > size:
		msg += fmt.Sprintf("; move it in parts no wider than its %d bytes", size)
	}
	c.Report(Diag{File: f, Fn: fn, Pos: memPos(fn, e, m), Msg: msg, Fixes: widthFix(f, fn, e, m, target)})
}

// multiWord reports whether m is one access of several registers (s390x
// LMG/STMG, arm64 LDP/STP) that covers whole consecutive values of the
// frame exactly, starting at v: a slice's base and length loaded together,
// or several arguments at once.
func multiWord(a *frame.Arch, fr *abi.Frame, e frame.Inst, m *frame.Mem, size int) bool {
	refs := e.Writes()
	if m.Write {
		refs = e.Reads()
	}
	regs := 0
	for _, r := range refs {
		if r.Reg != a.SP {
			regs++ // FP operands read the hardware SP; that is not a data register
		}
	}
	if regs < 2 || m.Size <= size {
		return false
	}
	end := int(m.Off) + m.Size
	for off := int(m.Off); off < end; {
		w := fr.At(off)
		if w == nil {
			return false
		}
		if w.Offset != off || w.Offset+w.Size > end {
			return false
		}
		off = w.Offset + w.Size
		for off < end && fr.At(off) == nil {
			off++ // padding between values
		}
	}
	return true
}

// andList renders "a and b" or "a, b, and c" (asmdecl's phrasing).
func andList(items []string) string {
	switch len(items) {
	case 1:
		return items[0]
	case 2:
		return items[0] + " and " + items[1]
	}
	return strings.Join(items[:len(items)-1], ", ") + ", and " + items[len(items)-1]
}

// resultState is the dataflow state of the results check: which results
// are written on every path (must) and on some path (may).
type resultState struct{ must, may uint64 }

func runResults(c *Check) {
	c.EachFunc(func(f *File, fn *frame.Func) {
		d, fr := c.declFrame(f, fn)
		if fr == nil || len(fr.Results) == 0 || len(fr.Results) > 64 {
			return
		}
		var regs [][]frame.Reg
		// Where Go has no register ABI (386, arm, mips*, wasm) an
		// ABIInternal frame is laid out as ABI0's: results in the frame.
		if fn.ABI == "ABIInternal" && f.ABI.ABIInternal != nil {
			if regs = resultRegs(d, f); regs == nil {
				return
			}
		}
		all := uint64(1)<<len(fr.Results) - 1
		for k, r := range fr.Results {
			if r.Size == 0 {
				all &^= 1 << k // a zero-size result cannot be written
			}
		}
		if all == 0 {
			return
		}
		var sp *frame.Solution[frame.SPState]
		if regs == nil && spMemRefs(fn) {
			sp = fn.SP()
		}
		// A copy of SP in a register may reach the results only through
		// a store by way of a register (or a callee given it):
		// runtime·callCgoSigaction keeps SP in BX across a C call and
		// only moves it back.
		escapes := regs == nil && mayStoreThroughReg(fn)
		p := frame.Problem[resultState]{
			Entry: resultState{},
			Join:  func(a, b resultState) resultState { return resultState{a.must & b.must, a.may | b.may} },
			Equal: func(a, b resultState) bool { return a == b },
			Transfer: func(i int, e frame.Inst, in resultState) resultState {
				w := writtenResults(fr, regs, e, all)
				if sp != nil && sp.Reached[i] && sp.In[i].Known {
					w |= spWrittenResults(fr, fn.Layout(), sp.In[i], e)
				}
				if escapes && spAddress(fn.Arch, e) {
					w = all
				}
				return resultState{in.must | w, in.may | w}
			},
		}
		sol := frame.Forward(fn, p)
		var returned uint64 // the results written on some path to some RET
		for i := range fn.Insts {
			if fn.Insts[i].Flow == frame.FlowReturn && sol.Reached[i] {
				returned |= sol.In[i].may
			}
		}
		var reps []missingAtRET
		for i := range fn.Insts {
			if e := fn.Inst(i); e.Flow == frame.FlowReturn && sol.Reached[i] {
				in := sol.In[i]
				missing := all &^ in.must
				if in.must&all != 0 {
					// Another result is written on every path here, and
					// this one on none, though other RETs return it:
					// Go's "undefined on error" convention (return -1
					// and leave the rest), which avo-generated code uses
					// (klauspost/compress's cvtLZ4BlockAsm). The caller
					// decides whether to read it; only pointers, which
					// the GC would scan as garbage, must always be
					// written.
					missing &^= returned &^ in.may &^ pointerResults(fr)
				}
				if missing != 0 {
					reps = append(reps, missingAtRET{e, missing, missing & in.may})
				}
			}
		}
		// One report for each set of results missing: the same omission
		// at every RET of a function (gVisor's safecopy.memcpy returns
		// through ten) is one mistake, reported at the first.
		for i, r := range reps {
			if r.e.Effect == nil {
				continue
			}
			var more []int
			for j := i + 1; j < len(reps); j++ {
				if o := &reps[j]; o.e.Effect != nil && o.missing == r.missing && o.may == r.may {
					more = append(more, c.Pass.Fset.Position(o.e.Pos).Line)
					o.e = frame.Inst{}
				}
			}
			c.reportResults(f, fn, fr, regs, r.e, r.missing, r.may, more)
		}
	})
}

// A missingAtRET is a RET reached without writing the results in missing
// on every path; those in may are written on some.
type missingAtRET struct {
	e            frame.Inst
	missing, may uint64
}

// pointerResults returns the set of fr's results that contain pointers.
func pointerResults(fr *abi.Frame) uint64 {
	var ptrs uint64
	for k, r := range fr.Results {
		if r.Pointers {
			ptrs |= 1 << k
		}
	}
	return ptrs
}

// mayStoreThroughReg reports whether an instruction of fn may write
// memory at an address held in a register: a store with a register
// base, a call or a system call (which may store through its argument
// registers: pipe2 passes the address of its results), a move of a
// register into SP (stores through SP then use the copy), or
// an instruction the table does not know.
func mayStoreThroughReg(fn *frame.Func) bool {
	for i := range fn.Insts {
		e := fn.Inst(i)
		if !e.Known || e.Flow == frame.FlowCall || e.Flow == frame.FlowIndirect || e.SP.Kind == frame.SPUnknown || e.Attrs&frame.AttrSyscall != 0 {
			return true
		}
		for _, m := range e.Mem() {
			if m.Write && m.Base == frame.BaseReg {
				return true
			}
		}
	}
	return false
}

// spAddress reports whether e computes an address from the hardware SP
// into another register (ADD $16, RSP, R0 on netbsd/arm64 pipe2): the
// frame, results included, may then be written through it.
func spAddress(a *frame.Arch, e frame.Inst) bool {
	if a.SP == frame.NoReg {
		return false
	}
	for i := range e.Mem() {
		if !e.Mem()[i].Addr {
			return false // a load or store, not address arithmetic
		}
	}
	readsSP := false
	for _, r := range e.Reads() {
		readsSP = readsSP || r.Reg == a.SP
	}
	if !readsSP {
		return false
	}
	for _, w := range e.Writes() {
		if w.Reg != a.SP && a.Regs.Info(w.Reg).Class == frame.ClassGP {
			return true
		}
	}
	return false
}

// resultRegs returns, per result, the registers ABIInternal assigns it
// (nil for a result on the stack), or nil if the assignment is unknown.
func resultRegs(d *Decl, f *File) [][]frame.Reg {
	asg, err := abi.AssignABIInternal(d.Func.Type().(*types.Signature), f.ABI)
	if err != nil {
		return nil
	}
	out := make([][]frame.Reg, len(asg.Results))
	for i, r := range asg.Results {
		for _, p := range r.Regs {
			out[i] = append(out[i], f.Arch.Regs.Reg(p.Reg))
		}
	}
	return out
}

// writtenResults returns the results instruction e may write: a store,
// an unknown access or an address taken in the result area of the frame,
// a write of a result register, or anything by an instruction asmcheck
// does not know or by a call (which can set the result registers).
func writtenResults(fr *abi.Frame, regs [][]frame.Reg, e frame.Inst, all uint64) uint64 {
	// Raw bytes decoded to instructions that name no SP (NEON written as
	// WORDs, segmentio/asm's base64) cannot store into the frame's
	// results, which only SP reaches (or a register that holds an address
	// from SP, which counts on its own); they may write any register.
	neutral := e.Attrs&frame.AttrStackNeutral != 0 && regs == nil
	if !e.Known && !neutral || regs != nil && e.Flow == frame.FlowCall {
		return all
	}
	var w uint64
	for i := range e.Mem() {
		m := &e.Mem()[i]
		if m.Base != frame.BaseFP || !(m.Write || m.Addr || !m.Read && !m.Write) {
			continue
		}
		if !m.OffOK {
			return all
		}
		size := int64(max(m.Size, 1))
		if m.Addr {
			// The address escapes (LEAQ r+8(FP), DI; SYSCALL): anything
			// from there on may be written through it.
			size = int64(fr.ArgSize) - m.Off
		}
		w |= resultsIn(fr, m.Off, size)
	}
	for k, rs := range regs {
		for _, r := range rs {
			for _, wr := range e.Writes() {
				if wr.Reg == r {
					w |= 1 << k
				}
			}
		}
	}
	return w
}

// spWrittenResults returns the set of fr's results that e writes through
// the hardware SP at a known depth st: MOVD R3, (80+32)(R1) after MOVDU
// R1, -32(R1) on ppc64 (purego's fakecgo call5) stores the result that
// ret+48(FP) names (spArgOffset, as checkSPArgs places such accesses;
// fpoffset reports them where a name should be used, but they do write
// the result).
func spWrittenResults(fr *abi.Frame, lay frame.Layout, st frame.SPState, e frame.Inst) uint64 {
	var w uint64
	for i := range e.Mem() {
		m := &e.Mem()[i]
		if m.Base != frame.BaseSP || !m.Write || !m.OffOK || m.Addr {
			continue
		}
		w |= resultsIn(fr, spArgOffset(lay, st, m), int64(max(m.Size, 1)))
	}
	return w
}

// resultsIn returns the set of fr's results that the size bytes at offset
// off of the argument area overlap.
func resultsIn(fr *abi.Frame, off, size int64) uint64 {
	var w uint64
	for k, r := range fr.Results {
		if off < int64(r.Offset+r.Size) && off+size > int64(r.Offset) {
			w |= 1 << k
		}
	}
	return w
}

// spArgOffset returns the offset into the argument area (as in
// name+off(FP)) of m, an operand based on the hardware SP, where SP is at
// st: the layout's distance from SP-after-prologue to the arguments less
// SP's own move since.
func spArgOffset(lay frame.Layout, st frame.SPState, m *frame.Mem) int64 {
	return m.Off + st.Delta - lay.Args
}

func (c *Check) reportResults(f *File, fn *frame.Func, fr *abi.Frame, regs [][]frame.Reg, e frame.Inst, missing, may uint64, more []int) {
	var names []string
	for k, r := range fr.Results {
		if missing&(1<<k) == 0 {
			continue
		}
		if regs != nil && len(regs[k]) > 0 {
			names = append(names, fmt.Sprintf("result register %s (%s %s)", f.Arch.Regs.Name(regs[k][0]), r.Name, r.Type))
		} else {
			names = append(names, fmt.Sprintf("%d-byte %s (%s)", r.Size, fpRef(r.Name, int64(r.Offset)), r.Type))
		}
	}
	msg := "RET without writing to " + andList(names)
	if missing&may != 0 {
		msg += ": it is written on some paths to this RET but not all"
	}
	msg += ": the caller reads whatever was left there; write every result before returning"
	if len(more) > 0 {
		msg += "; the same at " + linesList("the RET", "the RETs", more)
	}
	c.Report(Diag{File: f, Fn: fn, Pos: e.Pos, Msg: msg})
}

// liveUses reports which of the functions in want Go code of the package
// refers to outside branches that constant conditions remove (if GOARCH ==
// "amd64" { … }), which the compiler drops before the linker sees them.
func (c *Check) liveUses(want map[types.Object]bool) map[types.Object]bool {
	used := map[types.Object]bool{}
	// Uses in other files first: a function used there (getg) needs no
	// walk of its own file.
	for obj, ids := range c.Pkg.usesOfEach(want, unresolvedUses) {
		for _, id := range ids {
			if c.liveUse(id) {
				used[obj] = true
				break
			}
		}
	}
	rest := map[types.Object]bool{}
	for obj, ok := range want {
		if ok && !used[obj] {
			rest[obj] = true
		}
	}
	for obj, ids := range c.Pkg.usesOfEach(rest, declFileUses) {
		for _, id := range ids {
			if c.liveUse(id) {
				used[obj] = true
				break
			}
		}
	}
	return used
}

// liveUse reports whether the identifier id is outside a branch that a
// constant condition removes.
func (c *Check) liveUse(id *ast.Ident) bool {
	for _, f := range c.Pass.Files {
		if f.FileStart <= id.Pos() && id.Pos() < f.FileEnd {
			path, _ := astutil.PathEnclosingInterval(f, id.Pos(), id.End())
			return !c.deadBranch(path)
		}
	}
	return false
}

// deadBranch reports whether the innermost node of path (path[0], with its
// ancestors after it) sits in an if branch that a constant condition rules
// out.
func (c *Check) deadBranch(path []ast.Node) bool {
	if len(path) == 0 {
		return false
	}
	child := path[0]
	for _, n := range path[1:] {
		switch n := n.(type) {
		case *ast.IfStmt:
			if taken, ok := c.constCond(n.Cond); ok && (child == n.Body && !taken || child == n.Else && taken) {
				return true
			}
		case *ast.BlockStmt:
			if c.returnedBefore(n.List, child) {
				return true
			}
		}
		child = n
	}
	return false
}

// constCond returns the value of a constant boolean condition.
func (c *Check) constCond(cond ast.Expr) (val, ok bool) {
	tv, ok := c.Pass.TypesInfo.Types[cond]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Bool {
		return false, false
	}
	return constant.BoolVal(tv.Value), true
}

// returnedBefore reports whether a statement of list before child always
// returns under a constant condition (if GOARCH == "mips" { return … }),
// which makes child dead code.
func (c *Check) returnedBefore(list []ast.Stmt, child ast.Node) bool {
	for _, st := range list {
		if st == child {
			return false
		}
		ifs, ok := st.(*ast.IfStmt)
		if !ok {
			continue
		}
		if taken, ok := c.constCond(ifs.Cond); ok {
			if taken && endsInReturn(ifs.Body.List) {
				return true
			}
			if els, isBlock := ifs.Else.(*ast.BlockStmt); !taken && isBlock && endsInReturn(els.List) {
				return true
			}
		}
	}
	return false
}

func endsInReturn(list []ast.Stmt) bool {
	if len(list) == 0 {
		return false
	}
	_, ok := list[len(list)-1].(*ast.ReturnStmt)
	return ok
}

func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

func runPrototype(c *Check) {
	defined := map[string]bool{}
	c.EachFunc(func(f *File, fn *frame.Func) {
		if !c.Pkg.IsLocal(fn) {
			return
		}
		defined[fn.Name] = true
		if c.Pkg.Decls[fn.Name] != nil || fn.Has(frame.FlagNOFRAME) || c.Pkg.TestDecl(fn.Name) {
			return
		}
		msg := fmt.Sprintf("function %s missing Go declaration: go vet and asmcheck cannot check its frame", fn.Name)
		static := " or make the symbol static"
		if fn.HasArgs && fn.Args >= int64(f.ABI.PtrSize) {
			// Only the compiler writes an args pointer map, from the Go
			// declaration; a static symbol has none either (stackmap).
			msg += fmt.Sprintf(", and the runtime has no pointer map for its %d bytes of arguments, "+
				"which it needs if it scans the frame (at a stack check, or a call that can stop: the stackmap check)", fn.Args)
			static = ", or, if the frame is never scanned, make the symbol static"
		}
		msg += fmt.Sprintf("; declare it in Go (func %s(…))%s (%s<>)", fn.Name, static, fn.Name)
		if base := filepath.Base(f.Name); strings.HasSuffix(base, "_test.s") {
			// go/build leaves only _test.go files out of the package;
			// a _test suffix on other files only precedes the
			// GOOS/GOARCH suffixes (bytedance/mockey's
			// copy_darwin_arm64_test.s).
			msg += fmt.Sprintf(" (%s is not a test file: the go command builds every .s file into the package, whatever its name, "+
				"and only _test.go files are left out)", base)
		}
		c.Report(Diag{File: f, Fn: fn, Pos: fn.Pos(), Msg: msg})
	})
	arch := c.Pkg.Files[0].File.Arch
	// An unexported function that no Go code of the package calls (such
	// as runtime·duffzero, called by the compiler on some arches only)
	// links fine without a body: a function is reported if the files of
	// other configurations define it and it is exported or used. Either
	// question may be asked first, of the functions the other leaves;
	// the answer is the same. Reading the files costs three system calls
	// each, finding the uses a walk of the package's Go code: with few
	// files (reflect's 10, syscall's for one GOOS), read them first, which
	// usually leaves no function to look for; with many (the runtime's
	// 70), look for uses first, which usually leaves no file to read.
	var undefined []*Decl
	for name, d := range c.Pkg.Decls {
		if !defined[name] && !compilerBuiltin(c.Pass.Pkg, name) {
			undefined = append(undefined, d)
		}
	}
	links := c.Pkg.linknamed(undefined)
	files := c.Pkg.otherConfigFiles()
	usesFirst := len(files) > manyOtherFiles
	want := map[types.Object]bool{}
	names := map[string]bool{}
	for _, d := range undefined {
		switch {
		case links[d]:
		case usesFirst && !d.Func.Exported():
			want[d.Func] = true
		default:
			names[d.Func.Name()] = true
		}
	}
	if usesFirst {
		for obj := range c.liveUses(want) {
			names[obj.Name()] = true
		}
	}
	elsewhere := c.Pkg.definedElsewhere(files, names)
	if !usesFirst {
		for name := range elsewhere {
			if d := c.Pkg.Decls[name]; !d.Func.Exported() {
				want[d.Func] = true
			}
		}
		used := c.liveUses(want)
		for name := range elsewhere {
			if d := c.Pkg.Decls[name]; !d.Func.Exported() && !used[d.Func] {
				delete(elsewhere, name)
			}
		}
	}
	for _, name := range sortedNames(elsewhere) {
		c.Pass.Report(analysis.Diagnostic{Pos: c.Pkg.Decls[name].Decl.Name.Pos(), Category: "prototype", Message: fmt.Sprintf(
			"[%s] %s: declared without a body and implemented in assembly in %s, but in no file built for %s: "+
				"a binary for %s that uses it fails to link (relocation target %s not defined); "+
				"add a TEXT ·%s(SB) for %s or a Go body under a build constraint", arch, name, strings.Join(elsewhere[name], ", "), arch, arch, name, name, arch)})
	}
}

// manyOtherFiles is the number of other configurations' files above which
// the prototype check looks for uses before it reads the files.
var manyOtherFiles = 16

// compilerBuiltin reports whether the function name of package pkg is
// one the compiler never calls: runtime.getg, declared without a body
// for every arch, whose calls the type checker turns into a read of the
// g register (cmd/compile/internal/typecheck/func.go, OGETG).
func compilerBuiltin(pkg *types.Package, name string) bool {
	return name == "getg" && pkg != nil && pkg.Path() == "runtime"
}

// article returns the indefinite article for the number n as spoken: "an"
// before 8, 11, 18, 80–89, 800–899 …, else "a".
func article(n int64) string {
	s := strconv.FormatInt(n, 10)
	if s[0] == '8' || (len(s)%3 == 2 && (strings.HasPrefix(s, "11") || strings.HasPrefix(s, "18"))) {
		return "an"
	}
	return "a"
}

// linesList renders "the RET on line 12", or "the RETs on lines 12, 20
// and 31", "… and 6 more" past five lines, with one and many as the
// nouns.
func linesList(one, many string, lines []int) string {
	if len(lines) == 1 {
		return fmt.Sprintf("%s on line %d", one, lines[0])
	}
	shown := lines[:min(len(lines), 5)]
	var parts []string
	for _, l := range shown {
		parts = append(parts, strconv.Itoa(l))
	}
	if rest := len(lines) - len(shown); rest > 0 {
		return fmt.Sprintf("%s on lines %s and %d more", many, strings.Join(parts, ", "), rest)
	}
	return fmt.Sprintf("%s on lines %s and %s", many, strings.Join(parts[:len(parts)-1], ", "), parts[len(parts)-1])
}
