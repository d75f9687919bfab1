package review

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/core"
)

// withReading adds to a checked report a reading doubt, as the reader
// makes for a PDF row it could not place every number of: a warning of
// kind "reading" on 表三.
func withReading(r core.Report) core.Report {
	f := core.Finding{Rule: "T03", Name: "t-row-cells", Severity: "warning", Kind: "reading",
		Message: "表三“（三）不予公开”行只读到 2 个数，未能确定各数所在的列", Line: 40, Col: 1,
		Table: "applications", Row: "refused_total", Basis: "国办公开办函〔2021〕30号 表三"}
	r.Findings = append(r.Findings, f)
	r.Summary.Warning++
	return r
}

func TestReadingDoubtsGoToTheReviewer(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/seeds/001_*.txt")
	clean := check(t, files[0])
	if clean.Summary.Error != 0 {
		t.Fatalf("seed 001 has errors: %+v", clean.Summary)
	}
	r := withReading(clean)
	r.Input = &core.Input{Kind: "pdf"}
	own, reading := core.Counts(r)
	base, _ := core.Counts(clean)
	if reading != 1 || own != base {
		t.Fatalf("counts %+v reading %d, want %+v and 1", own, reading, base)
	}
	row := SummaryRow(r)
	if row.Reading != 1 || row.Warning != base.Warning || row.Verdict() != "通过" {
		t.Errorf("row %+v", row)
	}
	for _, s := range row.Top {
		if strings.Contains(s, "只读到") {
			t.Errorf("a reading doubt among the main problems: %q", s)
		}
	}
	cells := SummaryCells(row)
	if SummaryHeader[ColReading] != "读取提示" || cells[ColReading] != 1 || cells[ColVerdict] != "通过" {
		t.Errorf("summary cells %v", cells)
	}
	for _, it := range Items(r, row) {
		if strings.Contains(it.Problem, "只读到") {
			t.Errorf("a reading doubt in the unit's 整改清单: %+v", it)
		}
	}
	// The reviewer's 问题清单 has it, after the report's problems, marked
	// as the reviewer's, with what to look at.
	cards := Order(r)
	last := r.Findings[cards[len(cards)-1].Lead]
	if last.Kind != "reading" {
		t.Errorf("the reading doubt is not last: %+v", last)
	}
	if got := core.ReadingAdvice(r, last); !strings.Contains(got, "PDF") {
		t.Errorf("advice %q", got)
	}
	// The workbook: the unit's 整改清单 never has it; the 问题清单 has it,
	// 类别 读取提示, with what to check in 修改.
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, []Reviewed{{Row: row, Report: r}}, Meta{Date: "2025年1月1日", Checker: "nianbao test"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 4 {
		t.Fatalf("sheets %q", sheets)
	}
	unit, _ := f.GetRows(sheets[3])
	for _, row := range unit {
		if strings.Contains(strings.Join(row, "|"), "只读到") {
			t.Errorf("the unit's 整改清单 has the reading doubt: %q", row)
		}
	}
	found, _ := f.GetRows(SheetFindings)
	var doubt []string
	for _, row := range found {
		if len(row) > 7 && strings.Contains(row[7], "只读到") {
			doubt = row
		}
	}
	if doubt == nil || doubt[5] != KindName(true) || !strings.Contains(doubt[10], "PDF") {
		t.Errorf("问题清单 row of the doubt: %q", doubt)
	}
}
