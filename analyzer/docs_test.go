package analyzer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryCheckDocumented shows that each check has its page in
// docs/checks, with the sections every page has, and a row in the
// README's table.
func TestEveryCheckDocumented(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range All {
		page := filepath.Join("..", "docs", "checks", a.Name+".md")
		b, err := os.ReadFile(page)
		if err != nil {
			t.Errorf("%s: no doc page: %v", a.Name, err)
			continue
		}
		for _, sec := range []string{"# " + a.Name + "\n", "## Wrong", "## Right", "## Source"} {
			if !strings.Contains(string(b), sec) {
				t.Errorf("%s: %s has no %q section", a.Name, page, strings.TrimSpace(sec))
			}
		}
		if row := "| [" + a.Name + "](docs/checks/" + a.Name + ".md) |"; !strings.Contains(string(readme), row) {
			t.Errorf("%s: README.md's table has no row %q", a.Name, row)
		}
		if a.Doc == "" {
			t.Errorf("%s: the analyzer has no Doc", a.Name)
		}
	}
}
