package input

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Node is the little the HTML adapter needs of a parsed document's node.
// The command line adapts golang.org/x/net/html nodes, the page the nodes
// of an inert document made by the browser's DOMParser (never inserted
// into the page, so nothing in it runs or loads); both parse by the same
// WHATWG algorithm, so both give the same tree.
type Node interface {
	Kind() int               // ElementNode, TextNode, DocumentNode; anything else is skipped
	Tag() string             // lower-case tag name of an element
	Data() string            // the text of a text node
	Attr(name string) string // an element's attribute, "" when absent
	Children() []Node        // child nodes in order
}

// Node kinds (DOM nodeType values).
const (
	ElementNode  = 1
	TextNode     = 3
	DocumentNode = 9
	FragmentNode = 11
)

// lineAttr carries an element's source line through the parser (see
// markLines).
const lineAttr = "data-nb-line"

// readHTML reads a saved web page: its encoding from the byte-order mark,
// the <meta> declaration or the bytes themselves, then its text with
// tables as pipe rows, each place mapped to its element's line.
func readHTML(raw []byte, env Env) (*Doc, *Error) {
	src, enc, err := decodeHTML(raw, env)
	if err != nil {
		return nil, err
	}
	if env.ParseHTML == nil {
		return nil, &Error{Code: "unsupported", Message: "此处不能读取网页文件。请在浏览器中打开网页，全选复制正文后粘贴检查。"}
	}
	if n := countTags(src); n > maxHTMLElements {
		return nil, overLimit(fmt.Sprintf("网页的元素超过上限 %d 个（保存的年度报告网页通常只有几千个）", maxHTMLElements))
	}
	root, perr := env.ParseHTML(markLines(src))
	if perr != nil {
		return nil, &Error{Code: "format", Message: "网页文件无法解析：" + perr.Error()}
	}
	var w htmlWriter
	w.walk(root, false)
	w.end()
	if w.size+w.cur.Len() > MaxBytes {
		return nil, tooLarge("网页展开后的文字")
	}
	if len(w.lines) > maxMarks {
		return nil, tooMany("网页展开后")
	}
	b := w.emit()
	if strings.TrimSpace(b.b.String()) == "" {
		return nil, &Error{Code: "empty", Message: "网页中没有可检查的文字。"}
	}
	return b.doc(HTML, enc), nil
}

// maxHTMLElements bounds the elements of a page before it is parsed: a
// parsed element costs about 1 KB, and a saved report page has 2,000–
// 30,000 of them (a Word export wraps every line in spans).
const maxHTMLElements = 100_000

// countTags counts the start tags of src ("<" and a letter), stopping
// past maxHTMLElements.
func countTags(src string) int {
	n := 0
	for i := 0; i+1 < len(src) && n <= maxHTMLElements; i++ {
		if src[i] == '<' {
			if c := src[i+1] | 0x20; c >= 'a' && c <= 'z' {
				n++
			}
		}
	}
	return n
}

// HTMLText converts a parsed HTML document (a paste from Word, WPS or a
// web page) into the text the checker reads, the same way a saved page is
// read: every table row one line of cells between pipes, every other
// block its own line(s), whitespace collapsed as a browser shows it. It
// also returns the number of tables read.
func HTMLText(root Node) (string, int) {
	var w htmlWriter
	w.walk(root, false)
	w.end()
	return w.emit().b.String(), w.tables
}

// outLine is one line of the text as read: body text, or a table row.
type outLine struct {
	text  string
	where Where
	cells []string // a table row's cells (text is unused)
	cellW []Where
	row   bool
	hard  bool // an empty line from <br>: kept (at most one in a row)
}

type htmlWriter struct {
	lines  []outLine
	cur    strings.Builder
	curW   Where // the place of the current line, set by its first text
	space  bool  // a collapsed space is pending
	line   int   // source line of the innermost marked element
	paras  int
	tables int // top-level tables
	size   int // bytes of the lines so far
}

// over says whether the lines are past the input limits; the walk stops
// there.
func (w *htmlWriter) over() bool {
	return w.size+w.cur.Len() > MaxBytes || len(w.lines) > maxMarks
}

func (w *htmlWriter) breakLine() {
	if w.cur.Len() > 0 {
		w.size += w.cur.Len() + 1
		w.lines = append(w.lines, outLine{text: w.cur.String(), where: w.curW})
		w.cur.Reset()
	}
	w.space = false
}

// hardBreak is a <br>: it ends the line even when it is empty.
func (w *htmlWriter) hardBreak() {
	if w.cur.Len() == 0 {
		w.lines = append(w.lines, outLine{hard: true})
	}
	w.breakLine()
}

func (w *htmlWriter) end() { w.breakLine() }

// startText is called before the first character of a line.
func (w *htmlWriter) startText() {
	if w.cur.Len() == 0 {
		w.paras++
		w.curW = Where{Paragraph: w.paras, SourceLine: w.line}
	}
}

