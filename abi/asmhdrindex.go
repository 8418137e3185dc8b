package abi

import (
	"go/types"
	"iter"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

// An AsmHeaderIndex gives the defines of AsmHeader one at a time, by
// name, computing a value only when it is asked for. A package's go_asm.h
// has a define for every constant and every struct field of the package
// — thousands for the runtime — of which its assembly uses a few.
//
// The index keeps no table of names: a name is parsed when it is asked
// for. "const_X" is the constant X; "T__size" the size of the struct type
// T; "T_f" the offset of field f of the struct type T, for some split of
// the name at an underscore. The package's scope finds X and T.
//
// Nor does it decide, when it is made, which constants and types have
// defines (a constant that is not float or complex, a struct type that is
// not generic and whose fields have a size): for the runtime that is
// thousands of constants looked up and struct types walked field by
// field, when a file uses a few. It keeps the names of the constants and
// the type names whose type is a struct, a superset of those with
// defines, which Candidates gives; Names and Len decide, the first time
// they are asked.
type AsmHeaderIndex struct {
	arch       *Arch
	scope      *types.Scope
	constNames []string          // the package's constants, by name
	types      []*types.TypeName // its type names whose type is a struct
	candidates int               // the number of names Candidates yields

	exactOnce sync.Once
	consts    []*types.Const    // the constants with a define, in constNames' order
	structs   []*types.TypeName // the struct types with defines, in types' order
	n         int               // the number of defines

	mu       sync.Mutex
	offsets  map[*types.TypeName][]int64
	structOf map[*types.TypeName]*types.Struct // asmStruct's answers (nil: none) for lookup
}

// A hdrDef says where the value of one define comes from.
type hdrDef struct {
	obj   types.Object // a *types.Const, or the *types.TypeName of a struct
	field int          // for a struct: the field whose offset it is, or -1 for T__size
}

// NewAsmHeaderIndex indexes the defines AsmHeader computes for pkg, given
// the names of its package-level constants, each once (a name that names
// no constant of pkg's scope is ignored: the constants are looked up only
// when asked for), and its package-level type names. It reports false
// when two defines would have the same name: then their order in
// go_asm.h decides which one a file sees, and the index does not answer.
func NewAsmHeaderIndex(pkg *types.Package, constNames []string, typeNames []*types.TypeName, arch *Arch) (*AsmHeaderIndex, bool) {
	x := &AsmHeaderIndex{arch: arch, scope: pkg.Scope(), constNames: constNames}
	x.candidates = len(constNames)
	for _, tn := range typeNames {
		if st, ok := tn.Type().Underlying().(*types.Struct); ok {
			x.types = append(x.types, tn)
			x.candidates += 1 + st.NumFields()
		}
	}
	if x.collides() {
		return nil, false
	}
	return x, true
}

// exact decides, once, which constants and struct types have defines.
func (x *AsmHeaderIndex) exact() {
	x.exactOnce.Do(func() {
		for _, name := range x.constNames {
			if c, ok := x.scope.Lookup(name).(*types.Const); ok {
				if _, ok := asmConst(c); ok {
					x.consts = append(x.consts, c)
				}
			}
		}
		for _, tn := range x.types {
			if st := x.asmStruct(tn); st != nil {
				x.structs = append(x.structs, tn)
				x.n++ // T__size
				for i := 0; i < st.NumFields(); i++ {
					if st.Field(i).Name() != "_" {
						x.n++
					}
				}
			}
		}
		x.n += len(x.consts)
	})
}

// collides reports whether two defines have the same name. Two defines of
// one struct type T collide only if T has a field "_size" (T__size). Two
// defines of different prefixes (a struct type's name, or "const" for the
// constants) T1_f1 and T2_f2, T1 the shorter, collide only if T2 starts
// with T1_: so only the defines of the struct types whose name has such
// a prefix are looked up one by one. The candidate types are gone
// through, and whether one has defines is asked only of those that would
// collide if it had.
func (x *AsmHeaderIndex) collides() bool {
	var buf []byte
	for _, tn := range x.types {
		st := tn.Type().Underlying().(*types.Struct)
		for i := 0; i < st.NumFields(); i++ {
			if st.Field(i).Name() == "_size" && x.asmStruct(tn) != nil {
				return true
			}
		}
		name := tn.Name()
		prefixed := false
		for i := 1; i < len(name) && !prefixed; i++ {
			if name[i] == '_' {
				prefixed = x.isPrefix(name[:i])
			}
		}
		if !prefixed || x.asmStruct(tn) == nil {
			continue
		}
		collide := false
		x.structNames(&buf, tn, st, func(n string) bool {
			_, k := x.lookup(n)
			collide = k > 1
			return !collide
		})
		if collide {
			return true
		}
	}
	return false
}

// isPrefix reports whether p comes before the first underscore of some
// define: "const" if there are constants, or a struct type's name.
func (x *AsmHeaderIndex) isPrefix(p string) bool {
	if p == "const" {
		// Rare (a type named const_…): decide every define, once.
		x.exact()
		return len(x.consts) > 0
	}
	tn, ok := x.scope.Lookup(p).(*types.TypeName)
	return ok && x.asmStruct(tn) != nil
}

// lookup returns the define called name and how many defines have that
// name (0 or 1 unless the index reports a collision).
func (x *AsmHeaderIndex) lookup(name string) (hdrDef, int) {
	var d hdrDef
	n := 0
	for i := 1; i < len(name)-1; i++ {
		if name[i] != '_' {
			continue
		}
		prefix, rest := name[:i], name[i+1:]
		if prefix == "const" {
			if c, ok := x.scope.Lookup(rest).(*types.Const); ok {
				if _, ok := asmConst(c); ok {
					d, n = hdrDef{c, -1}, n+1
				}
			}
			continue
		}
		tn, ok := x.scope.Lookup(prefix).(*types.TypeName)
		if !ok {
			continue
		}
		st := x.asmStruct(tn)
		if st == nil {
			continue
		}
		if rest == "_size" {
			d, n = hdrDef{tn, -1}, n+1
		}
		if rest == "_" {
			continue
		}
		for j := 0; j < st.NumFields(); j++ {
			if st.Field(j).Name() == rest {
				d, n = hdrDef{tn, j}, n+1
				break
			}
		}
	}
	return d, n
}

// asmStruct is asmStruct(tn), remembered: checkSized walks the fields of
// the fields, and a file asks for several fields of a few types.
func (x *AsmHeaderIndex) asmStruct(tn *types.TypeName) *types.Struct {
	x.mu.Lock()
	defer x.mu.Unlock()
	st, ok := x.structOf[tn]
	if !ok {
		st, _ = asmStruct(tn)
		if x.structOf == nil {
			x.structOf = map[*types.TypeName]*types.Struct{}
		}
		x.structOf[tn] = st
	}
	return st
}

// Len returns the number of defines.
func (x *AsmHeaderIndex) Len() int {
	x.exact()
	return x.n
}

// Names yields the names of the defines, in no particular order. A name
// yielded is valid only until the next is: the names are made one after
// the other in one buffer (the runtime has thousands); keep a copy
// (strings.Clone) to keep one.
func (x *AsmHeaderIndex) Names() iter.Seq[string] {
	x.exact()
	return func(yield func(string) bool) {
		var buf []byte
		for _, c := range x.consts {
			buf = append(append(buf[:0], "const_"...), c.Name()...)
			if !yield(unsafe.String(unsafe.SliceData(buf), len(buf))) {
				return
			}
		}
		for _, tn := range x.structs {
			if !x.structNames(&buf, tn, tn.Type().Underlying().(*types.Struct), yield) {
				return
			}
		}
	}
}

// Candidates yields the names of the defines and perhaps others that
// are not (a float constant, a field of a generic struct type): a
// superset of Names, made without deciding which constants and types
// have defines, for a filter of names (Value says which are defines). A
// name yielded is valid only until the next is, as for Names.
func (x *AsmHeaderIndex) Candidates() iter.Seq[string] {
	return func(yield func(string) bool) {
		var buf []byte
		for _, name := range x.constNames {
			buf = append(append(buf[:0], "const_"...), name...)
			if !yield(unsafe.String(unsafe.SliceData(buf), len(buf))) {
				return
			}
		}
		for _, tn := range x.types {
			if !x.structNames(&buf, tn, tn.Type().Underlying().(*types.Struct), yield) {
				return
			}
		}
	}
}

// CandidateCount returns at least the number of names Candidates yields.
func (x *AsmHeaderIndex) CandidateCount() int { return x.candidates }

// structNames yields the names of the defines of the struct type tn, of
// struct type st, made in *buf, and reports whether yield asked for
// more.
func (x *AsmHeaderIndex) structNames(buf *[]byte, tn *types.TypeName, st *types.Struct, yield func(string) bool) bool {
	b := append(append((*buf)[:0], tn.Name()...), "__size"...)
	defer func() { *buf = b }()
	if !yield(unsafe.String(unsafe.SliceData(b), len(b))) {
		return false
	}
	n := len(tn.Name()) + 1
	for i := 0; i < st.NumFields(); i++ {
		if f := st.Field(i).Name(); f != "_" {
			b = append(b[:n], f...)
			if !yield(unsafe.String(unsafe.SliceData(b), len(b))) {
				return false
			}
		}
	}
	return true
}

// Value returns the value of the define called name, as AsmHeader writes
// it, and whether there is one. It is safe for concurrent use.
func (x *AsmHeaderIndex) Value(name string) (string, bool) {
	if strings.IndexByte(name, '_') < 0 {
		return "", false
	}
	d, n := x.lookup(name)
	if n == 0 {
		return "", false
	}
	switch obj := d.obj.(type) {
	case *types.Const:
		return constValue(obj)
	case *types.TypeName:
		if d.field < 0 {
			return strconv.FormatInt(x.arch.Sizes.Sizeof(obj.Type()), 10), true
		}
		return strconv.FormatInt(x.fieldOffsets(obj)[d.field], 10), true
	}
	return "", false
}

// fieldOffsets returns the offsets of the fields of the struct tn, computed
// once.
func (x *AsmHeaderIndex) fieldOffsets(tn *types.TypeName) []int64 {
	x.mu.Lock()
	defer x.mu.Unlock()
	if offs, ok := x.offsets[tn]; ok {
		return offs
	}
	st := tn.Type().Underlying().(*types.Struct)
	fields := make([]*types.Var, st.NumFields())
	for i := range fields {
		fields[i] = st.Field(i)
	}
	offs := x.arch.Sizes.Offsetsof(fields)
	if x.offsets == nil {
		x.offsets = map[*types.TypeName][]int64{}
	}
	x.offsets[tn] = offs
	return offs
}

// constValue returns the value appendConstDefine writes for c, and
// whether it writes one.
func constValue(c *types.Const) (string, bool) {
	val, ok := asmConst(c)
	if !ok {
		return "", false
	}
	return val.ExactString(), true
}

// asmStruct returns the struct type go_asm.h has the size and field
// offsets of for tn, and whether it has them: not for other types and
// generic types.
func asmStruct(tn *types.TypeName) (*types.Struct, bool) {
	if named, ok := tn.Type().(*types.Named); ok && named.TypeParams().Len() > 0 {
		return nil, false
	}
	if alias, ok := tn.Type().(*types.Alias); ok && alias.TypeParams().Len() > 0 {
		return nil, false
	}
	st, ok := tn.Type().Underlying().(*types.Struct)
	if !ok || checkSized(st) != nil {
		return nil, false
	}
	return st, true
}
