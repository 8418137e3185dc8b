package frame

import (
	"fmt"
)

// amd64: registers and instruction effects.
//
// Register names are those of cmd/internal/obj/x86/list6.go (Register).
// AL/AH/AX all live in the unit AX; X0/Y0/Z0 in the unit X0 (64 bytes);
// g is R14 (cmd/asm/internal/arch/arch.go). The instruction table is
// shared with 386: x86.go, x86table.go (generated), at 8-byte pointers.

func amd64Regs() *RegFile {
	rf := newRegFile()
	gp := []string{"AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI"}
	low := []string{"AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB"}
	for i, n := range gp {
		r := rf.unit(n, ClassGP, 8)
		rf.alias(low[i], r, 0, 1)
		if i < 4 {
			rf.alias(string(n[0])+"H", r, 1, 1)
		}
	}
	for i := 8; i <= 15; i++ {
		r := rf.unit(fmt.Sprintf("R%d", i), ClassGP, 8)
		rf.alias(fmt.Sprintf("R%dB", i), r, 0, 1)
	}
	rf.alias("g", rf.Reg("R14"), 0, 0)
	for i := 0; i <= 31; i++ {
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
		rf.unit(n, ClassSpecial, 8)
	}
	rf.units("CR", 0, 15, ClassSpecial, 8)
	rf.units("DR", 0, 7, ClassSpecial, 8)
	rf.units("TR", 0, 7, ClassSpecial, 8)
	return rf
}

func init() {
	register("amd64", func() *Arch {
		a := newX86Arch("amd64", 8, amd64Regs())
		a.G = a.Regs.Reg("R14") // ABIInternal's g register
		return a
	})
}
