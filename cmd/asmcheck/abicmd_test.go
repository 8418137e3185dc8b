package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/asmcheck/asmcheck/abi"
)

var update = flag.Bool("update", false, "rewrite the golden files of the abi command")

func TestSplitQualified(t *testing.T) {
	for _, tc := range []struct{ in, pkg, name string }{
		{"./pkg.Func", "./pkg", "Func"},
		{"./pkg.T.M", "./pkg", "T.M"},
		{"./pkg.(*T).M", "./pkg", "(*T).M"},
		{"strings.Index", "strings", "Index"},
		{"github.com/x/y.F", "github.com/x/y", "F"},
		{"../a/b.F", "../a/b", "F"},
		{".F", ".", "F"},
		{"./pkg", "", ""},
		{"strings", "", ""},
		{"./pkg.", "", ""},
	} {
		pkg, name, ok := splitQualified(tc.in)
		if ok != (tc.pkg != "") || pkg != tc.pkg || name != tc.name {
			t.Errorf("splitQualified(%q) = %q, %q, %v; want %q, %q", tc.in, pkg, name, ok, tc.pkg, tc.name)
		}
	}
}

func TestParseFuncName(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want funcName
		bad  bool
	}{
		{in: "F", want: funcName{name: "F"}},
		{in: "T.M", want: funcName{recv: "T", name: "M"}},
		{in: "(T).M", want: funcName{recv: "T", name: "M"}},
		{in: "(*T).M", want: funcName{recv: "T", ptr: true, name: "M"}},
		{in: "(*T)M", bad: true},
		{in: "a.b.c", bad: true},
		{in: "1x", bad: true},
	} {
		got, err := parseFuncName(tc.in)
		if (err != nil) != tc.bad || !tc.bad && got != tc.want {
			t.Errorf("parseFuncName(%q) = %+v, %v; want %+v (error %v)", tc.in, got, err, tc.want, tc.bad)
		}
	}
}

func TestParseTarget(t *testing.T) {
	for _, tc := range []struct {
		args []string
		pkg  string // -pkg
		want target
		bad  bool
	}{
		{args: []string{"./p", "F"}, want: target{pkg: "./p", name: "F"}},
		{args: []string{"./p.F"}, want: target{pkg: "./p", name: "F"}},
		{args: []string{"func(x int)"}, want: target{sig: "func(x int)"}},
		{args: []string{"func F(x int)"}, pkg: "./p", want: target{pkg: "./p", sig: "func F(x int)"}},
		{args: []string{"F"}, pkg: "./p", want: target{pkg: "./p", name: "F"}},
		{args: []string{"F"}, bad: true},
		{args: []string{"./p", "F", "G"}, bad: true},
		{args: nil, bad: true},
	} {
		got, err := parseTarget(tc.args, &abiOptions{pkg: tc.pkg})
		if (err != nil) != tc.bad || !tc.bad && *got != tc.want {
			t.Errorf("parseTarget(%q, -pkg %q) = %+v, %v; want %+v (error %v)", tc.args, tc.pkg, got, err, tc.want, tc.bad)
		}
	}
}

func TestCheckSignature(t *testing.T) {
	for _, tc := range []struct {
		src, name, decl, err string
	}{
		{src: "func(p *T, n int, f float64) (int, error)", decl: "func(p *T, n int, f float64) (int, error)"},
		{src: "func Add(a, b int64) int64", decl: "func Add(a int64, b int64) int64"},
		{src: "func(x int)", name: "G", decl: "func G(x int)"},
		{src: "func (t *T) M(x []U) bool", decl: "func (t *T) M(x []U) bool"},
		{src: "func(r *io.Reader, m map[K]V, c chan T, f func(T) T, p unsafe.Pointer)",
			decl: "func(r *io.Reader, m map[K]V, c chan T, f func(T) T, p unsafe.Pointer)"},
		{src: "func(t T)", err: "unknown type T used by value"},
		{src: "func(t [2]struct{ x T })", err: "unknown type T used by value"},
		{src: "func(r io.Reader)", err: "unknown type Reader used by value"},
		{src: "func(x int) { return }", err: "signature"},
		{src: "func[T any](x T)", err: "signature"},
		{src: "func(x int", err: "signature"},
	} {
		fn, err := checkSignature(tc.src, tc.name, nil)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want %q", tc.src, err, tc.err)
			}
		case err != nil:
			t.Errorf("%s: %v", tc.src, err)
		case fn.decl() != tc.decl:
			t.Errorf("%s: decl %q, want %q", tc.src, fn.decl(), tc.decl)
		}
	}
}

