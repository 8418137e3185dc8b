module github.com/asmcheck/asmcheck

go 1.26

require (
	golang.org/x/arch v0.32.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)
