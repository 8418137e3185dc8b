package asmparse

import (
	"bytes"
	"cmp"
	"go/build"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/asmcheck/asmcheck/internal/benchset"
)

type corpusEntry struct {
	path, arch string
	src        []byte
	// text is src as a string, made once: the benchmarks parse it with
	// ParseString, as the analyzer parses the bytes it reads (without
	// the copy ParseFile makes of a []byte it does not own, 6 MB a pass
	// over the corpus: docs/performance.md, twenty-second round).
	text string
}

func loadCorpus(b testing.TB) ([]corpusEntry, int64) {
	root := gorootSrc(b)
	var out []corpusEntry
	var n int64
	for _, path := range corpusFiles(b) {
		rel, _ := filepath.Rel(root, path)
		src, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		arches := corpusArches(rel, src)
		out = append(out, corpusEntry{path, arches[0], src, string(src)})
		n += int64(len(src))
	}
	return out, n
}

// BenchmarkParseCorpus parses every .s file under GOROOT/src once per
// iteration (for its first arch); b.SetBytes makes the MB/s figure the
// parser's throughput on one core.
//
//	go test ./asmparse -run XXX -bench ParseCorpus -benchtime 10x -cpu 1 -count 5 -benchmem
//
// The machines we share are loaded by other builds, so wall-clock numbers
// vary by 2× from run to run; compare the minimum of several runs, and
// count instructions for a stable comparison (per iteration: the
// difference between -benchtime 5x and 1x, divided by 4; GOGC=off gives
// the parser's own work without the garbage collector's):
//
//	go test -c -o /tmp/asmparse.test ./asmparse
//	GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=callgrind \
//		/tmp/asmparse.test -test.run XXX -test.bench ParseCorpus -test.benchtime 5x -test.cpu 1
//
// On go1.26.8, 617 files, 6.06 MB (2026-11-22, AMD EPYC, 2 cores shared
// with other builds; instructions per iteration from -benchtime 10x
// minus 2x, divided by 8: with the garbage collector on they vary by
// about ±3% from run to run; the last column's, and perf-parse's again
// in brackets, from 4x minus 1x, divided by 3):
//
//	                    before (1f598a7)  e3cafe0           perf-parse              smaller (c488249)  templates, lists (3860073)
//	instructions/iter   1.31 G            0.84 G            0.67 G [0.735 G]        0.731 G            [0.587 G]
//	  with GOGC=off     1.06 G            0.67 G            0.54 G [0.542 G]        0.548 G            [0.494 G]
//	B/op                154 MB            102.5 MB          96.5 MB                 81.6 MB            84.2 MB
//	allocs/op           428 k             86 k              67 k                    52 k               53 k
//	best ns/op, load ≈ 6  193 ms (31 MB/s)  122 ms (50 MB/s)
//	best ns/op, load 1.5–5                118 ms (52 MB/s)  94 ms (65 MB/s)         83 ms (73 MB/s)    73 ms (83 MB/s)
//
// (The last column's instructions with the collector on are from
// -benchtime 12x minus 3x, divided by 9, the least of three runs: fewer
// iterations vary by 10%. Against it, smaller measured 0.633 G that way.)
//
// Of the 81.6 MB, 48 MB is the result itself: 186 k Stmts and 410 k
// Operands of 80 bytes each, whose exported fields fix their size; 6 MB is
// ParseFile's copy of the text, which the benchmark no longer makes since
// the twenty-second round of docs/performance.md: it parses strings with
// ParseString, as the analyzer does. (The statements of files whose macros hold
// several statements each are regrown, mostly once, sized from the rest of the
// file and the uses of its multi-line macros.)
//
// Where the time goes (perf-parse, GOGC=off): fastLine reads 169 k lines
// straight from the text (including TEXT, DATA and GLOBL lines, and
// one-token register and constant macros) at about 1200 instructions a
// line, 47% of the time; the 12 k lines it declines and the 50 k lines
// of multi-line macro expansions go through tokens, preprocessor.line and
// parseLine at about 3500 instructions a line, 45%. With the collector on,
// it adds a quarter: 11 cycles per iteration, each marking the statements
// of the file being read and the write barriers of the strings stored
// into them.
func BenchmarkParseCorpus(b *testing.B) {
	files, n := loadCorpus(b)
	inc := &DirIncluder{Virtual: map[string][]byte{"go_asm.h": nil}}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, e := range files {
			fset := token.NewFileSet()
			ParseString(fset, e.path, e.text, &Config{GOARCH: e.arch, Includer: inc})
		}
	}
}

