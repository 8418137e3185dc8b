package analyzer

import (
	"fmt"
	"go/token"
	"os"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/asmcheck/asmcheck/asmparse"
)

// textOnly hides IncludeMacros: go_asm.h is read as text.
type textOnly struct{ asmparse.Includer }

// TestGoAsmHByName parses the assembly of standard packages twice, with
// go_asm.h given by name (asmparse.LazyIncluder) and as text, and
// compares everything but the positions of the macros' definitions.
func TestGoAsmHByName(t *testing.T) {
	if testing.Short() {
		t.Skip("loads standard packages")
	}
	for _, goarch := range []string{"amd64", "arm64"} {
		t.Run(goarch, func(t *testing.T) {
			cfg := &packages.Config{Mode: packages.LoadAllSyntax,
				Env: append(os.Environ(), "GOARCH="+goarch, "GOOS=linux", "CGO_ENABLED=0")}
			pkgs, err := packages.Load(cfg, "runtime", "internal/bytealg", "internal/runtime/atomic", "reflect", "math/big")
			if err != nil {
				t.Fatal(err)
			}
			var files, byName atomic.Int64 // packages are analyzed concurrently
			check := &analysis.Analyzer{Name: "goasmh", Doc: "compare go_asm.h by name and as text", Run: func(pass *analysis.Pass) (any, error) {
				for _, name := range pass.OtherFiles {
					if !strings.HasSuffix(name, ".s") {
						continue
					}
					src, err := os.ReadFile(name)
					if err != nil {
						return nil, err
					}
					arch, _ := asmparse.ArchOf(name, src)
					inc := newIncluder(pass)
					lazy, _ := asmparse.ParseFile(pass.Fset, name, src, &asmparse.Config{GOARCH: arch, Includer: inc, Headers: &asmparse.HeaderCache{}})
					text, _ := asmparse.ParseFile(pass.Fset, name, src, &asmparse.Config{GOARCH: arch, Includer: textOnly{newIncluder(pass)}})
					if d := diffFiles(pass.Fset, lazy, text); d != "" {
						t.Errorf("%s: %s", name, d)
					}
					for _, path := range lazy.Includes {
						if strings.HasSuffix(path, "go_asm.h (computed)") {
							if inc.index == nil || inc.goAsmH != nil {
								t.Errorf("%s: go_asm.h was read as text", name)
							}
							byName.Add(1)
						}
					}
					files.Add(1)
				}
				return nil, nil
			}}
			if _, err := checker.Analyze([]*analysis.Analyzer{check}, pkgs, nil); err != nil {
				t.Fatal(err)
			}
			t.Logf("%d files compared, %d with go_asm.h", files.Load(), byName.Load())
			if files.Load() == 0 || byName.Load() == 0 {
				t.Fatal("no assembly file with go_asm.h compared")
			}
		})
	}
}

// diffFiles describes the first difference between two parses of a file.
func diffFiles(fset *token.FileSet, a, b *asmparse.File) string {
	pos := func(p token.Pos) string { return fset.Position(p).String() }
	if len(a.Stmts) != len(b.Stmts) {
		return fmt.Sprintf("%d statements, %d", len(a.Stmts), len(b.Stmts))
	}
	for i := range a.Stmts {
		if x, y := stmtString(pos, a, i), stmtString(pos, b, i); x != y {
			return fmt.Sprintf("statement %d:\n\t%s\n\t%s", i, x, y)
		}
	}
	var ea, eb []string
	for _, e := range a.Errors {
		ea = append(ea, pos(e.Pos)+": "+e.Msg+" "+e.Macro)
	}
	for _, e := range b.Errors {
		eb = append(eb, pos(e.Pos)+": "+e.Msg+" "+e.Macro)
	}
	switch {
	case !reflect.DeepEqual(ea, eb):
		return fmt.Sprintf("errors %q, %q", ea, eb)
	case !reflect.DeepEqual(a.Includes, b.Includes):
		return fmt.Sprintf("includes %q, %q", a.Includes, b.Includes)
	case !reflect.DeepEqual(a.Missing, b.Missing):
		return fmt.Sprintf("missing %q, %q", a.Missing, b.Missing)
	case len(a.Directives) != len(b.Directives):
		return "directives differ"
	}
	ma, mb := a.Macros(), b.Macros()
	if len(ma) != len(mb) {
		return fmt.Sprintf("%d macros, %d", len(ma), len(mb))
	}
	for name, m := range ma {
		n := mb[name]
		if n == nil || macroString(m) != macroString(n) {
			return "macro " + name + " differs"
		}
	}
	return ""
}

func macroString(m *asmparse.Macro) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s%v %v:", m.Name, m.Params, m.Builtin)
	for _, t := range m.Body() {
		fmt.Fprintf(&b, " %v%q", t.Kind, t.Text)
	}
	return b.String()
}

func stmtString(pos func(token.Pos) string, f *asmparse.File, i int) string {
	s := &f.Stmts[i]
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s%s bad=%v", pos(s.Pos), s.Op, s.Suffix(), s.Bad)
	for _, l := range f.StmtLabels(i) {
		fmt.Fprintf(&b, " label %s@%s", l.Name, pos(l.Pos))
	}
	for e := s.Exp; e != nil; e = e.Parent {
		fmt.Fprintf(&b, " in %s@%s", e.Macro.Name, pos(e.Use))
	}
	for i := range s.Args {
		b.WriteString(" | ")
		operandString(&b, pos, &s.Args[i])
	}
	return b.String()
}

func operandString(b *strings.Builder, pos func(token.Pos) string, o *asmparse.Operand) {
	fmt.Fprintf(b, "%v %v %d %v %v %v %v %s %q %q %q %q %d %q %q %q %q %d %q %d %d %d %v %q %q [",
		o.Kind, o.Shift(), o.Scale, o.Star(), o.Static(), o.HasLane(), o.HasArgs(), pos(o.Pos), o.Text, o.Reg(), o.Sym(), o.Index(), o.Val,
		o.Reg2(), o.Ext(), o.ABI(), o.ShiftReg(), o.ShiftAmt(), o.IndexExt(), o.IndexShift(), o.Lane(), o.Args(), o.Float(), o.Str(), o.Unresolved())
	for _, r := range o.List() {
		operandString(b, pos, &r)
	}
	b.WriteString("]")
}
