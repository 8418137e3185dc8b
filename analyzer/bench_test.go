package analyzer

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/asmdecl"
	"golang.org/x/tools/go/packages"

	"github.com/asmcheck/asmcheck/internal/benchset"
)

// benchPackages are std packages with much assembly, for the side-by-side
// benchmark against go vet's asmdecl; $ASMCHECK_BENCH_PKGS replaces them.
var benchPackages = benchset.Packages

// benchPkgsEnv returns the packages $ASMCHECK_BENCH_PKGS lists, comma-
// separated, to time packages one by one; nil if it is not set.
func benchPkgsEnv() []string {
	if e := os.Getenv("ASMCHECK_BENCH_PKGS"); e != "" {
		return strings.Split(e, ",")
	}
	return nil
}

// loadBench loads benchPackages for goarch and returns them with the
// number of bytes of assembly they hold.
func loadBench(b *testing.B, goarch string) ([]*packages.Package, int64) {
	b.Helper()
	b.Setenv("GOARCH", goarch)
	b.Setenv("GOOS", "linux")
	cfg := &packages.Config{Mode: packages.LoadAllSyntax,
		Env: append(os.Environ(), "GOARCH="+goarch, "GOOS=linux", "CGO_ENABLED=0")}
	list := benchPackages
	if l := benchPkgsEnv(); l != nil {
		list = l
	}
	pkgs, err := packages.Load(cfg, list...)
	if err != nil {
		b.Fatal(err)
	}
	var n int64
	for _, p := range pkgs {
		for _, f := range p.OtherFiles {
			if strings.HasSuffix(f, ".s") {
				st, err := os.Stat(f)
				if err != nil {
					b.Fatal(err)
				}
				n += st.Size()
			}
		}
	}
	return pkgs, n
}

func benchAnalyzers(b *testing.B, goarch string, as []*analysis.Analyzer) {
	pkgs, n := loadBench(b, goarch)
	analyzeLoop(b, pkgs, n, as)
}

// analyzeLoop runs as on pkgs (n bytes of assembly) once per iteration.
func analyzeLoop(b *testing.B, pkgs []*packages.Package, n int64, as []*analysis.Analyzer) {
	b.SetBytes(n)
	// Loading (and the previous sub-benchmark) left garbage behind: collect
	// it now, or the first analyzer timed pays for it.
	runtime.GC()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := checker.Analyze(as, pkgs, nil); err != nil {
			b.Fatal(err)
		}
	}
	// The process's CPU time (user and system, both cores, the garbage
	// collector included) is steadier than wall time on a shared machine.
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
}

var declChecks = []*analysis.Analyzer{ArgSize, FPOffset, FPWidth, Results, Prototype}

// interleaveOrders are the orders interleave runs its three configurations
// in (0 asmdecl, 1 the declaration checks, 2 all checks), one per
// iteration, cyclically: every permutation once, and each configuration
// right after each other one three times in the cycle, counting from the
// last of one order to the first of the next (TestInterleaveOrders).
var interleaveOrders = [6][3]int{{0, 1, 2}, {0, 2, 1}, {2, 1, 0}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}}

// BenchmarkVet compares, on the same loaded packages in one run, go vet's
// asmdecl with asmcheck's declaration checks and with all of asmcheck's
// checks. MB/s is assembly source per second; compare the ratios
// (go test ./analyzer -run XXX -bench 'Vet$' -count 5 | benchstat).
func BenchmarkVet(b *testing.B) {
	for _, arch := range []string{"amd64", "arm64"} {
		b.Run("asmdecl/"+arch, func(b *testing.B) { benchAnalyzers(b, arch, []*analysis.Analyzer{asmdecl.Analyzer}) })
		b.Run("decl/"+arch, func(b *testing.B) { benchAnalyzers(b, arch, declChecks) })
		b.Run("all/"+arch, func(b *testing.B) { benchAnalyzers(b, arch, All) })
	}
}

// BenchmarkVetRatio measures what BenchmarkVet does, interleaved: each
// iteration runs go vet's asmdecl, asmcheck's declaration checks and all
// of asmcheck's checks once each on the same loaded packages, in an order
// that rotates from one iteration to the next, and the benchmark reports
// the ratios of the summed times (asmdecl's time over asmcheck's, wall
// and CPU). On a shared machine whose speed drifts by tens of percent
// within a minute, ratios taken this way are steadier than ratios of
// separately timed benchmarks.
//
//	go test ./analyzer -run XXX -bench VetRatio -benchtime 30x -count 5
func BenchmarkVetRatio(b *testing.B) {
	for _, arch := range []string{"amd64", "arm64"} {
		b.Run(arch, func(b *testing.B) {
			pkgs, n := loadBench(b, arch)
			setBenchReuse(b)
			interleave(b, pkgs, n)
		})
	}
}

