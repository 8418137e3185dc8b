module example.com/goosmod

go 1.22
