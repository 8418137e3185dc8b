package asmparse

// builtinHeaders are the headers that `go build` makes available to every
// assembly file through `-I $GOROOT/pkg/include`, so that asmcheck can
// resolve them without reading GOROOT (under `go vet` they are not among
// the files a tool may read). The values are those of runtime/textflag.h,
// runtime/funcdata.h, runtime/asm_amd64.h, runtime/asm_ppc64x.h and
// runtime/asm_riscv64.h in go1.26; TestBuiltinHeaders compares every
// definition with the files of the installed toolchain.
var builtinHeaders = map[string]string{
	"textflag.h": `
#define NOPROF 1
#define DUPOK 2
#define NOSPLIT 4
#define RODATA 8
#define NOPTR 16
#define WRAPPER 32
#define NEEDCTXT 64
#define TLSBSS 256
#define NOFRAME 512
#define REFLECTMETHOD 1024
#define TOPFRAME 2048
#define ABIWRAPPER 4096
`,
	"funcdata.h": `
#define PCDATA_UnsafePoint 0
#define PCDATA_StackMapIndex 1
#define PCDATA_InlTreeIndex 2
#define PCDATA_ArgLiveIndex 3
#define PCDATA_PanicBounds 4
#define FUNCDATA_ArgsPointerMaps 0
#define FUNCDATA_LocalsPointerMaps 1
#define FUNCDATA_StackObjects 2
#define FUNCDATA_InlTree 3
#define FUNCDATA_OpenCodedDeferInfo 4
#define FUNCDATA_ArgInfo 5
#define FUNCDATA_ArgLiveInfo 6
#define FUNCDATA_WrapInfo 7
#define GO_ARGS FUNCDATA $FUNCDATA_ArgsPointerMaps, go_args_stackmap(SB)
#define GO_RESULTS_INITIALIZED PCDATA $PCDATA_StackMapIndex, $1
#define NO_LOCAL_POINTERS FUNCDATA $FUNCDATA_LocalsPointerMaps, no_pointers_stackmap(SB)
#define ArgsSizeUnknown 0x80000000
`,
	"asm_amd64.h": `
#ifdef GOAMD64_v2
#define hasPOPCNT
#define hasSSE42
#endif
#ifdef GOAMD64_v3
#define hasAVX
#define hasAVX2
#define hasPOPCNT
#define hasSSE42
#endif
#ifdef GOAMD64_v4
#define hasAVX
#define hasAVX2
#define hasAVX512F
#define hasAVX512BW
#define hasAVX512VL
#define hasPOPCNT
#define hasSSE42
#endif
`,
	"asm_ppc64x.h": `
#define FIXED_FRAME 32
#ifdef GOOS_aix
#ifdef GOARCH_ppc64
#define GO_PPC64X_HAS_FUNCDESC
#define DEFINE_PPC64X_FUNCDESC(funcname, localfuncname) \
	DATA funcname+0(SB)/8, $localfuncname(SB) \
	DATA funcname+8(SB)/8, $TOC(SB) \
	DATA funcname+16(SB)/8, $0 \
	GLOBL funcname(SB), NOPTR, $24
#endif
#endif
#ifdef GOOS_linux
#ifdef GOARCH_ppc64
#define GO_PPC64X_HAS_FUNCDESC
#define DEFINE_PPC64X_FUNCDESC(funcname, localfuncname) \
	TEXT funcname(SB),NOSPLIT|NOFRAME,$0 \
		DWORD $localfuncname(SB) \
		DWORD $0 \
		DWORD $0
#endif
#endif
`,
	"asm_riscv64.h": `
#ifdef GORISCV64_rva22u64
#define hasZba
#define hasZbb
#define hasZbs
#endif
#ifdef GORISCV64_rva23u64
#define hasV
#define hasZba
#define hasZbb
#define hasZbs
#define hasZfa
#define hasZicond
#endif
`,
}
