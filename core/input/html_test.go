package input_test

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/input/native"
	"github.com/nianbao/nianbao/internal/testfiles"
)

// tnode is a hand-built DOM node.
type tnode struct {
	kind  int
	tag   string
	data  string
	attrs map[string]string
	kids  []input.Node
}

func (n *tnode) Kind() int               { return n.kind }
func (n *tnode) Tag() string             { return n.tag }
func (n *tnode) Data() string            { return n.data }
func (n *tnode) Attr(name string) string { return n.attrs[name] }
func (n *tnode) Children() []input.Node  { return n.kids }
func el(tag string, kids ...input.Node) input.Node {
	return &tnode{kind: input.ElementNode, tag: tag, kids: kids}
}
func tx(s string) input.Node      { return &tnode{kind: input.TextNode, data: s} }
func comment(s string) input.Node { return &tnode{kind: 8, data: s} }

func TestHTMLTextTable(t *testing.T) {
	doc := el("html",
		el("head", el("style", tx("td{color:red}")), el("title", tx("标题"))),
		el("body",
			el("p", tx("  三、收到和处理\n  政府信息公开申请情况 ")),
			comment("[if !supportLists]"),
			el("table", el("tbody",
				el("tr", el("td", el("p", tx("（四）无法")), el("p", tx("提供"))), el("td", tx("1.本机关不掌握相关政府信息")), el("td", tx("3")), el("td"), el("td", tx("0|1"))),
				el("tr", el("td"), el("td")), // empty row: dropped
				el("tr", el("th", tx("a\tb")), el("td", el("span", tx("1")), el("b", tx("2")))),
			)),
			el("div", tx("四、"), el("span", tx("结转")), el("br"), tx("下一行")),
			el("script", tx("window.pwned = 1")),
			el("nav", tx("首页 > 政务公开")),
			el("img"),
		),
	)
	got, tables := input.HTMLText(doc)
	want := "三、收到和处理 政府信息公开申请情况\n" +
		"| （四）无法 提供 | 1.本机关不掌握相关政府信息 | 3 |  | 0｜1 |\n" +
		"| a b | 12 |\n" +
		"四、结转\n下一行\n"
	if got != want || tables != 1 {
		t.Errorf("HTMLText (%d tables):\n got %q\nwant %q", tables, got, want)
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
	got, _ := input.HTMLText(doc)
	want := "| 外 | 内1 内2 |\na  b\nc\n\n末\n"
	if got != want {
		t.Errorf("HTMLText:\n got %q\nwant %q", got, want)
	}
	if s, _ := input.HTMLText(el("body", el("script", tx("x")))); s != "" {
		t.Error("a document with nothing to read must give an empty text")
	}
}

// A report pasted as an HTML table reads the same as its tab-separated
// text: seed 001 has its tables as tab rows.
func TestHTMLTableReadsLikeTabs(t *testing.T) {
	name, text := testfiles.Seed(t, "001")
	var body []input.Node
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		if strings.Contains(line, "\t") {
			var cells []input.Node
			for _, c := range strings.Split(line, "\t") {
				cells = append(cells, el("td", tx(c)))
			}
			body = append(body, el("table", el("tbody", el("tr", cells...))))
			continue
		}
		body = append(body, el("p", tx(line)))
	}
	got, _ := input.HTMLText(el("body", body...))
	a := core.CheckText(name, text, core.Options{})
	b := core.CheckText(name, got, core.Options{})
	sameReading(t, a, b)
}

// sameReading: the same cells (value and raw) and the same findings (rule,
// severity, table, row, column, message), whatever the places.
func sameReading(t *testing.T, a, b core.Report) {
	t.Helper()
	if len(a.Tables) != 3 || len(b.Tables) != 3 {
		t.Fatalf("tables read: %d and %d; want 3", len(a.Tables), len(b.Tables))
	}
	cells := 0
	for id, ta := range a.Tables {
		for row, cols := range ta.Map() {
			for col, ca := range cols {
				cells++
				cb, ok := b.Tables[id].Map()[row][col]
				if !ok || ca.Raw != cb.Raw || (ca.Value == nil) != (cb.Value == nil) || ca.Value != nil && *ca.Value != *cb.Value {
					t.Errorf("%s/%s/%s: %+v, then %+v (ok %v)", id, row, col, ca, cb, ok)
				}
			}
		}
		if len(ta.Rows) != len(b.Tables[id].Rows) {
			t.Errorf("%s: %d rows, then %d", id, len(ta.Rows), len(b.Tables[id].Rows))
		}
	}
	if cells < 100 {
		t.Errorf("only %d cells compared", cells)
	}
	rules := func(r core.Report) (s []string) {
		for _, f := range r.Findings {
			s = append(s, strings.Join([]string{f.Rule, f.Severity, f.Table, f.Row, f.Column, f.Message}, " "))
		}
		return s
	}
	if x, y := strings.Join(rules(a), "\n"), strings.Join(rules(b), "\n"); x != y {
		t.Errorf("findings differ:\n%s\nthen:\n%s", x, y)
	}
}

