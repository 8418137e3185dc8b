package asmparse

import (
	"slices"
	"testing"
)

// TestRegisterArches checks which GOARCHes the registers of a file
// without a GOARCH in its name or build line leave.
func TestRegisterArches(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      []string
	}{
		{"amd64 (avo's args.s)", "#include \"textflag.h\"\n\n// func StringLen(s string) int\nTEXT ·StringLen(SB), NOSPLIT, $0-24\n\tMOVQ s_len+8(FP), AX\n\tMOVQ AX, ret+16(FP)\n\tRET\n",
			[]string{"amd64"}},
		{"x86, 32-bit", "TEXT ·f(SB), 0, $0-8\n\tMOVL x+0(FP), AX\n\tMOVQ X0, X1\n\tMOVL AX, ret+4(FP)\n\tRET\n", []string{"386", "amd64"}},
		{"x86 by its SSE instructions (avo's complex.s)", "TEXT ·Real(SB), NOSPLIT, $0-24\n\tMOVSD z_real+0(FP), X0\n\tMOVSD X0, ret+16(FP)\n\tRET\n",
			[]string{"386", "amd64"}},
		{"X registers alone", "TEXT ·f(SB), 0, $0\n\tMOVD X1, X2\n\tRET\n", []string{"386", "amd64", "loong64", "riscv64"}},
		{"amd64 by its instructions", "TEXT ·f(SB), 0, $0-8\n\tLEAQ x+0(FP), AX\n\tRET\n", []string{"amd64"}},
		{"amd64 by its registers", "TEXT ·f(SB), 0, $0\n\tMOVL (R9)(BX*4), R10\n\tRET\n", []string{"amd64"}},
		{"arm64", "TEXT ·f(SB), 0, $0\n\tVLD1 (R0), [V0.B16, V1.B16]\n\tMOVD RSP, R1\n\tRET\n", []string{"arm64"}},
		{"in a macro body", "#define LOAD(p) \\\n\tMOVL (p), AX; \\\n\tMOVL AX, BX\nTEXT ·f(SB), 0, $0\n\tRET\n", []string{"386", "amd64"}},
		{"names and symbols only", "DATA K0<>+0(SB)/8, $1\nGLOBL K0<>(SB), 8, $8\nTEXT ·f(SB), 0, $0-8\n\tMOVW $K0<>(SB), x+0(FP)\n\tRET\n", Arches},
		{"per-GOARCH text", "TEXT ·f(SB), 0, $0\n#ifdef GOARCH_amd64\n\tMOVQ AX, BX\n#endif\n\tRET\n", Arches},
		{"comments do not count", "// MOVQ AX, BX\n/* R8 */\nTEXT ·f(SB), 0, $0\n\tRET\n", Arches},
		{"labels and suffixes", "loop: MOVD.P 8(R1), R2\n\tCBZ R2, loop\n\tRET\n", []string{"arm", "arm64", "loong64", "mips", "mipsle", "mips64", "mips64le", "ppc64", "ppc64le", "s390x", "wasm"}},
	} {
		got := RegisterArches([]byte(c.src), Arches)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestArchFixed checks which files have their GOARCH fixed by their name
// or build line, and which RegisterArches may narrow.
func TestArchFixed(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      bool
	}{
		{"x_amd64.s", "", true},
		{"x.s", "//go:build amd64 || arm64\n", true},
		{"x.s", "//go:build !386\n", true},
		{"x.s", "", false},
		{"x.s", "//go:build linux\n", false},
		{"x_linux.s", "", false},
		{"x_windows.s", "//go:build !purego\n", false},
	} {
		if got := ArchFixed(c.name, []byte(c.src)); got != c.want {
			t.Errorf("ArchFixed(%q, %q) = %v, want %v", c.name, c.src, got, c.want)
		}
	}
}
