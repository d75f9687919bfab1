//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/nianbao/nianbao"
	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/wasm/page"
)

func (a *app) wireInput() {
	a.ta.AddEventListener("input", false, func(dom.Event) {
		if a.view.on {
			// The paste area now holds the text (a script set it).
			a.viewOff()
		}
		a.editorStale()
		a.scheduleCheck()
	})
	a.ta.AddEventListener("paste", false, a.onPaste)

	editor := a.byID("editor")
	editor.AddEventListener("dragover", false, func(e dom.Event) {
		e.PreventDefault()
		editor.Class().Add("drag")
	})
	editor.AddEventListener("dragleave", false, func(dom.Event) { editor.Class().Remove("drag") })
	editor.AddEventListener("drop", false, a.onDrop)

	file := a.inputByID("file")
	a.byID("open").AddEventListener("click", false, func(dom.Event) { file.Click() })
	file.AddEventListener("change", false, func(dom.Event) {
		files := file.Files()
		if len(files) > 0 {
			go a.openFile(files[0].Value, len(files))
		}
		file.SetValue("") // picking the same file again fires change again
	})

	a.byID("ex-clean").AddEventListener("click", false, func(dom.Event) {
		a.load(nianbao.ExampleCleanName, nianbao.ExampleClean)
	})
	a.byID("ex-errors").AddEventListener("click", false, func(dom.Event) {
		a.load(nianbao.ExampleErrorsName, nianbao.ExampleErrors)
	})
	a.byID("clear").AddEventListener("click", false, func(dom.Event) {
		a.setText("")
		a.name = page.PasteName
		a.checkNow()
		a.setStatus("已清空。", false)
		a.ta.Focus()
	})
}

// load replaces the text with a whole document (an example or a paste).
func (a *app) load(name, text string) { a.open(name, text, nil) }

// open replaces the text with a whole document; file is the file it was
// read from, if any.
func (a *app) open(name, text string, file *input.Doc) {
	a.file = file
	a.setText(text)
	a.ta.SetSelectionRange(0, 0, "none")
	a.ta.Underlying().Set("scrollTop", 0)
	a.name = name
	a.current = ""
	a.checkNow()
}

// onPaste reads the clipboard. HTML from Word, WPS or a web page keeps its
// tables: it is parsed by DOMParser into an inert document (never inserted
// into the page: scripts in it do not run, images do not load) and read
// by the same adapter as a saved web page on the command line
// (input.HTMLText): each table row one line of cells between pipes, a
// blank cell a certain blank. Plain text is inserted
// as it is. The page inserts the text itself, so a paste behaves the same
// whether it comes from the keyboard or from a script.
func (a *app) onPaste(e dom.Event) {
	ce, ok := e.(*dom.ClipboardEvent)
	if !ok {
		return
	}
	dt := ce.ClipboardData()
	if dt == nil || dt.Value.IsNull() || dt.Value.IsUndefined() {
		return
	}
	text, tables, refused := clipboardText(dt.Value)
	if refused != "" {
		e.PreventDefault() // the paste area never receives it
		a.showInputError(&core.InputError{Code: "too-large", Message: refused})
		return
	}
	if text == "" {
		return // nothing we can read (an image, a file): let the browser decide
	}
	e.PreventDefault()
	whole := a.view.on || a.ta.SelectionStart() == 0 && a.ta.SelectionEnd() == a.ta.TextLength() || isBlank(a.ta.Value())
	if whole && bigText(text) || a.view.on {
		// A large text replaces the whole text and is shown in the
		// viewer; a paste into the viewer replaces its text.
		a.file = nil
		a.setText(text)
	} else {
		a.insert(text)
	}
	if whole || isBlank(strings.TrimSpace(a.text())) {
		a.name = page.PasteName
	}
	a.checkNow()
	if tables > 0 {
		a.setStatus("已按表格结构读取粘贴的内容（"+itoa(tables)+" 个表格，每行一行、单元格以“|”分隔），并已检查。", false)
	}
}

// clipboardText reads a paste: the plain text, or, when the clipboard
// also holds HTML with tables (Word, WPS, a web page) or only HTML, the
// text made from that HTML, with the number of tables read. The browser
// gives each string's length first: a text over the input limit is
// refused (refused says why) before it is copied into Go or parsed, and
// HTML over the limit is not parsed (its plain text is read instead,
// when there is one).
func clipboardText(dt js.Value) (text string, tables int, refused string) {
	plainV := dt.Call("getData", "text/plain")
	markupV := dt.Call("getData", "text/html")
	// A length in UTF-16 units is at most the length in UTF-8 bytes.
	plainLen, markupLen := strLen(plainV), strLen(markupV)
	if plainLen > core.MaxInputBytes {
		return "", 0, tooLarge("粘贴的文字", float64(plainLen))
	}
	plain := plainV.String()
	if markupLen == 0 {
		return plain, 0, ""
	}
	if markupLen > core.MaxInputBytes {
		if isBlank(plain) {
			return "", 0, tooLarge("粘贴的网页内容", float64(markupLen))
		}
		return plain, 0, ""
	}
	markup := markupV.String()
	if hasTable(markup) || isBlank(plain) {
		text, tables, err := htmlToText(markup)
		if err != nil {
			if isBlank(plain) {
				return "", 0, "粘贴的网页内容无法读取：" + err.Error()
			}
			return plain, 0, ""
		}
		return text, tables, ""
	}
	return plain, 0, ""
}

