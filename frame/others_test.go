package frame

import (
	"fmt"
	"go/build/constraint"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/asmcheck/asmcheck/asmparse"
)

// The tests in this file cover the arches of arm.go, ppc64.go, riscv64.go,
// s390x.go, mips.go, loong64.go and wasm.go.

var otherArches = []string{"arm", "ppc64", "ppc64le", "riscv64", "s390x", "mips", "mipsle",
	"mips64", "mips64le", "loong64", "wasm"}

// jumpOps lists, per arch, the mnemonics cmd/asm treats as branches
// (cmd/asm/internal/arch: jumpArm, jumpPPC64, jumpMIPS, jumpRISCV,
// jumpS390x, jumpLoong64, jumpWasm), plus the returns and the other
// instructions that change control flow. Every one must be Known and
// have a Flow other than FlowNext.
var jumpOps = map[string][]string{
	"arm": {"B", "BL", "BX", "BEQ", "BNE", "BCS", "BHS", "BCC", "BLO", "BMI", "BPL", "BVS", "BVC",
		"BHI", "BLS", "BGE", "BLT", "BGT", "BLE", "CALL", "JMP", "RET", "UNDEF", "RFE"},
	"ppc64": {"BC", "BCL", "BEQ", "BGE", "BGT", "BL", "BLE", "BLT", "BNE", "BR", "BVC", "BVS",
		"BDNZ", "BDZ", "CALL", "JMP", "RET", "UNDEF"},
	"mips": {"BEQ", "BFPF", "BFPT", "BGEZ", "BGEZAL", "BGTZ", "BLEZ", "BLTZ", "BLTZAL", "BNE",
		"JMP", "JAL", "CALL", "RET", "UNDEF"},
	"riscv64": {"BEQ", "BEQZ", "BGE", "BGEU", "BGEZ", "BGT", "BGTU", "BGTZ", "BLE", "BLEU", "BLEZ",
		"BLT", "BLTU", "BLTZ", "BNE", "BNEZ", "CALL", "CBEQZ", "CBNEZ", "CJ", "CJALR", "CJR",
		"JAL", "JALR", "JMP", "RET", "UNDEF"},
	"s390x": {"BRC", "BC", "BCL", "BEQ", "BGE", "BGT", "BL", "BLE", "BLEU", "BLT", "BLTU", "BNE",
		"BR", "BVC", "BVS", "BRCT", "BRCTG", "CMPBEQ", "CMPBGE", "CMPBGT", "CMPBLE", "CMPBLT",
		"CMPBNE", "CMPUBEQ", "CMPUBGE", "CMPUBGT", "CMPUBLE", "CMPUBLT", "CMPUBNE", "CRJ", "CGRJ",
		"CLRJ", "CLGRJ", "CIJ", "CGIJ", "CLIJ", "CLGIJ", "CALL", "JMP", "RET", "UNDEF"},
	"loong64": {"BEQ", "BFPF", "BFPT", "BLTZ", "BGEZ", "BLEZ", "BGTZ", "BLT", "BLTU", "JIRL",
		"BNE", "BGE", "BGEU", "JMP", "JAL", "CALL", "RET", "UNDEF"},
	"wasm": {"JMP", "CALL", "Call", "Br", "BrIf", "RET", "Return", "RETUNWIND", "CALLNORESUME", "UNDEF"},
}

// family returns the key of arch in jumpOps and noAccessOps.
func family(arch string) string {
	switch arch {
	case "ppc64le":
		return "ppc64"
	case "mipsle", "mips64", "mips64le":
		return "mips"
	}
	return arch
}

// noAccessOps are the instructions whose memory operand names memory
// without loading or storing it (cache and prefetch hints, address
// computations written as memory operands).
var noAccessOps = map[string][]string{
	"arm":     {"PLD"},
	"ppc64":   {"DCBF", "DCBST", "DCBT", "DCBTST", "ICBI", "LVSL", "LVSR"},
	"s390x":   {"LA", "LAY"},
	"mips":    {"BREAK"},
	"loong64": {"PRELD", "PRELDX"},
}

