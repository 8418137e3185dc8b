package falloff

type queryResult struct{ bits [2]uint64 }

func kmQuery() queryResult
func kmQueryOK() queryResult
func kmWordQuery() queryResult
func kmWordQueryOK() queryResult
func unknownWord()
