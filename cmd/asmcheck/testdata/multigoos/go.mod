module example.com/multigoos

go 1.22
