package asmparse

import (
	"go/token"
	"iter"
	"maps"
	"strings"
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
	lazy    map[string]*cachedHeader // headers given as a MacroSource, by path
}

// A MacroSource is a header made only of object-like macro definitions,
// given by name instead of as text: including it is the same as including
// a header with a line "#define NAME BODY" for each of its names (in any
// order: the names are distinct), except that the positions of the
// macros are unknown (NoPos). Each BODY must be text the lexer reads
// without error, without a newline and without a comment. A MacroSource
// must be comparable (a pointer, usually) and safe for concurrent use.
//
// go_asm.h is such a header: thousands of constants and struct offsets, of
// which a file uses a few; only those are made into Macros.
type MacroSource interface {
	// Lookup returns the body of the macro called name, and whether
	// the header defines it.
	Lookup(name string) (body string, ok bool)
	// Len returns at least the number of names Names yields (it decides
	// which of two headers' names are gone through).
	Len() int
	// Names yields the name of every macro, and perhaps names that are
	// not macros (Lookup says which): a superset may cost a source less
	// to make. They feed the preprocessor's filters of macro names. A
	// name yielded may be valid only until the next one is (a
	// MacroSource may make them one after the other in one buffer): the
	// preprocessor keeps copies.
	Names() iter.Seq[string]
}

// A LazyIncluder is an Includer that can give some headers as a
// MacroSource.
type LazyIncluder interface {
	Includer
	// IncludeMacros returns the path (as Include would) and the macros
	// of the header that #include "name" in the file at path from refers
	// to, if it can give them so; otherwise ok is false and Include is
	// used.
	IncludeMacros(name, from string) (path string, macros MacroSource, ok bool)
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
	first  firstFilter
	// lazy, if not nil, gives the macros instead of macros and byName
	// (a header included through a LazyIncluder).
	lazy MacroSource
}

// has reports whether the header defines name.
func (h *cachedHeader) has(name string) bool {
	if h.lazy != nil {
		_, ok := h.lazy.Lookup(name)
		return ok
	}
	return h.byName[name] != nil
}

// size returns the number of macros the header defines.
func (h *cachedHeader) size() int {
	if h.lazy != nil {
		return h.lazy.Len()
	}
	return len(h.byName)
}

// names yields the names of the header's macros (and perhaps others, for
// a header given as a MacroSource: a name that is no macro can make
// overlaps report true, and the header read as text, which is slower but
// the same).
func (h *cachedHeader) names() iter.Seq[string] {
	if h.lazy != nil {
		return h.lazy.Names()
	}
	return maps.Keys(h.byName)
}

// includeLazy includes the header name through li if it can give it as
// a MacroSource whose names are not defined yet (else the header is read
// as text, which reports the redefinitions), and reports whether it did.
func (p *preprocessor) includeLazy(li LazyIncluder, name, from string) bool {
	path, ms, ok := li.IncludeMacros(name, from)
	if !ok {
		return false
	}
	h := p.lazyHeader(path, ms)
	if p.overlaps(h) {
		return false
	}
	p.file.Includes = append(p.file.Includes, path)
	p.addLayer(h)
	if p.lazyMade == nil {
		p.lazyMade = map[string]*Macro{}
	}
	return true
}

// lazyHeader returns the layer of a header given as a MacroSource, shared
// through the HeaderCache if there is one.
func (p *preprocessor) lazyHeader(path string, ms MacroSource) *cachedHeader {
	if hc := p.headers; hc != nil {
		hc.mu.Lock()
		defer hc.mu.Unlock()
		if h := hc.lazy[path]; h != nil && h.lazy == ms {
			return h
		}
		h := newLazyHeader(path, ms)
		if hc.lazy == nil {
			hc.lazy = map[string]*cachedHeader{}
		}
		hc.lazy[path] = h
		return h
	}
	return newLazyHeader(path, ms)
}

func newLazyHeader(path string, ms MacroSource) *cachedHeader {
	h := &cachedHeader{path: path, ok: true, lazy: ms}
	for name := range ms.Names() {
		hash := macroHash(name)
		h.bloom[hash/64] |= 1 << (hash % 64)
		h.first.add(name)
	}
	return h
}

// lazyMacro returns the macro name of the lazy layer h, made the first
// time the file asks (its body's text becomes one of the file's sources),
// or nil.
func (p *preprocessor) lazyMacro(h *cachedHeader, name string) *Macro {
	if m, ok := p.lazyMade[name]; ok {
		return m
	}
	var m *Macro
	if body, ok := h.lazy.Lookup(name); ok {
		m = newLazyMacro(name, body, p.addSrc(body))
	}
	p.lazyMade[name] = m
	return m
}

// newLazyMacro makes the macro of "#define name body" in a MacroSource;
// id is the source number of body.
func newLazyMacro(name, body string, id int32) *Macro {
	m := newDefine(name, body, id)
	m.Builtin = false
	return m
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
	tf.SetLines(lineStarts(src))
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
		h.first.add(m.Name)
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
	p.addLayer(h)
}

// overlaps reports whether a name that h defines is in the macro table
// (defined, or undefined by #undef over a layer).
func (p *preprocessor) overlaps(h *cachedHeader) bool {
	for name := range p.macros {
		if h.has(name) {
			return true
		}
	}
	for _, l := range p.layers {
		small, large := l, h
		if small.size() > large.size() {
			small, large = large, small
		}
		for name := range small.names() {
			if large.has(name) {
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
		l := p.layers[i]
		if l.lazy != nil {
			if m := p.lazyMacro(l, name); m != nil {
				return m
			}
			continue
		}
		if m := l.byName[name]; m != nil {
			return m
		}
	}
	return nil
}

// inLayers reports whether a cached header installed as a layer defines
// name.
func (p *preprocessor) inLayers(name string) bool {
	for _, l := range p.layers {
		if l.has(name) {
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
		if l.lazy != nil {
			for name := range l.lazy.Names() {
				if body, ok := l.lazy.Lookup(name); ok {
					name = strings.Clone(name) // valid only in this iteration
					out[name] = newLazyMacro(name, body, 0)
				}
			}
			continue
		}
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
