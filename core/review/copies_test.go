package review

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/similar"
)

// A template copied by many units: each report names its five most
// similar partners one by one and counts the rest; both sides of a pair
// see the other unit and their own lines.
func TestCopiesBothSidesAndCap(t *testing.T) {
	var pairs []similar.Pair
	for i := 0; i < 7; i++ {
		pairs = append(pairs, similar.Pair{A: "a.txt", B: "b" + string(rune('0'+i)) + ".txt",
			Agencies: [2]string{"甲局", "乙" + string(rune('0'+i)) + "局"}, Years: [2]int{2024, 2024},
			Similarity: 0.6 + float64(i)/100, Same: 20 + i, Sentences: [2]int{30, 31},
			Shared: []similar.Passage{{ALines: [2]int{10, 12}, BLines: [2]int{40, 41}, Text: "全面推进政务公开"}}})
	}
	by := Copies(pairs)
	a := by["a.txt"]
	if len(a) != 7 || a[0].OtherAgency != "乙6局" || a[0].Similarity < a[6].Similarity {
		t.Fatalf("a's copies not most similar first: %+v", a)
	}
	b := by["b3.txt"]
	if len(b) != 1 || b[0].OtherAgency != "甲局" || b[0].Passages[0].Lines != [2]int{40, 41} || b[0].Passages[0].OtherLines != [2]int{10, 12} || b[0].Sentences != 31 {
		t.Fatalf("b3 sees %+v", b)
	}
	row := Row{Source: "a.txt", Agency: "甲局", Copies: a}
	cell := row.CopiedCell()
	if strings.Count(cell, "\n") != MaxCopies || !strings.HasSuffix(cell, "等 7 份") || !strings.HasPrefix(cell, "乙6局（2024 年度） 66%") {
		t.Errorf("cell %q", cell)
	}
	items := Items(core.Report{Source: "a.txt"}, row)
	if len(items) != MaxCopies+1 || !strings.Contains(items[MaxCopies].Problem, "另有 2 份") {
		t.Fatalf("%d items: %+v", len(items), items)
	}
	if it := items[0]; it.Severity != "warning" || !strings.Contains(it.Problem, "与乙6局（2024 年度）的报告雷同：66% 的正文句子相同（26 句）") ||
		len(it.Lists) != 1 || it.Lists[0].Lines[0] != "本报告原文第 10–12 行，对方第 40–41 行：全面推进政务公开" {
		t.Errorf("first item %+v", it)
	}
}
