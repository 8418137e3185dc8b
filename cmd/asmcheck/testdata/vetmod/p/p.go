package p

func Add(a, b int64) int64
func Len(s string) int
