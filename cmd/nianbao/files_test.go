package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/nianbao/nianbao/core"
)

// A folder mixing every kind of file the checker reads: the same report as
// UTF-8, GBK and UTF-16 text, Markdown, Word, a web page and the
// published PDF gives the same findings each time; Office lock files are
// passed over; other files are not checked, counted on stderr and named in
// the result (not_checked) with what they are.
func TestMixedFolder(t *testing.T) {
	dir := t.TempDir()
	text, err := os.ReadFile("../../testdata/real/hongze-2024-layout.txt")
	if err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(text)
	if err != nil {
		t.Fatal(err)
	}
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(text)
	if err != nil {
		t.Fatal(err)
	}
	copyFile := func(from, to string) {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, to), b)
	}
	write(t, filepath.Join(dir, "a-utf8.txt"), text)
	write(t, filepath.Join(dir, "b-gbk.txt"), gbk)
	write(t, filepath.Join(dir, "c-utf16.txt"), u16)
	write(t, filepath.Join(dir, "d.md"), text)
	copyFile("../../testdata/files/hongze-2024.docx", "e.docx")
	copyFile("../../testdata/files/hongze-2024.html", "sub/f.html")
	copyFile("../../testdata/pdf/hongze-2024.pdf", "g.pdf")
	write(t, filepath.Join(dir, "~$e.docx"), []byte("lock"))
	write(t, filepath.Join(dir, "表.xlsx"), []byte("PK"))

	code, out, stderr := runCmd(t, "", "check", "--format", "json", dir)
	if code != 1 {
		t.Fatalf("exit %d (the report has errors), stderr %q", code, stderr)
	}
	if !strings.Contains(stderr, "已跳过 1 个其他文件") {
		t.Errorf("stderr %q does not count the skipped files", stderr)
	}
	var res core.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{
		"a-utf8.txt": "text utf-8", "b-gbk.txt": "text gb18030", "c-utf16.txt": "text utf-16le", "d.md": "markdown utf-8",
		"e.docx": "docx ", "f.html": "html utf-8", "g.pdf": "pdf ",
	}
	if len(res.NotChecked) != 1 || filepath.Base(res.NotChecked[0].Source) != "表.xlsx" || res.NotChecked[0].Kind != "other" || !strings.Contains(res.NotChecked[0].Reason, "表格文件") {
		t.Errorf("not checked: %+v", res.NotChecked)
	}
	if len(res.Reports) != len(kinds) {
		t.Fatalf("%d reports, want %d", len(res.Reports), len(kinds))
	}
	var first []string
	for i, r := range res.Reports {
		name := filepath.Base(r.Source)
		if got := r.Input.Kind + " " + r.Input.Encoding; got != kinds[name] {
			t.Errorf("%s: read as %q, want %q", name, got, kinds[name])
		}
		var fs []string
		for _, f := range r.Findings {
			fs = append(fs, strings.Join([]string{f.Rule, f.Severity, f.Table, f.Row, f.Column, f.Expected, f.Actual}, "|"))
		}
		if len(fs) == 0 {
			t.Errorf("%s: no findings", name)
		}
		if i == 0 {
			first = fs
			continue
		}
		if strings.Join(fs, "\n") != strings.Join(first, "\n") {
			t.Errorf("%s: findings differ from %s:\n%s\nvs\n%s", name, filepath.Base(res.Reports[0].Source), strings.Join(fs, "\n"), strings.Join(first, "\n"))
		}
	}
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// nianbao text prints the text as read, the text every line and column
// refers to.
func TestTextCommand(t *testing.T) {
	code, out, stderr := runCmd(t, "", "text", "../../testdata/files/hongze-2024.docx")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"一、总体情况\n", "| 一、本年新收政府信息公开申请数量 | 95 | 0 | 0 | 0 | 0 | 0 | 95 |\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if code, _, stderr := runCmd(t, "", "text"); code != 2 || !strings.Contains(stderr, "用法") {
		t.Errorf("no file: exit %d, %q", code, stderr)
	}
}