// Every element of a saved page knows its source line, through the
// parser, and a marker never lands in text: not in attribute values
// holding '>', comments, scripts or a <textarea>.
func TestMarkLines(t *testing.T) {
	src := "<!DOCTYPE html>\n<html><head><title>a<b></title>\n<script>if (a<b && c>d) {}</script></head>\n" +
		"<body>\n<p title=\"x>y\" class='c>d'>一、总体情况</p>\n<!-- <p>not</p> -->\n" +
		"<table>\n<tr><td colspan=3>规章</td><td>0</td><td/></tr>\n</table>\n<textarea><p>raw</p></textarea><br/>\n<p>末</p></body></html>\n"
	doc, err := input.Read("a.html", []byte(src), native.Env())
	if err != nil {
		t.Fatal(err)
	}
	want := "一、总体情况\n| 规章 | 0 |  |\n<p>raw</p>\n\n末\n"
	if doc.Text != want {
		t.Errorf("text as read:\n got %q\nwant %q", doc.Text, want)
	}
	at := func(s string) input.Where {
		w, _ := doc.At(strings.Index(doc.Text, s))
		return w
	}
	if w := at("一、总体情况"); w.SourceLine != 5 || w.Paragraph != 1 {
		t.Errorf("paragraph: %+v", w)
	}
	if w := at("0 |"); w.SourceLine != 8 || w.Table != 1 || w.Row != 1 || w.Cell != 2 {
		t.Errorf("cell: %+v", w)
	}
	if w := at("末"); w.SourceLine != 11 {
		t.Errorf("last paragraph: %+v", w)
	}
	if strings.Contains(doc.Text, "data-nb-line") {
		t.Error("a marker leaked into the text")
	}
}

// Encodings of saved pages: the <meta> declaration, the bytes, and a
// page declared UTF-8 but written in GBK.
func TestHTMLCharset(t *testing.T) {
	gbk := []byte{0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xcc, 0xe5, 0xc7, 0xe9, 0xbf, 0xf6} // 一、总体情况
	page := func(meta string) []byte {
		return append(append([]byte("<html><head>"+meta+"</head><body><p>"), gbk...), []byte("</p></body></html>")...)
	}
	for _, c := range []struct{ name, meta, enc string }{
		{"meta charset", `<meta charset="gb2312">`, "gb18030"},
		{"http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=GBK">`, "gb18030"},
		{"none", ``, "gb18030"},
		{"declared utf-8", `<meta charset=utf-8>`, "gb18030"},
	} {
		doc, err := input.Read("a.htm", page(c.meta), native.Env())
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if doc.Encoding != c.enc || doc.Text != "一、总体情况\n" {
			t.Errorf("%s: %s %q", c.name, doc.Encoding, doc.Text)
		}
	}
	if _, err := input.Read("a.html", page(`<meta charset="gbk">`), input.Env{ParseHTML: native.ParseHTML}); err == nil || !strings.Contains(err.Message, "GBK") {
		t.Errorf("no decoder: %v", err)
	}
}

// A saved government page: the site's menus, breadcrumbs, share buttons
// and footer are left out, the report is read.
func TestHTMLPageChrome(t *testing.T) {
	src := `<html><body>
<div class="top-nav"><a>首页</a><a>政务公开</a></div>
<div id="breadcrumb">当前位置：首页 &gt; 年报</div>
<div class="article"><h1>某区2024年政府信息公开工作年度报告</h1><p>一、总体情况</p>
<table><tr><td>规章</td><td>0</td></tr></table></div>
<div class="bdsharebuttonbox">分享到：微信</div>
<aside>相关链接</aside>
<footer>主办单位：某区人民政府办公室 网站标识码 3208130001</footer>
<div class="foot-copyright">版权所有</div>
</body></html>`
	doc, err := input.Read("a.html", []byte(src), native.Env())
	if err != nil {
		t.Fatal(err)
	}
	want := "某区2024年政府信息公开工作年度报告\n一、总体情况\n| 规章 | 0 |\n"
	if doc.Text != want {
		t.Errorf("got %q\nwant %q", doc.Text, want)
	}
}
