// Package abi maps Go types to the frame layouts that assembly code sees,
// and holds the per-architecture ABI facts asmcheck needs.
//
// It owns four things:
//
//   - Arch: the facts of one GOARCH (sizes, endianness, link register,
//     fixed frame size, the names of the stack pointer, Go's fixed
//     registers, the ABIInternal argument registers and the C calling
//     convention of each GOOS). One file per architecture holds the data
//     (amd64.go, arm64.go, ...).
//   - Frame: the ABI0 layout of a Go signature as assembly sees it
//     through the FP pseudo-register, with every name that go vet's
//     asmdecl accepts (NewFrame).
//   - Assignment: the ABIInternal register and stack assignment of a
//     signature (AssignABIInternal).
//   - Define: the go_asm.h defines the compiler would write for a
//     package, computed from go/types (AsmHeader), since go vet does not
//     run the compiler.
//
// Each part is checked against the toolchain itself in the tests: the
// assembler for register and stack-pointer names, go vet's asmdecl for
// every Frame name and offset on every arch, the compiler's -S listings
// for ABI0 and ABIInternal layouts, and the compiler's own go_asm.h.
//
// The package knows nothing of go/analysis and imports no other package
// of this module. Every rule cites the Go source it comes from, as a path
// relative to $(go env GOROOT)/src.
package abi
