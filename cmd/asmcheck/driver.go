package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/asmcheck/asmcheck/analyzer"
	"github.com/asmcheck/asmcheck/asmparse"
)

// A driver runs the checks on packages for every GOARCH they have
// assembly for.
type driver struct {
	dir        string // directory to load packages from; "" for the current one
	patterns   []string
	arches     []string
	json, fix  bool
	cpuprofile string
	parallel   int // targets loading or loaded at once (-p); 0 or less: defaultParallel
	analyzers  []*analysis.Analyzer
	// skipped says which packages were not checked for a target, and why
	// (check appends; main prints).
	skipped []skip
	// narrowed holds, for each file without a GOARCH in its name or build
	// constraint whose registers belong to some GOARCHes only, those
	// (discover sets it; main prints a note and drops the file's findings
	// for the others).
	narrowed map[string][]string
	// hostCgoOn is whether the host's builds have cgo on (hostCgo).
	hostCgoOnce sync.Once
	hostCgoOn   bool
	// gorootDir is go env GOROOT (goroot), for the std and cmd patterns;
	// modules are the main modules' paths and directories (moduleDir).
	gorootOnce  sync.Once
	gorootDir   string
	modulesOnce sync.Once
	modules     [][2]string
	// depModules are the modules of the build list (go list -m all), for
	// patterns outside the main modules.
	depModulesOnce sync.Once
	depModules     [][2]string
	// hostOS and hostArch are the target the go command builds for by
	// default here: $GOOS and $GOARCH if set (a user cross-compiling),
	// else asmcheck's own, read once (host), before analyze changes the
	// environment: discover reads them first.
	hostOnce         sync.Once
	hostOS, hostArch string
	// tested holds the packages whose _test.go files declare functions
	// without a body (discover): they are loaded with their tests, for
	// assembly that implements those (load).
	tested map[string]bool
	// loaded, if not nil, is given each package as the checks saw it
	// (the Load analyzer's result), with its target's GOARCH, after the
	// checks ran (the language server's hovers read it).
	loaded func(arch string, p *analyzer.Package)
}

// A skip is a package not checked for a target because it does not build
// there.
type skip struct{ pkg, target, why string }

// printSkips writes one note per package skipped, with its targets and
// the first error of the first.
func printSkips(w io.Writer, skips []skip) {
	var order []string
	byPkg := map[string][]skip{}
	for _, s := range skips {
		if byPkg[s.pkg] == nil {
			order = append(order, s.pkg)
		}
		byPkg[s.pkg] = append(byPkg[s.pkg], s)
	}
	for _, pkg := range order {
		ss := byPkg[pkg]
		var targets []string
		for _, s := range ss {
			targets = append(targets, s.target)
		}
		fmt.Fprintf(w, "asmcheck: skipped %s for %s: it does not build there (%s: %s)\n", pkg, strings.Join(targets, ", "), ss[0].target, ss[0].why)
	}
}

// printNarrowed writes a note for each file checked for fewer GOARCHes
// than it is built for (driver.narrowed), in file order.
func printNarrowed(w io.Writer, narrowed map[string][]string) {
	for _, name := range sortedKeys(narrowed) {
		as := narrowed[name]
		list := strings.Join(as, ", ")
		if n := len(as); n > 1 {
			list = strings.Join(as[:n-1], ", ") + " and " + as[n-1]
		}
		fmt.Fprintf(w, "asmcheck: %s has no GOARCH in its name or build constraint, but its registers and instructions are %s's: "+
			"checked for %s only (the go command assembles it for every GOARCH, and the other assemblers reject it; "+
			"name it x_GOARCH.s or add a //go:build line)\n", displayPath(name), list, list)
	}
}

// A finding is one diagnostic, positioned.
type finding struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Arch string `json:"arch"`
	// GOOS is the operating system the file was checked for; a finding
	// made for several (386 assembly checked for linux and for windows)
	// lists them, comma-separated.
	GOOS    string `json:"goos"`
	Check   string `json:"check"`
	Message string `json:"message"`
	Fixes   []fix  `json:"fixes,omitempty"`
}

type fix struct {
	Message string `json:"message"`
	Edits   []edit `json:"edits"`
}

type edit struct {
	File  string `json:"file"`
	Start int    `json:"start"` // byte offsets
	End   int    `json:"end"`
	New   string `json:"new"`
}

