package frame

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/asmcheck/asmcheck/abi"
	"github.com/asmcheck/asmcheck/asmparse"
)

// An Arch is what frame knows about one GOARCH: its registers and how its
// instructions lower to Effects. Each architecture is one file (amd64.go,
// arm64.go, …) that builds an Arch and registers it; checks never test the
// arch's name.
type Arch struct {
	Name string
	ABI  *abi.Arch
	Regs *RegFile
	SP   Reg // the hardware stack pointer
	LR   Reg // the link register, or NoReg
	FP   Reg // the frame pointer register (amd64 BP, arm64 R29), or NoReg
	Tmp  Reg // the assembler's temporary register (arm64 R27), or NoReg
	G    Reg // the register holding g, where there is one

	// SPArithTracked reports whether the assembler follows ADD/SUB of a
	// constant to the SP register (arm64: yes, obj7.go; amd64: no, only
	// PUSH/POP/ADJSP, obj6.go).
	SPArithTracked bool

	// FPFollowsSP reports whether the assembler corrects name+off(FP) and
	// name-off(SP) offsets for the SP changes it tracks (x86 only; see
	// SPChange).
	FPFollowsSP bool

	// NoSPWrite reports whether the arch has no SPWRITE functions at all
	// (wasm: cmd/internal/obj/wasm never sets the flag).
	NoSPWrite bool

	// Complete reports whether Ops aims to describe every instruction
	// (amd64, arm64). For other arches the table covers control flow and
	// the loads and stores the declaration checks need; other mnemonics
	// lower to unknown effects.
	Complete bool

	// Ops maps a mnemonic (without suffix) to its forms.
	Ops map[string][]Form

	// Suffix interprets a mnemonic suffix (".W", ".EQ", ".P" …); nil means
	// suffixes are ignored. It may set write-back or make a branch conditional.
	Suffix func(c *Ctx, suffix string)

	// Special handles instructions that need code rather than a table row;
	// it runs after the table and may change the Effect.
	Special func(c *Ctx)

	// NeutralData returns, by instruction of fn, the attributes its data
	// directives get from their decoded instructions (neutral.go):
	// AttrStackNeutral when they transfer no control and name no stack
	// pointer (AttrStackAccess when they name it only to address memory
	// and write nothing back to it), and on x86, on the last directive of
	// a run, AttrWide or
	// AttrVZeroUpper when the run leaves the upper halves of the vector
	// registers dirty or clean; nil: the arch's data is never decoded.
	NeutralData func(fn *Func) []Attr

	// VecPart returns the bytes of a vector register that an arrangement
	// or element suffix and lane select (V1.D[1] → 8, 8); nil means whole.
	VecPart func(ext string, lane int64, hasLane bool) (off, size uint8)

	once     sync.Once
	compiled *strTable[*opEntry]
	idiom    *archIdioms // the arch's idioms (idioms.go), or nil

	spNames   []string          // the names of registers that are SP
	spProblem Problem[SPState]  // SPProblem(a)
	regs      *strTable[RegRef] // Regs' names, for lowering (Regs does not change once the Arch is compiled)
	// regByID is regs' answer for each of asmparse.RegisterNames, by
	// Operand.RegID: the operands' registers need no second hashing.
	regByID []regAnswer

	// entryHook, if set, adds arch-specific data to each opEntry.
	entryHook func(op string, e *opEntry)
}

// A Form is one shape of a mnemonic in an arch's table.
//
// Args lists, in Go operand order, what the instruction does with each
// operand, comma separated: "r" reads it, "w" writes it, "rw" both, "a"
// takes only its address (LEAQ), "t" is a branch or call target, "-"
// neither (an immediate, a condition, an arrangement). A size in bytes may
// follow the letters ("r1,w8" for MOVBQZX); without one Size applies. A
// register operand read as "-" is still read. "*" as the last code repeats
// the code before it for any further operands. Args "" with N -1 matches
// any operands and claims nothing about them.
type Form struct {
	N       int    // operand count this form applies to; -1 for any
	Args    string // access codes, see above
	Size    int    // default access size in bytes; 0 if unknown
	Read    []string
	Write   []string // implicit registers (Plan 9 names)
	Flow    Flow
	SP      int64 // fixed SP change (PUSHQ -8, POPQ +8), tracked by the assembler
	SPArith byte  // '+' or '-': "OP $c, SP" adds/subtracts c; '&': "OP $c, SP" aligns
	Attr    Attr
}

type access struct {
	read, write, addr, target bool
	size                      int
}

// An opEntry is what one lookup of a mnemonic in an Arch's table gives:
// its forms and whatever else lowering needs to know about it.
type opEntry struct {
	forms []compiledForm
	idiom uint8      // idiomMove, idiomZero, idiomZeroExt
	x86   []x86InfoN // x86: the x86Info by operand count

	x86Kind  uint8       // x86: x86Kind of the mnemonic
	arm64Tmp arm64TmpOps // arm64: arm64TmpSizes of the mnemonic
}

