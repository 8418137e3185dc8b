package asmparse

import (
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

// goroot returns $(go env GOROOT)/src.
func gorootSrc(t testing.TB) string {
	dir := filepath.Join(runtime.GOROOT(), "src")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no GOROOT source")
	}
	return dir
}

// corpusFiles lists every .s file under GOROOT/src.
func corpusFiles(t testing.TB) []string {
	var files []string
	root := gorootSrc(t)
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".s") {
			files = append(files, path)
		}
		return nil
	})
	return files
}

// invalidCorpus are GOROOT files written to be rejected by the assembler.
var invalidCorpus = map[string]string{
	"go/build/testdata/bads/bad.s": "deliberately invalid, for go/build tests",
}

func isInvalidCorpus(rel string) bool {
	if _, ok := invalidCorpus[rel]; ok {
		return true
	}
	return strings.HasPrefix(rel, "cmd/asm/internal/asm/testdata/") && strings.HasSuffix(rel, "error.s")
}

// corpusArches returns the arches a GOROOT file is assembled for. The
// cmd/asm encoder tests name their files after the arch (amd64enc.s,
// ppc64_p10.s, avx512enc/*.s) and pass it to the assembler themselves.
func corpusArches(rel string, src []byte) []string {
	if strings.HasPrefix(rel, "cmd/asm/internal/asm/testdata/") {
		base := filepath.Base(rel)
		if strings.Contains(rel, "/avx512enc/") {
			return []string{"amd64"}
		}
		best := ""
		for _, a := range Arches {
			if strings.HasPrefix(base, a) && len(a) > len(best) {
				best = a
			}
		}
		if best != "" {
			return []string{best}
		}
	}
	return FileArches(rel, src)
}

func TestCorpusParses(t *testing.T) {
	root := gorootSrc(t)
	inc := &DirIncluder{Dirs: []string{filepath.Join(runtime.GOROOT(), "pkg", "include")}, Virtual: map[string][]byte{"go_asm.h": nil}}
	nfiles, nparses, nstmts, nbad := 0, 0, 0, 0
	for _, path := range corpusFiles(t) {
		rel, _ := filepath.Rel(root, path)
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		nfiles++
		for _, arch := range corpusArches(rel, src) {
			fset := token.NewFileSet()
			f, err := ParseFile(fset, path, src, &Config{GOARCH: arch, Includer: inc})
			nparses++
			nstmts += len(f.Stmts)
			if isInvalidCorpus(rel) {
				continue
			}
			if err != nil {
				nbad++
				el := err.(ErrorList)
				if len(el) > 3 {
					el = el[:3]
				}
				t.Errorf("%s [%s]:\n%s", rel, arch, el.Format(fset))
			}
		}
	}
	t.Logf("%d files, %d (file, arch) parses, %d statements, %d with errors", nfiles, nparses, nstmts, nbad)
}

// TestFastOperands checks that the parser's fast paths for common
// lines and operands give exactly what the general path gives, over the
// corpus.
func TestFastOperands(t *testing.T) {
	root := gorootSrc(t)
	inc := &DirIncluder{Dirs: []string{filepath.Join(runtime.GOROOT(), "pkg", "include")}, Virtual: map[string][]byte{"go_asm.h": nil}}
	parse := func(path string, src []byte, arch string, slow bool) *File {
		noFastOperands, noFastLines = slow, slow
		defer func() { noFastOperands, noFastLines = false, false }()
		f, _ := ParseFile(token.NewFileSet(), path, src, &Config{GOARCH: arch, Includer: inc})
		return f
	}
	n := 0
	for _, path := range corpusFiles(t) {
		rel, _ := filepath.Rel(root, path)
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, arch := range corpusArches(rel, src) {
			fast, slow := parse(path, src, arch, false), parse(path, src, arch, true)
			if len(fast.Stmts) != len(slow.Stmts) {
				t.Fatalf("%s [%s]: %d statements, %d without fast paths", rel, arch, len(fast.Stmts), len(slow.Stmts))
			}
			for i := range fast.Stmts {
				a, b := &fast.Stmts[i], &slow.Stmts[i]
				if !reflect.DeepEqual(a, b) || a.Mnemonic() != b.Mnemonic() {
					t.Errorf("%s [%s] statement %d: %s %+v, without fast paths %s %+v", rel, arch, i, a.Mnemonic(), a, b.Mnemonic(), b)
				}
				n += len(a.Args)
			}
			if !reflect.DeepEqual(fast.Labels, slow.Labels) {
				t.Errorf("%s [%s]: labels differ without fast paths", rel, arch)
			}
			if !reflect.DeepEqual(fast.Errors, slow.Errors) || !reflect.DeepEqual(fast.Directives, slow.Directives) ||
				!reflect.DeepEqual(fast.Includes, slow.Includes) || !reflect.DeepEqual(fast.Missing, slow.Missing) {
				t.Errorf("%s [%s]: errors, directives or includes differ without fast paths", rel, arch)
			}
		}
	}
	t.Logf("%d operands compared", n)
}

// TestConcurrentParse parses files from several goroutines at once (run
// with -race): the caches of built-in macros and the scratch buffers are
// shared.
func TestConcurrentParse(t *testing.T) {
	files := corpusFiles(t)
	if len(files) > 80 {
		files = files[:80]
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, path := range files {
				src, err := os.ReadFile(path)
				if err != nil {
					t.Error(err)
					return
				}
				ParseFile(token.NewFileSet(), path, src, &Config{Defines: []string{"X=1", "Y"}})
			}
		}()
	}
	wg.Wait()
}

// TestNameTail compares nameTail with the plain split it replaced, over
// every file name of GOROOT/src and a few made-up ones.
func TestNameTail(t *testing.T) {
	split := func(filename string) []string {
		base := strings.TrimSuffix(filepath.Base(filename), filepath.Ext(filename))
		parts := strings.Split(base, "_")
		if len(parts) <= 1 {
			return nil
		}
		parts = parts[1:]
		if n := len(parts); parts[n-1] == "test" {
			parts = parts[:n-1]
		}
		return parts[max(0, len(parts)-2):]
	}
	names := []string{"", "x", "x.s", "_.s", "x_.s", "x__.s", "a_b.s", "a_b_c_d_e.s", "x_test.s", "x_linux_amd64_test.s",
		"x_test_test.s", "dir_x/y.s", "dir/x_arm64", "x_amd64.s.s", ".s", "x_a.b_c.s", "x_linux_test_amd64.s"}
	filepath.WalkDir(gorootSrc(t), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, path)
		}
		return nil
	})
	for _, name := range names {
		tail, n := nameTail(name)
		if got, want := tail[:n], split(name); !slices.Equal(got, want) {
			t.Errorf("nameTail(%q) = %q, want %q", name, got, want)
		}
	}
}
