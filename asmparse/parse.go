package asmparse

import (
	"bytes"
	"go/build/constraint"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

// A Config says how to read a file.
type Config struct {
	// GOARCH to read the file as. If empty, the arch comes from the file
	// name (x_arm64.s), else from a //go:build line that admits exactly
	// one arch, else from $GOARCH, else the host's.
	GOARCH string
	// GOOS for the GOOS_* define; if empty, from the file name, else
	// $GOOS, else the host's.
	GOOS string
	// Defines are extra -D definitions, NAME or NAME=value.
	Defines []string
	// NoDefaultDefines turns off the definitions `go build` passes to the
	// assembler (see DefaultDefines).
	NoDefaultDefines bool
	// Includer resolves #include; nil means a DirIncluder with no extra
	// directories.
	Includer Includer
	// Headers, if not nil, shares the reading of headers between the
	// files parsed with it (see HeaderCache).
	Headers *HeaderCache
}

// ParseFile parses the assembly source src of the file filename, adding
// it (and every file it includes) to fset. It always returns a File with
// everything that could be read; the error, if not nil, is the File's
// ErrorList.
func ParseFile(fset *token.FileSet, filename string, src []byte, cfg *Config) (*File, error) {
	return ParseString(fset, filename, string(src), cfg)
}

// ParseString is ParseFile for source text held in a string, which the
// File keeps as its Src without a copy.
func ParseString(fset *token.FileSet, filename string, src string, cfg *Config) (*File, error) {
	if cfg == nil {
		cfg = &Config{}
	}
	tf := fset.AddFile(filename, -1, len(src))
	lines := lineStarts(src)
	tf.SetLines(lines)
	f := &File{Name: filename, Src: src, Base: token.Pos(tf.Base())}
	f.Arch, f.ArchFrom = cfg.GOARCH, "config"
	if f.Arch == "" {
		// ArchOf reads only the leading comments.
		f.Arch, f.ArchFrom = ArchOf(filename, []byte(leadingComments(src)))
	}
	f.GOOS = cfg.GOOS
	if f.GOOS == "" {
		f.GOOS = goosOf(filename)
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	defer clear(sc.lookups[:]) // the file's names and macros
	pp := &preprocessor{fset: fset, includer: cfg.Includer, headers: cfg.Headers, macros: map[string]*Macro{}, errs: &f.Errors, file: f,
		pend: sc.pend[:0], buf: sc.buf[:0], args: sc.args[:0], fbuf: sc.fbuf[:0], syms: sc.syms[:0], lookups: &sc.lookups}
	if !cfg.NoDefaultDefines {
		pp.predefine(DefaultDefines(f.GOOS, f.Arch))
	}
	pp.predefine(cfg.Defines)
	pp.pushFile(filename, f.Src, f.Base)
	n := codeLines(src, lines)
	n += min(macroLines(src), maxMacroStmts(n))
	p := &parser{pp: pp, first: &pp.first, file: f, regs: regsFor(f.Arch), x86: f.Arch == "amd64" || f.Arch == "386", errs: &f.Errors,
		stmts: make([]Stmt, 0, n+8), opsHint: n + strings.Count(src, ",") + 8, growScan: scanBudget(src)}
	p.parse()
	sc.pend, sc.buf, sc.args, sc.fbuf, sc.syms = pp.pend[:0], pp.buf[:0], pp.args[:0], pp.fbuf[:0], pp.syms[:0]
	f.macros, f.layers = pp.macros, pp.layers
	f.Errors.Sort()
	return f, f.Errors.Err()
}

// leadingComments returns the start of src through its first line that
// is not blank, a // line or the first line of a /* comment: all
// buildLine reads.
func leadingComments(src string) string {
	for off := 0; off < len(src); {
		end := len(src)
		if i := strings.IndexByte(src[off:], '\n'); i >= 0 {
			end = off + i + 1
		}
		line := strings.TrimSpace(src[off:end])
		if line != "" && !strings.HasPrefix(line, "//") && !strings.HasPrefix(line, "/*") {
			return src[:end]
		}
		off = end
	}
	return src
}

// lineStarts returns the offset of the start of each line of src, as
// token.File.SetLines wants them (faster than SetLinesForContent).
func lineStarts(src string) []int {
	lines := make([]int, 1, strings.Count(src, "\n")+1)
	for off := 0; ; {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 || off+i+1 >= len(src) {
			return lines
		}
		off += i + 1
		lines = append(lines, off)
	}
}

// codeLines estimates the number of statements: the lines that do not
// start with a comment, a directive or nothing.
func codeLines(src string, lines []int) int {
	n := 0
	for _, off := range lines {
		if isCode(src, off) {
			n++
		}
	}
	return n
}

// isCode reports whether the line that starts at src[off] counts for
// codeLines.
func isCode(src string, off int) bool {
	for off < len(src) && (src[off] == ' ' || src[off] == '\t') {
		off++
	}
	return off < len(src) && src[off] != '/' && src[off] != '#' && src[off] != '\n' && src[off] != '\r'
}

// macroLines estimates the statements the macros of several statements
// defined in src add to codeLines: the statements of each body (whose
// lines codeLines counts once, as if they were code) for each use but the
// line of the use itself. The
// uses of each macro are counted in the text after its definition (a
// name used before it is not expanded), and the macros counted are
// limited to keep the work linear in len(src) on any input.
func macroLines(src string) int {
	n := 0
	budget := scanBudget(src)
	for rest := src; ; {
		i := strings.Index(rest, "#define")
		if i < 0 {
			return n
		}
		rest = rest[i+len("#define"):]
		j := 0
		for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t') {
			j++
		}
		k := j
		for k < len(rest) && charClass[rest[k]]&(clIdent|clDigit) != 0 {
			k++
		}
		name := rest[j:k]
		rest = rest[k:]
		// The body's statements: its continuation lines, and the ';'
		// that separate statements on a line (#define ROUND(a, b)
		// MOVQ a, AX; ADDQ AX, b).
		body := 0
		for {
			e := strings.IndexByte(rest, '\n')
			if e < 0 {
				e = len(rest)
			}
			line := strings.TrimRight(rest[:e], " \t\r")
			rest = rest[min(e+1, len(rest)):]
			more := strings.HasSuffix(line, "\\")
			if more || body > 0 {
				body++
			}
			body += countSeparators(strings.TrimSuffix(line, "\\"))
			if !more {
				break
			}
		}
		if body > 1 && name != "" && budget >= len(rest) {
			budget -= len(rest)
			n += countWord(rest, name) * (body - 1)
		}
	}
}

// countSeparators counts the ';' in line that another statement follows.
func countSeparators(line string) int {
	n := 0
	for {
		i := strings.IndexByte(line, ';')
		if i < 0 {
			return n
		}
		line = line[i+1:]
		if rest := strings.TrimLeft(line, " \t;"); rest != "" && !strings.HasPrefix(rest, "//") {
			n++
		}
	}
}

// maxMacroStmts bounds the statements the estimates add for macro
// expansions to the file's lines of code n: an estimate, counting uses
// in comments too, must not make a small file allocate much.
func maxMacroStmts(n int) int { return 8*n + 4096 }

// scanBudget is how many bytes of src the estimates of the number of
// statements (macroLines, parser.growStmts) may each scan in all: a few
// times the file, whatever the number of macros.
func scanBudget(src string) int { return 8*len(src) + 1<<20 }

// codeLinesIn is codeLines for src without its line starts.
func codeLinesIn(src string) int {
	n := 0
	for off := 0; off < len(src); {
		if isCode(src, off) {
			n++
		}
		j := strings.IndexByte(src[off:], '\n')
		if j < 0 {
			break
		}
		off += j + 1
	}
	return n
}

// ArchOf returns the GOARCH a file is for and how that was decided: its
// _GOARCH.s suffix ("file name"), a //go:build line that admits exactly one
// arch ("build constraint"), else $GOARCH or the host's ("default").
func ArchOf(filename string, src []byte) (arch, from string) {
	if a := archFromName(filename); a != "" {
		return a, "file name"
	}
	if arches := buildArches(src); len(arches) == 1 {
		return arches[0], "build constraint"
	} else if len(arches) > 1 {
		if d := defaultArch(); slices.Contains(arches, d) {
			return d, "default"
		}
		return arches[0], "build constraint"
	}
	return defaultArch(), "default"
}

// ArchFixed reports whether the file's name or its //go:build line
// restricts the GOARCHes it is built for. A file whose neither does is
// built for every GOARCH (of its GOOS, if its name has one), which
// RegisterArches can narrow.
func ArchFixed(filename string, src []byte) bool {
	if archFromName(filename) != "" {
		return true
	}
	b := buildArches(src)
	return b != nil && len(b) < len(Arches)
}

// FileArches returns every GOARCH the file can be built for: the one named
// by its file name, else those its //go:build line admits, else all.
func FileArches(filename string, src []byte) []string {
	if a := archFromName(filename); a != "" {
		return []string{a}
	}
	if tail, n := nameTail(filename); n > 0 {
		if arches := osArches[tail[n-1]]; arches != nil {
			return arches
		}
	}
	if arches := buildArches(src); arches != nil {
		return arches
	}
	return Arches
}

func defaultArch() string {
	if a := os.Getenv("GOARCH"); a != "" {
		return a
	}
	return runtime.GOARCH
}

var knownOS = map[string]bool{"aix": true, "android": true, "darwin": true, "dragonfly": true,
	"freebsd": true, "hurd": true, "illumos": true, "ios": true, "js": true, "linux": true,
	"nacl": true, "netbsd": true, "openbsd": true, "plan9": true, "solaris": true, "wasip1": true,
	"windows": true, "zos": true}

// nameTail returns the last two _-separated words of a file name without
// its extension, a trailing "test" dropped, ignoring the leading word
// (x_amd64.s has GOARCH amd64, amd64.s none): the last is tail[n-1], the
// one before it tail[n-2]. It does not allocate: the prototype check asks
// about every file of other configurations.
func nameTail(filename string) (tail [2]string, n int) {
	base := filepath.Base(filename)
	base = base[:len(base)-len(filepath.Ext(base))]
	first := strings.IndexByte(base, '_')
	if first < 0 {
		return tail, 0
	}
	rest := base[first+1:]
	// The last three words, last first.
	var words [3]string
	k := 0
	for k < len(words) {
		i := strings.LastIndexByte(rest, '_')
		words[k] = rest[i+1:]
		k++
		if i < 0 {
			break
		}
		rest = rest[:i]
	}
	w := words[:k]
	if w[0] == "test" {
		w = w[1:]
	}
	n = min(len(w), 2)
	for i := 0; i < n; i++ {
		tail[n-1-i] = w[i]
	}
	return tail, n
}

func archFromName(filename string) string {
	tail, n := nameTail(filename)
	if n == 0 {
		return ""
	}
	if last := tail[n-1]; slices.Contains(Arches, last) {
		return last
	} else if arches := osArches[last]; len(arches) == 1 {
		return arches[0]
	}
	return ""
}

// osArches lists the arches of the ports (go tool dist list) of the
// operating systems that have few.
var osArches = map[string][]string{
	"aix":     {"ppc64"},
	"illumos": {"amd64"},
	"solaris": {"amd64"},
	"js":      {"wasm"},
	"wasip1":  {"wasm"},
	"zos":     {"s390x"},
	"ios":     {"amd64", "arm64"},
	"darwin":  {"amd64", "arm64"},
	"plan9":   {"386", "amd64", "arm"},
	"windows": {"386", "amd64", "arm64"},
}

func goosOf(filename string) string {
	tail, n := nameTail(filename)
	for i := n - 1; i >= 0; i-- {
		if knownOS[tail[i]] {
			return tail[i]
		}
	}
	if g := os.Getenv("GOOS"); g != "" {
		return g
	}
	return runtime.GOOS
}

// buildArches returns the arches the file's //go:build line admits (for
// some value of its other tags), or nil if it has none or admits all.
func buildArches(src []byte) []string {
	return buildArchesFor(src, "")
}

// buildArchesFor is buildArches with GOOS fixed to goos ("" for any).
func buildArchesFor(src []byte, goos string) []string {
	expr := buildLine(src)
	if expr == nil {
		return nil
	}
	var tags []string
	constraint.Expr.Eval(expr, func(tag string) bool {
		if _, fixed := osTag(tag, goos); !isArchTag(tag) && !fixed && !slices.Contains(tags, tag) {
			tags = append(tags, tag)
		}
		return false
	})
	var out []string
	for _, a := range Arches {
		if satisfiable(expr, a, goos, tags) {
			out = append(out, a)
		}
	}
	if len(out) == len(Arches) {
		return nil
	}
	return out
}

// satisfiable reports whether expr holds for GOARCH=arch and some
// assignment of the other tags (tried exhaustively up to 10 tags).
func satisfiable(expr constraint.Expr, arch, goos string, tags []string) bool {
	if len(tags) > 10 {
		tags = tags[:10]
	}
	for bits := 0; bits < 1<<len(tags); bits++ {
		ok := expr.Eval(func(tag string) bool {
			if isArchTag(tag) {
				return tag == arch
			}
			if v, fixed := osTag(tag, goos); fixed {
				return v
			}
			if i := slices.Index(tags, tag); i >= 0 {
				return bits&(1<<i) != 0
			}
			return false
		})
		if ok {
			return true
		}
	}
	return false
}

// unixOS lists the GOOS values the "unix" build tag stands for
// (go/build/syslist.go unixOS).
var unixOS = []string{"aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos",
	"ios", "linux", "netbsd", "openbsd", "solaris"}

// osTag gives the value of a GOOS tag when GOOS is goos; fixed is false
// for other tags, and for every tag when goos is "".
func osTag(tag, goos string) (val, fixed bool) {
	switch {
	case goos == "":
		return false, false
	case tag == "unix":
		return slices.Contains(unixOS, goos), true
	case knownOS[tag]:
		return tag == goos || tag == "linux" && goos == "android" ||
			tag == "solaris" && goos == "illumos" || tag == "darwin" && goos == "ios", true
	}
	return false, false
}

// FileArchesFor returns the GOARCHes the file builds for when GOOS is
// goos: none if its name names another GOOS, else those of its name or
// build constraint.
func FileArchesFor(filename string, src []byte, goos string) []string {
	tail, n := nameTail(filename)
	for i := n - 1; i >= 0; i-- {
		if knownOS[tail[i]] {
			if v, _ := osTag(tail[i], goos); !v {
				return nil
			}
			break
		}
	}
	arches := Arches
	if a := archFromName(filename); a != "" {
		arches = []string{a}
	}
	expr := buildLine(src)
	if expr == nil {
		return arches
	}
	var tags []string
	constraint.Expr.Eval(expr, func(tag string) bool {
		if _, fixed := osTag(tag, goos); !isArchTag(tag) && !fixed && !slices.Contains(tags, tag) {
			tags = append(tags, tag)
		}
		return false
	})
	var out []string
	for _, a := range arches {
		if satisfiable(expr, a, goos, tags) {
			out = append(out, a)
		}
	}
	return out
}

// retiredArches are GOARCH values go/build still knows (knownArch in
// go/build/syslist.go) but Go no longer supports: as build tags they are
// arch names, false for every arch asmcheck checks, not free tags.
var retiredArches = []string{"amd64p32", "armbe", "arm64be", "mips64p32", "mips64p32le",
	"ppc", "riscv", "s390", "sparc", "sparc64"}

func isArchTag(tag string) bool {
	return slices.Contains(Arches, tag) || slices.Contains(retiredArches, tag)
}

// buildLine finds the //go:build line in the file's leading comments, or
// else its old-style // +build lines (still honoured by go/build when a
// file has no //go:build line).
func buildLine(src []byte) constraint.Expr {
	var plus constraint.Expr
	// Only the leading comments are read: each line is converted to a
	// string on its own, not the whole file.
	for len(src) > 0 {
		b := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			b, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		b = bytes.TrimSpace(b)
		if len(b) > 0 && b[0] != '/' {
			return plus
		}
		line := string(b)
		switch {
		case line == "":
			continue
		case constraint.IsGoBuild(line):
			if e, err := constraint.Parse(line); err == nil {
				return e
			}
			return nil
		case constraint.IsPlusBuild(line):
			if e, err := constraint.Parse(line); err == nil {
				if plus == nil {
					plus = e
				} else {
					plus = &constraint.AndExpr{X: plus, Y: e}
				}
			}
			continue
		case strings.HasPrefix(line, "//"):
			continue
		case strings.HasPrefix(line, "/*"):
			continue
		}
		return plus
	}
	return plus
}

// DefaultDefines returns the -D definitions `go build` gives the assembler
// for goos/goarch (cmd/go/internal/work/gc.go, asmArgs; cmd/asm/main.go
// adds GOEXPERIMENT_*): GOOS_x, GOARCH_y, the arch's feature levels from
// $GOAMD64, $GOARM, $GOARM64, $GOPPC64 … or their defaults, and the
// register-ABI experiments enabled by default. (cmd/asm defines the
// experiments only for runtime, reflect, syscall and a few internal
// packages; no other package's assembly tests them.)
func DefaultDefines(goos, goarch string) []string {
	d := []string{"GOOS_" + goos, "GOARCH_" + goarch}
	switch goarch {
	case "386":
		d = append(d, "GO386_sse2")
	case "amd64":
		d = append(d, "GOAMD64_"+envOr("GOAMD64", "v1"))
	case "arm":
		// GOARM=7 defines GOARM_7, GOARM_6 and GOARM_5; 6 the last two.
		switch v := envOr("GOARM", "7"); {
		case strings.Contains(v, "7"):
			d = append(d, "GOARM_7", "GOARM_6", "GOARM_5")
		case strings.Contains(v, "6"):
			d = append(d, "GOARM_6", "GOARM_5")
		default:
			d = append(d, "GOARM_5")
		}
	case "arm64":
		if goarm64LSE(envOr("GOARM64", "v8.0")) {
			d = append(d, "GOARM64_LSE")
		}
	case "mips", "mipsle":
		d = append(d, "GOMIPS_"+envOr("GOMIPS", "hardfloat"))
	case "mips64", "mips64le":
		d = append(d, "GOMIPS64_"+envOr("GOMIPS64", "hardfloat"))
	case "ppc64", "ppc64le":
		// Each level defines the ones below it.
		switch envOr("GOPPC64", "power8") {
		case "power10":
			d = append(d, "GOPPC64_power10", "GOPPC64_power9", "GOPPC64_power8")
		case "power9":
			d = append(d, "GOPPC64_power9", "GOPPC64_power8")
		default:
			d = append(d, "GOPPC64_power8")
		}
	case "riscv64":
		d = append(d, "GORISCV64_"+envOr("GORISCV64", "rva20u64"))
	}
	switch goarch {
	case "amd64", "arm64", "loong64", "ppc64", "ppc64le", "riscv64":
		// The register ABI (internal/buildcfg/exp.go: regabiSupported).
		d = append(d, "GOEXPERIMENT_regabiwrappers", "GOEXPERIMENT_regabiargs")
	}
	return d
}

// goarm64LSE reports whether a GOARM64 value has the LSE atomics:
// v8.1 and later, or a ",lse" option (internal/buildcfg, ParseGoarm64).
func goarm64LSE(v string) bool {
	v, opts, _ := strings.Cut(v, ",")
	if strings.Contains(","+opts+",", ",lse,") {
		return true
	}
	return v != "v8.0" && (strings.HasPrefix(v, "v8.") || strings.HasPrefix(v, "v9."))
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
