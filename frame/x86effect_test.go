package frame

import (
	"fmt"
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/asmcheck/asmcheck/asmparse"
)

// x86Lower lowers the statements of src (instructions only, one TEXT
// added before them) for arch.
func x86Lower(t *testing.T, arch, src string) []Inst {
	t.Helper()
	fset := token.NewFileSet()
	text := "#include \"textflag.h\"\nTEXT ·f(SB), NOSPLIT, $0-32\n" + src + "\n"
	f, err := asmparse.ParseFile(fset, "x.s", []byte(text), &asmparse.Config{GOARCH: arch})
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	a := ArchFor(arch)
	var out []Inst
	for i := range f.Stmts {
		if f.Stmts[i].Op != "TEXT" && f.Stmts[i].Op != "" {
			out = append(out, a.Lower(&f.Stmts[i], i))
		}
	}
	return out
}

// x86Regs describes register accesses as "AX", "AX:4" (size) or "AX+1:1"
// (offset and size), sorted.
func x86Regs(a *Arch, refs []RegRef) []string {
	var out []string
	for _, r := range refs {
		s := a.Regs.Name(r.Reg)
		if r.Off != 0 {
			s += fmt.Sprintf("+%d", r.Off)
		}
		if r.Size != 0 {
			s += fmt.Sprintf(":%d", r.Size)
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// x86Mems describes memory operands as "[r][w][a]size".
func x86Mems(e Inst) []string {
	var out []string
	for _, m := range e.Mem() {
		s := ""
		if m.Read {
			s += "r"
		}
		if m.Write {
			s += "w"
		}
		if m.Addr {
			s += "a"
		}
		out = append(out, fmt.Sprintf("%s%d", s, m.Size))
	}
	return out
}

// An x86Case is one statement and what its Effect must say; empty fields
// are not checked.
type x86Case struct {
	arch, src     string
	reads, writes string // x86Regs, space separated, in order
	mem           string // x86Mems, space separated
	flow          Flow
	sp            string // "kind/delta/align tracked spwrite", see x86SP
	attrs         Attr
	unknown       bool
}

// x86SP describes an SPChange.
func x86SP(c SPChange) string {
	kinds := []string{"none", "delta", "align", "unknown"}
	return fmt.Sprintf("%s/%d/%d %v %v", kinds[c.Kind], c.Delta, c.Align, c.Tracked, c.SPWrite)
}

var x86Cases = []x86Case{
	// Memory widths against Go types.
	{src: "MOVL x+0(FP), AX", mem: "r4", writes: "AX:4"},
	{src: "MOVQ AX, ret+8(FP)", mem: "w8", reads: "AX:8"},
	{src: "MOVB AH, ret+8(FP)", mem: "w1", reads: "AX+1:1"},
	{src: "MOVWLZX x+0(FP), AX", mem: "r2"},
	{src: "MOVQ X0, ret+8(FP)", mem: "w8"},
	{src: "MOVQ x+0(FP), X0", mem: "r8", writes: "X0:8"},
	{src: "MOVL X0, AX", reads: "X0:4", writes: "AX:4"},
	{src: "MOVD AX, X0", reads: "AX:8", writes: "X0:8"}, // MOVD is MOVQ
	{src: "MOVL X0, ret+8(FP)", mem: "w4"},
	{src: "MOVSD x+0(FP), X0", mem: "r8", reads: "", writes: "X0:16"},
	{src: "MOVSD X1, X0", reads: "X0:16 X1:16", writes: "X0:16"},
	{src: "MOVSS X0, ret+8(FP)", mem: "w4"},
	{src: "MOVOU (AX), X1", mem: "r16"},
	{src: "PEXTRD $1, X0, ret+8(FP)", mem: "w4", reads: "X0:16"},
	{src: "PINSRD $1, x+0(FP), X0", mem: "r4", reads: "X0:16", writes: "X0:16"},
	{src: "PINSRQ $1, AX, X0", reads: "AX:8 X0:16", writes: "X0:16"},
	{src: "CVTSL2SD x+0(FP), X0", mem: "r4"},
	{src: "CVTSQ2SD x+0(FP), X0", mem: "r8"},
	{src: "CVTTSD2SQ X0, AX", reads: "X0:8", writes: "AX:8"},
	{src: "CVTSD2SL x+0(FP), AX", mem: "r8", writes: "AX:4"},
	{src: "CVTPS2PL (AX), X0", mem: "r16"},
	{src: "CVTPS2PL (AX), M0", mem: "r8"},
	{src: "PUNPCKLBW (AX), M1", mem: "r4"},
	{src: "PUNPCKLBW (AX), X1", mem: "r16"},
	{src: "FMOVD x+0(FP), F0", mem: "r8"},
	{src: "FMOVF F0, ret+8(FP)", mem: "w4"},
	{src: "FMOVX (AX), F0", mem: "r10"},
	{src: "FSTCW (SP)", mem: "w2"},
	{src: "KMOVW K1, ret+8(FP)", mem: "w2"},
	{src: "MOVBEQ (AX), BX", mem: "r8"},

	// Vector lengths, broadcast, masking.
	{src: "VMOVDQU (AX), Y1", mem: "r32", writes: "X1:32", attrs: AttrWide},
	{src: "VMOVDQU (AX), X1", mem: "r16", writes: "X1:16"},
	{src: "VMOVDQU64 (AX), Z1", mem: "r64", attrs: AttrWide},
	{src: "VMOVDQU Y1, (AX)", mem: "w32"},
	{src: "VADDPD (AX), Y1, Y2", mem: "r32"},
	{src: "VADDPD.BCST (AX), Z1, Z2", mem: "r8"},
	{src: "VADDPS.BCST (AX), Z1, K1, Z2", mem: "r4", reads: "AX K1 X1:64 X2:64"},
	{src: "VPERMB Z4, Z6, Z0", reads: "X4:64 X6:64", writes: "X0:64"},
	{src: "VPERMB Z4, Z6, K1, Z0", reads: "K1 X0:64 X4:64 X6:64"},
	{src: "VPERMB.Z Z4, Z6, K1, Z0", reads: "K1 X4:64 X6:64"},
	{src: "VPTERNLOGD $0x96, Z1, Z2, Z3", reads: "X1:64 X2:64 X3:64", writes: "X3:64"},
	{src: "VPBROADCASTQ x+0(FP), Y0", mem: "r8"},
	{src: "VPMOVZXBQ (AX), Z1", mem: "r8"},
	{src: "VPMOVZXBQ (AX), Y1", mem: "r4"},
	{src: "VPMOVQB Z1, (AX)", mem: "w8"},
	{src: "VCVTPS2PD (AX), Z1", mem: "r32"},
	{src: "VCVTPD2PSY (AX), X1", mem: "r32"},
	{src: "VEXTRACTI128 $1, Y1, (AX)", mem: "w16"},
	{src: "VINSERTI128 $1, (AX), Y1, Y2", mem: "r16"},
	{src: "VMOVDDUP (AX), X1", mem: "r8"},
	{src: "VMOVDDUP (AX), Y1", mem: "r32"},
	{src: "VCOMPRESSPD Z1, K1, (AX)", mem: "w64"},
	{src: "VPGATHERDD (AX)(Z1*4), K1, Z2", mem: "r64"},
	{src: "VGATHERQPS (AX)(X4*1), K2, X11", mem: "r8"},
	{src: "VPGATHERDQ X1, (AX)(X2*8), X3", mem: "r16", writes: "X1:16 X3:16"},
	{src: "VZEROUPPER", attrs: AttrVZeroUpper, writes: "X0+16:48 X1+16:48 X10+16:48 X11+16:48 X12+16:48 X13+16:48 X14+16:48 X15+16:48 X2+16:48 X3+16:48 X4+16:48 X5+16:48 X6+16:48 X7+16:48 X8+16:48 X9+16:48"},
	{src: "VZEROALL", attrs: AttrVZeroUpper},

	// Implicit registers.
	{src: "MULQ BX", reads: "AX BX:8", writes: "AX DX"},
	{src: "MULB BL", reads: "AX:1 BX:1", writes: "AX"},
	{src: "IMULQ BX", reads: "AX BX:8", writes: "AX DX"},
	{src: "IMULQ BX, CX", reads: "BX:8 CX:8", writes: "CX:8"},
	{src: "IMUL3Q $3, BX, CX", reads: "BX:8", writes: "CX:8"},
	{src: "DIVQ BX", reads: "AX BX:8 DX", writes: "AX DX"},
	{src: "IDIVL x+0(FP)", mem: "r4", reads: "AX DX", writes: "AX DX"},
	{src: "CQO", reads: "AX", writes: "DX"},
	{src: "CDQ", reads: "AX", writes: "DX"},
	{src: "CPUID", reads: "AX CX", writes: "AX BX CX DX"},
	{src: "RDTSC", writes: "AX DX"},
	{src: "RDTSCP", writes: "AX CX DX"},
	{src: "XGETBV", reads: "CX", writes: "AX DX"},
	{src: "MULXQ BX, CX, SI", reads: "BX:8 DX", writes: "CX:8 SI:8"}, // SI:CX = DX * BX
	{src: "REP", reads: "CX", writes: "CX"},
	{src: "MOVSQ", reads: "DI SI", writes: "DI SI"},
	{src: "STOSB", reads: "AX DI", writes: "DI"},
	{src: "CMPXCHGQ CX, (DI)", mem: "rw8", reads: "AX CX:8 DI", writes: "AX"},
	{src: "CMPXCHG16B (DI)", mem: "rw16", reads: "AX BX CX DI DX", writes: "AX DX"},
	{src: "XCHGQ AX, (BX)", mem: "rw8", attrs: AttrBarrier},
	{src: "XCHGQ AX, BX", reads: "AX:8 BX:8", writes: "AX:8 BX:8"},
	{src: "XADDL AX, (BX)", mem: "rw4", writes: "AX:4"},
	{src: "LOCK", attrs: AttrBarrier},
	{src: "SHLQ CX, AX", reads: "AX:8 CX:1", writes: "AX:8"},
	{src: "SHLQ $3, DX, AX", reads: "AX:8 DX:8", writes: "AX:8"},
	{src: "SETEQ ret+8(FP)", mem: "w1"},
	{src: "PCMPESTRI $0x0c, (SI), X0", reads: "AX DX SI X0:16", writes: "CX"},
	{src: "SYSCALL", reads: "AX DI DX R10 R8 R9 SI", writes: "AX CX R11", attrs: AttrSyscall},
	{src: "POPCNTQ x+0(FP), AX", mem: "r8", writes: "AX:8"},
	{src: "LEAQ x+8(FP), AX", mem: "a0", writes: "AX:8"},
	{src: "PREFETCHT0 (AX)", mem: "a0"},
	{src: "NOPL (AX)", mem: "a0"},

	// Control flow.
	{src: "CALL AX", flow: FlowCall, reads: "AX"},
	{src: "CALL (AX)", flow: FlowCall, mem: "r8"},
	{src: "JMP AX", flow: FlowIndirect},
	{src: "JMP (AX)(CX*8)", flow: FlowIndirect, mem: "r8"},
	{src: "JMP ·g(SB)", flow: FlowTailCall},
	{src: "RET ·g(SB)", flow: FlowTailCall},
	{src: "RET", flow: FlowReturn},
	{src: "JEQ 2(PC)", flow: FlowCondJump},
	{src: "JZ 2(PC)", flow: FlowCondJump},
	{src: "JCXZQ 2(PC)", flow: FlowCondJump, reads: "CX"},
	{src: "LOOP 2(PC)", flow: FlowCondJump, reads: "CX", writes: "CX"},
	{src: "XBEGIN 2(PC)", flow: FlowCondJump, writes: "AX"},
	{src: "INT $3", flow: FlowHalt, attrs: AttrTrap},
	{src: "UD2", flow: FlowHalt, attrs: AttrTrap},
	{src: "UNDEF", flow: FlowHalt, attrs: AttrTrap},
	{src: "HLT", flow: FlowHalt, attrs: AttrTrap},
	{arch: "386", src: "INT $0x80", flow: FlowNext, attrs: AttrSyscall, reads: "AX BP BX CX DI DX SI", writes: "AX"},
	{src: "BYTE $0xcc", attrs: AttrData, unknown: true},
	{src: "QUAD $0", attrs: AttrData, unknown: true},

	// The stack pointer.
	{src: "PUSHQ AX", sp: "delta/-8/0 true false"},
	{src: "POPQ AX", sp: "delta/8/0 true false"},
	{src: "PUSHFQ", sp: "delta/-8/0 true false"},
	{src: "PUSHW AX", sp: "delta/-2/0 true false"},
	{src: "ADJSP $16", sp: "delta/-16/0 true false"},
	{src: "ADJSP $-16", sp: "delta/16/0 true false"},
	{src: "SUBQ $8, SP", sp: "delta/-8/0 false true"},
	{src: "ADDQ $8, SP", sp: "delta/8/0 false true"},
	{src: "ANDQ $~15, SP", sp: "align/0/16 false true"},
	{src: "LEAQ 16(SP), SP", sp: "delta/16/0 false true"},
	{src: "LEAQ -8(SP), SP", sp: "delta/-8/0 false true"},
	{src: "LEAQ x-8(SP), SP", sp: "unknown/0/0 false true"},
	{src: "MOVQ AX, SP", sp: "unknown/0/0 false true"},
	{src: "XCHGQ AX, SP", sp: "unknown/0/0 false true"},
	{src: "TESTQ $15, SP", sp: "none/0/0 false true"},
	{src: "CMPQ AX, SP", sp: "none/0/0 false false"},
	{src: "MOVQ SP, AX", sp: "none/0/0 false false"},
	{src: "LEAVEQ", sp: "unknown/0/0 false false", reads: "BP", writes: "BP SP"},
	{arch: "386", src: "PUSHL AX", sp: "delta/-4/0 true false"},
	{arch: "386", src: "ADDL $8, SP", sp: "delta/8/0 false true"},
	{arch: "386", src: "PUSHAL", sp: "delta/-32/0 false false"},
	{arch: "386", src: "MOVL x+0(FP), AX", mem: "r4"},
	{arch: "386", src: "MOVQ X0, ret+8(FP)", mem: "w8"},
	{arch: "386", src: "VZEROUPPER", writes: "X0+16:48 X1+16:48 X2+16:48 X3+16:48 X4+16:48 X5+16:48 X6+16:48 X7+16:48"},
}

// TestX86Effects checks the Effects the table gives the instructions that
// matter most to the checks.
func TestX86Effects(t *testing.T) {
	for _, c := range x86Cases {
		arch := c.arch
		if arch == "" {
			arch = "amd64"
		}
		t.Run(arch+" "+c.src, func(t *testing.T) {
			es := x86Lower(t, arch, c.src)
			if len(es) != 1 {
				t.Fatalf("got %d statements", len(es))
			}
			e := es[0]
			a := ArchFor(arch)
			if e.Known == c.unknown {
				t.Errorf("Known = %v", e.Known)
			}
			check := func(what, want string, got []string) {
				if want != "" && strings.Join(got, " ") != want {
					t.Errorf("%s = %q, want %q", what, strings.Join(got, " "), want)
				}
			}
			reads := x86Regs(a, e.Reads())
			for _, m := range e.Mem() {
				if m.Base == BaseFP || m.Base == BasePseudoSP {
					// FP and pseudo-SP operands read the hardware SP;
					// the cases list the other reads.
					reads = slices.DeleteFunc(reads, func(r string) bool { return r == "SP" })
				}
			}
			check("reads", c.reads, reads)
			check("writes", c.writes, x86Regs(a, e.Writes()))
			check("mem", c.mem, x86Mems(e))
			if c.flow != FlowNext && e.Flow != c.flow {
				t.Errorf("flow = %s, want %s", e.Flow, c.flow)
			}
			if c.sp != "" && x86SP(e.SP) != c.sp {
				t.Errorf("SP = %s, want %s", x86SP(e.SP), c.sp)
			}
			if e.Attrs&c.attrs != c.attrs {
				t.Errorf("attrs = %b, want %b", e.Attrs, c.attrs)
			}
			if c.attrs&AttrWide == 0 && e.Attrs&AttrWide != 0 && !strings.Contains(c.src, "Y") && !strings.Contains(c.src, "Z") {
				t.Errorf("AttrWide without a Y or Z register")
			}
		})
	}
}

// TestX86RepMovs checks that REP; MOVSB lowers to two known statements.
func TestX86RepMovs(t *testing.T) {
	es := x86Lower(t, "amd64", "\tREP; MOVSB")
	if len(es) != 2 || !es[0].Known || !es[1].Known {
		t.Fatalf("REP; MOVSB: %v", es)
	}
}