// BenchmarkScanFloor is a reference point for BenchmarkParseCorpus, not a
// parser: over the same files, it only finds each line's first word and
// the boundaries of its comma-separated operands, into reused arrays of
// offsets, skipping comments with bytes.IndexByte. No register, number,
// macro, directive or string is looked at, and nothing is kept. What the
// parser does beyond this scan has to fit in the time left if it is to
// reach a given speed (see docs/performance.md):
//
//	go test ./asmparse -run XXX -bench 'ScanFloor|ParseCorpus' -benchtime 10x -cpu 1 -count 5
func BenchmarkScanFloor(b *testing.B) {
	files, n := loadCorpus(b)
	type span struct{ off, n uint32 }
	var words, ops []span
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, e := range files {
			src := e.src
			words, ops = words[:0], ops[:0]
			for i := floorLine(src, 0); i < len(src); i = floorLine(src, i) {
				start := i
				for i < len(src) && charClass[src[i]]&(clIdent|clDigit) != 0 {
					i++
				}
				words = append(words, span{uint32(start), uint32(i - start)})
				for i < len(src) && src[i] != '\n' {
					for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
						i++
					}
					if i >= len(src) || src[i] == '\n' {
						break
					}
					if src[i] == '/' {
						if j := bytes.IndexByte(src[i:], '\n'); j < 0 {
							i = len(src)
						} else {
							i += j
						}
						break
					}
					start, depth := i, 0
					for ; i < len(src); i++ {
						c := src[i]
						if c == '\n' || (c == ',' || c == '/') && depth == 0 {
							break
						}
						switch c {
						case '(', '[':
							depth++
						case ')', ']':
							depth--
						}
					}
					ops = append(ops, span{uint32(start), uint32(i - start)})
					if i < len(src) && src[i] == ',' {
						i++
					}
				}
			}
		}
	}
}

// floorLine returns the offset of the first non-blank byte of the first
// line at or after src[i:] that is not empty, a comment or a directive
// (BenchmarkScanFloor and BenchmarkDecodeFloor skip those, comments with
// bytes.IndexByte), or len(src).
func floorLine(src []byte, i int) int {
	for i < len(src) {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
		if i >= len(src) {
			break
		}
		switch src[i] {
		case '\n':
			i++
			continue
		case '/', '#':
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				return len(src)
			}
			i += j + 1
			continue
		}
		return i
	}
	return len(src)
}

// BenchmarkParseVetSet parses, for amd64 and arm64 on linux, the .s files
// of the packages BenchmarkVet analyzes (internal/benchset), as the
// analyzer does: a HeaderCache per package, each file once per iteration
// (go_asm.h empty). These files are where the analyzer's parse time goes;
// their mix of macro-heavy crypto and runtime code parses slower than
// GOROOT's files on average (docs/performance.md):
//
//	go test ./asmparse -run XXX -bench ParseVetSet -benchtime 200x -cpu 1 -count 5
//
// The -cold variants write a buffer larger than the caches before each
// package, with the timer stopped, so that each package is parsed as in
// the analyzer, where other work runs between two parses of it: the
// parser's code and tables, and the memory it allocates into, start out
// of the caches. Compare warm and cold with GOGC=off: otherwise the
// collections that run while the timer is stopped take their work out of
// the cold variants' time.
func BenchmarkParseVetSet(b *testing.B) {
	for _, run := range []struct {
		arch string
		cold bool
	}{{"amd64", false}, {"arm64", false}, {"amd64", true}, {"arm64", true}} {
		arch, name := run.arch, run.arch
		if run.cold {
			name += "-cold"
		}
		b.Run(name, func(b *testing.B) {
			pkgs, n := vetSetFiles(b, arch)
			inc := &DirIncluder{Virtual: map[string][]byte{"go_asm.h": nil}}
			b.SetBytes(n)
			b.ReportAllocs()
			var sweep []byte
			if run.cold {
				sweep = make([]byte, coldSweep)
			}
			for b.Loop() {
				for _, files := range pkgs {
					if run.cold {
						b.StopTimer()
						for i := 0; i < len(sweep); i += 64 {
							sweep[i]++ // a byte of each cache line
						}
						b.StartTimer()
					}
					headers := &HeaderCache{}
					for _, f := range files {
						ParseString(token.NewFileSet(), f.path, f.text, &Config{GOARCH: f.arch, Includer: inc, Headers: headers})
					}
				}
			}
		})
	}
}

