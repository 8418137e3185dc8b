package analyzer

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"golang.org/x/tools/go/analysis"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/asmparse"
	"github.com/asmcheck/asmcheck/frame"
)

// Load is the analyzer that every check requires: it parses the package's
// assembly files once, lowers them, and finds the Go declarations they
// implement. Its result is a *Package.
var Load = &analysis.Analyzer{
	Name:       "asmload",
	Doc:        "parse a package's assembly files and lower them for the asmcheck checks",
	Run:        runLoad,
	ResultType: reflect.TypeFor[*Package](),
}

// A Package is the assembly of one package, parsed and lowered, with the
// Go declarations it implements.
type Package struct {
	Pass  *analysis.Pass
	Files []*File
	// Decls maps the name of each body-less Go function to its declaration.
	Decls map[string]*Decl
	// GoAsmH reports whether go_asm.h can be computed for the package
	// (it is, when a file includes it).
	GoAsmH bool
	// Internal lists the panics in the parser or the lowering while the
	// files were read (a bug in asmcheck), for the syntax check to report:
	// a file the parser failed on is left out, one the lowering failed on
	// keeps no functions, and the other files are checked.
	Internal   []InternalError
	internalMu sync.Mutex // files are loaded concurrently (loadFiles)
	// testSrc holds the package's own _test.go files, which the package
	// under analysis does not include: assembly in x_test.s may implement
	// functions they declare. Read on first use.
	testOnce sync.Once
	testSrc  map[string][]byte
	// called caches calledFromGo by name; funcUsesMap is funcUses.
	calledMu     sync.Mutex
	called       map[string]bool
	funcUsesOnce sync.Once
	funcUsesMap  map[*types.Func][]*ast.Ident
	// index is the shared textIndex (newTextIndex), imports the
	// packages imported directly or not (imported).
	indexOnce   sync.Once
	index       *textIndex
	importsOnce sync.Once
	imports     map[string]*types.Package
	// safe is the shared safePoints (newSafePoints).
	safeOnce sync.Once
	safe     *safePoints
	// entries are the functions entered from C (newRegCtx).
	entriesOnce sync.Once
	entries     map[*frame.Func]string
	// dirs are the //go:linkname names of each Go file (linknames),
	// read on first use, each under its dirOnce.
	dirsOnce sync.Once
	dirOnce  []sync.Once
	dirs     []map[string]bool
}

// A File is one parsed assembly file.
type File struct {
	*asmparse.File
	Arch  *frame.Arch // nil if asmcheck does not know the file's arch
	ABI   *abi.Arch
	Funcs []*frame.Func
	// Ignores are the //asmcheck:ignore directives of the file.
	Ignores []*ignore

	// builds caches BuiltFor by GOOS; checks ask concurrently.
	buildsMu sync.Mutex
	builds   map[string]bool

	// benchBytes are the bytes a bound run of the benchmarks allocates in
	// the parse's stead (reuseCache.bytesFor).
	benchBytes [][]byte
}

// BuiltFor reports whether the file is checked for goos or also builds
// for it: its name and build constraints admit goos on its arch.
func (f *File) BuiltFor(goos string) bool {
	if f.File.GOOS == goos {
		return true
	}
	f.buildsMu.Lock()
	defer f.buildsMu.Unlock()
	v, ok := f.builds[goos]
	if !ok {
		// FileArchesFor only reads src: it gets the text without a copy.
		v = slices.Contains(asmparse.FileArchesFor(f.Name, unsafe.Slice(unsafe.StringData(f.Src), len(f.Src)), goos), f.File.Arch)
		if f.builds == nil {
			f.builds = map[string]bool{}
		}
		f.builds[goos] = v
	}
	return v
}