// knownGOARCH lists every GOARCH that go/build knows (go/build/syslist.go
// knownArch), including ones Go no longer supports.
var knownGOARCH = []string{"386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be",
	"loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc",
	"ppc64", "ppc64le", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm"}

// buildAdmits reports whether the //go:build line of src (if any) can hold
// for GOARCH=arch. Unlike asmparse.FileArches, it knows the GOARCH values
// Go no longer supports (amd64p32 …), which are false for every arch we
// test instead of being free tags.
func buildAdmits(src []byte, arch string) bool {
	var expr constraint.Expr
	for _, line := range strings.Split(string(src), "\n") {
		if constraint.IsGoBuild(line) {
			expr, _ = constraint.Parse(line)
			break
		}
	}
	if expr == nil {
		return true
	}
	var free []string
	expr.Eval(func(tag string) bool {
		if !slices.Contains(knownGOARCH, tag) && !slices.Contains(free, tag) {
			free = append(free, tag)
		}
		return false
	})
	for bits := 0; bits < 1<<min(len(free), 10); bits++ {
		if expr.Eval(func(tag string) bool {
			if slices.Contains(knownGOARCH, tag) {
				return tag == arch
			}
			i := slices.Index(free, tag)
			return i >= 0 && i < 10 && bits&(1<<i) != 0
		}) {
			return true
		}
	}
	return false
}

type corpusFile struct {
	path, rel string
	src       []byte
	arches    []string
}

var (
	corpusOnce sync.Once
	corpus     []corpusFile
)

// loadCorpus reads every .s file under GOROOT/src that one of our arches
// assembles, with the arches it is assembled for.
func loadCorpus(t *testing.T) []corpusFile {
	root := filepath.Join(runtime.GOROOT(), "src")
	if _, err := os.Stat(root); err != nil {
		t.Skip("no GOROOT source")
	}
	corpusOnce.Do(func() {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".s") {
				return nil
			}
			rel, _ := filepath.Rel(root, path)
			src, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			var arches []string
			for _, a := range corpusFileArches(rel, src) {
				if slices.Contains(otherArches, a) {
					arches = append(arches, a)
				}
			}
			if len(arches) > 0 {
				corpus = append(corpus, corpusFile{path, rel, src, arches})
			}
			return nil
		})
	})
	return corpus
}

// corpusFileArches returns the arches a GOROOT file is assembled for. The
// cmd/asm encoder tests are named after their arch; files made to fail
// (*error.s, riscv64validation.s, go/build's bads) are left out.
func corpusFileArches(rel string, src []byte) []string {
	base := filepath.Base(rel)
	if strings.HasSuffix(base, "error.s") || base == "riscv64validation.s" || strings.Contains(rel, "/bads/") || strings.Contains(rel, "/avx512enc/") {
		return nil
	}
	if strings.HasPrefix(rel, "cmd/asm/internal/asm/testdata/") {
		best := ""
		for _, a := range asmparse.Arches {
			if strings.HasPrefix(base, a) && len(a) > len(best) {
				best = a
			}
		}
		if best != "" {
			return []string{best}
		}
	}
	var out []string
	for _, a := range asmparse.FileArches(rel, src) {
		if buildAdmits(src, a) {
			out = append(out, a)
		}
	}
	return out
}

