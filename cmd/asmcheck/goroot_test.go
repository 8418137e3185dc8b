package main

import (
	"flag"
	"io/fs"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/asmcheck/asmcheck/analyzer"
)

var gorootTargets = flag.String("goroot.targets", "linux/amd64,linux/arm64", "GOOS/GOARCH targets TestGOROOTClean checks; \"all\" for every target GOROOT has assembly for")

// reviewed lists the diagnostics asmcheck reports on GOROOT/src that were
// reviewed and are true: real mistakes in Go's own assembly (none of them
// breaks a program today). They are matched by file, arch, function and
// message, not line, so that the list survives edits elsewhere in a file.
var reviewed = []struct{ file, arch, fn, msg, why string }{
	// Found with -goroot.targets=all (every GOOS/GOARCH), beyond linux/amd64 and arm64.
	{"runtime/asm_", "*", "call16", "unknown variable ",
		"every arch's CALLFN macro names call16…'s arguments by old names (f, stackArgsType; on arm stackArgsRetOffset; on loong64 argtype, arg, argsize, n, retoffset); offsets are right, names stale."},
	{"runtime/asm_wasm.s", "wasm", "call16", "invalid I64Load of stackArgsSize+24(FP)",
		"wasm CALLFN loads the uint32 stackArgsSize with an 8-byte load, picking up stackRetOffset in the upper half, then uses the value as a size: works only while stackRetOffset's bits do not matter to the wrap (I32WrapI64 follows)."},
	{"internal/runtime/atomic/atomic_riscv64.s", "riscv64", "Xaddint64", "invalid MOVW of ret+16(FP); int64 is 8-byte value",
		"A REAL BUG: riscv64 Xaddint64 stores only the low 32 bits of its int64 result (MOVW instead of MOV); the caller sees garbage in the upper half once the value passes 2^31."},
	{"runtime/sys_netbsd_arm64.s", "arm64", "mmap", "invalid MOVD of off+28(FP); uint32 is 4-byte value",
		"netbsd/arm64 mmap loads the uint32 offset with an 8-byte load, so the upper half of the 64-bit off_t it passes to the kernel is the low half of the (unwritten) result slot p: wrong offsets for non-zero off whenever that slot holds garbage."},
	{"internal/runtime/atomic/atomic_riscv64.s", "riscv64", "Cas", "invalid MOV of ret+16(FP); bool is 1-byte value", "an 8-byte store into a bool result; the extra bytes are padding."},
	{"runtime/asm_riscv64.s", "riscv64", "checkASM", "invalid MOV of ret+0(FP); bool is 1-byte value", "an 8-byte store into a bool result; the extra bytes are padding."},
	{"runtime/sys_freebsd_arm64.s", "arm64", "sysctl", "invalid MOVD of miblen+8(FP); uint32 is 4-byte value", "an 8-byte load of a uint32 argument; the kernel reads a 32-bit u_int."},
	{"runtime/sys_freebsd_riscv64.s", "riscv64", "sysctl", "invalid MOV of miblen+8(FP); uint32 is 4-byte value", "as freebsd/arm64"},
	{"runtime/sys_netbsd_arm64.s", "arm64", "raiseproc", "invalid MOVD of sig+0(FP); uint32 is 4-byte value", "an 8-byte load of a uint32 signal number; the kernel reads an int."},
	{"runtime/sys_netbsd_arm64.s", "arm64", "madvise", "invalid MOVD of ret+24(FP); int32 is 4-byte value", "an 8-byte store into an int32 result; the extra bytes are padding."},
	{"crypto/internal/fips140/aes/gcm/gcm_ppc64x.s", "*", "counterCryptASM", "unknown variable xr;", "the assembly names the first argument xr; the declaration calls it nr. Offset right, name stale."},
	{"hash/crc32/crc32_ppc64le.s", "ppc64le", "vectorCrc32", "unknown variable ctab;", "the assembly names poly's offset 4 ctab; name stale."},
	{"crypto/internal/fips140/nistec/p256_asm_s390x.s", "s390x", "p256Select", "invalid offset idx+(16+7)(FP)", "a deliberate load of the low-order byte of the big-endian idx, right while idx < 256 (the message says so); by asmdecl's rule an offset that is not idx's own."},
	{"crypto/internal/fips140/nistec/p256_asm_s390x.s", "s390x", "p256SelectAffine", "invalid offset idx+(16+7)(FP)", "as p256Select"},
	{"internal/runtime/atomic/atomic_mipsx.go", "*", "LoadAcq", "declared without a body", "mips/mipsle declare LoadAcq and LoadAcquintptr but atomic_mipsx.s implements neither: any use would fail to link (none today)."},
	{"internal/runtime/atomic/atomic_mipsx.go", "*", "LoadAcquintptr", "declared without a body", "as LoadAcq"},
	{"internal/runtime/atomic/stubs.go", "loong64", "Storeint32", "declared without a body", "loong64 implements none of Storeint32, Storeint64, Loadint32 that stubs.go declares: a use would fail to link (none today)."},
	{"internal/runtime/atomic/stubs.go", "loong64", "Storeint64", "declared without a body", "as Storeint32"},
	{"internal/runtime/atomic/stubs.go", "loong64", "Loadint32", "declared without a body", "as Storeint32"},
	{"runtime/debugcall.go", "ppc64", "debugCallPanicked", "declared without a body", "asm_ppc64x.s defines debugCallPanicked for ppc64le only (#ifdef); big-endian ppc64 declares it too."},
	{"runtime/stubs.go", "wasm", "setg", "declared without a body", "wasm has no setg; the runtime's wasm code never calls it."},
	{"golang.org/x/sys/plan9/syscall_plan9.go", "arm", "exit", "declared without a body", "x/sys/plan9 implements exit for 386 and amd64 only; plan9/arm users of it would fail to link."},
	{"runtime/asm_amd64.s", "amd64", "call16", "unknown variable f;",
		"CALLFN's body reads f+8(FP); the Go declaration of call16 … call1073741824 names it fn. The offset is right, the name stale. go vet never saw it: asmdecl does not expand macros."},
	{"runtime/asm_amd64.s", "amd64", "call16", "unknown variable stackArgsType;",
		"CALLFN reads stackArgsType+0(FP); the declaration names it typ. Same as above."},
	{"runtime/asm_arm64.s", "arm64", "call16", "unknown variable f;", "as for amd64"},
	{"runtime/asm_arm64.s", "arm64", "call16", "unknown variable stackArgsType;", "as for amd64"},
	{"runtime/asm_arm64.s", "arm64", "asmcgocall", "invalid MOVD of ret+16(FP); int32 is 4-byte value",
		"an 8-byte store into the int32 result; the 4 extra bytes land in the padding of the 24-byte argument area. asmdecl does not check widths on arm64."},
	{"internal/runtime/atomic/atomic_arm64.s", "arm64", "Or32", "invalid MOVD of ret+16(FP); uint32 is 4-byte value",
		"an 8-byte store of the old value into the uint32 result (LSE and LL/SC paths); harmless padding, as above."},
	{"internal/runtime/atomic/atomic_arm64.s", "arm64", "And32", "invalid MOVD of ret+16(FP); uint32 is 4-byte value", "as Or32"},
	{"runtime/sys_windows_arm64.s", "arm64", "getlasterror", "invalid MOVD of ret+0(FP); uint32 is 4-byte value",
		"windows/arm64: an 8-byte store of the error into the uint32 result; harmless padding, as above."},
	{"runtime/asm_s390x.s", "s390x", "DATA _rt0_s90x_lib_argv<> without a GLOBL in this file", "the symbol is never defined",
		"data (-goroot.targets=all): a typo, s90x for s390x: the DATA initializes a symbol nobody declares, so it is dropped, and " +
			"_rt0_s390x_lib_argv<> (GLOBL on the next line) has no DATA. Harmless: the value is $0, what BSS holds anyway."},
	{"runtime/asm_s390x.s", "s390x", "callfnMVC", "execution runs off the end of callfnMVC",
		"falloff (-goroot.targets=all): \"Not a function: target for EXRL\": the single MVC is executed by EXRL, never called, " +
			"so running off its end cannot happen; a TEXT is simply how the runtime places the instruction."},
	{"runtime/sys_netbsd_arm64.s", "arm64", "lwp_tramp", "execution runs off the end of lwp_tramp",
		"falloff (-goroot.targets=all): after CALL (R2), which does not return, the \"crash (not reached)\" idiom stores to (R8) " +
			"after zeroing R0 (the other netbsd/arm64 crashes store to (R0)): if it ever ran, R8 is not known to be a bad address, " +
			"and execution would go on into the next function."},
	{"internal/chacha8rand/chacha8_arm64.s", "arm64", "block<ABIInternal>", "MOVW 0(RSP) writes the saved LR",
		"spslot: block has a $16 frame (locals at 8..23(RSP)) and stores the counter at 0(RSP), the slot where its prologue saved LR. " +
			"It is a leaf, so RET still returns through R30, but the unwinder reads an innermost framed function's return address " +
			"from 0(SP) (runtime/traceback.go), so CPU-profile samples and crash tracebacks inside block lose its callers. 8(RSP) was meant."},
	{"runtime/rt0_openbsd_arm64.s", "arm64", "_rt0_arm64_openbsd_lib", "jump to _rt0_arm64_lib with 208 bytes",
		"spbalance (-goroot.targets=all): a $184 frame (copied from _rt0_arm64_lib's TEXT line) then JMP _rt0_arm64_lib, which returns to C " +
			"with SP 208 bytes low. Dead code: c-shared and c-archive are not supported on openbsd/arm64 (internal/platform BuildModeSupported)."},
	{"vendor/golang.org/x/crypto/chacha20poly1305/chacha20poly1305_amd64.s", "amd64", "chacha20Poly1305Open", "RET with dirty upper halves",
		"vzeroupper (performance): on the AVX2 path, when what is left after the 512-byte main loop is 0 bytes, openAVX2MainLoopDone " +
			"jumps to openSSEFinalize and RET without VZEROUPPER (every other AVX2 exit has one): the caller's SSE code then runs with dirty upper state."},
}