// A Decl is a Go function declared without a body.
type Decl struct {
	Func *types.Func
	Decl *ast.FuncDecl
	// file is the index in Pass.Files of the Go file that declares the
	// function.
	file int

	mu sync.Mutex // checks run concurrently
	// frame is the frame for frameArch (when frameSet); frames holds the
	// others (a package's files are mostly of one arch).
	frameArch string
	frameSet  bool
	frame     *abi.Frame
	frames    map[string]*abi.Frame
}

// Frame returns the ABI0 frame of d on arch, or nil if it cannot be laid out.
func (d *Decl) Frame(arch *abi.Arch) *abi.Frame {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.frameSet && d.frameArch == arch.Name {
		return d.frame
	}
	if f, ok := d.frames[arch.Name]; ok {
		return f
	}
	f, err := abi.NewFrame(d.Func.Type().(*types.Signature), arch)
	if err != nil {
		f = nil
	}
	switch {
	case !d.frameSet:
		d.frameArch, d.frameSet, d.frame = arch.Name, true, f
	case d.frames == nil:
		d.frames = map[string]*abi.Frame{arch.Name: f}
	default:
		d.frames[arch.Name] = f
	}
	return f
}

func runLoad(pass *analysis.Pass) (any, error) {
	p := &Package{Pass: pass, Decls: goDecls(pass)}
	var names []string
	for _, name := range pass.OtherFiles {
		if strings.HasSuffix(name, ".s") {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return p, nil
	}
	inc := newIncluder(pass)
	p.GoAsmH = inc.arch != nil
	headers := &asmparse.HeaderCache{}
	files := make([]*File, len(names))
	loadFiles(names, func(i int) { files[i] = p.parse(names[i], inc, headers) })
	// By file name, whichever file finished first.
	sort.SliceStable(p.Internal, func(i, j int) bool { return p.Internal[i].file < p.Internal[j].file })
	for _, f := range files {
		if f != nil {
			p.Files = append(p.Files, f)
		}
	}
	return p, nil
}

// loadFiles calls load(i) for each of the files names, on up to GOMAXPROCS
// goroutines at once, the largest files first, and returns when all are
// done. A package's files are read, parsed and lowered independently of
// each other but for what they share, which is safe for concurrent use
// (the includer, the HeaderCache, the FileSet): the runtime's eleven arm64
// files would otherwise keep one core busy while the package's checks,
// which all need them, wait (go vet checks one package per process, and a
// package with much assembly is where the time goes).
//
// The files get positions in the FileSet in the order they are parsed,
// which may differ from run to run; nothing depends on that order but
// the token.Pos values themselves (diagnostics are reported by file in
// the order of names, and printed by position within a file).
func loadFiles(names []string, load func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), len(names))
	if workers <= 1 {
		for i := range names {
			load(i)
		}
		return
	}
	// The largest first, so that the last file to start is a small one.
	order := make([]int, len(names))
	size := make([]int64, len(names))
	for i, name := range names {
		order[i] = i
		if st, err := os.Stat(name); err == nil {
			size[i] = st.Size()
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return size[order[a]] > size[order[b]] })
	var next atomic.Int32
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(order) {
					return
				}
				load(order[k])
			}
		})
	}
	wg.Wait()
}

// readFile reads a file of the package: through the pass when it may, else
// from disk (headers of the package, which go vet does not list).
func readFile(pass *analysis.Pass, name string) ([]byte, error) {
	if b, ok := readOverlay[name]; ok {
		return b, nil
	}
	if pass.ReadFile != nil {
		if b, err := pass.ReadFile(name); err == nil {
			return b, nil
		}
	}
	return os.ReadFile(name)
}

// readOverlay, when not nil, holds texts that readFile returns instead of
// the files of those names: the mutation test (mutate_test.go) checks
// real packages with one file changed. It is set only while no analysis
// runs.
var readOverlay map[string][]byte

