package asmparse

import (
	"go/token"
	"sort"
	"strings"
	"unsafe"
)

// A File is one parsed assembly file: its statements in order, after
// preprocessing, with positions in the FileSet it was parsed with.
type File struct {
	Name       string
	Arch       string // the GOARCH the file was read as
	ArchFrom   string // how Arch was chosen: "file name", "build constraint" or "default"
	GOOS       string
	Build      string // the //go:build expression, if any
	Stmts      []Stmt
	Labels     []Label     // every label, in order; each marks the statement Stmts[Label.Stmt]
	Directives []Directive // //go: and //asmcheck: comments in the file itself
	Includes   []string    // paths of the files included, in order
	Missing    []string    // #include names that could not be found
	Errors     ErrorList
	// Src is the file's text.
	Src string
	// Base is the position of Src[0] in the FileSet.
	Base token.Pos

	// macros and layers are the preprocessor's macro table at the end
	// of the file, for Macros.
	macros map[string]*Macro
	layers []*cachedHeader
}

// Macros returns the macros defined at the end of the file, by name. The
// map is made on each call when the file shares the macros of a header
// through a HeaderCache.
func (f *File) Macros() map[string]*Macro {
	return allMacros(f.macros, f.layers)
}

// A Directive is a //go: or //asmcheck: comment.
type Directive struct {
	Pos  token.Pos
	Text string // without the leading "//"
}

func (f *File) addDirective(pos token.Pos, text string) {
	f.Directives = append(f.Directives, Directive{pos, text})
	if strings.HasPrefix(text, "go:build ") && f.Build == "" {
		f.Build = strings.TrimSpace(text[len("go:build "):])
	}
}

// A Label is a name followed by ':' before a statement.
type Label struct {
	Name string
	Pos  token.Pos
	Stmt int // the index in File.Stmts of the statement the label marks
}

// StmtLabels returns the labels that mark statement i, in order.
func (f *File) StmtLabels(i int) []Label {
	ls := f.Labels
	lo := sort.Search(len(ls), func(k int) bool { return ls[k].Stmt >= i })
	end := lo
	for end < len(ls) && ls[end].Stmt == i {
		end++
	}
	return ls[lo:end:end]
}

// A Stmt is one instruction or pseudo-instruction (TEXT, DATA, GLOBL,
// PCDATA, FUNCDATA, …):
//
//	{label:} OP[.suffix…] [operand {, operand}]
//
// The labels before it are in File.Labels (File.StmtLabels). Labels at the
// very end of the input mark a Stmt with an empty Op.
type Stmt struct {
	Pos  token.Pos  // of the mnemonic, or of the outermost macro invocation
	Op   string     // the mnemonic as written: "MOVQ", "TEXT", "VLD1" (its suffix follows it in memory: Suffix; do not assign)
	Args []Operand  // the operands in source order
	Exp  *Expansion // the macro expansion the mnemonic came from, or nil
	// sufLen is the length of the suffix, the bytes that follow Op's in
	// memory (the parser makes them so), which keeps Stmt at 64 bytes.
	sufLen uint16
	Bad    bool // report whether a syntax error was found in the statement
}

// Suffix returns everything written after the mnemonic's first '.', with
// the dots: ".P", ".EQ", ".Z.BCST".
func (s *Stmt) Suffix() string {
	if s.sufLen == 0 {
		return ""
	}
	return s.Mnemonic()[len(s.Op):]
}

// Mnemonic returns the mnemonic with its suffix, as written: "MOVD.W".
func (s *Stmt) Mnemonic() string {
	if s.sufLen == 0 {
		return s.Op
	}
	return unsafe.String(unsafe.StringData(s.Op), len(s.Op)+int(s.sufLen))
}

// setSuffix sets the suffix of s, whose Op is set, to sfx, and reports
// whether it could (a suffix of 64 KB cannot be). If sfx does not follow
// Op in memory, Op is moved to a copy of the two, one after the other.
func (s *Stmt) setSuffix(sfx string) bool {
	switch {
	case sfx == "":
		s.sufLen = 0
		return true
	case len(sfx) > 1<<16-1:
		return false
	case uintptr(unsafe.Pointer(unsafe.StringData(sfx))) != uintptr(unsafe.Pointer(unsafe.StringData(s.Op)))+uintptr(len(s.Op)):
		s.Op = (s.Op + sfx)[:len(s.Op)]
	}
	s.sufLen = uint16(len(sfx))
	return true
}

