package asmparse

import "testing"

func TestFileArchesRetired(t *testing.T) {
	got := FileArches("x.s", []byte("//go:build amd64 || amd64p32\n"))
	if len(got) != 1 || got[0] != "amd64" {
		t.Errorf("got %v", got)
	}
}

func TestFileArchesFor(t *testing.T) {
	for _, c := range []struct {
		name, src, goos string
		want            int
	}{
		{"asm_solaris_amd64.s", "", "linux", 0},
		{"asm_linux_amd64.s", "", "linux", 1},
		{"asm_unix_amd64.s", "//go:build darwin || freebsd\n", "solaris", 0},
		{"asm_unix_amd64.s", "//go:build darwin || freebsd\n", "darwin", 1},
		{"asm_arm64.s", "", "linux", 1},
		{"asm.s", "//go:build unix && (amd64 || arm64)\n", "linux", 2},
		{"asm.s", "//go:build unix\n", "windows", 0},
		{"asm.s", "", "windows", len(Arches)},
	} {
		if got := FileArchesFor(c.name, []byte(c.src), c.goos); len(got) != c.want {
			t.Errorf("FileArchesFor(%s, %q, %s) = %v, want %d arches", c.name, c.src, c.goos, got, c.want)
		}
	}
}