func newDriver(args []string, stderr io.Writer) (*driver, error) {
	fs := flag.NewFlagSet("asmcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	archList := fs.String("arch", "", "comma-separated GOARCHes to check (default: every GOARCH the packages have .s files for)")
	d := &driver{}
	fs.BoolVar(&d.json, "json", false, "print diagnostics as JSON")
	fs.BoolVar(&d.fix, "fix", false, "apply suggested fixes")
	fs.StringVar(&d.cpuprofile, "cpuprofile", "", "write a CPU profile to `file`")
	fs.IntVar(&d.parallel, "p", defaultParallel(), "load at most `n` targets' packages at once (each takes memory: a few hundred MB for std)")
	enable := map[string]*string{}
	for _, a := range analyzer.All {
		enable[a.Name] = fs.String(a.Name, "", "enable (true) or disable (false) the "+a.Name+" check")
		// A check's own flags are -NAME.FLAG, as under go vet (-nosplit.race).
		a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, a.Name+"."+f.Name, f.Usage) })
	}
	fs.Usage = func() { printUsage(stderr, fs, enable) }
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	d.patterns = fs.Args()
	if len(d.patterns) == 0 {
		d.patterns = []string{"."}
	}
	if *archList != "" {
		d.arches = strings.Split(*archList, ",")
	}
	on, off := map[string]bool{}, map[string]bool{}
	for name, v := range enable {
		switch *v {
		case "true", "1":
			on[name] = true
		case "false", "0":
			off[name] = true
		case "":
		default:
			return nil, fmt.Errorf("-%s=%s: want true or false", name, *v)
		}
	}
	for _, a := range analyzer.All {
		if len(on) > 0 && !on[a.Name] || off[a.Name] {
			continue
		}
		d.analyzers = append(d.analyzers, a)
	}
	return d, nil
}

// printUsage prints the standalone command's usage: its own flags (those
// of fs but the checks' switches, which are listed with the checks
// instead), the checks, and the exit status.
func printUsage(w io.Writer, fs *flag.FlagSet, checks map[string]*string) {
	fmt.Fprint(w, `usage: asmcheck [-arch list] [-json] [-fix] [-CHECK=false] [packages]
       go vet -vettool=$(which asmcheck) [packages]
       asmcheck help [CHECK] | abi ... | stub ... | lsp    (asmcheck help says more)

Flags:
`)
	own := flag.NewFlagSet("", flag.ContinueOnError)
	own.SetOutput(w)
	fs.VisitAll(func(f *flag.Flag) {
		if checks[f.Name] == nil {
			own.Var(f.Value, f.Name, f.Usage)
			own.Lookup(f.Name).DefValue = f.DefValue
		}
	})
	own.PrintDefaults()
	fmt.Fprintln(w, "\nChecks (-CHECK=false turns one off; -CHECK=true runs only the checks so named):")
	printChecks(w)
	fmt.Fprintln(w, "\nExit status: 0 if nothing was reported, 1 if something was, 2 if the packages could not be\nloaded or checked or the command line is wrong (0 for -h).")
}

