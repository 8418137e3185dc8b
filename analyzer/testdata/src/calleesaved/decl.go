package calleesaved

import _ "unsafe" // for go:cgo_export_static

// Entered from C because the package exports them.
//
//go:cgo_export_static exportedBad
//go:cgo_export_static exportedOK

func marked()
func markedOK()
func notEntry()
func gofunc()
func tailEntry()
func tailEntryOK()
func setTrampoline()

var global int

var thunkAddr uintptr
