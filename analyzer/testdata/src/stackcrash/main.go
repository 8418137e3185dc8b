// Command stackcrash runs assembly functions that the runtime cannot walk
// while a callee grows the stack and collects garbage. TestStackCrash
// builds and runs it: each mode but "ok" dies with the runtime error that
// the stackmap and spwrite checks predict.
package main

// mode selects what main runs; TestStackCrash sets it with -ldflags=-X.
var mode = "ok"

func withLocals(n int)
func noLocals(n int)
func callsUndeclared(n int)
func spwrite(n int)
func smallFrame(n int)
func pushed(n int)

// sink keeps allocations alive long enough to start garbage collections.
var sink []byte

// grow recurses with a large frame, so that the stack is copied (which
// walks every frame: runtime/stack.go copystack), then allocates enough
// to start garbage collections, which scan every frame. The program
// imports nothing, so that analysistest loads it quickly.
//
//go:noinline
func grow(n int) int {
	var buf [1024]byte
	if n > 0 {
		return grow(n-1) + int(buf[n%1024])
	}
	for range 64 {
		sink = make([]byte, 1<<20)
	}
	return 0
}

// grow64 is grow(64), for callers without room for arguments.
func grow64() { grow(64) }

func main() {
	switch mode {
	case "ok":
		noLocals(64)
	case "locals":
		withLocals(64)
	case "args":
		callsUndeclared(64)
	case "spwrite":
		spwrite(64)
	case "small":
		smallFrame(64)
	case "pushed":
		pushed(64)
	}
	println("survived")
}
