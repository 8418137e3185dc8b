package frame

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

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
			SPState{Known: true, Delta: -24, Tracked: -8, Align: 8, FPStale: true, SameStack: true}},
		{"amd64", "PUSHQ AX\n\tPOPQ AX\n\tRET", 2, SPState{Known: true, Align: 8, SameStack: true}},
		// ANDQ $~15 forgets the delta but knows the residue, and that it
		// lowered SP by 0 to 15 bytes.
		{"amd64", "ANDQ $~15, SP\n\tPUSHQ AX\n\tRET", 2, SPState{Align: 16, Mod: 8, SameStack: true, Bounded: true, Lo: -23, Hi: -8}},
		{"amd64", "ADDQ $2048, SP\n\tANDQ $~31, SP\n\tRET", 2, SPState{Align: 32, SameStack: true, Bounded: true, Lo: 2017, Hi: 2048}},
		{"amd64", "ANDQ $~15, SP\n\tANDQ $~31, SP\n\tRET", 2, SPState{Align: 32, SameStack: true, Bounded: true, Lo: -46, Hi: 0}},
		// Bounds survive a join only when equal; an unknown write ends them.
		{"amd64", "ANDQ $~15, SP\n\tCMPQ AX, $0\n\tJEQ l\n\tNOP\nl:\n\tRET", 4, SPState{Align: 16, SameStack: true, Bounded: true, Lo: -15, Hi: 0}},
		{"amd64", "ANDQ $~15, SP\n\tCMPQ AX, $0\n\tJEQ l\n\tSUBQ $16, SP\nl:\n\tRET", 4, SPState{Align: 16, SameStack: true}},
		{"amd64", "ANDQ $~15, SP\n\tMOVQ AX, SP\n\tRET", 2, SPState{}},
		{"amd64", "MOVQ AX, SP\n\tRET", 1, SPState{}},
		// SP realigned through a register computed from SP: the same
		// stack; loaded from memory: another one.
		{"amd64", "MOVQ SP, R12\n\tANDQ $~15, R12\n\tMOVQ R12, SP\n\tRET", 3, SPState{SameStack: true}},
		{"arm64", "MOVD RSP, R1\n\tSUB R2, R1\n\tMOVD R1, RSP\n\tRET", 3, SPState{SameStack: true}},
		{"amd64", "MOVQ 8(AX), SP\n\tRET", 1, SPState{}},
		{"arm64", "MOVD RSP, R1\n\tBL ·g(SB)\n\tMOVD R1, RSP\n\tRET", 3, SPState{}},
		// arm64: ADD/SUB are tracked, but FP does not follow.
		{"arm64", "SUB $16, RSP\n\tRET", 1, SPState{Known: true, Delta: -16, Tracked: -16, Align: 16, FPStale: true, SameStack: true}},
		{"arm64", "MOVD.W R0, -8(RSP)\n\tRET", 1, SPState{Known: true, Delta: -8, Align: 16, Mod: 8, FPStale: true, SameStack: true}},
		// Paths joining with different deltas.
		{"amd64", "CMPQ AX, $0\n\tJEQ l\n\tPUSHQ AX\nl:\n\tRET", 3, SPState{Align: 8, Conflict: true, SameStack: true}},
		{"arm64", "CMP $0, R0\n\tBEQ l\n\tSUB $16, RSP\n\tADD $16, RSP\nl:\n\tRET", 4, SPState{Known: true, Align: 16, SameStack: true}},
	}
	for _, tt := range tests {
		fn := lowerSrc(t, tt.arch, "TEXT ·f(SB), 4, $0-0\n\t"+tt.src+"\n")[0]
		sol := fn.SP()
		got := sol.In[tt.at]
		got.Derived = 0 // register numbering is the arch file's business
		if got != tt.want {
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

// TestSkewAgainstAssembler proves SPState.Skew with the assembler: after
// each sequence of SP changes, a probe x+0(FP) (or a-8(SP)) is assembled
// and its decoded displacement from the current SP, plus the SP delta,
// is where it really points; Skew must be that minus where it should
// point (Layout.Args, or PseudoSP-8).
func TestSkewAgainstAssembler(t *testing.T) {
	cases := map[string][]string{
		"amd64": {"SUBQ $16, SP", "PUSHQ AX", "ADJSP $24", "PUSHQ AX\n\tSUBQ $8, SP", "ADDQ $-8, SP", "LEAQ -16(SP), SP"},
		"arm64": {"SUB $16, RSP", "MOVD.W R0, -16(RSP)", "SUB $32, RSP\n\tADD $16, RSP", "STP.W (R0, R1), -16(RSP)"},
	}
	for arch, moves := range cases {
		t.Run(arch, func(t *testing.T) {
			load, store := "MOVQ x+0(FP), AX", "MOVQ AX, a-8(SP)"
			if arch == "arm64" {
				load, store = "MOVD x+0(FP), R0", "MOVD R0, a-8(SP)"
			}
			var b strings.Builder
			b.WriteString("#include \"textflag.h\"\n")
			for i, mv := range moves {
				for j, probe := range []string{load, store} {
					// UNDEF, not RET: amd64 rejects an unbalanced PUSH at RET.
					fmt.Fprintf(&b, "TEXT ·s%d_%d(SB), NOSPLIT, $16-16\n\t%s\n\t%s\n\tUNDEF\n", i, j, mv, probe)
				}
			}
			src := b.String()
			syms := parseListings(runAsm(t, arch, src, "-S"))
			fns := lowerLayoutSource(t, arch, src)
			for _, fn := range fns {
				_, name, _ := SplitSym(fn.Sym)
				l := syms["x."+name]
				probe := len(fn.Insts) - 2
				st := fn.SP().In[probe]
				lay := fn.Layout()
				want := lay.Args
				if fn.Inst(probe).Mem()[0].Base == BasePseudoSP {
					want = lay.PseudoSP - 8
				}
				disp := probeDisp(t, arch, l)
				if got := disp + st.Delta - want; !st.Known || got != st.Skew(fn.Arch) || st.FPStale != (got != 0) {
					t.Errorf("%s %s: addresses %d past where it should (disp %d, delta %d); model skew %d, %+v",
						arch, strings.ReplaceAll(fn.Stmt(0).Mnemonic(), "\n", "; "), got, disp, st.Delta, st.Skew(fn.Arch), st)
				}
			}
		})
	}
}

// probeDisp returns the SP displacement of the body instruction before
// the last in a listing.
func probeDisp(t *testing.T, arch string, l *symListing) int64 {
	t.Helper()
	var lines []int
	for _, p := range l.progs {
		if p.line != l.text && !slices.Contains(lines, p.line) {
			lines = append(lines, p.line)
		}
	}
	probeLine := lines[len(lines)-2] // the line before UNDEF
	for i, p := range l.progs {
		if p.line != probeLine {
			continue
		}
		end := len(l.code)
		for _, q := range l.progs[i+1:] {
			if q.pc > p.pc {
				end = q.pc
				break
			}
		}
		return spDisp(t, arch, l.code[p.pc:end])
	}
	t.Fatal("no probe")
	return 0
}
