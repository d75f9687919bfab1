//go:build !js

package core_test

import (
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
)

// TestPDFs: each published PDF reads as its `pdftotext -layout` copy
// (whose findings the golden files check): the same cells and the same
// findings, hongze-2023's two wrong 表四 totals among them, and each cell
// and finding also names its page and point.
func TestPDFs(t *testing.T) {
	for _, c := range []struct{ pdf, text string }{
		{"huaian-city-2024.pdf", "real/huaian-city-2024-layout.txt"},
		{"hongze-2023.pdf", "real/hongze-2023-layout.txt"},
		{"hongze-2024.pdf", "real/hongze-2024-layout.txt"},
	} {
		t.Run(c.pdf, func(t *testing.T) {
			raw, err := os.ReadFile("../testdata/pdf/" + c.pdf)
			if err != nil {
				t.Fatal(err)
			}
			rep, ierr := core.Check(c.pdf, raw, core.Options{Env: fileEnv()})
			if ierr != nil {
				t.Fatal(ierr)
			}
			if rep.Input == nil || rep.Input.Kind != "pdf" {
				t.Errorf("input %+v", rep.Input)
			}
			text, err := os.ReadFile("../testdata/" + c.text)
			if err != nil {
				t.Fatal(err)
			}
			ref := core.CheckText(c.pdf, string(text), core.Options{})
			key := func(f core.Finding) string {
				return strings.Join([]string{f.Rule, f.Severity, f.Table, f.Row, f.Column, f.Expected, f.Actual}, "|")
			}
			var got, want []string
			for _, f := range rep.Findings {
				got = append(got, key(f))
				if f.Line > 0 && (f.Where == nil || f.Where.Page == 0 || f.Where.X == nil) {
					t.Errorf("%s at line %d has no page", f.Rule, f.Line)
				}
			}
			for _, f := range ref.Findings {
				want = append(want, key(f))
			}
			if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
				t.Errorf("findings of the PDF:\n%s\nof its -layout copy:\n%s", g, w)
			}
			for tid, tab := range ref.Tables {
				for row, cols := range tab.Map() {
					for col, wc := range cols {
						gc, ok := rep.Tables[tid].Map()[row][col]
						if !ok || (gc.Value == nil) != (wc.Value == nil) || gc.Value != nil && *gc.Value != *wc.Value {
							t.Errorf("%s/%s/%s: %+v, the copy has %+v", tid, row, col, gc, wc)
						}
						if ok && (gc.Where == nil || gc.Where.Page == 0) {
							t.Errorf("%s/%s/%s: no page", tid, row, col)
						}
					}
				}
			}
		})
	}
	// hongze-2023's 表四: 维持 10 + 纠正 1 = 11 and 复议后起诉 5, both totals printed 0.
	raw, _ := os.ReadFile("../testdata/pdf/hongze-2023.pdf")
	rep, _ := core.Check("hongze-2023.pdf", raw, core.Options{Env: fileEnv()})
	errs := 0
	for _, f := range rep.Findings {
		if f.Table == "review" && f.Severity == "error" && f.Column == "total" {
			errs++
			if f.Where == nil || f.Where.Page != 4 {
				t.Errorf("%s: page %+v, want 4", f.Rule, f.Where)
			}
		}
	}
	if errs != 2 {
		t.Errorf("hongze-2023.pdf: %d 表四 total errors, want 2", errs)
	}
}

// PDFs that cannot be read say why and what to do.
func TestPDFRefused(t *testing.T) {
	for _, c := range []struct {
		name     string
		raw      []byte
		contains string
	}{
		{"scanned.pdf", nil, "文字识别（OCR）"},
		{"encrypted.pdf", nil, "密码"},
		{"broken.pdf", []byte("%PDF-1.4\ngarbage"), "损坏"},
	} {
		raw := c.raw
		if raw == nil {
			var err error
			if raw, err = os.ReadFile("../testdata/pdf/" + c.name); err != nil {
				t.Fatal(err)
			}
		}
		_, ierr := core.Check(c.name, raw, core.Options{Env: fileEnv()})
		if ierr == nil || !strings.Contains(ierr.Message, c.contains) {
			t.Errorf("%s: %v", c.name, ierr)
		}
	}
}