func (p *Package) parse(name string, inc *includer, headers *asmparse.HeaderCache) *File {
	src, err := readFile(p.Pass, name)
	if err != nil {
		return nil
	}
	arch, _ := asmparse.ArchOf(name, src)
	// src is ours and never written: the File keeps it as its text
	// without a copy.
	reuse := benchReuse.get(name, arch)
	if reuse != nil && benchReuse.mode == "lower" {
		return reuse
	}
	var af *asmparse.File
	if reuse != nil {
		af = reuse.File
	} else if !p.guardLoad(token.NoPos, name, len(src), "reading", func() {
		af, _ = asmparse.ParseString(p.Pass.Fset, name, unsafe.String(unsafe.SliceData(src), len(src)), &asmparse.Config{GOARCH: arch, Includer: inc, Headers: headers})
	}) {
		return nil
	}
	f := &File{File: af, Arch: frame.ArchFor(af.Arch), ABI: abi.ArchFor(af.Arch)}
	if reuse != nil {
		f.benchBytes = benchReuse.bytesFor(name, arch, len(src))
	}
	if f.Arch != nil && !p.guardLoad(af.Base, name, len(src), "lowering", func() { f.Funcs = frame.Funcs(af, f.Arch) }) {
		f.Funcs = nil
	}
	f.Ignores = parseIgnores(af)
	benchReuse.put(name, arch, f)
	return f
}

// benchReuse, set only by the analyzer benchmarks' bound runs
// ($ASMCHECK_BENCH_REUSE, docs/performance.md), keeps each file's load
// from one run for the next: with mode "parse" a later run reuses the
// parse (and lowers it again), with "lower" the parse and the lowering.
// The ratios measured so are what a parser (and a lowering) that cost
// nothing would give. With alloc "new", a run that reuses a parse also
// allocates as many bytes, without pointers, as the parse would have
// (parseBytesPerByte); with "pooled", it takes them from the previous
// run's and clears them: what the parse's allocation alone costs, and
// what memory used again would win back of it (seventeenth round). Its
// mode is empty everywhere else, and it keeps nothing.
var benchReuse reuseCache

type reuseCache struct {
	mode  string
	alloc string // "", "new" or "pooled"
	mu    sync.Mutex
	files map[string]*File
	pool  map[string][][]byte
}

// parseBytesPerByte is what the parse allocates per byte of source on
// the arm64 benchmark files (3.47 MB for 223 KB: BenchmarkParseVetSet
// -benchmem), and benchBlock the size of the blocks bytesFor allocates
// them in.
const (
	parseBytesPerByte = 15.6
	benchBlock        = 8 << 10
)

// bytesFor returns the bytes a run that reuses the parse of the file
// name, of size bytes, allocates in the parse's stead ($ASMCHECK_BENCH_REUSE
// with +bytes or +pooled), or nil.
func (c *reuseCache) bytesFor(name, arch string, size int) [][]byte {
	if c.alloc == "" {
		return nil
	}
	if c.alloc == "pooled" {
		c.mu.Lock()
		defer c.mu.Unlock()
		if bs := c.pool[reuseKey(name, arch)]; bs != nil {
			for _, b := range bs {
				clear(b)
			}
			return bs
		}
	}
	var bs [][]byte
	for n := int(float64(size) * parseBytesPerByte); n > 0; n -= benchBlock {
		bs = append(bs, make([]byte, min(n, benchBlock)))
	}
	if c.alloc == "pooled" {
		if c.pool == nil {
			c.pool = map[string][][]byte{}
		}
		c.pool[reuseKey(name, arch)] = bs
	}
	return bs
}

// reuseKey is the key of the file name read for arch in reuseCache's maps.
func reuseKey(name, arch string) string { return arch + " " + name }

