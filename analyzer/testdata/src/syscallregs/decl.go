package syscallregs

func writeLoop(fd uintptr, p *byte, n int)
func writeLoopOK(fd uintptr, p *byte, n int)
func keepR11(x uint64) uint64
func keepR11OK(x uint64) uint64
func onePath(x uint64) uint64
func onePathOK(x uint64) uint64
func zeroedOK() uint64
func afterCallOK() uint64
func resultOK() uint64
func gofunc()
