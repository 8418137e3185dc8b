package prototype

func onlyArm64() // want `\[ppc64le\] onlyArm64: declared without a body and implemented in assembly in prototype_arm64.s, but in no file built for ppc64le`
