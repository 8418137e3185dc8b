package abiinternal

func spillReadBad(x, y int) int
func spillReadOK(x, y int) int
func resultBad(x, y int) int
func resultOK(x, y int) int
func abi0OK(x, y int) int
func arrayResult(x int) [2]int