func (d *driver) main(stdout, stderr io.Writer) int {
	if d.cpuprofile != "" {
		f, err := os.Create(d.cpuprofile)
		if err != nil {
			fmt.Fprintln(stderr, "asmcheck:", err)
			return 2
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	all, failed := d.collect(stderr)
	if d.fix {
		if err := applyFixes(all); err != nil {
			fmt.Fprintln(stderr, "asmcheck: -fix:", err)
			failed = true
		}
	}
	d.print(stdout, all)
	switch {
	case failed:
		return 2
	case len(all) > 0:
		return 1
	}
	return 0
}

// collect checks the packages for every target and returns the findings,
// sorted and without repeats, and whether some package could not be
// loaded or checked (said on stderr, with the notes on files narrowed
// and packages skipped).
func (d *driver) collect(stderr io.Writer) (all []finding, failed bool) {
	byArch, err := d.discover()
	if err != nil {
		fmt.Fprintln(stderr, "asmcheck:", err)
		return nil, true
	}
	targets := sortedKeys(byArch)
	loads := d.loadAhead(targets, byArch)
	for i, target := range targets {
		fs, err := d.checkLoaded(target, <-loads[i])
		if _, _, variant := splitTarget(target); err != nil && variant != "" {
			// A second load of a few packages, under the other cgo
			// setting, can fail where the first did not: a note, as
			// for a package that does not build there.
			for _, pkg := range byArch[target] {
				d.skipped = append(d.skipped, skip{pkg: pkg, target: target, why: err.Error()})
			}
			err = nil
		}
		if err != nil {
			fmt.Fprintf(stderr, "asmcheck: %s: %v\n", target, err)
			failed = true
		}
		for _, f := range fs {
			if r, ok := d.narrowed[f.File]; !ok || slices.Contains(r, f.Arch) {
				all = append(all, f)
			}
		}
	}
	printNarrowed(stderr, d.narrowed)
	printSkips(stderr, d.skipped)
	return dedupe(all, targets), failed
}

// discover maps each target "goos/goarch" to the import paths of the
// packages that have assembly files for it. The GOARCH of a file comes
// from its name or build constraint; its GOOS from its name (x_darwin_arm64.s),
// else the one goosFor picks. Packages that do not build for the host
// are still looked at through their ignored files.
func (d *driver) discover() (map[string][]string, error) {
	hostOS, hostArch := d.host()
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles, Dir: d.dir}
	pkgs, err := packages.Load(cfg, d.patterns...)
	if err != nil {
		return nil, err
	}
	if extra := d.unlistedDirs(pkgs); len(extra) > 0 {
		more, err := packages.Load(cfg, extra...)
		if err != nil {
			return nil, err
		}
		pkgs = append(pkgs, more...)
	}
	byTarget := map[string][]string{}
	for _, p := range pkgs {
		dir := pkgDir(p)
		if dir == "" {
			for _, e := range p.Errors {
				if e.Pos == "" || e.Pos == "-" {
					return nil, fmt.Errorf("%s: %s", p.PkgPath, e.Msg) // no position: not "-: …"
				}
				return nil, fmt.Errorf("%s: %v", p.PkgPath, e)
			}
			continue
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.s"))
		if len(files) > 0 && declaresInTests(dir, p.Name) {
			if d.tested == nil {
				d.tested = map[string]bool{}
			}
			d.tested[p.PkgPath] = true
		}
		seen := map[string]bool{}
		for _, name := range files {
			src, err := os.ReadFile(name)
			if err != nil {
				return nil, err
			}
			if !hasCode(src) {
				// An empty .s file (the usual way to allow Go
				// declarations without a body) has nothing to check,
				// and would otherwise put its package on every target.
				continue
			}
			arches := asmparse.FileArches(name, src)
			if !asmparse.ArchFixed(name, src) {
				if r := asmparse.RegisterArches(src, arches); len(r) < len(arches) {
					if d.narrowed == nil {
						d.narrowed = map[string][]string{}
					}
					d.narrowed[name] = r
					arches = r
				}
			}
			for _, a := range arches {
				if d.arches != nil && !slices.Contains(d.arches, a) {
					continue
				}
				goos := fileGOOS(name, a, hostOS, hostArch)
				if len(p.GoFiles) == 0 && nameGOOS(name) == "" {
					// No Go file builds for the host (go list: "build
					// constraints exclude all Go files"): the package
					// may be for one GOOS only (an android entry
					// point). Check it where its Go files build.
					// Where no GOOS builds both the file and some Go
					// file, the go command never assembles it: nothing
					// to check (x/sys/plan9's asm.s on arm64).
					if goos = goosWithGoFiles(name, p.IgnoredFiles, goos, a); goos == "" {
						continue
					}
				}
				target := goos + "/" + a
				if !slices.Contains(ports, target) {
					continue // not a port Go supports (go tool dist list)
				}
				switch {
				case target != d.hostTarget() && builtOnlyWith(name, src, target, true):
					// Loaded for target with cgo off, the file would be
					// left out: check it in a load of its own with cgo on.
					target += cgoSuffix
				case target == d.hostTarget() && builtOnlyWith(name, src, target, false) && d.hostCgo():
					// And loaded for the host with cgo on, a file for
					// builds without cgo (//go:build !cgo).
					target += noCgoSuffix
				}
				if !seen[target] {
					seen[target] = true
					byTarget[target] = append(byTarget[target], p.PkgPath)
				}
			}
		}
	}
	return byTarget, nil
}

// unlistedDirs returns the directories under the roots of d's patterns
// ending in /... (./..., ./x/..., example.com/m/... in a main module or a
// module of the build list) and
// of std and cmd that hold assembly but no
// package of listed: those where no Go file builds for the host (go list
// leaves them out of ... patterns: "matched no packages"), such as an
// android-only package or a darwin-only one checked on linux, whose
// assembly would otherwise go unchecked without a word. It walks as the
// go command does: not into directories named testdata or vendor or
// starting with . or _, nor into other modules. A directory without any Go
// file is no package, and is left out.
func (d *driver) unlistedDirs(listed []*packages.Package) []string {
	seen := map[string]bool{}
	for _, p := range listed {
		if dir := pkgDir(p); dir != "" {
			seen[dir] = true
		}
	}
	var out []string
	for _, pat := range d.patterns {
		root, ok := strings.CutSuffix(pat, "/...")
		// std and cmd are GOROOT/src and GOROOT/src/cmd, each with its
		// vendor tree (std's vendor/golang.org/x/net/lif, cmd's
		// golang.org/x/sys/plan9), std without cmd.
		std := pat == "std" || pat == "cmd"
		switch {
		case std:
			goroot := d.goroot()
			if goroot == "" {
				continue
			}
			root = filepath.Join(goroot, "src")
			if pat == "cmd" {
				root = filepath.Join(root, "cmd")
			}
		case !ok || strings.Contains(root, "..."):
			continue
		case root == "." || root == ".." || strings.HasPrefix(root, "./") || strings.HasPrefix(root, "../"):
			root = filepath.Join(d.dir, root)
		case filepath.IsAbs(root):
		default:
			// An import path: the directory it names in a main module
			// or a dependency (example.com/m/... is the module's root).
			dir, ok := d.moduleDir(root)
			if !ok {
				continue
			}
			root = dir
		}
		root, err := filepath.Abs(root)
		if err != nil {
			continue
		}
		filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil || !e.IsDir() {
				return nil
			}
			if path != root {
				name := e.Name()
				topVendor := std && name == "vendor" && filepath.Dir(path) == root
				if name == "testdata" || name == "vendor" && !topVendor || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
					pat == "std" && name == "cmd" && filepath.Dir(path) == root {
					return filepath.SkipDir
				}
				if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
					return filepath.SkipDir
				}
			}
			if seen[path] {
				return nil
			}
			if gos, _ := filepath.Glob(filepath.Join(path, "*.go")); len(gos) == 0 {
				// No Go file at all: the go command has no package
				// here and never assembles these files, which are for
				// another toolchain (supranational/blst keeps the C
				// build's assembly in build/mach-o and the like); go
				// list would fail on the directory ("no Go files":
				// go/build's NoGoError).
				return nil
			}
			files, _ := filepath.Glob(filepath.Join(path, "*.s"))
			for _, f := range files {
				if src, err := os.ReadFile(f); err == nil && hasCode(src) {
					seen[path] = true
					out = append(out, path)
					break
				}
			}
			return nil
		})
	}
	return out
}

