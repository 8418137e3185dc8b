package frame

import (
	"go/token"
	"strings"
	"sync"
	"testing"

	"github.com/asmcheck/asmcheck/asmparse"
)

func lowerSrc(t *testing.T, arch, src string) []*Func {
	t.Helper()
	fset := token.NewFileSet()
	f, err := asmparse.ParseFile(fset, "x_"+arch+".s", []byte(src), &asmparse.Config{GOARCH: arch})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return Funcs(f, ArchFor(arch))
}

func TestLowerAMD64(t *testing.T) {
	fns := lowerSrc(t, "amd64", `#include "textflag.h"
TEXT ·f(SB), NOSPLIT, $16-24
	MOVQ x+0(FP), AX
	SUBQ $8, SP
	PUSHQ BP
	LEAQ 8(SP), BX
	CMPQ AX, $0
	JEQ done
	CALL ·g(SB)
done:
	POPQ BP
	ADDQ $8, SP
	MOVQ AX, ret+16(FP)
	RET
`)
	if len(fns) != 1 {
		t.Fatalf("got %d funcs", len(fns))
	}
	fn := fns[0]
	if fn.Sym != "·f" || !fn.Has(FlagNOSPLIT) || fn.Frame != 16 || fn.Args != 24 {
		t.Errorf("TEXT: %+v", fn)
	}
	var got []string
	for i := range fn.Insts {
		got = append(got, fn.Inst(i).String())
	}
	want := []string{
		"MOVQ", "SUBQ sp=1/-8/0", "PUSHQ sp=1/-8/0", "LEAQ", "CMPQ", "JEQ flow=condjump(done)",
		"CALL flow=call(·g)", "POPQ sp=1/8/0", "ADDQ sp=1/8/0", "MOVQ", "RET flow=return",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("effects:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !fn.Insts[1].SP.SPWrite || fn.Insts[2].SP.SPWrite || !fn.Insts[2].SP.Tracked {
		t.Errorf("SPWRITE/tracking wrong: %+v %+v", fn.Insts[1].SP, fn.Insts[2].SP)
	}
	m := fn.Inst(0).Mem()[0]
	if m.Base != BaseFP || fn.Inst(0).MemName(&m) != "x" || fn.Inst(0).MemText(&m) != "x+0(FP)" || m.Off != 0 || m.Size != 8 || !m.Read {
		t.Errorf("FP operand: %+v", m)
	}
	if g := fn.CFG(); len(g.Blocks) != 3 {
		t.Errorf("got %d blocks", len(g.Blocks))
	}
	if _, off := fn.FallsOffEnd(); off {
		t.Errorf("falls off end")
	}
}

func TestLowerARM64WriteBack(t *testing.T) {
	fns := lowerSrc(t, "arm64", `TEXT ·f(SB), 0, $0-8
	MOVD.W R0, -16(RSP)
	MOVD.P 16(RSP), R0
	SUB $32, RSP
	ADD $32, RSP
	FMOVD F8, x+0(FP)
	RET
`)
	e := allInsts(fns[0])
	if e[0].SP.Kind != SPDelta || e[0].SP.Delta != -16 || e[0].SP.Tracked || e[0].SP.SPWrite {
		t.Errorf("MOVD.W: %+v", e[0].SP)
	}
	if e[0].Mem()[0].Off != -16 || !e[0].Mem()[0].Write {
		t.Errorf("MOVD.W mem: %+v", e[0].Mem()[0])
	}
	if e[1].SP.Delta != 16 || e[1].Mem()[0].Off != 0 {
		t.Errorf("MOVD.P: %+v %+v", e[1].SP, e[1].Mem()[0])
	}
	if !e[2].SP.Tracked || e[2].SP.Delta != -32 || e[2].SP.SPWrite {
		t.Errorf("SUB $32, RSP: %+v", e[2].SP)
	}
	rf := ArchFor("arm64").Regs
	if len(e[4].Reads()) != 2 || rf.Name(e[4].Reads()[0].Reg) != "V8" || e[4].Reads()[0].Size != 8 || rf.Name(e[4].Reads()[1].Reg) != "RSP" {
		t.Errorf("FMOVD F8 reads %+v", e[4].Reads())
	}
}

// TestArchForBuildsOnce checks the archs built on first use: every name
// Arches lists gives an Arch of that name, the same one however many
// goroutines ask at once, and an unknown name gives nil.
func TestArchForBuildsOnce(t *testing.T) {
	for _, name := range Arches() {
		got := make([]*Arch, 8)
		var wg sync.WaitGroup
		for i := range got {
			wg.Go(func() { got[i] = ArchFor(name) })
		}
		wg.Wait()
		for _, a := range got {
			if a == nil || a != got[0] || a.Name != name {
				t.Fatalf("ArchFor(%q) from 8 goroutines: %v", name, got)
			}
		}
	}
	if len(Arches()) < 14 {
		t.Errorf("Arches() = %v, want every GOARCH", Arches())
	}
	if a := ArchFor("vax"); a != nil {
		t.Errorf("ArchFor(vax) = %v, want nil", a)
	}
}

// allInsts returns the instructions of fn.
func allInsts(fn *Func) []Inst {
	out := make([]Inst, len(fn.Insts))
	for i := range out {
		out[i] = fn.Inst(i)
	}
	return out
}
