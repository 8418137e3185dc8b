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

// native takes its inputs in registers, as the native functions that
// c2goasm-style generators wrap: its Go declaration only gives it a
// prototype, and it never touches its argument area.
func native(src, dst *byte, n, k int64)

// nativeStack reads its first argument through the hardware SP.
func nativeStack(src, dst *byte, n, k int64)

func wrapper(src, dst *byte, n, k int64)
func wrapperStack(src, dst *byte, n, k int64)

// A tail call hands over the caller's argument area.
func tailShort(a int64) int64
func tailSame(a, b, c int64) int64
func tailGo()
func tailNative()
func noArgs()

// The arguments of a call must be written before it.
func unwritten()
func offByEight()
func somePaths(x int64)
func writtenOK()
func throughRegOK()

// blankCallee never reads its blank parameter, and z has no bytes.
func blankCallee(_ int64, b int64, z struct{}) int64
func blankOK()

func intoBody()

func firstOnly(a, b, c int64) int64
func callsFirstOnlyOK()
func callsFirstOnly()
