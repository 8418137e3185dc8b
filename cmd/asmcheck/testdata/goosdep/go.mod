module example.com/goosdep

go 1.22
