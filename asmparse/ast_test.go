package asmparse

import "testing"

// TestExtCodes checks that extCodeOf and extNames agree, so that Ext
// returns every suffix as written.
func TestExtCodes(t *testing.T) {
	for i, name := range extNames {
		if got := extCodeOf(name); got != uint8(i) {
			t.Errorf("extCodeOf(%q) = %d, want %d", name, got, i)
		}
	}
	for _, name := range []string{"B32", "W", "V", "4S", "b16", "UXT", "-B16"} {
		if got := extCodeOf(name); got != 0 {
			t.Errorf("extCodeOf(%q) = %d, want 0", name, got)
		}
	}
}
