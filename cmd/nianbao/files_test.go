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

// Nothing given is left out silently: `check DIR` and `review DIR` list
// every file of the folder in every output, those not checked with why —
// an old .doc ("另存为 .docx"), a spreadsheet, an image, a file that
// cannot be read, a symbolic link (never followed: one to a report of the
// folder is checked under that report's name). Lock files and hidden
// files are nobody's report and are passed over.
func TestFolderListsEveryFile(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile("../../testdata/seeds/000_bcc88cd11fb35c2f.txt")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "好.txt"), good)
	write(t, filepath.Join(dir, "旧.doc"), append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 64)...))
	write(t, filepath.Join(dir, "统计.xls"), []byte("x"))
	write(t, filepath.Join(dir, "扫描.jpg"), []byte("\xff\xd8\xff"))
	write(t, filepath.Join(dir, "坏.pdf"), []byte("%PDF-1.4\n"))
	write(t, filepath.Join(dir, "~$好.docx"), []byte("lock"))
	write(t, filepath.Join(dir, ".DS_Store"), []byte("x"))
	outside := filepath.Join(t.TempDir(), "外.txt")
	write(t, outside, good)
	links := os.Symlink("好.txt", filepath.Join(dir, "链接.txt")) == nil && os.Symlink(outside, filepath.Join(dir, "外链.txt")) == nil &&
		os.Symlink("断.txt", filepath.Join(dir, "断链.txt")) == nil && os.Symlink("环.txt", filepath.Join(dir, "环.txt")) == nil

	code, out, stderr := runCmd(t, "", "check", dir)
	if code != 2 { // 坏.pdf cannot be read
		t.Errorf("check: exit %d, want 2; stderr %q", code, stderr)
	}
	want := map[string]string{
		"旧.doc":  "旧版 Word 文档（.doc），不能检查；请另存为 .docx 后再检查",
		"统计.xls": "表格文件，不是报告，未检查",
		"扫描.jpg": "图片",
		"坏.pdf":  "无法读取",
		"好.txt":  "通过",
		"链接.txt": "符号链接，指向本目录中的 好.txt，已按该文件检查",
		"外链.txt": "符号链接，指向目录之外的文件，未跟随",
		"断链.txt": "符号链接，指向的文件不存在，未检查",
		"环.txt":  "符号链接成环",
	}
	if !links {
		for _, l := range []string{"链接.txt", "外链.txt", "断链.txt", "环.txt"} {
			delete(want, l)
		}
	}
	summary := out[strings.Index(out, "汇总（按错误数排序）："):]
	for name, what := range want {
		line := ""
		for _, l := range strings.Split(summary, "\n") {
			if strings.Contains(l, name) {
				line = l
			}
		}
		if !strings.Contains(line, what) {
			t.Errorf("check's summary: %s is %q, want %q:\n%s", name, line, what, summary)
		}
	}
	for _, hidden := range []string{"~$好.docx", ".DS_Store"} {
		if strings.Contains(out, hidden) {
			t.Errorf("%s listed", hidden)
		}
	}
	if strings.Contains(out+stderr, "管道、设备或套接字") {
		t.Errorf("a symbolic link is called a pipe:\n%s%s", out, stderr)
	}

	// JSON: not_checked; CSV: a line each.
	_, js, _ := runCmd(t, "", "check", "--format", "json", dir)
	var res core.Result
	if err := json.Unmarshal([]byte(js), &res); err != nil {
		t.Fatal(err)
	}
	listed := map[string]string{}
	for _, n := range res.NotChecked {
		listed[filepath.Base(n.Source)] = n.Kind + " " + n.Reason
	}
	for _, r := range res.Reports {
		listed[filepath.Base(r.Source)] = "report"
	}
	if len(listed) != len(want) || !strings.HasPrefix(listed["坏.pdf"], "unreadable ") || !strings.HasPrefix(listed["旧.doc"], "other 旧版 Word 文档") || listed["好.txt"] != "report" {
		t.Errorf("JSON lists %v", listed)
	}
	_, csvOut, _ := runCmd(t, "", "check", "--format", "csv", dir)
	for name := range want {
		if name != "好.txt" && !strings.Contains(csvOut, name) {
			t.Errorf("CSV lacks %s", name)
		}
	}

	// review: a summary row each, exit 2 as check.
	xlsx := filepath.Join(t.TempDir(), "汇总.csv")
	code, rout, rerr := runCmd(t, "", "review", dir, "--out", xlsx)
	if code != 2 || !strings.Contains(rout, "1 份无法读取") {
		t.Errorf("review: exit %d, %q %q", code, rout, rerr)
	}
	raw, err := os.ReadFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	for name, what := range want {
		if what == "通过" {
			continue
		}
		found := false
		for _, l := range strings.Split(string(raw), "\n") {
			found = found || strings.Contains(l, name) && (strings.Contains(l, what) || what == "无法读取" && strings.Contains(l, "无法读取"))
		}
		if !found {
			t.Errorf("review's summary lacks %s as %q:\n%s", name, what, raw)
		}
	}
}

// A folder holding only an old .doc: nothing to check (exit 2), and the
// .doc is named with what to do, not only counted.
func TestFolderOnlyDoc(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "报告.doc"), append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 64)...))
	code, out, stderr := runCmd(t, "", "check", dir)
	if code != 2 || !strings.Contains(out, "报告.doc：旧版 Word 文档（.doc），不能检查；请另存为 .docx 后再检查") || !strings.Contains(stderr, "目录中没有可检查的文件") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}
