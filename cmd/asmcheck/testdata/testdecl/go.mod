module example.com/testdecl

go 1.22
