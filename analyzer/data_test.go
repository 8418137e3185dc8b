package analyzer

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

func TestData(t *testing.T) { runArches(t, Data, "data", "amd64", "arm64") }

// TestDataAgainstLinker builds (and runs) small programs on the host for
// the data rules that fail late: each program makes one mistake, the data
// check must report it (// want comments, which the assembler ignores),
// and the linker or the running program must fail the way the message
// says. The last program is the fixed version of all of them: silent,
// and it links and runs.
func TestDataAgainstLinker(t *testing.T) {
	if testing.Short() {
		t.Skip("links programs")
	}
	arch := runtime.GOARCH
	mov, load := "MOVQ", "MOVQ ·y(SB), AX\n\tMOVQ AX, ret+0(FP)"
	switch arch {
	case "amd64":
	case "arm64":
		mov, load = "MOVD", "MOVD ·y(SB), R0\n\tMOVD R0, ret+0(FP)"
	default:
		t.Skip("host arch not covered")
	}
	store := mov + " $1, x<>(SB)"
	if arch == "arm64" {
		store = "MOVD $1, R1\n\tMOVD R1, x<>(SB)"
	}
	const hdr = "#include \"textflag.h\"\n\n"
	getY := "TEXT ·get(SB), NOSPLIT, $0-8\n\t" + load + "\n\tRET\n"
	for _, tc := range []struct {
		name    string
		goVar   string            // declaration of y, if any
		files   map[string]string // .s files
		failure string            // in the build output, or the program's
	}{
		{"bounds", "", map[string]string{"a.s": hdr + getY +
			"DATA ·y+0(SB)/8, $1\nDATA ·y+8(SB)/8, $2 // want `past the 8 bytes`\nGLOBL ·y(SB), NOPTR, $8\n"},
			"initialize bounds (8 < 16)"},
		{"notype", "", map[string]string{"a.s": hdr + getY + "GLOBL ·y(SB), $8 // want `missing Go type information`\n"},
			"missing Go type information for global symbol"},
		{"notypeData", "var y uint64", map[string]string{"a.s": hdr + getY +
			"DATA ·y+0(SB)/8, $1\nGLOBL ·y(SB), $8 // want `the DATA here makes this the definition`\n"},
			"missing Go type information for global symbol"},
		{"dropped", "var y uint64", map[string]string{"a.s": hdr + getY + "DATA ·y+0(SB)/8, $7 // want `these bytes are dropped and y stays zero`\n"},
			"get() = 0"},
		{"orphan", "", map[string]string{"a.s": hdr + getY + "DATA ·y+0(SB)/8, $7 // want `a program that uses it fails to link`\n"},
			"relocation target"},
		{"duplicate", "", map[string]string{"a.s": hdr + getY + "DATA ·y+0(SB)/8, $1\nGLOBL ·y(SB), NOPTR, $8\n",
			"b.s": hdr + "DATA ·y+0(SB)/8, $2\nGLOBL ·y(SB), NOPTR, $8 // want `duplicated definition`\n"},
			"duplicated definition of symbol"},
		{"rodataStore", "", map[string]string{"a.s": hdr + getY + "GLOBL ·y(SB), NOPTR, $8\n" +
			"TEXT ·poke(SB), NOSPLIT, $0-0\n\t" + store + " // want `stores to x<>`\n\tRET\n" +
			"DATA x<>+0(SB)/8, $1\nGLOBL x<>(SB), RODATA, $8\n"},
			"SIGSEGV"},
		{"fixed", "var y uint64", map[string]string{"a.s": hdr + getY +
			"DATA ·y+0(SB)/8, $7\nDATA ·y+8(SB)/8, $8\nGLOBL ·y(SB), NOPTR, $16\n" +
			"TEXT ·poke(SB), NOSPLIT, $0-0\n\t" + store + "\n\tRET\n" +
			"DATA x<>+0(SB)/8, $1\nGLOBL x<>(SB), NOPTR, $8\n"},
			""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			for name, src := range tc.files {
				files[strings.TrimSuffix(name, ".s")+"_"+arch+".s"] = src
			}
			files["main.go"] = dataMain(tc.goVar, strings.Contains(tc.files["a.s"], "·poke"))
			out := buildAndRun(t, files)
			if tc.failure == "" && out != "get() = 7\n" || tc.failure != "" && !strings.Contains(out, tc.failure) {
				t.Errorf("want %q in the output; got:\n%s", tc.failure, lastLines([]byte(out), 8))
			}
			dir := t.TempDir()
			pkg := filepath.Join(dir, "src", "datalink")
			if err := os.MkdirAll(pkg, 0o777); err != nil {
				t.Fatal(err)
			}
			for name, src := range files {
				write(t, filepath.Join(pkg, name), []byte(src))
			}
			t.Setenv("GOOS", "linux")
			t.Setenv("GOARCH", arch)
			t.Setenv("CGO_ENABLED", "0")
			analysistest.Run(t, dir, Data, "datalink")
		})
	}
}

// dataMain is the main package of a data program: it prints get() and,
// if poke is true, first calls poke, which stores to data.
func dataMain(goVar string, poke bool) string {
	src := "package main\n\n" + goVar + "\n\nfunc get() uint64\n"
	body := "\tprintln(\"get() =\", get())\n"
	if poke {
		src += "func poke()\n"
		body = "\tpoke()\n" + body
	}
	if strings.HasPrefix(goVar, "var y") {
		body += "\t_ = y\n"
	}
	return src + "\nfunc main() {\n" + body + "}\n"
}

// buildAndRun builds the files as a program for the host and runs it,
// and returns the build's output if it fails, else the program's.
func buildAndRun(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), []byte("module datalink\n\ngo 1.26\n"))
	for name, src := range files {
		write(t, filepath.Join(dir, name), []byte(src))
	}
	bin := filepath.Join(dir, "x")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		return string(out)
	}
	out, _ := exec.Command(bin).CombinedOutput()
	return string(out)
}
