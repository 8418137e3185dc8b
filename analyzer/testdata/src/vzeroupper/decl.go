package vzeroupper

func sum(p *[8]uint32)
func sumOK(p *[8]uint32)
func twoPaths(p *[8]uint32, n int)
func callsGo(p *[8]uint32)
func callsGoOK(p *[8]uint32)
func highRegsOK(p *[16]uint32)
func sseOK(p *[4]uint32)
func callsHelperOK(p *[8]uint32)
func gofunc()
func callsDeclaredHelperOK(p *[8]uint32)
func helperOK()
func callsGoHelper(p *[8]uint32)
func goHelper()

// useGoHelper names goHelper in Go: its RET may return to Go code.
func useGoHelper() { goHelper() }

func bytesAVX(p *[8]uint32)
func bytesAVXOK(p *[8]uint32)
func jumpsToBody(p *[16]uint32)
func readsAfterCall(p *[16]uint32)
func readsAfterHelper(p *[16]uint32)
func callsDirtyHelper()
func callsDirtyHelperOK()
func dirtyAcrossHelper(p *[8]uint32)
func dirtyAcrossHelperOK(p *[8]uint32)
func readsAfterClearOK()
