package parse

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/source"
)

// Unit tests of the table reader's stages: tokens, segments, the
// alignment, the identities that break ties, and refusals. The golden and
// values tests in core/ check whole reports.

func lex(line string) []Tok {
	toks, _ := tokenizeLine(line, 0, 1, nil)
	return toks
}

func kinds(toks []Tok) string {
	var b strings.Builder
	for _, t := range toks {
		switch t.Kind {
		case TLabel:
			fmt.Fprintf(&b, "L(%s)", t.Text)
		case TValue:
			fmt.Fprintf(&b, "V(%s)", t.Text)
		case TFused:
			fmt.Fprintf(&b, "F(%s)", t.Text)
		case TEmpty:
			switch {
			case t.Strict:
				b.WriteString("B!")
			case t.Tab:
				b.WriteString("Bt")
			default:
				b.WriteString("B")
			}
		}
	}
	return b.String()
}

func TestTokensBlankLines(t *testing.T) {
	for line, want := range map[string]string{
		"":             "B",  // an empty line: a cell or a separator
		"   ":          "B",  // spaces only, the same
		"\u00a0":       "B!", // a browser's empty cell
		"\u00a0\t":     "B!",
		"\t":           "Bt", // a lone tab: decided apart from empty lines
		"\t\t":         "Bt",
		" |":           "B!", // an empty cell in a copy that ends every cell with " |"
		"|":            "",   // the end of a row there
		"||":           "",
		"| 1 |  | 3 |": "V(1)B!V(3)",
	} {
		if got := kinds(lex(line)); got != want {
			t.Errorf("%q: %s, want %s", line, got, want)
		}
	}
}

func TestTokensGluedDigits(t *testing.T) {
	for line, want := range map[string]string{
		// A row whose separators were lost: label and cells.
		"一、本年新收政府信息公开申请数量230000023": "L(一、本年新收政府信息公开申请数量)F(230000023)",
		// Rows run together: the digit before "." starts the next label.
		"（七）总计0000000四、结转下年度继续办理0000000": "L(（七）总计)F(0000000)L(四、结转下年度继续办理)F(0000000)",
		"8.属于行政查询事项105000001051.本机关不掌握":  "L(8.属于行政查询事项)F(10500000105)L(1.本机关不掌握)",
		// A page footer, a year and an ordinal are text.
		"（四）无-4-":        "L(（四）无-4-)",
		"2024年度本年新收":     "L(2024年度本年新收)",
		"第二十条第（八）项":      "L(第二十条第（八）项)",
		"行政事业性收费96171.6": "L(行政事业性收费)V(96171.6)",
		// One digit ending a cell a writer made is part of it (a header).
		"| 项目 | 数据1 | 数据2 |": "L(项目)L(数据1)L(数据2)",
		// Numbers after single spaces are cells.
		"行政许可 97":         "L(行政许可)V(97)",
		"21 0 0 0":        "V(21)V(0)V(0)V(0)",
		"### 行政复议":        "L(行政复议)",
		"000000000000000": "F(000000000000000)",
		"110021000120103": "F(110021000120103)", // eight digits or more: maybe several cells
	} {
		if got := kinds(lex(line)); got != want {
			t.Errorf("%q:\n got %s\nwant %s", line, got, want)
		}
	}
	// Spans point at the text as written.
	line := "（一）予以公开128821005031362（二）部分公开"
	for _, tk := range lex(line) {
		if line[tk.Span.Start:tk.Span.End] != tk.Text {
			t.Errorf("%q at %v is %q", tk.Text, tk.Span, line[tk.Span.Start:tk.Span.End])
		}
	}
}

func TestSegmentsOfOneLine(t *testing.T) {
	text := "某局2024年政府信息公开工作年度报告一、总体情况2024年，我局依法公开。" +
		"二、主动公开政府信息情况|信息内容 |本年制发件数 ||规章 |0 |0 |0 ||" +
		"三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量0000000三、本年度办理结果（一）予以公开0000000" +
		strings.Repeat("说明。", 400)
	segs, one := segments(source.New("x", text), nil)
	if !one {
		t.Error("one long line not seen as such")
	}
	var got []string
	for _, s := range segs {
		got = append(got, text[s.start:s.end])
	}
	for _, want := range []string{"某局2024年政府信息公开工作年度报告", "一、总体情况", "二、主动公开政府信息情况", "|规章 |0 |0 |0 |", "三、收到和处理政府信息公开申请情况"} {
		found := false
		for _, g := range got {
			found = found || g == want
		}
		if !found {
			t.Errorf("no segment %q in %q", want, got[:min(len(got), 12)])
		}
	}
	// 表三's rows that look like headings are not cut out as headings.
	for _, g := range got {
		if strings.HasPrefix(g, "三、本年度办理结果") {
			t.Errorf("a 表三 row cut as a heading: %q", g)
		}
	}
}

