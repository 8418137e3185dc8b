package analyzer

import "testing"

func TestSPSlot(t *testing.T) { runArches(t, SPSlot, "spslot", "amd64", "arm64") }
func TestCallArgs(t *testing.T) {
	runArches(t, CallArgs, "callargs", "amd64", "arm64")
	runTarget(t, CallArgs, "callargswin", "windows", "amd64")
}
func TestSPBalance(t *testing.T) { runArches(t, SPBalance, "spbalance", "amd64", "arm64") }
func TestSPAlign(t *testing.T)   { runArches(t, SPAlign, "spalign", "amd64", "arm64") }
func TestFPStale(t *testing.T)   { runArches(t, FPStale, "fpstale", "amd64", "arm64") }
func TestStackMap(t *testing.T)  { runArches(t, StackMap, "stackmap", "amd64", "arm64") }
func TestSPWrite(t *testing.T)   { runArches(t, SPWrite, "spwrite", "amd64", "arm64") }

// TestSPMovedWords checks the words the stack checks use for SP's moves:
// down where the stack grows, up past it, and both at a join.
func TestSPMovedWords(t *testing.T) {
	for _, c := range []struct {
		delta int64
		want  string
	}{{-16, "moved down by 16 bytes"}, {8, "moved up by 8 bytes"}, {0, "not moved"}} {
		if got := spMoved(c.delta); got != c.want {
			t.Errorf("spMoved(%d) = %q, want %q", c.delta, got, c.want)
		}
	}
	for _, c := range []struct {
		deltas []int64
		want   string
	}{
		{[]int64{0, -16}, "SP moved down by 0 and 16 bytes"},
		{[]int64{-8, -24, 0}, "SP moved down by 0 and 8 and 24 bytes"},
		{[]int64{8, 0}, "SP moved up by 0 and 8 bytes"},
		{[]int64{8, -8}, "SP moved down by 8 bytes and moved up by 8 bytes"},
	} {
		set := map[int64]bool{}
		for _, d := range c.deltas {
			set[d] = true
		}
		if got := deltaList(set); got != c.want {
			t.Errorf("deltaList(%v) = %q, want %q", c.deltas, got, c.want)
		}
	}
}