type compiledForm struct {
	Form
	args   []access
	repeat bool
	read   []RegRef
	write  []RegRef
}

// arches holds every arch, by name, built on first use: a run checks one
// or two, and building all of them (register files, instruction tables)
// took 13 ms and 6 MB at every start of the program, which go vet starts
// once per package.
var arches = map[string]*archEntry{} // written by init functions only

type archEntry struct {
	once  sync.Once
	build func() *Arch
	arch  *Arch
}

// register makes the Arch that build makes available through ArchFor.
func register(name string, build func() *Arch) {
	arches[name] = &archEntry{build: build}
}

// ArchFor returns the Arch for goarch, or nil.
func ArchFor(goarch string) *Arch {
	e := arches[goarch]
	if e == nil {
		return nil
	}
	e.once.Do(func() {
		e.arch = e.build()
		e.arch.once.Do(e.arch.compile)
	})
	return e.arch
}

func (a *Arch) compile() {
	compiled := make(map[string][]compiledForm, len(a.Ops))
	for op, forms := range a.Ops {
		for _, f := range forms {
			cf, err := a.compileForm(f)
			if err != nil {
				panic(fmt.Sprintf("frame: %s %s: %v", a.Name, op, err))
			}
			compiled[op] = append(compiled[op], cf)
		}
	}
	a.idiom = idiomsFor(a)
	a.regs = newStrTable(a.Regs.names)
	names := asmparse.RegisterNames()
	a.regByID = make([]regAnswer, len(names))
	for id, name := range names {
		ref, ok := regGet(a.regs, name)
		a.regByID[id] = regAnswer{ref, ok}
	}
	a.spProblem = newSPProblem(a)
	for name, ref := range a.Regs.names {
		if ref.Reg == a.SP && a.SP != NoReg {
			a.spNames = append(a.spNames, name)
		}
	}
	slices.Sort(a.spNames)
	entries := make(map[string]*opEntry, len(compiled))
	for op, forms := range compiled {
		e := &opEntry{forms: forms}
		if a.idiom != nil {
			e.idiom = a.idiom.bits[op]
		}
		if a.entryHook != nil {
			a.entryHook(op, e)
		}
		entries[op] = e
	}
	a.compiled = newStrTable(entries)
}

func (a *Arch) compileForm(f Form) (compiledForm, error) {
	cf := compiledForm{Form: f}
	if f.Args != "" {
		for _, code := range strings.Split(f.Args, ",") {
			if code == "*" {
				cf.repeat = true
				continue
			}
			acc, err := parseAccess(code, f.Size)
			if err != nil {
				return cf, err
			}
			cf.args = append(cf.args, acc)
		}
	}
	for _, n := range f.Read {
		r, ok := a.Regs.Lookup(n)
		if !ok {
			return cf, fmt.Errorf("unknown implicit register %s", n)
		}
		cf.read = append(cf.read, r)
	}
	for _, n := range f.Write {
		r, ok := a.Regs.Lookup(n)
		if !ok {
			return cf, fmt.Errorf("unknown implicit register %s", n)
		}
		cf.write = append(cf.write, r)
	}
	return cf, nil
}

func parseAccess(code string, size int) (access, error) {
	acc := access{size: size}
	i := 0
	for i < len(code) && (code[i] < '0' || code[i] > '9') {
		switch code[i] {
		case 'r':
			acc.read = true
		case 'w':
			acc.write = true
		case 'a':
			acc.addr = true
		case 't':
			acc.target = true
		case '-':
		default:
			return acc, fmt.Errorf("bad access code %q", code)
		}
		i++
	}
	if i < len(code) {
		n, err := strconv.Atoi(code[i:])
		if err != nil {
			return acc, fmt.Errorf("bad access size in %q", code)
		}
		acc.size = n
	}
	return acc, nil
}

// Mnemonics returns the mnemonics in the arch's table.
func (a *Arch) Mnemonics() []string {
	out := make([]string, 0, len(a.Ops))
	for op := range a.Ops {
		out = append(out, op)
	}
	return out
}

// Knows reports whether the arch's table has a form of op for n operands.
func (a *Arch) Knows(op string, n int) bool {
	a.once.Do(a.compile)
	ent, _ := a.compiled.get(op)
	if ent == nil {
		return false
	}
	for _, f := range ent.forms {
		if f.N == n || f.N < 0 {
			return true
		}
	}
	return false
}

// Arches returns the names of every registered arch.
func Arches() []string {
	var out []string
	for _, name := range asmparse.Arches {
		if arches[name] != nil {
			out = append(out, name)
		}
	}
	return out
}