// An OpKind classifies an operand by its syntactic form.
type OpKind uint8

// Operand forms; see Operand for the fields each one sets.
const (
	BadOp      OpKind = iota // could not be parsed
	RegOp                    // R1, AX, g, V1.B16, V1.S[2], R1<<3, R2.UXTW<<2, R(10)
	ImmOp                    // $123, $(1<<3), $'a', $-1, $~15
	FloatOp                  // $1.5, $(-0.5)
	StringOp                 // $"abc\n"
	AddrOp                   // $sym(SB), $x+0(FP), $8(R1): the address of a memory operand
	MemOp                    // 8(R1), (R1)(R2*8), sym(SB), x+8(FP), -8(SP), 2(PC), sym(SB)(AX*8)
	ConstOp                  // 7, NOSPLIT|NOFRAME after expansion: an integer written without '$'
	NameOp                   // loop, PLDL1KEEP, TPIDR_EL0: an identifier that is not a register
	ListOp                   // [R1,R3-R5], [V0.S4, V1.S4], [V1.S, V2.S][1]
	PairOp                   // (R1, R2) on arm/arm64
	TextSizeOp               // $16-24 in TEXT: frame size and argument size
)

var opKindNames = [...]string{"bad", "register", "immediate", "float", "string", "address", "memory", "constant", "name", "register list", "register pair", "frame size"}

func (k OpKind) String() string { return opKindNames[k] }

// An Operand is one operand as written, after macro expansion.
//
//	RegOp:      Reg; Ext() for a suffix after '.' (V1.B16 → "B16", R2.UXTW → "UXTW");
//	            Lane() for an element index (V1.S[2] → 2, HasLane); Shift and
//	            ShiftAmt()/ShiftReg() for shifted registers (R1<<3, R1->R2).
//	ImmOp:      Val.  ConstOp: Val.  FloatOp: Float().  StringOp: Str().
//	MemOp:      Sym (with its package qualifier as written, "·foo", "runtime·x"),
//	            Static (sym<>), ABI() (sym<ABIInternal>), Val (the offset),
//	            Reg (the base: "SB", "FP", "SP", "PC" or a register; "" for (R*4)),
//	            Reg2() ((R1+R2) on ppc64), Index()/Scale ((R2*8)), IndexExt()/IndexShift()
//	            ((R2.UXTW<<3), (R2<<3)); the arm form R1<<2(R3) has Reg R3, Index() R1
//	            and the shift in Shift/ShiftAmt().
//	AddrOp:     as MemOp; the operand is the address ($ prefix).
//	NameOp:     Sym (and Val for name+off forms).
//	ListOp:     List() (each a RegOp; ranges R3-R5 are expanded when both ends are
//	            numbered registers of one kind, else both ends are kept and the
//	            second has Ext() starting with "-"), Lane() for [..][i].
//	PairOp:     Reg, Reg2() ((R1, R2) on arm/arm64; AX:DX on x86 is swapped into
//	            two operands instead, as cmd/asm does).
//	TextSizeOp: Val (frame), Args() (argument size), HasArgs.
//	DATA's first operand is a MemOp with the /size in Args() and HasArgs.
//
// Unresolved() is the first identifier in a constant expression that is
// not a number after macro expansion (a go_asm.h constant that could not be
// computed, say); Val is then not known.
//
// (The fields are packed to keep Operand small, 48 bytes: a File has one
// per operand. The register is an index in the table of every arch's
// register names, the flags and the shift one byte, and the symbol a part
// of Text.)
type Operand struct {
	Kind    OpKind
	Scale   int8
	flags   opFlags
	extCode uint8  // the register suffix, when one of extNames; else in x
	reg     uint16 // Reg: regNames[reg], or x.more.rare.reg if regInExtra
	// Sym is Text[symOff:symOff+symLen], or x.more.rare.sym if flagSymInExtra.
	symOff, symLen uint8
	Pos            token.Pos
	Text           string // the operand as written at the use site
	Val            int64
	x              *opExtra
}

// opFlags are an Operand's flags, and its shift kind in bits 4–6 (an
// index in shiftKinds).
type opFlags uint8

const (
	flagStar       opFlags = 1 << iota // written with a '*' prefix
	flagStatic                         // sym<>
	flagHasLane                        // V1.S[2], [V1.S, V2.S][1]
	flagHasArgs                        // TEXT's $frame-args, DATA's /size
	shiftShift     = 4
	flagSymInExtra = 1 << 7 // Sym is x.more.rare.sym
)

