package analyzer

import (
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestLoadConcurrent loads a package of many files that share go_asm.h
// and a header of their own, with the files parsed concurrently
// (loadFiles) and one after the other, and checks that both give the
// same files in the same order and the same diagnostics. Under -race it
// also checks that what the files share is safe for concurrent use.
func TestLoadConcurrent(t *testing.T) {
	goSrc := "package x\n\nconst size = 24\n\ntype T struct{ a, b int64 }\n\n"
	srcs := map[string]string{"shared.h": "#define LOADA(r) MOVQ a+0(FP), r\n"}
	for i := range 9 {
		goSrc += fmt.Sprintf("func f%d(a int64, p *T) int64\n", i)
		// Each file reads T_b from go_asm.h and uses the shared macro;
		// every third one gives a wrong argument size.
		args := "const_size"
		if i%3 == 0 {
			args = "16"
		}
		srcs[fmt.Sprintf("f%d_amd64.s", i)] = fmt.Sprintf("#include \"go_asm.h\"\n#include \"shared.h\"\n\n"+
			"TEXT ·f%d(SB), 0, $0-%s\n\tLOADA(AX)\n\tMOVQ p+8(FP), BX\n\tADDQ T_b(BX), AX\n\tADDQ $const_size, AX\n\tMOVQ AX, ret+16(FP)\n\tRET\n", i, args)
	}
	run := func(procs int) ([]string, []string) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		diags, fset, pkg := runAllGo(t, "amd64", goSrc, srcs)
		var files, out []string
		for _, f := range pkg.Files {
			files = append(files, filepath.Base(f.Name))
		}
		for _, d := range diags {
			p := fset.Position(d.Pos)
			out = append(out, fmt.Sprintf("%s:%d:%d: %s", filepath.Base(p.Filename), p.Line, p.Column, d.Message))
		}
		return files, out
	}
	seqFiles, seq := run(1)
	t.Log(strings.Join(seq, "\n"))
	if len(seqFiles) != 9 || !slices.IsSorted(seqFiles) {
		t.Fatalf("files loaded one after the other: %v, want f0_amd64.s … f8_amd64.s", seqFiles)
	}
	if n := len(seq); n != 3 || !strings.Contains(seq[0], "f0_amd64.s:4:") {
		t.Fatalf("%d diagnostics one file after the other, want 3 (argsize in f0, f3, f6):\n%s", n, strings.Join(seq, "\n"))
	}
	for range 5 {
		files, got := run(4)
		if !slices.Equal(files, seqFiles) || !slices.Equal(got, seq) {
			t.Fatalf("loaded concurrently:\n%v\n%s\none after the other:\n%v\n%s", files, strings.Join(got, "\n"), seqFiles, strings.Join(seq, "\n"))
		}
	}
}