// TestOtherArchCoverage lowers every statement of every GOROOT .s file of
// each arch and requires every branch, call and return, and every load and
// store, to be Known; it logs how many statements the table knows.
func TestOtherArchCoverage(t *testing.T) {
	files := loadCorpus(t)
	inc := &asmparse.DirIncluder{Virtual: map[string][]byte{"go_asm.h": nil}}
	for _, arch := range otherArches {
		t.Run(arch, func(t *testing.T) {
			a := ArchFor(arch)
			if a == nil {
				t.Fatalf("no Arch for %s", arch)
			}
			var st coverStats
			for _, cf := range files {
				if !slices.Contains(cf.arches, arch) {
					continue
				}
				fset := token.NewFileSet()
				f, _ := asmparse.ParseFile(fset, cf.path, cf.src, &asmparse.Config{GOARCH: arch, Includer: inc})
				st.file(t, a, fset, f)
			}
			t.Logf("%s: %d files, %d/%d instructions known (%.1f%%; %.1f%% without the %d data directives); %d/%d control flow, %d/%d loads and stores known; %d memory operands of unknown size",
				arch, st.files, st.known, st.total, 100*float64(st.known)/float64(max(st.total, 1)),
				100*float64(st.known)/float64(max(st.total-st.data, 1)), st.data,
				st.flowKnown, st.flow, st.memKnown, st.mem, st.unsized)
			t.Logf("%s: most frequent unknown:%s", arch, st.topUnknown(12))
		})
	}
}

type coverStats struct {
	files, total, known, flow, flowKnown, mem, memKnown, unsized, data int
	reported                                                           map[string]bool
	unknown                                                            map[string]int
}

// topUnknown returns the n most frequent unknown mnemonics with counts.
func (st *coverStats) topUnknown(n int) string {
	var ops []string
	for op := range st.unknown {
		ops = append(ops, op)
	}
	slices.SortFunc(ops, func(a, b string) int { return st.unknown[b] - st.unknown[a] })
	var b strings.Builder
	for i, op := range ops {
		if i == n {
			break
		}
		fmt.Fprintf(&b, " %s:%d", op, st.unknown[op])
	}
	return b.String()
}

func (st *coverStats) file(t *testing.T, a *Arch, fset *token.FileSet, f *asmparse.File) {
	st.files++
	jumps, hints := jumpOps[family(a.Name)], noAccessOps[family(a.Name)]
	for i := range f.Stmts {
		s := &f.Stmts[i]
		if s.Bad {
			continue
		}
		e := a.Lower(s, i)
		if e.Pseudo != NotPseudo {
			continue
		}
		st.total++
		if e.Attrs&AttrData != 0 {
			st.data++
		}
		if e.Known {
			st.known++
		} else {
			if st.unknown == nil {
				st.unknown = map[string]int{}
			}
			st.unknown[s.Op]++
		}
		isJump := slices.Contains(jumps, s.Op)
		if isJump {
			st.flow++
			// A branch that is never taken (s390x mask 0) may fall through.
			if e.Known && (e.Flow != FlowNext || e.Target().IsZero()) {
				st.flowKnown++
			} else {
				st.report(t, fset, s, "control flow not known")
			}
			continue
		}
		if !hasMemOperand(s) || e.Attrs&AttrData != 0 {
			continue
		}
		st.mem++
		if !e.Known {
			st.report(t, fset, s, "load/store not known")
			continue
		}
		st.memKnown++
		for _, m := range e.Mem() {
			if m.Addr || m.Arg < 0 || s.Args[m.Arg].Kind != asmparse.MemOp {
				continue
			}
			if !m.Read && !m.Write && !slices.Contains(hints, s.Op) {
				st.report(t, fset, s, "memory operand neither read nor written")
			}
			if m.Size == 0 && (m.Read || m.Write) {
				st.unsized++
			}
		}
	}
}

// report fails the test once per mnemonic and operand count.
func (st *coverStats) report(t *testing.T, fset *token.FileSet, s *asmparse.Stmt, what string) {
	key := what + s.Mnemonic() + string(rune('0'+len(s.Args)))
	if st.reported == nil {
		st.reported = map[string]bool{}
	}
	if st.reported[key] {
		return
	}
	st.reported[key] = true
	var args []string
	for _, a := range s.Args {
		args = append(args, a.Text)
	}
	t.Errorf("%s: %s: %s %s", fset.Position(s.Pos), what, s.Mnemonic(), strings.Join(args, ", "))
}

