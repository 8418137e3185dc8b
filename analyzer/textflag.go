package analyzer

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/asmcheck/asmcheck/asmparse"
	"github.com/asmcheck/asmcheck/frame"
)

// TextFlag checks the flags and frame size of TEXT statements.
var TextFlag = newAnalyzer("textflag", docTextFlag, runTextFlag)

func init() { register(TextFlag) }

// textFlagNames are the flags of runtime/textflag.h.
var textFlagNames = []struct {
	bit  int64
	name string
}{
	{frame.FlagNOPROF, "NOPROF"}, {frame.FlagDUPOK, "DUPOK"}, {frame.FlagNOSPLIT, "NOSPLIT"},
	{frame.FlagRODATA, "RODATA"}, {frame.FlagNOPTR, "NOPTR"}, {frame.FlagWRAPPER, "WRAPPER"},
	{frame.FlagNEEDCTXT, "NEEDCTXT"}, {frame.FlagTLSBSS, "TLSBSS"}, {frame.FlagNOFRAME, "NOFRAME"},
	{frame.FlagREFLECTMETHOD, "REFLECTMETHOD"}, {frame.FlagTOPFRAME, "TOPFRAME"}, {frame.FlagABIWRAPPER, "ABIWRAPPER"},
}

// knownFlags is every bit textflag.h defines.
var knownFlags = func() int64 {
	var m int64
	for _, f := range textFlagNames {
		m |= f.bit
	}
	return m
}()

// pkgInitFlag is cmd/internal/obj/textflag.go PKGINIT: not in
// textflag.h, it marks the compiler's package initialization functions.
const pkgInitFlag = 8192

// unknownFlagsMsg explains flag bits of a TEXT or GLOBL that textflag.h
// does not define.
func unknownFlagsMsg(what string, rest, flags int64) string {
	msg := fmt.Sprintf("unknown %s flag bits %#x (flags %#x): runtime/textflag.h defines no such flag", what, rest, flags)
	if what == "TEXT" && rest&pkgInitFlag != 0 {
		msg += fmt.Sprintf("; %#x is PKGINIT (cmd/internal/obj/textflag.go), the compiler's mark for package initialization functions, "+
			"which the linker treats as one; assembly has no use for it", pkgInitFlag)
		rest &^= pkgInitFlag
	}
	if rest != 0 {
		msg += fmt.Sprintf("; the assembler ignores %#x", rest)
	}
	return msg + "; use the names from textflag.h"
}

// dataOnlyFlags are the flags that mean something for GLOBL only:
// cmd/internal/obj/plist.go InitTextSym reads DUPOK, NOSPLIT,
// REFLECTMETHOD, WRAPPER, ABIWRAPPER, NEEDCTXT, NOFRAME and TOPFRAME of a
// TEXT statement, and nothing else.
const dataOnlyFlags = frame.FlagRODATA | frame.FlagNOPTR | frame.FlagTLSBSS

// textOnlyFlags are the flags that mean something for TEXT only
// (plist.go GloblPos reads DUPOK, RODATA, NOPTR and TLSBSS).
const textOnlyFlags = frame.FlagNOSPLIT | frame.FlagWRAPPER | frame.FlagNEEDCTXT | frame.FlagNOFRAME |
	frame.FlagREFLECTMETHOD | frame.FlagTOPFRAME | frame.FlagABIWRAPPER

// flagNames renders the bits of flags by their textflag.h names.
func flagNames(flags int64) string {
	var names []string
	for _, f := range textFlagNames {
		if flags&f.bit != 0 {
			names = append(names, f.name)
		}
	}
	if rest := flags &^ knownFlags; rest != 0 {
		names = append(names, fmt.Sprintf("%#x", rest))
	}
	return strings.Join(names, "|")
}

func runTextFlag(c *Check) {
	c.EachFunc(func(f *File, fn *frame.Func) {
		if fn.Bad {
			return
		}
		s := &fn.File.Stmts[fn.Text]
		flagsOp, frameOp, _ := s.TextFlags()
		if fn.FlagsOK {
			c.checkTextFlags(f, fn, flagsOp)
		}
		if r := fn.Arch.Obj(); r != nil && fn.FlagsOK && frameOp != nil {
			c.checkFrameSize(f, fn, r, frameOp)
		}
	})
}

