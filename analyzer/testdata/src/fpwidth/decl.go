package fpwidth

func widths(x int64, b bool, s string) (r bool, n int32)
func widthsOK(x int64, b bool, s string) (r bool, n int32)
func complexes(c complex128) float64
func complexesOK(c complex128) float64
func pair(s string) int
