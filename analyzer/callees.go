package analyzer

// funcIndex is the index of the package's TEXT blocks by the symbol a
// call names (see textIndex, in safepoint.go). The name is kept for code
// written against it.
type funcIndex = textIndex

// newFuncIndex is newTextIndex.
func newFuncIndex(p *Package) *funcIndex { return newTextIndex(p) }
