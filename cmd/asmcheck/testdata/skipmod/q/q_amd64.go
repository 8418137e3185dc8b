package q

const extra = 1
