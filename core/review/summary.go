package review

import (
	"fmt"
	"strconv"
	"strings"
)

// SummaryHeader: the columns of 汇总, in the workbook, the CSV, the static
// page and the web page's batch view.
var SummaryHeader = []string{"单位", "年度", "格式", "错误", "警告", "提示", "读取提示", "是否通过", "主要问题",
	"本年新收", "公开率（予以公开+部分公开占办结）", "行政复议", "复议纠错率", "行政诉讼", "诉讼纠错率", "文件", "疑似雷同", "数字说明"}

// The columns of SummaryHeader that the outputs treat apart.
const (
	ColAgency   = 0
	ColYear     = 1
	ColFormat   = 2
	ColError    = 3
	ColWarning  = 4
	ColInfo     = 5
	ColReading  = 6 // reading doubts: the reviewer's to check (读取提示)
	ColVerdict  = 7
	ColProblems = 8
	ColSource   = 15
	ColCopies   = 16
	ColFixed    = 17 // the printed cells the figures correct (Figures.Fixed)
)

// FindingsHeader: the columns of 问题清单, one row per finding.
// 类别 says who must act: 报告问题 (the unit, in its 整改清单) or 读取提示
// (the reviewer: the checker could not read that place for certain; its
// 修改 says what to look at).
var FindingsHeader = []string{"文件", "单位", "规则", "名称", "级别", "类别", "位置", "问题", "期望", "实际", "修改", "依据"}

// KindName names who must act on a finding, for the 问题清单's 类别.
func KindName(reading bool) string {
	if reading {
		return "读取提示（审阅人核对）"
	}
	return "报告问题"
}

// CopiesHeader: the columns of 疑似雷同, one row per pair of reports of
// different units that share most of their narrative.
var CopiesHeader = []string{"单位甲", "年度", "文件甲", "单位乙", "年度", "文件乙", "相同句子比例", "相同句数", "相同段落（原文行号：甲 / 乙）"}

// Pct is a ratio shown as a percentage (0.595 → 59.5%).
type Pct float64

// SummaryCells is one summary row as typed values, one per SummaryHeader
// column: string, int, float64 (a count), Pct or nil (not given: a blank
// is never shown as 0).
func SummaryCells(r Row) []any {
	problems := strings.Join(r.Top, "\n")
	if r.Unreadable != "" {
		problems = r.Unreadable
	}
	var year any
	if r.Year > 0 {
		year = r.Year
	}
	var e, w, i, rd any
	if r.Unreadable == "" && !r.NotReport {
		e, w, i, rd = r.Error, r.Warning, r.Info, r.Reading
	}
	return []any{AgencyOr(r), year, FormatCell(r), e, w, i, rd, r.Verdict(), problems,
		count(r.New), pct(r.OpenShare), count(r.Review), pct(r.ReviewFix), count(r.Suit), pct(r.SuitFix), r.Source, r.CopiedCell(), r.Fixed}
}

// AgencyOr is the row's unit, or says that it was not found.
func AgencyOr(r Row) string {
	if r.Agency != "" {
		return r.Agency
	}
	return "（未识别单位）"
}

func count(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func pct(v *float64) any {
	if v == nil {
		return nil
	}
	return Pct(*v)
}

// Plain is a typed cell as text: percentages with one decimal and a %
// sign (Excel reads "59.5%" back as a number), counts without a needless
// fraction, nothing for nil.
func Plain(c any) string {
	switch v := c.(type) {
	case nil:
		return ""
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case Pct:
		return strconv.FormatFloat(float64(v)*100, 'f', 1, 64) + "%"
	}
	return fmt.Sprint(c)
}
