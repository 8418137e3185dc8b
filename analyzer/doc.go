// Package analyzer defines the asmcheck checks as go/analysis Analyzers.
//
// Every check is its own Analyzer with a stable name, so that users can
// turn one off (`asmcheck -fpwidth=false ./...`, or under go vet
// `go vet -vettool=$(which asmcheck) -fpwidth=false ./...`). All of them
// require Load, which parses the package's assembly once and lowers it to
// the Effects of package frame; checks read Effects, never mnemonics.
//
// A diagnostic reads "[arch] func: what is wrong: why it breaks at run
// time; how to fix it". The category of every diagnostic is the name of
// its check. A comment
//
//	//asmcheck:ignore check[,check…] reason
//
// on the reported line or the line before it silences those checks there;
// on a TEXT line (or the line before it), in the whole function. The reason
// is required.
//
// Each check has a page in docs/checks/NAME.md: what it finds, why it
// breaks at run time, a wrong and a right example, and the Go source the
// rule comes from.
package analyzer

const docSyntax = `report assembly that cannot be read

The syntax check reports what the asmcheck parser cannot read: a malformed
operand, an unknown directive, an #include that cannot be found, an
unterminated #ifdef, a recursive macro. The rest of the file is still
checked. It also reports //asmcheck:ignore directives without a reason, and
a panic in asmcheck's own parser or lowering of a file (a bug), after which
the other files are still checked.`

const docArgSize = `check the argument size in TEXT $frame-args

The number after the '-' in "TEXT ·f(SB), $frame-args" must be the size of
f's arguments and results in the ABI0 frame, computed from the Go
declaration for the target arch (go vet's asmdecl check, on every arch).
NOSPLIT functions may leave it out.`

const docFPOffset = `check name+off(FP) references against the Go declaration

Every name+off(FP) must name a parameter or result (or a component such as
s_base, s_len, i_data, c_real, p_field) at its true offset; unnamed off(FP)
and hardware-SP references into the argument area (8(SP) on amd64 in a
frameless function) are reported with the name+off(FP) they should be.
References inside #define bodies are checked where the macro is used.`

const docFPWidth = `check the width of argument and result accesses

A MOVL of an int64 argument reads half of it; a MOVQ store to a bool result
overwrites the next result. The width of every access through FP must be
the size of what it names (go vet's asmdecl does this on some arches only;
asmcheck on every arch, from the instruction's effect). A plain move comes
with a fix (every arch but wasm): the move of the value's width.`

const docResults = `check that every result is written before RET

An ABI0 function returns its results in the caller's frame: a RET that can
be reached without storing to a result leaves the caller with stack garbage.
Each result must be written on every path to each RET (a tail call JMP or
RET sym(SB) is exempt). For an <ABIInternal> function, the result registers
of the register ABI must be written instead.`

const docPrototype = `check that assembly functions and Go declarations match

A TEXT ·f(SB) in a package must have a Go declaration func f(...) without a
body (unless it is static, f<>, or NOFRAME), and a body-less Go function that
the package implements in assembly for some arches must be implemented for
every arch it is built for, or the link fails.`