// strLen is the length of a JavaScript string in UTF-16 units, read
// without copying the string into Go (syscall/js reads properties of
// objects only: the string is boxed first).
func strLen(v js.Value) int {
	if v.Type() != js.TypeString {
		return 0
	}
	return js.Global().Get("Object").Invoke(v).Get("length").Int()
}

// tooLarge says that what (a file, a paste) of size bytes (or UTF-16
// units, each at least one byte) is over the input limit, with the size
// rounded up so that it never reads as the limit itself.
func tooLarge(what string, size float64) string {
	mb := math.Ceil(size/(1<<20)*10) / 10
	return fmt.Sprintf("输入过大：%s约 %.1f MB，超过上限 %d MB，未读取。请只提交一份年度报告的正文。", what, mb, core.MaxInputBytes>>20)
}

// insert puts text at the selection of the paste area, keeping the
// browser's undo history where it can.
func (a *app) insert(text string) {
	// The textarea would turn "\r\n" into "\n" anyway; do it first so the
	// text checked is the text shown.
	text = page.UnixNewlines(text)
	a.ta.Focus()
	// execCommand keeps the undo history, but the editor inserts the text
	// line by line, each line costing more than the last: 2–3 s for a
	// 7 KB report of 419 lines, 33 s for 73 KB (headless Chromium). Only a
	// few lines go through it; a report is set at once.
	if len(text) <= 4<<10 && strings.Count(text, "\n") <= 20 && a.doc.Underlying().Call("execCommand", "insertText", false, text).Bool() {
		return
	}
	a.ta.Underlying().Call("setRangeText", text, a.ta.SelectionStart(), a.ta.SelectionEnd(), "end")
}

func hasTable(markup string) bool {
	return strings.Contains(strings.ToLower(markup), "<table")
}

// htmlToText parses markup with DOMParser and converts the inert document.
func htmlToText(markup string) (string, int, error) {
	root, err := parseHTML(markup)
	if err != nil {
		return "", 0, err
	}
	text, tables := input.HTMLText(root)
	if err := root.(jsNode).w.err(); err != nil {
		return "", 0, err
	}
	return text, tables, nil
}

// The browser's HTML parser has no limit of its own on the number of
// elements (Chromium nests at most 512 deep and puts deeper ones
// beside), and the walk reads each node through syscall/js: a page over
// these bounds is refused, as the command line refuses a page nested
// over 512 levels (golang.org/x/net/html).
const (
	maxHTMLElements = 200_000
	maxHTMLDepth    = 512
)

func tooManyElements(n int) error {
	return fmt.Errorf("网页元素过多（约 %d 个，上限 %d 个），不像一份年度报告。请在浏览器中打开网页，全选复制正文后粘贴检查。", n, maxHTMLElements)
}