var shiftKinds = [...]Kind{0, LSH, RSH, ARR, ROT}

// regInExtra is the reg of an Operand whose register name is not in
// regNames (o.x.more.rare.reg holds it).
const regInExtra = 1<<16 - 1

// Reg returns the register: of a RegOp, the base of a MemOp or AddrOp
// ("SB", "FP", "SP", "PC" or a register; "" for (R*4)), the first of a
// PairOp.
func (o *Operand) Reg() string {
	if o.reg == regInExtra {
		return o.x.more.rare.reg
	}
	if o.reg == 0 {
		return ""
	}
	return regNames[o.reg]
}

// Sym returns the symbol of a MemOp or AddrOp with its package qualifier
// as written ("·foo", "runtime·x"), or the name of a NameOp.
func (o *Operand) Sym() string {
	if o.flags&flagSymInExtra != 0 {
		return o.x.more.rare.sym
	}
	return o.Text[o.symOff : int(o.symOff)+int(o.symLen)]
}

// setSym sets the symbol to sym, which must be "" or, but for rare
// operands, a part of o.Text as it is then (Text must be set first).
func (p *parser) setSym(o *Operand, sym string) {
	if i := strings.Index(o.Text, sym); sym == "" || i >= 0 && i+len(sym) <= 255 {
		o.setSymAt(max(i, 0), len(sym))
		return
	}
	o.symOff, o.symLen = 0, 0
	p.rare(o).sym = sym
	o.flags |= flagSymInExtra
}

// setSymAt sets the symbol to o.Text[off:off+n], which Text need not
// hold yet if the caller sets it so that it does; off+n must be at most
// 255.
func (o *Operand) setSymAt(off, n int) {
	o.symOff, o.symLen = uint8(off), uint8(n)
	o.flags &^= flagSymInExtra
}

// RegID returns the register's index in RegisterNames, 0 when there is no
// register, or a number past them for a register name not in them (Reg
// gives it): a key for tables indexed by register, as frame's lowering
// keeps.
func (o *Operand) RegID() int { return int(o.reg) }

// RegisterNames returns the register names of every arch, each once, by
// the index RegID gives (the first is ""). The slice must not be
// modified.
func RegisterNames() []string {
	regOnce.Do(initRegs)
	return regNames
}

// Shift returns LSH, RSH, ARR or ROT for a shifted register, else 0.
func (o *Operand) Shift() Kind { return shiftKinds[o.flags>>shiftShift&7] }

// Star reports whether the operand is written with a '*' prefix.
func (o *Operand) Star() bool { return o.flags&flagStar != 0 }

// Static reports whether the symbol is static (sym<>).
func (o *Operand) Static() bool { return o.flags&flagStatic != 0 }

// HasLane reports whether the operand has an element index (Lane).
func (o *Operand) HasLane() bool { return o.flags&flagHasLane != 0 }

// HasArgs reports whether TEXT's frame size has an argument size, or a
// DATA operand a /size (Args).
func (o *Operand) HasArgs() bool { return o.flags&flagHasArgs != 0 }

func (o *Operand) setFlag(f opFlags, on bool) {
	if on {
		o.flags |= f
	} else {
		o.flags &^= f
	}
}

// setReg sets the register name.
func (p *parser) setReg(o *Operand, name string) {
	if id, ok := regID(name); ok || name == "" {
		o.reg = id
		return
	}
	p.rare(o).reg = name
	o.reg = regInExtra
}

func (o *Operand) setShift(k Kind) {
	i := 0
	for j, s := range shiftKinds {
		if s == k && k != 0 {
			i = j
		}
	}
	o.flags = o.flags&^(7<<shiftShift) | opFlags(i)<<shiftShift
}

// opExtra holds the parts of an operand that few operands have, to keep
// Operand small: the commonest (a register's arrangement, TEXT's argument
// size, a pair's second register) here, the rarest in opMore.
type opExtra struct {
	ext, reg2, index string
	args             int64
	more             *opMore
}

// opMore holds the parts of an operand that fewer operands still have.
type opMore struct {
	abi, shiftReg, indexExt, str, unresolved string
	lane, shiftAmt, indexShift               int64
	float                                    float64
	list                                     []Operand
	rare                                     *opRare
}

// opRare holds what almost no operand has: a register name that is not
// in regNames, a symbol that is not a part of the operand's Text.
type opRare struct{ reg, sym string }

