package frame

import (
	"encoding/binary"
	"unsafe"
)

// A strTable is a read-only map from strings to values, for the lookups
// lowering makes for every instruction (its mnemonic, its registers): an
// open-addressing table several times faster than a Go map for the short
// keys of mnemonics and register names.
//
// A key of at most 8 bytes is identified by its length and a word that
// holds all its bytes (strWord), so that looking it up hashes and compares
// one integer; longer keys also compare the strings.
type strTable[V any] struct {
	slots []strSlot
	keys  []string // the keys longer than 8 bytes, by slot
	vals  []V
	mask  uint32

	hasEmpty bool
	empty    V
}

// A strSlot is one slot of a strTable: n is the key's length, 0 for an
// empty slot (the key "" is held apart).
type strSlot struct {
	w uint64
	n int
}

// strWord returns a word made of the bytes of s (at most its first 8
// and its last 8): for 1 ≤ len(s) ≤ 8 different strings of one length
// give different words.
func strWord(s string) uint64 {
	n := len(s)
	b := unsafe.Slice(unsafe.StringData(s), n) // read only
	switch {
	case n >= 8:
		return binary.LittleEndian.Uint64(b)
	case n >= 4:
		// The first four and the last four bytes (overlapping).
		return uint64(binary.LittleEndian.Uint32(b)) | uint64(binary.LittleEndian.Uint32(b[n-4:]))<<32
	case n > 0:
		return uint64(b[0]) | uint64(b[n>>1])<<8 | uint64(b[n-1])<<16
	}
	return 0
}

// strHash hashes a key from its word and length; keys longer than 8
// bytes also mix in the rest of their bytes (FNV-1a).
func strHash(s string, w uint64) uint32 {
	h := (w ^ uint64(len(s))<<56) * 0x9e3779b97f4a7c15
	if len(s) > 8 {
		f := uint64(14695981039346656037)
		for i := 8; i < len(s); i++ {
			f = (f ^ uint64(s[i])) * 1099511628211
		}
		h = (h ^ f) * 0x9e3779b97f4a7c15
	}
	return uint32(h >> 32)
}

// newStrTable returns a table holding the entries of m.
func newStrTable[V any](m map[string]V) *strTable[V] {
	size := 8
	for size < 2*len(m) {
		size *= 2
	}
	t := &strTable[V]{slots: make([]strSlot, size), keys: make([]string, size), vals: make([]V, size), mask: uint32(size - 1)}
	for k, v := range m {
		if k == "" {
			t.hasEmpty, t.empty = true, v
			continue
		}
		w := strWord(k)
		i := strHash(k, w) & t.mask
		for t.slots[i].n != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i], t.keys[i], t.vals[i] = strSlot{w, len(k)}, k, v
	}
	return t
}

// get returns the value of key s, and whether there is one.
func (t *strTable[V]) get(s string) (V, bool) {
	n := len(s)
	if n == 0 {
		return t.empty, t.hasEmpty
	}
	w := strWord(s)
	for i := strHash(s, w) & t.mask; ; i = (i + 1) & t.mask {
		sl := &t.slots[i]
		if sl.w == w && sl.n == n && (n <= 8 || t.keys[i] == s) {
			return t.vals[i], true
		}
		if sl.n == 0 {
			var zero V
			return zero, false
		}
	}
}

// regGet is t.get, written out for the RegRef tables lowering looks
// register names up in for every operand (the generic method is not
// inlined).
func regGet(t *strTable[RegRef], s string) (RegRef, bool) {
	n := len(s)
	if n == 0 {
		return t.empty, t.hasEmpty
	}
	w := strWord(s)
	for i := strHash(s, w) & t.mask; ; i = (i + 1) & t.mask {
		sl := &t.slots[i]
		if sl.w == w && sl.n == n && (n <= 8 || t.keys[i] == s) {
			return t.vals[i], true
		}
		if sl.n == 0 {
			return RegRef{}, false
		}
	}
}

// opGet is t.get for the table of an Arch's mnemonics, written out like
// regGet.
func opGet(t *strTable[*opEntry], s string) *opEntry {
	n := len(s)
	if n == 0 {
		return t.empty
	}
	w := strWord(s)
	for i := strHash(s, w) & t.mask; ; i = (i + 1) & t.mask {
		sl := &t.slots[i]
		if sl.w == w && sl.n == n && (n <= 8 || t.keys[i] == s) {
			return t.vals[i]
		}
		if sl.n == 0 {
			return nil
		}
	}
}
