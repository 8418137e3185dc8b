package frame

import (
	"fmt"
	"testing"
)

func TestStrTable(t *testing.T) {
	m := map[string]int{"": -1}
	for i := range 2000 {
		m[fmt.Sprintf("R%d", i)] = i
		m[fmt.Sprintf("VPXOR%dQ", i)] = i + 10000
		m[fmt.Sprintf("A%09dZ", i)] = i + 20000 // longer than 8, shared prefix
	}
	tab := newStrTable(m)
	for k, v := range m {
		if got, ok := tab.get(k); !ok || got != v {
			t.Errorf("get(%q) = %d, %v; want %d", k, got, ok, v)
		}
	}
	for _, k := range []string{"R", "R20000", "VPXORQ", "A000000001", "A000000001Y", "A0000000010Z", "x", "\x00", "R1\x00"} {
		if got, ok := tab.get(k); ok {
			t.Errorf("get(%q) = %d, true; want none", k, got)
		}
	}
	if got, ok := newStrTable(map[string]int{"a": 1}).get(""); ok {
		t.Errorf(`get("") = %d, true in a table without ""`, got)
	}
}
