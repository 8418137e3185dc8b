package prototype

func ExportedArm64()

func unusedArm64()
