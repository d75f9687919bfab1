package page

import (
	"sort"
	"strconv"

	"github.com/nianbao/nianbao/core/review"
)

// The batch view (批量审阅) shows the command line's 汇总: the same rows
// (review.SummaryRow), the same columns (review.SummaryHeader) and the same
// default order (review.Sort), sortable by any column.

// SortOrder returns the rows' order sorted by a column of
// review.SummaryHeader: numbers by value, 是否通过 from 无法读取 to 通过,
// text by character; cells left blank (a figure the report does not give)
// come last either way. Ties keep the given order.
func SortOrder(rows [][]any, col int, desc bool) []int {
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := rows[order[i]][col], rows[order[j]][col]
		if (a == nil) != (b == nil) {
			return b == nil
		}
		c := compareCells(col, a, b)
		if desc {
			return c > 0
		}
		return c < 0
	})
	return order
}

func compareCells(col int, a, b any) int {
	if a == nil && b == nil {
		return 0
	}
	if col == review.ColVerdict {
		return verdictRank(a) - verdictRank(b)
	}
	x, xok := number(a)
	y, yok := number(b)
	switch {
	case xok && yok:
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	case xok != yok:
		if xok {
			return -1
		}
		return 1
	}
	s, t := review.Plain(a), review.Plain(b)
	switch {
	case s < t:
		return -1
	case s > t:
		return 1
	}
	return 0
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case float64:
		return n, true
	case review.Pct:
		return float64(n), true
	}
	return 0, false
}

func verdictRank(v any) int {
	switch v {
	case "无法读取":
		return 0
	case "未通过":
		return 1
	}
	return 2
}

// NumericColumn tells whether a summary column holds numbers (shown right
// aligned).
func NumericColumn(col int) bool {
	switch col {
	case review.ColError, review.ColWarning, review.ColInfo, review.ColReading:
		return true
	}
	return col > review.ColProblems && col < review.ColSource
}

// PrevLabel names a report by what core.Identify read of it: "洪泽区人民政府
// 2023 年度", with what could not be read said so.
func PrevLabel(agency string, year int) string {
	if agency == "" {
		agency = "（未能读出单位）"
	}
	if year == 0 {
		return agency + "（未能读出年度）"
	}
	return agency + " " + strconv.Itoa(year) + " 年度"
}