// runCmd runs an asmcheck subcommand in process.
func runCmd(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	switch args[0] {
	case "abi":
		code = runABI(args[1:], &out, &errb)
	case "stub":
		code = runStub(args[1:], &out, &errb)
	default:
		t.Fatalf("no subcommand %s", args[0])
	}
	return out.String(), errb.String(), code
}

// goldenSigs are the signatures of the golden files, shown for amd64
// and arm64.
var goldenSigs = []struct{ file, sig string }{
	{"ptr_int_float", "func(p *T, n int, f float64) (int, error)"},
	{"index", "func Index(s string, b byte) int"},
	{"padding", "func Sum(x []float32, m struct{ a int8; b int64; c [2]uint16 }, c complex64) (complex128, bool)"},
	{"stack", "func Many(a, b, c, d, e, f, g, h, i, j int, s string, x, y float64) (q [2]int, ok bool)"},
}

// TestABIGolden compares the text output with testdata/abi/*.golden;
// go test -run TestABIGolden -update rewrites them.
func TestABIGolden(t *testing.T) {
	for _, g := range goldenSigs {
		out, errs, code := runCmd(t, "abi", "-arch", "amd64,arm64", g.sig)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", g.sig, code, errs)
		}
		file := filepath.Join("testdata", "abi", g.file+".golden")
		if *update {
			if err := os.WriteFile(file, []byte(out), 0o666); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if out != string(want) {
			t.Errorf("%s: output differs from %s (go test -run TestABIGolden -update rewrites it):\n%s", g.sig, file, out)
		}
	}
}

// TestABIJSON checks the shape and the values of -json.
func TestABIJSON(t *testing.T) {
	out, errs, code := runCmd(t, "abi", "-json", "-arch", "amd64,386", "func(p *T, n int, f float64) (int, error)")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	wantKeys(t, "report", raw, "signature", "opaque", "arches")
	arch0 := raw["arches"].([]any)[0].(map[string]any)
	wantKeys(t, "arch", arch0, "arch", "abi0", "abiInternal", "uprobe")
	wantKeys(t, "abi0", arch0["abi0"].(map[string]any), "text", "argSize", "compilerArgSize", "resultsOffset", "entryOffset", "sp", "slots")
	wantKeys(t, "slot", arch0["abi0"].(map[string]any)["slots"].([]any)[0].(map[string]any), "ref", "name", "offset", "size", "type", "result", "depth")
	in := arch0["abiInternal"].(map[string]any)
	wantKeys(t, "abiInternal", in, "argSize", "spillOffset", "spillSize", "entryOffset", "sp", "params", "results")
	wantKeys(t, "value", in["params"].([]any)[0].(map[string]any), "name", "type", "size", "regs", "spill")
	wantKeys(t, "reg", in["params"].([]any)[0].(map[string]any)["regs"].([]any)[0].(map[string]any), "name", "type", "reg", "native", "offset", "size", "float")

	var rep abiReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	amd64, i386 := rep.Arches[0], rep.Arches[1]
	if amd64.ABI0.Text != "TEXT ·F(SB), NOSPLIT, $0-48" || amd64.ABI0.ResultsOffset != 24 || amd64.ABI0.EntryOffset != 8 {
		t.Errorf("amd64 ABI0: %+v", amd64.ABI0)
	}
	p := amd64.ABIInternal.Params[2]
	if p.Name != "f" || p.Regs[0].Reg != "X0" || p.Regs[0].Native != "xmm0" || !p.Regs[0].Float || p.Spill.Ref != "16(FP)" {
		t.Errorf("amd64 f: %+v", p)
	}
	if r := amd64.ABIInternal.Results[1]; r.Regs[0].Name != "ret1_itable" || r.Regs[0].Reg != "BX" || r.Regs[1].Reg != "CX" || r.Spill != nil {
		t.Errorf("amd64 ret1: %+v", r)
	}
	if i386.ABIInternal != nil || i386.ABI0.ArgSize != 28 || i386.ABI0.Slots[2].Ref != "f+8(FP)" || i386.ABI0.Slots[3].Ref != "f_lo+8(FP)" {
		t.Errorf("386: %+v", i386.ABI0)
	}
}

// wantKeys checks that m has every key.
func wantKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("%s: no key %q in %v", what, k, m)
		}
	}
}

