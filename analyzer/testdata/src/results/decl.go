package results

func missing(x int64) int64
func missingOK(x int64) int64
func somePaths(x int64) (r int64)
func somePathsOK(x int64) (r int64)
func two() (a int32, b bool)
func twoOK() (a int32, b bool)
func tail(x int64) int64
func viaAddr() (r, w int32)
func internal(x int) int
func internalOK(x int) int
func empty(x int64) (s struct{}, n int64)
func viaSP() (r, w int32)
func errorPath(x int64) (n int64, p *byte)
func errorPathOK(x int64) (n int64, used int64)
func twoRETs(x int64) int64
func twoRETsOK(x int64) int64

// A result written through the hardware SP after it moved (ppc64 only).
func viaMOVDU(x uintptr) uintptr
func viaMOVDUWrong(x uintptr) uintptr

func spReadBad(x int64) int64
func spStoreOK(x int64) int64
func neonWordBad(x int64) int64
func spWordOK(x int64) int64
func avxLongBad(x int64) int64
func spBytesOK(x int64) int64
