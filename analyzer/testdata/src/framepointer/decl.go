package framepointer

func gofunc()