// text appends text with HTML whitespace collapsing (pre keeps it).
func (w *htmlWriter) text(s string, pre bool) {
	if pre {
		for i, part := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
			if i > 0 {
				w.hardBreak()
			}
			if part != "" {
				w.startText()
				w.cur.WriteString(part)
			}
		}
		return
	}
	for _, r := range s {
		if isHTMLSpace(r) {
			w.space = true
			continue
		}
		w.startText()
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

// skipped elements contribute no text.
var skipped = map[string]bool{
	"head": true, "script": true, "style": true, "template": true, "noscript": true, "title": true,
	"meta": true, "link": true, "iframe": true, "object": true, "embed": true, "svg": true, "math": true,
	"img": true, "video": true, "audio": true, "canvas": true, "select": true, "button": true, "input": true,
	"xml": true, "nav": true, "frameset": true, "frame": true, "map": true, "area": true,
}

// chromeWords name the parts of a government site's page around the
// report: menus, breadcrumbs, share buttons, search boxes, the site's
// footer. An element whose id or class is one of them (as a word:
// "nav", "top-nav", "bdsharebuttonbox") is left out with everything in it,
// as are <nav>, <aside> and <footer>.
var chromeWords = map[string]bool{
	"nav": true, "navbar": true, "menu": true, "breadcrumb": true, "crumb": true, "crumbs": true,
	"share": true, "bdsharebuttonbox": true, "sharebox": true, "footer": true, "foot": true,
	"copyright": true, "sidebar": true, "toolbar": true, "topbar": true, "search": true, "login": true,
}

func chrome(n Node) bool {
	switch n.Tag() {
	case "aside", "footer":
		return true
	case "body", "html", "table", "tr", "td", "th", "tbody", "thead":
		return false // never the report's own structure
	}
	for _, a := range [...]string{n.Attr("id"), n.Attr("class")} {
		if a == "" {
			continue
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(a), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
		}) {
			if chromeWords[w] {
				return true
			}
		}
	}
	return false
}

// blocks start and end a line.
var blocks = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true, "blockquote": true,
	"section": true, "article": true, "header": true, "footer": true, "aside": true,
	"main": true, "figure": true, "figcaption": true, "address": true, "caption": true, "center": true,
	"form": true, "fieldset": true, "hr": true, "body": true, "html": true, "tr": true, "table": true,
	"thead": true, "tbody": true, "tfoot": true, "details": true, "summary": true, "textarea": true,
}

// enter notes the source line of a marked element; the returned value
// restores the outer one.
func (w *htmlWriter) enter(n Node) int {
	outer := w.line
	if v := n.Attr(lineAttr); v != "" {
		if l, err := strconv.Atoi(v); err == nil {
			w.line = l
		}
	}
	return outer
}

func (w *htmlWriter) walk(n Node, pre bool) {
	if w.over() {
		return
	}
	switch n.Kind() {
	case TextNode:
		w.text(n.Data(), pre)
		return
	case ElementNode:
	case DocumentNode, FragmentNode:
		for _, c := range n.Children() {
			w.walk(c, pre)
		}
		return
	default:
		return
	}
	tag := n.Tag()
	switch {
	case skipped[tag] || chrome(n):
		return
	case tag == "br":
		w.hardBreak()
		return
	}
	outer := w.enter(n)
	defer func() { w.line = outer }()
	if tag == "table" {
		w.breakLine()
		w.tables++
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
	rows := 0
	var walk func(n Node)
	walk = func(n Node) {
		for _, c := range n.Children() {
			if c.Kind() != ElementNode {
				continue
			}
			switch c.Tag() {
			case "tr":
				rows++
				w.row(c, rows)
			case "thead", "tbody", "tfoot":
				walk(c)
			case "caption":
				w.breakLine()
				w.walk(c, false)
				w.breakLine()
			}
		}
	}
	walk(t)
}

// row writes one table row. A cell that spans rows or columns is written
// once, where it starts, as a copy from Word or a browser gives it. A row
// with no text in any cell (a spacer) is dropped.
func (w *htmlWriter) row(tr Node, index int) {
	outer := w.enter(tr)
	defer func() { w.line = outer }()
	var cells []string
	var where []Where
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
		line := w.line
		if v := c.Attr(lineAttr); v != "" {
			line, _ = strconv.Atoi(v)
		}
		where = append(where, Where{Table: w.tables, Row: index, Cell: len(cells), SourceLine: line})
	}
	if !nonEmpty {
		return
	}
	w.breakLine()
	for _, c := range cells {
		w.size += len(c) + 3
	}
	w.lines = append(w.lines, outLine{row: true, cells: cells, cellW: where, where: Where{Table: w.tables, Row: index, SourceLine: w.line}})
}

