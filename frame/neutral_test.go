package frame

import "testing"

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
	} {
		fns := lowerSrc(t, c.arch, "TEXT ·f(SB), 0, $16-0\n\t"+c.body+"\n\tRET\n")
		if got := fns[0].Layout().Exact; got != c.exact {
			t.Errorf("%s %q: Exact %v, want %v", c.arch, c.body, got, c.exact)
		}
	}
}
