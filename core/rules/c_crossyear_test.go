package rules_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/rules"
)

// The cross-year rules on one unit's real reports of two consecutive
// years (洪泽区人民政府 2023 and 2024, pdftotext -layout): the pair as
// published, then the same pair with the edits a clerk makes by mistake.

func realText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "real", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// lineOf is the 1-based line of the first occurrence of s.
func lineOf(t *testing.T, text, s string) int {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q not in text", s)
	}
	return strings.Count(text[:i], "\n") + 1
}

var numberToken = regexp.MustCompile(`[0-9]+(\.[0-9]+)?`)

// setRow rewrites the numbers of the table line that starts with label
// (after spaces), in order; "" keeps a number, "-" blanks it.
func setRow(t *testing.T, text, label string, vals ...string) string {
	t.Helper()
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(strings.TrimSpace(l), label) {
			continue
		}
		head, tail := l[:strings.Index(l, label)+len(label)], l[strings.Index(l, label)+len(label):]
		k := 0
		tail = numberToken.ReplaceAllStringFunc(tail, func(n string) string {
			defer func() { k++ }()
			switch {
			case k >= len(vals) || vals[k] == "":
				return n
			case vals[k] == "-":
				return strings.Repeat(" ", len(n))
			}
			return vals[k]
		})
		lines[i] = head + tail
		return strings.Join(lines, "\n")
	}
	t.Fatalf("no line starts with %q", label)
	return ""
}

// cross returns the C findings (and P02) of a check against a previous
// report.
func cross(text, prev string) []core.Finding {
	rep := core.CheckText("本年.txt", text, core.Options{Previous: prev})
	var out []core.Finding
	for _, f := range rep.Findings {
		if f.Rule[0] == 'C' {
			out = append(out, f)
		}
	}
	return out
}

