package input_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"runtime"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/input/native"
)

// numberingXML declares one list (numId 1) whose level 0 starts at start,
// in format f, with level text text.
func numberingXML(start, f, text string) string {
	return `<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="` + start +
		`"/><w:numFmt w:val="` + f + `"/><w:lvlText w:val="` + text + `"/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
}

// numbered is a paragraph of list 1, level 0.
func numbered(text string) string {
	return `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

// peakHeap reads raw and returns the error and the growth of the heap
// in use, sampled after the read (what the read keeps) and the bytes
// allocated in all.
func readMeasured(t *testing.T, raw []byte) (*input.Doc, *input.Error, uint64) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	doc, err := input.Read("a.docx", raw, native.Env())
	runtime.ReadMemStats(&after)
	return doc, err, after.TotalAlloc - before.TotalAlloc
}

// Crafted .docx files of a few KB that once took gigabytes: a list that
// starts at 10^12 in letters (a label of 38 billion letters), a level text
// of 30,000 characters on 100,000 paragraphs, a 250-byte level text on
// 100,000 paragraphs (25 MB of labels), a million paragraphs, a million
// table cells, one run of 20 MB. Each reads in bounded memory: a list
// number beyond Word's 0–32767 or a label beyond its limit gets no label;
// text past the input limit is refused with the one "输入过大" message.
func TestDocxBounds(t *testing.T) {
	cases := []struct {
		name      string
		body, num string
		code      string // "" for a document
		text      string // the document's text, or a part of the error
	}{
		{"start 10^12 in letters", numbered("总体情况"), numberingXML("1000000000000", "upperLetter", "%1."), "", "总体情况\n"},
		{"start 32767 in letters", numbered("总体情况"), numberingXML("32767", "upperLetter", "%1."), "", "总体情况\n"},
		{"start 28 in letters", numbered("总体情况"), numberingXML("28", "upperLetter", "%1."), "", "BB.总体情况\n"},
		{"start 32767 decimal", numbered("总体情况"), numberingXML("32767", "decimal", "%1."), "", "32767.总体情况\n"},
		{"negative start", numbered("总体情况"), numberingXML("-5", "decimal", "%1."), "", "总体情况\n"},
		{"level text of 30,000 on 50,000 paragraphs", strings.Repeat(numbered("一"), 50000), numberingXML("1", "decimal", strings.Repeat("X", 30000)+"%1"), "", strings.Repeat("一\n", 50000)},
		{"100,000 paragraphs", strings.Repeat(numbered("一"), 100000), "", "too-large", "输入过大"},
		{"labels of 25 MB", strings.Repeat(numbered("一"), 100000), numberingXML("1", "decimal", strings.Repeat("X", 250)), "too-large", "列表编号"},
		{"a million paragraphs", strings.Repeat(`<w:p><w:r><w:t>一二三四五六七八九十</w:t></w:r></w:p>`, 1000000), "", "too-large", "输入过大：Word 文档展开后的段落、行和单元格超过上限"},
		{"a million cells", `<w:tbl>` + strings.Repeat(`<w:tr>`+strings.Repeat(`<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>`, 20)+`</w:tr>`, 50000) + `</w:tbl>`, "", "too-large", "输入过大"},
		{"a row of 200,000 cells", `<w:tbl><w:tr>` + strings.Repeat(`<w:tc/>`, 200000) + `</w:tr></w:tbl>`, "", "too-large", "输入过大"},
		{"one run of 20 MB", `<w:p><w:r><w:t>` + strings.Repeat("一", 7<<20) + `</w:t></w:r></w:p>`, "", "too-large", "输入过大：Word 文档展开后的文字超过上限 10 MB"},
	}
	for _, c := range cases {
		extra := []string{}
		if c.num != "" {
			extra = []string{"word/numbering.xml", c.num}
		}
		raw := docx(t, strings.Replace(wDoc, "%s", c.body, 1), extra...)
		doc, err, alloc := readMeasured(t, raw)
		t.Logf("%s: %d KB file, %d MB allocated", c.name, len(raw)>>10, alloc>>20)
		switch {
		case c.code == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.code == "" && doc.Text != c.text:
			t.Errorf("%s: text %.80q, want %.80q", c.name, doc.Text, c.text)
		case c.code != "" && (err == nil || err.Code != c.code || !strings.Contains(err.Message, c.text)):
			t.Errorf("%s: got %+v, want %s saying %q", c.name, err, c.code, c.text)
		}
		if alloc > 600<<20 {
			t.Errorf("%s: %d MB allocated in all", c.name, alloc>>20)
		}
	}
}

