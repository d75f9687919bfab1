package input_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/input/native"
	"github.com/xuri/excelize/v2"
)

// A workbook renamed .docx is said to be a workbook: its package
// relationships name an "officeDocument" too (xl/workbook.xml), which the
// Word reader once took for an empty document ("扫描件需要 OCR").
func TestWorkbookRenamedDocx(t *testing.T) {
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "2025年部门预算")
	f.SetCellValue("Sheet1", "B1", 1234.5)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	for _, c := range []struct{ name, want, not string }{
		{"预算.docx", "这是 Excel 工作簿，不是 Word 文档（文件名是 .docx，可能改过扩展名）", "OCR"},
		{"预算.xlsx", "这是 Excel 工作簿（.xlsx），不是年度报告文档", "Word"},
		{"预算", "这是 Excel 工作簿（.xlsx）", "OCR"},
	} {
		_, ierr := input.Read(c.name, raw, native.Env())
		if ierr == nil || ierr.Code != "unsupported" || !strings.Contains(ierr.Message, c.want) || strings.Contains(ierr.Message, c.not) {
			t.Errorf("%s: %+v", c.name, ierr)
		}
	}
}

// A Word document without text: a scan (pictures) needs OCR, an empty
// document is said to be empty.
func TestDocxWithoutText(t *testing.T) {
	mk := func(media bool) []byte {
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		w, _ := z.Create("word/document.xml")
		w.Write([]byte(`<w:document xmlns:w="x"><w:body><w:p/></w:body></w:document>`))
		if media {
			w, _ = z.Create("word/media/image1.png")
			w.Write([]byte("\x89PNG"))
		}
		z.Close()
		return b.Bytes()
	}
	if _, err := input.Read("a.docx", mk(true), native.Env()); err == nil || !strings.Contains(err.Message, "OCR") {
		t.Errorf("scan: %+v", err)
	}
	if _, err := input.Read("a.docx", mk(false), native.Env()); err == nil || strings.Contains(err.Message, "OCR") || !strings.Contains(err.Message, "空的") {
		t.Errorf("empty: %+v", err)
	}
}

func utf16Bytes(s string, big bool) []byte {
	var out []byte
	for _, u := range utf16.Encode([]rune(s)) {
		if big {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// UTF-16 without a byte-order mark, as old Windows tools save it, is
// read: by the zero bytes of ASCII characters on one side, confirmed by
// the text they give. A short notice with only three newlines and two 开
// (U+5F00, a zero on the other side) is recognised too.
func TestUTF16WithoutMark(t *testing.T) {
	report := "某某区交通运输局\n2024年政府信息公开工作年度报告\n一、总体情况\n2024年，全年主动公开政府信息50条。\n"
	notice := "关于召开政府信息公开工作会议的通知\n各单位：\n定于下周召开会议。\n"
	for _, text := range []string{report, notice} {
		for _, big := range []bool{false, true} {
			doc, err := input.Read("a.txt", utf16Bytes(text, big), native.Env())
			want := "utf-16le"
			if big {
				want = "utf-16be"
			}
			if err != nil || doc.Text != text || doc.Encoding != want {
				t.Errorf("%s %q: %+v %+v", want, text[:12], err, doc)
			}
		}
	}
	// Bytes with zeros that give no text are binary, in plain words.
	bin := bytes.Repeat([]byte{0x00, 0x01, 0x02, 0x03, 0xff, 0x10, 0x00, 0x07}, 64)
	_, err := input.Read("a.bin", bin, native.Env())
	if err == nil || err.Code != "binary" || strings.Contains(err.Message, "空字节") || !strings.Contains(err.Message, "不是文字") {
		t.Errorf("binary: %+v", err)
	}
}
