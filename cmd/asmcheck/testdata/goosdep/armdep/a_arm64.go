// Package armdep has Go files for arm64 only: go list leaves it out of
// example.com/goosdep/... on any other host.
package armdep

// Add returns a+b.
func Add(a, b int64) int64
