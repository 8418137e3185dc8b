package frame

import (
	"fmt"

	"github.com/asmcheck/asmcheck/abi"
)

// amd64: registers and instruction effects.
//
// Register names are those of cmd/internal/obj/x86/list6.go (Register).
// AL/AH/AX all live in the unit AX; X0/Y0/Z0 in the unit X0 (64 bytes);
// g is R14 (cmd/asm/internal/arch/arch.go).

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
	rf := amd64Regs()
	a := &Arch{
		Name:     "amd64",
		ABI:      abi.ArchFor("amd64"),
		Regs:     rf,
		SP:       rf.Reg("SP"),
		FP:       rf.Reg("BP"),
		G:        rf.Reg("R14"),
		Complete: true,
		Ops:      x86Ops(8),
	}
	register(a)
}

// x86Ops returns the instruction table shared by 386 and amd64; ptr is the
// pointer size (CALL pushes ptr bytes, PUSHL/PUSHQ …).
func x86Ops(ptr int) map[string][]Form {
	ops := map[string][]Form{
		"JMP":  {{N: 1, Args: "t", Flow: FlowJump}},
		"CALL": {{N: 1, Args: "t", Flow: FlowCall}},
		"RET":  {{N: 0, Flow: FlowReturn}, {N: 1, Args: "t", Flow: FlowReturn}},
		"UD2":  {{N: 0, Flow: FlowHalt, Attr: AttrTrap}},

		"LEAQ":    {{N: 2, Args: "a,w8"}},
		"LEAL":    {{N: 2, Args: "a,w4"}},
		"PUSHQ":   {{N: 1, Args: "r8", SP: -8}},
		"POPQ":    {{N: 1, Args: "w8", SP: 8}},
		"PUSHL":   {{N: 1, Args: "r4", SP: -4}},
		"POPL":    {{N: 1, Args: "w4", SP: 4}},
		"PUSHFQ":  {{N: 0, SP: -8}},
		"POPFQ":   {{N: 0, SP: 8}},
		"SYSCALL": {{N: 0, Read: []string{"AX"}, Write: []string{"AX", "CX", "R11"}, Attr: AttrSyscall}},
	}
	for _, j := range []string{"JEQ", "JNE", "JLT", "JLE", "JGT", "JGE", "JCS", "JCC", "JHI", "JLS", "JMI", "JPL", "JOS", "JOC", "JPS", "JPC", "JCXZL", "JCXZQ"} {
		ops[j] = []Form{{N: 1, Args: "t", Flow: FlowCondJump}}
	}
	for sfx, size := range map[string]int{"B": 1, "W": 2, "L": 4, "Q": 8} {
		ops["MOV"+sfx] = []Form{{N: 2, Args: "r,w", Size: size}}
		for _, op := range []string{"ADD", "SUB"} {
			sp := byte('+')
			if op == "SUB" {
				sp = '-'
			}
			ops[op+sfx] = []Form{{N: 2, Args: "r,rw", Size: size, SPArith: sp}}
		}
		for _, op := range []string{"AND", "OR", "XOR", "ADC", "SBB"} {
			ops[op+sfx] = []Form{{N: 2, Args: "r,rw", Size: size}}
		}
		ops["AND"+sfx][0].SPArith = '&'
		ops["CMP"+sfx] = []Form{{N: 2, Args: "r,r", Size: size}}
		ops["TEST"+sfx] = []Form{{N: 2, Args: "r,r", Size: size}}
	}
	return ops
}
