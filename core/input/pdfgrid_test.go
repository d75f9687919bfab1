package input

import (
	"strings"
	"testing"
)

// glyphs lays out s from (x, y) at size 10: a Chinese character 10 pt
// wide, anything else 5.
func glyphs(s string, x, y float64) []Char {
	var out []Char
	for _, r := range s {
		w := 5.0
		if runeWidth(r) == 2 {
			w = 10
		}
		out = append(out, Char{R: r, X0: x, X1: x + w*0.9, Y0: y - 2, Y1: y + 8, OX: x, OY: y, Size: 10})
		x += w
	}
	return out
}

func hline(y, x0, x1 float64) Rule { return Rule{X0: x0, Y0: y, X1: x1, Y1: y} }
func vline(x, y0, y1 float64) Rule { return Rule{X0: x, Y0: y0, X1: x, Y1: y1} }

// TestLattice: a drawn table reads cell by cell. Columns at x 0, 100, 130,
// 160, 190; rows at y 700 (top), 680, 660, 640, 620. The label column of
// the last two rows is one merged cell (a group label) written on the row
// its text is in; an empty cell is a blank between pipes; the bottom
// border of the last row is not drawn (a browser at a page break) and the
// lines' ends close the grid; every border is drawn twice, 0.4 pt apart
// (a double stroke), and one column border is offset by 1.5 pt in one
// row (Word).
func TestLattice(t *testing.T) {
	var rules []Rule
	for _, y := range []float64{700, 680, 660} {
		rules = append(rules, hline(y, 0, 190), hline(y+0.4, 0, 190))
	}
	rules = append(rules, hline(640, 60, 190)) // the group label spans rows 3–4 in x 0–60
	for _, x := range []float64{0, 100, 130, 160, 190} {
		rules = append(rules, vline(x, 620, 700), vline(x+0.4, 620, 700))
	}
	rules = append(rules, vline(60, 620, 660), vline(131.5, 640, 660))
	var chars []Char
	chars = append(chars, glyphs("项目", 10, 686)...)
	chars = append(chars, glyphs("甲", 105, 686)...)
	chars = append(chars, glyphs("乙", 135, 686)...)
	chars = append(chars, glyphs("总计", 162, 686)...)
	chars = append(chars, glyphs("一、新收", 10, 666)...)
	chars = append(chars, glyphs("3", 110, 666)...)
	// 乙 of row 2 left empty: a blank cell.
	chars = append(chars, glyphs("3", 170, 666)...)
	chars = append(chars, glyphs("组", 10, 636)...) // the merged group label, in row 4
	chars = append(chars, glyphs("1.甲项", 62, 646)...)
	chars = append(chars, glyphs("12", 108, 646)...)
	chars = append(chars, glyphs("0", 140, 646)...)
	chars = append(chars, glyphs("12", 168, 646)...)
	chars = append(chars, glyphs("2.乙项", 62, 626)...)
	chars = append(chars, glyphs("5", 110, 626)...)
	chars = append(chars, glyphs("1", 140, 626)...)
	chars = append(chars, glyphs("6", 170, 626)...)
	chars = append(chars, glyphs("正文在表格之后。", 0, 590)...)

	doc, err := layoutPDF([]Page{{W: 595, H: 842, Chars: chars, Rules: rules}})
	if err != nil {
		t.Fatal(err)
	}
	want := "| 项目 | 甲 | 乙 | 总计 |\n" +
		"| 一、新收 | 3 |  | 3 |\n" +
		"| 1.甲项 | 12 | 0 | 12 |\n" +
		"| 组 | 2.乙项 | 5 | 1 | 6 |\n" +
		"正文在表格之后。\n"
	if got := strings.TrimSuffix(doc.Text, "\f\n"); got != want {
		t.Errorf("text as read:\n%s\nwant:\n%s", got, want)
	}
	if doc.PDFTables != "lattice" {
		t.Errorf("pdf_tables %q, want lattice", doc.PDFTables)
	}
	// Each cell names its page and point.
	off := strings.Index(doc.Text, "12")
	if w, ok := doc.At(off); !ok || w.Page != 1 || w.X != 108 || w.Y != 646 {
		t.Errorf("where of 12: %+v %v", w, ok)
	}

	// Without the lines the same characters are laid out by position.
	doc, err = layoutPDF([]Page{{W: 595, H: 842, Chars: chars}})
	if err != nil {
		t.Fatal(err)
	}
	if doc.PDFTables != "stream" || strings.Contains(doc.Text, "|") {
		t.Errorf("no lines: %q, text\n%s", doc.PDFTables, doc.Text)
	}
}

// TestNoGrid: lines that do not make two columns of cells (a frame around
// a paragraph, rules under headings) are not a table.
func TestNoGrid(t *testing.T) {
	for name, rules := range map[string][]Rule{
		"frame":      {hline(700, 0, 300), hline(600, 0, 300), vline(0, 600, 700), vline(300, 600, 700)},
		"underlines": {hline(700, 0, 300), hline(680, 0, 300), hline(660, 0, 300)},
		"none":       nil,
	} {
		if g := findGrids(rules); len(g) != 0 {
			t.Errorf("%s: %d grids", name, len(g))
		}
	}
}
