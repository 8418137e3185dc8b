#include "textflag.h"

// Declared by a test file of the package: silent.
TEXT ·declaredInTest(SB), NOSPLIT, $0-0
	RET

// Declared by a darwin test file only, and this is not darwin.
TEXT ·declaredOnDarwin(SB), NOSPLIT, $0-0 // want `function declaredOnDarwin missing Go declaration`
	RET
