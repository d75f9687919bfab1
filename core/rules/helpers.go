package rules

import (
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/parse"
)

// All is every rule, in ledger order.
var All = []*Rule{
	D01, D02, D03, D04, D05, D06,
	S01, S02, S03, S04, S05, S06, S07, S08, S09, S10, S11, S12, S13,
	T01, T02, T03, T04, T05, T06, T07, T08,
	A01, A02, A03, A04, A05, A06, A07, A08, A09, A10,
	X01, X02, X03, X04, X05, X06, X07, X08, X09, X10, X11, X12, X13,
	C01, C02, C03, C04, C05,
	P01, P02, P03,
}

// Groups name the rule groups by the letter of their ids, in ledger order.
var Groups = []struct {
	Letter byte
	Name   string
}{
	{'D', "格式版本与日期"}, {'S', "结构"}, {'T', "表格完整性与取值"},
	{'A', "勾稽关系"}, {'X', "正文与表格一致"}, {'C', "跨年度（需上年报告）"}, {'P', "合理性提示"},
}

// ByID finds a rule.
func ByID(id string) *Rule {
	for _, r := range All {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// TableName is the Chinese name of a table id (format.TableName).
func TableName(id string) string { return format.TableName(id) }

// rowLabel is the official label of a row, for messages.
func rowLabel(t *parse.Table, row string) string {
	for _, r := range t.Rows {
		if r.ID == row {
			return shortLabel(r)
		}
	}
	for _, g := range format.T3Groups {
		if g.ID == row {
			return g.Label
		}
	}
	// A row of the other format (2019's undivided （六）其他处理 in a 2021
	// table): named by its label, never by its id.
	return format.RowLabel("", t.ID, row)
}

// shortLabel drops the long parenthetical of （二）部分公开 and prefixes a
// sub-row with its group ("（四）1.本机关不掌握相关政府信息").
func shortLabel(r format.Row) string { return r.Short() }

func colLabel(t *parse.Table, row, col string) string {
	for _, c := range t.Columns(row) {
		if c.ID == col {
			return c.Label
		}
	}
	return col
}

// where names a cell: 表三“（四）1.本机关不掌握相关政府信息”行“总计”列.
func where(t *parse.Table, row, col string) string {
	return TableName(t.ID) + "“" + rowLabel(t, row) + "”行“" + colLabel(t, row, col) + "”列"
}

// fmtNum prints a number without a needless fraction.
func fmtNum(v float64) string {
	if v == float64(int64(v)) {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func basis(parts ...string) string { return strings.Join(parts, " ") }
