//go:build unix

package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Only regular files are read: a FIFO named *.txt, given directly, inside
// a folder or as --prev, and a device, are refused at once with a
// message, never waited on.
func TestNotRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "管道.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no mkfifo:", err)
	}
	good, _ := os.ReadFile("../../testdata/seeds/000_bcc88cd11fb35c2f.txt")
	write(t, filepath.Join(dir, "好.txt"), good)
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"check", fifo}, 2},
		{[]string{"check", dir}, 2}, // not read, said and listed; the other report is checked
		{[]string{"check", "--prev", fifo, filepath.Join(dir, "好.txt")}, 2},
		{[]string{"check", "--prev", "/dev/zero", filepath.Join(dir, "好.txt")}, 2},
		{[]string{"text", fifo}, 2},
	} {
		args := c.args
		done := make(chan struct{})
		var code int
		var stderr string
		go func() {
			code, _, stderr = runCmd(t, "", args...)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%v: hangs", args)
		}
		if code != c.code || !strings.Contains(stderr, "不是普通文件") {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
}

// Report text cannot reach the terminal as control sequences, nor a
// spreadsheet as a formula.
func TestSafeOutput(t *testing.T) {
	dir := t.TempDir()
	base, _ := os.ReadFile("../../testdata/seeds/004_6bca9a975aea9322.txt")
	evil := strings.Replace(string(base), "1.本机关不掌握相关政府信息", "1.本机关不掌握\x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x07相关政府信息", 1)
	evil = strings.Replace(evil, "（二）部分公开", "=HYPERLINK(\"http://x\",\"点击\")（二）部分公开", 1)
	path := filepath.Join(dir, "evil.txt")
	write(t, path, []byte(evil))
	_, out, _ := runCmd(t, "", "check", path)
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("control characters reached the text output")
	}
	if !strings.Contains(out, `\x1b]52;c;`) {
		t.Errorf("the escape is not shown escaped:\n%s", out)
	}
	_, out, _ = runCmd(t, "", "check", "--format", "csv", path)
	rows, err := csv.NewReader(bytes.NewReader([]byte(strings.TrimPrefix(out, "\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("a cell that is a formula: %q", c)
			}
		}
	}
	// A file named like a formula: its name is the first cell of each row.
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	write(t, "=HYPERLINK(1).txt", base)
	_, out, _ = runCmd(t, "", "check", "--format", "csv", "=HYPERLINK(1).txt")
	if !strings.Contains(out, "\n'=HYPERLINK(1).txt,") || strings.Contains(out, "\n=HYPERLINK") {
		t.Errorf("file name not neutralised:\n%.300s", out)
	}
	// Bytes with a NUL are binary, not UTF-16.
	write(t, filepath.Join(dir, "nul.txt"), []byte("abc\x00def"))
	if code, _, stderr := runCmd(t, "", "check", filepath.Join(dir, "nul.txt")); code != 2 || !strings.Contains(stderr, "二进制") {
		t.Errorf("abc\\0def: exit %d, %q", code, stderr)
	}
}
