package spalign

func misaligned(x int64)
func aligned(x int64)
func misalignedCall()
func alignedCall()
func helper()
func misalignedUp()
func alignedUp()
func cCall()
func cCallOK()
func cCallUnknown()
func cCallReg()
func cFromGo(x int64)
func cFromGoOK(x int64)
func cFromGoTwice(x int64)
func cPointerFromGo(x int64)
func cPointerFromGoOK(x int64)
func goPointerOK(x int64)

var hook uintptr
