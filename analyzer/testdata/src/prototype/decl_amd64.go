package prototype

func onlyArm64() // want `onlyArm64: declared without a body and implemented in assembly in prototype_arm64.s, but in no file built for amd64`
func inTestNamedFileOK()