func (c *reuseCache) get(name, arch string) *File {
	if c.mode == "" {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.files[reuseKey(name, arch)]
}

func (c *reuseCache) put(name, arch string, f *File) {
	if c.mode == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.files == nil {
		c.files = map[string]*File{}
	}
	c.files[reuseKey(name, arch)] = f
}

// An InternalError is a panic in the parser or the lowering of a file.
type InternalError struct {
	Pos  token.Pos // the start of the file
	Msg  string
	file string
}

// loadPanicTest, when set to a stage and a file's base name ("lowering
// a_amd64.s"), makes guardLoad panic there, for the tests.
var loadPanicTest string

// guardLoad runs do, one stage ("reading", "lowering") of loading the file
// name of size bytes, and reports whether it returned; a panic is recorded
// in p.Internal at pos (at a new position at the start of the file if pos
// is not valid: the parser may not have added the file to the FileSet).
func (p *Package) guardLoad(pos token.Pos, name string, size int, stage string, do func()) (ok bool) {
	defer func() {
		if ok {
			return
		}
		r := recover()
		if !pos.IsValid() {
			pos = token.Pos(p.Pass.Fset.AddFile(name, -1, size).Base())
		}
		stack := panicStack()
		skipped := "the file is not checked"
		if stage == "lowering" {
			skipped = "only its syntax and data are checked"
		}
		p.internalMu.Lock()
		defer p.internalMu.Unlock()
		p.Internal = append(p.Internal, InternalError{pos, fmt.Sprintf(
			"asmcheck internal error %s %s (%s; the other files are checked): %v\n%s", stage, filepath.Base(name), skipped, r, stack), name})
	}()
	if loadPanicTest != "" && loadPanicTest == stage+" "+filepath.Base(name) {
		panic("loadPanicTest")
	}
	do()
	return true
}

// targetGOOS is the GOOS of the build being checked: $GOOS when set (the
// standalone driver sets it for every target; build.Default was fixed at
// start-up), else the host's.
func targetGOOS() string {
	if g := os.Getenv("GOOS"); g != "" {
		return g
	}
	return build.Default.GOOS
}

// nextTextSymbol returns the symbol of the first TEXT line of src and the
// text after that line, found by a plain scan (no preprocessing): enough
// to know what a file of another build configuration defines, at a
// fraction of a parse's cost. ok is false when no TEXT line is left.
func nextTextSymbol(src string) (sym, rest string, ok bool) {
	for len(src) > 0 {
		// Only lines that contain "TEXT" can define a symbol: go from one
		// to the next.
		i := strings.Index(src, "TEXT")
		if i < 0 {
			break
		}
		start := strings.LastIndexByte(src[:i], '\n') + 1
		line := src[start:]
		if j := strings.IndexByte(line, '\n'); j >= 0 {
			line, src = line[:j], line[j+1:]
		} else {
			src = ""
		}
		line = strings.TrimSpace(line)
		after, ok := strings.CutPrefix(line, "TEXT")
		if !ok || after == "" || (after[0] != ' ' && after[0] != '\t') {
			continue
		}
		sym, _, ok := strings.Cut(strings.TrimSpace(after), "(SB)")
		if ok {
			if i := strings.IndexByte(sym, '<'); i >= 0 {
				sym = sym[:i]
			}
			return sym, src, true
		}
	}
	return "", "", false
}

// leadingComments returns the lines at the start of src that are blank
// or start with '/' (spaces aside): where build constraints may be.
func leadingComments(src []byte) []byte {
	end := 0
	for end < len(src) {
		line := src[end:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1]
		}
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] != '/' {
			break
		}
		end += len(line)
	}
	return src[:end]
}

// otherConfigFiles returns the package's assembly files of other build
// configurations whose names do not rule out the target GOOS: the files
// definedElsewhere reads.
func (p *Package) otherConfigFiles() []string {
	goos := targetGOOS()
	var out []string
	for _, name := range p.Pass.IgnoredFiles {
		if strings.HasSuffix(name, ".s") && len(asmparse.FileArchesFor(name, nil, goos)) > 0 {
			out = append(out, name)
		}
	}
	return out
}