// CellText is the text of a table cell on one line: paragraphs, line
// breaks and nested tables inside the cell become single spaces, tabs
// become spaces.
func CellText(cell Node) string {
	var inner htmlWriter
	inner.walkCell(cell)
	inner.breakLine()
	var parts []string
	for _, l := range inner.lines {
		if s := strings.TrimSpace(l.text); s != "" {
			parts = append(parts, s)
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

// emit writes the lines: no empty lines at either end, at most one in a
// row.
func (w *htmlWriter) emit() *builder {
	var b builder
	lastBlank := true
	n := len(w.lines)
	for n > 0 && w.lines[n-1].hard {
		n--
	}
	for _, l := range w.lines[:n] {
		switch {
		case l.hard:
			if !lastBlank {
				b.blank()
			}
			lastBlank = true
			continue
		case l.row:
			b.row(l.cells, l.cellW)
		default:
			b.line(l.text, l.where)
		}
		lastBlank = false
	}
	return &b
}

// decodeHTML finds a saved page's encoding: a byte-order mark, else the
// <meta> declaration in its first KB, else the bytes (UTF-8 if valid,
// GB18030 if they look like it). A page declared UTF-8 whose bytes are
// GB18030 (a common mistake of old site software) is read as GB18030.
func decodeHTML(raw []byte, env Env) (string, string, *Error) {
	if bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) || bytes.HasPrefix(raw, []byte{0xff, 0xfe}) || bytes.HasPrefix(raw, []byte{0xfe, 0xff}) {
		return DecodeText(raw, env)
	}
	label := metaCharset(raw[:min(len(raw), 1024)])
	switch label {
	case "", "utf-8":
		return DecodeText(raw, env)
	case "gb18030":
		if utf8.Valid(raw) && !bytes.ContainsFunc(raw, func(r rune) bool { return r > 0x7f }) {
			return string(raw), "utf-8", nil // ASCII only: nothing to decode
		}
		if env.Decode == nil {
			return "", "", &Error{Code: "encoding", Message: "网页文件是 GBK/GB18030 编码，此处不能转换。请在浏览器中打开网页，全选复制正文后粘贴检查。"}
		}
		s, err := env.Decode("gb18030", raw)
		if err != nil || bytes.IndexByte([]byte(s), 0) >= 0 {
			if utf8.Valid(raw) { // declared GBK, written as UTF-8
				return string(raw), "utf-8", nil
			}
			return "", "", &Error{Code: "encoding", Message: "网页文件声明为 GBK/GB18030 编码，但内容不是该编码的文字。请在浏览器中打开网页，全选复制正文后粘贴检查。"}
		}
		return s, "gb18030", nil
	default:
		if env.Decode != nil {
			if s, err := env.Decode(label, raw); err == nil {
				return s, label, nil
			}
		}
		return DecodeText(raw, env)
	}
}

// metaCharset finds the encoding declared by a <meta charset> or <meta
// http-equiv="Content-Type" content="…; charset=…"> and names it as the
// adapter reads it: "utf-8", "gb18030" (for gb2312, gbk and the rest of the
// family, as browsers do) or the label itself; "" when none is declared.
// UTF-16 declarations are read as UTF-8, as browsers do.
func metaCharset(head []byte) string {
	s := strings.ToLower(string(head))
	for i := 0; ; {
		j := strings.Index(s[i:], "<meta")
		if j < 0 {
			return ""
		}
		i += j + 5
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			return ""
		}
		tag := s[i : i+end]
		k := strings.Index(tag, "charset")
		if k < 0 {
			continue
		}
		v := strings.TrimLeft(tag[k+7:], " \t\r\n")
		if !strings.HasPrefix(v, "=") {
			continue
		}
		v = strings.TrimLeft(v[1:], " \t\r\n\"'")
		n := strings.IndexFunc(v, func(r rune) bool {
			return r == '"' || r == '\'' || r == ';' || r == ' ' || r == '/' || r == '>' || r == '\t' || r == '\n' || r == '\r'
		})
		if n >= 0 {
			v = v[:n]
		}
		return charsetName(v)
	}
}

func charsetName(label string) string {
	switch label {
	case "utf-8", "utf8", "unicode-1-1-utf-8", "utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2":
		return "utf-8"
	case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "windows-936", "ms936", "euc-cn", "csgb2312",
		"chinese", "iso-ir-58", "gb_2312", "gb_2312-80", "csiso58gb231280", "hz-gb-2312":
		return "gb18030"
	case "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5":
		return "big5"
	case "":
		return ""
	}
	return label
}

// sniffHTML: a document that starts (after white space and a byte-order
// mark) with a doctype, <html>, <head> or <body>, or a comment before
// them.
func sniffHTML(raw []byte) bool {
	head := bytes.TrimLeft(bytes.TrimPrefix(raw[:min(len(raw), 1024)], []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(head) == 0 || head[0] != '<' {
		return false // every sign below starts with "<" (text is not lowered for nothing)
	}
	low := bytes.ToLower(head)
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<meta"} {
		if bytes.HasPrefix(low, []byte(p)) {
			return true
		}
	}
	return bytes.HasPrefix(low, []byte("<!--")) && bytes.Contains(low, []byte("<html"))
}
