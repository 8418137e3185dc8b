package spbalance

func unbalanced()
func balanced()
func join(x int64)
func joinOK(x int64)
func joinRestored(x int64)
func joinUsed(x int64)
func tailFramed()
func tailFramedOK()
func tailNoReturn()
func dropReturn()
