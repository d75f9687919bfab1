package input_test

import (
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core/input"
)

type run struct {
	x float64
	s string
}

// page draws runs of text at (x, baseline y) in 10 pt type, Chinese
// characters an em wide and digits half an em.
func page(rows map[float64][]run) input.Page {
	var p input.Page
	p.W, p.H = 595, 842
	for y, rs := range rows {
		for _, r := range rs {
			x := r.x
			for _, c := range r.s {
				w := 10.0
				if c < 0x2e80 {
					w = 5
				}
				p.Chars = append(p.Chars, input.Char{R: c, X0: x + 0.3, X1: x + w - 0.3, Y0: y - 2, Y1: y + 8, OX: x, OY: y, Size: 10})
				x += w
			}
		}
	}
	return p
}

// col is the column of byte offset i: one a character, as the layout
// counts them.
func col(s string, i int) int { return utf8.RuneCountInString(s[:i]) }

func readPages(t *testing.T, pages ...input.Page) *input.Doc {
	t.Helper()
	doc, err := input.Read("a.pdf", []byte("%PDF-1.7\n"), input.Env{PDF: func([]byte) ([]input.Page, error) { return pages, nil }})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// A label wrapped in its cell around its row's values, and a group label
// sitting on the middle row, come out on the value line, in reading
// order; a blank cell keeps its column.
func TestPDFCellText(t *testing.T) {
	cols := []float64{300, 330, 360}
	vals := func(y float64, v ...string) []run {
		var rs []run
		for i, s := range v {
			if s != "" {
				rs = append(rs, run{cols[i], s})
			}
		}
		return rs
	}
	rows := map[float64][]run{
		700: append([]run{{60, "1.本机关不掌握相关政府信息"}}, vals(700, "3", "0", "3")...),
		684: {{160, "2.没有现成信息需要另行"}},
		678: append([]run{{60, "（四）无法提供"}}, vals(678, "0", "0", "0")...),
		672: {{160, "制作"}},
		656: append([]run{{160, "3.补正后申请内容仍不明确"}}, vals(656, "1", "", "1")...),
	}
	// The first row's label sits in the sub-label column too.
	rows[700][0].x = 160
	doc := readPages(t, page(rows))
	lines := strings.Split(doc.Text, "\n")
	find := func(s string) string {
		for _, l := range lines {
			if strings.Contains(l, s) {
				return strings.Join(strings.Fields(l), " ")
			}
		}
		return ""
	}
	if got := find("另行"); got != "（四）无法提供 2.没有现成信息需要另行 制作 0 0 0" {
		t.Errorf("wrapped label: %q\n%s", got, doc.Text)
	}
	blank := find("3.补正后")
	if !strings.HasSuffix(blank, "1 1") {
		t.Errorf("blank cell row: %q", blank)
	}
	// The blank keeps its column: the last value is under the third column.
	for _, l := range lines {
		if strings.Contains(l, "3.补正后") {
			full := ""
			for _, m := range lines {
				if strings.Contains(m, "1.本机关") {
					full = m
				}
			}
			if col(l, strings.LastIndex(l, "1")) != col(full, strings.LastIndex(full, "3")) {
				t.Errorf("columns moved:\n%q\n%q", full, l)
			}
		}
	}
	w, ok := doc.At(strings.Index(doc.Text, "制作"))
	if !ok || w.Page != 1 || w.X != 160 || w.Y != 672 {
		t.Errorf("place of a moved run: %+v", w)
	}
}

// Nonsense positions (NaN, infinite, zero sizes, everything at one
// point, a page of 30,000 characters) give text or a clear error, never a
// panic or a hang; a page over 30,000 characters or a document over
// 500,000 is refused as too large.
func TestPDFHostileChars(t *testing.T) {
	var p input.Page
	for i := 0; i < input.MaxPDFPageChars; i++ {
		p.Chars = append(p.Chars, input.Char{R: rune('0' + i%10), X0: float64(i % 500), X1: float64(i%500) + 5, OX: float64(i % 500), OY: float64(i / 500), Size: 10})
	}
	odd := input.Page{Chars: []input.Char{
		{R: '一', OX: math.NaN(), OY: 1, Size: 10},
		{R: '二', OX: math.Inf(1), OY: 1, Size: 10},
		{R: '三', OX: 1, OY: 1, Size: 0},
		{R: 0, OX: 1, OY: 1, Size: 10},
		{R: '四', OX: 5, OY: 5, Size: 10}, {R: '四', OX: 5, OY: 5, Size: 10},
	}}
	start := time.Now()
	doc := readPages(t, p, odd)
	if !strings.Contains(doc.Text, "四\n") || strings.Count(doc.Text, "四") != 1 {
		t.Errorf("odd page: %q", doc.Text[len(doc.Text)-20:])
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
	if _, err := input.Read("a.pdf", []byte("%PDF-1.7"), input.Env{PDF: func([]byte) ([]input.Page, error) { return []input.Page{{}}, nil }}); err == nil || !strings.Contains(err.Message, "OCR") {
		t.Errorf("no text: %v", err)
	}
	big := input.Page{Chars: append(p.Chars, p.Chars[0])}
	many := make([]input.Page, input.MaxPDFChars/len(p.Chars)+1)
	for i := range many {
		many[i] = p
	}
	for name, pages := range map[string][]input.Page{"a page of 30,001": {big}, "a document of 510,000": many} {
		_, err := input.Read("a.pdf", []byte("%PDF-1.7"), input.Env{PDF: func([]byte) ([]input.Page, error) { return pages, nil }})
		if err == nil || err.Code != "too-large" || !strings.Contains(err.Message, "输入过大") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
