#include "textflag.h"

// A .s file named _test.s is still built into the package: its functions
// need Go declarations like any other's.
TEXT ·inTestNamedFile(SB), NOSPLIT, $0-0 // want `function inTestNamedFile missing Go declaration: .* \(inTestNamedFile<>\) \(extra_amd64_test.s is not a test file: the go command builds every .s file into the package, whatever its name, and only _test.go files are left out\)`
	RET

TEXT ·inTestNamedFileOK(SB), NOSPLIT, $0-0
	RET
