// Package armonly has Go files for arm64 only: on any other host, go list
// leaves it out of ./... ("matched no packages"), and asmcheck must find
// it by walking the directories.
package armonly

func Add(a, b uint64) uint64