// A document.xml whose zip header claims 1 KB but which unpacks to 72 MB
// of empty paragraphs (no text to count) is refused as it is read: past
// the size it claims (archive/zip checks it) or, at the latest, past the
// part's limit.
func TestDocxLyingSize(t *testing.T) {
	var data bytes.Buffer
	fw, _ := flate.NewWriter(&data, flate.BestCompression)
	fw.Write([]byte(`<w:document xmlns:w="w"><w:body>`))
	chunk := bytes.Repeat([]byte("<w:p/>"), 1<<20)
	for i := 0; i < 12; i++ {
		fw.Write(chunk)
	}
	fw.Close()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CompressedSize64: uint64(data.Len()), UncompressedSize64: 1024})
	w.Write(data.Bytes())
	z.Close()
	_, err := input.Read("a.docx", b.Bytes(), native.Env())
	if err == nil || (err.Code != "too-large" && err.Code != "format") {
		t.Errorf("%+v", err)
	}
}

// Library errors reach no one in English: a broken zip, a part whose
// compressed data is corrupt.
func TestDocxErrorsInChinese(t *testing.T) {
	good := docx(t, strings.Replace(wDoc, "%s", para("一、总体情况"), 1))
	corrupt := bytes.Clone(good)
	// The deflated data of word/document.xml follows its 30-byte local
	// header and name; garble it.
	for i := 30 + len("word/document.xml"); i < len(corrupt)/2; i++ {
		corrupt[i] ^= 0x5a
	}
	for name, raw := range map[string][]byte{
		"not a zip":    append([]byte("PK\x03\x04"), bytes.Repeat([]byte("x"), 100)...),
		"corrupt data": corrupt,
	} {
		_, err := input.Read("a.docx", raw, native.Env())
		if err == nil {
			t.Errorf("%s: read", name)
			continue
		}
		for _, r := range err.Message {
			if r >= 'a' && r <= 'z' && !strings.Contains(err.Message, "docx") && !strings.Contains(err.Message, "word/document.xml") {
				t.Errorf("%s: English in %q", name, err.Message)
				break
			}
		}
	}
}

// FuzzDocxNumbering: any numbering (start, format, level text, level of
// each paragraph, paragraph count) reads without a panic, and the labels
// added are bounded: never more than 256 bytes a paragraph.
func FuzzDocxNumbering(f *testing.F) {
	f.Add("1", "chineseCounting", "%1、", "0", uint16(3))
	f.Add("1000000000000", "upperLetter", "%1.", "0", uint16(1))
	f.Add("27", "lowerLetter", "%1%1%1%1%1%1%1%1%1", "0", uint16(500))
	f.Add("32760", "upperRoman", "%1.%2.%9", "8", uint16(20))
	f.Add("0", "decimalEnclosedCircle", "(%1)", "1", uint16(30))
	f.Fuzz(func(t *testing.T, start, format, text, lvl string, n uint16) {
		esc := func(s string) string {
			var b bytes.Buffer
			xmlEscape(&b, s)
			return b.String()
		}
		p := `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + esc(lvl) + `"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>一</w:t></w:r></w:p>`
		num := numberingXML(esc(start), esc(format), esc(text))
		raw := docx(t, strings.Replace(wDoc, "%s", strings.Repeat(p, int(n%2000)+1), 1), "word/numbering.xml", num)
		doc, err := input.Read("a.docx", raw, native.Env())
		if err != nil {
			if err.Code != "too-large" && err.Code != "format" {
				t.Fatalf("%+v", err)
			}
			return
		}
		for _, l := range strings.Split(doc.Text, "\n") {
			if len(l) > 256+len("一") {
				t.Fatalf("a line of %d bytes", len(l))
			}
		}
	})
}

func xmlEscape(b *bytes.Buffer, s string) {
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		default:
			if r < 0x20 || r == 0xfffd {
				continue
			}
			b.WriteRune(r)
		}
	}
}

// The HTML parser's depth limit is said in Chinese, and a page whose text
// unpacks past the limit (entities, table pipes) is refused like any
// input too large.
func TestHTMLBoundsInChinese(t *testing.T) {
	deep := "<html><body>" + strings.Repeat("<div>", 600) + "一" + "</body></html>"
	_, err := input.Read("a.html", []byte(deep), native.Env())
	if err == nil || !strings.Contains(err.Message, "嵌套超过 512 层") || strings.Contains(err.Message, "html:") {
		t.Errorf("deep page: %+v", err)
	}
	for name, page := range map[string]string{
		// 1.6 million elements in 8 MB: about 1.7 GB parsed; refused before.
		"1.6 million cells": "<html><body><table>" + strings.Repeat("<tr>"+strings.Repeat("<td>1", 20), 80000) + "</table></body></html>",
		// Few elements, four million lines.
		"four million lines": "<html><body><pre>" + strings.Repeat("a\n", 4000000) + "</pre></body></html>",
	} {
		_, err = input.Read("a.html", []byte(page), native.Env())
		if err == nil || err.Code != "too-large" || !strings.HasPrefix(err.Message, "输入过大：") {
			t.Errorf("%s: %+v", name, err)
		}
	}
}
