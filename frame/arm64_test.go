package frame

import (
	"fmt"
	"go/build"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/arch/arm64/arm64asm"

	"github.com/asmcheck/asmcheck/asmparse"
)

// arm64Corpus is one parsed arm64 assembly file of GOROOT/src.
type arm64Corpus struct {
	Rel  string
	File *asmparse.File
	Fset *token.FileSet
}

var (
	arm64CorpusOnce  sync.Once
	arm64CorpusFiles []arm64Corpus
)

// arm64GOOS are the operating systems a GOROOT file may be built for on
// arm64; a file is in the corpus if go/build would build it for one.
var arm64GOOS = []string{"linux", "android", "darwin", "ios", "freebsd", "netbsd", "openbsd", "windows"}

// loadARM64Corpus parses every .s file of GOROOT/src that is assembled for
// arm64: those go/build matches for GOARCH=arm64 and some GOOS (testdata
// included, as the tests assemble them), and the cmd/asm encoder tests
// named arm64*.s (but not arm64error.s, which must fail).
func loadARM64Corpus(t testing.TB) []arm64Corpus {
	root := filepath.Join(runtime.GOROOT(), "src")
	if _, err := os.Stat(root); err != nil {
		t.Skip("no GOROOT source")
	}
	arm64CorpusOnce.Do(func() {
		inc := &asmparse.DirIncluder{
			Dirs:    []string{filepath.Join(runtime.GOROOT(), "pkg", "include")},
			Virtual: map[string][]byte{"go_asm.h": nil},
		}
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".s") {
				return nil
			}
			rel, _ := filepath.Rel(root, path)
			if !arm64IsCorpusFile(rel, path) {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			fset := token.NewFileSet()
			f, _ := asmparse.ParseFile(fset, path, src, &asmparse.Config{GOARCH: "arm64", Includer: inc})
			if f != nil {
				arm64CorpusFiles = append(arm64CorpusFiles, arm64Corpus{rel, f, fset})
			}
			return nil
		})
	})
	if len(arm64CorpusFiles) == 0 {
		t.Fatal("no arm64 files in GOROOT/src")
	}
	return arm64CorpusFiles
}

func arm64IsCorpusFile(rel, path string) bool {
	const asmTestdata = "cmd/asm/internal/asm/testdata/"
	if strings.HasPrefix(filepath.ToSlash(rel), asmTestdata) {
		base := filepath.Base(rel)
		return strings.HasPrefix(base, "arm64") && !strings.Contains(base, "error")
	}
	switch {
	case strings.HasPrefix(filepath.ToSlash(rel), "go/build/testdata/bads/"):
		return false // must fail to assemble
	case strings.HasPrefix(filepath.ToSlash(rel), "debug/gosym/testdata/"):
		return false // BYTEs assembled for amd64 only (debug/gosym/pclntab_test.go)
	}
	dir, name := filepath.Split(path)
	for _, goos := range arm64GOOS {
		ctxt := build.Default
		ctxt.GOARCH, ctxt.GOOS, ctxt.CgoEnabled, ctxt.Compiler = "arm64", goos, true, "gc"
		if ok, err := ctxt.MatchFile(dir, name); err == nil && ok {
			return true
		}
	}
	return false
}

// arm64IsData reports whether op emits data rather than an
// instruction, for which Known is false by design.
func arm64IsData(op string) bool {
	switch op {
	case "WORD", "DWORD", "BYTE", "OCTA":
		return true
	}
	return false
}

// TestARM64Coverage lowers every statement of every arm64 file in
// GOROOT/src and requires every (mnemonic, operand count) to be Known.
func TestARM64Coverage(t *testing.T) {
	a := ArchFor("arm64")
	files := loadARM64Corpus(t)
	unknown := map[string][]string{}
	var stmts, insts, data int
	mnems := map[string]bool{}
	for _, cf := range files {
		for i := range cf.File.Stmts {
			s := &cf.File.Stmts[i]
			if s.Bad {
				continue
			}
			stmts++
			e := a.Lower(s, i)
			if e.Pseudo != NotPseudo {
				continue
			}
			insts++
			if arm64IsData(s.Op) {
				data++
				if e.Known || e.Attrs&AttrData == 0 {
					t.Errorf("%s: %s should be unknown data", cf.Fset.Position(s.Pos), s.Op)
				}
				continue
			}
			mnems[s.Op] = true
			if !e.Known {
				key := fmt.Sprintf("%s/%d", s.Mnemonic(), len(s.Args))
				unknown[key] = append(unknown[key], cf.Fset.Position(s.Pos).String())
			}
		}
	}
	var keys []string
	for k := range unknown {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("not known: %s (%d uses, first %s)", k, len(unknown[k]), unknown[k][0])
	}
	t.Logf("%d files, %d statements, %d instructions (%d data directives), %d mnemonics, %d unknown (mnemonic, operand count) pairs",
		len(files), stmts, insts, data, len(mnems), len(keys))
}