// configLabels label the work of each configuration interleave runs (and
// of the goroutines it starts), so that a CPU profile of the ratio
// benchmark can be split by configuration:
//
//	go tool pprof -tagfocus 'config=^decl$' analyzer.test cpu.prof
var configLabels = [3]pprof.LabelSet{
	pprof.Labels("config", "asmdecl"), pprof.Labels("config", "decl"), pprof.Labels("config", "all"),
}

// interleave runs asmdecl, the declaration checks and all checks on pkgs
// (n bytes of assembly) once each per iteration, in an order that
// changes, and reports the ratios of their summed times.
//
// The orders are the six permutations, in a cycle in which each
// configuration follows each other one equally often (interleaveOrders).
// What a configuration leaves behind (its garbage, of which asmdecl makes
// two to three times what asmcheck does, a collection under way, the
// caches) weighs on the next one's time. A plain rotation (ADL, DLA,
// LAD) had the declaration checks follow asmdecl in two iterations of
// three, and asmdecl follow them in one; their ratio read about 7% higher
// that way (docs/performance.md).
func interleave(b *testing.B, pkgs []*packages.Package, n int64) {
	sets := [][]*analysis.Analyzer{{asmdecl.Analyzer}, declChecks, All}
	b.SetBytes(n)
	runtime.GC()
	var wall, cpu [3]time.Duration
	b.ResetTimer()
	k := 0
	for b.Loop() {
		for _, i := range interleaveOrders[k%len(interleaveOrders)] {
			t0, c0 := time.Now(), cpuTime()
			var err error
			pprof.Do(context.Background(), configLabels[i], func(context.Context) {
				_, err = checker.Analyze(sets[i], pkgs, nil)
			})
			if err != nil {
				b.Fatal(err)
			}
			wall[i] += time.Since(t0)
			cpu[i] += cpuTime() - c0
		}
		k++
	}
	b.ReportMetric(float64(wall[0])/float64(wall[1]), "decl-x")
	b.ReportMetric(float64(wall[0])/float64(wall[2]), "all-x")
	if cpu[1] > 0 && cpu[2] > 0 {
		b.ReportMetric(float64(cpu[0])/float64(cpu[1]), "decl-cpu-x")
		b.ReportMetric(float64(cpu[0])/float64(cpu[2]), "all-cpu-x")
	}
	b.ReportMetric(float64(wall[0])/float64(b.N)/1e6, "asmdecl-ms/op")
}

// BenchmarkChecks runs, on the packages of BenchmarkVet loaded once per
// GOARCH, Load alone and each check alone (with Load), to see what each
// costs (subtract load):
//
//	go test ./analyzer -run XXX -bench Checks -benchtime 20x
func BenchmarkChecks(b *testing.B) {
	for _, arch := range []string{"amd64", "arm64"} {
		b.Run(arch, func(b *testing.B) {
			pkgs, n := loadBench(b, arch)
			run := func(name string, as []*analysis.Analyzer) {
				b.Run(name, func(b *testing.B) {
					b.SetBytes(n)
					runtime.GC()
					b.ResetTimer()
					for b.Loop() {
						if _, err := checker.Analyze(as, pkgs, nil); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			run("load", []*analysis.Analyzer{Load})
			for _, a := range All {
				run(a.Name, []*analysis.Analyzer{a})
			}
		})
	}
}

// TestInterleaveOrders checks interleaveOrders: each permutation once, no
// configuration twice in a row across orders, and each ordered pair of
// configurations adjacent equally often in the cycle.
func TestInterleaveOrders(t *testing.T) {
	var seq []int
	seen := map[[3]int]bool{}
	for _, o := range interleaveOrders {
		if seen[o] || o[0] == o[1] || o[1] == o[2] || o[0] == o[2] {
			t.Fatalf("order %v repeated or not a permutation", o)
		}
		seen[o] = true
		seq = append(seq, o[:]...)
	}
	var pairs [3][3]int
	for i := range seq {
		pairs[seq[i]][seq[(i+1)%len(seq)]]++
	}
	for a := range 3 {
		for b := range 3 {
			want := 3
			if a == b {
				want = 0
			}
			if pairs[a][b] != want {
				t.Errorf("configuration %d follows %d %d times in the cycle, want %d", b, a, pairs[a][b], want)
			}
		}
	}
}
