package abi

import (
	"bufio"
	"fmt"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// unnamedSource returns "func name(T0, T1) (U0)" with unnamed
// parameters and results.
func (s genSig) unnamedSource(name string) string {
	return fmt.Sprintf("func %s(%s) (%s)", name, strings.Join(s.params, ", "), strings.Join(s.results, ", "))
}

// vetCase is a package of body-less functions and, per arch, an
// assembly file that names every variable of every Frame and probes
// every byte offset, with the message go vet must print for each line.
type vetCase struct {
	goSrc string
	sigs  map[string]*types.Signature
	names []string
}

func newVetCase(t *testing.T, n int, seed int64) *vetCase {
	g := newSigGen(seed)
	var decls strings.Builder
	var names []string
	for i := 0; i < n; i++ {
		s, name := g.sig(), fmt.Sprintf("f%d", i)
		src := s.source(name)
		if i%3 == 2 {
			src = s.unnamedSource(name)
		}
		fmt.Fprintf(&decls, "%s\n", src)
		names = append(names, name)
	}
	goSrc := "package x\n\nimport \"unsafe\"\n\nvar _ unsafe.Pointer\n\n" + strings.Join(g.decls, "\n") + "\n\n" + decls.String()
	return &vetCase{goSrc: goSrc, sigs: checkProgram(t, goSrc), names: names}
}

// asmFile writes the probe assembly for arch (the probes load into R5:
// asmdecl skips any line that writes its stack register, R1 on ppc64) and returns it with the
// expected vet message per line ("" for none).
func (v *vetCase) asmFile(t *testing.T, arch *Arch) (string, map[int]string) {
	var b strings.Builder
	want := map[int]string{}
	line := 1
	emit := func(text, msg string) {
		b.WriteString(text + "\n")
		if msg != "" {
			want[line] = msg
		}
		line++
	}
	for _, name := range v.names {
		f, err := NewFrame(v.sigs[name], arch)
		if err != nil {
			t.Fatal(err)
		}
		emit(fmt.Sprintf("TEXT ·%s(SB), 0, $0-%d", name, f.ArgSize), "")
		for _, vr := range f.Vars {
			emit(fmt.Sprintf("\tFOO %s+%d(FP), R5", vr.Name, vr.Offset), "")
			if (arch.Name == "amd64" || arch.Name == "386") && vr.Kind != 1 {
				emit(fmt.Sprintf("\tMOVB %s+%d(FP), AX", vr.Name, vr.Offset), widthMessage(vr))
			}
		}
		for off := 0; off < f.ArgSize; off++ {
			msg := "unknown variable bogus"
			if vr := f.At(off); vr != nil {
				msg = fmt.Sprintf("unknown variable bogus; offset %d is %s+%d(FP)", off, vr.Name, vr.Offset)
			}
			emit(fmt.Sprintf("\tFOO bogus+%d(FP), R5", off), msg)
		}
	}
	return b.String(), want
}

// widthMessage is the start of asmdecl's complaint about a one-byte
// access to vr: it names the first word for strings, slices and
// interfaces.
func widthMessage(vr *Var) string {
	typ, size := vr.Type, vr.Size
	switch vr.Kind {
	case KindString, KindSlice, KindInterface, KindEmptyInterface:
		typ, size = vr.Inner[0].Type, vr.Inner[0].Size
		if size == 1 {
			return ""
		}
	}
	return fmt.Sprintf("invalid MOVB of %s+%d(FP); %s is %d-byte value", vr.Name, vr.Offset, typ, size)
}

var reVetLine = regexp.MustCompile(`^.*\.s:(\d+):\d+: \[[^\]]*\] f\d+: (.*)$`)

// runVet runs go vet -asmdecl on the package for goarch and returns its
// messages by line.
func runVet(t *testing.T, goarch, goSrc, asm string) map[int]string {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":             "module x\n\ngo 1.26\n",
		"x.go":               goSrc,
		"x_" + goarch + ".s": asm,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "vet", "-asmdecl", ".")
	cmd.Dir = dir
	goos := "linux"
	if goarch == "wasm" {
		goos = "js"
	}
	cmd.Env = append(os.Environ(), "GOARCH="+goarch, "GOOS="+goos, "GOFLAGS=", "GOWORK=off")
	out, _ := cmd.CombinedOutput()
	got := map[int]string{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		if m := reVetLine.FindStringSubmatch(sc.Text()); m != nil {
			n, _ := strconv.Atoi(m[1])
			got[n] = m[2]
		} else if !strings.HasPrefix(sc.Text(), "#") {
			t.Errorf("unexpected vet output: %s", sc.Text())
		}
	}
	return got
}

// TestFrameMatchesVet checks Frame against go vet's own asmdecl on every
// arch it knows: every name of every Frame at its offset is accepted,
// with ArgSize as the TEXT argument size; an unknown name at each byte
// offset gets the suggestion of the variable At returns; and on 386 and
// amd64 a one-byte access to each wider variable is reported with our
// type description and size.
func TestFrameMatchesVet(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet")
	}
	v := newVetCase(t, 60, *flagSeed)
	for _, arch := range Arches {
		t.Run(arch.Name, func(t *testing.T) {
			t.Parallel()
			asm, want := v.asmFile(t, arch)
			got := runVet(t, arch.Name, v.goSrc, asm)
			lines := strings.Split(asm, "\n")
			for n := 1; n <= len(lines); n++ {
				if !strings.HasPrefix(got[n], want[n]) || (want[n] == "" && got[n] != "") {
					t.Errorf("line %d %q: vet says %q, want %q", n, lines[n-1], got[n], want[n])
				}
			}
		})
	}
}
