package prototype

import "runtime"

// onlyArm64Dead is implemented for arm64 only, and amd64 code reaches it
// only after a return that the compiler takes for amd64: silent.
func onlyArm64Dead()

func deadUse() {
	if runtime.GOARCH == "amd64" {
		return
	}
	onlyArm64Dead()
}