// readLines reads one table region given as lines.
func readLines(id string, year int, lines ...string) *Table {
	text := strings.Join(lines, "\n")
	src := source.New("x", text)
	var toks []Tok
	var lts []LineToks
	for i := 1; i <= src.LineCount(); i++ {
		var lt LineToks
		toks, lt = tokenizeLine(src.Line(i), src.LineStart(i), i, toks)
		if lt.n > 0 {
			lts = append(lts, lt)
		}
	}
	for i := range lts {
		lts[i].Toks = toks[lts[i].first : lts[i].first+lts[i].n]
	}
	return readTable(id, lts, toks, source.Span{}, year, src, nil)
}

// t4 renders 表四 one cell per line: the header, then the fifteen cells,
// with sep after each cell ("" for none).
func t4(cells []string, sep ...string) []string {
	lines := []string{"行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"}
	for _, c := range cells {
		lines = append(lines, c)
		lines = append(lines, sep...)
	}
	return lines
}

func values(t *Table, row string) string {
	var out []string
	for _, c := range t.RowCells(row) {
		if c.Blank() {
			out = append(out, "∅")
		} else {
			out = append(out, c.Raw)
		}
	}
	return strings.Join(out, " ")
}

func hasProblem(t *Table, k ProblemKind) bool {
	for _, p := range t.Problems {
		if p.Kind == k {
			return true
		}
	}
	return false
}

var review = strings.Fields("1 2 0 0 3 4 0 0 0 4 0 0 5 0 5")

func TestAlignEmptyLinesAreSeparators(t *testing.T) {
	// Every cell followed by an empty line; a blank cell is a line of U+00A0.
	cells := append([]string(nil), review...)
	cells[7] = "\u00a0"
	tab := readLines("review", 2024, t4(cells, "")...)
	if got := values(tab, "suit_direct"); got != "4 0 ∅ 0 4" {
		t.Errorf("suit_direct: %q (problems %+v)", got, tab.Problems)
	}
	if got := values(tab, "suit_after"); got != "0 0 5 0 5" {
		t.Errorf("suit_after: %q", got)
	}
}

func TestAlignEmptyLineIsACell(t *testing.T) {
	// Cells on consecutive lines: the one empty line among them is a cell.
	cells := append([]string(nil), review...)
	cells[2] = ""
	tab := readLines("review", 2024, t4(cells)...)
	for row, want := range map[string]string{"review": "1 2 ∅ 0 3", "suit_direct": "4 0 0 0 4", "suit_after": "0 0 5 0 5"} {
		if got := values(tab, row); got != want {
			t.Errorf("%s: %q, want %q (problems %+v)", row, got, want, tab.Problems)
		}
	}
}

func TestAlignLabelsAfterValues(t *testing.T) {
	// Reading-order PDF text puts some labels after their numbers.
	tab := readLines("active", 2024,
		"第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
		"规章", "0", "0", "0", "行政规范性文件", "1", "0", "5",
		"第二十条第（五）项", "信息内容", "本年处理决定数量", "550", "", "行政许可",
		"第二十条第（六）项", "行政处罚", "4119", "行政强制", "195",
		"第二十条第（八）项", "7730.28", "行政事业性收费")
	for row, want := range map[string]string{"license": "550", "penalty": "4119", "coercion": "195", "fees": "7730.28", "normative": "1 0 5"} {
		if got := values(tab, row); got != want {
			t.Errorf("%s: %q, want %q (problems %+v)", row, got, want, tab.Problems)
		}
	}
}

func TestAlignStrayNumber(t *testing.T) {
	// A stray "7" between two labelled rows belongs to no row: reported,
	// and the rows are read.
	tab := readLines("review", 2024,
		"| 行政复议 | 1 | 2 | 0 | 0 | 3 |", "7",
		"| 未经复议直接起诉 | 4 | 0 | 0 | 0 | 4 |",
		"| 复议后起诉 | 0 | 0 | 5 | 0 | 5 |")
	if got := values(tab, "suit_direct"); got != "4 0 0 0 4" {
		t.Errorf("suit_direct: %q", got)
	}
	if !hasProblem(tab, Stray) {
		t.Errorf("stray not reported: %+v", tab.Problems)
	}
}

func TestAlignRefusesAmbiguity(t *testing.T) {
	// Sixteen numbers for fifteen cells, one per line, no label between:
	// any of them could be the extra one. Nothing is guessed.
	cells := append(append([]string(nil), review[:8]...), append([]string{"9"}, review[8:]...)...)
	tab := readLines("review", 2024, t4(cells)...)
	if len(tab.RowCells("suit_after")) != 0 || len(tab.RowCells("suit_direct")) != 0 {
		t.Errorf("a guess was read: %d rows", tab.ReadRows())
	}
	if !hasProblem(tab, Unsure) {
		t.Errorf("no refusal: %+v", tab.Problems)
	}
}