// rare returns o's opRare, making it if needed.
func (p *parser) rare(o *Operand) *opRare {
	m := p.mx(o)
	if m.rare == nil {
		m.rare = new(opRare)
	}
	return m.rare
}

func (o *Operand) get() *opExtra {
	if o.x == nil {
		return &noExtra
	}
	return o.x
}

func (o *Operand) getMore() *opMore {
	if o.x == nil || o.x.more == nil {
		return &noMore
	}
	return o.x.more
}

var (
	noExtra opExtra
	noMore  opMore
)

// Index returns the index register of (R1)(R2*8), or "".
func (o *Operand) Index() string { return o.get().index }

// Reg2 returns the second register of a pair or of (R1+R2).
func (o *Operand) Reg2() string { return o.get().reg2 }

// Ext returns the register suffix after '.': an arrangement (B16), an
// element size (S) or an extension (UXTW).
func (o *Operand) Ext() string {
	if o.extCode != 0 {
		return extNames[o.extCode]
	}
	return o.get().ext
}

// extNames are the register suffixes an Operand holds in extCode, not in
// an opExtra: the arm64 arrangements, element sizes and extensions, which
// most arm64 vector operands have.
var extNames = [...]string{"", "B16", "B8", "H8", "H4", "S4", "S2", "D2", "D1", "Q1",
	"B", "H", "S", "D", "Q", "UXTB", "UXTH", "UXTW", "UXTX", "SXTB", "SXTH", "SXTW", "SXTX"}

// extCodeOf returns the index of ext in extNames, or 0.
func extCodeOf(ext string) uint8 {
	switch ext {
	case "B16":
		return 1
	case "B8":
		return 2
	case "H8":
		return 3
	case "H4":
		return 4
	case "S4":
		return 5
	case "S2":
		return 6
	case "D2":
		return 7
	case "D1":
		return 8
	case "Q1":
		return 9
	case "B":
		return 10
	case "H":
		return 11
	case "S":
		return 12
	case "D":
		return 13
	case "Q":
		return 14
	case "UXTB":
		return 15
	case "UXTH":
		return 16
	case "UXTW":
		return 17
	case "UXTX":
		return 18
	case "SXTB":
		return 19
	case "SXTH":
		return 20
	case "SXTW":
		return 21
	case "SXTX":
		return 22
	}
	return 0
}

// ABI returns the ABI selector of sym<ABIInternal>(SB).
func (o *Operand) ABI() string { return o.getMore().abi }

// ShiftReg returns the register that gives the shift amount in R1<<R2.
func (o *Operand) ShiftReg() string { return o.getMore().shiftReg }

// ShiftAmt returns the constant shift amount in R1<<3.
func (o *Operand) ShiftAmt() int64 { return o.getMore().shiftAmt }

// IndexExt returns the extension of the index register in (R1)(R2.UXTW<<3).
func (o *Operand) IndexExt() string { return o.getMore().indexExt }

// IndexShift returns the shift of the index register in (R1)(R2<<3).
func (o *Operand) IndexShift() int64 { return o.getMore().indexShift }

// Lane returns the element index of V1.S[2] or [V1.S, V2.S][2].
func (o *Operand) Lane() int64 { return o.getMore().lane }

// Args returns TEXT's argument size, or DATA's /size.
func (o *Operand) Args() int64 { return o.get().args }

// Float returns the value of a FloatOp.
func (o *Operand) Float() float64 { return o.getMore().float }

// Str returns the value of a StringOp.
func (o *Operand) Str() string { return o.getMore().str }

// List returns the registers of a ListOp.
func (o *Operand) List() []Operand { return o.getMore().list }

// Unresolved returns the first name in the operand's constant expression
// that is not a known constant, or "".
func (o *Operand) Unresolved() string { return o.getMore().unresolved }

// IsMem reports whether the operand names memory (MemOp), as opposed to
// computing an address (AddrOp) or naming a register or constant.
func (o *Operand) IsMem() bool { return o.Kind == MemOp }

// TextFlags returns the flags operand and the frame operand of a TEXT
// statement, and reports whether the statement has that shape.
func (s *Stmt) TextFlags() (flags, frame *Operand, ok bool) {
	if s.Op != "TEXT" || len(s.Args) < 2 || len(s.Args) > 3 {
		return nil, nil, false
	}
	frame = &s.Args[len(s.Args)-1]
	if len(s.Args) == 3 {
		flags = &s.Args[1]
	}
	return flags, frame, frame.Kind == TextSizeOp
}
