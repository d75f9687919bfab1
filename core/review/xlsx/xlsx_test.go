package xlsx

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A workbook written here reads back in excelize (an independent reader)
// with every text as written, as a string, never a formula; numbers as
// numbers with their format; the sheet settings where Excel looks for them.
func TestRoundTrip(t *testing.T) {
	texts := []string{
		"=SUM(1,2)", "+1区人民政府", "-2", "@x", "a & b <c> \"d\" 'e'",
		"两行\n第二行", "\t缩进", " 前后空格 ", "_x0041_ 不是 A", "x_x00_y",
	}
	var buf bytes.Buffer
	b := New(&buf, "宋体", []string{"汇总", "O'Brien 的表"})
	bold := b.Style(Style{Bold: true, Fill: "FFC7CE", Border: "BFBFBF", Center: true, Wrap: true})
	share := b.Style(Style{NumFmt: "0.0%"})
	s := &Sheet{Widths: []float64{20, 10}, FreezeRows: 1, FreezeCols: 1, Filter: true, Landscape: true, TitleRows: 1,
		Header: "&L审阅 && 汇总", Footer: "&C第 &P 页"}
	s.Row(30, Cell{V: "文字", S: bold}, Cell{V: "数", S: bold})
	for i, tx := range texts {
		s.Row(0, Cell{V: tx}, Cell{V: i})
	}
	s.Row(0, Cell{V: "比例"}, Cell{V: 0.5951, S: share})
	s.Row(0, Cell{V: "控制\x01字符\xff"}, Cell{S: bold})
	s.Link(1, "'O''Brien 的表'!A1", "打开")
	s.BreakPage()
	b.Add(s)
	s2 := &Sheet{NoGridLines: true}
	s2.Row(0, Cell{V: "标题"})
	s2.Merge(1, 3)
	s2.Skip()
	s2.Row(0, Cell{V: 3.25})
	b.Add(s2)
	if err := b.Close(Props{Title: "标题", Creator: "nianbao"}); err != nil {
		t.Fatal(err)
	}

	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, "|") != "汇总|O'Brien 的表" {
		t.Fatalf("sheets %q", got)
	}
	for i, tx := range texts {
		cell := "A" + itoa(i+2)
		got, _ := f.GetCellValue("汇总", cell)
		ty, _ := f.GetCellType("汇总", cell)
		formula, _ := f.GetCellFormula("汇总", cell)
		if got != tx || ty != excelize.CellTypeInlineString || formula != "" {
			t.Errorf("%s: %q (type %v, formula %q), want the string %q", cell, got, ty, formula, tx)
		}
		if n, _ := f.GetCellValue("汇总", "B"+itoa(i+2)); n != itoa(i) {
			t.Errorf("B%d: %q", i+2, n)
		}
		if ty, _ := f.GetCellType("汇总", "B"+itoa(i+2)); ty != excelize.CellTypeNumber && ty != excelize.CellTypeUnset {
			t.Errorf("B%d: type %v", i+2, ty)
		}
	}
	r := itoa(len(texts) + 2)
	if got, _ := f.GetCellValue("汇总", "B"+r); got != "59.5%" {
		t.Errorf("share shown as %q", got)
	}
	if raw, _ := f.GetCellValue("汇总", "B"+r, excelize.Options{RawCellValue: true}); raw != "0.5951" {
		t.Errorf("share stored as %q", raw)
	}
	r = itoa(len(texts) + 3)
	if got, _ := f.GetCellValue("汇总", "A"+r); got != "控制\uFFFD字符\uFFFD" {
		t.Errorf("control characters: %q", got)
	}
	if _, link, _ := f.GetCellHyperLink("汇总", "A"+r); link != "'O''Brien 的表'!A1" {
		t.Errorf("link %q", link)
	}
	if p, _ := f.GetPanes("汇总"); !p.Freeze || p.XSplit != 1 || p.YSplit != 1 || p.TopLeftCell != "B2" {
		t.Errorf("panes %+v", p)
	}
	if pl, _ := f.GetPageLayout("汇总"); pl.Size == nil || *pl.Size != 9 || *pl.Orientation != "landscape" || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
		t.Errorf("page layout %+v", pl)
	}
	if hf, _ := f.GetHeaderFooter("汇总"); hf.OddHeader != "&L审阅 && 汇总" || hf.OddFooter != "&C第 &P 页" {
		t.Errorf("header and footer %+v", hf)
	}
	if w, _ := f.GetColWidth("汇总", "A"); w != 20 {
		t.Errorf("width of A: %v", w)
	}
	if h, _ := f.GetRowHeight("汇总", 1); h != 30 {
		t.Errorf("height of row 1: %v", h)
	}
	titles := 0
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" && d.Scope == "汇总" && d.RefersTo == "'汇总'!$1:$1" {
			titles++
		}
	}
	if titles != 1 {
		t.Errorf("defined names %+v", f.GetDefinedName())
	}
	st, _ := f.GetCellStyle("汇总", "A1")
	if s, _ := f.GetStyle(st); s == nil || !s.Font.Bold || s.Alignment == nil || !s.Alignment.WrapText || s.Alignment.Horizontal != "center" || len(s.Border) != 4 {
		t.Errorf("header style %+v", s)
	}
	if m, _ := f.GetMergeCells("O'Brien 的表"); len(m) != 1 || m[0].GetStartAxis() != "A1" || m[0].GetEndAxis() != "C1" {
		t.Errorf("merged %v", m)
	}
	if v, _ := f.GetCellValue("O'Brien 的表", "A3"); v != "3.25" {
		t.Errorf("O'Brien A3 %q", v)
	}
	if p, _ := f.GetDocProps(); p.Title != "标题" || p.Creator != "nianbao" {
		t.Errorf("props %+v", p)
	}
}

// A text longer than a cell holds is cut (Excel refuses the whole file
// otherwise).
func TestLongText(t *testing.T) {
	var buf bytes.Buffer
	b := New(&buf, "宋体", []string{"a"})
	s := &Sheet{}
	s.Row(0, Cell{V: strings.Repeat("长", maxCell+10)})
	b.Add(s)
	must(t, b.Close(Props{}))
	f, err := excelize.OpenReader(&buf)
	must(t, err)
	v, _ := f.GetCellValue("a", "A1")
	if n := len([]rune(v)); n != maxCell || !strings.HasSuffix(v, "…") {
		t.Errorf("%d characters", n)
	}
}

func TestCol(t *testing.T) {
	for n, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA"} {
		if got := Col(n); got != want {
			t.Errorf("Col(%d) = %s, want %s", n, got, want)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
