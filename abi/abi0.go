package abi

import (
	"fmt"
	"go/token"
	"go/types"
	"strconv"
)

// Kind classifies a frame variable the way go vet's asmdecl does
// (golang.org/x/tools/go/analysis/passes/asmdecl): a scalar has a size
// kind (1, 2, 4 or 8, its size in bytes); composite values have one of
// the named kinds below, which are not valid sizes.
type Kind int

// The composite kinds.
const (
	// KindString is a string: base and len words.
	KindString Kind = 100 + iota
	// KindSlice is a slice: base, len and cap words.
	KindSlice
	// KindArray is an array; its elements are named v_0, v_1...
	KindArray
	// KindInterface is a non-empty interface: itable and data words.
	KindInterface
	// KindEmptyInterface is interface{}: type and data words.
	KindEmptyInterface
	// KindStruct is a struct; its fields are named v_field.
	KindStruct
	// KindComplex is a complex number: real and imag parts.
	KindComplex
)

var kindNames = map[Kind]string{
	KindString:         "string",
	KindSlice:          "slice",
	KindArray:          "array",
	KindInterface:      "interface",
	KindEmptyInterface: "empty interface",
	KindStruct:         "struct",
	KindComplex:        "complex",
}

// IsSize reports whether k is a scalar size kind.
func (k Kind) IsSize() bool { return k < KindString }

// String returns "N-byte" for a size kind and the kind's name otherwise.
func (k Kind) String() string {
	if k.IsSize() {
		return strconv.Itoa(int(k)) + "-byte"
	}
	return kindNames[k]
}

// Var is one name that assembly can use with the FP pseudo-register:
// a parameter, a result, or a component of one (s_len, p_field, a_0,
// x_lo...).
type Var struct {
	// Name is the name as written before "+off(FP)".
	Name string
	// Offset is the byte offset from 0(FP).
	Offset int
	// Size is the size in bytes.
	Size int
	// Kind is the size kind or composite kind.
	Kind Kind
	// Type describes the value for messages: the Go type as go/types
	// prints it with full package paths ("int8", "a.S"), or the role of a
	// component ("string base", "slice len", "interface itable",
	// "interface data", "real(complex64)", "half int64").
	Type string
	// Result reports whether the variable is (part of) a result.
	Result bool
	// Pointers reports whether the value contains pointers.
	Pointers bool
	// Signed reports whether the value is a signed integer (a copy in a
	// wider register is sign-extended); Float whether it is a
	// floating-point number or a part of a complex one.
	Signed, Float bool
	// Inner lists the components directly inside this value, in order.
	Inner []*Var
}

// Frame is the ABI0 argument frame of a function as assembly sees it
// through FP: parameters from 0(FP) in order, each at its alignment, then
// results from the next multiple of MaxAlign.
//
// The layout follows cmd/compile/internal/abi/abiutils.go with zero
// registers (ABIConfig ABI0: every parameter gets nextSlot on the stack,
// the offset is rounded to RegSize before the results) and asmdecl's
// asmParseDecl, which rounds to the alignment of int64; the two agree on
// every arch (MaxAlign == RegSize). Names follow asmdecl exactly.
type Frame struct {
	// Arch is the architecture of the layout.
	Arch *Arch
	// Params are the parameters (the receiver first, for a method).
	Params []*Var
	// Results are the results.
	Results []*Var
	// Vars lists every addressable name, outer values before their
	// components, in frame order.
	Vars []*Var
	// ResultsOffset is the offset of the first result: the end of the
	// parameters rounded up to MaxAlign, or the end of the parameters
	// if there are no results.
	ResultsOffset int
	// ArgSize is the size go vet's asmdecl expects after the "-" in
	// "TEXT ·f(SB), $frame-ArgSize": the end of the last result (or
	// parameter), not rounded further.
	ArgSize int

	byName   map[string]*Var
	byOffset []*Var
}

// Reserved returns the size of the argument area a Go caller reserves
// for the function: ArgSize rounded up to a register
// (cmd/compile/internal/abi/abiutils.go: the stack part of the arguments
// and results ends at alignTo(stackOffset, RegSize)). The bytes from
// ArgSize to Reserved are padding the callee may write.
func (f *Frame) Reserved() int { return roundUp(f.ArgSize, f.Arch.RegSize) }

