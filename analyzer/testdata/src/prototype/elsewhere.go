//go:build !arm64

package prototype

// ExportedArm64 is implemented for arm64 only. Nothing here calls it, but
// it is exported: a caller in another package fails to link on this arch.
func ExportedArm64() // want `ExportedArm64: declared without a body and implemented in assembly in prototype_arm64.s, but in no file built for`

// unusedArm64 is implemented for arm64 only, and no Go code calls it:
// nothing refers to the missing symbol, and the link succeeds. Silent.
func unusedArm64()
