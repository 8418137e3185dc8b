package asmparse

import (
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// addCorpusSeeds adds GOROOT's .s files (read at test time) and a few
// small hand-written inputs as seeds.
func addCorpusSeeds(f *testing.F) {
	for _, s := range []string{
		"",
		"\tMOVQ AX, BX\n",
		"#define A(x) x+1\n\tMOVQ $A(A(2)), AX\n",
		"#define A A A\n\tMOVQ $A, AX\n",
		"#ifdef X\n#else\n\tNOP\n#endif\n",
		"TEXT ·f(SB), NOSPLIT|NOFRAME, $16-24\n\tVLD1.P 32(R1), [V0.B16, V1.B16]\n",
		"DATA x<>+8(SB)/8, $\"abc\\n\"\nGLOBL x<>(SB), RODATA, $16\n",
		"#define M \\\n\tNOP \\\n\t#ifdef GOOS_linux \\\n\tRET \\\n\t#endif\nM\n",
		"\tMOVQ $'a', AX; l: JMP l\n\tMOVSD $(-1.5e3), X0\n\tSHLL CX, AX:DX\n",
		"/* x\n",
		"\tMOVQ $\"abc\n",
		"\x00\xff\xfe#",
	} {
		f.Add(s)
	}
	dir := filepath.Join(runtime.GOROOT(), "src")
	if testing.Short() {
		return
	}
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".s") {
			if src, err := os.ReadFile(path); err == nil && len(src) < 64<<10 {
				f.Add(string(src))
			}
		}
		return nil
	})
}

// builtinOnly resolves only the built-in headers, so that fuzzing reads
// no file.
var builtinOnly = &DirIncluder{ReadFile: func(string) ([]byte, error) { return nil, fs.ErrNotExist }}

// checkErrors checks that every error has a position in a file of fset,
// inside that file.
func checkErrors(t *testing.T, fset *token.FileSet, errs ErrorList) {
	t.Helper()
	for _, e := range errs {
		if !validPos(fset, e.Pos) {
			t.Fatalf("error %q has invalid position %d", e.Msg, e.Pos)
		}
		if e.Msg == "" {
			t.Fatalf("error with no message at %s", fset.Position(e.Pos))
		}
	}
}

func validPos(fset *token.FileSet, pos token.Pos) bool {
	if !pos.IsValid() {
		return false
	}
	tf := fset.File(pos)
	return tf != nil && int(pos)-tf.Base() <= tf.Size()
}

func FuzzLexer(f *testing.F) {
	addCorpusSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		fset := token.NewFileSet()
		tf := fset.AddFile("x.s", -1, len(src))
		base := token.Pos(tf.Base())
		var errs ErrorList
		lx := newLexer(src, base)
		lx.errorf = func(pos token.Pos, format string, args ...any) { errs.Add(pos, format) }
		prev := base
		for n := 0; ; n++ {
			if n > len(src)+1 {
				t.Fatalf("more tokens than bytes")
			}
			tk := lx.next()
			text := src[tk.off : tk.off+tk.n]
			if tk.pos < prev || int(tk.pos-base)+len(text) > len(src) {
				t.Fatalf("token %q at %d out of order or outside the file", text, tk.pos-base)
			}
			prev = tk.pos
			if tk.kind == EOF {
				if tk.pos != base+token.Pos(len(src)) {
					t.Fatalf("EOF at %d, not at the end", tk.pos-base)
				}
				break
			}
			if text == "" || int(tk.pos-base) != int(tk.off) {
				t.Fatalf("token text %q is not the source at %d", text, tk.pos-base)
			}
		}
		checkErrors(t, fset, errs)
	})
}

