package stackfix

func goFunc() {}

func noMap(x int64)
func small()

// callee takes no arguments: its 32 bytes are results, which small
// need not write.
func callee() (a, b, c, d int64)
