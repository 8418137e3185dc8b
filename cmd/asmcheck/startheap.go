package main

import (
	"os"
	"runtime"
	"runtime/debug"
)

// startHeap is the heap the collector lets asmcheck reach before its first
// collection (see pushFirstCollection).
const startHeap = 64 << 20

// pushFirstCollection lets the heap grow to startHeap bytes before the
// first collection, then gives the collector back its default pace (GOGC
// 100), unless the user set GOGC or GOMEMLIMIT.
//
// go vet starts asmcheck once for every package and every dependency
// (274 times for a module of 36 packages), and each run type-checks one
// package and allocates a few tens of megabytes. The runtime's first goal
// is 4 MB × GOGC/100 (runtime/mgcpacer.go, setGCPercent: heapMinimum =
// defaultHeapMinimum × GOGC / 100), so such a run would collect three or
// four times while its heap is young and small, which costs more than it
// frees. With GOGC 1600 the first goal is 64 MB; once the first
// collection has run, the live heap is known and the default pace takes
// over (the cleanup of an object that only that collection frees sets
// it). cmd/compile does the same for the same reason
// (cmd/compile/internal/base/startheap.go).
func pushFirstCollection() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	old := debug.SetGCPercent(startHeap / (4 << 20) * 100)
	// The sentinel holds a pointer: pointer-free objects of 16 bytes or
	// less may share a block with live ones, and then their cleanup waits
	// for those (runtime/mcleanup.go, AddCleanup), while GOGC stays high.
	sentinel := new(*int)
	runtime.AddCleanup(sentinel, func(old int) { debug.SetGCPercent(old) }, old)
}
