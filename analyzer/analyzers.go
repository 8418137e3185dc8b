package analyzer

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
)

// Syntax reports what the parser cannot read.
var Syntax = newAnalyzer("syntax", docSyntax, runSyntax)

// All lists every check. Each file that defines checks adds them with
// register in an init function, so the order is that of the file names
// (analyzers.go, decl.go, …), which is the order of the documentation.
var All []*analysis.Analyzer

// register adds checks to All.
func register(checks ...*analysis.Analyzer) { All = append(All, checks...) }

func init() { register(Syntax) }

func runSyntax(c *Check) {
	for _, e := range c.Pkg.Internal {
		c.Pass.Report(analysis.Diagnostic{Pos: e.Pos, Category: "internal", Message: e.Msg})
	}
	for _, f := range c.Pkg.Files {
		for _, e := range f.Errors {
			msg := e.Msg
			c.Report(Diag{File: f, Pos: e.Pos, Msg: msg + ": the rest of the file is still checked"})
		}
		for _, ig := range f.Ignores {
			if ig.reason == "" {
				c.Report(Diag{File: f, Pos: ig.pos, Msg: "//asmcheck:ignore needs the names of the checks and a reason: //asmcheck:ignore check reason"})
			}
		}
		if f.Arch == nil {
			c.Report(Diag{File: f, Pos: f.Base, Msg: fmt.Sprintf("asmcheck does not know the arch %q; the file is not checked", f.File.Arch)})
		}
	}
}
