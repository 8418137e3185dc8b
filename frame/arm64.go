package frame

import (
	"fmt"

	"github.com/asmcheck/asmcheck/abi"
)

// arm64: registers and instruction effects.
//
// Register names are those cmd/asm accepts (cmd/asm/internal/arch/arch.go
// archArm64): R0–R30 with R18 spelled R18_PLATFORM and R28 spelled g, ZR,
// RSP, LR (= R30), F0–F31 (the low 8 bytes of V0–V31), V0–V31.

func arm64Regs() *RegFile {
	rf := newRegFile()
	for i := 0; i <= 30; i++ {
		name := fmt.Sprintf("R%d", i)
		switch i {
		case 18:
			name = "R18_PLATFORM"
		case 28:
			name = "g"
		}
		r := rf.unit(name, ClassGP, 8)
		rf.alias(fmt.Sprintf("R%d", i), r, 0, 0)
	}
	rf.alias("LR", rf.Reg("R30"), 0, 0)
	rf.unit("ZR", ClassZero, 8)
	rf.unit("RSP", ClassSP, 8)
	for i := 0; i <= 31; i++ {
		r := rf.unit(fmt.Sprintf("V%d", i), ClassVec, 16)
		rf.alias(fmt.Sprintf("F%d", i), r, 0, 8)
	}
	return rf
}

// arm64VecPart gives the bytes an arrangement (V1.B16, V1.D1) or an
// element (V1.S[2]) selects (cmd/asm/internal/arch/arm64.go ARM64RegisterArrangement).
func arm64VecPart(ext string, lane int64, hasLane bool) (off, size uint8) {
	elem := map[byte]uint8{'B': 1, 'H': 2, 'S': 4, 'D': 8, 'Q': 16}
	if ext == "" {
		return 0, 0
	}
	es, ok := elem[ext[0]]
	if !ok {
		return 0, 0
	}
	if hasLane {
		return uint8(lane) * es, es
	}
	n := 0
	fmt.Sscanf(ext[1:], "%d", &n)
	if n == 0 {
		return 0, es
	}
	return 0, es * uint8(n)
}

func init() {
	rf := arm64Regs()
	a := &Arch{
		Name:           "arm64",
		ABI:            abi.ArchFor("arm64"),
		Regs:           rf,
		SP:             rf.Reg("RSP"),
		LR:             rf.Reg("R30"),
		FP:             rf.Reg("R29"),
		Tmp:            rf.Reg("R27"),
		G:              rf.Reg("g"),
		SPArithTracked: true,
		Complete:       true,
		VecPart:        arm64VecPart,
		Suffix:         arm64Suffix,
		Ops:            arm64Ops(),
	}
	register(a)
}

// arm64Suffix handles the write-back suffixes .W (pre-index) and .P
// (post-index) of loads and stores (cmd/asm/internal/arch/arm64.go ARM64Suffix).
func arm64Suffix(c *Ctx, sfx string) {
	switch sfx {
	case ".W":
		c.WriteBack, c.Pre = true, true
	case ".P":
		c.WriteBack = true
	}
}

func arm64Ops() map[string][]Form {
	ops := map[string][]Form{
		"B":    {{N: 1, Args: "t", Flow: FlowJump}},
		"JMP":  {{N: 1, Args: "t", Flow: FlowJump}},
		"BL":   {{N: 1, Args: "t", Flow: FlowCall, Write: []string{"R30"}}},
		"CALL": {{N: 1, Args: "t", Flow: FlowCall, Write: []string{"R30"}}},
		"RET":  {{N: 0, Flow: FlowReturn, Read: []string{"R30"}}, {N: 1, Args: "r", Flow: FlowReturn}},
		"CBZ":  {{N: 2, Args: "r,t", Flow: FlowCondJump}},
		"CBNZ": {{N: 2, Args: "r,t", Flow: FlowCondJump}},

		"MOVD":  {{N: 2, Args: "r,w", Size: 8}},
		"MOVW":  {{N: 2, Args: "r,w", Size: 4}},
		"MOVWU": {{N: 2, Args: "r,w", Size: 4}},
		"MOVH":  {{N: 2, Args: "r,w", Size: 2}},
		"MOVHU": {{N: 2, Args: "r,w", Size: 2}},
		"MOVB":  {{N: 2, Args: "r,w", Size: 1}},
		"MOVBU": {{N: 2, Args: "r,w", Size: 1}},
		"FMOVD": {{N: 2, Args: "r,w", Size: 8}},
		"FMOVS": {{N: 2, Args: "r,w", Size: 4}},
		"STP":   {{N: 2, Args: "r8,w16"}},
		"LDP":   {{N: 2, Args: "r16,w8"}},

		"ADD": {{N: 2, Args: "r,rw", Size: 8, SPArith: '+'}, {N: 3, Args: "r,r,w", Size: 8, SPArith: '+'}},
		"SUB": {{N: 2, Args: "r,rw", Size: 8, SPArith: '-'}, {N: 3, Args: "r,r,w", Size: 8, SPArith: '-'}},
		"CMP": {{N: 2, Args: "r,r", Size: 8}},
	}
	for _, b := range []string{"BEQ", "BNE", "BCS", "BHS", "BCC", "BLO", "BMI", "BPL", "BVS", "BVC", "BHI", "BLS", "BGE", "BLT", "BGT", "BLE"} {
		ops[b] = []Form{{N: 1, Args: "t", Flow: FlowCondJump}}
	}
	return ops
}