func FuzzPreprocess(f *testing.F) {
	addCorpusSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		fset := token.NewFileSet()
		tf := fset.AddFile("x.s", -1, len(src))
		tf.SetLinesForContent([]byte(src))
		base := token.Pos(tf.Base())
		file := &File{Name: "x.s", Src: src, Base: base}
		pp := &preprocessor{fset: fset, includer: builtinOnly, macros: map[string]*Macro{}, errs: &file.Errors, file: file}
		pp.predefine(DefaultDefines("linux", "amd64"))
		pp.pushFile("x.s", src, base)
		total := 0
		for line := pp.line(); line != nil; line = pp.line() {
			total += len(line)
			if total > maxExpansion+len(src)+1 {
				t.Fatalf("more tokens than the expansion limit allows")
			}
			for i := range line {
				tok := pp.export(line[i])
				if tok.Kind == EOF {
					continue
				}
				if !validPos(fset, tok.Use()) {
					t.Fatalf("token %q has invalid use position %d", tok.Text, tok.Use())
				}
				if tok.Exp == nil && tok.Kind != Newline && !validPos(fset, tok.Pos) {
					t.Fatalf("token %q not from a macro has no position", tok.Text)
				}
			}
		}
		checkErrors(t, fset, file.Errors)
	})
}

// fuzzArches are the arches FuzzParse and FuzzFastPaths parse each input
// for: one of each family of register names and syntax (mips64 stands for
// mips, mipsle and mips64le; ppc64le for ppc64).
var fuzzArches = []string{"amd64", "arm64", "ppc64le", "arm", "386", "riscv64", "s390x", "mips64", "loong64", "wasm"}

func FuzzParse(f *testing.F) {
	addCorpusSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		for _, arch := range fuzzArches {
			fset := token.NewFileSet()
			file, err := ParseFile(fset, "x.s", []byte(src), &Config{GOARCH: arch, GOOS: "linux", Includer: builtinOnly})
			if file == nil {
				t.Fatal("nil File")
			}
			if (err == nil) != (len(file.Errors) == 0) {
				t.Fatalf("error %v but %d errors in File", err, len(file.Errors))
			}
			checkErrors(t, fset, file.Errors)
			tf := fset.File(file.Base)
			prev := token.NoPos
			for i := range file.Stmts {
				s := &file.Stmts[i]
				if !validPos(fset, s.Pos) {
					t.Fatalf("statement %s has invalid position", s.Op)
				}
				if s.Exp == nil && fset.File(s.Pos) == tf {
					if s.Pos < prev {
						t.Fatalf("statement %s at %s before the previous one", s.Op, fset.Position(s.Pos))
					}
					prev = s.Pos
				}
				for j := range s.Args {
					a := &s.Args[j]
					if a.Text == "" {
						t.Fatalf("%s at %s: operand %d has no text", s.Op, fset.Position(s.Pos), j)
					}
					if !validPos(fset, a.Pos) {
						t.Fatalf("%s: operand %q has invalid position", s.Op, a.Text)
					}
				}
			}
		}
	})
}