// writeModule writes a module of the given files to a temporary
// directory and returns it.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.26\n"
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestABIPackage explains functions and methods of a loaded package.
func TestABIPackage(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages")
	}
	dir := writeModule(t, map[string]string{"p/p.go": `package p

import "io"

type T struct{ a, b int }

func (t T) Get(i int) int { return t.a }
func (t *T) Set(v int8)   {}

func F(t T, r io.Reader) bool
`})
	t.Chdir(dir)
	for _, tc := range []struct {
		args []string
		want []string // substrings of the output, or of the error
		code int
	}{
		{[]string{"./p", "F"}, []string{"func F(t T, r io.Reader) bool", "TEXT ·F(SB), NOSPLIT, $0-33", "t_b+8(FP)", "r_itable+16(FP)"}, 0},
		{[]string{"./p.F"}, []string{"func F(t T, r io.Reader) bool"}, 0},
		{[]string{"example.com/m/p.F"}, []string{"func F(t T, r io.Reader) bool"}, 0},
		{[]string{"./p", "T.Get"}, []string{"func (t T) Get(i int) int", "t_a+0(FP)", "i+16(FP)", "ret+24(FP)"}, 0},
		{[]string{"./p", "(*T).Set"}, []string{"func (t *T) Set(v int8)", "t+0(FP)", "v+8(FP)"}, 0},
		// The compiler's wrapper (*T).Get takes a pointer.
		{[]string{"./p.(*T).Get"}, []string{"func (t *T) Get(i int) int", "i+8(FP)", "ret+16(FP)"}, 0},
		{[]string{"./p", "T.Set"}, []string{"pointer receiver: write (*T).Set"}, 2},
		{[]string{"./p", "G"}, []string{"no function G"}, 2},
		{[]string{"-pkg", "./p", "func(t T, r io.Reader, w *io.Writer) int"}, []string{"t_b+8(FP)", "r_data+24(FP)", "w+32(FP)"}, 0},
		// No assembly for mips: the compiler refuses the package
		// ("missing function body"), the types still load.
		{[]string{"-arch", "mips", "./p", "F"}, []string{"TEXT ·F(SB), NOSPLIT, $0-17"}, 0},
	} {
		out, errs, code := runCmd(t, append([]string{"abi", "-arch", "amd64"}, tc.args...)...)
		if code != tc.code {
			t.Errorf("%q: exit %d, want %d: %s", tc.args, code, tc.code, errs)
		}
		for _, w := range tc.want {
			if !strings.Contains(out+errs, w) {
				t.Errorf("%q: no %q in:\n%s%s", tc.args, w, out, errs)
			}
		}
	}
}

// oracleDecls are the declarations of the oracle tests; oracleSigs are
// their functions, named f0, f1...
const oracleDecls = `type S struct {
	A int8
	B int64
	C [2]uint16
}

type E struct{}
`

var oracleSigs = []string{
	"(a int8, b int64, c uint16) (r int8)",
	"(s string, b []byte, e error, x any) (n int, err error)",
	"(s S, e E, p *S, arr [3]int32) (S, [1]float64)",
	"(c64 complex64, c128 complex128, f32 float32) (complex64, bool)",
	"(a, b, c, d, e, f, g, h, i, j, k int, s string, f1, f2 float64) (x [2]int, ok bool)",
	"(u uint64, i int64, m map[string]int, fn func(), ch chan int, up unsafe.Pointer) (uint64, int64)",
	"()",
	"(x int16, named struct{ a, b int8 }, z [0]int64) (y int8, w E)",
	"(b1 bool, f float64, b2 bool, c complex128) (c2 complex128, b3 bool)",
}

