package abi

// archWasm describes wasm. SP, CTXT and g are globals of the module
// (cmd/internal/obj/wasm/wasmobj.go Register); there is no link register
// and no C ABI.
var archWasm = newArch(&Arch{
	Name:           "wasm",
	RegSize:        8,
	FixedFrameSize: 0,
	SP:             "SP",
	SPIsHardware:   true,
	FixedRegs: []FixedReg{
		{Reg: "SP", Role: RoleStackPointer},
		{Reg: "CTXT", Role: RoleClosure},
		{Reg: "g", Role: RoleG},
	},
})
