package input_test

import (
	"archive/zip"
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/input/native"
)

// docx builds a Word document whose word/document.xml is body.
func docx(t testing.TB, body string, extra ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.Create("word/document.xml")
	w.Write([]byte(body))
	for i := 0; i+1 < len(extra); i += 2 {
		w, _ := z.Create(extra[i])
		w.Write([]byte(extra[i+1]))
	}
	z.Close()
	return b.Bytes()
}

const wDoc = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>`

func para(s string) string { return `<w:p><w:r><w:t>` + s + `</w:t></w:r></w:p>` }

// Broken and hostile Word files get a clear error, quickly, in bounded
// memory: a zip bomb, XML nested thousands deep, invalid XML, a cut file.
func TestDocxLimits(t *testing.T) {
	bomb := func() []byte {
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		w, _ := z.Create("word/document.xml")
		chunk := bytes.Repeat([]byte("<w:p/>"), 1<<16)
		for n := 0; n < 200; n++ { // 78 MB unpacked, a few hundred KB packed
			w.Write(chunk)
		}
		z.Close()
		return b.Bytes()
	}()
	deep := strings.Repeat("<w:sdt><w:sdtContent>", 5000)
	good := docx(t, strings.Replace(wDoc, "%s", para("一、总体情况"), 1))
	cases := []struct {
		name, code, contains string
		raw                  []byte
	}{
		{"zip bomb", "too-large", "压缩炸弹", bomb},
		{"deep", "format", "嵌套", docx(t, strings.Replace(wDoc, "%s", deep, 1))},
		{"invalid XML", "format", "XML", docx(t, `<w:document><w:body><w:p><w:r><w:t>一</w:t></w:r></w:p><w:p <<</w:body>`)},
		{"cut", "format", "损坏", good[:len(good)/2]},
		{"no document", "unsupported", "word/document.xml", docx(t, "x")[:0]},
		{"xlsx", "unsupported", "Excel", func() []byte {
			var b bytes.Buffer
			z := zip.NewWriter(&b)
			w, _ := z.Create("xl/workbook.xml")
			w.Write([]byte("<workbook/>"))
			z.Close()
			return b.Bytes()
		}()},
		{"empty document", "empty", "没有文字", docx(t, strings.Replace(wDoc, "%s", "<w:p/>", 1))},
	}
	for _, c := range cases {
		if c.raw == nil || len(c.raw) == 0 {
			var b bytes.Buffer
			z := zip.NewWriter(&b)
			w, _ := z.Create("readme.txt")
			w.Write([]byte("hello"))
			z.Close()
			c.raw = b.Bytes()
		}
		start := time.Now()
		_, err := input.Read("a.docx", c.raw, native.Env())
		if err == nil || err.Code != c.code || !strings.Contains(err.Message, c.contains) {
			t.Errorf("%s: %+v", c.name, err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: %v", c.name, d) // a hang, not a benchmark
		}
	}
	if doc, err := input.Read("a.docx", good, native.Env()); err != nil || doc.Text != "一、总体情况\n" {
		t.Errorf("good: %v %+v", err, doc)
	}
}

// Word's list numbering is written into the text as Word prints it.
func TestDocxNumbering(t *testing.T) {
	num := `<w:numbering xmlns:w="x"><w:abstractNum w:abstractNumId="1">` +
		`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>` +
		`</w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num></w:numbering>`
	p := func(lvl, text string) string {
		return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + lvl + `"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := p("0", "总体情况") + p("1", "主动公开") + p("1", "依申请公开") + p("0", "主动公开政府信息情况") + p("1", "规章") + para("正文")
	doc, err := input.Read("a.docx", docx(t, strings.Replace(wDoc, "%s", body, 1), "word/numbering.xml", num), native.Env())
	if err != nil {
		t.Fatal(err)
	}
	want := "一、总体情况\n（一）主动公开\n（二）依申请公开\n二、主动公开政府信息情况\n（一）规章\n正文\n"
	if doc.Text != want {
		t.Errorf("numbering:\n got %q\nwant %q", doc.Text, want)
	}
}

// Merged cells: a cell spanning columns is read once, a cell continued
// from the row above (vMerge) is not read again, an empty cell is a
// blank, and each cell knows its table, row and cell.
func TestDocxMergedCells(t *testing.T) {
	tc := func(props, text string) string {
		return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + para(text) + `</w:tc>`
	}
	body := `<w:tbl>` +
		`<w:tr>` + tc(`<w:vMerge w:val="restart"/>`, "（四）无法提供") + tc("", "1.本机关不掌握相关政府信息") + tc(`<w:gridSpan w:val="2"/>`, "3") + tc("", "") + `</w:tr>` +
		`<w:tr>` + tc(`<w:vMerge/>`, "") + tc("", "2.没有现成信息需要另行制作") + tc(`<w:gridSpan w:val="2"/>`, "0") + tc("", "1") + `</w:tr>` +
		`</w:tbl>`
	doc, err := input.Read("a.docx", docx(t, strings.Replace(wDoc, "%s", body, 1)), native.Env())
	if err != nil {
		t.Fatal(err)
	}
	want := "| （四）无法提供 | 1.本机关不掌握相关政府信息 | 3 |  |\n| 2.没有现成信息需要另行制作 | 0 | 1 |\n"
	if doc.Text != want {
		t.Fatalf("merged cells:\n got %q\nwant %q", doc.Text, want)
	}
	w, _ := doc.At(strings.Index(doc.Text, "1 |"))
	if w.Table != 1 || w.Row != 2 || w.Cell != 4 {
		t.Errorf("place of the last cell: %+v", w)
	}
}

// FuzzRead: any bytes under any name give a document or a Chinese error,
// never a panic; places stay inside the text.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"hongze-2024.docx", "hongze-2024.html", "004_6bca9a975aea9322-gbk.html"} {
		raw, err := os.ReadFile("../../testdata/files/" + name)
		if err == nil {
			f.Add(name, raw)
		}
	}
	f.Add("a.html", []byte(`<meta charset="gbk"><table><tr><td rowspan=3>a<td>1</table>`))
	f.Add("a.htm", []byte("<p title='>'>一、总体情况<!-- <p> --><script>if(a<b)</script>"))
	f.Add("a.docx", docx(f, strings.Replace(wDoc, "%s", para("x"), 1)))
	f.Add("a.txt", []byte{0xff, 0xfe, 0x00, 0xd8})
	f.Add("a.txt", []byte{0xd2, 0xbb, 0xa1, 0xa2})
	env := native.Env()
	f.Fuzz(func(t *testing.T, name string, raw []byte) {
		doc, err := input.Read(name, raw, env)
		if err != nil {
			if err.Message == "" || err.Code == "" {
				t.Fatalf("error without a message: %+v", err)
			}
			return
		}
		for off := 0; off <= len(doc.Text); off += 1 + len(doc.Text)/64 {
			doc.At(off)
		}
	})
}
