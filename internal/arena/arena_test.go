package arena

import "testing"

// TestBlocks checks how Blocks lends: the smallest free block that is
// large enough, but not one far larger, cleared, as a slice of the length
// asked for; new blocks when none is free; and what Release keeps.
func TestBlocks(t *testing.T) {
	var b Blocks[int]
	x, y := b.Make(10), b.Make(100)
	for i := range y {
		y[i] = i + 1
	}
	x[3] = 7
	b.Release()
	if err := b.Check(); err != nil {
		t.Fatal(err)
	}
	if z := b.Make(50); &z[0] != &y[0] || len(z) != 50 || cap(z) != 50 || z[0] != 0 || z[49] != 0 {
		t.Errorf("Make(50) after Release: len %d cap %d, want the cleared block of 100, as 50", len(z), cap(z))
	}
	if z := b.Make(5); &z[0] != &x[0] || z[3] != 0 {
		t.Errorf("Make(5): not the cleared block of 10")
	}
	w := b.Make(5)
	if &w[0] == &x[0] || &w[0] == &y[0] {
		t.Errorf("Make(5) with no free block: a block already lent")
	}
	w[4] = 9
	b.Release()
	if err := b.Check(); err != nil {
		t.Fatal(err)
	}
	if z := b.Make(1); &z[0] != &w[0] {
		t.Errorf("Make(1): not the block of 5")
	}
	b.Release()
	big := b.Make(2000)
	b.Release()
	if z := b.Make(10); &z[0] == &big[0] {
		t.Errorf("Make(10) with a free block of 2000: want a block of 10, not the one 200 times larger")
	}
	for i := 0; i < 2*MaxFree; i++ {
		b.Make(i + 1)
	}
	b.Release()
	if b.Free() != MaxFree || cap(b.free[0]) != 2000 {
		t.Errorf("after releasing %d blocks: %d kept, the largest of %d", 2*MaxFree+1, b.Free(), cap(b.free[0]))
	}
	if err := b.Check(); err != nil {
		t.Fatal(err)
	}
}
