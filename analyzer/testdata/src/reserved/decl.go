package reserved

var global int
