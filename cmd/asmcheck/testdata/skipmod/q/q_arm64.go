package q

const extra = 2
