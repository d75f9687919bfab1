package review

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core"
)

func cell(v float64) core.Cell { return core.Cell{Value: &v, Raw: "x"} }

func TestKeyFiguresBlanks(t *testing.T) {
	r := core.Report{Tables: map[string]core.Table{
		"applications": core.NewTable(map[string]map[string]core.Cell{
			"new":           {"c_total": cell(10)},
			"disclosed":     {"c_total": cell(4)},
			"partial":       {"c_total": {Raw: "/"}}, // a placeholder: not 0
			"results_total": {"c_total": cell(8)},
		}),
		"review": core.NewTable(map[string]map[string]core.Cell{
			"review":      {"corrected": cell(0), "total": cell(0)},
			"suit_direct": {"corrected": cell(1), "total": cell(3)},
			"suit_after":  {"corrected": cell(1), "total": cell(1)},
		}),
	}}
	k := KeyFigures(r)
	if k.New == nil || *k.New != 10 {
		t.Errorf("New %v", k.New)
	}
	if k.OpenShare != nil {
		t.Errorf("OpenShare %v with （二） blank, want none", *k.OpenShare)
	}
	if k.Review == nil || *k.Review != 0 || k.ReviewFix != nil {
		t.Errorf("Review %v ReviewFix %v: no rate of 0 cases", k.Review, k.ReviewFix)
	}
	if k.Suit == nil || *k.Suit != 4 || k.SuitFix == nil || *k.SuitFix != 0.5 {
		t.Errorf("Suit %v SuitFix %v", k.Suit, k.SuitFix)
	}
	if (KeyFigures(core.Report{}) != Figures{}) {
		t.Error("a report without tables has figures")
	}
}

func check(t *testing.T, path string) core.Report {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, ierr := core.Check(path, raw, core.Options{})
	if ierr != nil {
		t.Fatal(ierr.Message)
	}
	return r
}

func TestSummaryRowSeed004(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/seeds/004_*.txt")
	r := check(t, files[0])
	row := SummaryRow(r)
	// Errors are counted as listed: four problems (the A04 cell with the
	// two identities it breaks is one), though the JSON counts five
	// findings.
	if row.Agency != "区机关事务管理服务中心" || row.Year != 2024 || row.Error != 4 || r.Summary.Error != 5 || row.Verdict() != "未通过" {
		t.Errorf("row %+v", row)
	}
	if len(row.Top) != MaxTop {
		t.Fatalf("top %q", row.Top)
	}
	// The wrong cell (A04, a note whose card is an error by what it
	// explains) is among the serious problems; its A02/A03 are not.
	joined := strings.Join(row.Top, "\n")
	if !strings.Contains(joined, "A04 ") || strings.Contains(joined, "A02 ") || strings.Contains(joined, "A03 ") {
		t.Errorf("top %q", row.Top)
	}
	for _, s := range row.Top {
		if utf8.RuneCountInString(s) > topRunes+4 {
			t.Errorf("not short: %q", s)
		}
	}
}

func TestCellNamesAsRulesDo(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/seeds/004_*.txt")
	r := check(t, files[0])
	n := 0
	for _, f := range r.Findings {
		if f.Rule == "A02" {
			n++
			name := Cell(r.Format, f.Table, f.Row, "")
			if !strings.Contains(f.Message, name) {
				t.Errorf("%q does not name %q", f.Message, name)
			}
			if got := Place(r, f); !strings.HasPrefix(got, "原文第 ") || !strings.Contains(got, "“总计”列") {
				t.Errorf("place %q", got)
			}
		}
	}
	if n == 0 {
		t.Fatal("seed 004 has no A02")
	}
	for _, c := range []struct{ v, table, row, col, want string }{
		{"2021", "applications", "unable_1", "c_total", "表三“（四）1.本机关不掌握相关政府信息”行“总计”列"},
		{"2021", "applications", "partial", "", "表三“（二）部分公开”行"},
		{"2019", "applications", "other", "c_natural", "表三“（六）其他处理”行“自然人”列"},
		// A 2019 row in a 2021 report is named, never by its id.
		{"2021", "applications", "other", "c_total", "表三“（六）其他处理”行“总计”列"},
		{"2021", "review", "suit_after", "corrected", "表四“行政诉讼·复议后起诉”行“结果纠正”列"},
		{"2021", "active", "fees", "amount_wan", "表二“行政事业性收费”行“本年收费金额（单位：万元）”列"},
		{"2021", "active", "", "", "表二"},
	} {
		if got := Cell(c.v, c.table, c.row, c.col); got != c.want {
			t.Errorf("Cell(%s %s %s) = %q, want %q", c.table, c.row, c.col, got, c.want)
		}
	}
}

