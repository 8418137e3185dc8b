package main

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var realWorld = flag.Bool("realworld", false, "run TestRealWorld: asmcheck on realWorldModules, downloaded through the module proxy (3 minutes with the modules cached)")

// realWorldModules are widely used modules with much assembly, pinned so
// that the findings below stay put.
var realWorldModules = []string{
	"golang.org/x/crypto@v0.58.0",
	"golang.org/x/sys@v0.49.0",
	"github.com/klauspost/compress@v1.20.3",
	"github.com/cespare/xxhash/v2@v2.3.0",
	"github.com/cloudflare/circl@v1.6.5",
	"github.com/minio/sha256-simd@v1.0.1",
	"github.com/zeebo/blake3@v0.2.4",
	"github.com/segmentio/asm@v1.2.1",
	"github.com/klauspost/cpuid/v2@v2.4.2",
	"github.com/klauspost/reedsolomon@v1.14.2",
	"github.com/minio/md5-simd@v1.1.2",
	"lukechampine.com/blake3@v1.4.1",
	"github.com/ebitengine/purego@v0.11.3",
	"github.com/golang/snappy@v1.0.0",
	"github.com/pierrec/lz4/v4@v4.1.33",
	"github.com/templexxx/xorsimd@v0.4.1",
	"github.com/minio/minlz@v1.2.3",
	"github.com/bytedance/sonic@v1.15.5",
	"gonum.org/v1/gonum@v0.17.0",
	"github.com/tetratelabs/wazero@v1.12.0",
	"github.com/bwesterb/go-ristretto@v1.2.4",
	"github.com/cloudwego/base64x@v0.1.6",
	"golang.org/x/net@v0.60.0",
	"golang.org/x/image@v0.25.0",
	"github.com/emmansun/gmsm@v0.30.1",
	"github.com/minio/simdjson-go@v0.4.5",
	"github.com/klauspost/crc32@v1.3.0",
	"github.com/petermattis/goid@v0.0.0-20260820044319-269ab09b5261",
	"github.com/timandy/routine@v1.1.6",
	"github.com/oasisprotocol/curve25519-voi@v0.0.0-20230904125328-1f23a7beb09a",
	"filippo.io/edwards25519@v1.1.0",
	"github.com/zeebo/xxh3@v1.0.2",
	"github.com/minio/highwayhash@v1.0.3",
	"github.com/dchest/siphash@v1.2.3",
	"github.com/dgraph-io/ristretto@v0.2.0",
	"github.com/prysmaticlabs/gohashtree@v0.0.4-beta",
	"github.com/apache/arrow-go/v18@v18.8.0",
	"github.com/parquet-go/parquet-go@v0.32.0",
	"github.com/bytedance/gopkg@v0.1.4",
	"github.com/ethereum/go-ethereum@v1.17.10",
	"github.com/pk910/hashtree-bindings@v0.2.6",
	"github.com/consensys/gnark-crypto@v0.22.0",
	"github.com/mmcloughlin/avo@v0.5.0",
	"gvisor.dev/gvisor@v0.0.0-20260905035102-160fafc42237",
	"github.com/viterin/vek@v0.4.3",
	"github.com/chewxy/math32@v1.11.1",
	"github.com/agiledragon/gomonkey/v2@v2.13.0",
	"github.com/minio/crc64nvme@v1.1.1",
	"github.com/mmcloughlin/geohash@v0.10.0",
	"filippo.io/bigmod@v0.1.0",
	"github.com/kilic/bls12-381@v0.1.0",
	"github.com/cespare/xxhash@v1.1.0",
	"github.com/dolthub/swiss@v0.2.1",
	"github.com/RoaringBitmap/roaring/v2@v2.30.0",
	"github.com/RoaringBitmap/roaring@v1.9.4",
	"github.com/phuslu/log@v1.0.121",
	"github.com/pion/transport/v3@v3.1.1",
	"github.com/pion/transport/v5@v5.1.4",
	"github.com/molecule-man/go-brrr@v1.3.1",
	"gorgonia.org/tensor@v0.9.24",
	"github.com/chenzhuoyu/base64x@v0.0.0-20221115062448-fe3a3abad311",
	"github.com/outcaste-io/ristretto@v0.2.3",
	"github.com/crate-crypto/go-ipa@v0.0.0-20240724233137-53bbb0ceb27a",
	"github.com/decred/dcrd/crypto/blake256@v1.1.0",
	"github.com/creack/pty@v1.1.24",
	"github.com/coder/websocket@v1.8.15",
	"github.com/modern-go/reflect2@v1.0.2",
	"github.com/twmb/murmur3@v1.1.8",
	"github.com/pjbgf/sha1cd@v0.7.0",
	"github.com/cockroachdb/crlib@v0.0.0-20260823170307-44ef894cf300",
	"golang.org/x/mobile@v0.0.0-20261011034528-197770444867",
	"gorgonia.org/vecf64@v0.9.0",
	// Without a go.mod: TestRealWorld makes one.
	"github.com/dgryski/go-metro@v0.0.0-20250106013310-edb8663e5e33",
	"github.com/aead/chacha20@v0.0.0-20180709150244-8b13a72661da",
	"github.com/aead/poly1305@v0.0.0-20180717145839-3fee0db0b635",
	"github.com/minio/blake2b-simd@v0.0.0-20160723061019-3f5f724cb5b1",
	"github.com/dgryski/go-sip13@v0.0.0-20200911182023-62edffca9245",
	"github.com/remyoudompheng/bigfft@v0.0.0-20200410134404-eec4a21b6bb0",
	"github.com/templexxx/xor@v0.0.0-20191217153810-f85b25db303b",
	"github.com/templexxx/cpu@v0.0.9",
	"github.com/aead/siphash@v1.0.1",
	"github.com/dgryski/go-farm@v0.0.0-20240924180020-3414d57e47da",
	"github.com/dgryski/go-bits@v0.0.0-20180113010104-bd8a69a71dc2",
	"github.com/tmthrgd/go-hex@v0.0.0-20190904060850-447a3041c3bc",
	"github.com/bytedance/mockey@v1.4.6",
	"github.com/nlpodyssey/spago@v1.1.0",
	"github.com/parquet-go/bitpack@v1.0.0",
	"github.com/u-root/u-root@v0.16.0",
	"github.com/cronokirby/saferith@v0.33.0",
	"github.com/go-faster/xor@v1.0.0",
	"github.com/loov/hrtime@v1.0.3",
	"github.com/steakknife/hamming@v0.0.0-20180906055917-c99c65617cd3",
	"filippo.io/nistec@v0.0.4",
	"gorgonia.org/vecf32@v0.9.0",
	"github.com/consensys/bavard@v0.2.2-0.20260118153501-cba9f5475432",
	"modernc.org/libc@v1.80.1",
	"github.com/keybase/go-crypto@v0.0.0-20200123153347-de78d2cb44f4",
	// Assembly for the C toolchain only, in directories without Go
	// files (build/mach-o …): nothing to check, and no failure.
	"github.com/supranational/blst@v0.3.17",
}

