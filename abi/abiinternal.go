package abi

import (
	"fmt"
	"go/types"
	"strconv"
)

// RegPiece is one register-assigned component of a parameter or result.
type RegPiece struct {
	// Reg is the Plan 9 name of the register.
	Reg string
	// Name is the component's FP-style name: "x" for a scalar,
	// "s_base"/"s_len" for a string, "p_f_len" for a field, "a_0" for
	// the element of a one-element array, "c_real" for a complex part.
	Name string
	// Offset is the component's offset inside the value's memory layout
	// (and so inside its spill slot).
	Offset int
	// Size is the component's size in bytes.
	Size int
	// Float reports whether Reg is a floating-point register.
	Float bool
}

// ArgAssignment is where ABIInternal passes one parameter or result.
type ArgAssignment struct {
	// Name is the FP-style name of the value (as in Frame).
	Name string
	// Type is its Go type.
	Type types.Type
	// Size is its size in bytes.
	Size int
	// Result reports whether the value is a result.
	Result bool
	// Regs lists its registers, one per non-empty component, or is nil
	// when the value is passed on the stack.
	Regs []RegPiece
	// Offset is the stack offset from the start of the argument area
	// (0(FP) in assembly) when Regs is nil, and -1 otherwise.
	Offset int
	// SpillOffset is the offset of the spill slot the caller reserves for
	// a register-assigned parameter, from the start of the argument area;
	// -1 for stack-assigned values and for results, which have none.
	SpillOffset int
}

// InRegs reports whether the value is passed in registers.
func (a *ArgAssignment) InRegs() bool { return a.Regs != nil }

// Assignment is the ABIInternal assignment of a signature
// (cmd/compile/abi-internal.md; cmd/compile/internal/abi/abiutils.go
// ABIAnalyzeFuncType). The argument area holds, in order: stack-assigned
// parameters, padding to RegSize, stack-assigned results, padding to
// RegSize, the spill slots of register-assigned parameters, padding to
// RegSize.
type Assignment struct {
	// Arch is the architecture.
	Arch *Arch
	// Params are the receiver (for a method) and the parameters.
	Params []*ArgAssignment
	// Results are the results.
	Results []*ArgAssignment
	// SpillOffset is the offset of the spill area.
	SpillOffset int
	// SpillSize is the size of the spill area, rounded to RegSize.
	SpillSize int
	// ArgSize is the whole argument area: SpillOffset + SpillSize. It is
	// the number the compiler prints after the "-" in the TEXT line of an
	// ABIInternal function.
	ArgSize int
}

