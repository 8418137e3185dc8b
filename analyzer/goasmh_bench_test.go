package analyzer

import (
	"os"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/asmcheck/asmcheck/abi"
)

// BenchmarkGoAsmHIndex measures what go_asm.h given by name costs the
// runtime on arm64 before any name is asked for: finding its constants
// and types, and indexing them.
func BenchmarkGoAsmHIndex(b *testing.B) {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax,
		Env: append(os.Environ(), "GOARCH=arm64", "GOOS=linux", "CGO_ENABLED=0")}
	pkgs, err := packages.Load(cfg, "runtime")
	if err != nil {
		b.Fatal(err)
	}
	p := pkgs[0]
	pass := &analysis.Pass{Files: p.Syntax, TypesInfo: p.TypesInfo, Pkg: p.Types}
	arch := abi.ArchFor("arm64")
	b.Run("constNamesAndTypes", func(b *testing.B) {
		for b.Loop() {
			constNamesAndTypes(pass)
		}
	})
	b.Run("index", func(b *testing.B) {
		for b.Loop() {
			consts, tns := constNamesAndTypes(pass)
			if _, ok := abi.NewAsmHeaderIndex(pass.Pkg, consts, tns, arch); !ok {
				b.Fatal("collision")
			}
		}
	})
}
