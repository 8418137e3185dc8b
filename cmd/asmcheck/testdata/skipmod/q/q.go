// Package q has an assembly file for every arch (no GOARCH in its name or
// build line), but Go code that builds only on amd64: the standalone
// driver checks it for the host and skips it, with a note, for the other
// targets.
package q

func Get() int { nop(); return extra }

func nop()
