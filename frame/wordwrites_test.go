package frame

import (
	"go/token"
	"reflect"
	"strconv"
	"testing"

	"github.com/asmcheck/asmcheck/asmparse"
)

// TestWordWrites checks which general registers an arm64 WORD's
// instruction writes, against the decoder's text of each encoding.
func TestWordWrites(t *testing.T) {
	a := ArchFor("arm64")
	for _, c := range []struct {
		word    uint32
		text    string
		regs    []string
		restore bool
	}{
		{0xaa0e03fc, "mov x28, x14", []string{"g"}, false},
		{0x8b020032, "add x18, x1, x2", []string{"R18_PLATFORM"}, false},
		{0xa8c16ffc, "ldp x28, x27, [sp],#16", []string{"g", "R27"}, true},
		{0xf90003fc, "str x28, [sp]", nil, false},
		{0xf100039f, "cmp x28, #0x0", nil, false},
	} {
		f, err := asmparse.ParseString(token.NewFileSet(), "w_arm64.s", "TEXT ·f(SB), 0, $0\n\tWORD $"+hexWord(c.word)+"\n", &asmparse.Config{GOARCH: "arm64"})
		if err != nil {
			t.Fatal(err)
		}
		w, ok := a.WordWrites(&f.Stmts[1])
		if !ok {
			t.Errorf("%#x: not decoded", c.word)
			continue
		}
		var regs []string
		for _, r := range w.Regs {
			regs = append(regs, a.Regs.Name(r))
		}
		if w.Text != c.text || !reflect.DeepEqual(regs, c.regs) || w.Restore != c.restore {
			t.Errorf("%#x: %q writes %v, restore %v; want %q, %v, %v", c.word, w.Text, regs, w.Restore, c.text, c.regs, c.restore)
		}
	}
	if _, ok := ArchFor("amd64").WordWrites(&asmparse.Stmt{Op: "WORD"}); ok {
		t.Error("amd64 decodes arm64 words")
	}
}

func hexWord(v uint32) string { return "0x" + strconv.FormatUint(uint64(v), 16) }
