package analyzer

import "testing"

func TestSPSlot(t *testing.T) { runArches(t, SPSlot, "spslot", "amd64", "arm64") }
func TestCallArgs(t *testing.T) {
	runArches(t, CallArgs, "callargs", "amd64", "arm64")
	runTarget(t, CallArgs, "callargswin", "windows", "amd64")
}
func TestSPBalance(t *testing.T) { runArches(t, SPBalance, "spbalance", "amd64", "arm64") }
func TestSPAlign(t *testing.T)   { runArches(t, SPAlign, "spalign", "amd64", "arm64") }
func TestFPStale(t *testing.T)   { runArches(t, FPStale, "fpstale", "amd64", "arm64") }
func TestStackMap(t *testing.T)  { runArches(t, StackMap, "stackmap", "amd64", "arm64") }
func TestSPWrite(t *testing.T)   { runArches(t, SPWrite, "spwrite", "amd64", "arm64") }
