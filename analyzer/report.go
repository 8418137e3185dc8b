package analyzer

import (
	"fmt"
	"go/token"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/asmcheck/asmcheck/asmparse"
	"github.com/asmcheck/asmcheck/frame"
)

// A checkFunc is the run function of one check: it reports through c.
type checkFunc func(c *Check)

// newAnalyzer builds the Analyzer of a check. Every check requires Load,
// runs with panics contained (a panic while checking one function is
// reported as an internal error at that function, and the check goes on
// with the next), and honours //asmcheck:ignore directives.
func newAnalyzer(name, doc string, run checkFunc) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     name,
		Doc:      doc,
		URL:      "https://github.com/asmcheck/asmcheck/blob/main/docs/checks/" + name + ".md",
		Requires: []*analysis.Analyzer{Load},
	}
	a.Run = func(pass *analysis.Pass) (any, error) {
		pkg := pass.ResultOf[Load].(*Package)
		if len(pkg.Files) == 0 && len(pkg.Internal) == 0 {
			return nil, nil
		}
		c := &Check{Name: name, Pass: pass, Pkg: pkg}
		c.guard(nil, nil, func() { run(c) })
		c.flushMacroGroups()
		return nil, nil
	}
	return a
}

// A Check is one check's view of a package while it runs.
type Check struct {
	Name string
	Pass *analysis.Pass
	Pkg  *Package

	// groups collects diagnostics about statements that come from macro
	// expansions: the same problem in every expansion of one macro (the
	// runtime's CALLFN(·call16, 16) … lines) is reported once.
	groups map[string]*macroGroup
	order  []string
}

type macroGroup struct {
	first Diag
	macro string
	funcs []string
}

// guard runs f, turning a panic into a diagnostic at fn (or the first file).
func (c *Check) guard(f *File, fn *frame.Func, run func()) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		pos := token.NoPos
		if fn != nil {
			pos = fn.Pos()
		} else if len(c.Pkg.Files) > 0 {
			pos = c.Pkg.Files[0].Base
		}
		stack := panicStack()
		c.Pass.Report(analysis.Diagnostic{Pos: pos, Category: "internal",
			Message: fmt.Sprintf("asmcheck internal error in check %s (the rest of the check still ran): %v\n%s", c.Name, r, stack)})
	}()
	run()
}

// panicStack returns the stack of the panicking goroutine from the call
// of panic on, cut to a few frames, for a diagnostic.
func panicStack() string {
	stack := string(debug.Stack())
	if i := strings.Index(stack, "panic("); i >= 0 {
		stack = stack[i:]
	}
	if len(stack) > 600 {
		stack = stack[:600]
	}
	return stack
}

// EachFunc calls do for every function of every file whose arch asmcheck
// knows, each under its own panic guard.
func (c *Check) EachFunc(do func(f *File, fn *frame.Func)) {
	for _, f := range c.Pkg.Files {
		if f.Arch == nil {
			continue
		}
		for _, fn := range f.Funcs {
			c.guard(f, fn, func() { do(f, fn) })
		}
	}
}

// A Diag is one diagnostic being built.
type Diag struct {
	File     *File
	Fn       *frame.Func
	Pos      token.Pos
	End      token.Pos
	Category string // defaults to the check's name
	Msg      string
	Fixes    []analysis.SuggestedFix
	Related  []analysis.RelatedInformation
	grouped  bool
}

// group files d under the macro its statement was expanded from, if any,
// and reports whether it did.
func (c *Check) group(d Diag) bool {
	var macro string
	for i := range d.Fn.Insts {
		if s := d.Fn.Stmt(i); s.Pos == d.Pos && s.Exp != nil {
			macro = s.Exp.Root().Macro.Name
			break
		}
	}
	if s := &d.Fn.File.Stmts[d.Fn.Text]; macro == "" && s.Pos == d.Pos && s.Exp != nil {
		macro = s.Exp.Root().Macro.Name
	}
	if macro == "" {
		return false
	}
	key := macro + "\x00" + d.Category + "\x00" + strings.ReplaceAll(d.Msg, d.Fn.Name, "\x00")
	if c.groups == nil {
		c.groups = map[string]*macroGroup{}
	}
	g := c.groups[key]
	if g == nil {
		g = &macroGroup{first: d, macro: macro}
		c.groups[key] = g
		c.order = append(c.order, key)
	}
	g.funcs = append(g.funcs, funcName(d.Fn))
	return true
}

