package abi

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"testing"
)

// TestStackFacts checks StackAlign and StackMapMin against
// internal/goarch (_StackAlign, _MinFrameSize) in GOROOT, and the arches
// with frame pointers against runtime/runtime2.go.
func TestStackFacts(t *testing.T) {
	re := regexp.MustCompile(`(?m)^\s*_(StackAlign|MinFrameSize)\s*=\s*(\S+)`)
	for _, a := range Arches {
		src, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "src", "internal", "goarch", "goarch_"+a.Name+".go"))
		if err != nil {
			t.Fatal(err)
		}
		vals := map[string]int{}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			v, err := strconv.Atoi(m[2])
			if m[2] == "PtrSize" {
				v, err = a.PtrSize, nil
			}
			if err != nil {
				t.Fatalf("%s: %s = %s", a.Name, m[1], m[2])
			}
			vals[m[1]] = v
		}
		if a.StackAlign != vals["StackAlign"] || a.FixedFrameSize != vals["MinFrameSize"] {
			t.Errorf("%s: StackAlign %d FixedFrameSize %d; goarch says %v", a.Name, a.StackAlign, a.FixedFrameSize, vals)
		}
		wantMin := a.FixedFrameSize
		if a.Name == "arm64" {
			wantMin = a.StackAlign // runtime/stkframe.go getStackMap
		}
		if a.StackMapMin != wantMin {
			t.Errorf("%s: StackMapMin %d, want %d", a.Name, a.StackMapMin, wantMin)
		}
		if fp := a.Name == "amd64" || a.Name == "arm64"; a.FramePointer != fp {
			t.Errorf("%s: FramePointer %v", a.Name, a.FramePointer)
		}
	}
	rt, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "src", "runtime", "runtime2.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`framepointer_enabled = GOARCH == "amd64" \|\| GOARCH == "arm64"`).Match(rt) {
		t.Error("runtime/runtime2.go framepointer_enabled changed: update FramePointer")
	}
}