// host returns the GOOS and GOARCH the go command builds for by default.
func (d *driver) host() (goos, goarch string) {
	d.hostOnce.Do(func() { d.hostOS, d.hostArch = hostEnv() })
	return d.hostOS, d.hostArch
}

// hostTarget is the target go build builds for by default.
func (d *driver) hostTarget() string {
	goos, goarch := d.host()
	return goos + "/" + goarch
}

// hostEnv returns $GOOS and $GOARCH, each defaulting to asmcheck's own.
func hostEnv() (goos, goarch string) {
	goos, goarch = os.Getenv("GOOS"), os.Getenv("GOARCH")
	if goos == "" {
		goos = runtime.GOOS
	}
	if goarch == "" {
		goarch = runtime.GOARCH
	}
	return goos, goarch
}

// cgoSuffix marks a target other than the host's that is loaded with cgo
// on ("linux/arm64+cgo"): load turns cgo off for the others, as go vet
// does when cross-compiling (no C compiler for the target is assumed), and
// that leaves out files built only with cgo (//go:build cgo && arm64:
// assembly that calls into a C library linked through a cgo package).
// Such a target holds only the packages with such files; what it finds in
// files the plain target checks too is reported once (dedupe).
const cgoSuffix = "+cgo"

// noCgoSuffix marks the host's target loaded with cgo off
// ("linux/amd64+nocgo"), for files built only without cgo (//go:build
// !cgo: purego's internal/fakecgo) when the host's own load has cgo on.
const noCgoSuffix = "+nocgo"

// splitTarget splits "goos/goarch", "goos/goarch+cgo" or
// "goos/goarch+nocgo"; variant is "", "cgo" or "nocgo".
func splitTarget(target string) (goos, arch, variant string) {
	if i := strings.IndexByte(target, '+'); i >= 0 {
		target, variant = target[:i], target[i+1:]
	}
	goos, arch, _ = strings.Cut(target, "/")
	return goos, arch, variant
}

// builtOnlyWith reports whether the assembly file name (with text src) is
// built for target only when cgo is on (cgo true) or only when it is off
// (go/build's file matching).
func builtOnlyWith(name string, src []byte, target string, cgo bool) bool {
	if !bytes.Contains(src, []byte("cgo")) {
		return false
	}
	goos, arch, _ := splitTarget(target)
	ctxt := build.Default
	ctxt.GOOS, ctxt.GOARCH = goos, arch
	dir, file := filepath.Split(name)
	ctxt.CgoEnabled = !cgo
	if ok, err := ctxt.MatchFile(dir, file); err != nil || ok {
		return false
	}
	ctxt.CgoEnabled = cgo
	ok, err := ctxt.MatchFile(dir, file)
	return err == nil && ok
}

// moduleDir returns the directory of the import path in one of the main
// modules (go list -m: one, or a workspace's), if it is in one, else in a
// module of the build list that is in the module cache (go list -m all:
// a dependency's dep.com/x/... matches its packages, as it does for go
// list). The longest module path that is a prefix of path wins: a
// nested module holds its own packages.
func (d *driver) moduleDir(path string) (string, bool) {
	d.modulesOnce.Do(func() { d.modules = d.listModules() })
	if dir, ok := moduleDirIn(d.modules, path); ok {
		return dir, true
	}
	d.depModulesOnce.Do(func() { d.depModules = d.listModules("all") })
	return moduleDirIn(d.depModules, path)
}

// listModules returns the path and directory of each module go list -m
// lists with args, leaving out those with no directory (not downloaded).
func (d *driver) listModules(args ...string) [][2]string {
	cmd := exec.Command("go", append([]string{"list", "-m", "-f", "{{.Path}}\t{{.Dir}}"}, args...)...)
	cmd.Dir = d.dir
	out, err := cmd.Output()
	if err != nil {
		return nil
	}
	var mods [][2]string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if mod, dir, ok := strings.Cut(line, "\t"); ok && dir != "" {
			mods = append(mods, [2]string{mod, dir})
		}
	}
	return mods
}

