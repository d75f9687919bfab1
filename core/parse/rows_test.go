package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core/source"
)

// The accessors of a table's rows agree with each other on every table
// of the shared reports: a row index names its row (Rows, then Groups),
// a cell by ids is the cell by indices, a row's label names that row.
func TestTableRowIndex(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/seeds/*.txt")
	real, _ := filepath.Glob("../../testdata/real/*.txt")
	files = append(files, real...)
	if len(files) == 0 {
		t.Fatal("no reports")
	}
	texts := map[string]string{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[f] = string(raw)
	}
	// 表三 with the sub-total of （三） printed on a line of its own.
	raw, err := os.ReadFile("../rules/testdata/base.txt")
	if err != nil {
		t.Fatal(err)
	}
	row := "\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0"
	if !strings.Contains(string(raw), row) {
		t.Fatal("base.txt has no row 1.属于国家秘密 under （三）")
	}
	texts["base.txt with a sub-total"] = strings.Replace(string(raw), row, "\t（三）不予公开\t2\t0\t0\t0\t0\t0\t2\n\t\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0", 1)
	var tables, groupsRead int
	for f, text := range texts {
		d := Parse(source.New(f, text))
		for _, tb := range []*Table{d.T2, d.T3, d.T4} {
			if tb == nil {
				continue
			}
			tables++
			if tb.NumRows() != len(tb.Rows)+len(tb.Groups) {
				t.Errorf("%s %s: %d row indices for %d rows and %d groups", f, tb.ID, tb.NumRows(), len(tb.Rows), len(tb.Groups))
			}
			if tb.Index("no-such-row") != -1 || tb.RowCells("no-such-row") != nil || tb.Cell("no-such-row", "c_total") != nil {
				t.Errorf("%s %s: a row it has not is found", f, tb.ID)
			}
			read := 0
			for r := range tb.NumRows() {
				id := tb.RowID(r)
				if r < len(tb.Rows) && id != tb.Rows[r].ID || r >= len(tb.Rows) && id != tb.Groups[r-len(tb.Rows)].ID {
					t.Errorf("%s %s: row index %d is %q", f, tb.ID, r, id)
				}
				if tb.Index(id) != r {
					t.Errorf("%s %s: Index(%q) = %d, want %d", f, tb.ID, id, tb.Index(id), r)
				}
				cells := tb.CellsAt(r)
				if cells != nil {
					read++
					if r >= len(tb.Rows) {
						groupsRead++
					}
				}
				if tb.HasRow(id) != (cells != nil) || len(tb.RowCells(id)) != len(cells) {
					t.Errorf("%s %s: row %q read %v, HasRow %v", f, tb.ID, id, cells != nil, tb.HasRow(id))
				}
				for i, c := range tb.ColumnsAt(r) {
					if got := tb.Cell(id, c.ID); got != tb.CellAt(r, i) || i < len(cells) && got != cells[i] {
						t.Errorf("%s %s: cell %s/%s is not the cell at %d,%d", f, tb.ID, id, c.ID, r, i)
					}
				}
				if l, ok := tb.RowLabel(id); ok && int(l.Row) != r {
					t.Errorf("%s %s: the label of row %q (%q) names row %d", f, tb.ID, id, l.Text, l.Row)
				}
			}
			if read != tb.ReadRows() {
				t.Errorf("%s %s: %d rows read, ReadRows %d", f, tb.ID, read, tb.ReadRows())
			}
		}
	}
	d := Parse(source.New("sub-total", texts["base.txt with a sub-total"]))
	if c := d.T3.Cell("withheld", "c_total"); c == nil || c.Raw != "2" || c != d.T3.CellAt(d.T3.Index("withheld"), 6) || d.T3.Index("withheld") != len(d.T3.Rows) {
		t.Errorf("the sub-total of （三） is not read as row %d: %+v", len(d.T3.Rows), c)
	}
	if d.T3.HasRow("unable") || d.T3.HasRow("notproc") {
		t.Error("a sub-total not printed is read")
	}
	if tables == 0 || groupsRead == 0 {
		t.Errorf("%d tables, %d sub-total rows read: the reports do not exercise the row index", tables, groupsRead)
	}
}
