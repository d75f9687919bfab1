package core_test

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core"
)

func mustRead(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// rulesAt lists "RULE@line" of errors and warnings, for comparing two runs.
func rulesAt(r core.Report) []string {
	var out []string
	for _, f := range r.Findings {
		if f.Severity != "info" {
			out = append(out, f.Rule+"@"+itoa(f.Line))
		}
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

// The same report copied with Windows line ends, a byte-order mark or
// full-width digits gives the same findings at the same lines.
func TestSameFindingsUnderNormalisation(t *testing.T) {
	text := mustRead(t, "../testdata/seeds/004_6bca9a975aea9322.txt")
	want := strings.Join(rulesAt(core.CheckText("x", text, core.Options{})), " ")
	fullwidth := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, text)
	for name, variant := range map[string][]byte{
		"crlf":       []byte(strings.ReplaceAll(text, "\n", "\r\n")),
		"bom":        append([]byte("\xef\xbb\xbf"), text...),
		"full-width": []byte(fullwidth),
	} {
		rep, err := core.Check("x", variant, core.Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := strings.Join(rulesAt(rep), " "); got != want {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
	}
}

// A table scraped to one line per row with the cell separators lost is
// decoded only when exactly one split satisfies the row's total.
func TestFusedDigits(t *testing.T) {
	seed := mustRead(t, "../testdata/seeds/000_bcc88cd11fb35c2f.txt")
	cells := "一、本年新收政府信息公开申请数量 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n"
	if !strings.Contains(seed, cells) {
		t.Fatal("seed layout changed")
	}
	// The example: 23|0|0|0|0|0|23 is the only split of 230000023.
	text := strings.Replace(seed, cells, "一、本年新收政府信息公开申请数量230000023\n", 1)
	rep := core.CheckText("x", text, core.Options{})
	row := rep.Tables["applications"].Map()["new"]
	for col, want := range map[string]float64{"c_natural": 23, "c_biz": 0, "c_other": 0, "c_total": 23} {
		if v := row[col].Value; v == nil || *v != want {
			t.Fatalf("%s: %+v (findings %v)", col, row[col], rulesAt(rep))
		}
	}
	// Each decoded cell points at its own digits.
	if row["c_total"].Col != row["c_natural"].Col+7 {
		t.Errorf("positions: %+v %+v", row["c_natural"], row["c_total"])
	}
	// 102001013 splits two ways (10|2|0|0|1|0|13 and 1|0|2|0|0|10|13):
	// never guessed, reported as unreadable. A warning: the copy lost the
	// separators, the report itself may well be right.
	text = strings.Replace(seed, cells, "一、本年新收政府信息公开申请数量102001013\n", 1)
	rep = core.CheckText("x", text, core.Options{})
	if _, ok := rep.Tables["applications"].Map()["new"]; ok {
		t.Errorf("ambiguous fused row was guessed: %+v", rep.Tables["applications"].Map()["new"])
	}
	found := false
	for _, f := range rep.Findings {
		if f.Rule == "T03" && strings.Contains(f.Message, "连在一起") && f.Severity == "warning" && f.Line == 84 {
			found = true
		}
		if f.Severity == "error" && f.Rule[0] == 'A' {
			t.Errorf("arithmetic on an unreadable row: %s", f.Message)
		}
	}
	if !found {
		t.Errorf("ambiguous fused row not reported: %v", rulesAt(rep))
	}
}

// Blank is not 0, "/" is a placeholder: warned, and the identities through
// it are "cannot verify", never computed.
func TestBlankIsNotZero(t *testing.T) {
	base := mustRead(t, "../core/rules/testdata/base.txt")
	text := strings.Replace(base, "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1", "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t/", 1)
	rep := core.CheckText("x", text, core.Options{})
	cell := rep.Tables["applications"].Map()["carry_out"]["c_total"]
	if cell.Value != nil || cell.Raw != "/" {
		t.Errorf("placeholder cell: %+v", cell)
	}
	var rules []string
	for _, f := range rep.Findings {
		rules = append(rules, f.Rule+"/"+f.Severity)
		if f.Severity == "error" {
			t.Errorf("an error computed from a blank: %s %s", f.Rule, f.Message)
		}
	}
	got := strings.Join(rules, " ")
	for _, w := range []string{"T05/warning", "A01/info", "A02/info"} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %s in %s", w, got)
		}
	}
}

// Bad input never panics and always says what is wrong, in Chinese.
func TestBadInput(t *testing.T) {
	gbk := []byte{0xb1, 0xbe, 0xb1, 0xa8, 0xb8, 0xe6, 0xb8, 0xf9, 0xbe, 0xdd, 0x0a, 0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xcc, 0xe5, 0xc7, 0xe9, 0xbf, 0xf6} // "本报告根据\n一、总体情况" in GBK
	cases := []struct {
		name, code, contains string
		raw                  []byte
	}{
		{"empty", "empty", "为空", nil},
		{"spaces", "empty", "为空", []byte(" \n\t\r\n　")},
		{"gbk", "encoding", "GBK", gbk},
		{"utf16 cut", "encoding", "UTF-16", []byte{0xff, 0xfe, 'a', 0, 'b'}},
		{"utf16 lone surrogate", "encoding", "UTF-16", []byte{0xff, 0xfe, 'a', 0, 0x00, 0xd8, 'b', 0}},
		{"no encoding", "encoding", "无法识别", []byte("一、总体情况\n\x80\x80\xff\xff\x80")},
		{"pdf here", "unsupported", "PDF", []byte("%PDF-1.7\n\x00\x01\x02binary")},
		{"broken docx", "format", "损坏", append([]byte("PK\x03\x04"), make([]byte, 64)...)},
		{"legacy doc", "unsupported", ".docx", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 64)...)},
		{"png", "binary", "图片", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)},
		{"huge", "too-large", "过大", make([]byte, core.MaxInputBytes+1)},
	}
	for _, c := range cases {
		_, err := core.Check("x", c.raw, core.Options{})
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		if err.Code != c.code || !strings.Contains(err.Message, c.contains) {
			t.Errorf("%s: got %s %q", c.name, err.Code, err.Message)
		}
	}
	// Where the bad bytes are is said: GBK starting on line 3.
	raw := append([]byte("标题\n正文\n"), gbk...)
	if _, err := core.Check("x", raw, core.Options{}); err == nil || err.Line != 3 {
		t.Errorf("line of the first non-UTF-8 byte: %+v", err)
	}
}