// moduleDirIn returns the directory of the import path in the module of
// mods with the longest path that is a prefix of it.
func moduleDirIn(mods [][2]string, path string) (string, bool) {
	best := -1
	for i, m := range mods {
		if rel, ok := strings.CutPrefix(path, m[0]); ok && (rel == "" || rel[0] == '/') && (best < 0 || len(m[0]) > len(mods[best][0])) {
			best = i
		}
	}
	if best < 0 {
		return "", false
	}
	rel := path[len(mods[best][0]):]
	return filepath.Join(mods[best][1], filepath.FromSlash(rel)), true
}

// goroot returns the GOROOT of the go command (go env GOROOT), or "".
func (d *driver) goroot() string {
	d.gorootOnce.Do(func() {
		cmd := exec.Command("go", "env", "GOROOT")
		cmd.Dir = d.dir
		if out, err := cmd.Output(); err == nil {
			d.gorootDir = strings.TrimSpace(string(out))
		}
	})
	return d.gorootDir
}

// hostCgo reports whether the go command builds for the host with cgo
// on, in the environment asmcheck runs in (go env CGO_ENABLED: it is off
// where no C compiler is found).
func (d *driver) hostCgo() bool {
	d.hostCgoOnce.Do(func() {
		cmd := exec.Command("go", "env", "CGO_ENABLED")
		cmd.Dir = d.dir
		out, err := cmd.Output()
		d.hostCgoOn = err == nil && strings.TrimSpace(string(out)) == "1"
	})
	return d.hostCgoOn
}

// hasCode reports whether an assembly file may define something: a TEXT,
// DATA or GLOBL statement (a plain text search, so a mention in a comment
// counts too).
func hasCode(src []byte) bool {
	for _, kw := range []string{"TEXT", "DATA", "GLOBL"} {
		if bytes.Contains(src, []byte(kw)) {
			return true
		}
	}
	return false
}

// ports lists the GOOS/GOARCH pairs of `go tool dist list` (go1.26).
var ports = []string{"aix/ppc64", "android/386", "android/amd64", "android/arm", "android/arm64",
	"darwin/amd64", "darwin/arm64", "dragonfly/amd64", "freebsd/386", "freebsd/amd64", "freebsd/arm",
	"freebsd/arm64", "illumos/amd64", "ios/amd64", "ios/arm64", "js/wasm",
	"linux/386", "linux/amd64", "linux/arm", "linux/arm64", "linux/loong64", "linux/mips",
	"linux/mips64", "linux/mips64le", "linux/mipsle", "linux/ppc64", "linux/ppc64le", "linux/riscv64",
	"linux/s390x", "netbsd/386", "netbsd/amd64", "netbsd/arm", "netbsd/arm64", "openbsd/386",
	"openbsd/amd64", "openbsd/arm", "openbsd/arm64", "openbsd/ppc64", "openbsd/riscv64", "plan9/386",
	"plan9/amd64", "plan9/arm", "solaris/amd64", "wasip1/wasm", "windows/386", "windows/amd64",
	"windows/arm64"}