// flushMacroGroups reports each group once, at its first expansion.
func (c *Check) flushMacroGroups() {
	for _, key := range c.order {
		g := c.groups[key]
		d := g.first
		d.grouped = true
		// A function appears once for each place in its expansion.
		var names []string
		seen := map[string]bool{}
		for _, name := range g.funcs {
			if !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
		}
		places := ""
		if len(g.funcs) > len(names) {
			places = fmt.Sprintf("; %d places in all", len(g.funcs))
		}
		if n := len(names) - 1; n > 0 {
			more := names[1:]
			if len(more) > 4 {
				more = append(more[:4:4], "…")
			}
			d.Msg += fmt.Sprintf(" (in expansions of %s: the same in %d more, %s%s)", g.macro, n, strings.Join(more, ", "), places)
		} else {
			d.Msg += fmt.Sprintf(" (in an expansion of %s%s)", g.macro, places)
		}
		c.Report(d)
	}
	c.groups, c.order = nil, nil
}

// Report emits d in the conventional form "[arch] func: message", unless
// an //asmcheck:ignore directive covers it.
func (c *Check) Report(d Diag) {
	if d.Category == "" {
		d.Category = c.Name
	}
	if d.File != nil && c.ignored(d.File, d.Fn, d.Pos, d.Category) {
		return
	}
	if !d.grouped && d.Fn != nil && c.group(d) {
		return
	}
	var b strings.Builder
	if d.File != nil {
		fmt.Fprintf(&b, "[%s] ", d.File.File.Arch)
	}
	if d.Fn != nil {
		fmt.Fprintf(&b, "%s: ", funcName(d.Fn))
	}
	b.WriteString(d.Msg)
	c.Pass.Report(analysis.Diagnostic{Pos: d.Pos, End: d.End, Category: d.Category,
		Message: b.String(), SuggestedFixes: d.Fixes, Related: d.Related})
}

// Reportf reports a diagnostic at pos in fn.
func (c *Check) Reportf(f *File, fn *frame.Func, pos token.Pos, format string, args ...any) {
	c.Report(Diag{File: f, Fn: fn, Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// funcName is how messages name a function: its name without the package
// qualifier (as go vet does), with the ABI selector if any.
func funcName(fn *frame.Func) string {
	name := fn.Name
	if fn.ABI != "" {
		name += "<" + fn.ABI + ">"
	}
	return name
}

// An ignore is an //asmcheck:ignore directive:
//
//	//asmcheck:ignore check[,check…] reason
//
// on the line of a diagnostic, on the line before it, or — to cover a whole
// function — on its TEXT line or the line before that. The reason is
// required.
type ignore struct {
	pos    token.Pos
	checks []string
	reason string
}

// parseIgnores reads the //asmcheck:ignore directives of a file. A
// directive without a reason is kept with an empty reason (and ignores
// nothing); the syntax check reports it.
func parseIgnores(f *asmparse.File) []*ignore {
	var out []*ignore
	for _, d := range f.Directives {
		rest, ok := strings.CutPrefix(d.Text, "asmcheck:ignore")
		if !ok {
			continue
		}
		rest, _, _ = strings.Cut(rest, "//") // a comment after the directive
		fields := strings.Fields(rest)
		ig := &ignore{pos: d.Pos}
		if len(fields) > 0 {
			ig.checks = strings.Split(fields[0], ",")
			ig.reason = strings.Join(fields[1:], " ")
		}
		out = append(out, ig)
	}
	return out
}

// ignored reports whether an ignore directive covers a diagnostic of
// category at pos in fn.
func (c *Check) ignored(f *File, fn *frame.Func, pos token.Pos, category string) bool {
	if len(f.Ignores) == 0 {
		return false
	}
	fset := c.Pass.Fset
	line := fset.Position(pos).Line
	textLine := -1
	if fn != nil {
		textLine = fset.Position(fn.Pos()).Line
	}
	for _, ig := range f.Ignores {
		if ig.reason == "" || !ig.covers(c.Name, category) {
			continue
		}
		l := fset.Position(ig.pos).Line
		if l == line || l == line-1 || l == textLine || l == textLine-1 {
			return true
		}
	}
	return false
}

func (ig *ignore) covers(check, category string) bool {
	for _, name := range ig.checks {
		if name == check || name == category || name == "all" {
			return true
		}
	}
	return false
}