// definedElsewhere returns, for each of the given names that the
// assembly files of other build configurations for the same GOOS (files,
// from otherConfigFiles) define as a local function, the sorted base names
// of those files: implemented in assembly on this OS for other arches.
// Files for other operating systems do not count, since there the function
// may come from elsewhere (the runtime's push linknames for package
// syscall, say).
//
// The files are read one after the other into one buffer and scanned in
// place: only the names found are kept.
func (p *Package) definedElsewhere(files []string, names map[string]bool) map[string][]string {
	if len(names) == 0 {
		return nil
	}
	out := map[string][]string{}
	goos := targetGOOS()
	pkgPath := ""
	if p.Pass.Pkg != nil {
		pkgPath = p.Pass.Pkg.Path()
	}
	// With few names, a file that holds none of them after a middle dot
	// (a TEXT line for one holds "·name") is passed over before its build
	// constraints are evaluated or its lines scanned: most files are.
	var needles [][]byte
	if len(names) <= 8 {
		for n := range names {
			needles = append(needles, []byte("·"+n))
		}
	}
	bp := readBufs.Get().(*[]byte)
	defer func() { readBufs.Put(bp) }()
	buf := *bp
	defer func() { *bp = buf[:0] }()
	for _, name := range files {
		// Read from disk into the reused buffer, not through
		// pass.ReadFile, which allocates each file (~1.2 MB per run for
		// the runtime): these files are only scanned for TEXT symbols,
		// and the drivers asmcheck runs under (go vet's unitchecker, the
		// standalone checker) serve the disk's files anyway. A driver
		// with a virtual file tree would have this check see the saved
		// versions of other configurations' files.
		var err error
		if buf, err = readInto(buf, name); err != nil {
			continue
		}
		src := buf
		if needles != nil && !containsAny(src, needles) {
			continue
		}
		// Without a //go:build or // +build line, the name alone decides
		// (above).
		if hdr := leadingComments(src); (bytes.Contains(hdr, []byte("go:build")) || bytes.Contains(hdr, []byte("+build"))) &&
			len(asmparse.FileArchesFor(name, src, goos)) == 0 {
			continue
		}
		base := filepath.Base(name)
		// The text is a view of src (perhaps buf): nothing derived from
		// it is kept.
		text := unsafe.String(unsafe.SliceData(src), len(src))
		for {
			sym, rest, ok := nextTextSymbol(text)
			if !ok {
				break
			}
			text = rest
			pkg, n, dot := frame.SplitSym(sym)
			if !dot || !names[n] || pkg != "" && (p.Pass.Pkg == nil || pkg != pkgPath) {
				continue
			}
			// n is a view of the text, and an assignment stores its
			// key again: the key is a copy.
			if l := out[n]; len(l) == 0 || l[len(l)-1] != base {
				out[strings.Clone(n)] = append(l, base)
			}
		}
	}
	for _, files := range out {
		sort.Strings(files)
	}
	return out
}

// readBufs holds the buffers definedElsewhere reads files into, kept
// between runs (a buffer grows to the largest file, 100 KB or so).
var readBufs = sync.Pool{New: func() any { return new([]byte) }}

// containsAny reports whether src contains one of needles, which all
// start with a middle dot: in one pass over the middle dots of src (a
// bytes.Contains per needle went over them once per needle).
func containsAny(src []byte, needles [][]byte) bool {
	dot := []byte("·")
	for {
		i := bytes.Index(src, dot)
		if i < 0 {
			return false
		}
		src = src[i:]
		for _, n := range needles {
			if bytes.HasPrefix(src, n) {
				return true
			}
		}
		src = src[len(dot):]
	}
}

// TestDecl reports whether the package's own _test.go files declare the
// function name without a body.
func (p *Package) TestDecl(name string) bool {
	p.testOnce.Do(func() {
		var goos, goarch string
		if len(p.Files) > 0 {
			goos, goarch = p.Files[0].File.GOOS, p.Files[0].File.Arch
		}
		p.testSrc = testFiles(p.Pass, goos, goarch)
	})
	for _, src := range p.testSrc {
		if bodylessIn(src, p.Pass.Pkg.Name(), name) {
			return true
		}
	}
	return false
}

