// Package arena lends blocks of memory that are used again once released:
// the parser's and the lowering's results, made for each package in the
// memory the previous package's used (asmparse.Arena, frame.Arena).
//
// A program that allocates a few megabytes a package for results it drops
// after the package makes the garbage collector run as often as it grows
// the heap by that much, and each cycle marks everything live (in the
// analyzer, every loaded package's types); memory made once and used
// again saves those cycles as well as the allocation
// (docs/performance.md, seventeenth round).
package arena

import (
	"fmt"
	"reflect"
	"slices"
	"sync"
)

// Blocks lends arrays of T: a block of the free list if one is large
// enough, else a new one.
type Blocks[T any] struct {
	mu   sync.Mutex
	free [][]T // cleared, length 0
	lent [][]T
}

// MaxFree bounds the blocks a Blocks keeps: what one package needs, with
// room to spare (the runtime's arm64 files take about a dozen operand
// blocks in all).
const MaxFree = 64

// Make returns n zero Ts (a slice of capacity n: only what was lent needs
// clearing on Release).
func (b *Blocks[T]) Make(n int) []T {
	b.mu.Lock()
	defer b.mu.Unlock()
	// The smallest block that is large enough, looking at the most
	// recently freed first; not one far larger, which a later request
	// may need.
	best := -1
	for i := len(b.free) - 1; i >= 0; i-- {
		c := cap(b.free[i])
		if c >= n && c <= 4*n+256 && (best < 0 || c < cap(b.free[best])) {
			best = i
			if c == n {
				break
			}
		}
	}
	var blk []T
	if best >= 0 {
		blk = b.free[best][:n]
		last := len(b.free) - 1
		b.free[best] = b.free[last]
		b.free[last] = nil
		b.free = b.free[:last]
	} else {
		blk = make([]T, n)
	}
	b.lent = append(b.lent, blk) // with all its capacity, for Release
	return blk[:n:n]
}

// Release clears the lent blocks (which drops what they point to, such
// as the source text of the files parsed in them) and frees them, keeping
// the largest MaxFree.
func (b *Blocks[T]) Release() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i, blk := range b.lent {
		// Free blocks are zero through their capacity: clear what was
		// lent, and it is again.
		clear(blk)
		b.free = append(b.free, blk[:0])
		b.lent[i] = nil
	}
	b.lent = b.lent[:0]
	if len(b.free) > MaxFree {
		// Keep the largest: a small block is cheap to make again.
		slices.SortFunc(b.free, func(x, y []T) int { return cap(y) - cap(x) })
		clear(b.free[MaxFree:])
		b.free = b.free[:MaxFree]
	}
}

// Free returns the number of free blocks.
func (b *Blocks[T]) Free() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.free)
}

// Check reports an error if b lends a block, keeps more than MaxFree, or
// keeps one that is not zero through its capacity (for tests).
func (b *Blocks[T]) Check() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.lent) != 0 || len(b.free) > MaxFree {
		return fmt.Errorf("%T: %d blocks lent, %d free", b, len(b.lent), len(b.free))
	}
	var zero T
	for _, blk := range b.free {
		for i, v := range blk[:cap(blk)] {
			if !reflect.DeepEqual(v, zero) {
				return fmt.Errorf("%T: free block of %d holds %+v at %d", b, cap(blk), v, i)
			}
		}
	}
	return nil
}
