// Package clib links a C library into the program, as
// pk910/hashtree-bindings/cgo does: it is made only of cgo code.
package clib

// int clib_hash(void) { return 0; }
import "C"