// Lookup returns the parameter or result called name, or nil.
func (as *Assignment) Lookup(name string) *ArgAssignment {
	for _, a := range as.Params {
		if a.Name == name {
			return a
		}
	}
	for _, a := range as.Results {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// AssignABIInternal computes the ABIInternal assignment of sig on arch.
// It returns an error if arch has no register ABI or if a type has no
// fixed layout.
func AssignABIInternal(sig *types.Signature, arch *Arch) (*Assignment, error) {
	if arch.ABIInternal == nil {
		return nil, fmt.Errorf("%s has no register-based ABIInternal", arch.Name)
	}
	return assign(sig, arch, arch.ABIInternal)
}

// assign runs the assignment algorithm with the registers of regs.
func assign(sig *types.Signature, arch *Arch, regs *RegABI) (*Assignment, error) {
	s := &assignState{arch: arch, regs: regs}
	a := &Assignment{Arch: arch}
	var err error
	if a.Params, err = s.assignList(sigParams(sig), false); err != nil {
		return nil, err
	}
	s.stack = roundUp(s.stack, arch.RegSize)
	s.usedInt, s.usedFloat = 0, 0
	if a.Results, err = s.assignList(tupleVars(sig.Results()), true); err != nil {
		return nil, err
	}
	a.SpillOffset = roundUp(s.stack, arch.RegSize)
	a.SpillSize = roundUp(s.spill, arch.RegSize)
	a.ArgSize = a.SpillOffset + a.SpillSize
	for _, p := range a.Params {
		if p.SpillOffset >= 0 {
			p.SpillOffset += a.SpillOffset
		}
	}
	return a, nil
}

// assignState is the running state of the algorithm: registers used so
// far, and the next free stack and spill offsets (relative to the start
// of the stack arguments and of the spill area).
type assignState struct {
	arch               *Arch
	regs               *RegABI
	usedInt, usedFloat int
	stack, spill       int
}

// assignList assigns a parameter or result list.
func (s *assignState) assignList(vars []*types.Var, result bool) ([]*ArgAssignment, error) {
	out := make([]*ArgAssignment, len(vars))
	for i, v := range vars {
		if err := checkSized(v.Type()); err != nil {
			return nil, fmt.Errorf("%s: %v", paramName(v, i, result), err)
		}
		out[i] = s.assignOne(v.Type(), paramName(v, i, result), result)
	}
	return out, nil
}

// assignOne assigns one value: to registers if it is not empty and all
// of it fits, else to the next stack slot (the register counters are then
// left as they were). A register-assigned parameter gets a spill slot.
func (s *assignState) assignOne(t types.Type, name string, result bool) *ArgAssignment {
	sizes := s.arch.Sizes
	a := &ArgAssignment{
		Name: name, Type: t, Size: int(sizes.Sizeof(t)), Result: result,
		Offset: -1, SpillOffset: -1,
	}
	a.Regs = s.tryRegs(t, name)
	align := int(sizes.Alignof(t))
	switch {
	case a.Regs == nil:
		s.stack = roundUp(s.stack, align)
		a.Offset = s.stack
		s.stack += a.Size
	case !result:
		s.spill = roundUp(s.spill, align)
		a.SpillOffset = s.spill
		s.spill += a.Size
	}
	return a
}

// tryRegs returns the registers of a value of type t, or nil if it must
// go on the stack: it is empty, it contains an array of more than one
// element, or it needs more registers than are left.
func (s *assignState) tryRegs(t types.Type, name string) []RegPiece {
	if s.arch.Sizes.Sizeof(t) == 0 {
		return nil
	}
	parts, ok := s.arch.registerParts(t, name, 0)
	if !ok {
		return nil
	}
	nInt, nFloat := countParts(parts)
	if s.usedInt+nInt > len(s.regs.IntRegs) || s.usedFloat+nFloat > len(s.regs.FloatRegs) {
		return nil
	}
	for i := range parts {
		parts[i].Reg = s.nextReg(parts[i].Float)
	}
	return parts
}

// nextReg takes the next free integer or floating-point register.
func (s *assignState) nextReg(float bool) string {
	if float {
		s.usedFloat++
		return s.regs.FloatRegs[s.usedFloat-1]
	}
	s.usedInt++
	return s.regs.IntRegs[s.usedInt-1]
}

// countParts counts the integer and floating-point components.
func countParts(parts []RegPiece) (nInt, nFloat int) {
	for _, p := range parts {
		if p.Float {
			nFloat++
		} else {
			nInt++
		}
	}
	return nInt, nFloat
}

// registerParts breaks a value of type t at offset off into the base
// values that get one register each (abi-internal.md "Register-assignment";
// abiutils.go allocateRegs). Empty values get none. It reports false if
// t contains an array of more than one element, which is never
// register-assigned (cmd/compile/internal/types/size.go sets its register
// counts to MaxUint8).
func (a *Arch) registerParts(t types.Type, name string, off int) ([]RegPiece, bool) {
	size := int(a.Sizes.Sizeof(t))
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return a.basicParts(u, name, off, size), true
	case *types.Struct:
		return a.structParts(u, name, off)
	case *types.Array:
		return a.arrayParts(u, name, off)
	case *types.Slice:
		return a.wordParts(name, off, "base", "len", "cap"), true
	case *types.Interface:
		if u.Empty() {
			return a.wordParts(name, off, "type", "data"), true
		}
		return a.wordParts(name, off, "itable", "data"), true
	}
	// Pointer, map, chan, func: one integer register.
	return []RegPiece{{Name: name, Offset: off, Size: size}}, true
}

// basicParts splits a basic type: strings into base and length, complex
// numbers into real and imaginary parts, integers wider than a register
// into RegSize pieces.
func (a *Arch) basicParts(u *types.Basic, name string, off, size int) []RegPiece {
	info := u.Info()
	switch {
	case info&types.IsString != 0:
		return a.wordParts(name, off, "base", "len")
	case info&types.IsComplex != 0:
		return []RegPiece{
			{Name: name + "_real", Offset: off, Size: size / 2, Float: true},
			{Name: name + "_imag", Offset: off + size/2, Size: size / 2, Float: true},
		}
	case info&types.IsFloat != 0:
		return []RegPiece{{Name: name, Offset: off, Size: size, Float: true}}
	case size > a.RegSize:
		return a.halfParts(name, off)
	}
	return []RegPiece{{Name: name, Offset: off, Size: size}}
}

// halfParts splits an 8-byte integer on a 32-bit machine into its low
// and high halves, low first (abi-internal.md). No 32-bit arch has a
// register ABI today; this keeps the algorithm total.
func (a *Arch) halfParts(name string, off int) []RegPiece {
	lo, hi := off, off+4
	if a.BigEndian {
		lo, hi = hi, lo
	}
	return []RegPiece{
		{Name: name + "_lo", Offset: lo, Size: 4},
		{Name: name + "_hi", Offset: hi, Size: 4},
	}
}

// wordParts returns pointer-sized components named name_suffix.
func (a *Arch) wordParts(name string, off int, suffixes ...string) []RegPiece {
	parts := make([]RegPiece, len(suffixes))
	for i, suf := range suffixes {
		parts[i] = RegPiece{Name: name + "_" + suf, Offset: off + i*a.PtrSize, Size: a.PtrSize}
	}
	return parts
}

// structParts concatenates the parts of the fields of a struct.
func (a *Arch) structParts(st *types.Struct, name string, off int) ([]RegPiece, bool) {
	fields := make([]*types.Var, st.NumFields())
	for i := range fields {
		fields[i] = st.Field(i)
	}
	offsets := a.Sizes.Offsetsof(fields)
	var parts []RegPiece
	for i, f := range fields {
		sub, ok := a.registerParts(f.Type(), name+"_"+f.Name(), off+int(offsets[i]))
		if !ok {
			return nil, false
		}
		parts = append(parts, sub...)
	}
	return parts, true
}

// arrayParts handles arrays: length 0 has no parts, length 1 has the
// parts of its element, anything longer is not register-assignable.
func (a *Arch) arrayParts(at *types.Array, name string, off int) ([]RegPiece, bool) {
	switch at.Len() {
	case 0:
		return nil, true
	case 1:
		return a.registerParts(at.Elem(), name+"_"+strconv.Itoa(0), off)
	}
	return nil, false
}
