package lib

func Neg(x int32) int32
