package abi

import "go/types"

// This file holds what tools that explain a layout need beyond Frame and
// Assignment: where the argument area is at a function's entry, the Go
// type of each variable, the scalars a load or store moves, and the
// padding.

// EntryArgOffset returns the offset of the argument area (0(FP) in
// assembly) from the hardware stack pointer at a function's first
// instruction, before any prologue has run: the return address on x86
// and wasm (PtrSize), the fixed frame on link-register machines (the
// saved-LR slot, ppc64's 32-byte linkage area). The assembler rewrites
// x+0(FP) in a frameless function to exactly this offset (verified by
// disassembling its output in the tests).
func (a *Arch) EntryArgOffset() int {
	if a.LR {
		return a.FixedFrameSize
	}
	return a.PtrSize
}

// Types returns the Go type of every variable of f that holds a whole Go
// value: each parameter and result, struct field and array element. The
// components that only have a role (s_base, s_len, i_itable, c_real,
// x_lo...) are not in the map; their Type field describes them. sig must
// be the signature f was built from.
func (f *Frame) Types(sig *types.Signature) map[*Var]types.Type {
	m := map[*Var]types.Type{}
	vars := append(append([]*Var{}, f.Params...), f.Results...)
	tvars := append(sigParams(sig), tupleVars(sig.Results())...)
	if len(vars) != len(tvars) {
		return m
	}
	for i, v := range vars {
		setTypes(m, v, tvars[i].Type())
	}
	return m
}

// setTypes records t as the type of v, then the types of its fields or
// elements.
func setTypes(m map[*Var]types.Type, v *Var, t types.Type) {
	m[v] = t
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i, in := range v.Inner {
			setTypes(m, in, u.Field(i).Type())
		}
	case *types.Array:
		for _, in := range v.Inner {
			setTypes(m, in, u.Elem())
		}
	}
}

// A Scalar is one value of an ABI0 frame that a single load or store
// moves: a pointer, an integer, a float, or one word of a string, slice
// or interface.
type Scalar struct {
	// Var is the variable, with its FP name, offset and size.
	Var *Var
	// Float reports whether the value is floating-point (a float, or a
	// part of a complex number): it belongs in a floating-point register.
	Float bool
	// Signed reports whether the value is a signed integer, so that a
	// load narrower than a register should sign-extend it.
	Signed bool
}

// Scalars returns the scalars of f in frame order, parameters first. Each
// is a leaf of the tree of Vars, except that a float64 stays whole on
// 32-bit arches (the floating-point unit moves it at once; its x_lo and
// x_hi halves are left out). Values of size zero have none. sig must be
// the signature f was built from.
func (f *Frame) Scalars(sig *types.Signature) []Scalar {
	typ := f.Types(sig)
	var out []Scalar
	var walk func(v *Var)
	walk = func(v *Var) {
		if v.Size == 0 {
			return
		}
		t, typed := typ[v]
		switch {
		case typed && isBasic(t, types.IsFloat):
			out = append(out, Scalar{Var: v, Float: true})
		case typed && isBasic(t, types.IsComplex):
			for _, in := range v.Inner {
				out = append(out, Scalar{Var: in, Float: true})
			}
		case len(v.Inner) > 0:
			for _, in := range v.Inner {
				walk(in)
			}
		default:
			signed := typed && isBasic(t, types.IsInteger) && !isBasic(t, types.IsUnsigned)
			out = append(out, Scalar{Var: v, Signed: signed})
		}
	}
	for _, v := range append(append([]*Var{}, f.Params...), f.Results...) {
		walk(v)
	}
	return out
}

// isBasic reports whether t is a basic type with all the given info bits.
func isBasic(t types.Type, info types.BasicInfo) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&info == info
}

// A Gap is a run of padding bytes in a frame: bytes that no parameter,
// result or component of one covers.
type Gap struct {
	// Offset is the offset of the first byte from 0(FP).
	Offset int
	// Size is the number of bytes.
	Size int
	// In is the struct or array whose padding the gap is, or nil for a
	// gap between parameters and results (alignment, or the rounding of
	// the results' offset to MaxAlign).
	In *Var
}

// Padding returns the gaps of f in offset order.
func (f *Frame) Padding() []Gap {
	var gaps []Gap
	for off := 0; off < f.ArgSize; off++ {
		v := f.At(off)
		if v != nil && len(v.Inner) == 0 {
			continue
		}
		if n := len(gaps); n > 0 && gaps[n-1].Offset+gaps[n-1].Size == off && gaps[n-1].In == v {
			gaps[n-1].Size++
			continue
		}
		gaps = append(gaps, Gap{Offset: off, Size: 1, In: v})
	}
	return gaps
}
