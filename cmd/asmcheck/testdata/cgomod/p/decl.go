// Package p has assembly built only with cgo, which calls into the C
// library that clib links.
package p

import _ "example.com/cgomod/clib"

func f(x int64) int64
