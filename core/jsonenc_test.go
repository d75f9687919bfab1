package core_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/core"
)

// stdJSON is what encoding/json makes of a result: the reference for the
// hand-written encoder.
func stdJSON(t testing.TB, r core.Result) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	// A table writes itself (Table.MarshalJSON, the hand encoder): its
	// bytes must be encoding/json's of the contract's maps.
	for _, rep := range r.Reports {
		for id, tab := range rep.Tables {
			got, err := json.Marshal(tab)
			if err != nil {
				t.Fatal(err)
			}
			want, err := json.Marshal(mapTable{tab.Map()})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("table %s: %s\nwant %s", id, got, want)
			}
		}
	}
	return b.Bytes()
}

// mapTable is the contract's table as maps: row id → column id → cell.
type mapTable struct {
	Rows map[string]map[string]core.Cell `json:"rows"`
}

// A table's rows and cells in any order are written in key order, as
// encoding/json writes the maps; JSON read back is the same table.
func TestTableJSON(t *testing.T) {
	v := 2.5
	tab := core.Table{Rows: []core.TableRow{
		{ID: "new", Cells: []core.TableCell{{Column: "c_total", Cell: core.Cell{Value: &v, Raw: "2.5", Line: 3, Col: 9}}, {Column: "c_legal", Cell: core.Cell{Raw: "/", Line: 3, Col: 7}}}},
		{ID: "carry_in", Cells: []core.TableCell{{Column: "c_natural", Cell: core.Cell{Raw: "0", Line: 2, Col: 1, Where: &core.Where{Page: 1, X: &v, Y: &v}}}}},
		{ID: "empty", Cells: []core.TableCell{}},
	}}
	got, _ := json.Marshal(tab)
	want := `{"rows":{"carry_in":{"c_natural":{"value":null,"raw":"0","line":2,"col":1,"where":{"page":1,"x":2.5,"y":2.5}}},"empty":{},"new":{"c_legal":{"value":null,"raw":"/","line":3,"col":7},"c_total":{"value":2.5,"raw":"2.5","line":3,"col":9}}}}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if m, _ := json.Marshal(mapTable{tab.Map()}); string(m) != want {
		t.Errorf("maps: %s", m)
	}
	var back core.Table
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	if again, _ := json.Marshal(back); string(again) != want {
		t.Errorf("read back: %s", again)
	}
	if c, ok := back.Cell("new", "c_total"); !ok || c.Raw != "2.5" || *c.Value != 2.5 {
		t.Errorf("Cell(new, c_total) = %+v, %v", c, ok)
	}
	if _, ok := back.Cell("new", "c_other"); ok || !back.HasRow("empty") || back.HasRow("other") {
		t.Error("a cell or row not read was found")
	}
	for _, s := range []string{`{"rows":null}`, `{}`} {
		var n core.Table
		if err := json.Unmarshal([]byte(s), &n); err != nil || n.Rows != nil {
			t.Errorf("%s: %+v, %v", s, n, err)
		}
		if b, _ := json.Marshal(n); string(b) != `{"rows":null}` {
			t.Errorf("%s written back as %s", s, b)
		}
	}
}

func TestJSONMatchesEncodingJSON(t *testing.T) {
	files, _ := filepath.Glob("../testdata/*/*.txt")
	var reports []core.Report
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		rep, err := core.Check(f, raw, core.Options{})
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, rep)
		if got, want := core.NewResult(rep).JSON(), stdJSON(t, core.NewResult(rep)); !bytes.Equal(got, want) {
			t.Errorf("%s: JSON differs from encoding/json", f)
		}
		// With a minimum severity: min_severity and hidden.
		rep, _ = core.Check(f, raw, core.Options{MinSeverity: "error"})
		if got, want := core.NewResult(rep).JSON(), stdJSON(t, core.NewResult(rep)); !bytes.Equal(got, want) {
			t.Errorf("%s, --severity error: JSON differs from encoding/json", f)
		}
	}
	// Several reports, none, and strings that need escaping.
	odd := core.Report{Source: "a\"b\\c\n\t\x01\u2028<&>\xff", Format: "unknown", Tables: map[string]core.Table{"review": core.NewTable(map[string]map[string]core.Cell{})},
		Findings: []core.Finding{{Rule: "T05", Message: "x", Basis: "y"}}}
	v := 1e21
	w := 0.000001234
	odd.Tables["active"] = core.NewTable(map[string]map[string]core.Cell{"fees": {"amount_wan": {Value: &v}, "b": {Value: &w}}})
	for _, r := range []core.Result{core.NewResult(reports...), core.NewResult(), core.NewResult(odd)} {
		if got, want := r.JSON(), stdJSON(t, r); !bytes.Equal(got, want) {
			t.Errorf("JSON differs from encoding/json:\n%s\nwant\n%s", got, want)
		}
	}
}

// A result written one report at a time is the same bytes as Result.JSON.
func TestResultStream(t *testing.T) {
	var reps []core.Report
	for _, f := range []string{"../testdata/seeds/004_6bca9a975aea9322.txt", "../testdata/real/hongze-2023-layout.txt", "../testdata/seeds/000_bcc88cd11fb35c2f.txt"} {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rep, _ := core.Check(f, raw, core.Options{})
		reps = append(reps, rep)
	}
	// Files not checked are listed after the reports (not_checked).
	nc := []core.NotChecked{{Source: "旧.doc", Kind: "other", Reason: "旧版 Word 文档（.doc），请另存为 .docx 后再检查"}, {Source: "a\"b", Kind: "unreadable", Reason: "没有读取权限"}}
	for _, nn := range []int{0, 1, 2} {
		for n := 0; n <= len(reps); n++ {
			var b bytes.Buffer
			s := core.NewResultStream(&b)
			for _, r := range reps[:n] {
				s.Add(r)
			}
			for _, c := range nc[:nn] {
				s.NotChecked(c)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			r := core.NewResult(reps[:n]...)
			r.NotChecked = nc[:nn]
			if want := r.JSON(); !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%d reports, %d not checked: stream differs from Result.JSON:\n%s\nvs\n%s", n, nn, b.Bytes(), want)
			}
			if want := stdJSON(t, r); !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%d reports, %d not checked: stream differs from encoding/json:\n%s\nvs\n%s", n, nn, b.Bytes(), want)
			}
		}
	}
}

// FuzzJSON: the hand-written encoder gives the same bytes as
// encoding/json for any text in any field (quotes, control characters,
// invalid UTF-8, U+2028), any number, any place.
func FuzzJSON(f *testing.F) {
	f.Add("表三", "\"\\\x00\x1b\u2028", "\xff\xfe", 1.5, -3, true)
	f.Add("", "<script>", "a\tb\nc", 1e21, 0, false)
	f.Add("（一）予以公开", "1e-7", "", 0.1, 7, true)
	f.Fuzz(func(t *testing.T, a, b, c string, v float64, n int, blank bool) {
		if v != v || v > 1e300 || v < -1e300 {
			return // NaN and infinities are not numbers in JSON
		}
		val := &v
		if blank {
			val = nil
		}
		y, agency := n, a
		rep := core.Report{
			Source: a, Input: &core.Input{Kind: b, Encoding: c}, Format: b, Year: &y, Agency: &agency,
			Tables:   map[string]core.Table{a: core.NewTable(map[string]map[string]core.Cell{b: {c: {Value: val, Raw: c, Line: n, Col: n, Where: &core.Where{Page: n, X: val, Y: val}}}})},
			Findings: []core.Finding{{Rule: a, Name: b, Severity: c, Message: a + b + c, Line: n, Col: n, Table: a, Row: b, Column: c, Expected: b, Actual: c, Basis: a, Fix: b, Count: n, Where: &core.Where{Paragraph: n, SourceLine: n}}},
			Summary:  core.Summary{Error: n, Warning: n, Info: n}, Omitted: n,
			MinSeverity: c,
		}
		if blank {
			rep.Hidden = &core.Summary{Error: n, Warning: -n, Info: y}
		}
		if a != b && a != c {
			// Rows and cells out of key order are written in key order.
			rep.Tables[c] = core.Table{Rows: []core.TableRow{
				{ID: b, Cells: []core.TableCell{{Column: c, Cell: core.Cell{Raw: a}}, {Column: a, Cell: core.Cell{Value: val, Raw: b}}}},
				{ID: a, Cells: []core.TableCell{}},
			}}
		}
		r := core.NewResult(rep)
		if got, want := r.JSON(), stdJSON(t, r); !bytes.Equal(got, want) {
			t.Fatalf("encoder differs from encoding/json:\n%s\nvs\n%s", got, want)
		}
	})
}