// knownGOOS lists the operating systems of `go tool dist list`.
var knownGOOS = []string{"aix", "android", "darwin", "dragonfly", "freebsd", "illumos", "ios", "js",
	"linux", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows"}

// fileGOOS returns the GOOS a file's name asks for, or goosOn(arch,
// hostOS, hostArch).
func fileGOOS(name, arch, hostOS, hostArch string) string {
	if goos := nameGOOS(name); goos != "" {
		return goos
	}
	return goosOn(arch, hostOS, hostArch)
}

// nameGOOS returns the GOOS of a file name's _GOOS or _GOOS_GOARCH
// suffix, or "".
func nameGOOS(name string) string {
	base := strings.TrimSuffix(filepath.Base(name), ".s")
	parts := strings.Split(strings.TrimSuffix(base, "_test"), "_")
	for i := len(parts) - 1; i >= 1 && i >= len(parts)-2; i-- {
		if slices.Contains(knownGOOS, parts[i]) {
			return parts[i]
		}
	}
	return ""
}

// goosWithGoFiles returns the GOOS, first goos and then each of the ports
// of arch in order, for which the assembly file asm and some of the
// package's Go files (files, among its other files; tests do not count)
// build with arch, with cgo off (as the driver loads targets other than
// the host's) or on, or "" if there is none.
func goosWithGoFiles(asm string, files []string, goos, arch string) string {
	var goFiles []string
	for _, f := range files {
		if strings.HasSuffix(f, ".go") && !strings.HasSuffix(f, "_test.go") {
			goFiles = append(goFiles, f)
		}
	}
	candidates := []string{goos}
	for _, port := range ports {
		if o, a, _ := strings.Cut(port, "/"); a == arch && o != goos {
			candidates = append(candidates, o)
		}
	}
	match := func(ctxt *build.Context, name string) bool {
		dir, file := filepath.Split(name)
		ok, err := ctxt.MatchFile(dir, file)
		return err == nil && ok
	}
	for _, o := range candidates {
		for _, cgo := range []bool{false, true} {
			ctxt := build.Default
			ctxt.GOOS, ctxt.GOARCH, ctxt.CgoEnabled = o, arch, cgo
			if !match(&ctxt, asm) {
				continue
			}
			for _, f := range goFiles {
				if match(&ctxt, f) {
					return o
				}
			}
		}
	}
	return ""
}

func pkgDir(p *packages.Package) string {
	for _, list := range [][]string{p.GoFiles, p.OtherFiles, p.IgnoredFiles} {
		if len(list) > 0 {
			return filepath.Dir(list[0])
		}
	}
	return ""
}

// goosFor returns the GOOS to check arch with, for the host hostEnv
// gives (goosOn).
func goosFor(arch string) string {
	goos, goarch := hostEnv()
	return goosOn(arch, goos, goarch)
}

// goosOn returns the GOOS to check arch with on a host building for
// hostOS/hostArch: hostOS for the host's own GOARCH, for amd64 and arm64
// and on linux, when it makes a port with arch; else linux (js for wasm).
// With $GOOS=android set, an android-only package is then checked for
// android, where its Go files build.
func goosOn(arch, hostOS, hostArch string) string {
	if arch == "wasm" {
		return "js"
	}
	if (arch == hostArch || hostOS == "linux" || arch == "amd64" || arch == "arm64") && slices.Contains(ports, hostOS+"/"+arch) {
		return hostOS
	}
	return "linux"
}

// A loadResult is the packages of one target, loaded (or the error).
type loadResult struct {
	pkgs []*packages.Package
	err  error
	done func() // call when done with pkgs
}

// loadAhead loads the packages of each target in the background, in
// order, and returns a channel per target that gives them. Loading (go
// list, parsing and type-checking every dependency from source) is most
// of the work and uses about one core, while the checks need the
// process's environment set to their target and so run one target at a
// time: loading the next targets while one is checked keeps the other
// cores busy. At most d.parallel targets (-p) are loading or loaded and
// not yet done with, to bound the memory (a target's std is a few hundred
// MB).
func (d *driver) loadAhead(targets []string, byArch map[string][]string) []chan loadResult {
	env := slices.Clip(os.Environ()) // before analyze sets GOARCH and GOOS
	n := d.parallel
	if n <= 0 {
		n = defaultParallel()
	}
	slots := make(chan struct{}, n)
	out := make([]chan loadResult, len(targets))
	for i := range out {
		out[i] = make(chan loadResult, 1)
	}
	go func() {
		for i, target := range targets {
			slots <- struct{}{}
			go func() {
				pkgs, err := d.load(env, target, byArch[target])
				out[i] <- loadResult{pkgs, err, func() { <-slots }}
			}()
		}
	}()
	return out
}

// checkLoaded runs the checks on the packages l loaded for target (see
// analyze), then lets the next target load.
func (d *driver) checkLoaded(target string, l loadResult) ([]finding, error) {
	defer l.done()
	if l.err != nil {
		return nil, l.err
	}
	return d.analyze(target, l.pkgs)
}

// defaultParallel is -p's default: one target per core, up to four.
func defaultParallel() int { return min(max(runtime.GOMAXPROCS(0), 1), 4) }

// load loads pkgs for target ("goos/goarch") with the environment env
// (which it does not change).
func (d *driver) load(env []string, target string, pkgs []string) ([]*packages.Package, error) {
	goos, arch, variant := splitTarget(target)
	env = append(slices.Clip(env), "GOARCH="+arch, "GOOS="+goos)
	if target != d.hostTarget() { // a variant too: "linux/amd64+nocgo"
		env = append(env, "CGO_ENABLED=0")
	}
	var flags []string
	if variant == "cgo" {
		// The cgo build tag without cgo: the files constrained by it are
		// built, those that import "C" are not (go/build: the tag list
		// satisfies "cgo" whatever CgoEnabled says; cgo itself would need
		// the target's C toolchain).
		flags = []string{"-tags=cgo"}
	}
	// Test variants cost their test files' dependencies (three times the
	// load of std): only the packages whose tests declare functions the
	// assembly may implement get them, as go vet gives every package.
	var plain, tested []string
	for _, p := range pkgs {
		if d.tested[p] {
			tested = append(tested, p)
		} else {
			plain = append(plain, p)
		}
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Env: env, Dir: d.dir, BuildFlags: flags}
	var loaded []*packages.Package
	if len(tested) > 0 {
		tcfg := *cfg
		tcfg.Tests = true
		more, err := packages.Load(&tcfg, tested...)
		if err != nil {
			return nil, err
		}
		// A package whose tests do not build for the target (a test
		// imports what the target lacks) is checked without them.
		for _, p := range withTests(more) {
			if strings.Contains(p.ID, " [") && hasErrors(p) {
				plain = append(plain, p.PkgPath)
			} else {
				loaded = append(loaded, p)
			}
		}
	}
	if len(plain) > 0 {
		more, err := packages.Load(cfg, plain...)
		if err != nil {
			return nil, err
		}
		loaded = append(loaded, more...)
	}
	return withTests(loaded), nil
}

// hasErrors reports whether p or a package it imports has errors.
func hasErrors(p *packages.Package) bool {
	bad := false
	packages.Visit([]*packages.Package{p}, nil, func(q *packages.Package) { bad = bad || len(q.Errors) > 0 })
	return bad
}

// declaresInTests reports whether a _test.go file of package name in dir
// (not its external test package) declares a function without a body:
// one its assembly may implement, which go vet checks (it checks a
// package with its tests) and the standalone command does only in a
// load with tests.
func declaresInTests(dir, name string) bool {
	tests, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	for _, t := range tests {
		src, err := os.ReadFile(t)
		if err != nil || !bytes.Contains(src, []byte("func ")) {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), t, src, parser.SkipObjectResolution)
		if err != nil || f.Name.Name != name {
			continue
		}
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body == nil {
				return true
			}
		}
	}
	return false
}