// oracleSource is a package with the oracle functions, with bodies or
// without.
func oracleSource(bodies bool) string {
	var b strings.Builder
	b.WriteString("package p\n\nimport \"unsafe\"\n\nvar _ unsafe.Pointer\n\n" + oracleDecls)
	for i, s := range oracleSigs {
		fmt.Fprintf(&b, "\nfunc f%d%s", i, s)
		if bodies {
			b.WriteString(" { panic(0) }")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// oracleReports explains every oracle function on arch, through the
// package path of the abi command.
func oracleReports(t *testing.T, dir string, arch *abi.Arch) []*archReport {
	t.Helper()
	pkg, err := loadTypes(dir, "./p", arch.Name)
	if err != nil {
		t.Fatal(err)
	}
	var reps []*archReport
	for i := range oracleSigs {
		fn, err := lookupFunc(pkg, fmt.Sprintf("f%d", i))
		if err != nil {
			t.Fatal(err)
		}
		ar, err := explain(fn, arch)
		if err != nil {
			t.Fatal(err)
		}
		reps = append(reps, ar)
	}
	return reps
}

// vetProbes is assembly that uses every reference of every report at
// its offset, under the TEXT line of the report: a move of the slot's
// width for a scalar where the arch has one, else an instruction vet
// does not size.
func vetProbes(arch *abi.Arch, reps []*archReport) string {
	sa := stubArches[arch.Name]
	var b strings.Builder
	for _, ar := range reps {
		b.WriteString(ar.ABI0.Text + "\n")
		for i, s := range ar.ABI0.Slots {
			if s.Padding {
				continue
			}
			op := "FOO"
			composite := i+1 < len(ar.ABI0.Slots) && ar.ABI0.Slots[i+1].Parent == s.Name
			if m, ok := sa.ints[s.Size]; ok && !composite {
				op = m.load
			}
			fmt.Fprintf(&b, "\t%s %s, %s\n", op, s.Ref, sa.intRegs[0])
		}
	}
	return b.String()
}

// TestABIMatchesVet checks the abi command's ABI0 side against go vet's
// asmdecl on every arch: a file that uses every reference the command
// prints (each component, at its offset, with a move of its width where
// the arch has one) under the TEXT line it prints draws no complaint.
// (asmdecl checks names, offsets and the argument size everywhere, and
// widths on most arches.)
func TestABIMatchesVet(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet")
	}
	dir := writeModule(t, map[string]string{"p/p.go": oracleSource(false)})
	for _, arch := range abi.Arches {
		t.Run(arch.Name, func(t *testing.T) {
			t.Parallel()
			asm := vetProbes(arch, oracleReports(t, dir, arch))
			file := filepath.Join(dir, "p", "p_"+arch.Name+".s")
			if err := os.WriteFile(file, []byte("#include \"textflag.h\"\n"+asm), 0o666); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("go", "vet", "-asmdecl", "./p")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOARCH="+arch.Name, "GOOS="+goosFor(arch.Name), "CGO_ENABLED=0", "GOFLAGS=")
			if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
				t.Errorf("go vet: %v\n%s\n%s", err, out, asm)
			}
		})
	}
}

var reArgs = regexp.MustCompile(`(?m)^p\.(f\d+) STEXT.* args=(0x[0-9a-f]+)`)

// TestABIMatchesCompiler compiles the oracle functions with Go bodies
// for every arch and compares the args= of the compiler's listing with
// the sizes the abi command prints: the rounded ABI0 size where Go
// functions use ABI0, the ABIInternal argument area where they do not.
// (abi/diff_test.go proves every offset and register against the same
// listings; this checks that the command reports them.)
func TestABIMatchesCompiler(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the compiler")
	}
	dir := writeModule(t, map[string]string{"p/p.go": oracleSource(false), "q/q.go": oracleSource(true)})
	for _, arch := range abi.Arches {
		t.Run(arch.Name, func(t *testing.T) {
			t.Parallel()
			reps := oracleReports(t, dir, arch)
			cmd := exec.Command("go", "tool", "compile", "-S", "-p", "p", "-o", filepath.Join(t.TempDir(), "q.o"), "q.go")
			cmd.Dir = filepath.Join(dir, "q")
			cmd.Env = append(os.Environ(), "GOARCH="+arch.Name, "GOOS="+goosFor(arch.Name))
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("compile: %v\n%s", err, out)
			}
			seen := 0
			for _, m := range reArgs.FindAllStringSubmatch(string(out), -1) {
				i, _ := strconv.Atoi(m[1][1:])
				args, _ := strconv.ParseInt(m[2], 0, 64)
				want, what := reps[i].ABI0.CompilerArgSize, "ABI0 compilerArgSize"
				if in := reps[i].ABIInternal; in != nil {
					want, what = in.ArgSize, "ABIInternal argSize"
				}
				if int(args) != want {
					t.Errorf("f%d%s: compiler args=%d, abi command %s %d", i, oracleSigs[i], args, what, want)
				}
				seen++
			}
			if seen != len(oracleSigs) {
				t.Errorf("found %d of %d functions in the listing", seen, len(oracleSigs))
			}
		})
	}
}
