package analyzer

import "testing"

func TestFallOff(t *testing.T) {
	runArches(t, FallOff, "falloff", "amd64", "arm64", "arm", "s390x", "wasm")
}
func TestNoFrame(t *testing.T) {
	runArches(t, NoFrame, "noframe", "amd64", "arm64", "ppc64le", "riscv64")
}
