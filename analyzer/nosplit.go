package analyzer

import (
	"fmt"
	"go/build"
	"strings"

	"github.com/asmcheck/asmcheck/frame"
)

// NoSplit checks the stack that chains of NOSPLIT functions use against
// the linker's limit.
var NoSplit = newAnalyzer("nosplit", docNoSplit, runNoSplit)

// nosplitRace selects the limit of -race builds (the nosplit.race flag):
// go vet does not tell an analyzer whether the program will be built
// with -race.
var nosplitRace bool

func init() {
	NoSplit.Flags.BoolVar(&nosplitRace, "race", false, "check against the nosplit limit of -race builds (800 bytes more)")
	register(NoSplit)
}

// A nsEdge is one way a NOSPLIT function uses stack: its own frame
// (callee nil, at -1 or the instruction that pushes deepest), or a call
// at instruction at, growing the stack by growth before the callee runs.
type nsEdge struct {
	at      int
	growth  int64
	callee  *frame.Func // the called function of the package, or nil
	target  string      // the target as written, for messages
	kind    nsKind
	cHeight int64 // the callee's height, as the linker counts it
}

type nsKind uint8

const (
	nsLocal     nsKind = iota // the function's own frame and pushes
	nsNoSplit                 // a call to a NOSPLIT function of the package
	nsSplit                   // a call to a function with a stack check: it needs CallSize to call morestack
	nsIndirect                // a call through a register: the linker assumes a splittable callee
	nsMorestack               // runtime·morestack, which the linker counts as 0
	nsUnknown                 // a function outside the package: counted as 0, so heights are lower bounds
)

// A nsNode is what the nosplit check knows about one function.
type nsNode struct {
	fn      *frame.Func
	nosplit bool
	state   uint8 // 0 new, 1 on the DFS stack, 2 done
	height  int64
	edges   []nsEdge
	worst   int // index into edges of the deepest way
	cycleAt int // the call that closes a cycle of NOSPLIT calls, or -1
	cycleTo *frame.Func
}

// nsInfinite is the height of a function in a cycle of NOSPLIT calls:
// the linker treats it as unbounded.
const nsInfinite = 1 << 30

// nosplitCheck computes stack heights the way
// cmd/link/internal/ld/stackcheck.go does, within one package.
type nosplitCheck struct {
	c     *Check
	x     *textIndex
	nodes map[*frame.Func]*nsNode
}

// newNosplitCheck returns a nosplitCheck for c's package.
func newNosplitCheck(c *Check) *nosplitCheck {
	return &nosplitCheck{c: c, x: newTextIndex(c.Pkg), nodes: map[*frame.Func]*nsNode{}}
}

// nosplitModeled reports whether the nosplit check knows fn's prologue
// and the assembler's NOSPLIT rules for it (amd64 and arm64). Raw bytes
// do not stop it: the linker's heights are the assembler's view, in
// which data is no call and moves no SP (frame.Layout.Assembled).
func nosplitModeled(fn *frame.Func) bool {
	r := fn.Arch.Obj()
	return !fn.Bad && r != nil && r.AutoNosplit != nil && fn.Layout().Assembled
}

func runNoSplit(c *Check) {
	ns := newNosplitCheck(c)
	c.EachFunc(func(f *File, fn *frame.Func) {
		if !nosplitModeled(fn) {
			return
		}
		r := fn.Arch.Obj()
		n := ns.node(fn)
		if n == nil || !n.nosplit {
			return
		}
		if n.cycleAt >= 0 {
			ns.reportCycle(f, n)
			return
		}
		goos := fn.File.GOOS
		if goos == "" {
			goos = build.Default.GOOS
		}
		limit := r.NosplitLimit(goos, nosplitRace)
		if own := ns.ownWorst(n, limit); own >= 0 && n.edges[own].growth+n.edges[own].cHeight > limit {
			ns.report(f, n, own, limit, goos)
		}
	})
}

// node returns the computed node of fn, or nil if its NOSPLIT status is
// not known.
func (ns *nosplitCheck) node(fn *frame.Func) *nsNode {
	if n := ns.nodes[fn]; n != nil {
		return n
	}
	nosplit, ok := fn.EffectiveNoSplit()
	if !ok {
		return nil
	}
	n := &nsNode{fn: fn, nosplit: nosplit, cycleAt: -1}
	ns.nodes[fn] = n
	r := fn.Arch.Obj()
	if !nosplit {
		n.height, n.state = r.CallSize, 2
		return n
	}
	n.state = 1
	ns.edgesOf(n, r)
	n.state = 2
	return n
}

