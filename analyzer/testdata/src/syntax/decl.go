package syntax

func good() int64
