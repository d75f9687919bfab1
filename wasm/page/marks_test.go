package page

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/internal/testfiles"
)

// Every finding with a line of seed 004 is underlined on its line, from its
// column: the cell's text for a cell, the heading for a heading; the A02
// and A04 findings on the same cell share one mark, coloured as the worse.
func TestMarksSeed004(t *testing.T) {
	name, text := testfiles.Seed(t, "004")
	rep := core.CheckText(name, text, core.Options{})
	lines := SplitLines(text)
	marks := Marks(rep, lines)
	under := map[int][]Mark{}
	for _, m := range marks {
		if m.End <= m.Start && lines[m.Line-1] != "" {
			t.Errorf("empty mark %+v on a line with text", m)
		}
		for _, i := range m.Findings {
			under[i] = append(under[i], m)
		}
	}
	for i, f := range rep.Findings {
		ms := under[i]
		if f.Line == 0 {
			if len(ms) > 0 {
				t.Errorf("%s has no line but is marked", f.Rule)
			}
			continue
		}
		if len(ms) == 0 {
			t.Errorf("%s on line %d: no mark", f.Rule, f.Line)
			continue
		}
		rs := []rune(lines[f.Line-1])
		got := string(rs[ms[0].Start:ms[len(ms)-1].End])
		if ms[0].Line != f.Line || !strings.HasPrefix(strings.TrimLeft(string(rs[f.Col-1:]), " \t\u3000\u00a0"), got) {
			t.Errorf("%s at %d:%d marks %q on line %d", f.Rule, f.Line, f.Col, got, ms[0].Line)
		}
		switch f.Rule {
		case "A02", "A04":
			if got != "0" || ms[0].Severity != "error" || len(ms[0].Findings) != 2 {
				t.Errorf("%s: mark %+v %q, want the cell's 0 for A02 and A04, error", f.Rule, ms[0], got)
			}
		case "S03":
			if got != strings.TrimSpace(lines[f.Line-1]) {
				t.Errorf("S03: marks %q, want the heading %q", got, lines[f.Line-1])
			}
		}
	}
}

// Overlapping findings are cut into pieces that name every finding over
// them; an empty line is marked as a whole; a finding past the end of its
// line marks the last character; prose stops at the end of the sentence.
func TestMarksPieces(t *testing.T) {
	rep := core.Report{Findings: []core.Finding{
		{Rule: "X01", Severity: "warning", Line: 1, Col: 3},
		{Rule: "X02", Severity: "error", Line: 1, Col: 5},
		{Rule: "S12", Severity: "info", Line: 2, Col: 1},
		{Rule: "S05", Severity: "info", Line: 3, Col: 9},
		{Rule: "D03", Severity: "info"},
	}}
	lines := []string{"正文称未收到申请。其后另一句", "", "一、总体情况"}
	var got []string
	for _, m := range Marks(rep, lines) {
		got = append(got, fmt.Sprintf("%d:%d-%d%v%s", m.Line, m.Start, m.End, m.Findings, m.Severity))
	}
	want := "1:2-4[0]warning 1:4-9[0 1]error 2:0-0[2]info 3:5-6[3]info"
	if strings.Join(got, " ") != want {
		t.Errorf("marks %s, want %s", strings.Join(got, " "), want)
	}
}

