package badinput

func before(x int64) int64
func after(x int64) int64
func victim(x int64) int64
