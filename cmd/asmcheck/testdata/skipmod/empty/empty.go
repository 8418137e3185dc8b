// Package empty has an empty assembly file, the usual way to let a Go
// file declare functions without a body (implemented elsewhere through
// //go:linkname): it has nothing to check on any target, and gives the
// driver no target to load the package for.
package empty

import _ "unsafe"

//go:linkname nanotime runtime.nanotime
func nanotime() int64

func Now() int64 { return nanotime() }
