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
