package frame

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/asmcheck/asmcheck/asmparse"
)

// An x86File is one GOROOT assembly file read as one x86 arch.
type x86File struct {
	rel  string
	fset *token.FileSet
	file *asmparse.File
}

// x86Corpus parses every .s file under $GOROOT/src that is assembled for
// arch: by name or build constraint, and the cmd/asm encoder tests
// (amd64*.s and avx512enc/*.s for amd64, 386*.s for 386), which are
// assembled for their arch by cmd/asm's own tests whatever their names.
func x86Corpus(t testing.TB, arch string) []x86File {
	t.Helper()
	root := filepath.Join(runtime.GOROOT(), "src")
	if _, err := os.Stat(root); err != nil {
		t.Skip("no GOROOT source")
	}
	inc := &asmparse.DirIncluder{Virtual: map[string][]byte{"go_asm.h": nil}}
	var out []x86File
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".s") {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !x86CorpusHas(rel, src, arch) {
			return nil
		}
		fset := token.NewFileSet()
		f, _ := asmparse.ParseFile(fset, path, src, &asmparse.Config{GOARCH: arch, Includer: inc})
		out = append(out, x86File{rel: filepath.ToSlash(rel), fset: fset, file: f})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// x86CorpusHas reports whether the GOROOT file rel is assembled for arch.
func x86CorpusHas(rel string, src []byte, arch string) bool {
	rel = filepath.ToSlash(rel)
	if rel == "go/build/testdata/bads/bad.s" {
		return false
	}
	const asmTestdata = "cmd/asm/internal/asm/testdata/"
	if strings.HasPrefix(rel, asmTestdata) {
		base := filepath.Base(rel)
		switch {
		case strings.HasSuffix(base, "error.s"):
			return false // written to be rejected
		case strings.Contains(rel, "/avx512enc/"):
			return arch == "amd64"
		case arch == "amd64":
			return strings.HasPrefix(base, "amd64")
		default:
			return strings.HasPrefix(base, arch)
		}
	}
	for _, a := range asmparse.FileArches(rel, src) {
		if a == arch {
			return x86BuildAdmits(src, arch)
		}
	}
	return false
}

// x86GOARCHes are the GOARCH values go/build knows, including those Go no
// longer supports: asmparse.FileArches takes amd64p32 for a free tag, so
// that "//go:build amd64 || amd64p32" seems to admit 386
// (cmd/cgo/internal/test/issue9400/asm_amd64x.s).
var x86GOARCHes = strings.Fields(`386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle
	mips64 mips64le mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm`)

// x86BuildAdmits reports whether src's //go:build line can hold for
// GOARCH=arch, every other GOARCH being false and other tags free.
func x86BuildAdmits(src []byte, arch string) bool {
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
		if !slices.Contains(x86GOARCHes, tag) && !slices.Contains(free, tag) {
			free = append(free, tag)
		}
		return false
	})
	free = free[:min(len(free), 10)]
	for bits := 0; bits < 1<<len(free); bits++ {
		ok := expr.Eval(func(tag string) bool {
			if slices.Contains(x86GOARCHes, tag) {
				return tag == arch
			}
			i := slices.Index(free, tag)
			return i >= 0 && bits&(1<<i) != 0
		})
		if ok {
			return true
		}
	}
	return false
}

// x86Shape is a mnemonic with its suffix and operand count.
type x86Shape struct {
	op string
	n  int
}

func (s x86Shape) String() string { return fmt.Sprintf("%s/%d", s.op, s.n) }

// testX86Coverage lowers every statement of arch's corpus and fails for
// every (mnemonic, operand count) that lowers to an unknown Effect.
func testX86Coverage(t *testing.T, arch string) {
	a := ArchFor(arch)
	if a == nil {
		t.Fatalf("no Arch for %s", arch)
	}
	files := x86Corpus(t, arch)
	known := map[string]bool{}
	unknown := map[x86Shape][]string{}
	stmts, insts, data := 0, 0, 0
	for _, xf := range files {
		for i := range xf.file.Stmts {
			s := &xf.file.Stmts[i]
			if s.Op == "" || s.Bad {
				continue
			}
			stmts++
			e := a.Lower(s, i)
			switch {
			case e.Attrs&AttrData != 0:
				data++
			case !e.Known:
				k := x86Shape{s.Mnemonic(), len(s.Args)}
				unknown[k] = append(unknown[k], xf.fset.Position(s.Pos).String())
			case e.Pseudo == NotPseudo:
				insts++
				known[s.Op] = true
			}
		}
	}
	var shapes []x86Shape
	for k := range unknown {
		shapes = append(shapes, k)
	}
	sort.Slice(shapes, func(i, j int) bool { return shapes[i].String() < shapes[j].String() })
	for _, k := range shapes {
		t.Errorf("%s: unknown %s (%d uses, e.g. %s)", arch, k, len(unknown[k]), unknown[k][0])
	}
	t.Logf("%s: %d files, %d statements: %d instructions of %d distinct mnemonics lowered, %d data directives, %d unknown shapes",
		arch, len(files), stmts, insts, len(known), data, len(shapes))
}

// TestAMD64Coverage requires every instruction in GOROOT's amd64 assembly
// to lower to a known Effect.
func TestAMD64Coverage(t *testing.T) { testX86Coverage(t, "amd64") }

