#include "textflag.h"

TEXT ·declared(SB), NOSPLIT, $0-0
	RET

TEXT ·undeclared(SB), NOSPLIT, $0-0 // want `\[wasm\] undeclared: function undeclared missing Go declaration`
	RET

// Static symbols and other packages' symbols need no declaration here.
TEXT helper<>(SB), NOSPLIT, $0-0
	RET

TEXT runtime·other(SB), NOSPLIT, $0-0
	RET