func TestSheetNames(t *testing.T) {
	long := strings.Repeat("某", 40)
	rows := []Row{
		{Agency: "区教育局", Year: 2024},
		{Agency: "区教育局", Year: 2024},
		{Agency: "汇总"},
		{Agency: long, Year: 2024},
		{Agency: long, Year: 2024},
		{Agency: "a[b]c:d*e?f/g\\h", Year: 2023},
		{Source: "报告/'单位'.docx"},
		{Agency: "ABC"},
		{Agency: "abc"},
		{Source: "history.txt"},
	}
	names := SheetNames(rows, "汇总", "问题清单")
	want := []string{"区教育局2024", "区教育局2024(2)", "汇总(2)", strings.Repeat("某", 27) + "2024", strings.Repeat("某", 24) + "2024(2)", "a_b_c_d_e_f_g_h2023", "单位", "ABC", "abc(2)", "history(2)"}
	seen := map[string]bool{"汇总": true, "问题清单": true}
	for i, n := range names {
		if n != want[i] {
			t.Errorf("name %d = %q, want %q", i, n, want[i])
		}
		if utf8.RuneCountInString(n) > 31 || strings.ContainsAny(n, `[]:*?/\`) || seen[strings.ToLower(n)] || strings.HasPrefix(n, "'") || strings.HasSuffix(n, "'") {
			t.Errorf("bad name %q", n)
		}
		seen[strings.ToLower(n)] = true
	}
}

func TestSortOrder(t *testing.T) {
	rows := []Row{
		{Source: "a", Error: 0, Warning: 5},
		{Source: "b", Error: 2},
		{Source: "c", Unreadable: "坏了"},
		{Source: "d", Error: 2, Warning: 1},
		{Source: "e"},
	}
	Sort(rows)
	var got []string
	for _, r := range rows {
		got = append(got, r.Source)
	}
	if strings.Join(got, "") != "cdbae" {
		t.Errorf("order %v", got)
	}
}

// A file that is no report (a README in the folder) is listed as 无法识别,
// with no error counts, after the unreadable files and before the reports.
func TestNotReportRow(t *testing.T) {
	r := core.CheckText("README.md", "# 说明\n本文件夹存放各单位的年度报告。\n", core.Options{})
	row := SummaryRow(r)
	if !row.NotReport || row.Verdict() != "无法识别" || row.Error != 0 || len(row.Top) != 1 || !strings.Contains(row.Top[0], "这不像政府信息公开工作年度报告") {
		t.Fatalf("row %+v", row)
	}
	cells := SummaryCells(row)
	if cells[3] != nil || cells[4] != nil || cells[5] != nil || cells[ColReading] != nil || cells[ColVerdict] != "无法识别" {
		t.Errorf("cells %v", cells)
	}
	failed := Row{Source: "a.txt", Error: 3}
	unreadable := UnreadableRow("b.doc", "旧版 Word 文档")
	rows := []Row{failed, row, unreadable}
	Sort(rows)
	if rows[0].Source != "b.doc" || rows[1].Source != "README.md" || rows[2].Source != "a.txt" {
		t.Errorf("order %v %v %v", rows[0].Source, rows[1].Source, rows[2].Source)
	}
}

// A printed total that the table's identities show wrong is not summed as
// printed: 洪泽区 2023's 行政复议 总计 is printed 0 where its results give
// 11 (A06), and its 复议后起诉 0 where they give 5 (A08); seed 004's
// （七）总计 is right (the wrong cell is （四）1, A04), so its figures stay.
func TestFiguresTheIdentitiesConfirm(t *testing.T) {
	r := check(t, "../../testdata/real/hongze-2023-layout.txt")
	k := KeyFigures(r)
	if k.Review == nil || *k.Review != 11 || k.Suit == nil || *k.Suit < 5 {
		t.Errorf("行政复议 %v 行政诉讼 %v", k.Review, k.Suit)
	}
	if !strings.Contains(k.Fixed, "表四“行政复议”行“总计”列：报告填 0，按勾稽关系应为 11") {
		t.Errorf("fixed %q", k.Fixed)
	}
	if c := SummaryCells(SummaryRow(r)); SummaryHeader[ColFixed] != "数字说明" || c[ColFixed] != k.Fixed {
		t.Errorf("数字说明 %v", c[ColFixed])
	}
	files, _ := filepath.Glob("../../testdata/seeds/004_*.txt")
	k = KeyFigures(check(t, files[0]))
	if k.Fixed != "" || k.OpenShare == nil {
		t.Errorf("seed 004: fixed %q", k.Fixed)
	}
}

// The summary's 格式 says what D01 says: the format that applies, and the
// one the tables follow when they differ.
func TestFormatCellAgreesWithD01(t *testing.T) {
	for _, c := range []struct {
		format, msg, sev, want string
	}{
		{"2021", "2024 年报告使用了 2019 年（60号）旧版格式：表二“制发件数”。自 2021 年度报告起须用 30号 格式", "error", "2021版（用了2019版表格）"},
		{"2019", "2020 年报告使用了 30号（2021）格式的表三，当年适用 60号（试行）格式", "info", "2019版（表三用了2021版）"},
		{"unknown", "2017 年度报告早于统一格式（国办公开办函〔2019〕60号 自2019年度起），只检查日期和正文，不检查结构与表格", "info", "早于统一格式"},
		{"2021", "", "", "2021版"},
	} {
		r := core.Report{Format: c.format, Findings: []core.Finding{}}
		if c.msg != "" {
			r.Findings = append(r.Findings, core.Finding{Rule: "D01", Severity: c.sev, Kind: "report", Message: c.msg})
		}
		if got := SummaryCells(SummaryRow(r))[ColFormat]; got != c.want {
			t.Errorf("%s %q: 格式 %q, want %q", c.format, c.msg, got, c.want)
		}
	}
}