func TestAlignScrambledOrder(t *testing.T) {
	// A label naming a row further on, right before numbers that the order
	// gives to another row whose label stands elsewhere: the copy is out of
	// order, the table is not read.
	raw, err := os.ReadFile("../../testdata/real/hongze-2023-reading-order.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := Parse(source.New("x", string(raw)))
	if !d.T3.Scrambled || d.T3.ReadRows() != 0 || !hasProblem(d.T3, Scrambled) {
		t.Errorf("表三 read from a column-major copy: scrambled=%v cells=%d", d.T3.Scrambled, d.T3.ReadRows())
	}
}

// oneLineT3 writes 表三 (30号) as a scraped page does: each row's label
// with its cells glued ("…数量101000011").
func oneLineT3(rows map[string][]int) string {
	var b strings.Builder
	b.WriteString("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他")
	for _, r := range format.T3Rows2021 {
		b.WriteString(r.Label)
		v, ok := rows[r.ID]
		if !ok {
			v = []int{0, 0, 0, 0, 0, 0, 0}
		}
		for _, x := range v {
			fmt.Fprint(&b, x)
		}
	}
	return b.String()
}

func TestFusedTieBrokenByIdentities(t *testing.T) {
	// 本年新收 "101000011" and （七）总计 "101000011" each split two ways
	// that their totals allow (10|1|0|0|0|0|11 and 1|0|10|0|0|0|11); the
	// results below (6|1…|7 and 4|0…|4, one way each) sum to 10|1|…|11, and
	// 本年新收 + 上年结转 = （七）总计 + 结转下年度: one reading only.
	rows := map[string][]int{
		"new":           {10, 1, 0, 0, 0, 0, 11},
		"disclosed":     {6, 1, 0, 0, 0, 0, 7},
		"partial":       {4, 0, 0, 0, 0, 0, 4},
		"results_total": {10, 1, 0, 0, 0, 0, 11},
	}
	tab := readLines("applications", 2024, oneLineT3(rows))
	for _, id := range []string{"new", "results_total"} {
		if got := values(tab, id); got != "10 1 0 0 0 0 11" {
			t.Errorf("%s: %q (problems %+v)", id, got, tab.Problems)
		}
		if c := tab.RowCells(id); len(c) == 0 || !c[0].Settled || !c[0].Fused {
			t.Errorf("%s not marked as settled by the identities", id)
		}
	}
	if c := tab.RowCells("disclosed"); len(c) == 0 || c[0].Settled || !c[0].Fused {
		t.Errorf("disclosed split one way: fused, not settled")
	}
}

func TestFusedTieUnresolved(t *testing.T) {
	// The same, but a result row cannot be read (its digits fit no split):
	// （七）总计 = Σ results cannot be checked, both readings of 本年新收 and
	// （七）总计 fit 本年新收 + 上年结转 = （七）总计 + 结转下年度. Not read.
	rows := map[string][]int{
		"new":           {10, 1, 0, 0, 0, 0, 11},
		"disclosed":     {6, 1, 0, 0, 0, 0, 7},
		"partial":       {4, 0, 0, 0, 0, 0, 5}, // does not add up: no split fits
		"results_total": {10, 1, 0, 0, 0, 0, 11},
	}
	tab := readLines("applications", 2024, oneLineT3(rows))
	for _, id := range []string{"new", "results_total", "partial"} {
		if got := values(tab, id); got != "" {
			t.Errorf("%s read as %q: a guess", id, got)
		}
	}
	if !hasProblem(tab, RowFusedBad) {
		t.Errorf("unread rows not reported: %+v", tab.Problems)
	}
}

// A table that the one-pass reading takes must be read the same by the
// programme: the one pass is only a shortcut.
func TestRegularMatchesProgramme(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/*/*.txt")
	checked := 0
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		src := source.New(f, string(raw))
		d := Parse(src)
		for _, r := range d.regions {
			lts, toks := d.regionTokens(r, nil, nil)
			tp, _, _ := tableTemplate(r.table, lts, toks, nil, d.TitleYear)
			units, toks := tableUnits(r.table, lts, toks, tp, src, nil)
			al := newAligner(tp, units, toks, nil)
			reg := al.regular()
			if reg == nil {
				continue
			}
			checked++
			full := al.run()
			for i := range units {
				if !reg.roles[i].same(full.roles[i]) || full.ambiguous[i] {
					t.Errorf("%s %s unit %d: one pass %+v, programme %+v (ambiguous %v)", filepath.Base(f), r.table, i, reg.roles[i], full.roles[i], full.ambiguous[i])
					break
				}
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d tables read in one pass", checked)
	}
}