// hasMemOperand reports whether s has an operand that addresses memory
// (not n(PC), which is a branch target).
func hasMemOperand(s *asmparse.Stmt) bool {
	for _, a := range s.Args {
		if a.Kind == asmparse.MemOp && a.Reg() != "PC" {
			return true
		}
	}
	return false
}

// describe summarizes an Effect for TestOtherArchEffects: flow and target,
// SP change, memory operands and the registers read and written.
func describe(a *Arch, e Inst) string {
	var b strings.Builder
	b.WriteString(e.String())
	if e.Target().Reg != NoReg {
		fmt.Fprintf(&b, " via=%s", a.Regs.Name(e.Target().Reg))
	}
	if e.SP.Tracked {
		b.WriteString(" tracked")
	}
	if e.SP.SPWrite {
		b.WriteString(" spwrite")
	}
	for _, m := range e.Mem() {
		rw := ""
		if m.Read {
			rw += "r"
		}
		if m.Write {
			rw += "w"
		}
		if m.Addr {
			rw += "a"
		}
		fmt.Fprintf(&b, " mem(%s%+d/%d%s", m.Base, m.Off, m.Size, rw)
		if m.WBDelta != 0 {
			fmt.Fprintf(&b, " wb%+d", m.WBDelta)
			if m.PreWB {
				b.WriteString(" pre")
			}
		}
		if m.Index != NoReg {
			fmt.Fprintf(&b, " idx=%s", a.Regs.Name(m.Index))
		}
		b.WriteString(")")
	}
	regs := func(tag string, refs []RegRef) {
		if len(refs) == 0 {
			return
		}
		var names []string
		for _, r := range refs {
			n := a.Regs.Name(r.Reg)
			if r.Size != 0 {
				n += fmt.Sprintf("[%d:%d]", r.Off, r.Off+r.Size)
			}
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		fmt.Fprintf(&b, " %s=%s", tag, strings.Join(names, ","))
	}
	regs("r", e.Reads())
	regs("w", e.Writes())
	if e.Attrs&AttrSyscall != 0 {
		b.WriteString(" syscall")
	}
	if e.Attrs&AttrData != 0 {
		b.WriteString(" data")
	}
	return b.String()
}

// TestOtherArchEffects pins the lowering of forms whose effects the
// assembler's listing does not show: write-back amounts, register pairs
// and lists, the registers of aliases, conditional control flow.
func TestOtherArchEffects(t *testing.T) {
	tests := []struct{ arch, src, want string }{
		// arm: .W/.P/.U, MOVM placement, conditions, writes of PC, SP tracking.
		{"arm", "MOVW.W R1, -4(R13)", "MOVW.W sp=1/-4/0 tracked mem(SP-4/4w wb-4 pre) r=R1,R13 w=R13"},
		{"arm", "MOVW.P 4(R13), R1", "MOVW.P sp=1/4/0 tracked mem(SP+0/4r wb+4) r=R13 w=R13,R1"},
		{"arm", "MOVB.W R1, -1(R13)", "MOVB.W sp=1/-1/0 mem(SP-1/1w wb-1 pre) r=R1[0:1],R13 w=R13"},
		{"arm", "MOVW.U 8(R2), R3", "MOVW.U mem(reg-8/4r) r=R2 w=R3"},
		{"arm", "MOVM.DB.W [R0-R3], (R13)", "MOVM.DB.W sp=1/-16/0 mem(SP-16/16w wb-16) r=R0,R1,R2,R3,R13 w=R13"},
		{"arm", "MOVM.IA.W (R13), [R4,R5,R15]", "MOVM.IA.W flow=indirect(indirect) sp=1/12/0 via=R15 mem(SP+0/12r wb+12) r=R13 w=R4,R5,R15,R13"},
		{"arm", "MOVM.IB [R4,R5], (R6)", "MOVM.IB mem(reg+4/8w) r=R4,R5,R6"},
		{"arm", "MOVW $-8(R13), R13", "MOVW sp=1/-8/0 tracked mem(SP-8/0a) r=R13 w=R13"},
		{"arm", "B.NE done", "B.NE flow=condjump(done)"},
		{"arm", "BL.EQ ·g(SB)", "BL.EQ flow=call(·g) w=R14"},
		{"arm", "B (R14)", "B flow=return(indirect) via=R14 r=R14"},
		{"arm", "MOVW R14, R15", "MOVW flow=return(indirect) via=R14 r=R14 w=R15"},
		{"arm", "BX (R2)", "BX flow=call(indirect) via=R2 r=R2 w=R14,R11"},
		{"arm", "LDREXD (R1), R2", "LDREXD mem(reg+0/8r) r=R1 w=R2,R3"},
		{"arm", "MOVF F1, 4(R2)", "MOVF mem(reg+4/4w) r=F1[0:4],R2"},
		{"arm", "SWI $0", "SWI w=R0 syscall"},
		{"arm", "WORD $1", "WORD [unknown] data"},
		// ppc64: aliases, update forms, BC decoding, returns through LR.
		{"ppc64", "MOVDU R3, -16(R1)", "MOVDU sp=1/-16/0 tracked mem(SP-16/8w wb-16 pre) r=R3,R1 w=R1"},
		{"ppc64", "MOVWZU 4(R3)(R4), R5", "MOVWZU mem(reg+4/4r idx=R4) r=R4,R3 w=R5[0:4],R3"},
		{"ppc64", "LXVD2X (R3+R4), VS33", "LXVD2X mem(reg+0/16r idx=R4) r=R3,R4 w=VS33"},
		{"ppc64", "FMOVD F1, 8(R3)", "FMOVD mem(reg+8/8w) r=VS1[0:8],R3"},
		{"ppc64", "MOVD V1, R3", "MOVD r=VS33[0:8] w=R3"},
		{"ppc64", "BC 16, 0, done", "BC flow=condjump(done) r=CTR w=CTR"},
		{"ppc64", "BC 20, 0, LR", "BC flow=return(indirect) via=LR r=LR"},
		{"ppc64", "BEQ CR1, LR", "BEQ flow=condjump(indirect) via=LR r=CR[1:2],LR"},
		{"ppc64", "BR (CTR)", "BR flow=indirect(indirect) via=CTR r=CTR"},
		{"ppc64", "BCL 20, 31, 1(PC)", "BCL flow=call(1(PC)) w=LR"},
		{"ppc64", "BC 12, 6, done", "BC flow=condjump(done) r=CR[1:2]"},
		{"ppc64", "ADD $0, R1", "ADD sp=1/0/0 spwrite r=R1 w=R1"},
		{"ppc64", "TW $31, R0, R0", "TW flow=halt r=R0"},
		// s390x: register ranges, storage-to-storage sizes, masks.
		{"s390x", "LMG 48(R15), R6, R15", "LMG sp=3/0/0 spwrite mem(SP+48/80r) r=R15 w=R6,R15,R7,R8,R9,R10,R11,R12,g,R14"},
		{"s390x", "STMG R14, R1, 8(R3)", "STMG mem(reg+8/32w) r=R14,R1,R3,R15,R0"},
		{"s390x", "MVC $16, 0(R3), 8(R4)", "MVC mem(reg+0/16r) mem(reg+8/16w) r=R3,R4"},
		{"s390x", "BRC $15, done", "BRC flow=jump(done)"},
		{"s390x", "BRC $0, done", "BRC"},
		{"s390x", "CIJ $14, R3, $1, done", "CIJ flow=jump(done) r=R3"},
		{"s390x", "BR (R14)", "BR flow=return(indirect) via=R14 r=R14"},
		{"s390x", "FMOVD F1, 8(R3)", "FMOVD mem(reg+8/8w) r=V1[0:8],R3"},
		{"s390x", "SUB $16, R15", "SUB sp=1/-16/0 tracked r=R15 w=R15"},
		// mips: branch and link, returns, SP arithmetic.
		{"mips64", "BGEZAL R0, 1(PC)", "BGEZAL flow=call(1(PC)) r=R0 w=R31"},
		{"mips64", "JMP (R31)", "JMP flow=return(indirect) via=R31 r=R31"},
		{"mips64", "SUBV $32, R29", "SUBV sp=1/-32/0 tracked r=R29 w=R29"},
		{"mips", "MOVD 8(R4), F2", "MOVD mem(reg+8/8r) r=R4 w=W2[0:8]"},
		// WORD $0xf is SYNC (the runtime's #define SYNC WORD $0xf), with
		// any stype; other words stay unknown.
		{"mips64", "SYNC", "SYNC"},
		{"mips64", "WORD $0xf", "WORD"},
		{"mips64le", "WORD $0x40f", "WORD"},
		{"mips64", "WORD $0x10", "WORD [unknown] data"},
		// riscv64: links, returns, ABI names.
		{"riscv64", "JALR ZERO, RA", "JALR flow=return(indirect) via=X1 r=X1 w=X0"},
		{"riscv64", "JAL ZERO, done", "JAL flow=jump(done) w=X0"},
		{"riscv64", "JALR RA, T0", "JALR flow=call(indirect) via=X5 r=X5 w=X1"},
		{"riscv64", "ADD $-16, SP", "ADD sp=1/-16/0 tracked r=X2 w=X2"},
		{"riscv64", "ADDW $-16, SP", "ADDW sp=3/0/0 spwrite r=X2 w=X2"},
		{"riscv64", "MOV 8(SP), A0", "MOV mem(SP+8/8r) r=X2 w=X10"},
		{"riscv64", "NOT A4", "NOT r=X14 w=X14"},
		{"riscv64", "RDTIME X10", "RDTIME w=X10"},
		// loong64: the configuration word and the CRCs, written whole
		// (the manual sign-extends the 32-bit results).
		{"loong64", "CPUCFG R5, R4", "CPUCFG r=R5 w=R4"},
		{"loong64", "CRCWBW R4, R5, R6", "CRCWBW r=R4,R5 w=R6"},
		{"riscv64", "FSD FS0, 8(S0)", "FSD mem(reg+8/8w) r=F8,X8"},
		// loong64: F/V/X aliasing, lanes, atomics.
		{"loong64", "VMOVQ V1.W[2], R4", "VMOVQ r=X1[8:12] w=R4"},
		{"loong64", "MOVD F1, 8(R4)", "MOVD mem(reg+8/8w) r=X1[0:8],R4"},
		{"loong64", "AMADDDBV R5, (R4), R6", "AMADDDBV mem(reg+0/8rw) r=R5,R4 w=R6"},
		{"loong64", "JMP (R1)", "JMP flow=return(indirect) via=R1 r=R1"},
		// wasm: operand-stack targets, structured branches.
		{"wasm", "CALL", "CALL flow=call(indirect)"},
		{"wasm", "Br $1", "Br flow=indirect(indirect)"},
		{"wasm", "BrIf $0", "BrIf flow=condjump(indirect)"},
		{"wasm", "I64Load x+0(FP)", "I64Load mem(FP+0/8r) r=SP"},
		{"wasm", "MOVD R3, SP", "MOVD sp=3/0/0 r=R3 w=SP"}, /* wasm has no SPWRITE */
	}
	for _, tt := range tests {
		a := ArchFor(tt.arch)
		src := "TEXT ·f(SB), 0, $0-8\n\t" + tt.src + "\ndone:\n\tRET\n"
		fset := token.NewFileSet()
		f, err := asmparse.ParseFile(fset, "x.s", []byte(src), &asmparse.Config{GOARCH: tt.arch})
		if err != nil {
			t.Errorf("%s %s: %v", tt.arch, tt.src, err)
			continue
		}
		fns := Funcs(f, a)
		if got := describe(a, fns[0].Inst(0)); got != tt.want {
			t.Errorf("%s %s:\n got %s\nwant %s", tt.arch, tt.src, got, tt.want)
		}
	}
}
