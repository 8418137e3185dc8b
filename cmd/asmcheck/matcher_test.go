package main

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestProblemMatcher checks the GitHub Actions problem matcher
// (.github/asmcheck-matcher.json) on the output the README shows: every
// finding is matched, with its file, line, column and message, and the
// notes asmcheck writes on standard error are not. (The matcher's
// expression is JavaScript's; this one is written in the part of the
// syntax that Go's regexp reads the same way.)
func TestProblemMatcher(t *testing.T) {
	src, err := os.ReadFile("../../.github/asmcheck-matcher.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		ProblemMatcher []struct {
			Owner   string
			Pattern []struct {
				Regexp                      string
				File, Line, Column, Message int
			}
		}
	}
	if err := json.Unmarshal(src, &m); err != nil || len(m.ProblemMatcher) != 1 || len(m.ProblemMatcher[0].Pattern) != 1 {
		t.Fatalf("%v: %+v", err, m)
	}
	p := m.ProblemMatcher[0].Pattern[0]
	re, err := regexp.Compile(p.Regexp)
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(readme), "\n") {
		if !strings.HasPrefix(line, "testdata/example/checksum/") {
			continue
		}
		n++
		g := re.FindStringSubmatch(line)
		if g == nil {
			t.Errorf("not matched: %s", line)
			continue
		}
		file, lineNo, col, msg := g[p.File], g[p.Line], g[p.Column], g[p.Message]
		if !strings.HasSuffix(file, ".s") || lineNo == "" || col == "" || !strings.HasPrefix(msg, "[") || !strings.HasPrefix(line, file+":"+lineNo+":"+col+": "+msg) {
			t.Errorf("%s: file %q, line %q, column %q, message %q", line, file, lineNo, col, msg)
		}
	}
	if n == 0 {
		t.Fatal("the README shows no output of the example")
	}
	for _, note := range []string{
		"asmcheck: ./nosuchdir: directory not found",
		"asmcheck: skipped example.com/p for linux/386: it does not build there (linux/386: p.go:3:2: undefined: x)",
		"asmcheck: p/x.s has no GOARCH in its name or build constraint, but its registers and instructions are amd64's: checked for amd64 only",
	} {
		if re.MatchString(note) {
			t.Errorf("a note taken for a finding: %s", note)
		}
	}
}
