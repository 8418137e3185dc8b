package declfix

func add(x, y int64) int64
func noSize(x int64)
func offsets(x int8, y int64) int64
func rename(s string) int