// arm64Render prints an effect in the compact form TestARM64Effects
// compares: known, flow and target, reads, writes (with [off:size] when
// not the whole register), memory, SP change and attributes.
func arm64Render(a *Arch, e Inst) string {
	var parts []string
	if !e.Known {
		parts = append(parts, "unknown")
	}
	if e.Flow != FlowNext {
		parts = append(parts, "flow="+e.Flow.String())
	}
	if e.Target().Indirect {
		parts = append(parts, "target="+a.Regs.Name(e.Target().Reg))
	}
	refs := func(tag string, rs []RegRef) {
		var names []string
		seen := map[string]bool{}
		for _, r := range rs {
			n := a.Regs.Name(r.Reg)
			if r.Size != 0 {
				n += fmt.Sprintf("[%d:%d]", r.Off, r.Size)
			}
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
		sort.Strings(names)
		if len(names) > 0 {
			parts = append(parts, tag+"="+strings.Join(names, ","))
		}
	}
	refs("r", e.Reads())
	refs("w", e.Writes())
	for _, m := range e.Mem() {
		var b strings.Builder
		b.WriteString("mem=" + m.Base.String())
		if m.Base == BaseReg || m.Base == BaseSP {
			b.WriteString(":" + a.Regs.Name(m.Reg))
		}
		if name := e.MemName(&m); name != "" {
			b.WriteString(":" + name)
		}
		fmt.Fprintf(&b, "%+d/%d", m.Off, m.Size)
		switch {
		case m.Addr:
			b.WriteString("/a")
		case m.Read && m.Write:
			b.WriteString("/rw")
		case m.Read:
			b.WriteString("/r")
		case m.Write:
			b.WriteString("/w")
		}
		if m.WBDelta != 0 || m.PreWB {
			fmt.Fprintf(&b, "/wb%+d", m.WBDelta)
			if m.PreWB {
				b.WriteString("pre")
			}
		}
		parts = append(parts, b.String())
	}
	if sp := e.SP; sp.Kind != SPNone {
		s := [...]string{"none", "delta", "align", "unknown"}[sp.Kind]
		if sp.Kind == SPDelta {
			s += fmt.Sprintf("%+d", sp.Delta)
		}
		if sp.Tracked {
			s += ",tracked"
		}
		if sp.SPWrite {
			s += ",spwrite"
		}
		parts = append(parts, "sp="+s)
	}
	for _, at := range []struct {
		a    Attr
		name string
	}{{AttrSyscall, "syscall"}, {AttrUsesTmp, "tmp"}, {AttrBarrier, "barrier"}, {AttrTrap, "trap"}, {AttrData, "data"}} {
		if e.Attrs&at.a != 0 {
			parts = append(parts, at.name)
		}
	}
	return strings.Join(parts, " ")
}

// TestARM64Effects pins down the lowering of the shapes the checks rely
// on; TestARM64Machine proves the same rules on the whole corpus.
func TestARM64Effects(t *testing.T) {
	a := ArchFor("arm64")
	tests := []struct{ src, want string }{
		// Two- and three-operand arithmetic, shifted and extended operands.
		{"ADD R1, R2", "r=R1,R2 w=R2"},
		{"ADD R1, R2, R3", "r=R1,R2 w=R3"},
		{"ADD R1<<3, R2", "r=R1,R2 w=R2"},
		{"ADDW R1.UXTB<<2, R2, R3", "r=R1[0:1],R2[0:4] w=R3"},
		{"ADD R1.SXTX, R2, R3", "r=R1,R2 w=R3"},
		{"SUBS $1, R1", "r=R1 w=R1"},
		{"CMP $0, R1", "r=R1"},
		{"MOVK $(1<<16), R1", "r=R1 w=R1"},
		{"MOVW R1, R2", "r=R1[0:4] w=R2"},
		{"MADD R1, R2, R3, R4", "r=R1,R2,R3 w=R4"},
		{"SMADDL R1, R2, R3, R4", "r=R1[0:4],R2,R3[0:4] w=R4"},
		{"UMULH R1, R2, R3", "r=R1,R2 w=R3"},
		{"CSEL EQ, R1, R2, R3", "r=R1,R2 w=R3"},
		{"CSINC NE, R1, ZR, R3", "r=R1,ZR w=R3"},
		{"CSET EQ, R1", "w=R1"},
		{"BFI $8, R1, $8, R2", "r=R1,R2 w=R2"},
		{"UBFX $8, R1, $8, R2", "r=R1 w=R2"},
		// Loads and stores: widths are what asmdecl-style checks compare.
		{"MOVW x+0(FP), R1", "r=RSP w=R1 mem=FP:x+0/4/r"},
		{"MOVD R1, ret+8(FP)", "r=R1,RSP mem=FP:ret+8/8/w"},
		{"MOVBU 7(R0), R1", "r=R0 w=R1 mem=reg:R0+7/1/r"},
		{"MOVH R1, (R0)(R2<<1)", "r=R0,R1[0:2],R2 mem=reg:R0+0/2/w"},
		{"FMOVS F1, x+0(FP)", "r=RSP,V1[0:4] mem=FP:x+0/4/w"},
		{"FMOVD x+0(FP), F8", "r=RSP w=V8 mem=FP:x+0/8/r"},
		{"FMOVQ F1, (R0)", "r=R0,V1 mem=reg:R0+0/16/w"},
		{"LDP 16(RSP), (R1, R2)", "r=RSP w=R1,R2 mem=SP:RSP+16/16/r"},
		{"STPW (R1, R2), (R0)", "r=R0,R1[0:4],R2[0:4] mem=reg:R0+0/8/w"},
		{"FLDPD (R0), (F1, F2)", "r=R0 w=V1,V2 mem=reg:R0+0/16/r"},
		{"FSTPQ (F1, F2), (R0)", "r=R0,V1,V2 mem=reg:R0+0/32/w"},
		{"LDPSW (R0), (R1, R2)", "r=R0 w=R1,R2 mem=reg:R0+0/8/r"},
		// Write-back: .W pre-index, .P post-index (untracked SP deltas).
		{"MOVD.W R1, -16(RSP)", "r=R1,RSP w=RSP mem=SP:RSP-16/8/w/wb-16pre sp=delta-16"},
		{"MOVD.P 16(RSP), R1", "r=RSP w=R1,RSP mem=SP:RSP+0/8/r/wb+16 sp=delta+16"},
		{"STP.W (R1, R2), -32(RSP)", "r=R1,R2,RSP w=RSP mem=SP:RSP-32/16/w/wb-32pre sp=delta-32"},
		{"LDP.P 32(RSP), (R1, R2)", "r=RSP w=R1,R2,RSP mem=SP:RSP+0/16/r/wb+32 sp=delta+32"},
		// Vector structures: sizes from the list, post-increment by the size.
		{"VLD1 (R0), [V1.B16, V2.B16]", "r=R0 w=V1,V2 mem=reg:R0+0/32/r"},
		{"VLD1.P (R0), [V1.B16, V2.B16]", "r=R0 w=R0,V1,V2 mem=reg:R0+0/32/r/wb+32"},
		{"VLD1.P 16(R0), [V8.D2]", "r=R0 w=R0,V8 mem=reg:R0+0/16/r/wb+16"},
		{"VLD1.P (R0)(R1), [V1.B16]", "r=R0,R1 w=R0,V1 mem=reg:R0+0/16/r"},
		{"VLD1R (R0), [V1.S4]", "r=R0 w=V1 mem=reg:R0+0/4/r"},
		{"VLD4R (R0), [V1.B8, V2.B8, V3.B8, V4.B8]", "r=R0 w=V1,V2,V3,V4 mem=reg:R0+0/4/r"},
		{"VLD1 (R0), V9.S[2]", "r=R0 w=V9[8:4] mem=reg:R0+0/4/r"},
		{"VST1 [V8.D2, V9.D2], (R0)", "r=R0,V8,V9 mem=reg:R0+0/32/w"},
		{"VST1.P V4.D[1], 8(R0)", "r=R0,V4[8:8] w=R0 mem=reg:R0+0/8/w/wb+8"},
		// Vector writes: which bytes (D8–D15 are the low 8 bytes of V8–V15).
		{"VMOV R0, V8.D[1]", "r=R0 w=V8[8:8]"},
		{"VMOV R0, V8.S[0]", "r=R0 w=V8[0:4]"},
		{"VMOV V1.D[0], V8.D[1]", "r=V1[0:8] w=V8[8:8]"},
		{"VMOV R0, V8.B16", "r=R0 w=V8"},
		{"VMOV V8.D[1], R0", "r=V8[8:8] w=R0"},
		{"VEOR V1.B8, V2.B8, V8.B8", "r=V1[0:8],V2[0:8] w=V8"},
		{"VBSL V1.B16, V2.B16, V8.B16", "r=V1,V2,V8 w=V8"},
		{"FMOVD R0, F8", "r=R0 w=V8"},
		{"FADDD F1, F8", "r=V1[0:8],V8[0:8] w=V8"},
		{"FMOVD $(2.0), F9", "w=V9 mem=SB:$f64.4000000000000000+0/8/r tmp"},
		{"FMOVD $(1.0), F9", "w=V9"},
		{"VMOVQ $1, $2, V8", "w=V8 mem=SB:$i128.00000000000000010000000000000002+0/16/r tmp"},
		{"SHA256H V9.S4, V3, V2", "r=V2,V3,V9 w=V2"},
		// Acquire/release, exclusives and atomics.
		{"LDAR (R0), R1", "r=R0 w=R1 mem=reg:R0+0/8/r"},
		{"LDARW (R0), R1", "r=R0 w=R1 mem=reg:R0+0/4/r"},
		{"STLR R1, (R0)", "r=R0,R1 mem=reg:R0+0/8/w"},
		{"LDAXR (R0), R1", "r=R0 w=R1 mem=reg:R0+0/8/r"},
		{"STLXR R1, (R0), R2", "r=R0,R1 w=R2 mem=reg:R0+0/8/w"},
		{"STLXRB R1, (R0), R2", "r=R0,R1[0:1] w=R2 mem=reg:R0+0/1/w"},
		{"LDAXP (R0), (R1, R2)", "r=R0 w=R1,R2 mem=reg:R0+0/16/r"},
		{"STLXPW (R1, R2), (R0), R3", "r=R0,R1[0:4],R2[0:4] w=R3 mem=reg:R0+0/8/w"},
		{"CASD R1, (R0), R2", "r=R0,R1,R2 w=R1 mem=reg:R0+0/8/rw"},
		{"CASALW R1, (R0), R2", "r=R0,R1[0:4],R2[0:4] w=R1 mem=reg:R0+0/4/rw"},
		{"CASPD (R2, R3), (R0), (R4, R5)", "r=R0,R2,R3,R4,R5 w=R2,R3 mem=reg:R0+0/16/rw"},
		{"SWPALD R1, (R0), R2", "r=R0,R1 w=R2 mem=reg:R0+0/8/rw"},
		{"LDADDAW R1, (R0), R2", "r=R0,R1[0:4] w=R2 mem=reg:R0+0/4/rw"},
		{"LDORALB R1, (R0), R2", "r=R0,R1[0:1] w=R2 mem=reg:R0+0/1/rw"},
		// Control flow.
		{"B 2(PC)", "flow=jump"},
		{"B ·f(SB)", "flow=tailcall"},
		{"JMP (R1)", "flow=indirect target=R1 r=R1"},
		{"B (R1)", "flow=indirect target=R1 r=R1"},
		{"BL ·f(SB)", "flow=call w=R30"},
		{"BL (R1)", "flow=call target=R1 r=R1 w=R30"},
		{"CALL R11", "flow=call target=R11 r=R11 w=R30"},
		{"BEQ 2(PC)", "flow=condjump"},
		{"CBZ R1, 2(PC)", "flow=condjump r=R1"},
		{"CBNZW R1, 2(PC)", "flow=condjump r=R1[0:4]"},
		{"TBNZ $3, R1, 2(PC)", "flow=condjump r=R1"},
		{"RET", "flow=return r=R30"},
		{"RET R1", "flow=return target=R1 r=R1"},
		{"RET ·f(SB)", "flow=tailcall"},
		// Traps, the kernel, barriers, system registers, data.
		{"SVC", "r=R0,R1,R16,R2,R3,R4,R5,R6,R7,R8 w=R0 syscall"},
		{"BRK", "trap"},
		{"UNDEF", "flow=halt trap"},
		{"HLT $0", "flow=halt trap"},
		{"DMB $0xb", "barrier"},
		{"ISB $15", "barrier"},
		{"MRS TPIDR_EL0, R0", "w=R0"},
		{"MSR R0, TPIDR_EL0", "r=R0"},
		{"MOVD NZCV, R0", "w=R0"},
		{"DC ZVA, R0", "r=R0 mem=reg:R0+0/0/w"},
		{"PRFM (R0), PLDL1KEEP", "r=R0 mem=reg:R0+0/0/a"},
		{"PACIASP", "r=R30,RSP w=R30"},
		{"WORD $0xd53b4200", "unknown data"},
		// SP arithmetic (obj7.go preprocess: AADD/ASUB of a constant to RSP).
		{"SUB $16, RSP", "r=RSP w=RSP sp=delta-16,tracked"},
		{"ADD $16, RSP", "r=RSP w=RSP sp=delta+16,tracked"},
		{"SUB $32, RSP, RSP", "r=RSP w=RSP sp=delta-32,tracked"},
		{"ADD $16, RSP, R1", "r=RSP w=R1"},
		{"ADD $16, R1, RSP", "r=R1 w=RSP sp=unknown,tracked"},
		{"ADD $0, RSP", "r=RSP w=RSP sp=delta+0,spwrite"},
		{"ADD $const_x, RSP", "r=RSP w=RSP sp=unknown,tracked"},
		{"ADD R1, RSP", "r=R1,RSP w=RSP sp=unknown,spwrite"},
		{"ADDW $16, RSP", "r=RSP[0:4] w=RSP sp=unknown,spwrite"},
		{"MOVD R0, RSP", "r=R0 w=RSP sp=unknown,spwrite"},
		{"AND $~15, RSP", "r=RSP w=RSP sp=align,spwrite"},
		{"MOVD RSP, R0", "r=RSP w=R0"},
		// The assembler temporary R27 (asm7.go; see arm64tmp.go).
		{"MOVD ·x(SB), R0", "w=R0 mem=SB:·x+0/8/r tmp"},
		{"MOVD $·x(SB), R0", "w=R0 mem=SB:·x+0/0/a"},
		{"MOVD $0x123456789, R0", "w=R0"},
		{"ADD $0x123456, R1", "r=R1 w=R1"},
		{"ADD $0x1480, R1", "r=R1 w=R1 tmp"},
		{"ADD $-16, R1", "r=R1 w=R1 tmp"},
		{"ADDS $0x123456, R1", "r=R1 w=R1 tmp"},
		{"AND $0xff, R1", "r=R1 w=R1"},
		{"AND $0x1234, R1", "r=R1 w=R1 tmp"},
		{"AND $1, R1, ZR", "r=R1 w=ZR tmp"},
		{"MOVD 32760(R1), R2", "r=R1 w=R2 mem=reg:R1+32760/8/r"},
		{"MOVD 32768(R1), R2", "r=R1 w=R2 mem=reg:R1+32768/8/r tmp"},
		{"MOVD -257(R1), R2", "r=R1 w=R2 mem=reg:R1-257/8/r tmp"},
		{"LDP 504(R1), (R2, R3)", "r=R1 w=R2,R3 mem=reg:R1+504/16/r"},
		{"LDP 512(R1), (R2, R3)", "r=R1 w=R2,R3 mem=reg:R1+512/16/r tmp"},
		{"MOVD $4096(R1), R2", "r=R1 w=R2 mem=reg:R1+4096/0/a"},
		{"MOVD $0x1000001(R1), R2", "r=R1 w=R2 mem=reg:R1+16777217/0/a tmp"},
		{"REM R1, R2, R3", "r=R1,R2 w=R3 tmp"},
	}
	for _, tt := range tests {
		e, s := arm64LowerLine(t, a, tt.src)
		if s == nil {
			t.Errorf("%s: does not parse", tt.src)
			continue
		}
		if got := arm64Render(a, e); got != tt.want {
			t.Errorf("%s:\n\tgot  %s\n\twant %s", tt.src, got, tt.want)
		}
	}
}

// TestARM64Mnemonics requires a table entry for every mnemonic the arm64
// assembler knows (cmd/internal/obj/arm64/anames.go), also those the
// corpus does not use.
func TestARM64Mnemonics(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "src", "cmd", "internal", "obj", "arm64", "anames.go"))
	if err != nil {
		t.Skip("no GOROOT source")
	}
	// No optab row assembles these (asm7.go buildop): they cannot appear.
	never := map[string]bool{"LAST": true, "MOVP": true, "MOVPD": true, "MOVPQ": true, "MOVPS": true, "MOVPSW": true, "MOVPW": true}
	a := ArchFor("arm64")
	n := 0
	for _, line := range strings.Split(string(src), "\n") {
		name, ok := strings.CutPrefix(strings.TrimSpace(line), "\"")
		if !ok {
			continue
		}
		name = strings.TrimSuffix(name, "\",")
		if never[name] || name == "XXX" {
			continue
		}
		n++
		if a.Ops[name] == nil {
			t.Errorf("%s (anames.go) is not in the table", name)
		}
	}
	t.Logf("%d mnemonics of anames.go in the table", n)
}

