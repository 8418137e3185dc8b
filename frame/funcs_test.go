package frame

import (
	"fmt"
	"slices"
	"testing"
)

// TestFuncsTargets checks labels (sorted per function, the first of
// duplicates wins), n(PC) targets across DATA (which emits no Prog), the
// CFG built for all functions of a file at once, and the Reached slice
// Forward shares between problems.
func TestFuncsTargets(t *testing.T) {
	fns := lowerSrc(t, "amd64", `
TEXT ·a(SB), 0, $0-0
b:
	JMP z
z:
	NOP
b:
	JMP b
	DATA x<>+0(SB)/8, $1
	JMP -1(PC)
	JMP 2(PC)
	UNDEF
	RET
	JMP nowhere
TEXT ·b(SB), 0, $0-0
z:
	JMP 3(PC)
	RET
	NOP
	RET
`)
	if len(fns) != 2 {
		t.Fatalf("got %d funcs", len(fns))
	}
	a, b := fns[0], fns[1]
	for _, tc := range []struct {
		fn   *Func
		name string
		want int
		ok   bool
	}{
		{a, "b", 0, true}, {a, "z", 1, true}, {a, "nowhere", 0, false}, {b, "z", 0, true}, {b, "b", 0, false},
	} {
		if got, ok := tc.fn.Label(tc.name); got != tc.want || ok != tc.ok {
			t.Errorf("%s.Label(%q) = %d, %v; want %d, %v", tc.fn.Name, tc.name, got, ok, tc.want, tc.ok)
		}
	}
	targets := func(fn *Func) []string {
		var out []string
		for i := range fn.Insts {
			if j, ok := fn.TargetOf(i); ok {
				out = append(out, fmt.Sprintf("%d->%d", i, j))
			}
		}
		return out
	}
	// a: 0 JMP z, 1 NOP, 2 JMP b, 3 DATA, 4 JMP -1(PC) (to 2: DATA is
	// not counted), 5 JMP 2(PC) (to 7), 6 UNDEF, 7 RET, 8 JMP nowhere.
	if got, want := targets(a), []string{"0->1", "2->0", "4->2", "5->7"}; !slices.Equal(got, want) {
		t.Errorf("a targets %v, want %v", got, want)
	}
	if got, want := targets(b), []string{"0->3"}; !slices.Equal(got, want) {
		t.Errorf("b targets %v, want %v", got, want)
	}
	cfg := func(fn *Func) string {
		s := ""
		for _, bl := range fn.CFG().Blocks {
			s += fmt.Sprintf("[%d,%d)", bl.Start, bl.End)
			for _, x := range bl.Succs {
				s += fmt.Sprintf(">%d", x.Index)
			}
			for _, x := range bl.Preds {
				s += fmt.Sprintf("<%d", x.Index)
			}
			s += " "
		}
		return s + fmt.Sprint(fn.CFG().BadTargets)
	}
	if got, want := cfg(a), "[0,1)>1<2 [1,2)>2<0 [2,3)>0<1<3 [3,5)>2 [5,6)>6 [6,7) [7,8)<4 [8,9) [8]"; got != want {
		t.Errorf("a CFG %s, want %s", got, want)
	}
	if got, want := cfg(b), "[0,1)>3 [1,2) [2,3)>3 [3,4)<0<2 []"; got != want {
		t.Errorf("b CFG %s, want %s", got, want)
	}
	sol1 := Forward(a, SPProblem(a.Arch))
	sol2 := Forward(a, Problem[bool]{Join: func(x, y bool) bool { return x || y }, Equal: func(x, y bool) bool { return x == y }, Transfer: func(int, Inst, bool) bool { return true }})
	want := []bool{true, true, true, false, false, false, false, false, false}
	if !slices.Equal(sol1.Reached, want) || !slices.Equal(sol2.Reached, want) {
		t.Errorf("Reached %v and %v, want %v", sol1.Reached, sol2.Reached, want)
	}
	for i, want := range []bool{true, true, true, false, false, false, false, false} {
		if got := a.BlockReachable(i); got != want {
			t.Errorf("BlockReachable(%d) = %v, want %v", i, got, want)
		}
	}
}