// Lookup returns the variable called name, or nil. As in asmdecl, when
// two variables share a name (several "_" parameters) the later one wins.
func (f *Frame) Lookup(name string) *Var { return f.byName[name] }

// At returns the innermost variable that covers byte off of the frame,
// or nil (padding, or outside the frame). This is asmdecl's varByOffset.
func (f *Frame) At(off int) *Var {
	if off < 0 || off >= len(f.byOffset) {
		return nil
	}
	return f.byOffset[off]
}

// CompilerArgSize is the argument size the compiler itself records for
// a Go function with this signature under ABI0: ArgSize rounded up to
// RegSize (cmd/compile/internal/types/size.go CalcSize of TFUNCARGS, and
// the RoundUp in cmd/compile/internal/ssagen/ssa.go genssa). asmdecl
// wants the unrounded ArgSize in assembly.
func (f *Frame) CompilerArgSize() int {
	return roundUp(f.ArgSize, f.Arch.RegSize)
}

// NewFrame computes the ABI0 frame of sig on arch.
func NewFrame(sig *types.Signature, arch *Arch) (*Frame, error) {
	f := &Frame{Arch: arch, byName: map[string]*Var{}}
	b := frameBuilder{f: f}
	params := sigParams(sig)
	if err := b.addList(params, false); err != nil {
		return nil, err
	}
	if sig.Results().Len() > 0 {
		b.offset = roundUp(b.offset, arch.MaxAlign)
	}
	f.ResultsOffset = b.offset
	if err := b.addList(tupleVars(sig.Results()), true); err != nil {
		return nil, err
	}
	f.ArgSize = b.offset
	f.indexOffsets()
	return f, nil
}

// sigParams returns the receiver (if any) and the parameters of sig.
func sigParams(sig *types.Signature) []*types.Var {
	var vars []*types.Var
	if r := sig.Recv(); r != nil {
		vars = append(vars, r)
	}
	return append(vars, tupleVars(sig.Params())...)
}

// tupleVars returns the variables of t.
func tupleVars(t *types.Tuple) []*types.Var {
	vars := make([]*types.Var, t.Len())
	for i := range vars {
		vars[i] = t.At(i)
	}
	return vars
}

// frameBuilder lays out one Frame.
type frameBuilder struct {
	f      *Frame
	offset int
}

// addList lays out a parameter or result list.
func (b *frameBuilder) addList(vars []*types.Var, result bool) error {
	for i, v := range vars {
		if err := checkSized(v.Type()); err != nil {
			return fmt.Errorf("%s: %v", paramName(v, i, result), err)
		}
		sizes := b.f.Arch.Sizes
		b.offset = roundUp(b.offset, int(sizes.Alignof(v.Type())))
		top := b.add(v.Type(), paramName(v, i, result), b.offset, nil, result)
		if result {
			b.f.Results = append(b.f.Results, top)
		} else {
			b.f.Params = append(b.f.Params, top)
		}
		b.offset += int(sizes.Sizeof(v.Type()))
	}
	return nil
}

// paramName is the FP name of the i'th parameter or result: its own
// name, or arg, arg1, arg2... (ret, ret1...) when unnamed, numbered by
// position as asmdecl does.
func paramName(v *types.Var, i int, result bool) string {
	if v.Name() != "" {
		return v.Name()
	}
	name := "arg"
	if result {
		name = "ret"
	}
	if i > 0 {
		name += strconv.Itoa(i)
	}
	return name
}

// newVar records a variable in the frame and in its outer value.
func (b *frameBuilder) newVar(v *Var, outer *Var) *Var {
	b.f.Vars = append(b.f.Vars, v)
	b.f.byName[v.Name] = v
	if outer != nil {
		outer.Inner = append(outer.Inner, v)
	}
	return v
}

