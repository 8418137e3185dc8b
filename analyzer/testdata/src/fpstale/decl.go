package fpstale

func stale(x int64) int64
func fresh(x int64) int64
func staleLocal()
func freshLocal()
