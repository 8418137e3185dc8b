package testonly

// declaredOnDarwin is declared for darwin's tests only.
func declaredOnDarwin()
