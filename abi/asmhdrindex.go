package abi

import (
	"go/types"
	"iter"
	"maps"
	"strconv"
	"sync"
)

// An AsmHeaderIndex gives the defines of AsmHeader one at a time, by
// name, computing a value only when it is asked for. A package's go_asm.h
// has a define for every constant and every struct field of the package
// — thousands for the runtime — of which its assembly uses a few.
type AsmHeaderIndex struct {
	arch *Arch
	defs map[string]hdrDef

	mu      sync.Mutex
	offsets map[*types.TypeName][]int64
}

// A hdrDef says where the value of one define comes from.
type hdrDef struct {
	obj   types.Object // a *types.Const, or the *types.TypeName of a struct
	field int          // for a struct: the field whose offset it is, or -1 for T__size
}

// NewAsmHeaderIndex indexes the defines AsmHeader computes for a package
// whose package-level constants and type names are objs (in any order;
// other objects are ignored). It reports false when two defines would
// have the same name: then their order in go_asm.h decides which one a
// file sees, and the index does not answer.
func NewAsmHeaderIndex(objs []types.Object, arch *Arch) (*AsmHeaderIndex, bool) {
	x := &AsmHeaderIndex{arch: arch, defs: make(map[string]hdrDef, 2*len(objs))}
	add := func(name string, d hdrDef) bool {
		if _, dup := x.defs[name]; dup {
			return false
		}
		x.defs[name] = d
		return true
	}
	for _, obj := range objs {
		switch obj := obj.(type) {
		case *types.Const:
			if _, ok := asmConst(obj); ok && !add("const_"+obj.Name(), hdrDef{obj, -1}) {
				return nil, false
			}
		case *types.TypeName:
			st, ok := asmStruct(obj)
			if !ok {
				continue
			}
			name := obj.Name()
			if !add(name+"__size", hdrDef{obj, -1}) {
				return nil, false
			}
			for i := 0; i < st.NumFields(); i++ {
				if f := st.Field(i); f.Name() != "_" && !add(name+"_"+f.Name(), hdrDef{obj, i}) {
					return nil, false
				}
			}
		}
	}
	return x, true
}

// Len returns the number of defines.
func (x *AsmHeaderIndex) Len() int { return len(x.defs) }

// Names returns the names of the defines, in no particular order.
func (x *AsmHeaderIndex) Names() iter.Seq[string] { return maps.Keys(x.defs) }

// Value returns the value of the define called name, as AsmHeader writes
// it, and whether there is one. It is safe for concurrent use.
func (x *AsmHeaderIndex) Value(name string) (string, bool) {
	d, ok := x.defs[name]
	if !ok {
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
