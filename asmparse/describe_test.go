package asmparse

import (
	"fmt"
	"strings"
)

// describe prints the fields of an operand that are set, for tests.
func describe(o *Operand) string {
	var b strings.Builder
	b.WriteString(o.Kind.String())
	add := func(format string, args ...any) {
		b.WriteByte(' ')
		fmt.Fprintf(&b, format, args...)
	}
	if o.Star() {
		add("star")
	}
	if o.Reg() != "" {
		add("reg=%s", o.Reg())
	}
	if r := o.Reg2(); r != "" {
		add("reg2=%s", r)
	}
	if e := o.Ext(); e != "" {
		add("ext=%s", e)
	}
	if o.HasLane() {
		add("lane=%d", o.Lane())
	}
	if o.Shift() != 0 {
		if r := o.ShiftReg(); r != "" {
			add("shift=%s%s", o.Shift(), r)
		} else {
			add("shift=%s%d", o.Shift(), o.ShiftAmt())
		}
	}
	if o.Sym() != "" {
		add("sym=%s", o.Sym())
	}
	if o.Static() {
		add("static")
	}
	if a := o.ABI(); a != "" {
		add("abi=%s", a)
	}
	if o.Val != 0 {
		add("val=%d", o.Val)
	}
	if o.Index() != "" {
		add("index=%s", o.Index())
	}
	if o.Scale != 0 {
		add("scale=%d", o.Scale)
	}
	if e := o.IndexExt(); e != "" {
		add("iext=%s", e)
	}
	if s := o.IndexShift(); s != 0 {
		add("ishift=%d", s)
	}
	if o.HasArgs() {
		add("args=%d", o.Args())
	}
	if o.Kind == FloatOp {
		add("float=%v", o.Float())
	}
	if o.Kind == StringOp {
		add("str=%q", o.Str())
	}
	if u := o.Unresolved(); u != "" {
		add("unresolved=%s", u)
	}
	if l := o.List(); l != nil {
		var parts []string
		for i := range l {
			parts = append(parts, strings.TrimPrefix(describe(&l[i]), "register "))
		}
		add("[%s]", strings.Join(parts, "; "))
	}
	return b.String()
}
