package widthfix

func loads(a int32, b uint32, c int8, d uint16, e float32, f int64, k bool) int64
func stores(x int64) (a int32, b uint32, c int8, f float32, w int64)
func strs(s string) int