// realWorldReviewed lists what asmcheck reports on realWorldModules, each
// reviewed and true. Matched by module, file, arch, check, function and a
// part of the message.
var realWorldReviewed = []struct{ mod, file, arch, check, fn, msg, why string }{
	// Bugs that break programs.
	{"github.com/apache/arrow-go/v18", "parquet/internal/utils/bit_packing_neon_arm64.s", "arm64", "reserved", "_unpack32_neon", "WORD $0x8b0c0b5c (add x28, x26, x12, lsl #2) writes g",
		"A REAL BUG: clang's NEON kernel, carried as WORDs, keeps a pointer in x28 (its own comment says \"TODO: do not use x28, x27, or x18 since they are reserved\"); a SIGPROF or SIGURG while it holds it finds a wrong g (fixed upstream after v18.8.0, arrow-go#1300)."},
	{"github.com/apache/arrow-go/v18", "_neon_arm64.s", "arm64", "reserved", "", "writes R18_PLATFORM, the platform register",
		"A REAL BUG on darwin, ios and windows, where the files also build: clang's kernels use x18 (add x18, x0, x10 in _unpack32_neon; umov w18, v2.h[1] in _cast_type_numeric_neon), which Apple's ABI reserves and Windows keeps the TEB pointer in."},
	{"github.com/prysmaticlabs/gohashtree", "hash_arm64.s", "arm64", "spslot", "_hash", "writes the saved LR",
		"A REAL BUG (minor): _hash ($1024) keeps message words at (RSP), the slot where the prologue saved LR; it calls nothing, so it returns through LR, but a traceback taken inside it (a CPU profile) reads the return address from there and loses its callers (found once the WORD-encoded SHA-2 instructions no longer hid the function from the frame checks)."},
	{"gvisor.dev/gvisor", "pkg/ring0/entry_amd64.s", "amd64", "spslot", "doSwitchToUser", "STMXCSR mxcsr-0(SP) writes the saved frame pointer",
		"A REAL BUG (minor): in the $16 frame, mxcsr-0(SP) is the slot above the locals where the prologue saved BP (cw-8(SP) is inside): the epilogue pops a BP whose low half is MXCSR; the ABI wrapper Go calls it through restores its own BP, so only an unwinder running between the two sees it."},
	{"github.com/agiledragon/gomonkey/v2", "write_darwin_amd64.s", "amd64", "cstack", "write", "call to the C function mach_task_self on the goroutine stack (and another on line",
		"A REAL BUG: write (NOSPLIT $24, called from Go) calls mach_task_self and mach_vm_protect on the goroutine's stack; the first call through a lazy-binding stub runs dyld's binder, which can run past the few hundred bytes a NOSPLIT frame is guaranteed, over the heap below."},
	{"github.com/agiledragon/gomonkey/v2", "write_darwin_arm64.s", "arm64", "cstack", "write", "call to the C function mach_task_self on the goroutine stack (and another on line",
		"A REAL BUG: the arm64 copy of the same code."},
	{"github.com/pk910/hashtree-bindings", "wrapper_arm64.s", "arm64", "cstack", "HashtreeHash", "call to the C function hashtree_sha256_neon_x4 on the goroutine stack (and another on line",
		"A REAL BUG: the $2048 frame is meant as the C code's stack (the amd64 wrappers move SP up into it, ADDQ $2048, SP, and are not reported), but the arm64 wrapper calls from the frame's bottom, so the C code's stack grows below it, into the ~800 bytes Go keeps below a frame."},
	{"github.com/agiledragon/gomonkey/v2", "write_darwin_amd64.s", "amd64", "spalign", "write", "call to the C function mach_task_self with SP not known to be 16-byte aligned",
		"A REAL BUG: when the mprotect system call fails, write calls mach_task_self and mach_vm_protect directly on the goroutine stack, with SP only 8-byte aligned (bytedance/mockey has the same code)."},
	{"github.com/pk910/hashtree-bindings", "wrapper_windows_amd64.s", "amd64", "callargs", "HashtreeHash", "with SP at 2017..2048(SP) (SP was aligned with AND)",
		"A REAL BUG (latent): to run the C hash functions on the goroutine stack, HashtreeHash ($2048) moves SP to the top of its locals and aligns it down by 32; the Windows x64 callee owns the 32 bytes above its return address (its home area), which then hold the saved BP, the return address and the arguments. A callee that spills its register arguments there (as MSVC-built code does) breaks the return. Built only with cgo: found through the windows/amd64+cgo target."},
	{"github.com/ebitengine/purego", "sys_arm64.s", "arm64", "spslot", "syscallX", "writes the saved frame pointer",
		"A REAL BUG: syscallX ($0, calls C) moves RSP down by STACK_SIZE and stores its argument pointer at STACK_SIZE-8: the slot where the prologue saved the caller's R29 (go tool asm -S: MOVD R29, -8(RSP) after MOVD.W R30, -16(RSP)); the epilogue then loads the pointer into R29, and the Go caller continues with a broken frame-pointer chain."},
	{"github.com/cloudflare/circl", "dh/sidh/internal/p434/arith_amd64.s", "amd64", "spslot", "mulP434", "writes the saved frame pointer",
		"mulP434 declares $112 and stores at 0x70(SP) = 112(SP), where the assembler saved BP: the caller's BP is lost."},
	{"github.com/cloudflare/circl", "ecc/p384/arith_arm64.s", "arm64", "spslot", "fp384Mul", "writes the saved frame pointer",
		"STP to -16(RSP) stores over the caller's R29, which arm64 prologues save at -8(RSP)."},
	{"github.com/cloudflare/circl", "dh/sidh/internal/p434/arith_amd64.s", "amd64", "framepointer", "rdcP434", "frame pointer BP is clobbered",
		"BP used as a scratch register in a $0 function: frame-pointer unwinding breaks while it runs and after it returns."},
	{"github.com/cloudflare/circl", "dh/sidh/internal/p503/arith_arm64.s", "arm64", "framepointer", "mulP503", "frame pointer R29 is clobbered", "R29 as scratch (RULES: cloudflare/circl)."},
	{"github.com/cloudflare/circl", "dh/sidh/internal/p503/arith_arm64.s", "arm64", "framepointer", "rdcP503", "frame pointer R29 is clobbered", "R29 as scratch."},
	{"github.com/cloudflare/circl", "dh/sidh/internal/p751/arith_arm64.s", "arm64", "framepointer", "mulP751", "frame pointer R29 is clobbered", "R29 as scratch."},
	{"github.com/cloudflare/circl", "dh/sidh/internal/p751/arith_arm64.s", "arm64", "framepointer", "rdcP751", "frame pointer R29 is clobbered", "R29 as scratch."},
	{"github.com/minio/md5-simd", "md5block_amd64.s", "amd64", "framepointer", "blockScalar", "frame pointer BP is clobbered", "BP used as a scratch register in a $0 function."},
	{"github.com/prysmaticlabs/gohashtree", "hash_amd64.s", "amd64", "spslot", "_hash", "MOVL tmpdig-(0*4)(SP) writes the saved frame pointer",
		"A REAL BUG: the digest words tmpdig-(0*4)(SP) … tmpdig-(7*4)(SP) start at pseudo-SP offset 0, the slot where the prologue pushed BP (go tool asm -S: PUSHQ BP, SUBQ $928, SP, then MOVL AX, tmpdig+928(SP)): the epilogue pops a BP whose low half is a digest word."},
	{"github.com/apache/arrow-go/v18", "parquet/internal/utils/bit_packing_avx2_amd64.s", "amd64", "framepointer", "_unpack32_avx2", "frame pointer BP is clobbered",
		"c2goasm-translated clang code uses BP as a general register and calls with it."},
	{"github.com/apache/arrow-go/v18", "_amd64.s", "amd64", "framepointer", "", "frame pointer BP is clobbered here and not restored",
		"c2goasm-translated clang code (its instructions partly written as bytes, now decoded) uses BP as a general register in $0 functions; the ABI wrapper Go calls them through restores the caller's BP, so only an unwinder running inside them sees it."},
	{"github.com/dgraph-io/ristretto", "z/simd/search_amd64.s", "amd64", "framepointer", "Search", "frame pointer BP is clobbered", "the avo-generated search uses BP as its index register in a $0 function."},
	{"github.com/outcaste-io/ristretto", "z/simd/search_amd64.s", "amd64", "framepointer", "Search", "frame pointer BP is clobbered", "dgraph-io/ristretto's code, forked: BP as the index register in a $0 function."},

	// Performance: AVX code that returns without VZEROUPPER (the files
	// have none at all).
	{"github.com/cloudflare/circl", "pke/kyber/internal/common/amd64.s", "amd64", "vzeroupper", "", "RET with dirty upper halves", "no VZEROUPPER in the file."},
	{"github.com/cloudflare/circl", "sign/internal/dilithium/amd64.s", "amd64", "vzeroupper", "", "RET with dirty upper halves", "no VZEROUPPER in the file."},
	{"github.com/cloudflare/circl", "simd/keccakf1600/f1600x4_amd64.s", "amd64", "vzeroupper", "f1600x4AVX2", "RET with dirty upper halves", "no VZEROUPPER."},
	{"github.com/segmentio/asm", "_amd64.s", "amd64", "vzeroupper", "", "RET with dirty upper halves", "the AVX paths jump to RETs that the SSE paths share, with no VZEROUPPER."},
	{"lukechampine.com/blake3", "guts/compress_amd64.s", "amd64", "vzeroupper", "", "RET with dirty upper halves", "AVX-512 code (ZMM writes) returns without VZEROUPPER."},
	{"github.com/prysmaticlabs/gohashtree", "hash_amd64.s", "amd64", "vzeroupper", "_hash", "RET with dirty upper halves",
		"the AVX2 path hands the blocks it leaves to the AVX path (JB avx1), whose RET has no VZEROUPPER."},
	{"golang.org/x/crypto", "chacha20poly1305/chacha20poly1305_amd64.s", "amd64", "vzeroupper", "chacha20Poly1305Open", "RET with dirty upper halves",
		"as in GOROOT's vendored copy: the AVX2 path returns without VZEROUPPER when nothing is left after the main loop."},

	// Declarations that disagree with the assembly: names, widths and
	// sizes asmdecl's rules reject; the offsets are right.
	{"github.com/cespare/xxhash/v2", "xxhash_amd64.s", "amd64", "fpoffset", "writeBlocks", "unknown variable s;", "the Go declaration calls it d."},
	{"github.com/templexxx/xorsimd", "_amd64.s", "amd64", "fpoffset", "", "unknown variable ", "short names (d, s, c, l) for dst, src and their lengths."},
	{"golang.org/x/crypto", "salsa20/salsa/salsa20_loong64.s", "loong64", "fpoffset", "xorKeyStreamVX", "unknown variable counter;", "the declaration calls it nonce."},
	{"lukechampine.com/blake3", "guts/compress_amd64.s", "amd64", "fpoffset", "compressBlocksAVX2", "unknown variable block;", "the declaration calls it msgs."},
	{"lukechampine.com/blake3", "guts/compress_amd64.s", "amd64", "fpoffset", "", "invalid offset counter+28(FP)", "a deliberate 4-byte load of the high half of the uint64 counter."},
	{"lukechampine.com/blake3", "guts/compress_amd64.s", "amd64", "fpwidth", "", "invalid VPBROADCASTD of counter+24(FP)", "a deliberate 4-byte load of the low half."},
	{"github.com/klauspost/cpuid/v2", "cpuid_386.s", "386", "fpoffset", "asmDarwinHasAVX512", "unknown variable eax;", "the result is called ret."},
	{"github.com/cloudflare/circl", "ecc/p384/arith_arm64.s", "arm64", "fpwidth", "fp384Cmov", "invalid MOVW of b+16(FP); int is 8-byte value", "a 4-byte load of an int flag: works while the flag is 0 or 1."},
	{"github.com/dgraph-io/ristretto", "z/simd/search_amd64.s", "amd64", "fpwidth", "Search", "invalid MOVL of ret+32(FP); int16 is 2-byte value",
		"a 4-byte store to the int16 result at 32 of the $0-34 frame: it writes 2 bytes past the argument area, into the padding the caller's alignment leaves."},
	{"github.com/outcaste-io/ristretto", "z/simd/search_amd64.s", "amd64", "fpwidth", "Search", "invalid MOVL of ret+32(FP); int16 is 2-byte value", "dgraph-io/ristretto's code, forked: the 2 extra bytes land in the caller's padding."},
	{"github.com/zeebo/blake3", "internal/alg/hash/hash_avx2/impl_amd64.s", "amd64", "fpwidth", "HashP", "invalid MOVBLZX of flags+16(FP)", "a 1-byte load of uint32 flags: works while the flags fit in a byte."},
	{"github.com/bytedance/sonic", "internal/rt/asm_compat.s", "*", "argsize", "MoreStack", "wrong argument size 8; expected $...-4",
		"the file is for every arch but amd64; on the 32-bit ones the uintptr argument is 4 bytes."},
	{"github.com/bytedance/sonic", "internal/decoder/jitdec/generic_regabi_amd64_test.s", "amd64", "argsize", "decodeValueStub", "wrong argument size 72; expected $...-64",
		"a test stub whose declaration is in generic_test.go: 8 bytes too many in the TEXT, which only the traceback's argument count reads (go vet, which checks packages with their tests, reports it too)."},
	{"github.com/bytedance/sonic", "internal/decoder/jitdec/generic_regabi_amd64_test.s", "amd64", "fpoffset", "decodeValueStub", "unknown variable ",
		"rv, sn, rp and ex for ret, sp_len, ret and ret1: the offsets are right (go vet reports them too)."},
	{"github.com/tetratelabs/wazero", "abi_entry_", "*", "fpoffset", "entrypoint", "unknown variable functionExectuable;", "a typo for functionExecutable (go vet reports it too)."},
	{"github.com/tetratelabs/wazero", "abi_entry_", "*", "fpoffset", "entrypoint", "unknown variable paramResultSlicePtr;", "the declaration calls it paramResultPtr."},
	{"github.com/tetratelabs/wazero", "isa/arm64/abi_entry_arm64.s", "arm64", "fpoffset", "afterGoFunctionCallEntrypoint", "unknown variable goCallReturnAddress;", "the declaration calls it executable."},

	{"github.com/decred/dcrd/crypto/blake256", "internal/compress/cpu_amd64.s", "amd64", "argsize", "supportsCPUID", "wrong argument size 4; expected $...-1",
		"a 1-byte bool result declared as 4 bytes: the extra bytes are in the 8-byte slot the caller reserves (go vet reports it too)."},
	{"github.com/coder/websocket", "mask_arm64.s", "arm64", "fpoffset", "maskAsm", "unknown variable b_", "b_ptr and b_len for b and len: the offsets are right (go vet reports them too)."},
	{"github.com/chenzhuoyu/base64x", "native_amd64.s", "amd64", "fpoffset", "__native_entry__", "8(SP) should be ret+0(FP)",
		"asm2asm output: a $0 frame with no call saves no BP, so 8(SP) is ret+0(FP); right as long as the frame stays $0."},
	// Dead trampolines: TEXT symbols with no Go declaration that nothing
	// calls or jumps to.
	{"github.com/creack/pty", "asm_solaris_amd64.s", "amd64", "prototype", "rawSysvicall6", "missing Go declaration",
		"JMP syscall·rawSysvicall6 with nothing that calls it; sysvicall6, which is used, is declared."},
	{"github.com/remyoudompheng/bigfft", "arith_", "*", "prototype", "shrVU", "missing Go declaration",
		"a JMP into math/big's shrVU that arith_decl.go never declares nor calls."},
	{"modernc.org/libc", "asm_386.s", "386", "prototype", "", "missing Go declaration",
		"asm_386.s has no build constraint, so every 386 target assembles its nine atomics; libc_musl_linux_386.go declares three of them (a_cas, a_crash, a_or), the other six (a_or_64, a_spin …) are declared for no target and nothing calls them, and on windows/386 none is declared (go vet reports them too)."},
	// A build line that does not say what it means.
	{"github.com/bwesterb/go-ristretto", "edwards25519/field_amd64.s", "amd64", "prototype", "", "missing Go declaration",
		"the file's //+build amd64 AND !go1.13 is a disjunction in +build syntax (AND is a tag), so the file is built by every Go on amd64, while field_amd64.go, which declares feMul and feSquare, is only for Go before 1.13: they are assembled with no declaration and never called."},
	{"github.com/bwesterb/go-ristretto", "edwards25519/field_amd64.s", "amd64", "framepointer", "feMul", "frame pointer BP is clobbered",
		"BP used as a scratch register in a $0 function (dead code with today's Go: see the build line above)."},

	// emmansun/gmsm: two real bugs, and declarations the assembly
	// does not follow.
	{"github.com/emmansun/gmsm", "internal/sm4/xts_amd64.s", "amd64", "vzeroupper", "", "RET with dirty upper halves",
		"A REAL BUG: the AVX2 decryption paths of decryptSm4Xts and decryptSm4XtsGB jump to the AVX path's avxXtsSm4DecSingles (not avx2…), which returns without VZEROUPPER."},
	{"github.com/emmansun/gmsm", "internal/sm4/xts_arm64.s", "arm64", "spslot", "", "VST1 (RSP) writes the saved LR",
		"A REAL BUG: decryptSm4Xts and decryptSm4XtsGB ($128 frames) store a block at (RSP), the saved LR: a traceback taken inside (a profiling signal) reads a garbage return address."},
	{"github.com/emmansun/gmsm", "internal/sm4/xts_sm4ni_arm64.s", "arm64", "spslot", "", "VST1 (RSP) writes the saved LR",
		"A REAL BUG: the same in decryptSm4NiXts and decryptSm4NiXtsGB, the versions with the SM4 instructions (written as WORDs, which asmcheck decodes since 2026-11-24)."},
	{"github.com/emmansun/gmsm", "internal/zuc/asm_amd64.s", "amd64", "framepointer", "", "frame pointer BP is clobbered", "BP holds the key stream's length in $0 functions."},
	{"github.com/emmansun/gmsm", "internal/", "*", "fpoffset", "", "unknown variable ",
		"the assembly names the arguments its own way (res, in1, in2, dst, ks, pState, hg …); the offsets are those of the declarations."},
	{"github.com/emmansun/gmsm", "internal/sm9/bn256/gfp_cmn_amd64.s", "amd64", "fpoffset", "", "invalid offset a+0(FP); expected a+8(FP): offset 0 is c+0(FP), so the access reads c, not a",
		"gfpDouble and gfpTriple call their arguments a and b where the declaration says c and a: the offsets are right, so no fix is offered."},
	{"github.com/emmansun/gmsm", "internal/sm2ec/p256_asm_s390x.s", "s390x", "fpoffset", "", "invalid offset idx+(16+7)(FP)", "a deliberate load of the low byte of the big-endian int idx."},
	{"github.com/emmansun/gmsm", "internal/sm2ec/p256_common_amd64.s", "amd64", "fpwidth", "", "of idx+16(FP); int is 8-byte value", "4-byte loads of an int index: right while it fits in 31 bits."},
	{"github.com/emmansun/gmsm", "internal/sm2ec/p256_asm_ppc64le.s", "ppc64le", "argsize", "p256Select", "wrong argument size 24; expected $...-32",
		"the declaration has a fourth argument, limit, that the frame's argument size leaves out."},
	{"github.com/emmansun/gmsm", "internal/sm3/sm3blockni_arm64.s", "arm64", "argsize", "blockSM3NI", "wrong argument size 0; expected $...-56", "$0 for 56 bytes of arguments."},

	{"github.com/klauspost/crc32", "crc32_ppc64le.s", "ppc64le", "fpoffset", "vectorCrc32", "unknown variable ctab;", "the declaration calls it poly."},

	// apache/arrow-go: c2goasm output, whose loads of the arguments
	// follow the C types, not the Go declarations.
	{"github.com/apache/arrow-go/v18", "arrow/compute/internal/kernels/base_arithmetic_", "amd64", "fpwidth", "", "of op+", "8-byte loads of the int8 operation code into a register for the C code: the upper bytes are the padding after it."},
	{"github.com/apache/arrow-go/v18", "parquet/internal/bmi/bitmap_neon_arm64.s", "arm64", "fpwidth", "_levels_to_bitmap_neon", "invalid MOVD of rhs+16(FP); int16", "an 8-byte load of an int16."},
	{"github.com/apache/arrow-go/v18", "parquet/metadata/bloom_filter_block_", "amd64", "argsize", "", "wrong argument size 32; expected $...-25", "$0-32 for 25 bytes: the argument size rounded up to 8."},
	{"github.com/apache/arrow-go/v18", "parquet/metadata/bloom_filter_block_", "amd64", "fpwidth", "", "invalid MOVQ of result+24(FP); bool", "8-byte stores of the bool result: they write the padding the caller leaves after it."},
	{"github.com/apache/arrow-go/v18", "parquet/internal/utils/clib_amd64.s", "amd64", "textflag", "", "NOFRAME with frame size 16", "_ClibMemcpy and _ClibMemset: NOFRAME with a 16-byte frame, so the assembler allocates it without saving BP."},

	// parquet-go/parquet-go: AVX paths that leave without VZEROUPPER,
	// and declarations its assembly reads its own way (go vet reports the
	// argsize and fpoffset ones too).
	{"github.com/parquet-go/parquet-go", "bloom/xxhash/sum64uint_amd64.s", "amd64", "vzeroupper", "MultiSum64Uint128", "RET with dirty upper halves",
		"A REAL BUG (speed): the AVX-512 loop leaves through JE loop, past the VZEROUPPER, which follows an unconditional JMP loop16x64 and is never executed."},
	{"github.com/parquet-go/parquet-go", "dictionary_amd64.s", "amd64", "vzeroupper", "", "RET with dirty upper halves",
		"the AVX-512 loops jump to indexOutOfBounds, which returns the error without VZEROUPPER (only the loops' normal exit has one)."},
	{"github.com/parquet-go/parquet-go", "encoding/delta/byte_array_amd64.s", "amd64", "vzeroupper", "validatePrefixAndSuffixLengthValuesAVX2", "RET with dirty upper halves",
		"the AVX2 loop falls into the scalar loop and the RET with no VZEROUPPER."},
	{"github.com/parquet-go/parquet-go", "bloom/xxhash/sum64uint_amd64.s", "amd64", "argsize", "", "wrong argument size 54; expected $...-56", "$0-54 for two slices and an int result, 56 bytes."},
	{"github.com/parquet-go/parquet-go", "bloom/block_amd64.s", "amd64", "argsize", "blockInsert", "wrong argument size 16; expected $...-12", "$0-16 for 12 bytes: the size rounded up to 8."},
	{"github.com/parquet-go/parquet-go", "bloom/filter_amd64.s", "amd64", "fpoffset", "filterInsertBulk", "invalid offset f_base+8(FP); expected f_base+0(FP)",
		"VPBROADCASTQ f_base+8(FP) broadcasts the filter's length, f_len+8(FP), under the wrong name."},
	{"github.com/parquet-go/parquet-go", "value_amd64.s", "amd64", "fpoffset", "memsetValuesAVX2", "invalid offset model+40(FP)", "model_kind+40(FP) under the struct's name; the file says go vet complains and it is deliberate."},
	{"github.com/parquet-go/parquet-go", "value_amd64.s", "amd64", "fpwidth", "memsetValuesAVX2", "invalid VMOVDQU of model+24(FP)",
		"a deliberate 32-byte load of the 24-byte Value: the declaration adds a blank uint64 parameter after it so that the load stays in the argument area."},
	{"github.com/parquet-go/parquet-go", "bloom/filter_amd64.s", "amd64", "fpwidth", "", "of x+24(FP); uint64 is 8-byte value", "4-byte loads of the low half of x, as the Go version inserts uint32(x)."},
	{"github.com/parquet-go/parquet-go", "_amd64.s", "amd64", "fpwidth", "", "_array_off+", "VPBROADCASTD of the low half of a uintptr offset: right while it fits in 32 bits."},

	// Packages no Go file of which builds for the host (go list leaves them
	// out of ./...): checked where their Go files build since 2026-11-24.
	{"golang.org/x/sys", "plan9/syscall_plan9.go", "arm", "prototype", "exit", "in no file built for arm",
		"A REAL BUG: asm_plan9_arm.s lost its TEXT ·exit line: the body of ·seek is JMP syscall·exit followed by the JMP syscall·seek that was exit's, so plan9.Seek exits the process on plan9/arm and plan9.Exit does not link."},
	{"github.com/bytedance/sonic", "internal/native/neon/f32toa_arm64.s", "arm64", "fpwidth", "__f32toa", "invalid FMOVD of val+8(FP)",
		"generated from C: the C routine takes the float32 in S0, the low half of the 8 bytes loaded; the other half is the padding after val, which it ignores."},
	{"github.com/ebitengine/purego", "internal/fakecgo/trampolines_arm64.s", "arm64", "callargs", "x_cgo_bindm_trampoline", "needs 8 bytes of arguments",
		"A REAL BUG: the runtime passes g in R0 (asmcgocall), but CALL ·x_cgo_bindm(SB) enters the ABI0 wrapper, which loads g from the trampoline's frame (go tool objdump: MOVD 40(RSP), R0 in x_cgo_bindm.abi0): pthread_setspecific stores whatever was on the stack, and the destructor later drops that as an M's g. amd64 (JMP ·x_cgo_bindm) and loong64 have the same wrapper problem."},
	{"github.com/ebitengine/purego", "internal/fakecgo/trampolines_amd64.s", "amd64", "callargs", "x_cgo_bindm_trampoline", "tail call to x_cgo_bindm(g unsafe.Pointer), which takes 8 bytes",
		"A REAL BUG, the arm64 finding's twin: the runtime passes g in DI (asmcgocall), but JMP ·x_cgo_bindm(SB) enters the ABI0 wrapper, which reads g from 8(SP), a word of the C caller's stack above the return address."},
	{"github.com/ebitengine/purego", "internal/fakecgo/trampolines_", "*", "calleesaved", "", "is entered from C",
		"runtime hooks (_cgo_init, _cgo_setenv, _cgo_bindm, syscall's cgo_libc_setegid …) that only the Go runtime calls, through asmcgocall, cgocaller or rt0_go, which keep nothing in these registers across the call (asmcgocall reloads g and SP from its frame); no C code calls them."},
	{"github.com/ebitengine/purego", "internal/fakecgo/fakecgo.go", "*", "prototype", "", "implemented in assembly in",
		"setg_trampoline and call5 have no assembly for mips*, ppc64 and s390x, where fakecgo's Go files build; fakecgo is internal and only purego imports it, which does not build there."},
	{"github.com/ebitengine/purego", "internal/fakecgo/trampolines_", "*", "fpoffset", "", "unknown variable ",
		"call5's r1 and setg_trampoline's newg and gp for the declarations' ret and G: the offsets are right (go vet reports them too)."},
	{"github.com/ebitengine/purego", "internal/fakecgo/trampolines_riscv64.s", "riscv64", "argsize", "call5", "wrong argument size 48; expected $...-56",
		"$0-48 leaves the result out; call5 runs on the system stack, where nothing scans its frame (go vet reports it too)."},
	{"github.com/ebitengine/purego", "internal/fakecgo/asm_s390x.s", "s390x", "reserved", "crosscall2", "writes g, the g register",
		"crosscall2 returns to C: LMG restores C's callee-saved R6–R15, R13 (g) among them, as runtime/cgo's crosscall2 does; fakecgo stands in for runtime/cgo."},
	{"github.com/ebitengine/purego", "internal/fakecgo/trampolines_ppc64le.s", "ppc64le", "reserved", "setg_trampoline", "writes g, the g register",
		"sets g to the new goroutine that setg_gcc has just stored in TLS, as runtime/cgo's setg_gcc does on ppc64le; fakecgo stands in for runtime/cgo."},

	// bytedance/mockey (gomonkey's successor).
	{"github.com/bytedance/mockey", "internal/monkey/mem/write_darwin_amd64.s", "amd64", "cstack", "write", "call to the C function mach_task_self on the goroutine stack (and another on line",
		"A REAL BUG: gomonkey's darwin write, carried over: mach_task_self and mach_vm_protect run on the goroutine's stack of a NOSPLIT $24 function."},
	{"github.com/bytedance/mockey", "internal/monkey/mem/write_darwin_amd64.s", "amd64", "spalign", "write", "call to the C function mach_task_self with SP not known to be 16-byte aligned",
		"A REAL BUG: as gomonkey's; a sweep measured SP mod 16 at the entry of a $24 function called from Go: 0 or 8, depending on the caller."},
	{"github.com/bytedance/mockey", "internal/monkey/fn/copy_darwin_amd64_test.s", "amd64", "fpoffset", "callSystemFunc", "invalid offset ret+0(FP); expected ret+16(FP)",
		"A REAL BUG (latent): callSystemFunc(msg string) int stores write(2)'s result over msg_base, not ret; its only caller, a test, ignores the result. (The file is built with the package: a _test suffix on a .s name does not make it a test file.)"},
	{"github.com/bytedance/mockey", "internal/monkey/fn/copy_darwin_amd64_test.s", "amd64", "results", "callSystemFunc", "RET without writing to 8-byte ret+16(FP)",
		"the same bug seen from the result: the caller reads a stack word nothing wrote."},
	{"github.com/bytedance/mockey", "internal/monkey/fn/copy_darwin_amd64_test.s", "amd64", "fpoffset", "", "unknown variable",
		"names that are not the parameters' (msg_data, res) at the right offsets: no effect; go vet reports them too."},
	{"github.com/bytedance/mockey", "internal/monkey/fn/copy_darwin_arm64_test.s", "arm64", "prototype", "", "missing Go declaration",
		"the declarations are in a darwin/amd64-only test file, so on darwin/arm64 these functions are dead code."},
	{"github.com/bytedance/mockey", "internal/monkey/sysmon/suspend_1_23_amd64.s", "amd64", "fpwidth", "usleepTrampoline", "invalid MOVD of usec+0(FP); uint32 is 4-byte value",
		"MOVD (MOVQ on amd64) of a uint32 also reads its padding; the value goes on as 8 bytes to runtime.usleep, which reads only MOVL usec: no effect."},
	// nlpodyssey/spago.
	{"github.com/nlpodyssey/spago", "mat/internal/matfuncs/", "amd64", "vzeroupper", "", "RET with dirty upper halves",
		"avo-generated kernels (AddAVX32, DotProdAVX64, …, 16 of them) with no VZEROUPPER anywhere: every large vector operation leaves the upper state dirty for the Go code after it (performance)."},
	// consensys/bavard.
	{"github.com/consensys/bavard", "amd64/avx512_test_amd64.s", "amd64", "vzeroupper", "", "RET with dirty upper halves",
		"generated AVX-512 helpers (18) for its tests, with no VZEROUPPER: the tests' SSE code pays the transition (performance)."},
	// steakknife/hamming.
	{"github.com/steakknife/hamming", "popcount_slices_amd64.s", "amd64", "fpoffset", "", "invalid offset x+8(FP); expected x_len+8(FP)",
		"the length read by the slice's name (x+8 for x_len): the right word, a name go vet also rejects."},
	{"github.com/steakknife/hamming", "popcount_slices_amd64.s", "amd64", "fpoffset", "CountBitsStringPopCnt", "unknown variable x",
		"the string parameter is s, read as x: the right offsets, wrong names."},
	// filippo.io/nistec.
	{"filippo.io/nistec", "p256_asm_s390x.s", "s390x", "fpoffset", "", "invalid offset idx+(16+7)(FP); expected idx+16(FP)",
		"std's p256 code: VLREPB reads the low-order byte of the big-endian idx, which fits in it (reported for go vet parity; docs/checks/fpoffset.md)."},
	// bytedance/gopkg.
	{"github.com/bytedance/gopkg", "util/xxhash3/avx2_amd64.s", "amd64", "vzeroupper", "accumAVX2", "RET with dirty upper halves", "no VZEROUPPER in the file."},
	{"github.com/bytedance/gopkg", "util/xxhash3/avx2_amd64.s", "amd64", "data", "accumAVX2", "VPBROADCASTQ prime_avx<>+0(SB) reads 8 bytes, but prime_avx<> is 4 bytes",
		"a true over-read of 4 bytes past a 4-byte RODATA constant (avo output); harmless as written: the only users of Y0 are VPMULUDQ, which multiply the low 32 bits of each lane, so the bytes read past the end never reach a result. VPBROADCASTD, or an 8-byte constant, would read only its own bytes."},
	{"github.com/bytedance/gopkg", "collection/lscq/asm_arm64.s", "arm64", "fpoffset", "", "unknown variable ",
		"ptr and ret for the declarations' addr, swapped and val: the offsets are right (go vet reports them too)."},
	{"github.com/petermattis/goid", "goid_go1.5.s", "*", "argsize", "getg", "wrong argument size 8; expected $...-4", "$0-8 for one pointer result, also on 386 and arm, where it is 4 bytes."},

	// consensys/gnark-crypto: generated field arithmetic. The .s files of
	// field/asm/element_* are included by each field's package
	// (ecc/bw6-761/fp/element_arm64.s: #include
	// "../../../field/asm/element_12w/element_12w_arm64.s").
	{"github.com/consensys/gnark-crypto", "field/asm/element_12w/element_12w_arm64.s", "arm64", "framepointer", "mul", "frame pointer R29 is clobbered",
		"A REAL BUG (latent): the 12-word mul (bw6-761's fp on arm64), NOFRAME|NOSPLIT $0-24, uses R29 as a carry register and returns with it; Go code in the package calls it directly as ABI0 (go build -gcflags=-S: CALL fp.mul(SB) in (*Element).Mul and where it is inlined), so the caller runs on with a garbage frame pointer, and its next call saves it as the link that the execution tracer and the block and mutex profilers follow."},
	{"github.com/consensys/gnark-crypto", "field/asm/element_", "amd64", "prototype", "", "missing Go declaration",
		"field/asm/element_* are stand-in packages (asm.go: package asm, so that go mod vendor keeps the .s files the fields include); built on their own, their functions have no declarations. go vet reports them too."},
	{"github.com/consensys/gnark-crypto", "field/asm/element_", "amd64", "stackmap", "", "without an argument pointer map",
		"the same stand-in packages: mul, fromMont and MulBy13 have arguments and a stack check but no declaration; nothing calls them there."},
	{"github.com/consensys/gnark-crypto", "_amd64.s", "amd64", "vzeroupper", "", "RET with dirty upper halves",
		"the AVX-512 and IFMA code (babybear, koalabear, mamabear, element_31b) has no VZEROUPPER anywhere in the module."},

	// mmcloughlin/avo: examples and tests generated without a build
	// constraint, so the go command assembles them for every GOARCH.
	{"github.com/mmcloughlin/avo", "examples/ext/ext.s", "386", "argsize", "StructFieldB", "wrong argument size 25; expected $...-17",
		"ext.s has no constraint and builds on 386 (GOARCH=386 go build), where ext.Struct is smaller: go vet with GOARCH=386 reports it too."},
	{"github.com/mmcloughlin/avo", "examples/ext/ext.s", "386", "fpoffset", "StructFieldB", "invalid offset ret+24(FP); expected ret+16(FP)", "the same file on 386."},
	{"github.com/mmcloughlin/avo", "examples/ext/ext.s", "386", "results", "StructFieldB", "RET without writing to 1-byte ret+16(FP)", "the same file on 386: the store goes to 24(FP), past the result."},
	{"github.com/mmcloughlin/avo", "tests/fixedbugs/issue195/issue195.s", "*", "argsize", "Issue195", "wrong argument size 12; expected $...-8",
		"a file with nothing but RET and no constraint: on the 32-bit arches (386, arm, mips, mipsle) its arguments are 8 bytes."},
	{"github.com/mmcloughlin/avo", ".s", "*", "vzeroupper", "", "RET with dirty upper halves", "examples/dot, tests/alloc/zeroing and tests/fixedbugs/issue65 return from AVX code without VZEROUPPER."},

	// gvisor.dev/gvisor: a guest kernel (ring0, entered from exception
	// vectors and SYSCALL, not from Go), signal-frame tricks (sigframe,
	// kvm's bluepill) and fault-tolerant copies (safecopy). What it
	// reports is deliberate there, but for one crash path.
	{"gvisor.dev/gvisor", "pkg/sentry/platform/kvm/bluepill_arm64.s", "arm64", "spalign", "dieTrampoline", "MOVD.P 8(RSP), an access based on SP, with SP moved up by 8 bytes",
		"A REAL BUG (latent, on a crash path): dieArchSetup points the host signal context's PC at dieTrampoline with the interrupted Go code's SP (16-byte aligned); MOVD.P R1, 8(RSP) stores and leaves SP 8 bytes off, so the second MOVD.P uses a misaligned SP as its base, which Linux's SCTLR_EL1.SA0 turns into SIGBUS instead of the simulated call to dieHandler."},
	{"gvisor.dev/gvisor", "_amd64.s", "amd64", "fpwidth", "", "invalid MOVL of ", "xgetbv, rdmsr and wrmsr move a 64-bit value as EAX and EDX, its two halves: right, and go vet reports them too."},
	{"gvisor.dev/gvisor", "_amd64.s", "amd64", "fpoffset", "", "+12(FP); expected ", "the high halves of the same values."},
	{"gvisor.dev/gvisor", "pkg/ring0/entry_arm64.s", "arm64", "fpoffset", "HaltEl1ExceptionAndResume", "unknown variable vector",
		"an exception trampoline declared without arguments that reads the vector its entry left above it (go vet reports it too)."},
	{"gvisor.dev/gvisor", "pkg/ring0/entry_amd64.s", "amd64", "framepointer", "", "frame pointer BP is clobbered", "start, sysenter and exception are guest-kernel entries, not called by Go code."},
	{"gvisor.dev/gvisor", "pkg/ring0/entry_amd64.s", "amd64", "stackmap", "start", "call to ·startGo with 8 bytes of locals and no locals pointer map",
		"start is a guest-kernel entry, jumped to with a stack the switch code prepared (\"First argument (CPU) already at bottom of stack\"), not a Go frame the runtime unwinds through."},
	{"gvisor.dev/gvisor", "pkg/ring0/entry_arm64.s", "arm64", "spslot", "", "writes the caller's",
		"HaltEl1*AndResume, El0_sync and El1_sync are guest-kernel exception entries whose stack the vector code prepared: the words above them are the outgoing arguments and register save area of that code, not a Go caller's frame."},
	{"gvisor.dev/gvisor", "pkg/ring0/entry_arm64.s", "arm64", "callargs", "", "but the frame has 0 bytes of locals",
		"as the spslot entry: HaltEl1SvcAndResume and HaltEl1ExceptionAndResume write the trampoline's arguments into the exception stack above them on purpose."},
	{"gvisor.dev/gvisor", "pkg/sigframe/sigframe_amd64.s", "amd64", "framepointer", "", "frame pointer BP is clobbered", "callWithSignalFrame builds a signal frame and retjmp takes BP back from it."},
	{"gvisor.dev/gvisor", "pkg/sigframe/sigframe_amd64.s", "amd64", "falloff", "callWithSignalFrame", "ends with a call to indirect", "the handler returns through the signal frame to retjmp, never to the call."},
	{"gvisor.dev/gvisor", "pkg/ring0/entry_arm64.s", "arm64", "falloff", "Shutdown", "runs off the end of Shutdown after HVC", "HVC with PSCI SYSTEM_OFF (0x84000009) does not return."},
	{"gvisor.dev/gvisor", "pkg/ring0/entry_arm64.s", "arm64", "reserved", "", "writes R18_PLATFORM, the platform register",
		"the guest kernel keeps its per-CPU pointer in R18; the file has no linux constraint, though nothing of the package builds elsewhere."},
	{"gvisor.dev/gvisor", "pkg/ring0/entry_arm64.s", "arm64", "reserved", "kernelExitToEl1", "writes g, the g register", "restores all registers on a return to guest kernel mode."},
	{"gvisor.dev/gvisor", "pkg/safecopy/mem", "*", "results", "", "RET without writing to 8-byte fault+",
		"memcpy and memclr document fault as unspecified when sig is 0: only the SIGSEGV/SIGBUS handler writes it."},
	{"gvisor.dev/gvisor", "pkg/safecopy/xrstor_amd64.s", "amd64", "results", "checkXstate", "RET without writing to 8-byte fault+",
		"as memcpy's: only the fault handler writes fault, and CheckXstate, the one caller, reads sig alone. Seen since FNCLEX written as BYTEs decodes to an instruction that cannot store into the frame."},
	{"gvisor.dev/gvisor", "pkg/sentry/platform/kvm/bluepill_arm64.s", "arm64", "callargs", "", "overwrite the caller's saved frame pointer",
		"sighandler and sigsysHandler are signal handlers entered by the kernel: the slot is the free stack below the signal frame, not a Go caller's."},
	{"gvisor.dev/gvisor", "pkg/ring0/entry_amd64.s", "amd64", "spbalance", "", "jump to ·exception with ", "exception vector stubs push the vector (and the error code) and jump to the common entry, which consumes them."},
	{"gvisor.dev/gvisor", "pkg/sentry/platform/kvm/bluepill_amd64.s", "amd64", "spbalance", "dieTrampoline", "jump to ·dieHandler with 16 bytes", "a simulated call: it pushes the vCPU and a fake return PC, then jumps."},
	{"gvisor.dev/gvisor", "pkg/ring0/entry_amd64.s", "amd64", "spslot", "", "writes the return address", "jumpToKernel and jumpToUser rewrite their return address to move to the other half of the address space."},

	// Older modules: declarations their assembly does not follow (go vet
	// reports all of them too).
	{"github.com/aead/poly1305", "poly1305_AVX2_amd64.s", "amd64", "argsize", "updateAVX2", "wrong argument size 24; expected $...-32", "$0-24 for a pointer and a slice."},
	{"github.com/aead/poly1305", "poly1305_AVX2_amd64.s", "amd64", "fpoffset", "finalizeAVX2", "unknown variable out", "the declaration calls it tag."},
	{"github.com/aead/poly1305", "poly1305_amd64.s", "amd64", "prototype", "supportsAVX2", "missing Go declaration",
		"a leftover: the Go code asks golang.org/x/sys/cpu, and the body reads runtime·support_avx2, which the runtime no longer has."},
	{"github.com/minio/blake2b-simd", "_amd64.s", "amd64", "fpoffset", "", "unknown variable message", "message and message_len for p_base and p_len: the offsets are right."},
	{"github.com/minio/blake2b-simd", "_amd64.s", "amd64", "fpoffset", "", "invalid offset t+96(FP)", "loads f_base (the comment says &f) under the name t."},
	{"github.com/templexxx/xor", "_amd64.s", "amd64", "fpoffset", "", "unknown variable ", "len and vec for the declarations' size, src0_len, dst_len and src_len: the offsets are right."},
	{"github.com/dgryski/go-sip13", "sip13_amd64.s", "amd64", "framepointer", "", "frame pointer BP is clobbered",
		"A REAL BUG (latent): Sum64 and Sum64Str ($0, no calls) use BP for a SipHash constant and return without restoring it, so the caller runs on with a garbage frame pointer (go vet's framepointer reports both too)."},
	// keybase/go-crypto: a 2020 fork of golang.org/x/crypto.
	{"github.com/keybase/go-crypto", "poly1305/poly1305_arm.s", "arm", "reserved", "", "writes g, the g register",
		"A REAL BUG (in a fork): the 2015 poly1305 code for arm, translated from C, uses R10, which is g on arm, as a scratch register between saving and restoring R4–R11; a signal that arrives meanwhile (SIGURG for preemption, SIGPROF) runs the runtime's handler, which takes g from R10 when cgo is not in use (runtime/sys_linux_arm.s, sigtramp). golang.org/x/crypto has since dropped the arm assembly."},
}

