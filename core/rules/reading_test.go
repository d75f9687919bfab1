package rules_test

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/rules"
	"github.com/nianbao/nianbao/core/source"
)

// A table missing from a PDF's text is often there as a picture: the
// reading's doubt, naming the page; the same table missing from a text is
// the report's error.
func TestT01MissingTableInPDFIsReadingDoubt(t *testing.T) {
	base := loadBase(t)
	start := strings.Index(base, "行政复议\t\t\t\t\t行政诉讼")
	end := strings.Index(base, "五、存在的主要问题及改进情况")
	if start < 0 || end < start {
		t.Fatal("表四 not found in base.txt")
	}
	text := base[:start] + base[end:]
	for _, pdf := range []bool{false, true} {
		doc := parse.Parse(source.New("case", text))
		if pdf {
			doc.PageAt = func(int) int { return 4 }
		}
		fs, _ := rules.Run(doc, nil)
		n := 0
		for _, f := range fs {
			if f.Rule.ID != "T01" {
				continue
			}
			n++
			switch {
			case pdf && (f.Kind != rules.KindReading || f.Severity != rules.Warning):
				t.Errorf("PDF: T01 %v %v %q", f.Kind, f.Severity, f.Fix)
			case !pdf && (f.Kind != rules.KindReport || f.Severity != rules.Error):
				t.Errorf("text: T01 %v %v", f.Kind, f.Severity)
			}
		}
		if n != 1 {
			t.Errorf("pdf %v: %d T01 findings", pdf, n)
		}
	}
}
