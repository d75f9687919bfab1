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
	return b.Bytes()
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
	odd := core.Report{Source: "a\"b\\c\n\t\x01\u2028<&>\xff", Format: "unknown", Tables: map[string]core.Table{"review": {Rows: map[string]map[string]core.Cell{}}},
		Findings: []core.Finding{{Rule: "T05", Message: "x", Basis: "y"}}}
	v := 1e21
	w := 0.000001234
	odd.Tables["active"] = core.Table{Rows: map[string]map[string]core.Cell{"fees": {"amount_wan": {Value: &v}, "b": {Value: &w}}}}
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
			Tables:   map[string]core.Table{a: {Rows: map[string]map[string]core.Cell{b: {c: {Value: val, Raw: c, Line: n, Col: n, Where: &core.Where{Page: n, X: val, Y: val}}}}}},
			Findings: []core.Finding{{Rule: a, Name: b, Severity: c, Message: a + b + c, Line: n, Col: n, Table: a, Row: b, Column: c, Expected: b, Actual: c, Basis: a, Fix: b, Count: n, Where: &core.Where{Paragraph: n, SourceLine: n}}},
			Summary:  core.Summary{Error: n, Warning: n, Info: n}, Omitted: n,
			MinSeverity: c,
		}
		if blank {
			rep.Hidden = &core.Summary{Error: n, Warning: -n, Info: y}
		}
		r := core.NewResult(rep)
		if got, want := r.JSON(), stdJSON(t, r); !bytes.Equal(got, want) {
			t.Fatalf("encoder differs from encoding/json:\n%s\nvs\n%s", got, want)
		}
	})
}
