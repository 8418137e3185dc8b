package abi

import (
	"fmt"
	"math/rand"
	"strings"
)

// sigGen generates random Go signatures for the differential tests, as
// source text, together with the named types they use.
type sigGen struct {
	r     *rand.Rand
	decls []string // "type Tn struct{...}" declarations
}

func newSigGen(seed int64) *sigGen {
	return &sigGen{r: rand.New(rand.NewSource(seed))}
}

var scalarTypes = []string{
	"int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
	"int", "uint", "uintptr", "bool", "byte", "rune", "float32", "float64",
}

// typ returns a random type expression; depth bounds the nesting.
func (g *sigGen) typ(depth int) string {
	n := g.r.Intn(100)
	if depth <= 0 && n >= 60 {
		n = g.r.Intn(60)
	}
	switch {
	case n < 34:
		return scalarTypes[g.r.Intn(len(scalarTypes))]
	case n < 40:
		return "string"
	case n < 44:
		return []string{"complex64", "complex128"}[g.r.Intn(2)]
	case n < 48:
		return "*" + scalarTypes[g.r.Intn(len(scalarTypes))]
	case n < 51:
		return []string{"any", "error", "interface{ M() }"}[g.r.Intn(3)]
	case n < 53:
		return []string{"map[string]int", "chan int", "func(int) bool", "unsafe.Pointer"}[g.r.Intn(4)]
	case n < 60:
		return "[]" + g.typ(0)
	case n < 78:
		return g.structType(depth - 1)
	default:
		return fmt.Sprintf("[%d]%s", g.r.Intn(4), g.typ(depth-1))
	}
}

// structType returns an anonymous or named struct type with 0-4 fields,
// sometimes ending in a zero-size field.
func (g *sigGen) structType(depth int) string {
	nf := g.r.Intn(5)
	fields := make([]string, 0, nf+1)
	for i := 0; i < nf; i++ {
		fields = append(fields, fmt.Sprintf("f%d %s", i, g.typ(depth)))
	}
	if g.r.Intn(6) == 0 {
		fields = append(fields, fmt.Sprintf("z%d struct{}", nf))
	}
	body := "struct{ " + strings.Join(fields, "; ") + " }"
	if g.r.Intn(2) == 0 {
		return body
	}
	name := fmt.Sprintf("T%d", len(g.decls))
	g.decls = append(g.decls, "type "+name+" "+body)
	return name
}

// list returns n random types.
func (g *sigGen) list(n int) []string {
	ts := make([]string, n)
	for i := range ts {
		ts[i] = g.typ(2)
	}
	return ts
}

// genSig is one generated signature: parameter and result types.
type genSig struct {
	params, results []string
}

// sig returns a random signature; some have many arguments to exhaust
// the argument registers.
func (g *sigGen) sig() genSig {
	np, nr := g.r.Intn(7), g.r.Intn(4)
	if g.r.Intn(4) == 0 {
		np, nr = 8+g.r.Intn(16), 2+g.r.Intn(10)
	}
	return genSig{params: g.list(np), results: g.list(nr)}
}

// source returns "func(p0 T0, p1 T1) (r0 U0)" with the given name.
func (s genSig) source(name string) string {
	return fmt.Sprintf("func %s(%s) (%s)", name, joinNamed("p", s.params), joinNamed("r", s.results))
}

// joinNamed names the types prefix0, prefix1...
func joinNamed(prefix string, ts []string) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = fmt.Sprintf("%s%d %s", prefix, i, t)
	}
	return strings.Join(parts, ", ")
}
