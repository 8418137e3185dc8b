// Package data is testdata for the data check.
package data

var (
	goVar, goVar2, goVar3 uint64
	goPtr                 *int
	goRO, goRO2           uint64
	goBig                 [2]uint64
)

func store()
