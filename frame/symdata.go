package frame

import (
	"go/token"

	"github.com/asmcheck/asmcheck/asmparse"
)

// A Datum is one DATA statement:
//
//	DATA sym+off(SB)/size, value
//
// It writes size bytes of value at offset off of sym
// (cmd/asm/internal/asm/asm.go asmData).
type Datum struct {
	Stmt   int // index of the statement in the File
	Pos    token.Pos
	Sym    string // as written: "·table", "masks<>" is Sym "masks" with Static
	Static bool
	Off    int64
	Size   int64
	OK     bool // Off and Size are known
}

// End returns the offset just past the bytes d writes.
func (d *Datum) End() int64 { return d.Off + d.Size }

// A Global is one GLOBL statement:
//
//	GLOBL sym(SB), [flags,] $size
//
// It defines sym with size bytes and the flags' section (cmd/asm asmGlobl,
// cmd/internal/obj/plist.go GloblPos).
type Global struct {
	Stmt    int
	Pos     token.Pos
	Sym     string
	Static  bool
	Flags   int64
	FlagsOK bool
	// FlagsOp is the flags operand, or nil when the statement has none.
	FlagsOp *asmparse.Operand
	Size    int64
	SizeOK  bool
	SizePos token.Pos // where the $size operand is
}

// Has reports whether the flags are known and include all of bits.
func (g *Global) Has(bits int64) bool { return g.FlagsOK && g.Flags&bits == bits }

// Symbols returns the DATA and GLOBL statements of f, in order, with
// their operands read. Statements the parser could not read are left out.
func Symbols(f *asmparse.File) ([]Datum, []Global) {
	var data []Datum
	var globls []Global
	for i := range f.Stmts {
		s := &f.Stmts[i]
		if s.Bad || len(s.Args) == 0 || s.Args[0].Kind != asmparse.MemOp || s.Args[0].Reg() != "SB" {
			continue
		}
		switch {
		case s.Op == "DATA" && len(s.Args) == 2 && s.Args[0].HasArgs():
			sym := &s.Args[0]
			data = append(data, Datum{Stmt: i, Pos: s.Pos, Sym: sym.Sym(), Static: sym.Static(),
				Off: sym.Val, Size: sym.Args(), OK: sym.Unresolved() == ""})
		case s.Op == "GLOBL" && (len(s.Args) == 2 || len(s.Args) == 3):
			globls = append(globls, global(i, s))
		}
	}
	return data, globls
}

func global(i int, s *asmparse.Stmt) Global {
	sym, size := &s.Args[0], &s.Args[len(s.Args)-1]
	g := Global{Stmt: i, Pos: s.Pos, Sym: sym.Sym(), Static: sym.Static(), FlagsOK: true,
		Size: size.Val, SizeOK: size.Kind == asmparse.ImmOp && size.Unresolved() == "", SizePos: size.Pos}
	if len(s.Args) == 3 {
		fl := &s.Args[1]
		g.FlagsOp = fl
		g.Flags = fl.Val
		g.FlagsOK = (fl.Kind == asmparse.ConstOp || fl.Kind == asmparse.ImmOp) && fl.Unresolved() == ""
	}
	return g
}
