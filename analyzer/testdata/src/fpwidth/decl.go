package fpwidth

func widths(x int64, b bool, s string) (r bool, n int32)
func widthsOK(x int64, b bool, s string) (r bool, n int32)
func complexes(c complex128) float64
func complexesOK(c complex128) float64
func pair(s string) int

type trio struct{ a, b, c int32 }

func structWide(t trio, _ int32)
func structWideOK(t trio, _ int32)

func wideString(s string) int
func wideStringOK(s string) int

func pastEnd(x int64) (r, s int32)
func pastEndOK(x int64) (r, s int32)