// edgesOf computes the stack growth of n's function and of each of its
// calls, in program order as the assembler's pc→SP table does (it sums
// the tracked SP changes of the instructions in order).
func (ns *nosplitCheck) edgesOf(n *nsNode, r *frame.ObjRules) {
	fn := n.fn
	size := fn.Layout().Size
	local := nsEdge{at: -1, growth: size, kind: nsLocal}
	var depth int64 // bytes pushed beyond the prologue, before the instruction
	for i := range fn.Insts {
		e := fn.Inst(i)
		if e.Flow == frame.FlowCall || e.Flow == frame.FlowTailCall {
			growth := size + depth + r.CallSize
			if e.Flow == frame.FlowTailCall && size > 0 {
				// RET sym(SB) pops the frame first; JMP sym(SB) does not.
				// Take the smaller: heights stay lower bounds.
				growth = r.CallSize
			}
			n.edges = append(n.edges, ns.callEdge(n, i, e, growth, r))
		}
		if sp := e.SP; sp.Kind == frame.SPDelta && sp.Tracked {
			depth -= sp.Delta
			if size+depth > local.growth {
				local.growth, local.at = size+depth, i
			}
		}
	}
	n.edges = append(n.edges, local)
	for k, ed := range n.edges {
		if t := ed.growth + ed.cHeight; t > n.height {
			n.height, n.worst = t, k
		}
	}
}

// callEdge returns the edge of the call e at instruction i of n.
func (ns *nosplitCheck) callEdge(n *nsNode, i int, e frame.Inst, growth int64, r *frame.ObjRules) nsEdge {
	ed := nsEdge{at: i, growth: growth, target: e.Target().Sym}
	switch callee := ns.x.callee(n.fn, e); {
	case e.Target().Indirect:
		if e.Flow != frame.FlowCall {
			ed.kind = nsUnknown
			break
		}
		ed.kind, ed.cHeight, ed.target = nsIndirect, r.CallSize, "a function through a register"
	case callee != nil && ns.isMorestack(callee):
		ed.kind, ed.callee = nsMorestack, callee
	case callee != nil:
		ed.callee = callee
		cn := ns.nodes[callee]
		if cn != nil && cn.state == 1 {
			if n.cycleAt < 0 {
				n.cycleAt, n.cycleTo = i, callee
			}
			ed.kind, ed.cHeight = nsNoSplit, nsInfinite
			break
		}
		if cn = ns.node(callee); cn == nil {
			ed.kind = nsUnknown
			break
		}
		ed.kind, ed.cHeight = nsSplit, cn.height
		if cn.nosplit {
			ed.kind = nsNoSplit
		}
	default:
		ed.kind = nsUnknown
	}
	return ed
}

// exact reports whether n's height counts every callee: no call on the
// way leaves the package.
func (ns *nosplitCheck) exact(n *nsNode) bool {
	seen := map[*nsNode]bool{}
	var walk func(n *nsNode) bool
	walk = func(n *nsNode) bool {
		if n == nil || seen[n] {
			return true
		}
		seen[n] = true
		for _, ed := range n.edges {
			if ed.kind == nsUnknown || ed.kind == nsNoSplit && !walk(ns.nodes[ed.callee]) {
				return false
			}
		}
		return true
	}
	return walk(n)
}

// isMorestack reports whether fn is runtime·morestack, whose height the
// linker counts as 0: it switches to the system stack before it calls
// anything (stackcheck.go computeHeight).
func (ns *nosplitCheck) isMorestack(fn *frame.Func) bool {
	return fn.Name == "morestack" && fn.ABI != "ABIInternal" && !fn.Static && ns.x.pkg.Pass.Pkg != nil &&
		ns.x.pkg.Pass.Pkg.Path() == "runtime" && ns.x.local(fn.Pkg)
}

// ownWorst returns the deepest edge of n that does not go through a
// callee that is itself over the limit (that callee gets its own
// diagnostic), or -1.
func (ns *nosplitCheck) ownWorst(n *nsNode, limit int64) int {
	best, h := -1, int64(-1)
	for k, ed := range n.edges {
		if ed.kind == nsNoSplit && ed.cHeight > limit {
			continue
		}
		if t := ed.growth + ed.cHeight; t > h {
			best, h = k, t
		}
	}
	return best
}

// report reports n's edge k, which goes over limit.
func (ns *nosplitCheck) report(f *File, n *nsNode, k int, limit int64, goos string) {
	ed := n.edges[k]
	total := ed.growth + ed.cHeight
	pos := n.fn.Pos()
	if _, op, _ := n.fn.File.Stmts[n.fn.Text].TextFlags(); op != nil {
		pos = op.Pos
	}
	if ed.at >= 0 {
		pos = n.fn.Insts[ed.at].Pos
	}
	chain, lower := ns.chain(n, k)
	atLeast := ""
	if lower {
		atLeast = "at least "
	}
	raceNote := "; with -race the limit is 800 bytes higher (asmcheck -nosplit.race)"
	if nosplitRace {
		raceNote = " (the -race limit)"
	}
	ns.c.Report(Diag{File: f, Fn: n.fn, Pos: pos, Msg: fmt.Sprintf(
		"NOSPLIT stack overflow: %s uses %s%d bytes of stack without a stack check, %d over the linker's %d-byte limit for %s/%s%s: %s. "+
			"No program that calls %s links (\"nosplit stack over %d byte limit\", cmd/link/internal/ld/stackcheck.go); "+
			"shrink the frames, or drop NOSPLIT from a function in the chain so that it checks for stack growth",
		n.fn.Name, atLeast, total, total-limit, limit, goos, n.fn.Arch.Name, raceNote, chain, n.fn.Name, limit)})
}