// goDecls finds the package's Go functions without a body.
func goDecls(pass *analysis.Pass) map[string]*Decl {
	decls := map[string]*Decl{}
	for i, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body != nil || fd.Recv != nil {
				continue
			}
			fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if fn == nil {
				continue
			}
			decls[fd.Name.Name] = &Decl{Func: fn, Decl: fd, file: i}
		}
	}
	return decls
}

// testFiles reads the package's internal _test.go files (same directory,
// same package name) that build for goos and goarch (go/build's file name
// and //go:build rules, with no custom tags: as go vet, which is not told
// the -tags of a build, sees them), which a non-test analysis does not
// see. A declaration in x_darwin_test.go does not declare the function on
// linux (bytedance/mockey's copy_darwin_arm64_test.s).
func testFiles(pass *analysis.Pass, goos, goarch string) map[string][]byte {
	if len(pass.Files) == 0 || pass.Pkg == nil {
		return nil
	}
	dir := filepath.Dir(pass.Fset.File(pass.Files[0].Pos()).Name())
	names, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	ctxt := build.Default
	if goos != "" {
		ctxt.GOOS = goos
	}
	if goarch != "" {
		ctxt.GOARCH = goarch
	}
	out := map[string][]byte{}
	for _, name := range names {
		if ok, err := ctxt.MatchFile(dir, filepath.Base(name)); err != nil || !ok {
			continue
		}
		if src, err := os.ReadFile(name); err == nil {
			out[name] = src
		}
	}
	return out
}

// bodylessIn reports whether the Go file src, of package pkg, declares the
// function name without a body. Only files that mention "func name(" are
// parsed.
func bodylessIn(src []byte, pkg, name string) bool {
	if !bytes.Contains(src, []byte("func "+name+"(")) {
		return false
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution)
	if err != nil || f.Name.Name != pkg {
		return false
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body == nil && fd.Recv == nil && fd.Name.Name == name {
			return true
		}
	}
	return false
}

// hostImport reports whether a //go:wasmimport directive gives fd's body
// (the host provides it on wasm).
func hostImport(fd *ast.FuncDecl) bool {
	if fd.Doc == nil {
		return false
	}
	for _, c := range fd.Doc.List {
		if strings.HasPrefix(c.Text, "//go:wasmimport ") {
			return true
		}
	}
	return false
}

// linknamed reports whether a //go:linkname directive names the function
// of each of decls (the body may come from elsewhere) or a
// //go:wasmimport directive gives its body.
func (p *Package) linknamed(decls []*Decl) map[*Decl]bool {
	out := map[*Decl]bool{}
	for _, d := range decls {
		out[d] = p.linknames(d.file)[d.Decl.Name.Name] || hostImport(d.Decl)
	}
	return out
}

// linknames returns the local names that the //go:linkname directives of
// the i'th file of the package name, read on first use (the checks ask
// concurrently). Only the files that declare a function asked about are
// read.
func (p *Package) linknames(i int) map[string]bool {
	p.dirsOnce.Do(func() {
		p.dirOnce = make([]sync.Once, len(p.Pass.Files))
		p.dirs = make([]map[string]bool, len(p.Pass.Files))
	})
	p.dirOnce[i].Do(func() { p.dirs[i] = readLinknames(p.Pass.Files[i]) })
	return p.dirs[i]
}

// isDirective reports whether the comment text t starts with "//go:"
// followed by the letter c, testing the bytes most comments differ in
// first: every comment of every file is tested.
func isDirective(t string, c byte) bool {
	return len(t) > 5 && t[4] == ':' && t[2] == 'g' && t[5] == c && t[:5] == "//go:"
}

// readLinknames reads the //go:linkname directives of f.
func readLinknames(f *ast.File) map[string]bool {
	var out map[string]bool
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if !isDirective(c.Text, 'l') {
				continue // the common case, tested once
			}
			if rest, ok := strings.CutPrefix(c.Text, "//go:linkname "); ok {
				if fields := strings.Fields(rest); len(fields) > 0 {
					if out == nil {
						out = map[string]bool{}
					}
					out[fields[0]] = true
				}
			}
		}
	}
	return out
}

