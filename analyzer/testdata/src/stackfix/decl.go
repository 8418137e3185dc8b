package stackfix

func goFunc() {}

func noMap(x int64)
func small()
func callee(a, b, c int64) int64
