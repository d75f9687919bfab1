package core

import (
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/testfiles"
)

func checkSeed(t *testing.T, prefix string, opts Options) Report {
	t.Helper()
	name, text := testfiles.Seed(t, prefix+"_")
	return CheckText(name, text, opts)
}

// Seed 004 has one wrong cell: （四）1 总计 0 where the applicants add up
// to 3. It breaks the row total (A02) and the （七）总计 column (A03); A04
// finds the cell. One card, one fix: nothing may tell the clerk to change
// （七）总计 to 0.
func TestOneCauseOneCard(t *testing.T) {
	r := checkSeed(t, "004", Options{})
	cause := -1
	for i, f := range r.Findings {
		if f.Rule == "A04" {
			cause = i
		}
	}
	if cause < 0 {
		t.Fatal("no A04 finding")
	}
	const fix = "将表三“（四）1.本机关不掌握相关政府信息”行的总计改为 3"
	if r.Findings[cause].Fix != fix {
		t.Fatalf("A04 fix %q", r.Findings[cause].Fix)
	}
	var explained []string
	for _, f := range r.Findings {
		if strings.Contains(f.Fix, "改为 0") {
			t.Errorf("%s suggests a contradicting fix: %q", f.Rule, f.Fix)
		}
		if f.ExplainedBy != nil {
			if *f.ExplainedBy != cause {
				t.Errorf("%s explained by %d, want %d", f.Rule, *f.ExplainedBy, cause)
			}
			if !strings.HasPrefix(f.Fix, fix) {
				t.Errorf("%s fix %q is not the cause's", f.Rule, f.Fix)
			}
			explained = append(explained, f.Rule)
		}
	}
	if strings.Join(explained, " ") != "A02 A03" {
		t.Fatalf("explained %v, want A02 A03", explained)
	}
	var card *Card
	cards := Cards(r)
	for i, c := range cards {
		if c.Lead == cause {
			card = &cards[i]
		}
	}
	if card == nil || len(card.Explained) != 2 || card.Severity != "error" {
		t.Fatalf("card %+v", card)
	}
	n := 0
	for _, c := range cards {
		n += len(c.Members())
	}
	if n != len(r.Findings) {
		t.Fatalf("cards hold %d findings of %d", n, len(r.Findings))
	}

	// Errors only: the cause (a note) stays with the errors it explains,
	// and the links point into the filtered list.
	r = checkSeed(t, "004", Options{MinSeverity: "error"})
	found := false
	for i, f := range r.Findings {
		if f.Rule == "A04" {
			found = true
			cause = i
		}
	}
	if !found {
		t.Fatal("--severity error dropped the cause")
	}
	for _, f := range r.Findings {
		if f.ExplainedBy != nil && *f.ExplainedBy != cause {
			t.Errorf("%s explained by %d, want %d", f.Rule, *f.ExplainedBy, cause)
		}
	}
	if js := string(NewResult(r).JSON()); !strings.Contains(js, `"explained_by": `+strconv.Itoa(cause)) {
		t.Errorf("JSON lacks explained_by %d: %s", cause, js)
	}
}

// Seed 003 lost a column in thirteen rows of 表三: thirteen T03 findings
// with one fix are one card listing the rows.
func TestAlikeRowsOneCard(t *testing.T) {
	r := checkSeed(t, "003", Options{})
	t03 := 0
	for _, f := range r.Findings {
		if f.Rule == "T03" {
			t03++
		}
	}
	if t03 != 13 {
		t.Fatalf("%d T03 findings, want 13", t03)
	}
	for _, c := range Cards(r) {
		lead := r.Findings[c.Lead]
		if lead.Rule != "T03" {
			if len(c.Alike) > 0 {
				for _, i := range c.Alike {
					if f := r.Findings[i]; f.Rule != lead.Rule || f.Fix != lead.Fix || f.Table != lead.Table {
						t.Errorf("%s grouped with %s", f.Rule, lead.Rule)
					}
				}
			}
			continue
		}
		if len(c.Alike) != 12 {
			t.Fatalf("T03 card has %d like rows, want 12", len(c.Alike))
		}
		if !strings.Contains(lead.Message, "（一）予以公开") || !strings.Contains(r.Findings[c.Alike[11]].Message, "（四）3.补正后申请内容仍不明确") {
			t.Errorf("rows out of order: %q … %q", lead.Message, r.Findings[c.Alike[11]].Message)
		}
		return
	}
	t.Fatal("no T03 card")
}
