package review

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/core"
)

// Excel's limits, as Excel counts them (UTF-16 units): sheet names of at
// most 31 units with CJK Extension B counting two; page headers and
// footers of at most 255 with a title over several lines; 10,000
// unreadable files listed on one sheet, not 10,000.
func TestWorkbookLimits(t *testing.T) {
	extB := strings.Repeat("\U00020000", 31) // 𠀀, 31 characters, 62 units
	long := strings.Repeat("某某市某某区人民政府办公室\n", 25)
	var b Batch
	for i := 0; i < 10000; i++ {
		b.AddUnreadable(fmt.Sprintf("坏/%05d.docx", i), "文件已损坏")
	}
	year := 2024
	for _, agency := range []string{extB, long, "A&B 局"} {
		a := agency
		it := Reviewed{Row: Row{Agency: a, Year: year, Source: "x.docx"}, Report: core.Report{Source: "x.docx", Agency: &a, Year: &year}}
		b.items = append(b.items, it)
	}
	items := b.Done()
	var out bytes.Buffer
	if err := WriteXLSX(&out, items, Meta{Date: "2026-12-07", Checker: strings.Repeat("审阅人", 100)}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	if len(sheets) != 3+1+3 {
		t.Fatalf("%d sheets, want 7: %.200q", len(sheets), sheets)
	}
	for _, s := range sheets {
		if n := utf16Len(s); n > 31 {
			t.Errorf("sheet name %q: %d UTF-16 units", s, n)
		}
		hf, err := f.GetHeaderFooter(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range []string{hf.OddHeader, hf.OddFooter} {
			if n := utf16Len(h); n > 255 {
				t.Errorf("sheet %q: a header or footer of %d units: %.80q", s, n, h)
			}
			if strings.ContainsAny(h, "\n\r") {
				t.Errorf("sheet %q: a header over several lines: %.80q", s, h)
			}
		}
	}
	rows, _ := f.GetRows(SheetUnreadable)
	if len(rows) != 10001 || rows[1][0] != "坏/00000.docx" || rows[1][1] != "文件已损坏" {
		t.Errorf("无法读取: %d rows, first %q", len(rows), rows[1])
	}
	var headers []string
	for _, s := range sheets {
		hf, _ := f.GetHeaderFooter(s)
		headers = append(headers, hf.OddHeader)
	}
	if !strings.Contains(strings.Join(headers, "|"), "&LA&&B 局　2024 年度&R") {
		t.Errorf("& not escaped in a header: %q", headers)
	}
}

func TestSheetNamesUTF16(t *testing.T) {
	extB := strings.Repeat("\U00020000", 40)
	names := SheetNames([]Row{{Agency: extB, Year: 2024}, {Agency: extB, Year: 2024}})
	want := []string{strings.Repeat("\U00020000", 13) + "2024", strings.Repeat("\U00020000", 12) + "2024(2)"}
	for i, n := range names {
		if n != want[i] || utf16Len(n) > 31 {
			t.Errorf("name %d = %q (%d units), want %q", i, n, utf16Len(n), want[i])
		}
	}
}

func TestHeaderPart(t *testing.T) {
	for _, c := range []struct {
		in   string
		room int
		want string
	}{
		{"区教育局", 10, "区教育局"},
		{"一\n二  三", 10, "一 二 三"},
		{"A&B", 10, "A&&B"},
		{"A&B", 3, "A…"},
		{"甲乙丙丁戊", 4, "甲乙丙…"},
		{"\U00020000\U00020000", 3, "\U00020000…"},
	} {
		if got := headerPart(c.in, c.room); got != c.want || utf16Len(got) > c.room {
			t.Errorf("headerPart(%q, %d) = %q, want %q", c.in, c.room, got, c.want)
		}
	}
}
