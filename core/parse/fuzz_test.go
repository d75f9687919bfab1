package parse

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/core/source"
)

// FuzzParse: the reader alone, on any text: no panic, and every place it
// gives (headings, sub-headings, cells, labels, table problems) inside the
// text.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/*/*.txt")
	for _, p := range files {
		if raw, err := os.ReadFile(p); err == nil {
			f.Add(string(raw))
		}
	}
	f.Add("一、本年新收政府信息公开申请数量230000023\n（七）总计0000000四、结转下年度继续办理0000000")
	f.Add("| 规章 | 0 |  | 3 |\n|---|---|\n行政复议\t1\t\t0")
	f.Fuzz(func(t *testing.T, text string) {
		src := source.New("fuzz", text)
		d := Parse(src)
		inside := func(what string, sp source.Span) {
			if sp.Valid() && (sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End) {
				t.Fatalf("%s span %v outside %d bytes", what, sp, len(text))
			}
		}
		for _, h := range d.Headings {
			inside("heading", h.Span)
		}
		for _, s := range d.Subs {
			inside("sub-heading", s.Span)
		}
		for _, tb := range []*Table{d.T2, d.T3, d.T4} {
			if tb == nil {
				continue
			}
			for r := range tb.NumRows() {
				for _, c := range tb.CellsAt(r) {
					inside("cell", c.Span)
				}
			}
			for _, p := range tb.Problems {
				inside("problem", p.Span)
			}
		}
	})
}
