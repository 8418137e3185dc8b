// Package x86data reads golang.org/x/arch's x86.v0.2.csv and corrects
// the read/write actions it gets wrong. It is shared by the table
// generator (frame/internal/gen/x86) and by frame's machine-code tests,
// which use the corrected actions as the oracle for which operands an
// instruction reads and writes.
package x86data

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// A Row is one instruction form of x86.v0.2.csv.
type Row struct {
	Intel     string   // the Intel syntax, as in the CSV: "ADD r/m64, imm8"
	IntelOp   string   // the Intel mnemonic: "ADD"
	IntelArgs []string // the Intel operands: "r/m64", "imm8"
	GoOp      string   // the Go mnemonic the CSV gives (not always Go's)
	GoArgs    []string // the operands in the CSV's Go order
	Encoding  string
	Valid32   bool // valid in 32-bit mode
	Valid64   bool // valid in 64-bit mode
	Tags      string
	Actions   []string // "r", "w", "rw" or "a" for each Intel operand, corrected
	Fixed     bool     // Actions were corrected
}

// CSV columns (x86.v0.2.csv's header comment).
const (
	colIntel = iota
	colGo
	colGNU
	colEncoding
	colValid32
	colValid64
	colCPUID
	colTags
	colAction
	colMultisize
	colDatasize
)

// LoadCSV reads x86.v0.2.csv.
func LoadCSV(path string) ([]Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	var rows []Row
	for _, rec := range recs {
		if len(rec) <= colDatasize {
			continue
		}
		row := Row{Intel: rec[colIntel], Encoding: rec[colEncoding], Tags: rec[colTags],
			Valid32: rec[colValid32] == "V", Valid64: rec[colValid64] == "V"}
		row.IntelOp, row.IntelArgs = SplitInst(rec[colIntel])
		row.GoOp, row.GoArgs = SplitInst(rec[colGo])
		if rec[colAction] != "" {
			row.Actions = strings.Split(rec[colAction], ",")
		}
		if fix, ok := Action(row.IntelOp, len(row.IntelArgs)); ok {
			row.Actions, row.Fixed = strings.Split(fix, ","), true
		}
		if len(row.Actions) != len(row.IntelArgs) {
			return nil, fmt.Errorf("%s: %d actions for %d operands", row.Intel, len(row.Actions), len(row.IntelArgs))
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// SplitInst splits "OP a, b" into "OP" and its operands.
func SplitInst(s string) (string, []string) {
	op, args, _ := strings.Cut(s, " ")
	if args == "" {
		return op, nil
	}
	return op, strings.Split(args, ", ")
}

// actions corrects the CSV's read/write column (Intel operand order).
// The column copies the Intel manual's Op/En tables, which say "w" where
// the instruction also reads the operand, or the reverse; each entry was
// checked against the instruction's Operation section in the Intel SDM,
// volume 2.
var actions = map[string]string{
	"DIV":      "r",      // divisor is only read
	"IMUL/1":   "r",      // one-operand IMUL reads r/m; the result goes to DX:AX
	"IMUL/3":   "w,r,r",  // DEST := SRC1 * imm
	"RCL":      "rw,r",   // rotates read the destination
	"RCR":      "rw,r",   //
	"ROL":      "rw,r",   //
	"ROR":      "rw,r",   //
	"SBB":      "rw,r",   // DEST := DEST - (SRC + CF)
	"SHLD":     "rw,r,r", // shifts the destination
	"SHRD":     "rw,r,r", //
	"XADD":     "rw,rw",  // exchanges and adds
	"XCHG":     "rw,rw",  //
	"ARPL":     "rw,r",   // adjusts the RPL field of the destination
	"INSERTPS": "rw,r,r", // writes one element of the destination
	"PINSRB":   "rw,r,r", //
	"PINSRW":   "rw,r,r", //
	"PINSRD":   "rw,r,r", //
	"PINSRQ":   "rw,r,r", //
	"MOVHLPS":  "rw,r",   // writes half of the destination
	"MOVLHPS":  "rw,r",   //
	"CVTSD2SS": "rw,r",   // scalar results keep DEST[127:32/64]
	"CVTSS2SD": "rw,r",   //
	"CVTSI2SD": "rw,r",   //
	"CVTSI2SS": "rw,r",   //
	"CVTPI2PS": "rw,r",   // keeps DEST[127:64]
	"SQRTSD":   "rw,r",   //
	"SQRTSS":   "rw,r",   //
	"RCPSS":    "rw,r",   //
	"RSQRTSS":  "rw,r",   //
	"ROUNDSD":  "rw,r,r", //
	"ROUNDSS":  "rw,r,r", //
	"SETcc":    "w",      // SETcc writes r/m8
	"CLFLUSH":  "a",      // flushes a line: no data access
	"LEA":      "w,a",    // computes an address
	"NOP":      "a",      // NOPL/NOPW r/m: the operand is not accessed
	"PREFETCH": "a",      // hints
	"INVLPG":   "a",      // invalidates a TLB entry
}

// XEDWriteOnlyDest lists the XED iclasses whose first operand XED marks
// "rw" although the instruction only writes it: the BMI instructions
// with a separate destination (Intel SDM vol. 2: ANDN DEST := (NOT
// SRC1) AND SRC2; PDEP and PEXT build TEMP from SRC1 and SRC2, then
// DEST := TEMP).
var XEDWriteOnlyDest = map[string]bool{"ANDN": true, "PDEP": true, "PEXT": true}

// Action returns the corrected actions for Intel mnemonic iop with n
// operands, if there is a correction.
func Action(iop string, n int) (string, bool) {
	keys := []string{iop + "/" + strconv.Itoa(n), iop}
	if strings.HasPrefix(iop, "SET") {
		keys = append(keys, "SETcc")
	}
	if strings.HasPrefix(iop, "PREFETCH") {
		keys = append(keys, "PREFETCH")
	}
	if strings.HasPrefix(iop, "CLFLUSH") {
		keys = append(keys, "CLFLUSH")
	}
	for _, k := range keys {
		if s, ok := actions[k]; ok && s != "" && len(strings.Split(s, ",")) == n {
			return s, true
		}
	}
	return "", false
}