// vetSetFiles returns the .s files, package by package, that go list
// gives the analyzer benchmarks for arch on linux (build tags such as
// race excluded), and their size in bytes.
func vetSetFiles(b *testing.B, arch string) ([][]corpusEntry, int64) {
	root := gorootSrc(b)
	ctxt := build.Default
	ctxt.GOARCH, ctxt.GOOS, ctxt.CgoEnabled = arch, "linux", false
	var pkgs [][]corpusEntry
	var n int64
	for _, pkg := range benchset.Packages {
		dir := filepath.Join(root, filepath.FromSlash(pkg))
		names, err := filepath.Glob(filepath.Join(dir, "*.s"))
		if err != nil {
			b.Fatal(err)
		}
		var files []corpusEntry
		for _, name := range names {
			if ok, err := ctxt.MatchFile(dir, filepath.Base(name)); err != nil || !ok {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				b.Fatal(err)
			}
			files = append(files, corpusEntry{name, arch, src, string(src)})
			n += int64(len(src))
		}
		pkgs = append(pkgs, files)
	}
	return pkgs, n
}

// coldSweep is the size of the buffer the -cold benchmarks write between
// two packages: more than the last-level cache of the machines we
// measure on, which is shared with the other cores.
const coldSweep = 64 << 20

// BenchmarkParseCorpusByFile parses each file of BenchmarkParseCorpus's
// corpus on its own, five times, keeps each file's fastest parse, and
// reports how the parse time splits between the files by their speed:
// the share of the bytes and of the time in files parsed at under
// 50 MB/s (macro-heavy files, whose expansions make many statements per
// byte of source), and the mean time per statement of those files and of
// the others. With -test.v, it logs the slowest files (docs/performance.md,
// twelfth round):
//
//	go test ./asmparse -run XXX -bench ParseCorpusByFile -benchtime 1x -cpu 1 -v
func BenchmarkParseCorpusByFile(b *testing.B) {
	files, total := loadCorpus(b)
	inc := &DirIncluder{Virtual: map[string][]byte{"go_asm.h": nil}}
	type rate struct {
		path  string
		n     int
		stmts int
		d     time.Duration
	}
	var rates []rate
	for b.Loop() {
		rates = rates[:0]
		for _, e := range files {
			r := rate{path: e.path, n: len(e.src), d: time.Hour}
			for range 5 {
				t0 := time.Now()
				f, _ := ParseString(token.NewFileSet(), e.path, e.text, &Config{GOARCH: e.arch, Includer: inc})
				r.d = min(r.d, time.Since(t0))
				r.stmts = len(f.Stmts)
			}
			rates = append(rates, r)
		}
	}
	var all, slow time.Duration
	var slowBytes, slowStmts, stmts int
	for _, r := range rates {
		all += r.d
		stmts += r.stmts
		if float64(r.n)/r.d.Seconds() < 50e6 {
			slow += r.d
			slowBytes += r.n
			slowStmts += r.stmts
		}
	}
	b.ReportMetric(float64(total)/all.Seconds()/1e6, "best-MB/s")
	b.ReportMetric(100*float64(slowBytes)/float64(total), "slow-bytes-%")
	b.ReportMetric(100*slow.Seconds()/all.Seconds(), "slow-time-%")
	b.ReportMetric(float64(slow.Nanoseconds())/float64(max(slowStmts, 1)), "slow-ns/stmt")
	b.ReportMetric(float64((all-slow).Nanoseconds())/float64(max(stmts-slowStmts, 1)), "other-ns/stmt")
	slices.SortFunc(rates, func(x, y rate) int { return cmp.Compare(y.d, x.d) })
	root := gorootSrc(b)
	for _, r := range rates[:min(len(rates), 15)] {
		rel, _ := filepath.Rel(root, r.path)
		b.Logf("%5.1f%% of the time  %7d bytes  %5d statements  %6.1f MB/s  %4.0f ns/statement  %s",
			100*r.d.Seconds()/all.Seconds(), r.n, r.stmts, float64(r.n)/r.d.Seconds()/1e6,
			float64(r.d.Nanoseconds())/float64(max(r.stmts, 1)), rel)
	}
}