// checkTextFlags reports unknown flag bits, flags that do nothing on
// TEXT, and ABIInternal without NOSPLIT.
func (c *Check) checkTextFlags(f *File, fn *frame.Func, op *asmparse.Operand) {
	pos := fn.Pos()
	if op != nil {
		pos = op.Pos
	}
	if rest := fn.Flags &^ knownFlags; rest != 0 {
		c.Report(Diag{File: f, Fn: fn, Pos: pos, Msg: unknownFlagsMsg("TEXT", rest, fn.Flags)})
	}
	if bad := fn.Flags & dataOnlyFlags; bad != 0 {
		c.Report(Diag{File: f, Fn: fn, Pos: pos, Msg: fmt.Sprintf(
			"%s on TEXT has no effect: it describes data symbols (GLOBL); the assembler reads only DUPOK, NOSPLIT, WRAPPER, NEEDCTXT, NOFRAME, "+
				"REFLECTMETHOD, TOPFRAME and ABIWRAPPER of a TEXT statement (cmd/internal/obj/plist.go InitTextSym); remove it",
			flagNames(bad)), Fixes: removeFlags(f, op, bad)})
	}
	// NOPROF does nothing either (cmd/internal/obj/textflag.go:
	// deprecated), but it is a profiling hint from older Go that much
	// code still carries (klauspost/cpuid), harmless: not reported.
	if fn.ABI == "ABIInternal" && fn.Flags&frame.FlagNOSPLIT == 0 {
		c.Report(Diag{File: f, Fn: fn, Pos: fn.Pos(), Msg: fmt.Sprintf(
			"%s is ABIInternal but not NOSPLIT: the assembler rejects it (\"ABIInternal requires NOSPLIT\", cmd/asm/internal/asm/asm.go): "+
				"it cannot build the morestack path, which would have to spill the register arguments; add NOSPLIT", fn.Name),
			Fixes: addFlag(f, op, "NOSPLIT")})
	}
}

// removeFlags returns a fix that deletes the flags in bits from the flags
// operand, when it is written as names joined by | or +.
func removeFlags(f *File, op *asmparse.Operand, bits int64) []analysis.SuggestedFix {
	if op == nil {
		return nil
	}
	sep := "|"
	if strings.Contains(op.Text, "+") {
		sep = "+"
	}
	var keep []string
	for _, part := range strings.Split(op.Text, sep) {
		name := strings.TrimSpace(part)
		if b := flagBit(name); b == 0 {
			return nil
		} else if b&bits == 0 {
			keep = append(keep, name)
		}
	}
	text := strings.Join(keep, sep)
	if text == "" {
		text = "0"
	}
	return replaceText(f, op.Pos, op.Text, text, "remove "+flagNames(bits))
}

// addFlag returns a fix that adds name to the flags operand.
func addFlag(f *File, op *asmparse.Operand, name string) []analysis.SuggestedFix {
	if op == nil {
		return nil
	}
	text := name + "|" + op.Text
	if op.Text == "0" || op.Text == "$0" {
		text = name
	}
	return replaceText(f, op.Pos, op.Text, text, "add "+name)
}

// flagBit returns the bit of a textflag.h name, or 0.
func flagBit(name string) int64 {
	for _, f := range textFlagNames {
		if f.name == name {
			return f.bit
		}
	}
	return 0
}

// A frameVerdict says what the assembler does with a TEXT frame size.
type frameVerdict uint8

const (
	frameOK          frameVerdict = iota
	frameUnaligned                // rejected: not a multiple of the alignment
	frameNegative                 // rejected: negative
	frameCrash                    // the assembler panics
	frameShrinks                  // accepted; the frame is smaller than the fixed area
	frameAsZero                   // accepted as $0
	frameNoFrameSize              // NOFRAME with a size: rejected
	frameNoFrameNoFP              // NOFRAME with a size: allocated without saving the frame pointer
)

// Rejected reports whether the assembler fails on the frame size.
func (v frameVerdict) Rejected() bool {
	return v == frameUnaligned || v == frameNegative || v == frameNoFrameSize
}

// judgeFrame returns what the assembler of rules r does with frame size
// size, with or without the NOFRAME flag (the obj*.go preprocess passes;
// objrules_test.go checks every verdict against go tool asm).
func judgeFrame(r *frame.ObjRules, size int64, noframe bool) frameVerdict {
	if r.NoFrameAlias != 0 && size == r.NoFrameAlias {
		return frameOK // the historical spelling of NOFRAME
	}
	switch {
	case size < 0 && noframe && r.NoFrameSize == frame.NoFrameSizeRejected && r.Negative != frame.NegativeRejected:
		return frameNoFrameSize
	case size < 0:
		switch r.Negative {
		case frame.NegativeRejected:
			return frameNegative
		case frame.NegativeCrashes:
			return frameCrash
		case frame.NegativeShrinks:
			if size%r.FrameAlign != 0 {
				return frameUnaligned
			}
			return frameShrinks
		}
		return frameAsZero
	case size%r.FrameAlign != 0:
		return frameUnaligned
	case size > 0 && noframe && r.NoFrameSize == frame.NoFrameSizeRejected:
		return frameNoFrameSize
	case size > 0 && noframe && r.NoFrameSize == frame.NoFrameSizeNoFP:
		return frameNoFrameNoFP
	}
	return frameOK
}