// plan9BP are the plan9/amd64 functions that put the system call number
// in BP, as Plan 9's amd64 system call convention wants, and return (or
// call runtime·exitsyscall, runtime·sighandler) with it there.
var plan9BP = []struct {
	file string
	fns  []string
}{
	{"runtime/sys_plan9_amd64.s", []string{"open", "pread", "pwrite", "_seek", "closefd", "dupfd", "exits", "brk_", "sleep",
		"plan9_semacquire", "plan9_tsemacquire", "notify", "noted", "plan9_semrelease", "rfork", "errstr", "sigtramp"}},
	{"syscall/asm_plan9_amd64.s", []string{"Syscall", "Syscall6", "RawSyscall", "RawSyscall6", "seek"}},
}

func init() {
	for _, p := range plan9BP {
		for _, fn := range p.fns {
			reviewed = append(reviewed, struct{ file, arch, fn, msg, why string }{p.file, "amd64", fn, "frame pointer BP is clobbered here",
				"framepointer (-goroot.targets=all, plan9/amd64): Go keeps frame pointers on plan9/amd64 too (runtime.framepointer_enabled), " +
					"but these wrappers load the system call number (sigtramp: g) into BP and return, or call exitsyscall or sighandler, with it " +
					"there: an execution-tracer unwind through the caller follows the number as a frame pointer. Only plan9/amd64 is affected."})
		}
	}
}

