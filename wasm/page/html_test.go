package page

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
)

// tnode is a hand-built DOM node.
type tnode struct {
	kind int
	tag  string
	data string
	kids []Node
}

func (n *tnode) Kind() int        { return n.kind }
func (n *tnode) Tag() string      { return n.tag }
func (n *tnode) Data() string     { return n.data }
func (n *tnode) Children() []Node { return n.kids }

func el(tag string, kids ...Node) Node { return &tnode{kind: ElementNode, tag: tag, kids: kids} }
func tx(s string) Node                 { return &tnode{kind: TextNode, data: s} }
func comment(s string) Node            { return &tnode{kind: 8, data: s} }

func TestHTMLTextTable(t *testing.T) {
	doc := el("html",
		el("head", el("style", tx("td{color:red}")), el("title", tx("标题"))),
		el("body",
			el("p", tx("  三、收到和处理\n  政府信息公开申请情况 ")),
			comment("[if !supportLists]"),
			el("table", el("tbody",
				el("tr", el("td", el("p", tx("（四）无法")), el("p", tx("提供"))), el("td", tx("1.本机关不掌握相关政府信息")), el("td", tx("3")), el("td"), el("td", tx("0"))),
				el("tr", el("td"), el("td")), // empty row: dropped
				el("tr", el("th", tx("a\tb")), el("td", el("span", tx("1")), el("b", tx("2")))),
			)),
			el("div", tx("四、"), el("span", tx("结转")), el("br"), tx("下一行")),
			el("script", tx("window.pwned = 1")),
			el("img"),
		),
	)
	got := HTMLText(doc)
	want := "三、收到和处理 政府信息公开申请情况\n" +
		"（四）无法 提供\t1.本机关不掌握相关政府信息\t3\t\t0\n" +
		"a b\t12\n" +
		"四、结转\n下一行\n"
	if got != want {
		t.Errorf("HTMLText:\n got %q\nwant %q", got, want)
	}
}

func TestHTMLTextNestedAndPre(t *testing.T) {
	doc := el("body",
		el("table", el("tr",
			el("td", tx("外")),
			el("td", el("table", el("tr", el("td", tx("内1")), el("td", tx("内2"))))),
		)),
		el("pre", tx("a  b\nc")),
		el("p"), el("p"), el("br"), el("br"), el("br"),
		el("p", tx("末")),
	)
	got := HTMLText(doc)
	want := "外\t内1 内2\na  b\nc\n\n末\n"
	if got != want {
		t.Errorf("HTMLText:\n got %q\nwant %q", got, want)
	}
	if HTMLText(el("body", el("script", tx("x")))) != "" {
		t.Error("a document with nothing to read must give an empty text")
	}
}

// A report pasted as an HTML table reads the same as its tab-separated
// text: seed 001 has its tables as tab rows.
func TestHTMLTableReadsLikeTabs(t *testing.T) {
	name, text := readSeed(t, "001")
	var body []Node
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		if strings.Contains(line, "\t") {
			var cells []Node
			for _, c := range strings.Split(line, "\t") {
				cells = append(cells, el("td", tx(c)))
			}
			body = append(body, el("table", el("tbody", el("tr", cells...))))
			continue
		}
		body = append(body, el("p", tx(line)))
	}
	got := HTMLText(el("body", body...))
	a := core.CheckText(name, text, core.Options{})
	b := core.CheckText(name, got, core.Options{})
	if len(a.Tables) != 3 || len(b.Tables) != 3 {
		t.Fatalf("tables read: %d from text, %d from HTML; want 3", len(a.Tables), len(b.Tables))
	}
	cells := 0
	for id, ta := range a.Tables {
		for row, cols := range ta.Rows {
			for col, ca := range cols {
				cells++
				cb, ok := b.Tables[id].Rows[row][col]
				if !ok || ca.Raw != cb.Raw || (ca.Value == nil) != (cb.Value == nil) || ca.Value != nil && *ca.Value != *cb.Value {
					t.Errorf("%s/%s/%s: text %+v, HTML %+v (ok %v)", id, row, col, ca, cb, ok)
				}
			}
		}
	}
	if cells < 100 {
		t.Errorf("only %d cells compared", cells)
	}
	rules := func(r core.Report) (s []string) {
		for _, f := range r.Findings {
			s = append(s, f.Rule+" "+f.Message)
		}
		return s
	}
	if x, y := strings.Join(rules(a), "\n"), strings.Join(rules(b), "\n"); x != y {
		t.Errorf("findings differ:\ntext:\n%s\nHTML:\n%s", x, y)
	}
}
