package frame

// A strTable is a read-only map from strings to values, for the lookups
// lowering makes for every instruction (its mnemonic, its registers): an
// open-addressing table with a cheap hash, several times faster than a
// Go map for the short keys of mnemonics and register names.
type strTable[V any] struct {
	keys []string // "" marks an empty slot; the key "" is held apart
	vals []V
	mask uint32

	hasEmpty bool
	empty    V
}

// strHash is FNV-1a.
func strHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h ^ h>>16
}

// newStrTable returns a table holding the entries of m.
func newStrTable[V any](m map[string]V) *strTable[V] {
	size := 8
	for size < 2*len(m) {
		size *= 2
	}
	t := &strTable[V]{keys: make([]string, size), vals: make([]V, size), mask: uint32(size - 1)}
	for k, v := range m {
		if k == "" {
			t.hasEmpty, t.empty = true, v
			continue
		}
		i := strHash(k) & t.mask
		for t.keys[i] != "" {
			i = (i + 1) & t.mask
		}
		t.keys[i], t.vals[i] = k, v
	}
	return t
}

// get returns the value of key s, and whether there is one.
func (t *strTable[V]) get(s string) (V, bool) {
	if s == "" {
		return t.empty, t.hasEmpty
	}
	for i := strHash(s) & t.mask; ; i = (i + 1) & t.mask {
		switch k := t.keys[i]; {
		case k == "":
			var zero V
			return zero, false
		case k == s:
			return t.vals[i], true
		}
	}
}
