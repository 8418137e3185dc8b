package abi

// arch386 describes 386. Go uses ABI0 for everything on 386
// (internal/buildcfg/exp.go enables the register ABI only on amd64, arm64,
// loong64, ppc64, ppc64le, riscv64 and s390x). There is no g register: g
// lives in TLS. C ABI: runtime/cgo/asm_386.s saves BP, BX, SI and DI,
// the i386 System V callee-saved registers.
var arch386 = newArch(&Arch{
	Name:           "386",
	RegSize:        4,
	FixedFrameSize: 0,
	SP:             "SP",
	SPIsHardware:   true,
	FixedRegs: []FixedReg{
		{Reg: "SP", Role: RoleStackPointer},
		{Reg: "DX", Role: RoleClosure},
	},
	CABIs: []*CABI{
		{
			Name:        "System V i386",
			CalleeSaved: []string{"BX", "SI", "DI", "BP"},
			StackAlign:  16,
		},
		{
			Name:        "Windows x86",
			GOOS:        []string{"windows"},
			CalleeSaved: []string{"BX", "SI", "DI", "BP"},
			StackAlign:  4,
		},
	},
})
