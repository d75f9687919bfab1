package page

import (
	"reflect"
	"testing"

	"github.com/nianbao/nianbao/core/review"
)

func TestSortOrder(t *testing.T) {
	rows := [][]any{
		review.SummaryCells(review.Row{Agency: "乙", Year: 2024, Format: "2021", Error: 2}),
		review.SummaryCells(review.UnreadableRow("x.pdf", "此处不能读取 PDF 文件")),
		review.SummaryCells(review.Row{Agency: "甲", Year: 2023, Format: "2021", Warning: 1}),
		review.SummaryCells(review.Row{Agency: "丙", Year: 2024, Format: "2019", Error: 10}),
	}
	for _, c := range []struct {
		col  int
		desc bool
		want []int
	}{
		{review.ColError, false, []int{2, 0, 3, 1}}, // 0 < 2 < 10 by value, not "10" < "2"; the unreadable file has no count: last
		{review.ColError, true, []int{3, 0, 2, 1}},  // blank last either way
		{review.ColVerdict, false, []int{1, 0, 3, 2}},
		{review.ColYear, false, []int{2, 0, 3, 1}},   // ties keep their order
		{review.ColAgency, false, []int{3, 0, 2, 1}}, // by character: 丙 乙 甲 （未识别单位）
	} {
		if got := SortOrder(rows, c.col, c.desc); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s desc=%v: %v, want %v", review.SummaryHeader[c.col], c.desc, got, c.want)
		}
	}
}