// realWorldBugs put historic bugs back into realWorldModules: TestRealWorld
// applies each edit (old → new in file) to its module and expects a
// diagnostic that contains want.
var realWorldBugs = []struct{ mod, file, old, new, want string }{
	// ebitengine/purego#165: callbackasm1, entered from C, loaded a Go
	// symbol (which the assembler expands through R27) without saving
	// R27, which AAPCS64 makes callee-saved; the fix saves it with LR.
	{"github.com/ebitengine/purego", "sys_unix_arm64.s",
		"\tSTP (R27, R30), 0(RSP)", "\tMOVD R30, 8(RSP)",
		"[arm64] callbackasm1: this MOVD, which the assembler expands through REGTMP (R27), clobbers callee-saved R27"},
	// minio/md5-simd#5: block8 returned from AVX2 code without
	// VZEROUPPER, and the SSE code after it ran slower.
	{"github.com/minio/md5-simd", "block8_amd64.s", "\tVZEROUPPER\n\tRET", "\tRET",
		"[amd64] block8: RET with dirty upper halves of the YMM/ZMM registers"},
	// hashtree-bindings' amd64 wrapper moves SP up into its 2 KB frame
	// before calling C: without that, the C code's stack grows below the
	// frame, as in its arm64 wrapper (cstack's reservation rule).
	{"github.com/pk910/hashtree-bindings", "wrapper_linux_amd64.s", "ADDQ $2048, SP", "NOP",
		"[amd64] HashtreeHash: call to the C function hashtree_sha256_avx_x1 on the goroutine stack"},
	// A 16-byte constant read as 32 bytes: bytedance/gopkg's xxhash3
	// prime, widened from its 8-byte broadcast to a 32-byte load.
	{"github.com/bytedance/gopkg", "util/xxhash3/avx2_amd64.s", "VPBROADCASTQ prime_avx<>+0(SB), Y0", "VMOVDQU prime_avx<>+0(SB), Y0",
		"[amd64] accumAVX2: VMOVDQU prime_avx<>+0(SB) reads 32 bytes, but prime_avx<> is 4 bytes"},
}

