//go:build unix

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Nothing from a file reaches the terminal as a control sequence, and no
// file name can forge a line: `text` escapes the text as read (an OSC 52
// clipboard write in a page), and every message escapes the names it
// gives (a newline or ESC in a file name, a symlink loop, an empty
// folder, a file that cannot be read).
func TestTerminalEscapes(t *testing.T) {
	dir := t.TempDir()
	osc := "\x1b]52;c;cHduZWQ=\x07"
	page := filepath.Join(dir, "page.html")
	write(t, page, []byte("<html><body><p>一、总体情况"+osc+"</p><p>"+strings.Repeat("本机关依法公开政府信息。", 100)+"</p></body></html>"))
	forged := filepath.Join(dir, "a\nb.txt: A01 错误 伪造的问题\x1b[2J.txt")
	write(t, forged, []byte("\x00\x01binary"))
	loop := filepath.Join(dir, "loop.txt")
	if err := os.Symlink(loop, loop); err != nil {
		t.Skip("no symlinks:", err)
	}
	empty := filepath.Join(dir, "空\x1b[31m目录")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	ctl := regexp.MustCompile("[\x00-\x08\x0b-\x1f\x7f]")
	for _, args := range [][]string{
		{"text", page},
		{"text", forged},
		{"check", forged},
		{"check", loop},
		{"text", loop},
		{"check", empty},
		{"check", dir},
	} {
		_, stdout, stderr := runCmd(t, "", args...)
		for name, out := range map[string]string{"stdout": stdout, "stderr": stderr} {
			if ctl.MatchString(out) {
				t.Errorf("%q: a control character on %s: %q", args, name, out)
			}
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, "b.txt") {
					t.Errorf("%q: a forged line on %s: %q", args, name, out)
				}
			}
		}
		if args[0] == "text" && args[1] == page && !strings.Contains(stdout, `\x1b]52`) {
			t.Errorf("text: the OSC sequence not shown escaped: %q", stdout)
		}
		if args[1] == loop && !strings.Contains(stderr, "符号链接成环") {
			t.Errorf("%q: %q", args, stderr)
		}
	}
}
