// Package checksum is an example with real assembly mistakes, to show what
// asmcheck reports. Run from the repository root:
//
//	go run ./cmd/asmcheck ./testdata/example/...
package checksum

// Sum returns the sum of the bytes of p.
func Sum(p []byte) uint32

// Add returns a+b and whether the addition overflowed.
func Add(a, b uint64) (sum uint64, carry bool)

// Fill sets every byte of p to b.
func Fill(p []byte, b byte)

// Mix mixes the length of p into its first word, with a Go helper.
func Mix(p []byte) uint64

func mix(a, b uint64) uint64 { return a*31 + b }
