package rules_test

import (
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/internal/testfiles"
)

// structCards are the cards of a report whose lead is a structure rule
// (S01–S05), with the rules of all their members.
func structCards(r core.Report) [][]string {
	var out [][]string
	for _, c := range core.Cards(r) {
		lead := r.Findings[c.Lead]
		if !strings.HasPrefix(lead.Rule, "S0") || lead.Rule > "S05" {
			continue
		}
		var rules []string
		for _, i := range c.Members() {
			rules = append(rules, r.Findings[i].Rule)
		}
		out = append(out, rules)
	}
	return out
}

// One heading too many shifts every part after it: one cause (an error),
// the renumberings and the extra heading's S04/S05 folded under it, with
// one fix that does not make a second "二、".
func TestInsertedHeadingOneCause(t *testing.T) {
	base := loadBase(t)
	text := apply(t, base, []edit{
		{"（二）依申请公开\n", "二、政府信息依申请公开情况\n"},
		{"（三）政府信息管理", "（三）政府信息管理"},
		{"二、主动公开政府信息情况", "三、主动公开政府信息情况"},
		{"三、收到和处理政府信息公开申请情况", "四、收到和处理政府信息公开申请情况"},
		{"四、政府信息公开行政复议、行政诉讼情况", "五、政府信息公开行政复议、行政诉讼情况"},
		{"五、存在的主要问题及改进情况", "六、存在的主要问题及改进情况"},
		{"六、其他需要报告的事项", "七、其他需要报告的事项"},
	})
	r := core.CheckText("x", text, core.Options{})
	cards := structCards(r)
	if len(cards) != 1 {
		t.Fatalf("structure cards %v, want one", cards)
	}
	c := core.Cards(r)
	var cause core.Finding
	for _, card := range c {
		if f := r.Findings[card.Lead]; f.Rule == "S03" {
			cause = f
			if card.Severity != "error" || f.Severity != "error" {
				t.Errorf("cause severity %s, card %s", f.Severity, card.Severity)
			}
			if len(card.Explained) != 7 { // S04, S05 and five S03
				t.Errorf("explained %d findings, want 7", len(card.Explained))
			}
		}
	}
	if !strings.Contains(cause.Message, "多了一个一级标题“二、政府信息依申请公开情况”") || !strings.Contains(cause.Message, "“三、”至“七、”（5 个部分）应依次为“二、”至“六、”") {
		t.Errorf("cause message: %s", cause.Message)
	}
	const fix = "删除或并入这一标题，其后各部分序号随之恢复"
	for i, f := range r.Findings {
		if f.Rule == "S03" && f.ExplainedBy != nil && f.Fix != fix {
			t.Errorf("finding %d fix %q: would renumber one part alone", i, f.Fix)
		}
		if strings.HasPrefix(f.Rule, "S0") && f.ExplainedBy == nil && f.Fix != fix {
			t.Errorf("structure finding outside the cause: %s %s", f.Rule, f.Message)
		}
	}
}

// A missing part the numbering does not skip: S01 is the cause, the
// later parts' numerals and the missing table are folded under it.
func TestMissingSectionOneCause(t *testing.T) {
	base := loadBase(t)
	i, j := strings.Index(base, "四、政府信息公开行政复议"), strings.Index(base, "五、存在的主要问题")
	text := base[:i] + strings.NewReplacer("五、存在的主要问题", "四、存在的主要问题", "六、其他需要报告", "五、其他需要报告").Replace(base[j:])
	r := core.CheckText("x", text, core.Options{})
	cards := structCards(r)
	if len(cards) != 1 || strings.Join(cards[0], " ") != "S01 S03 S03 T01" {
		t.Fatalf("structure cards %v, want one: S01 S03 S03 T01", cards)
	}
	for _, f := range r.Findings {
		if f.Rule == "S01" && !strings.Contains(f.Message, "缺少第四部分") {
			t.Errorf("S01: %s", f.Message)
		}
		if f.ExplainedBy != nil && !strings.Contains(f.Fix, "补写“四、政府信息公开行政复议、行政诉讼情况”一节（含表四），其后各部分序号随之顺延") {
			t.Errorf("%s fix %q", f.Rule, f.Fix)
		}
	}
	// A part whose numeral is simply wrong stays a finding of its own.
	text = strings.Replace(base, "五、存在的主要问题", "七、存在的主要问题", 1)
	r = core.CheckText("x", text, core.Options{})
	if cards := structCards(r); len(cards) != 1 || strings.Join(cards[0], " ") != "S03" {
		t.Errorf("a wrong numeral: %v", cards)
	}
}

// Seed 003 (one heading inserted) shows one structure card; the kewei
// report (its own headings 二–六 in section 一, then the official parts
// numbered again from 一) one card for its numbering, and its missing
// 五 (a separate defect: the numbering skips it) one of its own.
func TestSharedReportsOneNumberingCause(t *testing.T) {
	path, text := testfiles.Seed(t, "003")
	r := core.CheckText(path, text, core.Options{})
	if cards := structCards(r); len(cards) != 1 || strings.Join(cards[0], " ") != "S03 S04 S05 S03 S03 S03 S03 S03" {
		t.Errorf("seed 003: %v", cards)
	}
	raw, err := os.ReadFile("../../testdata/real/kewei-2024-markdown.txt")
	if err != nil {
		t.Fatal(err)
	}
	r = core.CheckText("kewei", string(raw), core.Options{})
	cards := structCards(r)
	if len(cards) != 2 || strings.Join(cards[0], " ") != "S03 S04 S04 S04 S04 S04 S03 S03 S03 S03" || strings.Join(cards[1], " ") != "S01" {
		t.Errorf("kewei: %v", cards)
	}
}

// An extra heading after which the unit went on with the right numerals
// causes nothing: a later wrong numeral is a mistake of its own, not
// explained by the extra heading.
func TestExtraHeadingThenRightNumbers(t *testing.T) {
	text := apply(t, loadBase(t), []edit{{"（二）依申请公开\n", "二、政府信息依申请公开情况\n"}, {"五、存在的主要问题", "七、存在的主要问题"}})
	r := core.CheckText("x", text, core.Options{})
	for _, f := range r.Findings {
		if f.ExplainedBy != nil {
			t.Errorf("%s explained: %s", f.Rule, f.Message)
		}
		if f.Rule == "S03" && !strings.Contains(f.Message, "序号写成了“七、”") {
			t.Errorf("S03: %s", f.Message)
		}
	}
}
