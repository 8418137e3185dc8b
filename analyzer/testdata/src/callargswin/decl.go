package callargswin

// Assembly that calls C functions (cgo_hash_x4 and friends, linked from a
// C library through cgo) on windows/amd64.
func hashWide(out, in *byte, n uint64)
func hashWideOK(out, in *byte, n uint64)
func noFrame(x uint64)
func withFrame(x uint64)
func goCall()
func g()
