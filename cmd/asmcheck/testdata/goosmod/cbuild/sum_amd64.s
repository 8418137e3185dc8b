// Assembly for the C toolchain (supranational/blst keeps its generated
// assembly in build/ directories like this one): the directory has no Go
// file, so the go command has no package here and never assembles it.
.section	__TEXT,__text,regular,pure_instructions
.globl	sum
sum:
	movq	%rdi, %rax
	addq	%rsi, %rax
	ret