func only(fs []core.Finding, rule string) []core.Finding {
	var out []core.Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

// The published pair: C01–C04 hold (上年结转 0 = 结转下年度 0; 行政规范性
// 文件 5 + 3 − 0 = 8; the text and the tables are new). C05: of the three
// problems of 2023's section 五, 2024 takes up the 依申请公开 one only.
func TestCrossYearHongze(t *testing.T) {
	prev, text := realText(t, "hongze-2023-layout.txt"), realText(t, "hongze-2024-layout.txt")
	got := cross(text, prev)
	if len(got) != 1 || got[0].Rule != "C05" || got[0].Severity != "info" {
		t.Fatalf("want only C05: %v", summarize(got))
	}
	c05 := got[0]
	if c05.Line != lineOf(t, text, "五、存在的主要问题及改进情况") ||
		!strings.Contains(c05.Message, "以下 2 项") ||
		!strings.Contains(c05.Message, "“政务公开内容的深度和广度还有待提升”、“政务公开队伍建设有待加强”") ||
		!strings.Contains(c05.Message, "上年报告第 154 行") || strings.Contains(c05.Message, "依申请公开工作规范性") {
		t.Errorf("C05: line %d %s", c05.Line, c05.Message)
	}
	// This year's section 五 reports on them: nothing to say.
	followed := strings.Replace(text, "     针对存在问题，2025 年", "     上年度报告所列政务公开内容深度和广度不够、队伍建设不强的问题，本年度已通过专题培训和栏目改版整改。\n     针对存在问题，2025 年", 1)
	if got := only(cross(followed, prev), "C05"); len(got) != 0 {
		t.Errorf("C05 after the problems are taken up: %v", summarize(got))
	}
}

// C01: this year's 上年结转 must equal last year's 结转下年度 column by
// column; the finding names both places.
func TestC01Carryover(t *testing.T) {
	prev, text := realText(t, "hongze-2023-layout.txt"), realText(t, "hongze-2024-layout.txt")
	prevLine := lineOf(t, prev, "四、结转下年度继续办理")
	check := func(t *testing.T, got []core.Finding, line int) {
		t.Helper()
		got = only(got, "C01")
		if len(got) != 2 {
			t.Fatalf("want C01 on 自然人 and 总计: %v", summarize(got))
		}
		for i, col := range []string{"c_natural", "c_total"} {
			f := got[i]
			if f.Severity != "warning" || f.Line != line || f.Table != "applications" || f.Row != "carry_in" || f.Column != col ||
				!strings.Contains(f.Message, "上年报告第 "+itoa(prevLine)+" 行") {
				t.Errorf("C01 %s: %+v", col, f)
			}
		}
	}
	t.Run("this year", func(t *testing.T) {
		edited := setRow(t, text, "二、上年结转政府信息公开申请数量", "2", "", "", "", "", "", "2")
		got := cross(edited, prev)
		check(t, got, lineOf(t, text, "二、上年结转政府信息公开申请数量"))
		if f := got[0]; f.Expected != "0" || f.Actual != "2" || !strings.Contains(f.Message, "表三“上年结转”自然人列为 2，上年报告表三“结转下年度继续办理”自然人列为 0") {
			t.Errorf("C01 values: %+v", f)
		}
	})
	t.Run("last year", func(t *testing.T) {
		edited := setRow(t, prev, "四、结转下年度继续办理", "3", "", "", "", "", "", "3")
		got := cross(text, edited)
		check(t, got, lineOf(t, text, "二、上年结转政府信息公开申请数量"))
		if f := got[1]; f.Expected != "3" || f.Actual != "0" {
			t.Errorf("C01 values: %+v", f)
		}
	})
	t.Run("blank", func(t *testing.T) {
		// A blank cell last year: cannot verify, never compared as 0.
		edited := setRow(t, prev, "四、结转下年度继续办理", "", "", "", "", "", "", "-")
		got := only(cross(text, edited), "C01")
		if len(got) != 1 || got[0].Severity != "info" || !strings.Contains(got[0].Message, "上年报告表三“四、结转下年度继续办理”行总计列为空白") {
			t.Errorf("C01 with a blank cell last year: %v", summarize(got))
		}
	})
	t.Run("unreadable", func(t *testing.T) {
		// Last year's 表三 as pdftotext's reading order gives it
		// (column-major): not read, so not compared.
		got := only(cross(text, realText(t, "hongze-2023-reading-order.txt")), "C01")
		if len(got) != 1 || got[0].Severity != "info" || got[0].Line != lineOf(t, text, "三、收到和处理政府信息公开申请情况")+1 ||
			!strings.HasSuffix(got[0].Message, "：上年报告表三无法可靠读取") || !strings.Contains(got[0].Fix, "原件复制表格") {
			t.Errorf("C01 on an unreadable table: %v", summarize(got))
		}
	})
}

// C02: 现行有效 rolls forward.
func TestC02Rollforward(t *testing.T) {
	prev, text := realText(t, "hongze-2023-layout.txt"), realText(t, "hongze-2024-layout.txt")
	edited := setRow(t, text, "行政规范性文件", "", "", "9")
	got := only(cross(edited, prev), "C02")
	if len(got) != 1 {
		t.Fatalf("C02: %v", summarize(got))
	}
	f := got[0]
	if f.Severity != "warning" || f.Line != lineOf(t, text, "行政规范性文件") || f.Row != "normative" || f.Column != "in_force" || f.Expected != "8" || f.Actual != "9" ||
		!strings.Contains(f.Message, "表二“行政规范性文件”现行有效件数为 9，而上年现行有效 5（上年报告第 "+itoa(lineOf(t, prev, "行政规范性文件"))+" 行） + 本年制发 3 − 本年废止 0 = 8") {
		t.Errorf("C02: %+v", f)
	}
}

// splice is this year's text with the tables part (sections 二–四) taken
// from another text.
func splice(t *testing.T, narrative, tables string) string {
	t.Helper()
	const from, to = "     二、主动公开政府信息情况", "     五、存在的主要问题及改进情况"
	i, j := strings.Index(narrative, from), strings.Index(narrative, to)
	k, l := strings.Index(tables, from), strings.Index(tables, to)
	if i < 0 || j < 0 || k < 0 || l < 0 {
		t.Fatal("splice: headings not found")
	}
	return narrative[:i] + tables[k:l] + narrative[j:]
}

// lastYearAsThis: last year's report with its years moved on one, as a
// clerk who starts from last year's file makes it.
var lastYearAsThis = strings.NewReplacer("2024", "2025", "2023", "2024", "2022", "2023")

// C03: last year's narrative with this year's tables.
func TestC03CopiedText(t *testing.T) {
	prev, text := realText(t, "hongze-2023-layout.txt"), realText(t, "hongze-2024-layout.txt")
	copied := splice(t, lastYearAsThis.Replace(prev), text)
	got := cross(copied, prev)
	c03 := only(got, "C03")
	if len(c03) != 1 || len(only(got, "C04")) != 0 {
		t.Fatalf("want C03 and no C04: %v", summarize(got))
	}
	f := c03[0]
	first := lineOf(t, copied, "   2024 年，洪泽区人民政府坚持") // section 一: its first sentence
	five := lineOf(t, copied, "五、存在的主要问题及改进情况") + 1
	if f.Severity != "warning" || f.Line != first || f.Actual != "100%" ||
		!strings.Contains(f.Message, "正文 22 句中有 22 句（100%）与上年报告相同") ||
		!strings.Contains(f.Message, "相同的段落如：第 "+itoa(first)+"–40 行“2024年,洪泽区人民政府坚持以习近平新时代中国…”；第 "+itoa(five)+"–") {
		t.Errorf("C03: line %d (want %d) %+v", f.Line, first, f)
	}
	// Sections 五 and 六 written anew: the rest (section 一) is below the
	// threshold.
	i, j := strings.Index(copied, "     五、存在的主要问题"), strings.Index(text, "     五、存在的主要问题")
	if got := only(cross(copied[:i]+text[j:], prev), "C03"); len(got) != 0 {
		t.Errorf("C03 with a new section 五: %v", summarize(got))
	}
	// The published 2024 text shares 6 of its 20 sentences with 2023's.
	if got := only(cross(text, prev), "C03"); len(got) != 0 {
		t.Errorf("C03 on the published pair: %v", summarize(got))
	}
}

// C04: this year's narrative with last year's tables: every non-zero
// figure repeats (and 现行有效 no longer rolls forward: C02).
func TestC04CopiedTables(t *testing.T) {
	prev, text := realText(t, "hongze-2023-layout.txt"), realText(t, "hongze-2024-layout.txt")
	copied := splice(t, text, prev)
	got := cross(copied, prev)
	c04 := only(got, "C04")
	if len(c04) != 1 || len(only(got, "C03")) != 0 {
		t.Fatalf("want C04 and no C03: %v", summarize(got))
	}
	f := c04[0]
	if f.Severity != "warning" || f.Line != lineOf(t, copied, "行政规范性文件") ||
		!strings.Contains(f.Message, "表二至表四的 27 个非零数字全部与上年报告相同（如表二“行政规范性文件”行“本年废止件数”列 5、") {
		t.Errorf("C04: %+v", f)
	}
	if c02 := only(got, "C02"); len(c02) != 1 || c02[0].Expected != "0" || c02[0].Actual != "5" {
		t.Errorf("C02 with last year's 表二: %v", summarize(c02))
	}
	// One figure changed: not all equal.
	edited := setRow(t, copied, "行政许可", "551")
	if got := only(cross(edited, prev), "C04"); len(got) != 0 {
		t.Errorf("C04 with one figure changed: %v", summarize(got))
	}
}

// A file that is not last year's report of the unit: one note, no
// comparison.
func TestCrossYearWrongFile(t *testing.T) {
	h23, h24 := realText(t, "hongze-2023-layout.txt"), realText(t, "hongze-2024-layout.txt")
	cases := []struct {
		name, text, prev, says string
	}{
		{"same year", h24, h24, "同为 2024 年度"},
		{"later", h23, h24, "晚于本报告的 2023 年度"},
		{"two years back", lastYearAsThis.Replace(h24), h23, "所给上年报告为 2023 年度，本报告为 2025 年度，不是相邻两年"},
		{"another unit", realText(t, "huaian-city-2024-layout.txt"), h23, "所给上年报告的单位“洪泽区人民政府”与本报告的“淮安市人民政府”不同"},
	}
	for _, c := range cases {
		got := cross(c.text, c.prev)
		rep := core.CheckText("x", c.text, core.Options{Previous: c.prev})
		for _, f := range rep.Findings {
			if f.Rule == "P02" {
				t.Errorf("%s: P02 compared with a report that is not last year's: %s", c.name, f.Message)
			}
		}
		if len(got) != 1 || got[0].Rule != "C01" || got[0].Severity != "info" || !strings.Contains(got[0].Message, c.says) || !strings.Contains(got[0].Message, "未做跨年度比对") {
			t.Errorf("%s: %v", c.name, summarize(got))
		}
	}
}

// No false alarms: every real report checked with every other real report
// of another unit or year as "last year's" gets no C warning or error.
func TestCrossYearNoFalseAlarm(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("..", "..", "testdata", "real"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".txt") {
			names = append(names, e.Name())
		}
	}
	pairs := 0
	for _, a := range names {
		for _, b := range names {
			if a == b || strings.HasPrefix(b, "hongze-2023") && strings.HasPrefix(a, "hongze-2024") {
				continue // the real pair is tested above
			}
			pairs++
			for _, f := range cross(realText(t, a), realText(t, b)) {
				if f.Severity != "info" || f.Rule != "C01" || !strings.Contains(f.Message, "未做跨年度比对") {
					t.Errorf("%s with %s as last year's: %s %s %s", a, b, f.Rule, f.Severity, f.Message)
				}
			}
		}
	}
	if pairs < 30 {
		t.Errorf("only %d pairs", pairs)
	}
}

func TestSameAgency(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"洪泽区人民政府", "淮安市洪泽区人民政府", true},
		{"淮安市人民政府", "淮安市人民政府办公室", true},
		{"淮安市 人民政府", "淮安市政府", true},
		{"上海市科委", "上海市科学技术委员会", true},
		{"某某区交通运输局（区港航事业发展中心）", "某某区交通运输局", true},
		{"淮安市人民政府", "淮安市洪泽区人民政府", false}, // the city and one of its districts
		{"淮安市人民政府", "洪泽区人民政府", false},
		{"淮安市公安局", "淮安市交通运输局", false},
		{"洪泽区交通运输局", "淮阴区交通运输局", false},
	} {
		if got := rules.SameAgency(c.a, c.b); got != c.same {
			t.Errorf("SameAgency(%q, %q) = %v", c.a, c.b, got)
		}
		if got := rules.SameAgency(c.b, c.a); got != c.same {
			t.Errorf("SameAgency(%q, %q) = %v", c.b, c.a, got)
		}
	}
}
