package spslot

func savedBP(x int64)
func savedBPOK(x int64)
func spBytes(x int64)
func spBytesOK(x int64)
func retAddr()
func retAddrOK()
func pseudoSP()
func pseudoSPOK()
func negFP()
func savedLR()
func savedLRLeaf()
func savedLROK()
func callerFP(x int64)
func callerFPOK(x int64)
func noFrame(x int64)
func noFrameOK(x int64)
func callerLR()
func notCalled(x int64)
func alignedStore()
func alignedStoreOK()

// Go calls these, so their callers' prologues saved R29 and LR where
// the arm64 layout says.
func use() {
	callerFP(1)
	callerFPOK(1)
	noFrame(1)
	noFrameOK(1)
	callerLR()
}