// TestArm64WordFlow checks the flow of WORD $constant, decoded: ERET
// halts, BR and B jump elsewhere, B.EQ and anything else go on.
func TestArm64WordFlow(t *testing.T) {
	for _, c := range []struct {
		word string
		want Flow
	}{
		{"$0xd69f03e0", FlowHalt},     // ERET
		{"$0xd6bf03e0", FlowHalt},     // DRPS
		{"$0xd61f0200", FlowIndirect}, // BR R16
		{"$0x14000002", FlowIndirect}, // B 2(PC)
		{"$0x54000040", FlowNext},     // B.EQ 2(PC)
		{"$0xd503201f", FlowNext},     // NOP
		{"$(1<<40)", FlowNext},        // not an instruction's worth
	} {
		f, err := asmparse.ParseFile(token.NewFileSet(), "w_arm64.s", []byte("TEXT ·f(SB), 0, $0\n\tWORD\t"+c.word+"\n\tRET\n"), &asmparse.Config{GOARCH: "arm64"})
		if err != nil {
			t.Fatal(err)
		}
		fns := Funcs(f, ArchFor("arm64"))
		if got := fns[0].Insts[0].Flow; got != c.want || fns[0].Insts[0].Known {
			t.Errorf("WORD %s: flow %v (known %v), want %v and unknown", c.word, got, fns[0].Insts[0].Known, c.want)
		}
	}
}

