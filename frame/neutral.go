package frame

import (
	"encoding/binary"
	"strings"

	"golang.org/x/arch/arm64/arm64asm"
	"golang.org/x/arch/x86/x86asm"

	"github.com/asmcheck/asmcheck/asmparse"
)

// markNeutralData sets AttrStackNeutral on fn's data directives whose
// decoded instructions transfer no control and name no stack pointer
// (Arch.NeutralData), when it has data: NOP padding (BYTE $0x90), AVX
// written as LONGs by c2goasm, NEON written as WORDs. What they do to other
// registers and memory is still not claimed (they stay unknown); they only
// leave SP where it was, so that the frame checks can go on past them. On
// x86 the last directive of a run of data also says what the run leaves
// in the upper halves of the vector registers (AttrWide: dirty,
// AttrVZeroUpper: clean), for the vzeroupper check.
func (fn *Func) markNeutralData() {
	if fn.Arch.NeutralData == nil {
		return
	}
	for i := range fn.Insts {
		if fn.Insts[i].Attrs&AttrData != 0 {
			for k, a := range fn.Arch.NeutralData(fn) {
				fn.Insts[k].Attrs |= a
			}
			return
		}
	}
}

// arm64NeutralData is arm64's Arch.NeutralData: each WORD is one
// instruction (arm64WordStack).
func arm64NeutralData(fn *Func) []Attr {
	out := make([]Attr, len(fn.Insts))
	for i := range fn.Insts {
		if fn.Insts[i].Attrs&AttrData != 0 {
			s := &fn.File.Stmts[fn.Insts[i].Stmt]
			if _, word := arm64Word(s); word || arm64CryptoWord(s) != "" {
				out[i] = arm64WordStack(s)
			}
		}
	}
	return out
}

// x86NeutralData is Arch.NeutralData for 386 and amd64 (mode 32 or 64): a
// run of consecutive BYTE, WORD, LONG and QUAD statements is one byte
// string (little-endian, as asm6.go emits it), decoded with x86asm; every
// byte must belong to a decoded instruction, or none of the run counts.
func x86NeutralData(fn *Func, mode int) []Attr {
	out := make([]Attr, len(fn.Insts))
	for i := 0; i < len(fn.Insts); {
		if fn.Insts[i].Attrs&AttrData == 0 {
			i++
			continue
		}
		j := i
		var b []byte
		ok := true
		for ; j < len(fn.Insts) && fn.Insts[j].Attrs&AttrData != 0; j++ {
			var more bool
			b, more = appendData(b, &fn.File.Stmts[fn.Insts[j].Stmt])
			ok = ok && more
		}
		if ok {
			if attr, upper := x86Neutral(b, mode); attr != 0 {
				for k := i; k < j; k++ {
					out[k] = attr
				}
				out[j-1] |= upper
			}
		}
		i = j
	}
	return out
}

// appendData appends the bytes of an x86 data directive to b, and reports
// whether it could (every operand a constant).
func appendData(b []byte, s *asmparse.Stmt) ([]byte, bool) {
	var size int
	switch s.Op {
	case "BYTE":
		size = 1
	case "WORD":
		size = 2
	case "LONG":
		size = 4
	case "QUAD":
		size = 8
	}
	if size == 0 || len(s.Args) == 0 {
		return b, false
	}
	for i := range s.Args {
		a := &s.Args[i]
		if a.Kind != asmparse.ImmOp || a.Unresolved() != "" {
			return b, false
		}
		b = binary.LittleEndian.AppendUint64(b, uint64(a.Val))[:len(b)+size]
	}
	return b, true
}

