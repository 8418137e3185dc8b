package testonly

// declaredInTest is implemented in assembly for the tests.
func declaredInTest()
