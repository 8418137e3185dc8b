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
