package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestPreCommitHook checks the hook definition for pre-commit
// (.pre-commit-hooks.yaml at the repository's root) against the command:
// pre-commit builds the hook with `go install ./...` (language golang)
// and runs its entry, so the entry must be the name of this command's
// directory, run on the whole module (pass_filenames false, args ./...),
// for commits that touch .s, .go or .h files. (Running pre-commit itself
// needs the tool installed; the README says how it was tried.)
func TestPreCommitHook(t *testing.T) {
	src, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]string{}
	for _, line := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		key, value, ok := strings.Cut(strings.TrimPrefix(strings.TrimSpace(line), "- "), ":")
		if !ok {
			t.Fatalf("a line that is not key: value: %q", line)
		}
		fields[key] = strings.TrimSpace(value)
	}
	want := map[string]string{"id": "asmcheck", "entry": "asmcheck", "args": "[./...]", "language": "golang", "pass_filenames": "false"}
	for k, v := range want {
		if fields[k] != v {
			t.Errorf("%s: %q, want %q", k, fields[k], v)
		}
	}
	if st, err := os.Stat("../" + fields["entry"]); err != nil || !st.IsDir() {
		t.Errorf("entry %q is not the name of a command of this repository (cmd/%s)", fields["entry"], fields["entry"])
	}
	files, err := regexp.Compile(fields["files"])
	if err != nil {
		t.Fatalf("files: %v", err)
	}
	for name, match := range map[string]bool{"p/x_amd64.s": true, "p/x.go": true, "p/consts.h": true, "README.md": false, "go.sum": false, "p/x.sh": false} {
		if files.MatchString(name) != match {
			t.Errorf("files %q matches %s: %v, want %v", fields["files"], name, !match, match)
		}
	}
}
