package page

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/internal/testfiles"
)

func TestLineRange(t *testing.T) {
	text := "一二\r\nab\rc😀d\n\nlast"
	cases := []struct {
		n          int
		start, end int
		ok         bool
	}{
		{1, 0, 2, true},
		{2, 4, 6, true},  // after "一二\r\n"
		{3, 7, 11, true}, // "c😀d": the emoji is two UTF-16 units
		{4, 12, 12, true},
		{5, 13, 17, true},
		{6, 0, 0, false},
		{0, 0, 0, false},
	}
	for _, c := range cases {
		s, e, ok := LineRange(text, c.n)
		if s != c.start || e != c.end || ok != c.ok {
			t.Errorf("LineRange(%d) = %d,%d,%v; want %d,%d,%v", c.n, s, e, ok, c.start, c.end, c.ok)
		}
	}
	if o, ok := Offset(text, 3, 3); !ok || o != 10 {
		t.Errorf("Offset(3,3) = %d,%v; want 10", o, ok)
	}
	if o, ok := Offset(text, 1, 99); !ok || o != 2 {
		t.Errorf("Offset past the end of the line = %d,%v; want 2 (clamped)", o, ok)
	}
}

// The core's positions and LineRange agree on every finding of a seed:
// the line the page selects starts where the core says the line starts.
func TestLineRangeMatchesCore(t *testing.T) {
	name, text := testfiles.Seed(t, "004")
	rep := core.CheckText(name, text, core.Options{})
	lines := strings.Split(text, "\n")
	n := 0
	for _, f := range rep.Findings {
		if f.Line == 0 {
			continue
		}
		n++
		s, e, ok := LineRange(text, f.Line)
		if !ok {
			t.Fatalf("%s: line %d not found", f.Rule, f.Line)
		}
		want := lines[f.Line-1]
		if got := string([]rune(string(utf16ToRunes(text, s, e)))); got != want {
			t.Errorf("%s line %d: got %q want %q", f.Rule, f.Line, got, want)
		}
	}
	if n == 0 {
		t.Fatal("seed 004 has no placed findings")
	}
}

// utf16ToRunes cuts text between two UTF-16 offsets.
func utf16ToRunes(text string, s, e int) string {
	return text[byteOffset(text, s):byteOffset(text, e)]
}

func TestGridsSeed004(t *testing.T) {
	name, text := testfiles.Seed(t, "004")
	rep := core.CheckText(name, text, core.Options{})
	grids := Grids(rep)
	if len(grids) != 3 {
		t.Fatalf("%d grids, want 3", len(grids))
	}
	if grids[0].ID != "active" || grids[1].ID != "applications" || grids[2].ID != "review" {
		t.Fatalf("grid order %s %s %s", grids[0].ID, grids[1].ID, grids[2].ID)
	}
	// 表二 of 30号: four blocks of 第二十条.
	if got := len(grids[0].Sections); got != 4 {
		t.Errorf("表二 sections = %d, want 4", got)
	}
	// 表三: the A02 cell (unable_1, c_total) carries the A02 and A04 findings.
	var found *GridCell
	var headers []string
	for _, r := range grids[1].Sections[0].Rows {
		if r.Header {
			headers = append(headers, r.Label)
		}
		for i := range r.Cells {
			if r.ID == "unable_1" && r.Cells[i].Col == "c_total" {
				found = &r.Cells[i]
			}
		}
	}
	if want := "三、本年度办理结果 （三）不予公开 （四）无法提供 （五）不予处理 （六）其他处理"; strings.Join(headers, " ") != want {
		t.Errorf("表三 group rows %q, want %q", strings.Join(headers, " "), want)
	}
	if found == nil || found.Cell == nil {
		t.Fatal("表三 unable_1/c_total missing")
	}
	var rules []string
	for _, i := range found.Findings {
		rules = append(rules, rep.Findings[i].Rule)
	}
	if strings.Join(rules, ",") != "A02,A04" {
		t.Errorf("findings on the cell: %v, want A02,A04", rules)
	}
	tip := CellTip(*found, rep.Findings)
	if !strings.Contains(tip, "期望 3，实际 0") || !strings.Contains(tip, "原文第 218 行") {
		t.Errorf("tip %q", tip)
	}
	// Every cell of the report appears exactly once in the grids.
	count := 0
	for _, g := range grids {
		for _, s := range g.Sections {
			for _, r := range s.Rows {
				for _, c := range r.Cells {
					if c.Cell != nil {
						count++
					}
				}
			}
		}
	}
	want := 0
	for _, tab := range rep.Tables {
		for _, row := range tab.Map() {
			want += len(row)
		}
	}
	if count != want {
		t.Errorf("grids show %d cells, report has %d", count, want)
	}
}