// startTags counts "<" followed by a letter: at least the number of
// elements written in src (a "<a" inside a script or a comment counts
// too, hence the margin its caller allows).
func startTags(src string) int {
	n := 0
	for i := strings.IndexByte(src, '<'); i >= 0 && i+1 < len(src); {
		if c := src[i+1] | 0x20; c >= 'a' && c <= 'z' {
			n++
		}
		j := strings.IndexByte(src[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return n
}

// walkLimit is shared by the nodes of one parsed document.
type walkLimit struct{ deep bool }

func (w *walkLimit) err() error {
	if w != nil && w.deep {
		return fmt.Errorf("网页元素嵌套超过 %d 层，无法可靠读取。请在浏览器中打开网页，全选复制正文后粘贴检查。", maxHTMLDepth)
	}
	return nil
}

// lastWalk is the walk of the document parseHTML made last (the page has
// one thread): core.Read walks it inside the core, and openFile asks it
// afterwards whether the walk hit the depth bound.
var lastWalk *walkLimit

// parseHTML parses a document with the browser's DOMParser (the same
// WHATWG algorithm as golang.org/x/net/html on the command line). It has
// no dom/v2 wrapper, so it is reached through syscall/js.
func parseHTML(src string) (input.Node, error) {
	lastWalk = nil
	// Every element but the few the parser adds starts at "<" and a
	// letter: over the bound, the page is refused before the browser
	// builds a document of it.
	if n := startTags(src); n > maxHTMLElements+maxHTMLElements/2 {
		return nil, tooManyElements(n)
	}
	parser := js.Global().Get("DOMParser")
	if parser.IsUndefined() {
		return nil, errors.New("浏览器不支持 DOMParser")
	}
	doc := parser.New().Call("parseFromString", src, "text/html")
	if n := doc.Call("getElementsByTagName", "*").Length(); n > maxHTMLElements {
		return nil, tooManyElements(n)
	}
	lastWalk = &walkLimit{}
	return jsNode{v: doc, w: lastWalk}, nil
}

// decode decodes a legacy encoding with the browser's TextDecoder, which
// implements the same WHATWG encodings as golang.org/x/text on the command
// line; fatal, so bytes outside the encoding are an error.
func decode(label string, b []byte) (s string, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = "", errors.New("内容不是 "+label+" 编码的文字")
		}
	}()
	td := js.Global().Get("TextDecoder")
	if td.IsUndefined() {
		return "", errors.New("浏览器不支持 TextDecoder")
	}
	opts := js.Global().Get("Object").New()
	opts.Set("fatal", true)
	arr := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(arr, b)
	return td.New(label, opts).Call("decode", arr).String(), nil
}

// pageEnv is what reading files needs, from the browser: PDFs are read
// by pdf.js (pdf.go), started when the first one is opened.
func pageEnv() input.Env {
	return input.Env{Decode: decode, ParseHTML: parseHTML, PDF: pdfPages}
}

// jsNode adapts a node of the inert document to input.Node. It reads the
// node's fields directly: wrapping each node with dom/v2 would compare its
// constructor against every element type, thousands of times for a Word
// document.
type jsNode struct {
	v     js.Value
	depth int
	w     *walkLimit
}

func (n jsNode) Kind() int    { return n.v.Get("nodeType").Int() }
func (n jsNode) Tag() string  { return strings.ToLower(n.v.Get("localName").String()) }
func (n jsNode) Data() string { return n.v.Get("data").String() }
func (n jsNode) Attr(name string) string {
	v := n.v.Call("getAttribute", name)
	if v.IsNull() || v.IsUndefined() {
		return ""
	}
	return v.String()
}
func (n jsNode) Children() []input.Node {
	if n.depth >= maxHTMLDepth {
		n.w.deep = true // the reader is told through walkLimit.err
		return nil
	}
	var out []input.Node
	for c := n.v.Get("firstChild"); !c.IsNull() && !c.IsUndefined(); c = c.Get("nextSibling") {
		out = append(out, jsNode{c, n.depth + 1, n.w})
	}
	return out
}

func (a *app) onDrop(e dom.Event) {
	a.byID("editor").Class().Remove("drag")
	dt := e.Underlying().Get("dataTransfer")
	if dt.IsNull() || dt.IsUndefined() {
		return
	}
	files := dt.Get("files")
	if files.Get("length").Int() > 0 {
		e.PreventDefault()
		go a.openFile(files.Call("item", 0), files.Get("length").Int())
		return
	}
	// Text dragged from another window: treat it like a paste of the whole.
	text, _, refused := clipboardText(dt)
	if refused != "" {
		e.PreventDefault()
		a.showInputError(&core.InputError{Code: "too-large", Message: refused})
		return
	}
	if text != "" {
		e.PreventDefault()
		a.load(page.PasteName, text)
	}
}

// openFile reads a picked or dropped file (runs in its own goroutine: it
// waits for the browser's promise).
func (a *app) openFile(f js.Value, count int) {
	name := f.Get("name").String()
	a.setStatus("正在读取 "+name+" …", false)
	raw, err := fileBytes(f)
	if err != nil {
		a.setStatus("无法读取文件 "+name+"："+err.Error(), true)
		return
	}
	doc, ierr := core.Read(name, raw, pageEnv())
	if ierr == nil {
		if err := lastWalk.err(); err != nil && doc.Kind == input.HTML {
			ierr = &core.InputError{Code: "format", Message: "网页文件无法解析：" + err.Error()}
		}
	}
	if ierr != nil {
		a.showInputError(&core.InputError{Code: ierr.Code, Message: name + "：" + ierr.Message})
		return
	}
	a.open(name, doc.Text, doc)
	var read string
	switch doc.Kind {
	case input.Docx:
		read = "已读取 Word 文档 " + name + "（表格按单元格读取，每行一行、单元格以“|”分隔），并已检查。"
	case input.HTML:
		read = "已读取网页 " + name + "（表格按单元格读取），并已检查。"
	case input.PDF:
		read = "已读取 PDF 文件 " + name + "（按版面读取，表格按单元格读取），并已检查。"
	}
	if doc.Encoding != "" && doc.Encoding != "utf-8" {
		read += "文件编码为 " + strings.ToUpper(doc.Encoding) + "，已转换。"
	}
	if count > 1 {
		read += "一次只检查一个文件：已打开 " + name + "。"
	}
	// Only a check that ran says so: a refused text ("输入过大", no text
	// to check) keeps its message.
	if read != "" && a.checked == doc.Text {
		a.setStatus(read, false)
	}
}

// await blocks the calling goroutine (never an event handler) until a
// promise settles.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	var then, catch js.Func
	then = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	catch = js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "未知错误"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		ch <- result{err: errors.New(msg)}
		return nil
	})
	p.Call("then", then, catch)
	r := <-ch
	then.Release()
	catch.Release()
	return r.v, r.err
}
