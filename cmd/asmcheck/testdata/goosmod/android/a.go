//go:build android && (amd64 || arm64)

// Package android is built for android only, as golang.org/x/mobile's
// callfn is: asmcheck checks it on android/amd64 and android/arm64, not
// on the host's GOOS, where no Go file of it builds.
package android

func Double(x uint64) uint64
