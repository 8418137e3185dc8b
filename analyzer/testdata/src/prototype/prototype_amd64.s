#include "textflag.h"

TEXT ·declared(SB), NOSPLIT, $0-0
	RET

TEXT ·undeclared(SB), NOSPLIT, $0-0 // want `function undeclared missing Go declaration: go vet and asmcheck cannot check its frame; declare it in Go \(func undeclared\(…\)\) or make the symbol static \(undeclared<>\)$`
	RET

// Static symbols and other packages' symbols need no declaration here.
TEXT helper<>(SB), NOSPLIT, $0-0
	RET

TEXT runtime·other(SB), NOSPLIT, $0-0
	RET

// With arguments, the runtime also lacks their pointer map.
TEXT ·undeclaredArgs(SB), NOSPLIT, $0-16 // want `function undeclaredArgs missing Go declaration: go vet and asmcheck cannot check its frame, and the runtime has no pointer map for its 16 bytes of arguments, which it needs if it scans the frame \(at a stack check, or a call that can stop: the stackmap check\); declare it in Go \(func undeclaredArgs\(…\)\), or, if the frame is never scanned, make the symbol static \(undeclaredArgs<>\)`
	RET

TEXT ·declaredArgs(SB), NOSPLIT, $0-16
	RET
