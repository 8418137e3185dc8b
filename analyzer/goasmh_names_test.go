package analyzer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/asmparse"
)

// TestGoAsmHByNameSplits compares go_asm.h given by name and as text on
// packages whose defines' names share parts: a name with several splits
// at an underscore, a constant against a field of a type const_x, and
// packages where two defines have one name (go_asm.h is then read as
// text both ways, with its redefinition errors). A float constant and a
// generic struct type have no define, though the index's candidate
// names include theirs.
func TestGoAsmHByNameSplits(t *testing.T) {
	asm := `#include "go_asm.h"
#include "textflag.h"

TEXT ·f(SB), NOSPLIT, $0-8
	MOVD	$a_b_d, R0
	MOVD	$a_b_c, R1
	MOVD	$a_b__size, R2
	MOVD	$const_x_z, R3
	MOVD	$const_x_y, R4
	MOVD	$const_y, R5
	MOVD	$a_b_d_f, R6
	MOVD	$T_x, R7
	MOVD	$a_nothing, R8
	RET
`
	for _, c := range []struct {
		name, src string
		dup       bool
	}{
		{"splits", `type a_b struct{ c int; d_e int }
type a struct{ b_d int8; d int; b int }
type a_b_d struct{ f, g int }
const x_z = 7
const y = "s"
type const_x struct{ y int32; w int8 }
type T struct{ _ int; x int16 }
const fl = 1.5
type G[P any] struct{ g P }`, false},
		{"const-field", `const x_y = 1
type const_x struct{ y int }`, true},
		{"_size", `type a_b struct{ _size int }`, true},
		{"split-dup", `type a_b struct{ d int }
type a struct{ x int64; b_d int8 }`, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			goName, sName := filepath.Join(dir, "x.go"), filepath.Join(dir, "x_arm64.s")
			src := "package x\n\nfunc f() int64\n\n" + c.src + "\n"
			for name, text := range map[string]string{goName: src, sName: asm} {
				if err := os.WriteFile(name, []byte(text), 0o666); err != nil {
					t.Fatal(err)
				}
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, goName, src, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			info := &types.Info{Defs: map[*ast.Ident]types.Object{}}
			pkg, err := (&types.Config{Sizes: abi.ArchFor("arm64").Sizes}).Check("x", fset, []*ast.File{f}, info)
			if err != nil {
				t.Fatal(err)
			}
			pass := &analysis.Pass{Fset: fset, Files: []*ast.File{f}, OtherFiles: []string{sName}, Pkg: pkg, TypesInfo: info}
			inc := newIncluder(pass)
			lazy, _ := asmparse.ParseFile(fset, sName, []byte(asm), &asmparse.Config{GOARCH: "arm64", Includer: inc, Headers: &asmparse.HeaderCache{}})
			text, _ := asmparse.ParseFile(fset, sName, []byte(asm), &asmparse.Config{GOARCH: "arm64", Includer: textOnly{newIncluder(pass)}})
			if d := diffFiles(fset, lazy, text); d != "" {
				t.Error(d)
			}
			if byName := inc.index != nil && inc.goAsmH == nil; byName == c.dup {
				t.Errorf("go_asm.h given by name: %v; two defines of one name: %v", byName, c.dup)
			}
			if c.dup {
				if len(text.Errors) == 0 || !strings.Contains(text.Errors[0].Msg, "redefinition") {
					t.Errorf("no redefinition error reading go_asm.h as text: %v", text.Errors)
				}
				return
			}
			// diffFiles compared the values; the names were given by name.
			if len(lazy.Errors) != 0 {
				t.Errorf("errors: %v", lazy.Errors)
			}
			for name, want := range map[string]string{"a_b_d": "0", "a_b_c": "0", "a_b__size": "16", "const_x_z": "7", "const_x_y": "0",
				"const_y": `"s"`, "a_b_d_f": "0", "T_x": "8", "const_x_w": "4", "T__size": "16", "a_b_d_e": "8"} {
				if got, ok := inc.index.Lookup(name); !ok || got != want {
					t.Errorf("%s = %q, %v; want %q", name, got, ok, want)
				}
			}
			for _, name := range []string{"a_nothing", "T__", "a_b_d_h", "const_x", "const_T", "a__size_", "T_size", "const_fl", "G__size", "G_g"} {
				if got, ok := inc.index.Lookup(name); ok {
					t.Errorf("%s = %q; want no define", name, got)
				}
			}
		})
	}
}