// checkFrameSize reports frame sizes that the assembler rejects, or
// accepts while doing something other than what they say.
func (c *Check) checkFrameSize(f *File, fn *frame.Func, r *frame.ObjRules, op *asmparse.Operand) {
	size := fn.Frame
	alias := "NOFRAME, $0"
	if r.NoFrameAlias != 0 {
		alias += fmt.Sprintf(" (or $%d, the historical spelling of NOFRAME here)", r.NoFrameAlias)
	}
	d := Diag{File: f, Fn: fn, Pos: op.Pos}
	switch judgeFrame(r, size, fn.Has(frame.FlagNOFRAME)) {
	case frameNegative:
		d.Msg = fmt.Sprintf("negative frame size %d: the assembler rejects it (%s); write %s for no frame", size, r.Source, alias)
	case frameCrash:
		d.Msg = fmt.Sprintf("negative frame size %d: the assembler crashes on it (%s: panic \"bad framesize\"); write $0", size, r.Source)
	case frameUnaligned:
		d.Msg = fmt.Sprintf("frame size %d is not a multiple of %d: the assembler rejects it (%s)", size, r.FrameAlign, r.Source)
		if size > 0 {
			up := (size + r.FrameAlign - 1) / r.FrameAlign * r.FrameAlign
			d.Msg += fmt.Sprintf("; use $%d", up)
			d.Fixes = replaceText(f, op.Pos, op.Text, fixFrameSize(op.Text, up), fmt.Sprintf("round the frame up to %d", up))
		} else {
			d.Msg += fmt.Sprintf("; write %s for no frame", alias)
		}
	case frameShrinks:
		d.Msg = fmt.Sprintf("negative frame size %d is accepted silently (%s checks only that it is a multiple of %d): "+
			"the prologue allocates %d bytes less than the fixed frame the ABI reserves, so locals and the fixed area the callee uses overlap; write %s for no frame",
			size, r.Source, r.FrameAlign, -size, alias)
	case frameAsZero:
		d.Msg = c.negativeAsZero(fn, r)
	case frameNoFrameSize:
		d.Msg = fmt.Sprintf("NOFRAME with frame size %d: the assembler rejects it (%s: NOFRAME functions must have a frame size of 0); "+
			"write $0, or drop NOFRAME to get a frame", size, r.Source)
	case frameNoFrameNoFP:
		d.Msg = fmt.Sprintf("NOFRAME with frame size %d: the assembler still allocates the %d bytes but does not save the frame pointer (%s), "+
			"so frame-pointer unwinders (the execution tracer, profilers, debuggers) lose this function's caller; "+
			"every link-register arch rejects this; write $0, or drop NOFRAME", size, size, r.Source)
	}
	if d.Msg != "" {
		c.Report(d)
	}
}

// negativeAsZero explains a negative frame that the assembler treats as
// $0, when the function uses local slots; otherwise it is harmless.
func (c *Check) negativeAsZero(fn *frame.Func, r *frame.ObjRules) string {
	i := pseudoSPUse(fn)
	if i < 0 {
		return ""
	}
	return fmt.Sprintf("negative frame size %d is treated as $0 (%s clamps it to 0), so no space is allocated for locals, "+
		"but %s at line %d uses a local slot, which is then below the stack pointer (MOVQ AX, x-8(SP) assembles to MOVQ AX, -8(SP)): "+
		"the next call, or a preemption signal, overwrites it; declare the frame size the locals need",
		fn.Frame, r.Source, fn.Inst(i).Op(), c.Pass.Fset.Position(fn.Insts[i].Pos).Line)
}

// pseudoSPUse returns the first instruction of fn that addresses a local
// through the pseudo-SP (name-8(SP)), or -1.
func pseudoSPUse(fn *frame.Func) int {
	for i := range fn.Insts {
		for _, m := range fn.Inst(i).Mem() {
			if m.Base == frame.BasePseudoSP {
				return i
			}
		}
	}
	return -1
}

// fixFrameSize rewrites the frame size in "$12-8" or "$12" to size.
func fixFrameSize(text string, size int64) string {
	body := strings.TrimPrefix(text, "$")
	args := ""
	if i := strings.LastIndex(body, "-"); i > 0 {
		args = body[i:]
	}
	return fmt.Sprintf("$%d%s", size, args)
}

const docTextFlag = `check TEXT flags and frame sizes

Reports TEXT flag bits that runtime/textflag.h does not define; RODATA,
NOPTR and TLSBSS (data flags) on TEXT, which do nothing there
(cmd/internal/obj/plist.go InitTextSym); ABIInternal without NOSPLIT,
which cmd/asm rejects; and frame sizes that each arch's assembler
back end rejects or silently changes (cmd/internal/obj/*/obj*.go
preprocess): frames that are not a multiple of the arch's alignment,
negative frames other than the historical NOFRAME spelling ($-8 on arm64,
ppc64, riscv64, s390x, mips64; $-4 on arm and mips), NOFRAME with a
non-zero frame (rejected on link-register machines; on amd64 the frame is
allocated without saving BP), negative frames on ppc64 and s390x (accepted,
and the frame ends up smaller than the fixed area), on wasm (the assembler
crashes) and on x86 when the function uses local slots (treated as $0).`
