// Package p has an amd64 assembly file with no GOARCH in its name or
// build constraint (as avo writes one unless told otherwise), beside an
// arm one: the go command assembles load.s for arm too, and fails.
package p

func Load(x int) int

func helper()
