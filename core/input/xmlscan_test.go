package input

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// rawTokens is what docxReader reads of a part through encoding/xml's
// RawToken (Strict off): start and end tags by local name with the
// attributes it asks for, and text, adjacent pieces joined.
func rawTokens(b []byte) ([]string, bool) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	var out []string
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return out, true
		}
		if err != nil {
			return out, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			s := "<" + t.Name.Local
			for _, a := range []string{"val", "type", "pos", "styleId"} {
				s += " " + a + "=" + attr(t, a)
			}
			out = append(out, s)
		case xml.EndElement:
			out = append(out, "/"+t.Name.Local)
		case xml.CharData:
			if n := len(out); n > 0 && strings.HasPrefix(out[n-1], "#") {
				out[n-1] += string(t)
			} else {
				out = append(out, "#"+string(t))
			}
		}
	}
}

// scanTokens is the same through xmlScanner, reading r.
func scanTokens(r io.Reader) ([]string, bool) {
	sc := newXMLScanner(r)
	var out []string
	for {
		err := sc.next()
		if err == io.EOF {
			return out, true
		}
		if err != nil {
			return out, false
		}
		switch sc.kind {
		case xmlStart:
			s := "<" + string(sc.name)
			for _, a := range []string{"val", "type", "pos", "styleId"} {
				s += " " + a + "=" + sc.attr(a)
			}
			out = append(out, s)
		case xmlEnd:
			out = append(out, "/"+string(sc.name))
		case xmlText:
			if n := len(out); n > 0 && strings.HasPrefix(out[n-1], "#") {
				out[n-1] += string(sc.text)
			} else if len(sc.text) > 0 {
				out = append(out, "#"+string(sc.text))
			}
		}
	}
}

// The scanner reads what RawToken reads: every part of the .docx
// fixtures (Word, WPS, LibreOffice, pandoc), and crafted XML with
// entities, character references, CDATA, comments, '>' in attribute
// values, CRLF, self-closing tags, long runs; whole, and one byte at a
// time (every token cut by the window), and malformed XML is refused by
// both.
func TestXMLScannerAsRawToken(t *testing.T) {
	var docs [][]byte
	files, _ := filepath.Glob("../../testdata/files/*.docx")
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			if strings.HasSuffix(zf.Name, ".xml") || strings.HasSuffix(zf.Name, ".rels") {
				rc, _ := zf.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				docs = append(docs, b)
			}
		}
	}
	if len(docs) < 20 {
		t.Fatalf("only %d parts", len(docs))
	}
	long := strings.Repeat("一二三&amp;四\r\n", 20000)
	docs = append(docs,
		[]byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\r\n"+`<w:document xmlns:w="x"><!-- a comment > here --><w:body><w:p w:rsidR="00A1"><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve"> a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#20013;&#x6587; &unknown; & x;</w:t><w:tab/><w:br w:type='page'/><w:t><![CDATA[<not a tag> & ]]></w:t></w:r></w:p></w:body></w:document>`),
		[]byte(`<a b="x>y" c='1"2'>t</a><b/><c d = "e" /><e val=>x</e><f val=u type>y</f>`),
		[]byte("<w:t>"+long+"</w:t>"),
		[]byte("<w:t>a\rb\r\nc\n</w:t>"),
		[]byte(`<!DOCTYPE x><x y="&lt;&#65;">z</x>`),
	)
	for i, b := range docs {
		want, ok := rawTokens(b)
		if !ok {
			t.Fatalf("part %d: RawToken refuses it", i)
		}
		for _, r := range []io.Reader{bytes.NewReader(b), iotest.OneByteReader(bytes.NewReader(b)), iotest.HalfReader(bytes.NewReader(b))} {
			got, ok := scanTokens(r)
			if !ok || strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("part %d (%.60q): scanner %v, %d tokens, RawToken %d tokens\nfirst difference: %s", i, b, ok, len(got), len(want), firstDiff(got, want))
			}
		}
	}
	for _, bad := range []string{
		`<w:p <<</w:p>`, `<w:p`, `<w:t>a</w:t><`, `<w:t>a` + "\x00" + `</w:t>`, "<w:t>\xff</w:t>", `<w:p w:val="x></w:p>`, `<>`, `</>`, `<1a/>`,
		`<!-- never closed`, `<![CDATA[ never closed`, `<?xml never closed`,
	} {
		if _, ok := rawTokens([]byte(bad)); ok {
			t.Errorf("%q: RawToken reads it", bad)
		}
		if _, ok := scanTokens(strings.NewReader(bad)); ok {
			t.Errorf("%q: the scanner reads it", bad)
		}
	}
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return "scanner " + a[i] + " | RawToken " + b[i]
		}
	}
	return "one is a prefix of the other"
}
