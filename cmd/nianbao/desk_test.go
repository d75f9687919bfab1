package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func runDesk(t *testing.T, alone bool, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runMain(args, strings.NewReader(stdin), &out, &errb, func(string) string { return "" }, alone)
	return code, out.String(), errb.String()
}

// copySeeds puts two seed reports (one clean, one with errors) and an old
// .doc in a new folder whose name has Chinese and a space, as a reviewer's.
func copySeeds(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "各单位 报告")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"000_bcc88cd11fb35c2f.txt", "004_6bca9a975aea9322.txt"} {
		raw, err := os.ReadFile(filepath.Join("../../testdata/seeds", n))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, n), raw, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "旧 报告.doc"), []byte("\xd0\xcf\x11\xe0"), 0o644)
	return dir
}

// summaryRows is the 汇总 sheet's rows of the workbook at path.
func summaryRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	rows, err := f.GetRows("汇总")
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// A folder dropped onto nianbao.exe: reviewed into 汇总.xlsx inside it, the
// place said, then the window waits for Enter.
func TestDropFolder(t *testing.T) {
	dir := copySeeds(t)
	code, out, stderr := runDesk(t, true, "\n", dir)
	want := filepath.Join(dir, summaryName)
	if code != 1 { // seed 004 has errors
		t.Errorf("exit %d, want 1; stderr %q", code, stderr)
	}
	if !strings.Contains(out, "汇总表在："+want+"\n") || !strings.HasSuffix(out, "按回车键关闭本窗口……\n") {
		t.Errorf("stdout %q", out)
	}
	rows := summaryRows(t, want)
	// header + two reports + the .doc, named as not checked
	if len(rows) != 4 {
		t.Fatalf("汇总: %d rows, want 4: %q", len(rows), rows)
	}
	joined := ""
	for _, r := range rows {
		joined += strings.Join(r, "|") + "\n"
	}
	for _, s := range []string{"000_bcc88cd11fb35c2f.txt", "004_6bca9a975aea9322.txt", "旧 报告.doc"} {
		if !strings.Contains(joined, s) {
			t.Errorf("汇总 lacks %s:\n%s", s, joined)
		}
	}
	// Dropped again: the workbook of the first run is not listed.
	if code, _, _ := runDesk(t, true, "", dir); code != 1 {
		t.Errorf("second drop: exit %d", code)
	}
	if rows := summaryRows(t, want); len(rows) != 4 || strings.Contains(strings.Join(rows[len(rows)-1], ""), summaryName) {
		t.Errorf("second drop lists its own workbook: %q", rows)
	}
}

// Files dropped: the workbook goes next to the first file.
func TestDropFiles(t *testing.T) {
	dir := copySeeds(t)
	a := filepath.Join(dir, "000_bcc88cd11fb35c2f.txt")
	code, out, stderr := runDesk(t, true, "", a)
	want := filepath.Join(dir, summaryName)
	if code != 0 || !strings.Contains(out, "汇总表在："+want) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	if rows := summaryRows(t, want); len(rows) != 2 {
		t.Errorf("汇总: %q, want header and one report", rows)
	}
}

// Which arguments are a drop: full paths that all exist, and only those.
func TestDropped(t *testing.T) {
	dir := copySeeds(t)
	a := filepath.Join(dir, "000_bcc88cd11fb35c2f.txt")
	b := filepath.Join(dir, "004_6bca9a975aea9322.txt")
	for _, c := range []struct {
		args []string
		ok   bool
		out  string
	}{
		{[]string{dir}, true, filepath.Join(dir, summaryName)},
		{[]string{a, b}, true, filepath.Join(dir, summaryName)},
		{[]string{dir, a}, true, filepath.Join(filepath.Dir(dir), summaryName)},
		{[]string{"check", a}, false, ""},
		{[]string{a, "--format"}, false, ""},
		{[]string{a, filepath.Join(dir, "没有这个文件.txt")}, false, ""},
		{[]string{"../../testdata/seeds"}, false, ""}, // relative: typed, not dropped
		{nil, false, ""},
	} {
		rargs, out, ok := dropped(c.args)
		if ok != c.ok || out != c.out {
			t.Errorf("%q: ok %v out %q, want %v %q", c.args, ok, out, c.ok, c.out)
		}
		if ok {
			want := append([]string{"review", "--out", c.out, "--"}, c.args...)
			if strings.Join(rargs, "\x00") != strings.Join(want, "\x00") {
				t.Errorf("%q: %q", c.args, rargs)
			}
		}
	}
}

// A double-click: how to use it, then wait; a subcommand in a shortcut
// runs and waits too.
func TestDoubleClick(t *testing.T) {
	code, out, stderr := runDesk(t, true, "\n")
	if code != 0 || stderr != "" || !strings.Contains(out, "拖到 nianbao.exe 的图标上") || !strings.Contains(out, "nianbao 0.1.0") || !strings.HasSuffix(out, "按回车键关闭本窗口……\n") {
		t.Errorf("exit %d, stderr %q, stdout %q", code, stderr, out)
	}
	code, out, _ = runDesk(t, true, "", "version")
	if code != 0 || !strings.HasPrefix(out, "nianbao ") || !strings.Contains(out, "按回车键") {
		t.Errorf("version in its own window: exit %d, %q", code, out)
	}
}

// From a terminal nothing changes: no arguments is the usage on stderr and
// exit 2, a path is not a subcommand, and nothing waits.
func TestNotAlone(t *testing.T) {
	code, out, stderr := runDesk(t, false, "")
	if code != 2 || out != "" || !strings.HasPrefix(stderr, "用法：") {
		t.Errorf("no arguments: exit %d, %q, %q", code, out, stderr)
	}
	dir := copySeeds(t)
	code, out, stderr = runDesk(t, false, "", dir)
	if code != 2 || !strings.Contains(stderr, "未知的子命令") || strings.Contains(out, "按回车键") {
		t.Errorf("a path: exit %d, %q, %q", code, out, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, summaryName)); err == nil {
		t.Errorf("a path from a terminal wrote %s", summaryName)
	}
}

// A drop whose workbook cannot be written says so and what to do when an
// older one is there (on Windows: open in Excel), and still waits. Here
// the old 汇总.xlsx is a folder, which no rename replaces.
func TestDropNotWritten(t *testing.T) {
	dir := copySeeds(t)
	old := filepath.Join(dir, summaryName)
	if err := os.Mkdir(old, 0o755); err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-time.Hour)
	os.Chtimes(old, past, past)
	code, out, stderr := runDesk(t, true, "", dir)
	if code != 2 || !strings.Contains(stderr, "无法写入") || !strings.Contains(out, "请关闭后再拖入一次") || !strings.HasSuffix(out, "按回车键关闭本窗口……\n") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}