// Half a table, a table with no numbers, headings only, or a single
// line: findings, no panic, every position inside the input.
func TestHalfTables(t *testing.T) {
	base := mustRead(t, "../core/rules/testdata/base.txt")
	lines := strings.Split(base, "\n")
	for cut := 0; cut < len(lines); cut += 3 {
		text := strings.Join(lines[:cut], "\n")
		rep := core.CheckText("x", text, core.Options{})
		checkPositions(t, text, rep)
	}
	for _, text := range []string{"三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量", "|||\n|", "0 0 0 0", "（七）总计\t\t\t", strings.Repeat("一、", 1000)} {
		checkPositions(t, text, core.CheckText("x", text, core.Options{}))
	}
}

func checkPositions(t *testing.T, text string, rep core.Report) {
	t.Helper()
	lines := strings.Split(text, "\n")
	for _, f := range rep.Findings {
		if f.Line == 0 {
			continue
		}
		if f.Line > len(lines) || f.Col < 1 || f.Col > utf8.RuneCountInString(lines[f.Line-1])+1 {
			t.Fatalf("%s at %d:%d outside the input (%d lines)", f.Rule, f.Line, f.Col, len(lines))
		}
	}
}

// Other ways real reports number their parts: "（一）总体情况" with no
// "一、" heading at all, or "第一部分 总体情况". The parts are found, and
// only the numbering is reported; a date inside the last sentence is not
// taken for the 落款.
func TestOtherPartNumbering(t *testing.T) {
	base := mustRead(t, "../core/rules/testdata/base.txt")
	titles := []string{"总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"}
	numerals := []string{"一", "二", "三", "四", "五", "六"}
	for _, style := range []struct {
		name   string
		number func(i int) string
		s03    int
	}{
		{"brackets", func(i int) string { return "（" + numerals[i] + "）" }, 6},
		{"第N部分", func(i int) string { return "第" + numerals[i] + "部分 " }, 0},
	} {
		text := base
		for i, title := range titles {
			text = strings.Replace(text, "\n"+numerals[i]+"、"+title+"\n", "\n"+style.number(i)+title+"\n", 1)
		}
		text = strings.Replace(text, "\n某某市某某区交通运输局\n2025年1月20日", "\n截至2024年12月31日，各项工作均已完成。\n某某市某某区交通运输局\n2025年1月20日", 1)
		rep := core.CheckText("x", text, core.Options{})
		s03 := 0
		for _, f := range rep.Findings {
			switch f.Rule {
			case "S03":
				s03++
			default:
				t.Errorf("%s: unexpected %s %s", style.name, f.Rule, f.Message)
			}
		}
		if s03 != style.s03 {
			t.Errorf("%s: %d S03 findings, want %d", style.name, s03, style.s03)
		}
	}
}

