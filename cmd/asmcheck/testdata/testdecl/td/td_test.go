package td

import "testing"

// add is the assembly version of Add, declared for the test only.
func add(a, b int64) int64

func TestAdd(t *testing.T) {
	if add(1, 2) != Add(1, 2) {
		t.Fatal("add")
	}
}
