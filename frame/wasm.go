package frame

import "github.com/asmcheck/asmcheck/abi"

// wasm: registers and instruction effects.
//
// Register names are those of cmd/internal/obj/wasm/wasmobj.go Register:
// the module globals SP (i32, Go's stack pointer), CTXT, g, RET0–RET3 and
// PAUSE, the i64 locals R0–R15, the f32 locals F0–F15, the f64 locals
// F16–F31 and PC_B, the resume point within a function (wasmobj.go
// regType). There is no link register: CALL stores the return PC on the
// Go stack (wasmobj.go preprocess, "write return address to Go stack"),
// and no assembler temporary.
//
// Go's wasm assembly mixes Go instructions (MOVD, JMP, CALL, RET …) with
// WebAssembly ones that work on the operand stack (Get, I64Load $off,
// Call, Br …). A load or store with a memory operand (I64Load x+0(FP))
// is recorded with its size; one whose address is on the operand stack
// (I64Load $8) has no memory operand. MemoryCopy and MemoryFill, which
// write memory at stack-given addresses, stay unknown.
//
// Control flow is approximated statement by statement, because
// WebAssembly's is structured: Block, Loop, If, Else and End fall through;
// Br and BrIf to a label jump to the label (correct for a label on a
// Loop, where the branch continues the loop; a label on a Block really
// means the matching End); Br $n and BrIf $n, relative to the block depth,
// jump to a place this lowering does not resolve (FlowIndirect, and a
// conditional branch with an indirect target). JMP and CALL with no operand
// take their target from the operand stack.
//
// SP is not tracked by the assembler (wasmobj.go only sets Spadj in the
// prologue and for its own CALL sequences), and nothing marks a function
// SPWRITE on wasm.

func wasmRegs() *RegFile {
	rf := newRegFile()
	rf.unit("SP", ClassSP, 4)
	for _, n := range []string{"CTXT", "g", "RET0", "RET1", "RET2", "RET3", "PAUSE"} {
		rf.unit(n, ClassSpecial, 8)
	}
	rf.units("R", 0, 15, ClassGP, 8)
	rf.units("F", 0, 15, ClassVec, 4)
	rf.units("F", 16, 31, ClassVec, 8)
	rf.unit("PC_B", ClassSpecial, 4)
	return rf
}

func init() {
	register("wasm", func() *Arch {
		rf := wasmRegs()
		return &Arch{
			Name: "wasm",
			ABI:  abi.ArchFor("wasm"),
			Regs: rf,
			SP:   rf.Reg("SP"),
			G:    rf.Reg("g"),
			// cmd/internal/obj/wasm never marks a function SPWRITE.
			NoSPWrite: true,
			Special:   wasmSpecial,
			Ops:       wasmOps(),
		}
	})
}