// check loads pkgs for target ("goos/goarch") and runs the checks (see
// analyze).
func (d *driver) check(target string, pkgs []string) ([]finding, error) {
	loaded, err := d.load(os.Environ(), target, pkgs)
	if err != nil {
		return nil, err
	}
	return d.analyze(target, loaded)
}

// analyze runs the checks on the packages loaded for target. It checks
// what could be loaded even when some packages failed to load, and then
// also returns the load errors.
func (d *driver) analyze(target string, loaded []*packages.Package) ([]finding, error) {
	goos, arch, variant := splitTarget(target)
	cgo := variant == "cgo"
	// The checks read GOARCH for files whose name does not say it.
	old := os.Getenv("GOARCH")
	os.Setenv("GOARCH", arch)
	defer os.Setenv("GOARCH", old)
	// And GOOS, for GOOS_* in the preprocessor and the C conventions
	// (asm_amd64.s checked for windows/amd64 is Windows code).
	oldOS := os.Getenv("GOOS")
	os.Setenv("GOOS", goos)
	defer os.Setenv("GOOS", oldOS)
	host := target == d.hostTarget()
	var errs []string
	var ok []*packages.Package
	for _, p := range loaded {
		var first string
		n := 0
		excluded, cgoDeps := false, false
		packages.Visit([]*packages.Package{p}, nil, func(q *packages.Package) {
			for _, e := range q.Errors {
				if strings.Contains(e.Msg, "build constraints exclude all Go files") {
					// Nothing of the package is built for this target
					// (its assembly is for another GOOS). Under the cgo
					// tag without cgo, a dependency made only of files
					// that import "C" is not built either; its
					// importer is checked if it type-checks without
					// it (hashtree-bindings imports such a package
					// blank, to link a C library).
					if q == p || !cgo {
						excluded = true
					} else {
						cgoDeps = true
					}
					continue
				}
				if n == 0 {
					first = e.Error()
				}
				n++
			}
		})
		switch {
		case n == 0 && !excluded:
			if cgoDeps {
				// The package type-checked; only those dependencies
				// are missing, which the checks do not need (go/packages
				// marks it ill-typed for them, and the checker would
				// then skip it).
				p.IllTyped = false
			}
			ok = append(ok, p)
		case n == 0:
		case host:
			// On the host the package must build: go build would fail
			// too.
			errs = append(errs, fmt.Sprintf("%s: %s%s", p.PkgPath, first, more(n)))
		default:
			// A .s file without a GOARCH in its name or build line
			// puts its package on every target, also those its Go
			// code does not build for: skip it there, with a note.
			d.skipped = append(d.skipped, skip{pkg: p.PkgPath, target: target, why: first + more(n)})
		}
	}
	var loadErr error
	if len(errs) > 0 {
		slices.Sort(errs)
		loadErr = fmt.Errorf("cannot load: %s", strings.Join(slices.Compact(errs), "\n"))
	}
	roots := d.analyzers
	if d.loaded != nil {
		// The checker keeps the results of root actions only.
		roots = append(slices.Clip(roots), analyzer.Load)
	}
	g, err := checker.Analyze(roots, ok, nil)
	if err != nil {
		return nil, err
	}
	var out []finding
	for act := range g.All() {
		if act.Analyzer == analyzer.Load {
			if p, ok := act.Result.(*analyzer.Package); ok && d.loaded != nil && act.IsRoot {
				d.loaded(arch, p)
			}
			continue // its errors are the checks' too; it reports nothing
		}
		if !act.IsRoot {
			continue
		}
		if act.Err != nil {
			return nil, fmt.Errorf("%s: %v", act.Analyzer.Name, act.Err)
		}
		for _, diag := range act.Diagnostics {
			out = append(out, toFinding(act, goos, arch, diag))
		}
	}
	return out, loadErr
}

