package asmparse

import (
	"go/token"
	"maps"
	"sync"
)

// A HeaderCache lets the files of one package share the reading of the
// headers they include. A header made only of #define lines (and blank
// lines and comments) defines the same macros wherever it is included,
// so it is read once, the first time a file includes it, and every file
// that includes it afterwards gets the same Macros without reading it
// again: go_asm.h, with a #define for every constant and struct field of
// the package, is included by most of the runtime's files. Headers with
// anything else (#ifdef, #include, #undef, statements) are read by each
// file as usual.
//
// A HeaderCache is tied to the FileSet of the first file parsed with it
// (the positions of its macros are in that FileSet); a file parsed into
// another FileSet does not use it. It is safe for concurrent use.
type HeaderCache struct {
	mu      sync.Mutex
	fset    *token.FileSet
	headers map[string]*cachedHeader // by path
}

// A cachedHeader is one header read for a HeaderCache.
type cachedHeader struct {
	path string
	src  string
	// ok reports whether the header can be shared: it defines macros and
	// does nothing else, without errors. The rest is set only if ok.
	ok     bool
	macros []*Macro // in definition order
	byName map[string]*Macro
	bloom  [bloomWords]uint64
}

// get returns the cached reading of the header path with text src for a
// file parsed into fset, reading it if needed, or nil if the header
// cannot be shared.
func (hc *HeaderCache) get(fset *token.FileSet, path string, src []byte) *cachedHeader {
	hc.mu.Lock()
	defer hc.mu.Unlock()
	if hc.fset == nil {
		hc.fset = fset
	}
	if hc.fset != fset {
		return nil
	}
	h := hc.headers[path]
	if h == nil || h.src != string(src) {
		h = readHeader(fset, path, string(src))
		if hc.headers == nil {
			hc.headers = map[string]*cachedHeader{}
		}
		hc.headers[path] = h
	}
	if !h.ok {
		return nil
	}
	return h
}

// readHeader reads a header on its own to see whether it can be shared,
// and if so, what it defines. Read on its own, a header made only of
// #define lines defines what it would in any file: a definition reads
// its body without expanding it. The header must end with a newline, or
// its last #define would go on into the line after the #include.
func readHeader(fset *token.FileSet, path, src string) *cachedHeader {
	h := &cachedHeader{path: path, src: src}
	if len(src) > 0 && src[len(src)-1] != '\n' {
		return h
	}
	f := &File{}
	pp := &preprocessor{fset: fset, macros: map[string]*Macro{}, errs: &f.Errors, file: f}
	tf := fset.AddFile(path, -1, len(src))
	tf.SetLines(lineStarts([]byte(src)))
	pp.pushFile(path, src, token.Pos(tf.Base()))
	pp.defines = []*Macro{}
	for {
		line := pp.line()
		if line == nil {
			break
		}
		for _, t := range line {
			if t.kind != Newline && t.kind != EOF {
				return h // a statement
			}
		}
	}
	if pp.otherDirective || len(f.Errors) > 0 || len(pp.macros) != len(pp.defines) {
		return h
	}
	h.ok = true
	h.macros = pp.defines
	h.byName = pp.macros
	for _, m := range h.macros {
		m.hdr = h
		hash := macroHash(m.Name)
		h.bloom[hash/64] |= 1 << (hash % 64)
	}
	return h
}

// installHeader makes the macros of the cached header h defined, as
// reading it would: if none of its names is defined, h becomes a layer
// of the macro table that lookups search; else each of its macros is
// defined in order, with the errors reading it would report.
func (p *preprocessor) installHeader(h *cachedHeader) {
	p.hdrSrcs = append(p.hdrSrcs, hdrSrc{h, p.addSrc(h.src)})
	if p.overlaps(h) {
		for _, m := range h.macros {
			if old := p.macro(m.Name); old != nil && !sameBody(old, m) {
				p.errorf(m.Pos, "redefinition of macro %s", m.Name)
			}
			p.addMacro(m)
		}
		return
	}
	p.layers = append(p.layers, h)
	for i := range p.bloom {
		p.bloom[i] |= h.bloom[i]
	}
}

// overlaps reports whether a name that h defines is in the macro table
// (defined, or undefined by #undef over a layer).
func (p *preprocessor) overlaps(h *cachedHeader) bool {
	for name := range p.macros {
		if h.byName[name] != nil {
			return true
		}
	}
	for _, l := range p.layers {
		small, large := l.byName, h.byName
		if len(small) > len(large) {
			small, large = large, small
		}
		for name := range small {
			if large[name] != nil {
				return true
			}
		}
	}
	return false
}

// A hdrSrc is the source number a file gave the text of a cached header.
type hdrSrc struct {
	h  *cachedHeader
	id int32
}

// hdrSrc returns the source number of the text of the cached header h.
func (p *preprocessor) hdrSrc(h *cachedHeader) int32 {
	for _, s := range p.hdrSrcs {
		if s.h == h {
			return s.id
		}
	}
	panic("asmparse: macro of a header not installed")
}

// macro returns the macro called name, or nil.
func (p *preprocessor) macro(name string) *Macro {
	if m, ok := p.macros[name]; ok {
		return m // nil if #undef removed it from a layer
	}
	for i := len(p.layers) - 1; i >= 0; i-- {
		if m := p.layers[i].byName[name]; m != nil {
			return m
		}
	}
	return nil
}

// inLayers reports whether a cached header installed as a layer defines
// name.
func (p *preprocessor) inLayers(name string) bool {
	for _, l := range p.layers {
		if l.byName[name] != nil {
			return true
		}
	}
	return false
}

// allMacros returns the macros of a macro table (see preprocessor) by
// name.
func allMacros(macros map[string]*Macro, layers []*cachedHeader) map[string]*Macro {
	if len(layers) == 0 {
		return macros
	}
	out := map[string]*Macro{}
	for _, l := range layers {
		maps.Copy(out, l.byName)
	}
	for name, m := range macros {
		if m == nil {
			delete(out, name)
		} else {
			out[name] = m
		}
	}
	return out
}
