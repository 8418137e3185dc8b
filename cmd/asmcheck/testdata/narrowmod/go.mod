module example.com/narrowmod

go 1.24