// Test386Coverage does the same for 386.
func Test386Coverage(t *testing.T) { testX86Coverage(t, "386") }

// x86OptabForms returns every (mnemonic, operand count) the Go assembler
// accepts for 386 and amd64: the optab of cmd/internal/obj/x86/asm6.go and
// avx_optabs.go, whose ytab argLists give the operand classes of each
// form, read from $GOROOT/src.
func x86OptabForms(t *testing.T) map[x86Shape]bool {
	forms := map[x86Shape]bool{}
	for _, f := range x86Optab(t) {
		forms[x86Shape{f.op, len(f.classes)}] = true
	}
	if len(forms) < 2000 {
		t.Fatalf("found only %d optab forms", len(forms))
	}
	return forms
}

// An x86OptabForm is one ytab of one mnemonic: its operand classes
// (Yml, Yxr …) in Go order.
type x86OptabForm struct {
	op      string
	classes []string
}

// x86Optab reads the optab of cmd/internal/obj/x86 from $GOROOT/src.
func x86Optab(t *testing.T) []x86OptabForm {
	dir := filepath.Join(runtime.GOROOT(), "src", "cmd", "internal", "obj", "x86")
	fset := token.NewFileSet()
	ytabs := map[string][][]string{} // ytab var → operand classes of each form
	var optab []*ast.CompositeLit
	for _, name := range []string{"asm6.go", "avx_optabs.go"} {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		if err != nil {
			t.Skipf("cmd/internal/obj/x86 source: %v", err)
		}
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Values) != 1 {
					continue
				}
				lit, ok := vs.Values[0].(*ast.CompositeLit)
				if !ok {
					continue
				}
				switch name := vs.Names[0].Name; {
				case name == "optab" || name == "avxOptab":
					optab = append(optab, lit)
				case x86IsYtab(lit):
					for _, e := range lit.Elts {
						ytabs[name] = append(ytabs[name], x86ArgClasses(e.(*ast.CompositeLit)))
					}
				}
			}
		}
	}
	var forms []x86OptabForm
	for _, lit := range optab {
		for _, e := range lit.Elts {
			row := e.(*ast.CompositeLit)
			var as, yt ast.Expr
			if len(row.Elts) < 2 {
				continue
			}
			as, yt = row.Elts[0], row.Elts[1]
			if kv, ok := as.(*ast.KeyValueExpr); ok {
				as, yt = kv.Value, row.Elts[1].(*ast.KeyValueExpr).Value
			}
			op := types.ExprString(as)
			op = strings.TrimPrefix(strings.TrimPrefix(op, "obj."), "A")
			id, ok := yt.(*ast.Ident)
			if !ok {
				continue // nil: not implemented (ENTER, FFREE) or handled elsewhere (ADJSP)
			}
			for _, cl := range ytabs[id.Name] {
				forms = append(forms, x86OptabForm{op, cl})
			}
		}
	}
	return forms
}

func x86IsYtab(lit *ast.CompositeLit) bool {
	at, ok := lit.Type.(*ast.ArrayType)
	if !ok {
		return false
	}
	id, ok := at.Elt.(*ast.Ident)
	return ok && id.Name == "ytab"
}

// x86ArgClasses returns the operand classes of one ytab: the elements of
// its argList other than Ynone.
func x86ArgClasses(y *ast.CompositeLit) []string {
	var out []string
	for _, e := range y.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			e = kv.Value
		}
		if al, ok := e.(*ast.CompositeLit); ok && types.ExprString(al.Type) == "argList" {
			for _, a := range al.Elts {
				if c := types.ExprString(a); c != "Ynone" {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// x86NotInstructions are optab entries that are not instructions of
// ours: pseudo-instructions the engine lowers itself, data directives
// (unknown by design), and the compiler's own.
var x86NotInstructions = map[string]bool{
	"TEXT": true, "FUNCDATA": true, "PCDATA": true, "NOP": true, "XXX": true, "END": true,
	"BYTE": true, "WORD": true, "LONG": true, "QUAD": true,
	"DUFFCOPY": true, "DUFFZERO": true,
}

// TestX86OptabComplete requires every form the Go assembler accepts, not
// only those GOROOT uses, to lower to a known Effect.
func TestX86OptabComplete(t *testing.T) {
	forms := x86OptabForms(t)
	var missing []string
	for _, arch := range []string{"amd64", "386"} {
		a := ArchFor(arch)
		for k := range forms {
			if !x86NotInstructions[k.op] && !a.Knows(k.op, k.n) {
				missing = append(missing, arch+" "+k.String())
			}
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("not known: %s", m)
	}
	t.Logf("%d (mnemonic, operand count) forms in the assembler's optab", len(forms))
}

// TestX86TableGenerated checks that x86table.go is what the generator
// makes of the data in the module cache and this GOROOT.
func TestX86TableGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	out, err := exec.Command("go", "run", "./internal/gen/x86").Output()
	if err != nil {
		t.Skipf("generator: %v", err)
	}
	have, err := os.ReadFile("x86table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, have) {
		t.Errorf("x86table.go is stale: run go generate in frame (go run ./internal/gen/x86 -o x86table.go)")
	}
}
