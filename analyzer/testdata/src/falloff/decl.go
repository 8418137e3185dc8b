// Package falloff is testdata for the falloff check.
package falloff

func noRet() int
func withRet() int
func condEnd(x int)
func condEndOK(x int)
func callEnd()
func helper()
func callEndOK()
func callDie()
func die()
func callFatal()
func callWork()
func crash()
func syscallEnd()
func syscallReturns()
func syscallArg(nr uintptr)
func rawBytes()
func empty()
func ExportedEmpty()
func jumpsLand()
func endAddr() uintptr
func marker()

// callsEmpty calls empty, which has no code.
func callsEmpty() { empty() }

// markerPC refers to marker without calling it.
var markerPC = marker

func notEmpty()
func dropsReturn()
func callDrops()

// fatal never returns: a call to it ends a function.
func fatal() { panic("fatal") }

// work returns.
func work() {}

func callSpin()
func callMaybe()
func eretWordOK()
func nopWord()

// spin never returns: an endless loop with no break.
func spin() {
	for {
		for range 3 {
			break // leaves the inner loop only
		}
	}
}

// maybe can return.
func maybe(x bool) {
	if x {
		return
	}
	panic("no")
}
func callTailReg(fn uintptr)
func tailReg(fn uintptr)
func callToDie()
func toDie()
func condCrash()
func crashOK()
func rawAVXEnd()
func rawStoreEnd()
func dataOnly()
