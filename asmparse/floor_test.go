package asmparse

import (
	"bytes"
	"testing"
	"unsafe"
)

// BenchmarkDecodeFloor is, like BenchmarkScanFloor, a reference point and
// not a parser: it does the least any parser of these files must do on
// top of that scan. For each line of the source as written (no #include,
// no macro expansion, no directive, no error), it reads the mnemonic and
// its suffixes and a label, and decodes each operand into a 16-byte
// record of reused arrays: integers read with fastInt, identifiers read
// with fastIdentV and looked up in the arch's register table, '$', '(',
// '[' noted. Nothing is kept, no position or text is stored, no string is
// made. The parser does all of this and more (expansions, which make a
// fifth of the corpus' statements, the preprocessor, positions, operand
// text, the result); its time and instructions against these say how
// much room a parser of any design has, with these primitives, at a given
// speed (docs/performance.md, eighteenth round):
//
//	go test ./asmparse -run XXX -bench 'DecodeFloor|ScanFloor|ParseCorpus$|ParseVetSet/arm64$' -benchtime 10x -cpu 1 -count 3
func BenchmarkDecodeFloor(b *testing.B) {
	b.Run("corpus", func(b *testing.B) {
		files, n := loadCorpus(b)
		runDecodeFloor(b, files, n)
	})
	b.Run("vet-arm64", func(b *testing.B) {
		pkgs, n := vetSetFiles(b, "arm64")
		var files []corpusEntry
		for _, p := range pkgs {
			files = append(files, p...)
		}
		runDecodeFloor(b, files, n)
	})
}

func runDecodeFloor(b *testing.B, files []corpusEntry, n int64) {
	var d decodeFloor
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		d.stmts, d.ops = 0, 0
		for _, e := range files {
			d.file(e.src, regsFor(e.arch))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(d.ops), "ns/operand")
	b.ReportMetric(float64(d.stmts), "stmts")
}

// decodeFloor holds BenchmarkDecodeFloor's reused arrays. (Its work is a
// method, not the body of the b.Loop: go1.26.8's compiler crashed with the
// same code in that body; docs/performance.md, eighteenth round.)
type decodeFloor struct {
	stmt       []floorStmt
	op         []floorOperand
	lx         lexer
	stmts, ops int
}

type floorStmt struct {
	op        uint64 // the mnemonic, packed as fastIdentV packs it
	off       uint32
	first, n  uint16
	hasSuffix bool
}

type floorOperand struct {
	flags     uint8 // 1: '$', 2: a register, 4: another name, 8: '(' or '['
	reg, reg2 uint16
	off       uint32
	val       int64
}

// file decodes src as BenchmarkDecodeFloor says.
func (d *decodeFloor) file(b []byte, regs *regSet) {
	src := unsafe.String(unsafe.SliceData(b), len(b)) // never written
	lx := &d.lx
	lx.src = src
	d.stmt, d.op = d.stmt[:0], d.op[:0]
	for i := floorLine(b, 0); i < len(src); i = floorLine(b, i) {
		start := i
		j, v := fastIdentV(lx, src, i, len(src))
		i = max(j, i+1)
		if i < len(src) && src[i] == ':' {
			i++ // a label
			continue
		}
		st := floorStmt{op: v, off: uint32(start), first: uint16(len(d.op))}
		for i < len(src) && src[i] == '.' {
			st.hasSuffix = true
			i++
			for i < len(src) && charClass[src[i]]&(clIdent|clDigit) != 0 {
				i++
			}
		}
		for i < len(src) && src[i] != '\n' {
			for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
				i++
			}
			if i >= len(src) || src[i] == '\n' {
				break
			}
			if src[i] == '/' || src[i] == ';' {
				break // a comment, or a second statement: skipped
			}
			i = d.operand(src, i, regs)
			st.n++
			if i < len(src) && src[i] == ',' {
				i++
			}
		}
		if i < len(src) && src[i] != '\n' {
			if j := bytes.IndexByte(b[i:], '\n'); j >= 0 {
				i += j
			} else {
				i = len(src)
			}
		}
		d.stmt = append(d.stmt, st)
		d.stmts++
	}
}

// operand decodes the operand at src[i:] and returns the offset after it.
func (d *decodeFloor) operand(src string, i int, regs *regSet) int {
	o := floorOperand{off: uint32(i)}
	depth := 0
	for i < len(src) {
		c := src[i]
		if c == '\n' || (c == ',' || c == '/' || c == ';') && depth == 0 {
			break
		}
		switch {
		case isDigit(c):
			v, j, ok := fastInt(&d.lx, src, i)
			o.val += int64(v)
			if !ok {
				j = i + 1
			}
			i = j
		case charClass[c]&clIdent != 0:
			j, v := fastIdentV(&d.lx, src, i, len(src))
			j = max(j, i+1)
			if id := regs.fast.idV(src[i:j], v); id == 0 {
				o.flags |= 4
			} else if o.reg == 0 {
				o.reg, o.flags = id, o.flags|2
			} else {
				o.reg2 = id
			}
			i = j
		case c == '$':
			o.flags |= 1
			i++
		case c == '(' || c == '[':
			o.flags |= 8
			depth++
			i++
		case c == ')' || c == ']':
			depth--
			i++
		default:
			i++
		}
	}
	d.op = append(d.op, o)
	d.ops++
	return i
}
