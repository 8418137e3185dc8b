#include "textflag.h"

TEXT ·declared(SB), NOSPLIT, $0-0
	RET

TEXT ·onlyArm64(SB), NOSPLIT, $0-0
	RET

TEXT ·undeclared(SB), NOSPLIT, $0-0 // want `function undeclared missing Go declaration`
	RET

TEXT helper<>(SB), NOSPLIT, $0-0
	RET

TEXT ·onlyArm64Dead(SB), NOSPLIT, $0-0
	RET

TEXT ·ExportedArm64(SB), NOSPLIT, $0-0
	RET

TEXT ·unusedArm64(SB), NOSPLIT, $0-0
	RET
