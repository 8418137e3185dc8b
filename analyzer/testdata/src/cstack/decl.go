// Package cstack is testdata for the cstack check.
package cstack

// sysStack stands for a system stack the function switches to.
var sysStack uintptr

func getpid() int
func tailGetpid() int
func onSystemStackOK() int
func libc_getpid_trampolineOK()
func reservedOK() int
func reservedUnused() int
