package render

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
)

func TestSafe(t *testing.T) {
	for in, want := range map[string]string{
		"表三\t正文\n":           "表三\t正文\n",
		"a\x1b]0;pwned\x07b": `a\x1b]0;pwned\x07b`,
		"\u009b31m":          `\x9b31m`,
		"abc\u202edcba":      `abc\u202edcba`,
		"规章\x7f":             `规章\x7f`,
		"（一）予以公开":            "（一）予以公开",
	} {
		if got := Safe(in); got != want {
			t.Errorf("Safe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://x","点")`: `'=HYPERLINK("http://x","点")`,
		"+1+cmd|' /C calc'!A0":       "'+1+cmd|' /C calc'!A0",
		"@SUM(1)":                    "'@SUM(1)",
		"-2+3":                       "'-2+3",
		"\t=1":                       "'\t=1",
		"-1":                         "-1",
		"+3.5":                       "+3.5",
		"表三":                         "表三",
		"":                           "",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// Width counts terminal columns: two for 汉字 and full-width forms, none
// for a combining mark; Pad fills to a width, never cuts.
func TestWidth(t *testing.T) {
	for s, want := range map[string]int{"": 0, "abc": 3, "未通过": 6, "a（b）": 6, "e\u0301": 1, "１２": 4, "“表”": 4} {
		if got := Width(s); got != want {
			t.Errorf("Width(%q) = %d, want %d", s, got, want)
		}
	}
	if got := Pad("通过", 6) + "|"; got != "通过  |" {
		t.Errorf("Pad: %q", got)
	}
	if got := Pad("未通过", 4); got != "未通过" {
		t.Errorf("Pad cut: %q", got)
	}
}

// A file that is no report is 无法识别 in the summary: not a unit with
// an error, and not counted among the reports checked.
func TestSummaryNotReport(t *testing.T) {
	var b strings.Builder
	Summary(&b, []Line{
		{Source: "a.txt", Counts: core.Summary{Error: 2}},
		{Source: "README.md", NotReport: true},
	})
	out := b.String()
	readme := ""
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "README.md") {
			readme = l
		}
	}
	if !strings.Contains(readme, "无法识别") || strings.ContainsAny(readme, "0123456789") ||
		!strings.Contains(out, "共检查 1 份报告：1 份有错误；错误 2，警告 0，提示 0；读取提示 0\n") ||
		!strings.Contains(out, "另有1 份不像年度报告（无法识别）（见上表）") {
		t.Errorf("%s", out)
	}
}