// add records t at off under name, then its components.
func (b *frameBuilder) add(t types.Type, name string, off int, outer *Var, result bool) *Var {
	size := int(b.f.Arch.Sizes.Sizeof(t))
	v := b.newVar(&Var{
		Name:     name,
		Offset:   off,
		Size:     size,
		Kind:     kindOf(t, size),
		Type:     typeString(t),
		Result:   result,
		Pointers: hasPointers(t),
	}, outer)
	if u, ok := t.Underlying().(*types.Basic); ok {
		info := u.Info()
		v.Signed = info&types.IsInteger != 0 && info&types.IsUnsigned == 0
		v.Float = info&types.IsFloat != 0
	}
	b.addComponents(t, v)
	return v
}

// typeString is types.TypeString(t, nil), without its map and buffer for
// the commonest types of parameters and fields: basic types, named types
// that are not generic, and pointers, slices and arrays of those.
func typeString(t types.Type) string {
	if s, ok := simpleTypeString(t); ok {
		return s
	}
	var buf [64]byte
	if b, ok := appendTypeString(buf[:0], t); ok {
		return string(b)
	}
	return types.TypeString(t, nil)
}

// simpleTypeString returns types.TypeString(t, nil) without allocating
// if t is a basic type.
func simpleTypeString(t types.Type) (string, bool) {
	if t, ok := t.(*types.Basic); ok {
		if t.Kind() == types.UnsafePointer {
			return "unsafe.Pointer", true
		}
		// Any other exported name would be in package unsafe too.
		if !token.IsExported(t.Name()) {
			return t.Name(), true
		}
	}
	return "", false
}

// appendTypeString appends types.TypeString(t, nil) to b if t is a basic
// type, a named type neither generic nor instantiated, or a pointer,
// slice or array of such a type (recursively).
func appendTypeString(b []byte, t types.Type) ([]byte, bool) {
	switch t := t.(type) {
	case *types.Basic:
		s, ok := simpleTypeString(t)
		return append(b, s...), ok
	case *types.Named:
		if t.TypeArgs().Len() != 0 || t.TypeParams().Len() != 0 {
			return b, false
		}
		obj := t.Obj()
		if obj.Pkg() != nil && obj.Pkg().Path() != "" {
			b = append(append(b, obj.Pkg().Path()...), '.')
		}
		return append(b, obj.Name()...), true
	case *types.Pointer:
		return appendTypeString(append(b, '*'), t.Elem())
	case *types.Slice:
		return appendTypeString(append(b, "[]"...), t.Elem())
	case *types.Array:
		b = append(strconv.AppendInt(append(b, '['), t.Len(), 10), ']')
		return appendTypeString(b, t.Elem())
	}
	return b, false
}

// part records a scalar component of v.
func (b *frameBuilder) part(v *Var, suffix, desc string, off, size int, ptr bool) *Var {
	return b.newVar(&Var{
		Name:     v.Name + "_" + suffix,
		Offset:   v.Offset + off,
		Size:     size,
		Kind:     Kind(size),
		Type:     desc,
		Result:   v.Result,
		Pointers: ptr,
	}, v)
}

// addComponents records the components of v, of type t
// (asmdecl's appendComponentsRecursive).
func (b *frameBuilder) addComponents(t types.Type, v *Var) {
	ptr, word := b.f.Arch.PtrSize, b.f.Arch.IntSize
	switch v.Kind {
	case 8:
		b.addHalves(v)
	case KindString:
		b.part(v, "base", "string base", 0, ptr, true)
		b.part(v, "len", "string len", ptr, word, false)
	case KindSlice:
		b.part(v, "base", "slice base", 0, ptr, true)
		b.part(v, "len", "slice len", ptr, word, false)
		b.part(v, "cap", "slice cap", ptr+word, word, false)
	case KindEmptyInterface:
		b.part(v, "type", "interface type", 0, ptr, true)
		b.part(v, "data", "interface data", ptr, ptr, true)
	case KindInterface:
		b.part(v, "itable", "interface itable", 0, ptr, true)
		b.part(v, "data", "interface data", ptr, ptr, true)
	case KindComplex:
		half := v.Size / 2
		b.part(v, "real", fmt.Sprintf("real(complex%d)", v.Size*8), 0, half, false).Float = true
		b.part(v, "imag", fmt.Sprintf("imag(complex%d)", v.Size*8), half, half, false).Float = true
	case KindStruct:
		b.addFields(t.Underlying().(*types.Struct), v)
	case KindArray:
		b.addElems(t.Underlying().(*types.Array), v)
	}
}

