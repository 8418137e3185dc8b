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