func wasmOps() map[string][]Form {
	ops := opSet{}
	ops.add(Form{N: 1, Args: "t", Flow: FlowJump}, "JMP")
	ops.add(Form{N: 0, Flow: FlowIndirect}, "JMP") // target PC on the operand stack
	ops.add(Form{N: 1, Args: "t", Flow: FlowCall}, "CALL", "CALLNORESUME", "Call")
	ops.add(Form{N: 0, Flow: FlowCall}, "CALL") // target PC on the operand stack: wasmSpecial
	ops.add(Form{N: 1, Args: "-", Flow: FlowCall}, "CallIndirect")
	ops.add(Form{N: 0, Flow: FlowReturn}, "RET", "RETUNWIND", "Return")
	ops.add(Form{N: 1, Args: "t", Flow: FlowReturn}, "RET")
	ops.add(Form{N: 0, Flow: FlowHalt, Attr: AttrTrap}, "UNDEF", "Unreachable")
	ops.add(Form{N: 1, Args: "t", Flow: FlowJump}, "Br")
	ops.add(Form{N: 1, Args: "t", Flow: FlowCondJump}, "BrIf")
	ops.add(Form{N: -1, Flow: FlowIndirect}, "BrTable")
	ops.add(Form{N: -1}, "Block", "Loop", "If", "Else", "End", "Drop", "Select", "Nop",
		"CurrentMemory", "GrowMemory")
	ops.add(Form{N: 1, Args: "-", Attr: AttrData}, "WORD", "BYTE")

	for op, size := range map[string]int{"MOVD": 8, "MOVW": 4, "MOVH": 2, "MOVB": 1} {
		ops.add(Form{N: 2, Args: "r,w", Size: size}, op)
	}
	ops.add(Form{N: 1, Args: "r"}, "Get")
	ops.add(Form{N: 1, Args: "w"}, "Set", "Tee")
	for op, size := range map[string]int{"I32Load": 4, "I64Load": 8, "F32Load": 4, "F64Load": 8,
		"I32Load8S": 1, "I32Load8U": 1, "I32Load16S": 2, "I32Load16U": 2, "I64Load8S": 1, "I64Load8U": 1,
		"I64Load16S": 2, "I64Load16U": 2, "I64Load32S": 4, "I64Load32U": 4} {
		ops.add(Form{N: 1, Args: "r", Size: size}, op)
	}
	for op, size := range map[string]int{"I32Store": 4, "I64Store": 8, "F32Store": 4, "F64Store": 8,
		"I32Store8": 1, "I32Store16": 2, "I64Store8": 1, "I64Store16": 2, "I64Store32": 4} {
		ops.add(Form{N: 1, Args: "w", Size: size}, op)
	}
	// Constants and operand-stack arithmetic: no register or memory effect.
	ops.add(Form{N: 1, Args: "r"}, "I32Const", "I64Const", "F32Const", "F64Const")
	var stack []string
	for _, t := range []string{"I32", "I64"} {
		for _, op := range []string{"Eqz", "Eq", "Ne", "LtS", "LtU", "GtS", "GtU", "LeS", "LeU", "GeS", "GeU",
			"Clz", "Ctz", "Popcnt", "Add", "Sub", "Mul", "DivS", "DivU", "RemS", "RemU", "And", "Or", "Xor",
			"Shl", "ShrS", "ShrU", "Rotl", "Rotr"} {
			stack = append(stack, t+op)
		}
	}
	for _, t := range []string{"F32", "F64"} {
		for _, op := range []string{"Eq", "Ne", "Lt", "Gt", "Le", "Ge", "Abs", "Neg", "Ceil", "Floor", "Trunc",
			"Nearest", "Sqrt", "Add", "Sub", "Mul", "Div", "Min", "Max", "Copysign"} {
			stack = append(stack, t+op)
		}
	}
	stack = append(stack, "I32WrapI64", "I64ExtendI32S", "I64ExtendI32U", "F64PromoteF32", "F32DemoteF64",
		"I64TruncF64S", "I64TruncF64U", "F64ConvertI64S", "F64ConvertI64U", "I64ReinterpretF64", "Not",
		"F64ReinterpretI64", "I32Extend8S", "I32Extend16S", "I64Extend8S", "I64Extend16S", "I64Extend32S")
	ops.add(Form{N: 0}, stack...)
	// I64Eqz $0 and friends: the assembler accepts an immediate it ignores.
	ops.add(Form{N: 1, Args: "-"}, stack...)
	return ops
}

// wasmSpecial marks the operand-stack targets of CALL and JMP with no
// operand, and Br/BrIf $n, as indirect.
func wasmSpecial(c *Ctx) {
	if c.form == nil {
		return
	}
	e := c.E
	switch {
	case (c.Op == "CALL" || c.Op == "JMP") && len(c.Stmt.Args) == 0,
		c.Op == "CallIndirect", c.Op == "BrTable":
		c.setTarget(Target{Indirect: true})
	case (c.Op == "Br" || c.Op == "BrIf") && e.Target.IsZero():
		// Br $n: n enclosing blocks out, not resolved here.
		c.setTarget(Target{Indirect: true})
		if c.Op == "Br" {
			e.Flow = FlowIndirect
		}
	}
	clampRegs(c)
	dataDirective(c)
}