// FuzzFastPaths checks that the parser's fast paths (fastLine,
// fastOperand) give exactly what the general path gives, on any input.
func FuzzFastPaths(f *testing.F) {
	addCorpusSeeds(f)
	f.Add("loop:\n\tMOVQ\tx+8(FP), AX // c\n\tJNE loop\n")
	f.Add("\tMOVD.P\t8(R1), R2\n\tADD $1, R3; SUB $2, R4\n")
	for _, line := range fastLineSamples {
		f.Add(fastLinePrelude + line + "\n")
	}
	for _, c := range fastInvokeCases {
		f.Add(c.src)
	}
	// Chains of register macros, one looping.
	f.Add("#define a b\n#define b c\n#define c d\n#define d e\n#define e AX\n\tMOVQ a, b\n\tMOVQ c, (d)\n")
	f.Add("#define self self\n#define x self\n\tMOVQ x, AX\n\tMOVQ self, BX\n")
	// Statements of a template made again from the one parsed at an
	// earlier invocation (parser.recordStmt), and an argument that is a
	// macro of punctuation, which splits the statement differently.
	f.Add("#define SEMI ;\n#define M(a) MOVD R1, a\n\n\tM(R2)\n\tM(R3)\n\tM(R4)\n\tM(SEMI)\n")
	f.Add("#define COMMA ,\n#define M(a) ADD $1 a R2\n\n\tM(COMMA)\n\tM(COMMA)\n\tM(COMMA)\n\tM(R3)\n")
	f.Add("#include \"funcdata.h\"\n#define CALLFN(NAME,MAXSIZE) TEXT NAME(SB), WRAPPER, $MAXSIZE-48; NO_LOCAL_POINTERS; MOVD $MAXSIZE, R16; BL (R16); RET\n\nCALLFN(·a, 16)\nCALLFN(·b, 32)\nCALLFN(·c, 64)\n")
	f.Add("#define M(a) MOVL a, AX; MULL BX:CX; IMUL3Q $8, a, DX\n\n\tM(CX)\n\tM(DX)\n\tM(SI)\n")
	f.Add("#define M(c) ADD.c R1, R2\n\n\tM(EQ)\n\tM(NE)\n\tM(LT)\n\tM(GE)\n")
	// A suffix that is a macro name: the assembler expands it.
	f.Add("#define S XX\n#define W XX\n\tADD.S\tR2, R0\n\tMOVD.W\tR2, 8(RSP)\n")
	// Lines left out by a false #ifdef (lexer.skipDisabled): comments
	// that hide a directive or record one, quotes, bytes the lexer
	// rejects, a directive after a block comment.
	f.Add("#ifdef X\n\tMOVQ $'a', AX // c\n/* #endif\n*/ #else\n\tADDQ $1, AX\n#endif\n\tRET\n")
	f.Add("#ifndef GOARCH_amd64\n//go:build x\nA / B\n\"unterminated\n\x01 \xff\n  #  else\n\tNOP\n#endif\nTEXT ·f(SB), 0, $0\n")
	f.Add("#ifdef X\n#define M(a) MOVQ a, \\\n\tAX\n#endif\n#ifdef Y\nM(1)\n#else\n#ifdef Z\n\tRET\n#endif\n#endif\n\tRET")
	f.Fuzz(func(t *testing.T, src string) {
		for _, arch := range fuzzArches {
			parse := func(slow bool) *File {
				noFastOperands, noFastLines = slow, slow
				defer func() { noFastOperands, noFastLines = false, false }()
				file, _ := ParseFile(token.NewFileSet(), "x.s", []byte(src), &Config{GOARCH: arch, GOOS: "linux", Includer: builtinOnly})
				return file
			}
			fast, slow := parse(false), parse(true)
			fast.macros, slow.macros, fast.layers, slow.layers = nil, nil, nil, nil
			if !sameParse(fast, slow) {
				t.Fatalf("%s: fast paths parse %q differently:\n%+v\n%+v", arch, src, fast.Stmts, slow.Stmts)
			}
		}
	})
}

