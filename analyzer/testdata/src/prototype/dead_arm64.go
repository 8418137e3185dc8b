package prototype

func onlyArm64Dead()