// x86Neutral reports whether b decodes, to its last byte, into
// instructions none of which transfers control or has SP, ESP or RSP as an
// operand, and so leaves SP as it was: AttrStackNeutral if none names SP
// at all, AttrStackAccess if some address memory from it (golang/snappy's
// encodeBlock writes movzwq 0x78(%rsp,%r11,2),%r15 as BYTEs), else 0; and
// what they leave in the upper halves of the vector registers: the last of
// them that changes it decides, AttrVZeroUpper for VZEROUPPER or VZEROALL,
// AttrWide for a write of Y0–Y15 or Z0–Z15 (the destination is x86asm's
// first argument; Z16–Z31 have no SSE half, as Arch.DirtiesUpper has it),
// 0 if none does.
func x86Neutral(b []byte, mode int) (attr, upper Attr) {
	attr = AttrStackNeutral
	for len(b) > 0 {
		inst, err := x86asm.Decode(b, mode)
		if err != nil || inst.Op == 0 || inst.Len == 0 || inst.Len > len(b) { // Op 0: a truncated instruction
			return 0, 0
		}
		op := inst.Op.String()
		for _, p := range []string{"CALL", "J", "RET", "LRET", "LJMP", "LCALL", "IRET", "PUSH", "POP", "ENTER", "LEAVE", "LOOP", "SYSCALL", "SYSENTER", "SYSEXIT", "SYSRET", "INT", "UD", "HLT"} {
			if strings.HasPrefix(op, p) {
				return 0, 0
			}
		}
		for _, a := range inst.Args {
			switch a := a.(type) {
			case x86asm.Reg:
				if isX86SP(a) {
					return 0, 0
				}
			case x86asm.Mem:
				if isX86SP(a.Base) || isX86SP(a.Index) {
					attr = AttrStackAccess
				}
			}
		}
		switch dst, _ := inst.Args[0].(x86asm.Reg); {
		case inst.Op == x86asm.VZEROUPPER || inst.Op == x86asm.VZEROALL:
			upper = AttrVZeroUpper
		case x86asm.Y0 <= dst && dst <= x86asm.Y15 || x86asm.Z0 <= dst && dst <= x86asm.Z15:
			upper = AttrWide
		}
		b = b[inst.Len:]
	}
	return attr, upper
}

func isX86SP(r x86asm.Reg) bool { return r == x86asm.SP || r == x86asm.ESP || r == x86asm.RSP }

// DataFallsThrough reports whether instruction i of fn, data (BYTE,
// WORD …), decodes to instructions that hand control to the next one: an
// arm64 WORD whose instruction (golang.org/x/arch/arm64/arm64asm) is no
// branch, call, return, trap or exception, or an x86 run of bytes that
// decodes to such instructions only (AttrStackNeutral, x86Neutral), or an
// s390x WORD that encodes a CPACF instruction or STFLE (s390xCPACFInsts).
// The falloff check then knows that the path goes on past it:
// apache/arrow-go's NEON kernels end in WORD $0x3900004a, strb w10, [x2],
// before their RET.
func (fn *Func) DataFallsThrough(i int) bool {
	e := &fn.Insts[i]
	if e.Attrs&AttrData == 0 {
		return false
	}
	switch fn.Arch.Name {
	case "amd64", "386":
		return e.Attrs&(AttrStackNeutral|AttrStackAccess) != 0
	case "arm64":
		inst, ok := arm64Word(&fn.File.Stmts[e.Stmt])
		if !ok {
			return arm64CryptoWord(&fn.File.Stmts[e.Stmt]) != ""
		}
		switch inst.Op {
		case arm64asm.B, arm64asm.BL, arm64asm.BLR, arm64asm.BR, arm64asm.RET, arm64asm.CBZ, arm64asm.CBNZ,
			arm64asm.TBZ, arm64asm.TBNZ, arm64asm.BRK, arm64asm.HLT, arm64asm.SVC, arm64asm.HVC, arm64asm.SMC,
			arm64asm.ERET, arm64asm.DRPS, arm64asm.DCPS1, arm64asm.DCPS2, arm64asm.DCPS3:
			return false
		}
		return true
	case "s390x":
		return s390xWordFallsThrough(&fn.File.Stmts[e.Stmt])
	}
	return false
}

// wordValue returns the 32 bits a WORD $constant emits: the instruction it
// encodes, on the arches whose instructions are words (a negative constant
// as its low 32 bits). ok is false for any other statement, a constant not
// known, or one that does not fit in 32 bits.
func wordValue(s *asmparse.Stmt) (uint32, bool) {
	if s.Op != "WORD" || len(s.Args) != 1 || s.Args[0].Kind != asmparse.ImmOp || s.Args[0].Unresolved() != "" {
		return 0, false
	}
	v := s.Args[0].Val
	if v < -1<<31 || v > 0xffffffff {
		return 0, false
	}
	return uint32(v), true
}
