// Package asmparse reads Go's Plan 9 assembly: a lexer, a preprocessor and
// a parser for the syntax of every GOARCH the Go assembler supports (386,
// amd64, arm, arm64, loong64, mips*, ppc64*, riscv64, s390x, wasm).
//
// It knows syntax only. What an instruction does, what a frame looks like
// and what the Go types are belong to other packages.
//
// ParseFile has the shape of go/parser.ParseFile: it adds the file (and
// the files it includes) to a token.FileSet, returns a File with every
// statement it could read, and reports problems as an ErrorList. A
// malformed statement is marked Bad and the rest of the file is still
// read. Each malformed construct gives one error, at its position (for
// what a macro produced, at the outermost invocation): an unterminated
// string, a recursive macro or a bad argument list leaves an Illegal token
// behind, and the statement that holds it is marked Bad without a second
// error. Macro expansion is bounded (recursion is cut at the first repeated
// macro, a line may expand to at most 65536 tokens), so no input makes
// ParseFile hang or use unbounded memory.
//
// The preprocessor follows cmd/asm/internal/lex: #include, object-like and
// function-like #define (with backslash-newline continuations that become
// statement separators), #undef, #ifdef, #ifndef, #else and #endif —
// also inside macro bodies, as cmd/asm allows. Each token remembers the
// macro expansion it came from (Token.Exp), so that diagnostics can point
// at the use and name the macro. The definitions `go build` passes with -D
// (GOOS_linux, GOARCH_amd64, GOAMD64_v1 …) are predefined (DefaultDefines),
// and the headers in $GOROOT/pkg/include (textflag.h, funcdata.h …) are
// built in, so no GOROOT is needed at run time. go_asm.h, which `go build`
// generates, is for the caller to supply through an Includer. The Macros
// of the built-in headers and of -D definitions are shared by every File
// (Macro.Builtin): treat them as read-only.
//
// The parser is checked against cmd/asm itself (oracle_test.go: every
// instruction of every .s file that `go build std cmd` assembles, for 26
// GOOS/GOARCH pairs), and fuzzed (FuzzLexer, FuzzPreprocess, FuzzParse).
package asmparse
