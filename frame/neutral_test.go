package frame

import (
	"testing"

	"github.com/asmcheck/asmcheck/asmparse"
)

// TestNeutralData checks which data directives leave a function's layout
// exact: those whose bytes decode to instructions that neither transfer
// control nor move the stack pointer (on x86, SP may address memory:
// golang/snappy's encodeBlock writes its table accesses as BYTEs).
func TestNeutralData(t *testing.T) {
	for _, c := range []struct {
		arch, body string
		exact      bool
	}{
		{"amd64", "BYTE $0x90", true},                                                 // nop
		{"amd64", "BYTE $0x0f; BYTE $0x1f; BYTE $0x00", true},                         // nopl (rax): one instruction over three statements
		{"amd64", "LONG $0xc0fefdc5", true},                                           // vpaddd ymm0, ymm0, ymm0 (VEX)
		{"amd64", "BYTE $0x50", false},                                                // push rax
		{"amd64", "BYTE $0xe8; LONG $0", false},                                       // call rel32
		{"amd64", "BYTE $0x48; BYTE $0x89; BYTE $0x04; BYTE $0x24", true},             // mov [rsp], rax
		{"amd64", "BYTE $0x48; BYTE $0x8d; BYTE $0x44; BYTE $0x24; BYTE $0x08", true}, // lea rax, [rsp+8]
		{"amd64", "BYTE $0x48; BYTE $0x89; BYTE $0xc4", false},                        // mov rsp, rax
		{"amd64", "BYTE $0x0f", false},                                                // an instruction cut short
		{"amd64", "VADDPD Y0, Y0, Y0", true},                                          // no data at all
		{"arm64", "WORD $0xd503201f", true},                                           // nop
		{"arm64", "WORD $0xd10043ff", false},                                          // sub sp, sp, #16
		{"arm64", "WORD $0x94000000", false},                                          // bl
		{"arm64", "WORD $0xcec08660", true},                                           // sm4e v0.4s, v19.4s: arm64asm does not decode it
		{"arm64", "WORD $0xce031041", true},                                           // eor3 v1.16b, v2.16b, v3.16b, v4.16b
		{"arm64", "WORD $0x3dc007e0", true},                                           // ldr q0, [sp, #16]: SP only as a base
		{"arm64", "WORD $0xf8616be2", true},                                           // ldr x2, [sp, x1]
		{"arm64", "WORD $0xf81f0fe0", false},                                          // str x0, [sp, #-16]!: moves SP
	} {
		fns := lowerSrc(t, c.arch, "TEXT ·f(SB), 0, $16-0\n\t"+c.body+"\n\tRET\n")
		if got := fns[0].Layout().Exact; got != c.exact {
			t.Errorf("%s %q: Exact %v, want %v", c.arch, c.body, got, c.exact)
		}
	}
}

// TestArm64CryptoWord checks arm64CryptoWord on an encoding of each
// instruction it knows, as GNU objdump (aarch64) disassembles them, and on
// encodings next to them that are something else.
func TestArm64CryptoWord(t *testing.T) {
	for word, want := range map[uint32]string{
		0xcec08660: "SM4E", 0xce62c820: "SM4EKEY", 0xce431041: "SM3SS1", 0xce438041: "SM3TT1A",
		0xce439441: "SM3TT1B", 0xce438841: "SM3TT2A", 0xce438c41: "SM3TT2B", 0xce63c041: "SM3PARTW1",
		0xce63c441: "SM3PARTW2", 0xce638041: "SHA512H", 0xce638441: "SHA512H2", 0xcec08041: "SHA512SU0",
		0xce638841: "SHA512SU1", 0xce031041: "EOR3", 0xce231041: "BCAX", 0xce638c41: "RAX1", 0xce832841: "XAR",
		0xd503201f: "", // nop
		0xcec08841: "", // undefined, between SHA512SU0 and SM4E
		0x94000000: "", // bl
	} {
		s := &asmparse.Stmt{Op: "WORD", Args: []asmparse.Operand{{Kind: asmparse.ImmOp, Val: int64(word)}}}
		if got := arm64CryptoWord(s); got != want {
			t.Errorf("WORD $%#x: %q, want %q", word, got, want)
		}
	}
}
