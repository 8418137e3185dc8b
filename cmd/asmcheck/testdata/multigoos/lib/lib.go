// Package lib has 386 assembly for every GOOS and more for windows.
package lib

func Add(a, b int32) int32
