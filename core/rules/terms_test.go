package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/source"
)

// The identities of 表三 come from the plans made once per edition (not
// made again per report), and a report gets one identity per column for
// A01 and A03, one per row read for A02, one per column of each sub-total
// read for A05, and one per 表四 group.
func TestIdentityPlans(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/seeds/*.txt")
	real, _ := filepath.Glob("../../testdata/real/*.txt")
	files = append(files, real...)
	if len(files) < 5 {
		t.Fatalf("only %d fixtures", len(files))
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := parse.Parse(source.New(f, string(raw)))
		want := map[string]int{}
		if tb := doc.T3; tb != nil && !tb.Scrambled {
			if pl := planOf(tb.Rows, tb.Groups); pl != planT3v2021 && pl != planT3v2019 {
				t.Errorf("%s: 表三's rows have no plan made at start", f)
			}
			C := len(format.T3Columns)
			want["A01"], want["A03"] = C, C
			for _, r := range tb.Rows {
				if tb.HasRow(r.ID) {
					want["A02"]++
				}
			}
			for _, g := range []string{"withheld", "unable", "notproc"} {
				if tb.HasRow(g) {
					want["A05"] += C
				}
			}
		}
		if tb := doc.T4; tb != nil && !tb.Scrambled {
			want["A06"], want["A07"], want["A08"] = 1, 1, 1
		}
		got := map[string]int{}
		for _, id := range identities(doc) {
			got[id.rule]++
			if id.table == nil || len(id.terms) < 2 || signIn(id, id.at.row, id.at.col) != -1 {
				t.Errorf("%s: %s identity %s: table %v, terms %v, at %v", f, id.rule, id.name(), id.table != nil, id.terms, id.at)
			}
			for _, tm := range append(id.terms, id.at) {
				if c := id.table.Cell(tm.row, tm.col); id.table.CellAt(tm.r, tm.c) != c {
					t.Errorf("%s: %s identity %s: the cell at index %d,%d is not %s/%s", f, id.rule, id.name(), tm.r, tm.c, tm.row, tm.col)
				}
			}
			if id.rule == "A02" && (id.row == nil || id.row.ID != id.at.row) {
				t.Errorf("%s: A02 identity of row %s names another row", f, id.at.row)
			}
		}
		for r, n := range want {
			if got[r] != n {
				t.Errorf("%s: %d identities of %s, want %d", f, got[r], r, n)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: identities of rules %v, want %v", f, got, want)
		}
	}
}

// A 表三 whose rows are not one of the format's editions still gets its
// identities (a plan made for it).
func TestIdentityPlanOther(t *testing.T) {
	rows := append([]format.Row(nil), format.T3Rows2021[:len(format.T3Rows2021)-1]...)
	pl := planOf(rows, t3Groups)
	if pl == planT3v2021 || pl == planT3v2019 {
		t.Fatal("rows of no edition took an edition's plan")
	}
	if len(pl.ids) != len(planT3v2021.ids)-1 {
		t.Errorf("%d identities, want %d (one row fewer)", len(pl.ids), len(planT3v2021.ids)-1)
	}
}

// A 表三 read without the groups whose sub-totals A05 needs never gets
// those identities: their sub-total row is one the table lacks.
func TestIdentityPlanNoGroups(t *testing.T) {
	pl := planOf(format.T3Rows2021, nil)
	if pl == planT3v2021 {
		t.Fatal("a table without groups took the plan made for groups")
	}
	n := 0
	for _, pi := range pl.ids {
		if pi.rule != "A05" {
			continue
		}
		n++
		if pi.need != -2 || pi.at.r != -1 {
			t.Errorf("A05 %s: need %d, sub-total index %d; want -2, -1", pi.name(), pi.need, pi.at.r)
		}
	}
	if n != 3*len(format.T3Columns) {
		t.Errorf("%d A05 identities planned, want %d", n, 3*len(format.T3Columns))
	}
}