func TestBlankIsNotZero(t *testing.T) {
	gc := GridCell{Cell: &core.Cell{Raw: "/", Line: 3, Col: 4}}
	if !gc.Blank() {
		t.Fatal("placeholder not blank")
	}
	if tip := CellTip(gc, nil); !strings.Contains(tip, "不计为 0") {
		t.Errorf("tip %q", tip)
	}
	if tip := CellTip(GridCell{}, nil); tip != "未读到此格" {
		t.Errorf("tip %q", tip)
	}
}

func TestLabels(t *testing.T) {
	cases := map[[2]string]string{
		{"applications", "unable_1"}:      "（四）1.本机关不掌握相关政府信息",
		{"applications", "results_total"}: "（七）总计",
		{"applications", "other"}:         "（六）其他处理",
		{"active", "normative"}:           "行政规范性文件",
		{"review", "suit_after"}:          "行政诉讼·复议后起诉",
	}
	for k, want := range cases {
		if got := RowLabel(k[0], k[1]); got != want {
			t.Errorf("RowLabel%v = %q, want %q", k, got, want)
		}
	}
	if got := ColumnLabel("applications", "c_total"); got != "总计" {
		t.Errorf("ColumnLabel = %q", got)
	}
	if got := ColumnLabel("active", "amount_wan"); got != format.T2Rows2021[5].Columns[0].Label {
		t.Errorf("ColumnLabel amount_wan = %q", got)
	}
	f := core.Finding{Line: 218, Col: 3, Table: "applications", Row: "unable_1", Column: "c_total"}
	if got, want := Place(f), "原文第 218 行 · 表三 · （四）1.本机关不掌握相关政府信息 · 总计"; got != want {
		t.Errorf("Place = %q, want %q", got, want)
	}
}

func TestTextAndStamp(t *testing.T) {
	name, text := testfiles.Seed(t, "004")
	rep := core.CheckText(name, text, core.Options{})
	out := Text(rep)
	// Sentences to paste to the unit, counted as listed (four errors),
	// never "file:218:3: A02".
	for _, want := range []string{"区机关事务管理服务中心2024年度政府信息公开工作年度报告检查结果：未通过（错误 4 处，警告 1 处，提示 1 处）。", "\n3.【错误】只需改一格", "应为：3；现为：0", "nianbao " + core.Version, RulesetStamp()} {
		if !strings.Contains(out, want) {
			t.Errorf("copied text lacks %q:\n%s", want, out)
		}
	}
	if s := RulesetStamp(); !strings.HasPrefix(s, "规则集 ") || s != RulesetStamp() {
		t.Errorf("stamp %q not stable", s)
	}
	s := Summarize(rep)
	if strings.Contains(out, ":218:3:") {
		t.Errorf("copied text has file:line:col:\n%s", out)
	}
	if s.Pass || s.Error != 4 || s.Reading != 0 || s.Year != "2024 年度" || s.Agency != "区机关事务管理服务中心" || s.Format != "国办公开办函〔2021〕30号" {
		t.Errorf("summary %+v", s)
	}
}

func TestRuleGroups(t *testing.T) {
	for _, r := range core.Rules() {
		if g := RuleGroup(r.ID); len(g) < 3 {
			t.Errorf("rule %s has no group name (%q)", r.ID, g)
		}
	}
}

func TestDownloadName(t *testing.T) {
	cases := map[string]string{
		PasteName:                     "年报检查结果.nianbao.json",
		"testdata/seeds/004_6bca.txt": "004_6bca.nianbao.json",
		`C:\报告\某区<2024>.html`:         "某区2024.nianbao.json",
		"":                            "年报检查结果.nianbao.json",
	}
	for in, want := range cases {
		if got := DownloadName(in); got != want {
			t.Errorf("DownloadName(%q) = %q, want %q", in, got, want)
		}
	}
}

// SameReport agrees with comparing the JSON, over every fixture and small
// edits of it.
func TestSameReport(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/*/*.txt")
	if len(files) < 10 {
		t.Fatalf("%d fixtures", len(files))
	}
	var reports []core.Report
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		text := string(raw)
		reports = append(reports,
			core.CheckText(PasteName, text, core.Options{}),
			core.CheckText(PasteName, "\n"+text, core.Options{}),                          // every line moves
			core.CheckText(PasteName, strings.Replace(text, "0", "1", 1), core.Options{}), // a value changes
			core.CheckText("other", text, core.Options{}),
		)
	}
	for i, a := range reports {
		for j, b := range reports {
			if i%4 != 0 && j != i && j != i-i%4 { // each variant against its original
				continue
			}
			ja, jb := string(core.NewResult(a).JSON()), string(core.NewResult(b).JSON())
			if got := SameReport(a, b); got != (ja == jb) {
				t.Errorf("SameReport(%d, %d) = %v, JSON equal = %v", i, j, got, ja == jb)
			}
		}
	}
}
