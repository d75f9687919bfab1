package core_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/input"
)

// FuzzCheck: whatever the bytes, Check does not panic, every finding's
// place is inside the input, and the JSON is what encoding/json would write.
// Run briefly in CI: go test ./core -run '^$' -fuzz FuzzCheck -fuzztime 20s -fuzzminimizetime 0
// (minimizing every new 10 KB corpus entry would take most of the time).
func FuzzCheck(f *testing.F) {
	for _, glob := range []string{"../testdata/seeds/*.txt", "../testdata/real/*.txt", "rules/testdata/*.txt"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("一、本年新收政府信息公开申请数量230000023"))
	f.Add([]byte("| 1 | 0 |  |\n|---|---|---|\n四、结转下年度继续办理\t/\t—"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		rep, ierr := core.Check("fuzz", raw, core.Options{})
		if ierr != nil {
			if ierr.Message == "" || ierr.Code == "" {
				t.Fatalf("input error without a message: %+v", ierr)
			}
			return
		}
		doc, _ := core.Read("fuzz", raw, input.Env{})
		text := doc.Text
		lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n")
		inside := func(what string, line, col int) {
			if line == 0 && col == 0 {
				return
			}
			if line < 1 || line > len(lines) || col < 1 || col > utf8.RuneCountInString(lines[line-1])+1 {
				t.Fatalf("%s at %d:%d is outside the input (%d lines)", what, line, col, len(lines))
			}
		}
		for _, fd := range rep.Findings {
			inside(fd.Rule, fd.Line, fd.Col)
			if fd.Message == "" || fd.Basis == "" {
				t.Fatalf("%s without message or basis", fd.Rule)
			}
		}
		for tid, tab := range rep.Tables {
			for row, cells := range tab.Map() {
				for col, c := range cells {
					inside(tid+"/"+row+"/"+col, c.Line, c.Col)
				}
			}
		}
		if res := core.NewResult(rep); !bytes.Equal(res.JSON(), stdJSON(t, res)) {
			t.Fatal("hand-written JSON differs from encoding/json")
		}
	})
}
