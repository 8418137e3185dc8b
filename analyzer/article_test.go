package analyzer

import "testing"

func TestArticle(t *testing.T) {
	for n, want := range map[int64]string{1: "a", 2: "a", 4: "a", 8: "an", 11: "an", 16: "a", 18: "an", 80: "an", 110: "a", 800: "an", 11000: "an", 18000: "an", 1100: "a"} {
		if got := article(n); got != want {
			t.Errorf("article(%d) = %q, want %q", n, got, want)
		}
	}
}
