package fpoffset

type pair struct {
	a int32
	b int64
}

func offsets(x int8, y int64) int64
func offsetsOK(x int8, y int64) int64
func names(s string, p pair) (n int)
func namesOK(s string, p pair) (n int)
func unnamed(x, y int64)
func unnamedOK(x, y int64)
func viaSP(x int64)
func viaSPOK(x int64)
func viaMacro(x, y int64) int64
func viaMacroOK(x, y int64) int64
func callerSP() uintptr
func sigEntry()

// Made by one macro each, as the runtime's CALLFN makes call16 … call1G.
func twiceA(x, y int64)
func twiceB(x, y int64)
func twiceC(x, y int64)
func twiceOK(x, y int64)

func inside(x int64)
func insideOK(x int64)

// An offset past the arguments (amd64 and arm64 only).
func pastEnd(x int32) int32
func pastEndOK(x int32) int32

// A narrow access at the low-order end of a big-endian integer (s390x).
func lowByte(x int64)
func lowByteOK(x int64)
func midByte(x int64)
