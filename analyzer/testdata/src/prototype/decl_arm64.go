package prototype

func onlyArm64()
