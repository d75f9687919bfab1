package parse

import (
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core/source"
)

// How each layout of the same report delimits its cells, and so whether a
// shortfall in its tables is certain (the report's) or not (the reading's).
func TestDelims(t *testing.T) {
	raw, err := os.ReadFile("../rules/testdata/base.txt")
	if err != nil {
		t.Fatal(err)
	}
	base := string(raw)
	// lines applies f to every line with a tab (the table rows).
	lines := func(f func(cells []string) string) string {
		var out []string
		for _, l := range strings.Split(base, "\n") {
			if strings.Contains(l, "\t") {
				l = f(strings.Split(l, "\t"))
			}
			out = append(out, l)
		}
		return strings.Join(out, "\n")
	}
	pipes := lines(func(c []string) string { return "| " + strings.Join(c, " | ") + " |" })
	markdown := strings.Replace(pipes, "\n| 一、本年新收", "\n|---|---|---|---|---|---|---|---|---|\n| 一、本年新收", 1)
	spaces := lines(func(c []string) string { return strings.Join(c, "    ") })
	perLine := lines(func(c []string) string { return strings.Join(c, "\n") })
	oneLine := strings.Join(strings.Split(lines(func(c []string) string { return strings.Join(c, "") }), "\n"), "")
	for _, c := range []struct {
		name, text string
		want       Delim
		certain    bool
	}{
		{"tabs (Word/WPS)", base, DelimTabs, true},
		{"pipes (a file's table as read)", pipes, DelimPipes, true},
		{"Markdown of a converter", markdown, DelimMarkdown, false},
		{"space-aligned (PDF)", spaces, DelimSpaces, false},
		{"one cell per line", perLine, DelimLines, false},
		{"one line, digits run together", oneLine, DelimFused, false},
	} {
		d := Parse(source.New(c.name, c.text))
		if d.T3 == nil {
			t.Errorf("%s: no 表三", c.name)
			continue
		}
		if got := d.T3.RowDelim("new"); got != c.want {
			t.Errorf("%s: 本年新收 delimited %v, want %v", c.name, got, c.want)
		}
		if got := d.T3.Certain("new"); got != c.certain {
			t.Errorf("%s: certain %v, want %v", c.name, got, c.certain)
		}
		if c.want != DelimFused && d.T3.Delim != c.want {
			t.Errorf("%s: 表三 delimited %v, want %v", c.name, d.T3.Delim, c.want)
		}
	}
}
