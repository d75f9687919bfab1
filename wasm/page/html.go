package page

import "strings"

// Node is the little the HTML conversion needs of a DOM node. The page
// adapts the nodes of an inert document made by DOMParser (never inserted
// into the page, so nothing in it runs or loads); tests build trees by hand.
type Node interface {
	Kind() int        // 1 element, 3 text; anything else is skipped
	Tag() string      // lower-case tag name of an element
	Data() string     // the text of a text node
	Children() []Node // child nodes in order
}

// Node kinds (DOM nodeType values).
const (
	ElementNode = 1
	TextNode    = 3
)

// skipped elements contribute no text.
var skipped = map[string]bool{
	"head": true, "script": true, "style": true, "template": true, "noscript": true, "title": true,
	"meta": true, "link": true, "iframe": true, "object": true, "embed": true, "svg": true, "math": true,
	"img": true, "video": true, "audio": true, "canvas": true, "select": true, "button": true, "input": true,
	"xml": true,
}

// blocks start and end a line.
var blocks = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true, "blockquote": true,
	"section": true, "article": true, "header": true, "footer": true, "nav": true, "aside": true,
	"main": true, "figure": true, "figcaption": true, "address": true, "caption": true, "center": true,
	"form": true, "fieldset": true, "hr": true, "body": true, "html": true, "tr": true, "table": true,
	"thead": true, "tbody": true, "tfoot": true, "details": true, "summary": true, "textarea": true,
}

// HTMLText turns an HTML document (its root or body) into the text the
// core reads: every table row becomes one line with its cells joined by
// tabs, every other block its own line(s), whitespace collapsed as a
// browser would show it. Tables nested in a cell are flattened into the
// cell's text. A row with no text in any cell is dropped.
func HTMLText(root Node) string {
	var w htmlWriter
	w.walk(root, false)
	w.breakLine()
	lines := w.lines
	// No blank lines at either end; at most one blank line in a row.
	var out []string
	for _, l := range lines {
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	if len(out) == 0 {
		return ""
	}
	return strings.Join(out, "\n") + "\n"
}

type htmlWriter struct {
	lines []string
	cur   strings.Builder
	space bool // a collapsed space is pending
}

func (w *htmlWriter) breakLine() {
	if w.cur.Len() > 0 {
		w.lines = append(w.lines, w.cur.String())
		w.cur.Reset()
	}
	w.space = false
}

// hardBreak is a <br>: it ends the line even when it is empty.
func (w *htmlWriter) hardBreak() {
	w.lines = append(w.lines, w.cur.String())
	w.cur.Reset()
	w.space = false
}

// text appends text with HTML whitespace collapsing (pre keeps it).
func (w *htmlWriter) text(s string, pre bool) {
	if pre {
		for i, part := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
			if i > 0 {
				w.hardBreak()
			}
			w.cur.WriteString(part)
		}
		return
	}
	for _, r := range s {
		if isHTMLSpace(r) {
			w.space = true
			continue
		}
		if w.space && w.cur.Len() > 0 {
			w.cur.WriteByte(' ')
		}
		w.space = false
		w.cur.WriteRune(r)
	}
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

func (w *htmlWriter) walk(n Node, pre bool) {
	switch n.Kind() {
	case TextNode:
		w.text(n.Data(), pre)
		return
	case ElementNode:
	default:
		// The document itself and fragments: walk their children.
		if n.Kind() == 9 || n.Kind() == 11 {
			for _, c := range n.Children() {
				w.walk(c, pre)
			}
		}
		return
	}
	tag := n.Tag()
	switch {
	case skipped[tag]:
		return
	case tag == "br":
		w.hardBreak()
		return
	case tag == "table":
		w.breakLine()
		w.table(n)
		w.breakLine()
		return
	}
	block := blocks[tag]
	if block {
		w.breakLine()
	}
	pre = pre || tag == "pre" || tag == "textarea" || tag == "listing" || tag == "plaintext"
	for _, c := range n.Children() {
		w.walk(c, pre)
	}
	if block || tag == "pre" {
		w.breakLine()
	}
}

// table writes each row of a table (not of tables nested in its cells).
func (w *htmlWriter) table(t Node) {
	var rows func(n Node)
	rows = func(n Node) {
		for _, c := range n.Children() {
			if c.Kind() != ElementNode {
				continue
			}
			switch c.Tag() {
			case "tr":
				w.row(c)
			case "thead", "tbody", "tfoot":
				rows(c)
			case "caption":
				w.breakLine()
				w.walk(c, false)
				w.breakLine()
			}
		}
	}
	rows(t)
}

func (w *htmlWriter) row(tr Node) {
	var cells []string
	nonEmpty := false
	for _, c := range tr.Children() {
		if c.Kind() != ElementNode || (c.Tag() != "td" && c.Tag() != "th") {
			continue
		}
		s := CellText(c)
		if s != "" {
			nonEmpty = true
		}
		cells = append(cells, s)
	}
	if !nonEmpty {
		return
	}
	w.breakLine()
	w.lines = append(w.lines, strings.Join(cells, "\t"))
}

// CellText is the text of a table cell on one line: paragraphs, line
// breaks and nested tables inside the cell become single spaces, tabs
// become spaces (a tab would start a new cell).
func CellText(cell Node) string {
	var inner htmlWriter
	inner.walkCell(cell)
	inner.breakLine()
	var parts []string
	for _, l := range inner.lines {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.ReplaceAll(strings.Join(parts, " "), "\t", " ")
}

func (w *htmlWriter) walkCell(n Node) {
	for _, c := range n.Children() {
		switch c.Kind() {
		case TextNode:
			w.text(c.Data(), false)
		case ElementNode:
			tag := c.Tag()
			switch {
			case skipped[tag]:
			case tag == "br" || tag == "tr" || tag == "td" || tag == "th":
				w.breakLine()
				w.walkCell(c)
			case blocks[tag]:
				w.breakLine()
				w.walkCell(c)
				w.breakLine()
			default:
				w.walkCell(c)
			}
		}
	}
}
