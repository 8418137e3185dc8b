package stackmap

// goFunc is Go code: it can be preempted, grow the stack or start a GC.
func goFunc() {}

func noMap(x int64)
func withMap(x int64)
func smallFrame(x int64)
func leafCallee()
func leaf()
func cCall()
func trackedSub()
func ptrResult() *int
func ptrResultOK() *int
func ptrResultEarly() *int
func ptrResultEarlyOK() *int
func noResults(x *int)
func nosplitUndeclaredCaller()
func ptrResultAddr() *int
