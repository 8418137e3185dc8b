package main

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestNarrowedFile checks that a file with no GOARCH in its name or build
// constraint whose registers are amd64's (testdata/narrowmod/p/load.s) is
// checked for amd64 only, with a note, although the package is checked
// for arm too (helper_arm.s), where load.s, assembled there by the go
// command, would otherwise report offsets for 32-bit ints.
func TestNarrowedFile(t *testing.T) {
	dir := copyTree(t, "testdata/narrowmod")
	t.Setenv("GOFLAGS", "")
	d, err := newDriver([]string{"-json", "./..."}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	d.dir = dir
	byTarget, err := d.discover()
	if err != nil {
		t.Fatal(err)
	}
	targets := sortedKeys(byTarget)
	if !slices.Contains(targets, "linux/amd64") || !slices.Contains(targets, "linux/arm") || len(targets) != 2 {
		t.Errorf("targets %v, want linux/amd64 (load.s) and linux/arm (helper_arm.s)", targets)
	}
	var out, errs bytes.Buffer
	d, _ = newDriver([]string{"-json", "./..."}, &errs)
	d.dir = dir
	if code := d.main(&out, &errs); code != 0 {
		t.Errorf("exit %d, want 0:\n%s%s", code, out.String(), errs.String())
	}
	var fs []finding
	if err := json.Unmarshal(out.Bytes(), &fs); err != nil || len(fs) != 0 {
		t.Errorf("findings %v (%v), want none: load.s is not checked for arm", fs, err)
	}
	if note := errs.String(); !strings.Contains(note, "load.s has no GOARCH in its name or build constraint, but its registers and instructions are amd64's: checked for amd64 only") {
		t.Errorf("no note about load.s:\n%s", note)
	}
}
