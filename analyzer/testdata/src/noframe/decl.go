// Package noframe is testdata for the noframe check.
package noframe

func bad()
func savedReg()
func savedStack()
func framed()
func alias()
func onePath(x int)
func callsDie()
func tail()
func tailOK()
func helper()
func die()