// isReviewed reports whether f is in the reviewed table. An entry's file
// matches any path containing it (a directory prefix such as
// "runtime/asm_" covers every arch's file) and arch "*" any arch.
func isReviewed(f finding) bool {
	for _, r := range reviewed {
		arch := r.arch
		if arch == "*" {
			arch = f.Arch
		}
		if strings.Contains(filepath.ToSlash(f.File), r.file) && f.Arch == arch &&
			strings.HasPrefix(f.Message, "["+arch+"] "+r.fn+": ") && strings.Contains(f.Message, r.msg) {
			return true
		}
	}
	return false
}

// asmPackages returns the import paths of the GOROOT packages that have
// assembly files, std and cmd apart (cmd is its own module, with its own
// vendor tree), leaving out testdata (written to hold bugs, such as
// cmd/vet/testdata and cmd/asm's encoder tests) and cgo test packages.
func asmPackages(t *testing.T) (std, cmd []string) {
	src := filepath.Join(runtime.GOROOT(), "src")
	seen := map[string]bool{}
	filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".s") {
			rel, _ := filepath.Rel(src, filepath.Dir(path))
			rel = filepath.ToSlash(rel)
			if seen[rel] || strings.HasPrefix(rel, "cmd/cgo/internal/") {
				return nil
			}
			seen[rel] = true
			switch {
			case strings.HasPrefix(rel, "cmd/vendor/"):
				cmd = append(cmd, strings.TrimPrefix(rel, "cmd/vendor/"))
			case strings.HasPrefix(rel, "cmd/"):
				cmd = append(cmd, rel)
			default:
				std = append(std, rel)
			}
		}
		return nil
	})
	return std, cmd
}

// TestGOROOTClean runs every check on every package of GOROOT/src that has
// assembly (std and cmd), for amd64 and arm64 by default (-goroot.arches),
// and fails on any diagnostic that is not a reviewed true positive.
func TestGOROOTClean(t *testing.T) {
	if testing.Short() {
		t.Skip("checks all of GOROOT")
	}
	targets := strings.Split(*gorootTargets, ",")
	std, cmd := asmPackages(t)
	src := filepath.Join(runtime.GOROOT(), "src")
	for _, set := range []struct {
		dir  string
		pkgs []string
	}{{src, std}, {filepath.Join(src, "cmd"), cmd}} {
		d := &driver{dir: set.dir, patterns: set.pkgs, analyzers: analyzer.All}
		byArch, err := d.discover()
		if err != nil {
			t.Fatal(err)
		}
		var selected []string
		for _, target := range sortedKeys(byArch) {
			if *gorootTargets == "all" || slices.Contains(targets, target) {
				selected = append(selected, target)
			}
		}
		// As main does: the next target loads while one is checked.
		loads := d.loadAhead(selected, byArch)
		for i, target := range selected {
			findings, err := d.checkLoaded(target, <-loads[i])
			if err != nil {
				t.Errorf("%s: %v", target, err)
			}
			// Every package of GOROOT builds for every port it has
			// assembly for: none may be skipped.
			for _, sk := range d.skipped {
				t.Errorf("%s: skipped %s: %s", sk.target, sk.pkg, sk.why)
			}
			d.skipped = nil
			n := 0
			for _, f := range findings {
				if isReviewed(f) {
					n++
					continue
				}
				t.Errorf("%s:%d:%d: %s", f.File, f.Line, f.Col, f.Message)
			}
			t.Logf("%s %s: %d packages, %d diagnostics, %d reviewed true positives", filepath.Base(set.dir), target, len(byArch[target]), len(findings), n)
		}
	}
}
