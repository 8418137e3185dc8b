package analyzer

import "testing"

func TestCStack(t *testing.T) { runArches(t, CStack, "cstack", "amd64", "arm64") }