// TestUsesStack checks which instructions may use the stack pointer:
// known ones by their operands, arm64 WORDs and x86 data by their decoded
// encoding (checked against arm64asm's own disassembly), anything else
// unknown always.
func TestUsesStack(t *testing.T) {
	for _, c := range []struct {
		arch, src, asm string // asm: the WORD's GNU disassembly
		want           bool
	}{
		{"arm64", "MOVD R1, R2", "", false},
		{"arm64", "MOVD 8(R1), R2", "", false},
		{"arm64", "MOVD 8(RSP), R2", "", true},
		{"arm64", "MOVD x+0(FP), R2", "", true},
		{"arm64", "MOVD RSP, R2", "", true},
		{"arm64", "SUB $16, RSP", "", true},
		{"arm64", "WORD $0x3cc10521", "ldr q1, [x9],#16", false},
		{"arm64", "WORD $0x4f808021", "mul v1.4s, v1.4s, v0.s[0]", false},
		{"arm64", "WORD $0xf94007e0", "ldr x0, [sp,#8]", true},
		{"arm64", "WORD $0xf8616be0", "ldr x0, [sp,x1]", true},
		{"arm64", "WORD $0x910023e0", "add x0, sp, #0x8", true},
		{"arm64", "WORD $0x94000002", "bl .+0x8", true},
		{"arm64", "WORD $(1<<40)", "", true}, // no instruction
		{"amd64", "MOVQ (DI), AX", "", false},
		{"amd64", "MOVQ 8(SP), AX", "", true},
		{"amd64", "PUSHQ AX", "", true},
		{"amd64", "LEAQ 8(SP), AX", "", true},
		{"amd64", "BYTE $0x90", "", false},      // nop, decoded (neutral.go)
		{"amd64", "BYTE $0x50", "", true},       // push rax
		{"amd64", "BYTE $0x0f", "", true},       // cut short: may
		{"amd64", "LONG $0x24048b48", "", true}, // mov rax, [rsp]
	} {
		e := lowerOne(t, c.arch, c.src)
		if got := e.UsesStack(); got != c.want {
			t.Errorf("%s %s: UsesStack() = %v, want %v", c.arch, c.src, got, c.want)
		}
		if c.asm == "" {
			continue
		}
		inst, ok := arm64Word(e.stmt())
		if !ok {
			t.Errorf("%s: does not decode", c.src)
		} else if got := arm64asm.GNUSyntax(inst); got != c.asm {
			t.Errorf("%s decodes as %q, want %q", c.src, got, c.asm)
		}
	}
}
