package spwrite

func goFunc() {}

func subCall()
func subCallOK()
func subLeaf()
func switched()
func writeBack()
func writeBackOK()
func leaf()
func syscallBracket()
func syscallBracketBad()
