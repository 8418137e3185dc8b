package analyzer

import (
	"bytes"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// TestUsesOfEach checks that usesOfEach, in both its phases, finds the
// identifiers TypesInfo.Uses gives for every package-level function of a
// few std packages.
func TestUsesOfEach(t *testing.T) {
	if testing.Short() {
		t.Skip("loads std packages")
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo}
	pkgs, err := packages.Load(cfg, "syscall", "os", "internal/poll")
	if err != nil {
		t.Fatal(err)
	}
	for _, pk := range pkgs {
		pass := &analysis.Pass{Files: pk.Syntax, TypesInfo: pk.TypesInfo, Pkg: pk.Types, Fset: pk.Fset}
		p := &Package{Pass: pass, Decls: goDecls(pass)}
		want := map[types.Object]bool{}
		scope := pk.Types.Scope()
		for _, name := range scope.Names() {
			if fn, ok := scope.Lookup(name).(*types.Func); ok {
				want[fn] = true
			}
		}
		first := p.usesOfEach(want, unresolvedUses)
		second := p.usesOfEach(want, declFileUses)
		all := p.usesOfEach(want, allUses)
		n := 0
		for obj := range want {
			var exp []any
			for id, o := range pk.TypesInfo.Uses {
				if o == obj {
					exp = append(exp, id)
				}
			}
			n += len(exp)
			var got, gotAll []any
			for _, id := range append(first[obj], second[obj]...) {
				got = append(got, id)
			}
			for _, id := range all[obj] {
				gotAll = append(gotAll, id)
			}
			for _, ids := range [][]any{got, gotAll} {
				if len(ids) != len(exp) {
					t.Errorf("%s.%s: %d uses found, want %d", pk.PkgPath, obj.Name(), len(ids), len(exp))
					continue
				}
				for _, id := range exp {
					if !slices.Contains(ids, id) {
						t.Errorf("%s.%s: a use is missing", pk.PkgPath, obj.Name())
					}
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no uses of its functions", pk.PkgPath)
		}
	}
}

// TestDefinedElsewhere checks the scan of other configurations' files:
// each file is listed once per function it defines, files for another
// GOOS or excluded by their build line are not.
func TestDefinedElsewhere(t *testing.T) {
	t.Setenv("GOOS", "linux")
	dir := t.TempDir()
	files := map[string]string{
		"a_arm64.s":         "#include \"textflag.h\"\n\nTEXT ·f(SB),NOSPLIT,$0\n\tRET\n\nTEXT ·g(SB),NOSPLIT,$0-8\n\tRET\nTEXT ·g(SB),NOSPLIT,$0-8\n\tRET\n",
		"b_386.s":           "TEXT p·f(SB),4,$0\n\tRET\n// TEXT ·h(SB) in a comment\nTEXT other·h(SB),4,$0\n\tRET\n",
		"c_windows_amd64.s": "TEXT ·f(SB),4,$0\n\tRET\n",
		"d_arm.s":           "// Copyright\n\n//go:build !linux\n\nTEXT ·f(SB),4,$0\n\tRET\n",
		"e.go":              "package p\n",
	}
	var names []string
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(src), 0o666); err != nil {
			t.Fatal(err)
		}
		names = append(names, path)
	}
	slices.Sort(names)
	p := &Package{Pass: &analysis.Pass{IgnoredFiles: names, Pkg: types.NewPackage("p", "p")}}
	got := p.definedElsewhere(p.otherConfigFiles(), map[string]bool{"f": true, "g": true, "h": true})
	want := map[string][]string{"f": {"a_arm64.s", "b_386.s"}, "g": {"a_arm64.s"}}
	if len(got) != len(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for name, files := range want {
		if !slices.Equal(got[name], files) {
			t.Errorf("%s: got %v, want %v", name, got[name], files)
		}
	}
}

// TestWordAt checks the whole-word search mayUseInFile relies on.
func TestWordAt(t *testing.T) {
	for _, c := range []struct {
		src  string
		from int
		want int
	}{
		{"func f() { f() }", 0, 5},
		{"func f() { f() }", 6, 11},
		{"func ff() { f_() f2() xf() }", 0, -1},
		{"f", 0, 0},
		{"éf fé f.f", 0, 8}, // a multi-byte letter makes a longer identifier
		{"", 0, -1},
	} {
		if got := wordAt([]byte(c.src), "f", c.from); got != c.want {
			t.Errorf("wordAt(%q, f, %d) = %d, want %d", c.src, c.from, got, c.want)
		}
	}
}

// TestContainsAny checks the one-pass search of definedElsewhere.
func TestContainsAny(t *testing.T) {
	needles := [][]byte{[]byte("·ab"), []byte("·cd")}
	for src, want := range map[string]bool{
		"TEXT ·cd(SB)": true, "x·ab": true, "·a ·c ·": false, "ab cd": false, "": false, "··ab": true,
	} {
		if got := containsAny([]byte(src), needles); got != want {
			t.Errorf("containsAny(%q) = %v, want %v", src, got, want)
		}
	}
}

// TestReadInto checks readInto against os.ReadFile on files around its
// buffer's sizes, reusing the buffer as definedElsewhere does.
func TestReadInto(t *testing.T) {
	dir := t.TempDir()
	var buf []byte
	for _, n := range []int{0, 1, 64<<10 - 1, 64 << 10, 64<<10 + 1, 200 << 10, 3} {
		name := filepath.Join(dir, "f")
		want := make([]byte, n)
		for i := range want {
			want[i] = byte(i*7 + n)
		}
		if err := os.WriteFile(name, want, 0o644); err != nil {
			t.Fatal(err)
		}
		var err error
		if buf, err = readInto(buf, name); err != nil || !bytes.Equal(buf, want) {
			t.Errorf("readInto of %d bytes: %d bytes, %v", n, len(buf), err)
		}
	}
	if _, err := readInto(buf, filepath.Join(dir, "missing")); err == nil {
		t.Error("readInto of a missing file: no error")
	}
}
