package frame

import (
	"fmt"
)

// 386: registers and instruction effects.
//
// The register file is amd64's without R8–R15 and g (the 386 runtime
// keeps g in TLS), with eight vector registers X0–X7 (Y0–Y7, Z0–Z7 in
// the same units): cmd/internal/obj/x86/list6.go names more, but only
// these can be encoded in 32-bit mode. SP is the hardware stack pointer
// (ESP). The instruction table is amd64's (x86.go) at 4-byte pointers:
// CALL pushes 4 bytes, ADDL/SUBL/ANDL $c, SP move SP, PUSHL/POPL are the
// tracked stack operations.

func regs386() *RegFile {
	rf := newRegFile()
	gp := []string{"AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI"}
	low := []string{"AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB"}
	for i, n := range gp {
		r := rf.unit(n, ClassGP, 4)
		rf.alias(low[i], r, 0, 1)
		if i < 4 {
			rf.alias(string(n[0])+"H", r, 1, 1)
		}
	}
	for i := 0; i <= 7; i++ {
		r := rf.unit(fmt.Sprintf("X%d", i), ClassVec, 64)
		rf.alias(fmt.Sprintf("X%d", i), r, 0, 16)
		rf.alias(fmt.Sprintf("Y%d", i), r, 0, 32)
		rf.alias(fmt.Sprintf("Z%d", i), r, 0, 64)
	}
	rf.units("K", 0, 7, ClassMask, 8)
	for i := 0; i <= 7; i++ {
		r := rf.unit(fmt.Sprintf("F%d", i), ClassX87, 10)
		rf.alias(fmt.Sprintf("M%d", i), r, 0, 8)
	}
	for _, n := range []string{"CS", "SS", "DS", "ES", "FS", "GS", "GDTR", "IDTR", "LDTR", "MSW", "TASK", "TLS"} {
		rf.unit(n, ClassSpecial, 4)
	}
	rf.units("CR", 0, 15, ClassSpecial, 4)
	rf.units("DR", 0, 7, ClassSpecial, 4)
	rf.units("TR", 0, 7, ClassSpecial, 4)
	return rf
}

func init() { register("386", func() *Arch { return newX86Arch("386", 4, regs386()) }) }