// A cgoExport is a //go:cgo_export_static or //go:cgo_export_dynamic
// directive: the name it exports, and the directive ("go:cgo_export_static").
type cgoExport struct{ name, directive string }

// cgoExports returns the //go:cgo_export_static and //go:cgo_export_dynamic
// directives of the package's Go files, in order.
func (p *Package) cgoExports() []cgoExport {
	var out []cgoExport
	for _, f := range p.Pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if !isDirective(c.Text, 'c') {
					continue // the common case, tested once
				}
				for _, d := range [...]string{"//go:cgo_export_static ", "//go:cgo_export_dynamic "} {
					if rest, ok := strings.CutPrefix(c.Text, d); ok {
						if fields := strings.Fields(rest); len(fields) > 0 {
							out = append(out, cgoExport{fields[0], strings.TrimSpace(d[2:])})
						}
					}
				}
			}
		}
	}
	return out
}

// An includer resolves #include for a package under analysis: go_asm.h is
// computed from the package's types (go vet does not run the compiler that
// writes it) when a file first includes it, textflag.h and the other
// go-command headers are built in, and anything else is read relative to
// the including file.
type includer struct {
	pass *analysis.Pass
	arch *abi.Arch // go_asm.h's arch; nil if it cannot be computed
	// goAsmH is go_asm.h, computed under goAsmHOnce; index gives its
	// defines one by one (IncludeMacros), if it can, computed under
	// indexOnce. The files of a package are parsed concurrently
	// (loadFiles): whichever includes go_asm.h first computes it, and the
	// others wait for it.
	goAsmHOnce sync.Once
	goAsmH     []byte
	indexOnce  sync.Once
	index      *asmHeaderMacros
	dirs       asmparse.DirIncluder
	// read holds the headers read so far, by path: most of a package's
	// files include the same few (the runtime's asm_arm64.h...).
	readMu sync.Mutex
	read   map[string]readResult
}

type readResult struct {
	src []byte
	err error
}

// readHeader reads a header for dirs, once per path.
func (inc *includer) readHeader(path string) ([]byte, error) {
	inc.readMu.Lock()
	defer inc.readMu.Unlock()
	if r, ok := inc.read[path]; ok {
		return r.src, r.err
	}
	src, err := readFile(inc.pass, path)
	if inc.read == nil {
		inc.read = map[string]readResult{}
	}
	inc.read[path] = readResult{src, err}
	return src, err
}

// IncludeMacros implements asmparse.LazyIncluder: go_asm.h is given by
// name, and a value is computed only for the names a file uses, unless
// two of its defines share a name.
func (inc *includer) IncludeMacros(name, from string) (string, asmparse.MacroSource, bool) {
	if name != "go_asm.h" || inc.arch == nil {
		return "", nil, false
	}
	inc.indexOnce.Do(func() {
		consts, tns := constNamesAndTypes(inc.pass)
		if x, ok := abi.NewAsmHeaderIndex(inc.pass.Pkg, consts, tns, inc.arch); ok {
			inc.index = &asmHeaderMacros{x}
		}
	})
	if inc.index == nil {
		return "", nil, false
	}
	return filepath.Join(filepath.Dir(from), "go_asm.h (computed)"), inc.index, true
}

// asmHeaderMacros is go_asm.h as an asmparse.MacroSource. It gives the
// index's candidate names, a superset of its defines' that costs less
// to make (asmparse.MacroSource allows it).
type asmHeaderMacros struct{ x *abi.AsmHeaderIndex }

// Lookup implements asmparse.MacroSource.
func (m *asmHeaderMacros) Lookup(name string) (string, bool) { return m.x.Value(name) }

