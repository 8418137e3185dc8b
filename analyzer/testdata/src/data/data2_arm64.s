#include "textflag.h"

GLOBL ·split(SB), NOPTR, $8

DATA ·twice+0(SB)/8, $2
GLOBL ·twice(SB), NOPTR, $8

DATA ·roPkg+0(SB)/8, $2
GLOBL ·roPkg(SB), RODATA, $8
