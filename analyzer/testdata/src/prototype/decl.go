package prototype

func declared()

// Used is called from Go, so every arch the package builds for needs it.
func Used() { onlyArm64() }

func declaredArgs(x, y int64)
