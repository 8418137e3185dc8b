package spalign

func misaligned(x int64)
func aligned(x int64)
func misalignedCall()
func alignedCall()
func helper()
func cCall()
func cCallOK()
func cCallUnknown()
func cCallReg()
func cFromGo(x int64)
func cFromGoOK(x int64)
