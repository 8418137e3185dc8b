package callargs

import "math"

// callee takes 24 bytes of arguments and returns 8: 32 bytes at the
// caller's outgoing area.
func callee(a, b, c int64) int64

// goCallee is Go code; assembly calls its ABI0 wrapper with 24 bytes.
func goCallee(a, b int64) int64 { return a + b }

var _ = math.Sqrt

func small()
func smallOK()
func goSmall()
func imported()
func importedOK()
func pushed()
