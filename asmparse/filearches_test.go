package asmparse

import "testing"

func TestFileArchesRetired(t *testing.T) {
	got := FileArches("x.s", []byte("//go:build amd64 || amd64p32\n"))
	if len(got) != 1 || got[0] != "amd64" {
		t.Errorf("got %v", got)
	}
}