// fastLineSamples are lines of each form fastLine reads, after the
// definitions in fastLinePrelude.
var fastLineSamples = []string{
	"\tMOVQ\tx+8(FP), AX // c",
	"loop:\tJNE loop",
	"\tMOVD.P\t8(R1), R2",
	"TEXT ·f(SB), NOSPLIT|NOFRAME, $0-24",
	"TEXT ·f<ABIInternal>(SB), NOSPLIT, $-8",
	"TEXT ·g(SB),0,$FRAME-8",
	"DATA ·tab<>+0x10(SB)/8, $0xdeadbeef",
	"DATA\tmask<> + 8(SB)/4, $-1",
	"GLOBL ·tab<>(SB), RODATA|NOPTR, $32",
	"GLOBL runtime·tls_g+0(SB), TLSBSS+DUPOK, $8",
	"\tMOVQ $-8, AX",
	"\tANDQ $~15, SP",
	"\tMOVQ $0x7f, BX",
	"\tMOVQ $CONST, acc0",
	"\tMOVQ -8(BP), acc1",
	"\tLEAQ (AX)(BX*8), CX",
	"\tMOVQ 16(SI)(DX*1), CX",
	"\tMOVQ sym(SB)(AX*8), CX",
	"\tMOVQ (ptr), acc0",
	"\tMOVQ OFF(ptr)(acc1*SCALE), AX",
	"\tMOVQ g_m(R14), AX",
	"\tLEAQ $·sym+8(SB), AX",
	"\tCALL runtime·f<ABIInternal>(SB)",
	"\tVADD V1.B16, V2.B16, V3.B16",
	"\tMOVQ $CONST|1, AX",
	"\tJMP 2(PC)",
	"\tMOVD $(-64*1024)(R7), R0",
	"\tMOVD $14*16, R3",
	"\tMOVD (16+CONST)(R1), R0",
	"\tMOVD $((1<<3)|7^2)/3%5, R1",
	"\tMOVD $-(2*3) & ~CONST >> 1, R1",
	"\tMOVD R2, (2*8)(R20)",
	"\tMOVD 0*16(R1), R2 // (R4, R5)",
	"\tMOVD (R0, R1), R2",
	"\tMOVD (R1+R2), R3",
	"\tMOVQ (acc0, acc1 ), BX",
	"\tVLD1.P 64(R1), [V12.D2, V13.D2 ,V14.D2]",
	"\tVST1 [V1.B16], (R0)",
	"\tVMOV R1, V0.D[1]",
	"\tVMOV V0.S[OFF/4], R2",
	"\tVTBL V1.B16, [V2.B16, V3.B16], V4.B16",
	"\tMOVQ acc2, acc3",
	"\tMOVQ 8(acc3), acc2",
}

const fastLinePrelude = `#include "textflag.h"
#define acc0 AX
#define acc1 R8
#define ptr SI
#define CONST 0x20
#define OFF 16
#define SCALE 4
#define FRAME 32
#define g_m 48
#define acc2 acc0
#define acc3 acc2
	NOP // the line after directives is read with them
`

// TestFastLineForms checks that fastLine reads each of fastLineSamples
// itself, and gives for it what the general path gives.
func TestFastLineForms(t *testing.T) {
	for _, line := range fastLineSamples {
		arch := "amd64"
		if strings.Contains(line, "V1.B16") || strings.Contains(line, "MOVD") || strings.Contains(line, "VLD1") || strings.Contains(line, "VMOV") {
			arch = "arm64"
		}
		src := fastLinePrelude + line + "\n\tRET\n"
		read := false
		fastLineTested = func(l string, ok bool) {
			if l == line {
				read = ok
			}
		}
		fast, _ := ParseFile(token.NewFileSet(), "x.s", []byte(src), &Config{GOARCH: arch, GOOS: "linux", Includer: builtinOnly})
		fastLineTested = nil
		if !read {
			t.Errorf("%q: not read by fastLine", line)
		}
		noFastOperands, noFastLines = true, true
		slow, _ := ParseFile(token.NewFileSet(), "x.s", []byte(src), &Config{GOARCH: arch, GOOS: "linux", Includer: builtinOnly})
		noFastOperands, noFastLines = false, false
		fast.macros, slow.macros, fast.layers, slow.layers = nil, nil, nil, nil
		if !sameParse(fast, slow) {
			t.Errorf("%q: fast paths parse it differently:\n%+v\n%+v", line, fast.Stmts, slow.Stmts)
		}
		if len(fast.Errors) > 0 {
			t.Errorf("%q: %v", line, fast.Errors)
		}
	}
}

// sameParse reports whether a and b hold the same: reflect.DeepEqual, and
// the same mnemonics, whose suffixes follow Op in memory, where
// DeepEqual does not look (Stmt.Suffix).
func sameParse(a, b *File) bool {
	if !reflect.DeepEqual(a, b) {
		return false
	}
	for i := range a.Stmts {
		if a.Stmts[i].Mnemonic() != b.Stmts[i].Mnemonic() {
			return false
		}
	}
	return true
}
