// Package data is testdata for the data check.
package data

var (
	goVar, goVar2, goVar3 uint64
	goPtr                 *int
	goRO, goRO2           uint64
	goBig                 [2]uint64
	goRead                [2]uint32 // only read by the assembly
)

func store()
func bounds()
func boundsOK()
func boundsReg()
func boundsRegOK(n int)
