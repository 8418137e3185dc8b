package argsize

func add(x, y int64) int64
func addOK(x, y int64) int64
func noSize(x int64)
func noSizeOK(x int64)
func nosplitNoSize(x int64)
func bytes(b []byte) int
func bytesOK(b []byte) int
func macroFrame(x int64) int64
func macroFrameOK(x int64) int64
func internal(x int) int