// TestRealWorld runs asmcheck on widely used modules and checks that it
// reports nothing but the reviewed findings above, and all of them:
//
//	go test ./cmd/asmcheck -run RealWorld -realworld -v
func TestRealWorld(t *testing.T) {
	if !*realWorld {
		t.Skip("downloads modules; run with -realworld")
	}
	bin := buildTool(t)
	seen := make([]bool, len(realWorldReviewed))
	ran := map[string]bool{}
	for _, mv := range realWorldModules {
		mod, _, _ := strings.Cut(mv, "@")
		t.Run(mod, func(t *testing.T) {
			ran[mod] = true
			out, err := exec.Command("go", "mod", "download", "-json", mv).Output()
			if err != nil {
				t.Fatalf("go mod download %s: %v", mv, err)
			}
			var info struct{ Dir string }
			if err := json.Unmarshal(out, &info); err != nil || info.Dir == "" {
				t.Fatalf("go mod download %s: %v\n%s", mv, err, out)
			}
			// A writable copy: loading may add to go.sum.
			dir := copyTree(t, info.Dir)
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
				if out, code := runIn(t, dir, []string{"GOWORK=off"}, "go", "mod", "init", mod); code != 0 {
					t.Fatalf("go mod init %s:\n%s", mod, out)
				}
			}
			got, code := runIn(t, dir, []string{"GOFLAGS=-mod=mod", "GOWORK=off"}, bin, "-json", "./...")
			if code == 2 {
				t.Fatalf("exit 2:\n%s", got)
			}
			// Notes about skipped targets come before the JSON.
			var fs []finding
			i := strings.Index(got, "\n[")
			if strings.HasPrefix(got, "[") {
				i = -1
			}
			if err := json.Unmarshal([]byte(got[i+1:]), &fs); err != nil {
				t.Fatalf("exit %d, no JSON (%v):\n%s", code, err, got)
			}
			n := 0
			for _, f := range fs {
				rel, _ := filepath.Rel(dir, f.File)
				rel = filepath.ToSlash(rel)
				k := matchReviewed(mod, rel, f)
				if k < 0 {
					t.Errorf("%s:%d:%d: %s", rel, f.Line, f.Col, f.Message)
					continue
				}
				seen[k] = true
				n++
			}
			t.Logf("%d findings, all reviewed: %d", len(fs), n)
			for _, b := range realWorldBugs {
				if b.mod != mod {
					continue
				}
				name := filepath.Join(dir, b.file)
				src, err := os.ReadFile(name)
				if err != nil || !strings.Contains(string(src), b.old) {
					t.Fatalf("%s: cannot put the bug back: %q not found (%v)", b.file, b.old, err)
				}
				if err := os.WriteFile(name, []byte(strings.Replace(string(src), b.old, b.new, 1)), 0o666); err != nil {
					t.Fatal(err)
				}
				got, _ := runIn(t, dir, []string{"GOFLAGS=-mod=mod", "GOWORK=off"}, bin, "./...")
				got = goosTag.ReplaceAllString(got, "[")
				if !strings.Contains(got, b.want) {
					t.Errorf("%s with %q: no diagnostic %q:\n%s", b.file, b.new, b.want, got)
				}
				os.WriteFile(name, src, 0o666)
			}
		})
	}
	for k, r := range realWorldReviewed {
		if ran[r.mod] && !seen[k] {
			t.Errorf("reviewed finding no longer reported: %s %s [%s] %s %s %q", r.mod, r.file, r.arch, r.check, r.fn, r.msg)
		}
	}
}

// goosTag matches the GOOS part of a message's "[linux,windows/386] ".
var goosTag = regexp.MustCompile(`\[[a-z0-9,]+/`)

// matchReviewed returns the index of the entry of realWorldReviewed that
// f, in file rel of module mod, matches, or -1.
func matchReviewed(mod, rel string, f finding) int {
	for k, r := range realWorldReviewed {
		arch := r.arch
		if arch == "*" {
			arch = f.Arch
		}
		fn := r.fn
		if fn != "" {
			fn = "[" + arch + "] " + fn + ": "
		}
		msg := strings.Replace(f.Message, "["+f.GOOS+"/", "[", 1) // [linux/386] where 386 is checked for several GOOS
		if r.mod == mod && strings.Contains(rel, r.file) && f.Arch == arch && f.Check == r.check &&
			strings.HasPrefix(msg, "["+arch+"] ") && strings.Contains(msg, fn) && strings.Contains(msg, r.msg) {
			return k
		}
	}
	return -1
}
