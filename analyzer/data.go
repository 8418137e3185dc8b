package analyzer

import (
	"fmt"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/asmcheck/asmcheck/frame"
)

// Data checks DATA and GLOBL statements and stores to read-only data.
var Data = newAnalyzer("data", docData, runData)

func init() { register(Data) }

// A dataSym is one data symbol of the package: its GLOBL and DATA
// statements, per file.
type dataSym struct {
	name   string // for messages: "table<>", "·table"
	key    textKey
	globls []globlRef
	data   map[*File][]frame.Datum
	goVar  *types.Var // the Go variable of the package with this name, if any
	// size is the size of a package symbol (not static) when sized is
	// 1; sized is 0 before it is computed, 2 when it is not known (size).
	size  int64
	sized uint8
}

type globlRef struct {
	f *File
	g frame.Global
}

// globlIn returns the symbol's GLOBL in file f, if any.
func (s *dataSym) globlIn(f *File) *frame.Global {
	for i := range s.globls {
		if s.globls[i].f == f {
			return &s.globls[i].g
		}
	}
	return nil
}

// dataCheck is one run of the data check over a package.
type dataCheck struct {
	c     *Check
	x     *textIndex
	syms  map[textKey]*dataSym
	order []*dataSym
}

func runData(c *Check) {
	d := &dataCheck{c: c, x: newTextIndex(c.Pkg), syms: map[textKey]*dataSym{}}
	for _, f := range c.Pkg.Files {
		d.collect(f)
	}
	for _, s := range d.order {
		d.checkGlobls(s)
		for _, f := range c.Pkg.Files {
			if ds := s.data[f]; len(ds) > 0 {
				d.checkData(s, f, ds)
			}
		}
	}
	d.checkStores()
	d.checkBounds()
}

// sym returns the symbol named sym (static or not) as seen from file f.
func (d *dataCheck) sym(f *File, sym string, static bool) *dataSym {
	key := d.x.key(f.Name, sym, static, "")
	s := d.syms[key]
	if s == nil {
		s = &dataSym{key: key, data: map[*File][]frame.Datum{}, name: sym}
		if static {
			s.name += "<>"
		} else {
			s.goVar = d.goVar(sym)
		}
		d.syms[key] = s
		d.order = append(d.order, s)
	}
	return s
}

// collect records the DATA and GLOBL statements of f.
func (d *dataCheck) collect(f *File) {
	data, globls := frame.Symbols(f.File)
	for _, g := range globls {
		s := d.sym(f, g.Sym, g.Static)
		s.globls = append(s.globls, globlRef{f, g})
	}
	for _, dt := range data {
		s := d.sym(f, dt.Sym, dt.Static)
		s.data[f] = append(s.data[f], dt)
	}
}