// addHalves records the two 4-byte halves of an 8-byte scalar on 32-bit
// arches: x_lo is the low-order half, at the lower address on
// little-endian machines and the higher one on big-endian machines.
func (b *frameBuilder) addHalves(v *Var) {
	if b.f.Arch.PtrSize != 4 {
		return
	}
	first, second := "lo", "hi"
	if b.f.Arch.BigEndian {
		first, second = second, first
	}
	b.part(v, first, "half "+v.Type, 0, 4, false)
	b.part(v, second, "half "+v.Type, 4, 4, false)
}

// addFields records the fields of a struct value v as v_field.
func (b *frameBuilder) addFields(st *types.Struct, v *Var) {
	fields := make([]*types.Var, st.NumFields())
	for i := range fields {
		fields[i] = st.Field(i)
	}
	offsets := b.f.Arch.Sizes.Offsetsof(fields)
	for i, fld := range fields {
		b.add(fld.Type(), v.Name+"_"+fld.Name(), v.Offset+int(offsets[i]), v, v.Result)
	}
}

// addElems records the elements of an array value v as v_0, v_1...
func (b *frameBuilder) addElems(at *types.Array, v *Var) {
	sizes := b.f.Arch.Sizes
	stride := roundUp(int(sizes.Sizeof(at.Elem())), int(sizes.Alignof(at.Elem())))
	for i := 0; i < int(at.Len()); i++ {
		b.add(at.Elem(), v.Name+"_"+strconv.Itoa(i), v.Offset+i*stride, v, v.Result)
	}
}

// indexOffsets fills byOffset so that the innermost variable covering a
// byte wins (components are recorded after their outer values).
func (f *Frame) indexOffsets() {
	f.byOffset = make([]*Var, f.ArgSize)
	for _, v := range f.Vars {
		for i := v.Offset; i < v.Offset+v.Size && i < f.ArgSize; i++ {
			f.byOffset[i] = v
		}
	}
}

// kindOf is asmdecl's asmKindForType.
func kindOf(t types.Type, size int) Kind {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsString != 0:
			return KindString
		case u.Info()&types.IsComplex != 0:
			return KindComplex
		}
	case *types.Struct:
		return KindStruct
	case *types.Interface:
		if u.Empty() {
			return KindEmptyInterface
		}
		return KindInterface
	case *types.Array:
		return KindArray
	case *types.Slice:
		return KindSlice
	}
	return Kind(size)
}

// hasPointers reports whether a value of type t contains pointers the
// garbage collector must see.
func hasPointers(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.String || u.Kind() == types.UnsafePointer
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if hasPointers(u.Field(i).Type()) {
				return true
			}
		}
		return false
	case *types.Array:
		return u.Len() > 0 && hasPointers(u.Elem())
	}
	return true // pointer, slice, map, chan, func, interface
}

// checkSized returns an error if t has no fixed size (a type parameter,
// or a composite that contains one).
func checkSized(t types.Type) error {
	switch u := t.(type) {
	case *types.TypeParam:
		return fmt.Errorf("type parameter %s has no fixed layout", u)
	case *types.Named:
		if u.TypeArgs().Len() == 0 && u.TypeParams().Len() > 0 {
			return fmt.Errorf("generic type %s has no fixed layout", u)
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if err := checkSized(u.Field(i).Type()); err != nil {
				return err
			}
		}
	case *types.Array:
		return checkSized(u.Elem())
	case *types.Interface:
		if !u.IsMethodSet() {
			return fmt.Errorf("constraint interface %s has no layout", u)
		}
	}
	return nil
}

// roundUp rounds x up to a multiple of align (a power of two, or 0).
func roundUp(x, align int) int {
	if align <= 1 {
		return x
	}
	return (x + align - 1) &^ (align - 1)
}