// The official headers: 表三 with 申请人情况 over seven columns and 法人或其
// 他组织 over five; 表四 as one row of fifteen under 行政复议 | 行政诉讼
// (未经复议直接起诉 | 复议后起诉), its group headings standing for the JSON
// rows so that a finding on a group marks its heading.
func TestHeaders(t *testing.T) {
	name, text := testfiles.Seed(t, "004")
	rep := core.CheckText(name, text, core.Options{})
	heads := func(s Section) string {
		var rows []string
		for _, hr := range s.Head {
			var cells []string
			for _, hc := range hr {
				c := fmt.Sprintf("%s/%d×%d", hc.Label, hc.ColSpan, hc.RowSpan)
				if hc.Row != "" {
					c += "@" + hc.Row
				}
				cells = append(cells, c)
			}
			rows = append(rows, strings.Join(cells, " "))
		}
		return strings.Join(rows, " | ")
	}
	g := Grids(rep)
	if got, want := heads(g[1].Sections[0]), format.NoteT3+"/1×3 申请人情况/7×1 | 自然人/1×2 法人或其他组织/5×1 总计/1×2 | 商业企业/1×1 科研机构/1×1 社会公益组织/1×1 法律服务机构/1×1 其他/1×1"; got != want {
		t.Errorf("表三 header:\n got %s\nwant %s", got, want)
	}
	five := "结果维持/1×1 结果纠正/1×1 其他结果/1×1 尚未审结/1×1 总计/1×1"
	if got, want := heads(g[2].Sections[0]), "行政复议/5×1@review 行政诉讼/10×1 | 结果维持/1×2 结果纠正/1×2 其他结果/1×2 尚未审结/1×2 总计/1×2 未经复议直接起诉/5×1@suit_direct 复议后起诉/5×1@suit_after | "+five+" "+five; got != want {
		t.Errorf("表四 header:\n got %s\nwant %s", got, want)
	}
	t4 := g[2].Sections[0]
	if len(t4.Rows) != 1 || len(t4.Rows[0].Cells) != 15 || t4.Rows[0].Cells[7].Row != "suit_direct" || t4.Rows[0].Cells[7].Col != "other" || t4.Rows[0].Cells[7].Cell == nil {
		t.Errorf("表四 row: %+v", t4.Rows)
	}
	// 表二 keeps one header row per block: the corner and its columns.
	if got, want := heads(g[0].Sections[0]), "信息内容/1×1 本年制发件数/1×1 本年废止件数/1×1 现行有效件数/1×1"; got != want {
		t.Errorf("表二 header %s, want %s", got, want)
	}

	// A finding on a 表四 group as a whole marks the group's heading.
	rep.Findings = append(rep.Findings, core.Finding{Rule: "T04", Severity: "error", Table: "review", Row: "suit_after"})
	g = Grids(rep)
	for _, hr := range g[2].Sections[0].Head {
		for _, hc := range hr {
			if (hc.Row == "suit_after") != (len(hc.Marked) == 1) {
				t.Errorf("heading %s marked %v", hc.Label, hc.Marked)
			}
		}
	}
}

// Rule names for people, and the severity notes name rules that exist and
// are not already at the severity the note lowers or raises them to.
func TestRuleWords(t *testing.T) {
	names := map[string]core.RuleInfo{}
	for _, r := range core.Rules() {
		names[r.ID] = r
		if title := RuleTitle(r); title == "" || strings.ContainsAny(title, "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("%s: title %q", r.ID, title)
		}
	}
	// The ledger's severity notes are the rules' own Levels: an A rule
	// shown as 错误 says when it comes out as 提示.
	if note := SeverityNote(names["A02"]); !strings.Contains(note, "无法核对：提示") {
		t.Errorf("A02 note %q", note)
	}
	if RuleTitle(core.RuleInfo{Title: "表三行合计", Doc: "长的说明，后半句"}) != "表三行合计" || RuleTitle(core.RuleInfo{Doc: "长的说明，后半句"}) != "长的说明" {
		t.Error("RuleTitle: Title first, else the first clause of Doc")
	}
}

// A place only a reading doubt names is marked as the checker's
// ("reading"), never with the report's severities; with a problem of the
// report there too, the report's severity shows.
func TestWorstOfReading(t *testing.T) {
	fs := []core.Finding{{Severity: "warning", Kind: "reading"}, {Severity: "info", Kind: "report"}, {Severity: "error", Kind: "report"}}
	for _, c := range []struct {
		idx  []int
		want string
	}{{[]int{0}, "reading"}, {[]int{0, 1}, "info"}, {[]int{0, 2}, "error"}, {nil, "info"}} {
		if got := WorstOf(fs, c.idx); got != c.want {
			t.Errorf("WorstOf(%v) = %q, want %q", c.idx, got, c.want)
		}
	}
}