// more says how many errors follow the first of n.
func more(n int) string {
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf(" (and %d more errors)", n-1)
}

// withTests keeps, for each package, its test variant when it has one (the
// package compiled with its _test.go files, which may declare functions the
// assembly implements), as go vet does; external test packages and test
// mains have no assembly and are dropped.
func withTests(pkgs []*packages.Package) []*packages.Package {
	isVariant := func(p *packages.Package) bool { return strings.Contains(p.ID, " [") }
	hasTest := map[string]bool{}
	for _, p := range pkgs {
		if isVariant(p) {
			hasTest[p.PkgPath] = true
		}
	}
	var out []*packages.Package
	for _, p := range pkgs {
		switch {
		case strings.HasSuffix(p.PkgPath, "_test") || strings.HasSuffix(p.PkgPath, ".test"):
		case !isVariant(p) && hasTest[p.PkgPath]:
		default:
			out = append(out, p)
		}
	}
	return out
}

func toFinding(act *checker.Action, goos, arch string, diag analysis.Diagnostic) finding {
	fset := act.Package.Fset
	p := fset.Position(diag.Pos)
	f := finding{File: p.Filename, Line: p.Line, Col: p.Column, Arch: arch, GOOS: goos, Check: act.Analyzer.Name, Message: diag.Message}
	for _, sf := range diag.SuggestedFixes {
		fx := fix{Message: sf.Message}
		for _, te := range sf.TextEdits {
			start, end := fset.Position(te.Pos), fset.Position(te.End)
			fx.Edits = append(fx.Edits, edit{File: start.Filename, Start: start.Offset, End: end.Offset, New: string(te.NewText)})
		}
		f.Fixes = append(f.Fixes, fx)
	}
	return f
}

// dedupe sorts findings and drops exact repeats: the same message at the
// same place, for the same GOARCH checked under several GOOS, is one
// finding listing them. When a GOARCH was checked under several GOOS
// (targets, "goos/goarch" with an optional "+variant"), the message's
// "[arch]" says for which: "[windows/386]", or "[linux,windows/386]".
func dedupe(fs []finding, targets []string) []finding {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		return a.GOOS < b.GOOS
	})
	goosOf := map[string][]string{} // by GOARCH, the GOOS checked
	for _, t := range targets {
		if goos, arch, _ := splitTarget(t); !slices.Contains(goosOf[arch], goos) {
			goosOf[arch] = append(goosOf[arch], goos)
		}
	}
	out := fs[:0]
	for i, f := range fs {
		if i > 0 && f.File == fs[i-1].File && f.Line == fs[i-1].Line && f.Col == fs[i-1].Col && f.Message == fs[i-1].Message {
			if last := &out[len(out)-1]; f.GOOS != "" && !slices.Contains(strings.Split(last.GOOS, ","), f.GOOS) {
				last.GOOS += "," + f.GOOS
			}
			continue
		}
		out = append(out, f)
	}
	for i := range out {
		f := &out[i]
		if tag := "[" + f.Arch + "] "; len(goosOf[f.Arch]) > 1 && strings.HasPrefix(f.Message, tag) {
			f.Message = "[" + f.GOOS + "/" + f.Arch + "] " + f.Message[len(tag):]
		}
	}
	return out
}

func (d *driver) print(w io.Writer, fs []finding) {
	if d.json {
		if fs == nil {
			fs = []finding{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(fs)
		return
	}
	for _, f := range fs {
		fmt.Fprintf(w, "%s:%d:%d: %s\n", displayPath(f.File), f.Line, f.Col, f.Message)
	}
}

// displayPath returns name relative to the working directory when it is
// inside it, else name.
func displayPath(name string) string {
	wd, _ := os.Getwd()
	if rel, err := filepath.Rel(wd, name); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return name
}

// applyFixes applies the first fix of every finding, skipping edits that
// overlap one already taken.
func applyFixes(fs []finding) error {
	byFile := map[string][]edit{}
	for _, f := range fs {
		if len(f.Fixes) == 0 {
			continue
		}
		for _, e := range f.Fixes[0].Edits {
			byFile[e.File] = append(byFile[e.File], e)
		}
	}
	for name, edits := range byFile {
		src, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		out, err := applyEdits(src, edits)
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		if err := os.WriteFile(name, out, 0o666); err != nil {
			return err
		}
	}
	return nil
}

// applyEdits applies non-overlapping edits (exact duplicates count once).
func applyEdits(src []byte, edits []edit) ([]byte, error) {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	var out []byte
	last := 0
	for i, e := range edits {
		if i > 0 && e == edits[i-1] {
			continue
		}
		if e.Start < last || e.End > len(src) || e.Start > e.End {
			continue // overlaps an edit already applied
		}
		out = append(out, src[last:e.Start]...)
		out = append(out, e.New...)
		last = e.End
	}
	return append(out, src[last:]...), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
