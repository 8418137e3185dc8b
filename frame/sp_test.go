package frame

import "testing"

// TestSPSolver checks the SP states the solver computes on small
// functions: deltas, tracked parts, skew, alignment residues and joins.
func TestSPSolver(t *testing.T) {
	tests := []struct {
		arch, src string
		at        int // instruction index
		want      SPState
	}{
		// amd64: PUSHQ is tracked (FP follows), SUBQ is not.
		{"amd64", "PUSHQ AX\n\tSUBQ $16, SP\n\tNOP\n\tRET", 2,
			SPState{Known: true, Delta: -24, Tracked: -8, Align: 8, FPStale: true}},
		{"amd64", "PUSHQ AX\n\tPOPQ AX\n\tRET", 2, SPState{Known: true, Align: 8}},
		// ANDQ $~15 forgets the delta but knows the residue.
		{"amd64", "ANDQ $~15, SP\n\tPUSHQ AX\n\tRET", 2, SPState{Align: 16, Mod: 8}},
		{"amd64", "MOVQ AX, SP\n\tRET", 1, SPState{}},
		// arm64: ADD/SUB are tracked, but FP does not follow.
		{"arm64", "SUB $16, RSP\n\tRET", 1, SPState{Known: true, Delta: -16, Tracked: -16, Align: 16, FPStale: true}},
		{"arm64", "MOVD.W R0, -8(RSP)\n\tRET", 1, SPState{Known: true, Delta: -8, Align: 16, Mod: 8, FPStale: true}},
		// Paths joining with different deltas.
		{"amd64", "CMPQ AX, $0\n\tJEQ l\n\tPUSHQ AX\nl:\n\tRET", 3, SPState{Align: 8, Conflict: true}},
		{"arm64", "CMP $0, R0\n\tBEQ l\n\tSUB $16, RSP\n\tADD $16, RSP\nl:\n\tRET", 4, SPState{Known: true, Align: 16}},
	}
	for _, tt := range tests {
		fn := lowerSrc(t, tt.arch, "TEXT ·f(SB), 4, $0-0\n\t"+tt.src+"\n")[0]
		sol := fn.SP()
		if got := sol.In[tt.at]; got != tt.want {
			t.Errorf("%s %q at %d:\n got %+v\nwant %+v", tt.arch, tt.src, tt.at, got, tt.want)
		}
	}
}

// TestSPAligned checks the alignment query.
func TestSPAligned(t *testing.T) {
	for _, tt := range []struct {
		s       SPState
		n       int64
		yes, no bool
	}{
		{SPState{Align: 16}, 16, true, false},
		{SPState{Align: 16, Mod: 8}, 16, false, true},
		{SPState{Align: 8}, 16, false, false},
		{SPState{Align: 8, Mod: 4}, 16, false, true},
		{SPState{}, 16, false, false},
	} {
		if yes, no := tt.s.Aligned(tt.n); yes != tt.yes || no != tt.no {
			t.Errorf("%+v.Aligned(%d) = %v, %v", tt.s, tt.n, yes, no)
		}
	}
}
