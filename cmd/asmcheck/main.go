// Command asmcheck checks Go assembly (.s files) against the Go
// declarations and the ABI: frame and argument sizes, FP offsets and
// widths, results, stack and register use. See the README and docs/.
//
// Usage:
//
//	asmcheck [flags] [packages]          check packages for every GOARCH they have assembly for
//	go vet -vettool=$(which asmcheck) ./...  run as a go vet tool (host GOARCH)
//	asmcheck help [check]                list the checks, or describe one
//	asmcheck abi [-arch list] [-json] PKG NAME | 'func(...)'
//	                                     explain a function's ABI0 frame and ABIInternal registers
//	asmcheck stub [-arch list] [-json] PKG NAME | -name F 'func(...)'
//	                                     print a TEXT skeleton that loads every argument
//	asmcheck lsp                         serve the Language Server Protocol on stdin and stdout,
//	                                     for editors (findings of .s files on open and save)
//
// Flags of the standalone mode:
//
//	-arch list   check only these GOARCHes (comma-separated); default: every
//	             GOARCH the packages have .s files for
//	-json        print diagnostics as JSON
//	-fix         apply the suggested fixes to the .s files
//	-p n         load the packages of at most n targets at once (default:
//	             one per core, up to four; each takes memory)
//	-CHECK=false turn a check off (e.g. -fpwidth=false); -CHECK=true runs
//	             only the checks turned on
//
// Exit status: 0 when no diagnostic was reported (or for -h), 1 when some
// were, 2 when the packages could not be loaded or checked, or the command
// line is wrong. Under go vet, go vet's own conventions apply.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/asmcheck/asmcheck/analyzer"
)

func main() {
	pushFirstCollection()
	if vetMode(os.Args[1:]) {
		unitchecker.Main(analyzer.All...)
		return
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// vetMode reports whether go vet is running asmcheck as its -vettool: it
// asks for -V=full and -flags, then passes one .cfg file per package.
func vetMode(args []string) bool {
	for _, a := range args {
		if a == "-V=full" || a == "-V" || a == "-flags" || strings.HasSuffix(a, ".cfg") {
			return true
		}
	}
	return false
}

// run is the standalone command; it returns the exit status.
func run(args []string, stdout, stderr *os.File) int {
	if len(args) > 0 {
		switch args[0] {
		case "help":
			return help(stdout, stderr, args[1:])
		case "abi":
			return runABI(args[1:], stdout, stderr)
		case "stub":
			return runStub(args[1:], stdout, stderr)
		case "lsp":
			return runLSP(args[1:], os.Stdin, stdout, stderr)
		}
	}
	d, err := newDriver(args, stderr)
	if err == flag.ErrHelp {
		return 0 // -h: the usage is printed
	}
	if err != nil {
		fmt.Fprintln(stderr, "asmcheck:", err)
		return 2
	}
	return d.main(stdout, stderr)
}

// help prints the list of checks, or the documentation of the checks
// named, and returns the exit status: 2 if a name is no check's.
func help(w, stderr *os.File, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(w, "asmcheck checks Go assembly against Go declarations and the ABI.")
		fmt.Fprintln(w, "\nUsage: asmcheck [flags] [packages]\n\nChecks:")
		printChecks(w)
		fmt.Fprintln(w, "\nRun 'asmcheck help CHECK' for details, and see docs/checks/.")
		fmt.Fprintln(w, "\nHelpers (see docs/abi.md and docs/editors.md):")
		fmt.Fprintln(w, "  asmcheck abi [-arch list|all] [-json] PKG NAME | PKG.NAME | 'func(...)'   explain the ABI0 frame and ABIInternal registers")
		fmt.Fprintln(w, "  asmcheck stub [-arch list] [-json] PKG NAME | -name F 'func(...)'        print a TEXT skeleton")
		fmt.Fprintln(w, "  asmcheck lsp                                                            a language server for editors (docs/editors.md)")
		return 0
	}
	status := 0
	for _, name := range args {
		found := false
		for _, a := range analyzer.All {
			if a.Name == name {
				found = true
				fmt.Fprintf(w, "%s: %s\n\nWrong and right examples, and the Go source behind the rule: %s\n\n", a.Name, a.Doc, a.URL)
			}
		}
		if !found {
			fmt.Fprintf(stderr, "asmcheck: no check is called %q; 'asmcheck help' lists them\n", name)
			status = 2
		}
	}
	return status
}

// printChecks lists the checks, one line each: the name and the first line
// of the doc.
func printChecks(w io.Writer) {
	for _, a := range analyzer.All {
		title, _, _ := strings.Cut(a.Doc, "\n")
		fmt.Fprintf(w, "  %-12s %s\n", a.Name, title)
	}
}
