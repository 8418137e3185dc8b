//go:build ignore

// Package nowhere has no Go file that builds anywhere: the go command
// never assembles its assembly, and asmcheck has nothing to check.
package nowhere

func F() int