// line returns the line of pos, for messages.
func (d *dataCheck) line(pos token.Pos) string {
	p := d.c.Pass.Fset.Position(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// checkGlobls checks each GLOBL of s: flags, duplicates, pointers.
func (d *dataCheck) checkGlobls(s *dataSym) {
	for i, ref := range s.globls {
		g := &ref.g
		d.checkGloblFlags(s, ref.f, g)
		for _, prev := range s.globls[:i] {
			d.checkDuplicate(s, prev, ref)
		}
		if g.FlagsOK && g.Flags&(frame.FlagNOPTR|frame.FlagRODATA|frame.FlagTLSBSS) == 0 {
			d.checkPointers(s, ref.f, g)
		}
		if s.goVar != nil {
			d.checkGoVar(s, ref.f, g)
		}
	}
}

// checkGloblFlags reports flag bits that do nothing on GLOBL.
func (d *dataCheck) checkGloblFlags(s *dataSym, f *File, g *frame.Global) {
	if !g.FlagsOK {
		return
	}
	if rest := g.Flags &^ knownFlags; rest != 0 {
		d.c.Report(Diag{File: f, Pos: g.Pos, Msg: fmt.Sprintf("GLOBL %s: %s", s.name, unknownFlagsMsg("GLOBL", rest, g.Flags))})
	}
	if bad := g.Flags & (textOnlyFlags | frame.FlagNOPROF); bad != 0 {
		d.c.Report(Diag{File: f, Pos: g.Pos, Msg: fmt.Sprintf(
			"GLOBL %s: %s has no effect on data: the assembler reads only DUPOK, RODATA, NOPTR and TLSBSS of a GLOBL "+
				"(cmd/internal/obj/plist.go GloblPos); remove it", s.name, flagNames(bad)),
			Fixes: removeFlags(f, g.FlagsOp, bad)})
	}
}

// checkDuplicate reports a symbol declared by two GLOBL statements.
func (d *dataCheck) checkDuplicate(s *dataSym, prev, cur globlRef) {
	if prev.f == cur.f {
		d.c.Report(Diag{File: cur.f, Pos: cur.g.Pos, Msg: fmt.Sprintf(
			"GLOBL %s declared again (first at %s): the assembler rejects it (\"symbol %s redeclared\", cmd/internal/obj/plist.go); keep one GLOBL",
			s.name, d.line(prev.g.Pos), s.name)})
		return
	}
	if len(s.data[prev.f]) == 0 || len(s.data[cur.f]) == 0 || prev.g.Has(frame.FlagDUPOK) && cur.g.Has(frame.FlagDUPOK) {
		return // two BSS definitions, or duplicates the linker may pick from
	}
	d.c.Report(Diag{File: cur.f, Pos: cur.g.Pos, Msg: fmt.Sprintf(
		"GLOBL %s with DATA is also defined, with DATA, at %s: the link fails (\"duplicated definition of symbol\"); "+
			"define it in one file, or mark both DUPOK if they are identical", s.name, d.line(prev.g.Pos))})
}

// checkPointers reports a GLOBL without NOPTR or RODATA whose symbol has
// no Go type: the linker must give the garbage collector a pointer map
// for every data and BSS symbol that may hold pointers, and it gets that
// map from the Go type (cmd/link/internal/ld/data.go, GCProg.AddSym:
// "missing Go type information for global symbol").
func (d *dataCheck) checkPointers(s *dataSym, f *File, g *frame.Global) {
	if s.goVar != nil && len(s.data[f]) == 0 {
		return // the Go declaration defines the symbol, with its type
	}
	why := fmt.Sprintf("%s has no Go declaration", s.name)
	if s.goVar != nil {
		why = fmt.Sprintf("the DATA here makes this the definition of %s, in place of the Go declaration and its type", s.name)
	}
	msg := fmt.Sprintf("GLOBL %s without NOPTR or RODATA: %s, so the linker has no pointer map for it and fails as soon as a program uses it "+
		"(\"missing Go type information for global symbol\", cmd/link/internal/ld/data.go); add NOPTR if it never holds Go pointers, "+
		"or declare it in Go", s.name, why)
	var fixes []analysis.SuggestedFix
	if !d.storedTo(s) {
		fixes = addGloblFlag(f, g, "NOPTR")
	}
	d.c.Report(Diag{File: f, Pos: g.Pos, Msg: msg, Fixes: fixes})
}

// addGloblFlag returns a fix that adds flag to g.
func addGloblFlag(f *File, g *frame.Global, flag string) []analysis.SuggestedFix {
	if g.FlagsOp != nil {
		return addFlag(f, g.FlagsOp, flag)
	}
	if g.SizePos == token.NoPos {
		return nil
	}
	return []analysis.SuggestedFix{{Message: "add " + flag, TextEdits: []analysis.TextEdit{
		{Pos: g.SizePos, End: g.SizePos, NewText: []byte(flag + ", ")}}}}
}

// checkGoVar checks a GLOBL of a symbol that Go code also declares.
func (d *dataCheck) checkGoVar(s *dataSym, f *File, g *frame.Global) {
	v := s.goVar
	switch {
	case len(s.data[f]) == 0 && g.Has(frame.FlagRODATA):
		d.c.Report(Diag{File: f, Pos: g.Pos, Msg: fmt.Sprintf(
			"GLOBL %s RODATA without DATA for the Go variable %s: the Go declaration defines the symbol too, and the linker takes "+
				"neither empty definition over the other, so the link fails (\"duplicated definition of symbol\"); give it its DATA here "+
				"(runtime·staticuint64s is read-only that way), or drop the GLOBL", s.name, v.Name())})
	case len(s.data[f]) == 0:
		// The Go definition wins; the GLOBL is redundant but harmless.
	case g.Has(frame.FlagNOPTR) && hasPointers(v.Type()):
		d.c.Report(Diag{File: f, Pos: g.Pos, Msg: fmt.Sprintf(
			"GLOBL %s NOPTR with DATA defines the Go variable %s (%s), which holds pointers: the assembly definition replaces the Go one, "+
				"so %s lands in a no-pointer section and the garbage collector never sees the pointers stored in it (the objects they point to "+
				"can be freed while still in use); initialize it from Go instead", s.name, v.Name(), v.Type(), v.Name())})
	default:
		d.checkGoVarSize(s, f, g)
	}
}

// checkGoVarSize reports a GLOBL that defines a Go variable with a
// different size.
func (d *dataCheck) checkGoVarSize(s *dataSym, f *File, g *frame.Global) {
	if f.ABI == nil || !g.SizeOK {
		return
	}
	want := f.ABI.Sizes.Sizeof(s.goVar.Type())
	if g.Size >= want {
		// Larger is fine: Go code uses the first bytes (runtime·asmsyscall6
		// on aix is a 24-byte function descriptor behind a libFunc).
		return
	}
	d.c.Report(Diag{File: f, Pos: g.Pos, Msg: fmt.Sprintf(
		"GLOBL %s size %d, but the Go variable %s (%s) is %d bytes: with its DATA the assembly definition replaces the Go one, "+
			"so Go code reads and writes %d bytes past the end of the symbol, over whatever the linker places next; use $%d",
		s.name, g.Size, s.goVar.Name(), s.goVar.Type(), want, want-g.Size, want)})
}

// hasPointers reports whether values of type t contain pointers the
// garbage collector must see.
func hasPointers(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.String || u.Kind() == types.UnsafePointer
	case *types.Array:
		return u.Len() > 0 && hasPointers(u.Elem())
	case *types.Struct:
		for i := range u.NumFields() {
			if hasPointers(u.Field(i).Type()) {
				return true
			}
		}
		return false
	}
	return true // pointers, slices, maps, channels, functions, interfaces
}

// checkData checks the DATA statements ds of s in file f: a GLOBL in the
// same file, offsets within its size, increasing offsets.
func (d *dataCheck) checkData(s *dataSym, f *File, ds []frame.Datum) {
	g := s.globlIn(f)
	if g == nil {
		d.reportNoGlobl(s, f, &ds[0])
		return
	}
	var prevEnd int64
	var prev *frame.Datum
	for i := range ds {
		dt := &ds[i]
		if !dt.OK {
			prev = nil
			continue
		}
		if prev != nil && dt.Off < prevEnd {
			d.reportOrder(s, f, ds[:i], dt)
		}
		if g.SizeOK && dt.End() > g.Size {
			d.c.Report(Diag{File: f, Pos: dt.Pos, Msg: fmt.Sprintf(
				"DATA %s+%d(SB)/%d writes bytes %d to %d, past the %d bytes that GLOBL at %s gives it: the link fails "+
					"(\"initialize bounds (%d < %d)\", cmd/link/internal/ld/data.go); make the GLOBL size at least %d",
				s.name, dt.Off, dt.Size, dt.Off, dt.End()-1, g.Size, d.line(g.Pos), g.Size, dt.End(), dt.End())})
		}
		prev, prevEnd = dt, max(prevEnd, dt.End())
	}
}

// reportOrder reports dt, which starts before the end of an earlier DATA
// of the same symbol in the same file.
func (d *dataCheck) reportOrder(s *dataSym, f *File, earlier []frame.Datum, dt *frame.Datum) {
	what := "comes after DATA at higher offsets"
	for i := range earlier {
		e := &earlier[i]
		if e.OK && dt.Off < e.End() && e.Off < dt.End() {
			what = fmt.Sprintf("overlaps the DATA at %s (bytes %d to %d)", d.line(e.Pos), e.Off, e.End()-1)
			break
		}
	}
	d.c.Report(Diag{File: f, Pos: dt.Pos, Msg: fmt.Sprintf(
		"DATA %s+%d(SB)/%d %s: the assembler requires the DATA of a symbol in increasing, non-overlapping order and rejects this "+
			"(\"overlapping DATA entry for %s\", cmd/asm/internal/asm/asm.go); fix the offsets", s.name, dt.Off, dt.Size, what, s.name)})
}

// reportNoGlobl reports DATA for a symbol that the file does not declare
// with GLOBL.
func (d *dataCheck) reportNoGlobl(s *dataSym, f *File, dt *frame.Datum) {
	var why string
	switch {
	case len(s.globls) > 0:
		why = fmt.Sprintf("its GLOBL is in %s, but the go command assembles each file on its own and the linker does not attach these bytes to it "+
			"(go1.26's linker crashes on it); put the DATA next to the GLOBL", d.line(s.globls[0].g.Pos))
	case s.goVar != nil:
		size := "size"
		if f.ABI != nil {
			size = fmt.Sprint(f.ABI.Sizes.Sizeof(s.goVar.Type()))
		}
		why = fmt.Sprintf("the Go variable %s is defined by the Go declaration, and the assembler keeps DATA only for a symbol its file declares "+
			"with GLOBL, so these bytes are dropped and %s stays zero; add GLOBL %s(SB), NOPTR, $%s next to the DATA, or initialize it in Go",
			s.goVar.Name(), s.goVar.Name(), s.name, size)
	default:
		why = fmt.Sprintf("the bytes are dropped and the symbol is never defined, so a program that uses it fails to link "+
			"(\"relocation target %s not defined\"); add GLOBL %s(SB), RODATA, $size (or NOPTR if it is written)", s.name, s.name)
	}
	d.c.Report(Diag{File: f, Pos: dt.Pos, Msg: fmt.Sprintf("DATA %s without a GLOBL in this file: %s", s.name, why)})
}

// storedTo reports whether an instruction of the package stores to s.
func (d *dataCheck) storedTo(s *dataSym) bool {
	found := false
	d.eachStore(func(_ *File, _ *frame.Func, _ int, _ *frame.Mem, t *dataSym) {
		if t == s {
			found = true
		}
	})
	return found
}

// eachStore calls do for every store to a data symbol of the package.
func (d *dataCheck) eachStore(do func(f *File, fn *frame.Func, i int, m *frame.Mem, s *dataSym)) {
	for _, f := range d.c.Pkg.Files {
		for _, fn := range f.Funcs {
			for i := range fn.Insts {
				e := fn.Inst(i)
				for j := range e.Mem() {
					m := &e.Mem()[j]
					if m.Base != frame.BaseSB || !m.Write || m.Addr {
						continue
					}
					key := d.x.key(f.Name, e.MemName(m), memStatic(fn, e, m), "")
					if s := d.syms[key]; s != nil {
						do(f, fn, i, m, s)
					}
				}
			}
		}
	}
}

// memStatic reports whether the symbol of memory operand m is static
// (sym<>(SB)).
func memStatic(fn *frame.Func, e frame.Inst, m *frame.Mem) bool {
	s := &fn.File.Stmts[e.Stmt]
	return m.Arg >= 0 && m.Arg < len(s.Args) && s.Args[m.Arg].Static()
}

// checkStores reports stores to RODATA symbols: the linker places them in
// a read-only segment, and the store faults (SIGSEGV).
func (d *dataCheck) checkStores() {
	d.eachStore(func(f *File, fn *frame.Func, i int, m *frame.Mem, s *dataSym) {
		for _, ref := range s.globls {
			if !ref.g.Has(frame.FlagRODATA) {
				continue
			}
			e := fn.Inst(i)
			d.c.Report(Diag{File: f, Fn: fn, Pos: memPos(fn, e, m), Msg: fmt.Sprintf(
				"%s stores to %s, which GLOBL at %s declares RODATA: the linker puts it in a read-only segment and the store faults "+
					"at run time (SIGSEGV); drop RODATA (use NOPTR) if it must be written", e.Op(), s.name, d.line(ref.g.Pos))})
			return
		}
	})
}

// size returns the size of s as seen from file f, and whether it is
// known: a static symbol's GLOBL in f; for a symbol of the package, the
// largest of its GLOBLs and its Go variable's type (a GLOBL with DATA
// may define the variable larger than its type).
func (d *dataCheck) size(s *dataSym, f *File) (int64, bool) {
	if s.key.static {
		if g := s.globlIn(f); g != nil && g.SizeOK {
			return g.Size, true
		}
		return 0, false
	}
	if s.sized == 0 {
		s.sized = 2 // not known
		size, known := int64(0), false
		for _, ref := range s.globls {
			if !ref.g.SizeOK {
				return 0, false
			}
			size, known = max(size, ref.g.Size), true
		}
		if s.goVar != nil && f.ABI != nil {
			size, known = max(size, f.ABI.Sizes.Sizeof(s.goVar.Type())), true
		}
		if known {
			s.sized, s.size = 1, size
		}
	}
	return s.size, s.sized == 1
}

// checkBounds reports loads and stores that reach outside a data symbol:
// through sym+off(SB) with no index register, or through a register that
// holds the symbol's address (LEAQ sym<>(SB), R8 or MOVD $sym<>(SB), R1,
// then (R8), 32(R8), VLD1.P 32(R1)), followed by checkViaRegs. The bytes
// belong to whatever the linker places next (a mask of 16 bytes loaded
// with a 32-byte VMOVDQU computes with garbage in its upper half).
func (d *dataCheck) checkBounds() {
	for _, f := range d.c.Pkg.Files {
		for _, fn := range f.Funcs {
			moves := false
			for i := range fn.Insts {
				e := fn.Inst(i)
				for j := range e.Mem() {
					m := &e.Mem()[j]
					if m.Base != frame.BaseSB {
						continue
					}
					if m.Addr {
						moves = moves || d.dataSymOf(f, fn, e, m) != nil
						continue
					}
					if !m.OffOK || m.Size <= 0 || m.Index != frame.NoReg || m.WBReg != frame.NoReg {
						continue
					}
					if s := d.dataSymOf(f, fn, e, m); s != nil && d.outside(f, m, s, m.Off) {
						d.reportBounds(f, fn, e, m, s, m.Off, "")
					}
				}
			}
			if moves {
				d.checkViaRegs(f, fn)
			}
		}
	}
}

// A regFact says that register reg holds the address of byte off of the
// data symbol sym.
type regFact struct {
	reg frame.Reg
	sym *dataSym
	off int64
}

// checkViaRegs checks the accesses of fn through registers that hold the
// address of a data symbol of the package, known along each extended
// basic block (a block entered only from the one before it keeps what
// held at its end; any other starts knowing nothing): set by an address
// move of sym+off(SB), moved by a write-back (VLD1.P 32(R1)), forgotten
// at any other write of the register, at a call and at an instruction
// asmcheck does not know. Up to four registers are followed at once.
func (d *dataCheck) checkViaRegs(f *File, fn *frame.Func) {
	var facts []regFact
	find := func(r frame.Reg) int {
		for k := range facts {
			if facts[k].reg == r {
				return k
			}
		}
		return -1
	}
	g := fn.CFG()
	for bi, b := range g.Blocks {
		if len(b.Preds) != 1 || bi == 0 || b.Preds[0] != g.Blocks[bi-1] {
			facts = facts[:0]
		}
		for i := b.Start; i < b.End; i++ {
			e := fn.Inst(i)
			if !e.Known || e.Flow == frame.FlowCall {
				facts = facts[:0]
				continue
			}
			moved := frame.NoReg
			for j := range e.Mem() {
				m := &e.Mem()[j]
				if m.Base != frame.BaseReg || m.WBReg != frame.NoReg {
					continue
				}
				k := find(m.Reg)
				if k < 0 {
					continue
				}
				if !m.Addr && m.OffOK && m.Size > 0 && m.Index == frame.NoReg {
					if ft := facts[k]; d.outside(f, m, ft.sym, ft.off+m.Off) {
						via := fmt.Sprintf(" at offset %d of %s (%s holds %s+%d(SB) there)", ft.off+m.Off, ft.sym.name, fn.Arch.Regs.Name(m.Reg), ft.sym.name, ft.off)
						d.reportBounds(f, fn, e, m, ft.sym, ft.off+m.Off, via)
					}
				}
				if m.WBDelta != 0 {
					facts[k].off += m.WBDelta
					moved = m.Reg
				}
			}
			for _, w := range e.Writes() {
				if k := find(w.Reg); k >= 0 && w.Reg != moved {
					facts = slices.Delete(facts, k, k+1)
				}
			}
			if r, m, s := d.addrMove(f, fn, e); s != nil && len(facts) < 4 {
				facts = append(facts, regFact{r, s, m.Off})
			}
		}
	}
}

// dataSymOf returns the data symbol of the package that m, a memory
// operand through SB of e in fn, names, or nil: a symbol with a GLOBL or
// DATA, or a Go variable.
func (d *dataCheck) dataSymOf(f *File, fn *frame.Func, e frame.Inst, m *frame.Mem) *dataSym {
	sym, static := e.MemName(m), memStatic(fn, e, m)
	s := d.syms[d.x.key(f.Name, sym, static, "")]
	if s == nil && !static && d.goVar(sym) != nil {
		s = d.sym(f, sym, false) // a Go variable the assembly only reads or writes
	}
	return s
}

// outside reports whether m, an access at offset off of s, reaches
// outside s, whose size is known.
func (d *dataCheck) outside(f *File, m *frame.Mem, s *dataSym, off int64) bool {
	size, ok := d.size(s, f)
	return ok && (off < 0 || off+int64(m.Size) > size)
}

// addrMove returns the register and the data symbol's operand of e if e
// puts the address of a data symbol of the package into a register, as
// its effect says: its one memory operand is the address of sym+off(SB),
// it writes one register and reads none (LEAQ sym(SB), R8; MOVQ
// $sym(SB), R8; MOVD $sym(SB), R1; not ADDQ $sym(SB), R8).
func (d *dataCheck) addrMove(f *File, fn *frame.Func, e frame.Inst) (frame.Reg, *frame.Mem, *dataSym) {
	ms, ws := e.Mem(), e.Writes()
	if len(ms) != 1 || len(ws) != 1 || len(e.Reads()) != 0 {
		return frame.NoReg, nil, nil
	}
	m := &ms[0]
	if m.Base != frame.BaseSB || !m.Addr || !m.OffOK || m.Index != frame.NoReg {
		return frame.NoReg, nil, nil
	}
	s := d.dataSymOf(f, fn, e, m)
	if s == nil {
		return frame.NoReg, nil, nil
	}
	return ws[0].Reg, m, s
}

// goVar returns the package's variable that sym (not static) names, or
// nil.
func (d *dataCheck) goVar(sym string) *types.Var {
	pkg, name, dot := frame.SplitSym(sym)
	if !dot || !d.x.local(pkg) || d.c.Pass.Pkg == nil {
		return nil
	}
	v, _ := d.c.Pass.Pkg.Scope().Lookup(name).(*types.Var)
	return v
}

func (d *dataCheck) reportBounds(f *File, fn *frame.Func, e frame.Inst, m *frame.Mem, s *dataSym, off int64, via string) {
	size, _ := d.size(s, f)
	end := off + int64(m.Size)
	where := fmt.Sprintf("bytes %d..%d lie past its end", max(off, size), end-1)
	if off < 0 {
		where = fmt.Sprintf("bytes %d..%d lie before its start", off, min(end, 0)-1)
	}
	declared := "its Go type"
	if len(s.globls) > 0 {
		declared = "GLOBL at " + d.line(s.globls[0].g.Pos)
	}
	harm := "so the load takes in whatever the linker places next to it (and faults if that is the end of a mapped segment), " +
		"and the code computes with those bytes unless it ignores them"
	fix := fmt.Sprintf("make %s %d bytes (its GLOBL and DATA), or read only its %d", s.name, end, size)
	if off > 0 {
		fix = fmt.Sprintf("make %s %d bytes (its GLOBL and DATA), or read at most the %d bytes from offset %d to its end", s.name, end, size-off, off)
	}
	if m.Write {
		harm = "so the store overwrites whatever the linker places next to it"
		fix = fmt.Sprintf("make %s %d bytes, or store only within it", s.name, end)
	}
	if off < 0 || off >= size {
		fix = "correct the offset or the symbol"
	}
	d.c.Report(Diag{File: f, Fn: fn, Pos: memPos(fn, e, m), Msg: fmt.Sprintf("%s %s %s %d bytes%s, but %s is %d bytes (%s): %s, %s; %s",
		e.Op(), e.MemText(m), readsOrWrites(m), m.Size, via, s.name, size, declared, where, harm, fix)})
}

const docData = `check DATA and GLOBL statements, and loads and stores of data symbols

Reports DATA without a GLOBL for the symbol in the same file (the bytes are
dropped: cmd/asm assembles each file on its own); DATA past the GLOBL size
("initialize bounds" at link time); DATA out of order or overlapping (cmd/asm
rejects it); a symbol declared twice; GLOBL without NOPTR or RODATA for a
symbol with no Go type ("missing Go type information for global symbol",
cmd/link/internal/ld/data.go); DATA that replaces a Go variable holding
pointers with a NOPTR definition (the GC stops seeing them), with RODATA
(duplicate definition) or with another size; flags that do nothing on
GLOBL; stores to a RODATA symbol, which fault at run time; and loads and
stores through sym+off(SB) that reach past the symbol's end.`