// A note under a table ("注：…2024年12月31日") holds digits but no cells.
func TestNoteUnderTable(t *testing.T) {
	base := mustRead(t, "../core/rules/testdata/base.txt")
	row := "1\t0\t1\t0\t2\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0\n"
	text := strings.Replace(base, row, row+"注：数据截至2024年12月31日\n", 1)
	if rep := core.CheckText("x", text, core.Options{}); len(rep.Findings) != 0 {
		t.Errorf("findings: %v", rulesAt(rep))
	}
}

// 表四 written as one row per group, with the group names as row labels.
func TestT4OneRowPerGroup(t *testing.T) {
	base := mustRead(t, "../core/rules/testdata/base.txt")
	old := "行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n1\t0\t1\t0\t2\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0\n"
	if !strings.Contains(base, old) {
		t.Fatal("base changed")
	}
	text := strings.Replace(base, old, "\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n行政复议\t1\t0\t1\t0\t2\n未经复议直接起诉\t0\t0\t0\t1\t1\n复议后起诉\t0\t0\t0\t0\t0\n", 1)
	rep := core.CheckText("x", text, core.Options{})
	if len(rep.Findings) != 0 {
		t.Errorf("findings: %v", rulesAt(rep))
	}
	if v := rep.Tables["review"].Map()["suit_direct"]["pending"].Value; v == nil || *v != 1 {
		t.Errorf("直接起诉 尚未审结: %+v", rep.Tables["review"].Map()["suit_direct"])
	}
	// The same with a wrong 总计 is still found.
	bad := strings.Replace(text, "行政复议\t1\t0\t1\t0\t2", "行政复议\t1\t0\t1\t0\t3", 1)
	if got := strings.Join(rulesAt(core.CheckText("x", bad, core.Options{})), " "); !strings.Contains(got, "A06@64") {
		t.Errorf("A06 missing: %v", got)
	}
}

// In a pdftotext -layout copy an empty cell leaves only spaces. A short
// row whose values line up with the full rows' columns is read with the
// missing column blank (a warning, identities "cannot verify"), not
// rejected as unreadable; a row that does not line up stays unreadable.
func TestLayoutBlankCellByColumns(t *testing.T) {
	text := mustRead(t, "../testdata/real/huaian-city-2024-layout.txt")
	row := "二、上年结转政府信息公开申请数量                34          0        0        0        0    0    34"
	if !strings.Contains(text, row) {
		t.Fatal("fixture changed")
	}
	// The 法律服务机构 value (fifth) removed, its width kept as spaces.
	blanked := "二、上年结转政府信息公开申请数量                34          0        0        0         " + "    0    34"
	rep := core.CheckText("x", strings.Replace(text, row, blanked, 1), core.Options{})
	cell := rep.Tables["applications"].Map()["carry_in"]["c_legal"]
	if cell.Value != nil || cell.Raw != "" {
		t.Fatalf("c_legal: %+v", cell)
	}
	if v := rep.Tables["applications"].Map()["carry_in"]["c_other"].Value; v == nil || *v != 0 {
		t.Errorf("c_other: %+v", rep.Tables["applications"].Map()["carry_in"]["c_other"])
	}
	var got []string
	for _, f := range rep.Findings {
		if f.Rule == "T03" || f.Severity == "error" {
			t.Errorf("unexpected %s %s: %s", f.Rule, f.Severity, f.Message)
		}
		got = append(got, f.Rule+"/"+f.Severity)
	}
	for _, want := range []string{"T05/warning", "A01/info", "A02/info"} {
		if !strings.Contains(strings.Join(got, " "), want) {
			t.Errorf("missing %s in %v", want, got)
		}
	}
	// Values squeezed together do not line up with any column: unreadable.
	squeezed := "二、上年结转政府信息公开申请数量                34 0 0 0 0 34"
	rep = core.CheckText("x", strings.Replace(text, row, squeezed, 1), core.Options{})
	if _, ok := rep.Tables["applications"].Map()["carry_in"]; ok {
		t.Error("a row that does not line up was placed")
	}
}

// Half a 表三 (the copy stopped at （三）5): one finding names every missing
// row instead of one finding a row.
func TestHalfTableOneFinding(t *testing.T) {
	base := mustRead(t, "../core/rules/testdata/base.txt")
	lines := strings.Split(base, "\n")
	rep := core.CheckText("x", strings.Join(lines[:45], "\n"), core.Options{})
	n := 0
	for _, f := range rep.Findings {
		if f.Rule == "T03" {
			n++
			if !strings.Contains(f.Message, "缺少 16 行") || !strings.Contains(f.Message, "“（七）总计”") {
				t.Errorf("T03: %s", f.Message)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d T03 findings, want 1: %v", n, rulesAt(rep))
	}
}
