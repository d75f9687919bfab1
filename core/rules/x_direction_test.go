package rules_test

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/internal/testfiles"
)

// The direction of text-vs-table findings: the place to change is the one
// the table's identities do not confirm.

func findingOf(rep core.Report, rule string) (core.Finding, bool) {
	for _, f := range rep.Findings {
		if f.Rule == rule {
			return f, true
		}
	}
	return core.Finding{}, false
}

// The text is wrong and the table balances: 期望 is the table's value,
// 实际 the text's, and the fix is to the text.
func TestXTextWrongTableBalances(t *testing.T) {
	text := apply(t, loadBase(t), []edit{{"收到政府信息公开申请13件", "收到政府信息公开申请12件"}})
	rep := core.CheckText("case.txt", text, core.Options{})
	f, ok := findingOf(rep, "X02")
	if !ok {
		t.Fatalf("X02 did not fire: %v", summarize(rep.Findings))
	}
	if f.Expected != "13" || f.Actual != "12" {
		t.Errorf("期望 %q 实际 %q, want 13 (table) and 12 (text)", f.Expected, f.Actual)
	}
	if !strings.Contains(f.Fix, "以表格为准") || !strings.Contains(f.Fix, "将正文的 12 件改为 13 件") {
		t.Errorf("fix %q must send the clerk to the text", f.Fix)
	}
	for _, g := range rep.Findings {
		if g.Rule[0] == 'A' && g.Severity != "info" {
			t.Errorf("the table balances, yet %s: %s", g.Rule, g.Message)
		}
	}
}

// The table's cell is wrong (本年新收 总计 14 where its row and its column
// give 13) and the text's 13 makes every identity hold: the fix points to
// the cell, with the value A04 names for it.
func TestXTableWrongTextMendsIt(t *testing.T) {
	text := apply(t, loadBase(t), []edit{{"一、本年新收政府信息公开申请数量\t10\t2\t0\t0\t1\t0\t13", "一、本年新收政府信息公开申请数量\t10\t2\t0\t0\t1\t0\t14"}})
	rep := core.CheckText("case.txt", text, core.Options{})
	f, ok := findingOf(rep, "X02")
	if !ok {
		t.Fatalf("X02 did not fire: %v", summarize(rep.Findings))
	}
	if f.Expected != "13" || f.Actual != "14" {
		t.Errorf("期望 %q 实际 %q, want 13 (text) and 14 (table)", f.Expected, f.Actual)
	}
	if !strings.Contains(f.Fix, "改为 13") || !strings.Contains(f.Fix, "本年新收") {
		t.Errorf("fix %q must point to the table's cell", f.Fix)
	}
	a04, ok := findingOf(rep, "A04")
	if !ok || a04.Row != f.Row || a04.Column != f.Column || a04.Expected != f.Expected {
		t.Errorf("A04 %+v and X02 %+v disagree", a04, f)
	}
}

// Seed 004: the text says no application was received, 表三 says 3, and
// one cell of 表三 (（四）1 总计) is wrong (A04). 本年新收 3 balances its row
// and its column, so X01 must send the clerk to the text, and no X
// finding may ask for a table value the identities (and A04) contradict.
func TestXSeed004AgreesWithA04(t *testing.T) {
	path, text := testfiles.Seed(t, "004")
	rep := core.CheckText(path, text, core.Options{})
	x, ok := findingOf(rep, "X01")
	if !ok {
		t.Fatalf("X01 did not fire: %v", summarize(rep.Findings))
	}
	if x.Expected != "3" || x.Actual != "0" || !strings.Contains(x.Fix, "以表格为准") || !strings.Contains(x.Fix, "正文") {
		t.Errorf("X01 期望 %q 实际 %q fix %q: the table is confirmed, the text must change", x.Expected, x.Actual, x.Fix)
	}
	a04, ok := findingOf(rep, "A04")
	if !ok {
		t.Fatalf("A04 did not fire: %v", summarize(rep.Findings))
	}
	for _, f := range rep.Findings {
		if f.Rule[0] != 'X' || f.Table != "applications" {
			continue
		}
		if strings.Contains(f.Fix, "将表三") && (f.Row != a04.Row || f.Column != a04.Column || f.Expected != a04.Expected) {
			t.Errorf("%s asks to change 表三 against A04 (%s %s = %s): %s", f.Rule, a04.Row, a04.Column, a04.Expected, f.Fix)
		}
		if f.Row == a04.Row && f.Column == a04.Column && f.Expected != a04.Expected {
			t.Errorf("%s expects %s at the cell A04 says is %s", f.Rule, f.Expected, a04.Expected)
		}
	}
}

// A table left at 0 balances (0 = 0) and confirms nothing: the text's
// count against it is checked both ways, never "change the text to 0".
func TestXZeroTableConfirmsNothing(t *testing.T) {
	// Every 表三 row (a label, then seven numbers) set to 0.
	var edits []edit
	for _, l := range strings.Split(loadBase(t), "\n") {
		cells := strings.Split(l, "\t")
		n := len(cells)
		if n < 8 || strings.Trim(strings.Join(cells[:n-7], ""), "\t ") == "" || strings.Trim(strings.Join(cells[:n-7], ""), "0123456789") == "" {
			continue
		}
		numbers := true
		for _, c := range cells[n-7:] {
			numbers = numbers && c != "" && strings.Trim(c, "0123456789") == ""
		}
		if numbers {
			edits = append(edits, edit{l, strings.Join(cells[:n-7], "\t") + strings.Repeat("\t0", 7)})
		}
	}
	if len(edits) < 20 {
		t.Fatalf("%d 表三 rows", len(edits))
	}
	rep := core.CheckText("case.txt", apply(t, loadBase(t), edits), core.Options{})
	f, ok := findingOf(rep, "X02")
	if !ok {
		t.Fatalf("X02 did not fire: %v", summarize(rep.Findings))
	}
	if f.Expected != "0" || f.Actual != "13" || strings.Contains(f.Fix, "以表格为准") || !strings.Contains(f.Fix, "核对正文与表三") {
		t.Errorf("X02 against a table of zeros: 期望 %q 实际 %q fix %q", f.Expected, f.Actual, f.Fix)
	}
}
