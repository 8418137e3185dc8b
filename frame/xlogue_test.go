package frame

import (
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/asmcheck/asmcheck/asmparse"
)

// TestIdioms checks which instructions are marked as moves, zeroing
// idioms and loads of g.
func TestIdioms(t *testing.T) {
	for _, c := range []struct {
		arch, src string
		want      Attr
	}{
		{"amd64", "MOVQ BX, CX", AttrMove | AttrZeroExtend},
		{"amd64", "MOVQ AX, X15", AttrMove | AttrZeroExtend},
		{"amd64", "MOVL AX, BX", AttrMove | AttrZeroExtend},
		{"amd64", "MOVQ SP, BX", AttrMove | AttrZeroExtend},
		{"amd64", "MOVUPS X6, X1", AttrMove},
		{"amd64", "MOVQ 8(SP), BX", 0},
		{"amd64", "ADDQ BX, CX", 0},
		{"amd64", "XORQ AX, AX", AttrZeroIdiom},
		{"amd64", "XORQ AX, BX", 0},
		{"amd64", "XORL $5, CX", 0},
		{"amd64", "SUBQ $1, AX", 0},
		{"amd64", "PXOR X15, X15", AttrZeroIdiom},
		{"amd64", "VPXOR Y1, Y1, Y2", AttrZeroIdiom},
		{"amd64", "VZEROALL", AttrZeroIdiom},
		{"amd64", "MOVQ $0, BP", AttrZeroIdiom | AttrZeroExtend},
		{"amd64", "MOVQ $1, BP", 0},
		{"amd64", "MOVQ 0(CX)(TLS*1), R14", AttrLoadsG},
		{"amd64", "MOVQ (TLS), R14", AttrLoadsG},
		{"arm64", "MOVD R29, R1", AttrMove},
		{"arm64", "MOVD RSP, R1", AttrMove},
		{"arm64", "FMOVD F8, F1", AttrMove},
		{"arm64", "ADD $1, R1, R2", 0},
		{"arm64", "VMOV R1, V8.D[1]", 0},
		{"arm64", "EOR R1, R1, R2", AttrZeroIdiom},
		{"arm64", "EOR R1, R2, R3", 0},
		{"arm64", "EOR $1, R1, R2", 0},
		{"arm64", "VEOR V8.B16, V8.B16, V8.B16", AttrZeroIdiom},
		{"arm64", "MOVD $0, R29", AttrZeroIdiom},
	} {
		e := lowerOne(t, c.arch, c.src)
		if got := e.Attrs & (AttrMove | AttrZeroIdiom | AttrLoadsG | AttrZeroExtend); got != c.want {
			t.Errorf("%s %s: attrs %b, want %b", c.arch, c.src, got, c.want)
		}
	}
}

// TestDirtiesUpper checks which writes make the AVX upper state dirty.
func TestDirtiesUpper(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{"VMOVDQU (AX), Y1", true},
		{"VMOVDQU64 (AX), Z15", true},
		{"VMOVAPD Z0, Z16", false},
		{"VMOVDQU (AX), X1", false},
		{"MOVUPS (AX), X1", false},
	} {
		e := lowerOne(t, "amd64", c.src)
		if got := ArchFor("amd64").DirtiesUpper(e); got != c.want {
			t.Errorf("%s: DirtiesUpper = %v, want %v", c.src, got, c.want)
		}
	}
}

// lowerOne lowers one instruction of arch.
func lowerOne(t *testing.T, arch, src string) Inst {
	t.Helper()
	text := "TEXT ·f(SB),0,$0\n\t" + src + "\n"
	f, _ := asmparse.ParseFile(token.NewFileSet(), "x.s", []byte(text), &asmparse.Config{GOARCH: arch, GOOS: "linux"})
	fns := Funcs(f, ArchFor(arch))
	if len(fns) != 1 || len(fns[0].Insts) != 1 {
		t.Fatalf("%s: cannot parse %q", arch, src)
	}
	return fns[0].Inst(0)
}

// xlogueCases are functions whose prologue or epilogue writes registers,
// or does not; body is the function's text after the TEXT line, which
// must end in RET.
var xlogueCases = []struct {
	arch, text string
}{
	{"arm64", "TEXT ·small(SB),NOSPLIT,$16\n\tBL ·f(SB)\n\tRET\n"},
	{"arm64", "TEXT ·big(SB),NOSPLIT,$256\n\tBL ·f(SB)\n\tRET\n"},
	{"arm64", "TEXT ·huge(SB),NOSPLIT,$4096\n\tBL ·f(SB)\n\tRET\n"},
	{"arm64", "TEXT ·huge2(SB),NOSPLIT,$8176\n\tBL ·f(SB)\n\tRET\n"},
	{"arm64", "TEXT ·leaf(SB),NOSPLIT,$16\n\tMOVD R0, R1\n\tRET\n"},
	{"arm64", "TEXT ·leafhuge(SB),NOSPLIT,$4096\n\tMOVD R0, R1\n\tRET\n"},
	{"arm64", "TEXT ·split(SB),0,$32\n\tBL ·f(SB)\n\tRET\n"},
	{"arm64", "TEXT ·nofr(SB),NOSPLIT|NOFRAME,$0\n\tMOVD R0, R1\n\tRET\n"},
	{"amd64", "TEXT ·split(SB),0,$16\n\tCALL ·f(SB)\n\tRET\n"},
	{"amd64", "TEXT ·bigsplit(SB),0,$256\n\tCALL ·f(SB)\n\tRET\n"},
	{"amd64", "TEXT ·leaf(SB),0,$16\n\tMOVQ AX, BX\n\tRET\n"},
	{"amd64", "TEXT ·nosplit(SB),NOSPLIT,$256\n\tCALL ·f(SB)\n\tRET\n"},
}