// chain renders the deepest path from n starting with edge k, and
// reports whether it goes through a callee asmcheck cannot see into.
func (ns *nosplitCheck) chain(n *nsNode, k int) (string, bool) {
	var parts []string
	lower := false
	for depth := 0; n != nil && depth < 32; depth++ {
		ed := n.edges[k]
		part := fmt.Sprintf("%s grows %d bytes", n.fn.Name, ed.growth)
		var next *nsNode
		switch ed.kind {
		case nsNoSplit:
			part += ", calls " + ed.target
			next = ns.nodes[ed.callee]
		case nsSplit:
			part += fmt.Sprintf(", calls %s, which is not NOSPLIT: its stack check needs %d bytes", ed.target, ed.cHeight)
		case nsIndirect:
			part += fmt.Sprintf(", calls %s (the linker assumes %d bytes for it)", ed.target, ed.cHeight)
		case nsUnknown:
			part += fmt.Sprintf(", calls %s (outside the package: not counted)", ed.target)
			lower = true
		case nsMorestack:
			part += ", calls " + ed.target
		}
		parts = append(parts, part)
		if next == nil {
			break
		}
		n, k = next, next.worst
	}
	return strings.Join(parts, "; "), lower
}

// reportCycle reports the cycle of NOSPLIT calls that n's call at
// cycleAt closes.
func (ns *nosplitCheck) reportCycle(f *File, n *nsNode) {
	names := []string{n.fn.Name}
	for _, fn := range ns.path(n.cycleTo, n.fn) {
		names = append(names, fn.Name)
	}
	ns.c.Report(Diag{File: f, Fn: n.fn, Pos: n.fn.Insts[n.cycleAt].Pos, Msg: fmt.Sprintf(
		"NOSPLIT functions call each other in a cycle (%s): none of them checks for stack growth, so the linker counts the cycle as "+
			"unbounded stack and refuses to link a program that calls them (\"nosplit stack over … limit\" … \"infinite cycle\", "+
			"cmd/link/internal/ld/stackcheck.go); drop NOSPLIT from one function of the cycle",
		strings.Join(names, " → "))})
}

// path returns the functions on a shortest chain of NOSPLIT calls from
// `from` to `to`, both included.
func (ns *nosplitCheck) path(from, to *frame.Func) []*frame.Func {
	prev := map[*frame.Func]*frame.Func{from: nil}
	queue := []*frame.Func{from}
	for len(queue) > 0 && prev[to] == nil && from != to {
		cur := queue[0]
		queue = queue[1:]
		n := ns.nodes[cur]
		if n == nil {
			continue
		}
		for _, ed := range n.edges {
			if ed.kind != nsNoSplit || ed.callee == nil {
				continue
			}
			if _, seen := prev[ed.callee]; !seen {
				prev[ed.callee] = cur
				queue = append(queue, ed.callee)
			}
		}
	}
	var out []*frame.Func
	for fn := to; fn != nil; fn = prev[fn] {
		out = append([]*frame.Func{fn}, out...)
		if fn == from {
			break
		}
	}
	return out
}

const docNoSplit = `check the stack used by chains of NOSPLIT functions

A NOSPLIT function has no stack check, so the linker checks that every
chain of NOSPLIT calls fits in the space a splittable caller guarantees:
StackNosplit (800 bytes, doubled on aix and openbsd, plus 800 with -race)
less the size of a call (8 on amd64) and 8 more on arm64: 792 bytes on
linux/amd64 and linux/arm64 (cmd/link/internal/ld/stackcheck.go,
cmd/internal/objabi/stack.go, internal/abi/stack.go). A function's height is
its frame after the prologue (frame + saved BP on amd64, frame + LR rounded
to 16 on arm64) plus what it pushes, or, at a call or tail call, the stack in
use there plus the return address plus the callee's height; a splittable
callee costs the call to morestack, a call through a register the same.
asmcheck follows calls to functions of the package, including the small
leaves the assembler makes NOSPLIT itself, and reports any function whose
chain goes over the limit, or a cycle of NOSPLIT calls. Calls into other
packages are not followed (counted as 0), so what it reports is a lower
bound. Modeled for amd64 and arm64. The -nosplit.race flag checks against
the -race limit; go vet cannot tell an analyzer about -race.`