// Len implements asmparse.MacroSource.
func (m *asmHeaderMacros) Len() int { return m.x.CandidateCount() }

// Names implements asmparse.MacroSource.
func (m *asmHeaderMacros) Names() iter.Seq[string] { return m.x.Candidates() }

// constNamesAndTypes returns the names of the package's package-level
// constants and its package-level type names, what go_asm.h describes,
// from its files' declarations (blank names are not in the scope). The
// constants are not looked up (the index looks up those a file uses):
// each lookup in TypesInfo.Defs, a table of every identifier the package
// declares, misses the caches, and the runtime has thousands.
func constNamesAndTypes(pass *analysis.Pass) ([]string, []*types.TypeName) {
	var consts []string
	var tns []*types.TypeName
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST && gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				switch spec := spec.(type) {
				case *ast.ValueSpec:
					for _, id := range spec.Names {
						if id.Name != "_" {
							consts = append(consts, id.Name)
						}
					}
				case *ast.TypeSpec:
					if tn, ok := pass.TypesInfo.Defs[spec.Name].(*types.TypeName); ok && spec.Name.Name != "_" {
						tns = append(tns, tn)
					}
				}
			}
		}
	}
	return consts, tns
}

func newIncluder(pass *analysis.Pass) *includer {
	inc := &includer{pass: pass}
	inc.dirs.ReadFile = inc.readHeader
	if pass.Pkg != nil {
		goarch := os.Getenv("GOARCH")
		for _, name := range pass.OtherFiles {
			if a, _ := asmparse.ArchOf(name, nil); a != "" {
				goarch = a
				break
			}
		}
		inc.arch = abi.ArchFor(goarch)
	}
	return inc
}

// IncludesBuiltins implements asmparse.BuiltinIncluder: Include resolves
// the built-in headers through a DirIncluder, so their macros may come
// from the parser's cache, read once per process.
func (inc *includer) IncludesBuiltins() bool { return true }

var _ asmparse.BuiltinIncluder = (*includer)(nil)

// Include implements asmparse.Includer.
func (inc *includer) Include(name, from string) (string, []byte, error) {
	if name == "go_asm.h" && inc.arch != nil {
		inc.goAsmHOnce.Do(func() {
			inc.goAsmH = abi.FormatAsmHeader(inc.pass.Pkg.Name(), abi.AsmHeader(inc.pass.Pkg, inc.arch))
		})
		return filepath.Join(filepath.Dir(from), "go_asm.h (computed)"), inc.goAsmH, nil
	}
	path, src, err := inc.dirs.Include(name, from)
	if err != nil && errors.Is(err, fs.ErrNotExist) && name == "go_asm.h" {
		return "", nil, fmt.Errorf("go_asm.h cannot be computed here: %w", err)
	}
	return path, src, err
}

// Funcs returns every Func of the package's files, in file order.
func (p *Package) Funcs() []*frame.Func {
	var out []*frame.Func
	for _, f := range p.Files {
		out = append(out, f.Funcs...)
	}
	return out
}

// FileOf returns the File that fn belongs to.
func (p *Package) FileOf(fn *frame.Func) *File {
	for _, f := range p.Files {
		if f.File == fn.File {
			return f
		}
	}
	return nil
}

// DeclOf returns the Go declaration that fn implements, or nil when fn is
// not a function of this package visible from Go (another package's
// symbol, a static symbol, a C-style name, or no declaration).
func (p *Package) DeclOf(fn *frame.Func) *Decl {
	if !p.IsLocal(fn) {
		return nil
	}
	return p.Decls[fn.Name]
}

// IsLocal reports whether fn is a function of this package that Go code
// could declare: ·name or pkgpath·name, not static.
func (p *Package) IsLocal(fn *frame.Func) bool {
	if !fn.Dot || fn.Static || fn.Bad {
		return false
	}
	return fn.Pkg == "" || p.Pass.Pkg != nil && fn.Pkg == p.Pass.Pkg.Path()
}