// TestXlogueAgainstAssembler assembles each case and compares the
// registers the inserted instructions write (those listed at the TEXT
// line before the body, and at the RET line) with the model.
func TestXlogueAgainstAssembler(t *testing.T) {
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		t.Skip("no go command")
	}
	for _, arch := range []string{"amd64", "arm64"} {
		var src strings.Builder
		src.WriteString("#include \"textflag.h\"\n")
		var cases []string
		for _, c := range xlogueCases {
			if c.arch == arch {
				src.WriteString(c.text)
				cases = append(cases, c.text)
			}
		}
		listing := assembleListing(t, goTool, arch, src.String())
		f, _ := asmparse.ParseFile(token.NewFileSet(), "x.s", []byte(src.String()), &asmparse.Config{GOARCH: arch, GOOS: "linux", Includer: &asmparse.DirIncluder{}})
		for _, fn := range Funcs(f, ArchFor(arch)) {
			x := fn.Xlogue()
			textLine := lineOf(f, fn.Pos())
			retLine := lineOf(f, fn.Insts[len(fn.Insts)-1].Pos)
			want := append(clobberNames(fn, x.Prologue), "|")
			want = append(want, clobberNames(fn, x.Epilogue)...)
			got := append(listedWrites(listing[textLine], fn), "|")
			got = append(got, listedWrites(listing[retLine], fn)...)
			if !slices.Equal(got, want) {
				t.Errorf("%s %s: assembler writes %v (prologue | epilogue), model %v", arch, fn.Name, got, want)
			}
			if computed := slices.ContainsFunc(listing[retLine], func(l string) bool { return strings.HasSuffix(l, "RSP, R29") }); computed != x.FPComputed {
				t.Errorf("%s %s: epilogue computes R29: %v, model %v", arch, fn.Name, computed, x.FPComputed)
			}
		}
	}
}

func lineOf(f *asmparse.File, pos token.Pos) int {
	return strings.Count(f.Src[:int(pos-f.Base)], "\n") + 1
}

// clobberNames returns the sorted names of the registers in cs.
func clobberNames(fn *Func, cs []Clobber) []string {
	var out []string
	for _, c := range cs {
		out = append(out, fn.Arch.Regs.Name(c.Reg))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// watched are the registers the test looks for as destinations: the
// ones the models can name (the stack check's R16/R17 on arm64 and the
// frame pointer are not part of them).
var watched = map[string][]string{
	"amd64": {"R12", "R14"},
	"arm64": {"R20", "R27"},
}

// listedWrites returns the sorted watched registers that the listed
// instructions write as their last operand, and REGTMP where the listing
// marks its use.
func listedWrites(lines []string, fn *Func) []string {
	var out []string
	for _, l := range lines {
		if l == "PCDATA\t$0, $-3" || l == "PCDATA\t$0, $-4" {
			// asm7.go marks an instruction it expands through REGTMP
			// (MarkUnsafePoints, restartable sequences).
			out = append(out, fn.Arch.Regs.Name(fn.Arch.Tmp))
		}
		for _, r := range watched[fn.Arch.Name] {
			if strings.HasSuffix(l, ", "+r) {
				out = append(out, fn.Arch.Regs.Name(fn.Arch.Regs.Reg(r)))
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

var listingRE = regexp.MustCompile(`^\s+0x[0-9a-f]+ \d+ \(x\.s:(\d+)\)\t(.*)$`)

// assembleListing assembles src for arch and returns the instructions of
// the listing by source line.
func assembleListing(t *testing.T, goTool, arch, src string) map[int][]string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.s"), []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goTool, "tool", "asm", "-S", "-p", "x", "-I", filepath.Join(runtime.GOROOT(), "pkg", "include"), "-o", filepath.Join(dir, "x.o"), "x.s")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOARCH="+arch, "GOOS=linux")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go tool asm: %v\n%s", err, out)
	}
	m := map[int][]string{}
	for _, l := range strings.Split(string(out), "\n") {
		if sm := listingRE.FindStringSubmatch(l); sm != nil {
			n, _ := strconv.Atoi(sm[1])
			m[n] = append(m[n], strings.TrimSpace(sm[2]))
		}
	}
	return m
}
