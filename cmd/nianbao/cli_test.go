package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
)

// Every subcommand answers --help, -h and `nianbao help X` with its usage
// on standard output and exit 0: asking for help is not an error.
func TestHelp(t *testing.T) {
	for _, cmd := range []string{"check", "text", "rules", "explain", "version"} {
		for _, args := range [][]string{{cmd, "--help"}, {cmd, "-h"}, {cmd, "-help"}, {"help", cmd}, {cmd, "a.txt", "--help"}} {
			code, out, stderr := runCmd(t, "", args...)
			if code != 0 || stderr != "" || !strings.HasPrefix(out, "用法：nianbao "+cmd) {
				t.Errorf("%v: exit %d, stdout %.60q, stderr %q", args, code, out, stderr)
			}
		}
	}
	_, out, _ := runCmd(t, "", "check", "--help")
	for _, opt := range []string{"--format", "--severity", "--prev"} {
		if !strings.Contains(out, opt) {
			t.Errorf("check --help does not explain %s", opt)
		}
	}
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		if code, out, _ := runCmd(t, "", args...); code != 0 || !strings.Contains(out, "nianbao check") {
			t.Errorf("%v: exit %d, %.60q", args, code, out)
		}
	}
	if code, _, stderr := runCmd(t, "", "help", "lint"); code != 2 || !strings.Contains(stderr, "没有子命令 \"lint\"") {
		t.Errorf("help lint: exit %d, %q", code, stderr)
	}
	// After "--", "-h" is a file name, not a request for help.
	if code, _, stderr := runCmd(t, "", "check", "--", "-h"); code != 2 || !strings.Contains(stderr, "-h: 文件不存在") {
		t.Errorf("check -- -h: exit %d, %q", code, stderr)
	}
}

// A wrong option is named as it was typed, with the options there are,
// and exits 2.
func TestUnknownOption(t *testing.T) {
	clean := "../../testdata/seeds/000_bcc88cd11fb35c2f.txt"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--sevrity", "error", clean}, "nianbao: 未知选项 --sevrity（可用的选项：--format、--prev、--severity）\n"},
		{[]string{"check", clean, "-sevrity=error"}, "nianbao: 未知选项 -sevrity（"},
		{[]string{"check", clean, "--format"}, "nianbao: 选项 --format 缺少取值\n"},
		{[]string{"rules", "--frmat", "json"}, "nianbao: 未知选项 --frmat（可用的选项：--format）\n"},
		{[]string{"rules", "--format", "yaml"}, "--format 只能是 text、json 或 markdown"},
		{[]string{"rules", "extra"}, "rules 不接受参数"},
		{[]string{"version", "--verbose"}, "version 不接受参数"},
	} {
		code, out, stderr := runCmd(t, "", c.args...)
		if code != 2 || out != "" || !strings.HasPrefix(stderr, "nianbao: ") || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %q", c.args, code, out, stderr, c.want)
		}
	}
}

// --severity error lists the errors, and says what it left out: never
// "警告 0，提示 0" for a report that has both.
func TestSeveritySaysWhatIsHidden(t *testing.T) {
	path := "../../testdata/seeds/004_6bca9a975aea9322.txt"
	raw, _ := os.ReadFile(path)
	all, _ := core.Check(path, raw, core.Options{})
	if all.Summary != (core.Summary{Error: 5, Warning: 1, Info: 2}) {
		t.Fatalf("the seed changed: %+v", all.Summary)
	}
	_, out, _ := runCmd(t, "", "check", "--severity", "error", path)
	// The A04 note stays: it is the cause of two of the errors, and with
	// them one problem, one 错误 (the counts count what is listed).
	if !strings.HasSuffix(out, "\n未通过：错误 4（只显示错误；另有警告 1、提示 1 未显示）\n\n") {
		t.Errorf("summary line:\n%s", out[max(0, len(out)-300):])
	}
	_, out, _ = runCmd(t, "", "check", "--severity", "warning", path)
	if !strings.HasSuffix(out, "\n未通过：错误 4，警告 1（只显示错误和警告；另有提示 1 未显示）\n\n") {
		t.Errorf("summary line:\n%s", out[max(0, len(out)-300):])
	}
	_, out, _ = runCmd(t, "", "check", "--severity", "info", path)
	if !strings.HasSuffix(out, "\n未通过：错误 4，警告 1，提示 1\n\n") {
		t.Errorf("summary line:\n%s", out[max(0, len(out)-300):])
	}
	// A report with nothing below the minimum says so.
	_, out, _ = runCmd(t, "", "check", "--severity", "info", "../../core/rules/testdata/base.txt")
	if !strings.HasSuffix(out, "通过：错误 0，警告 0，提示 0\n\n") {
		t.Errorf("clean report:\n%s", out)
	}
	_, out, _ = runCmd(t, "", "check", "--severity", "warning", "../../core/rules/testdata/base.txt")
	if !strings.HasSuffix(out, "通过：错误 0，警告 0（只显示错误和警告；没有其他问题）\n\n") {
		t.Errorf("clean report:\n%s", out)
	}
	// JSON: summary + hidden = every finding.
	_, out, _ = runCmd(t, "", "check", "--format", "json", "--severity", "error", path)
	var res core.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	r := res.Reports[0]
	if r.MinSeverity != "error" || r.Hidden == nil {
		t.Fatalf("min_severity %q, hidden %v", r.MinSeverity, r.Hidden)
	}
	if got := (core.Summary{Error: r.Summary.Error + r.Hidden.Error, Warning: r.Summary.Warning + r.Hidden.Warning, Info: r.Summary.Info + r.Hidden.Info}); got != all.Summary {
		t.Errorf("summary %+v + hidden %+v = %+v, want %+v", r.Summary, *r.Hidden, got, all.Summary)
	}
	if !strings.Contains(out, `"min_severity": "error",`) || !strings.Contains(out, `"hidden": {`) {
		t.Errorf("fields not in the JSON")
	}
	// Without a minimum the fields are absent: the contract only grows.
	_, out, _ = runCmd(t, "", "check", "--format", "json", path)
	if strings.Contains(out, "min_severity") || strings.Contains(out, "hidden") {
		t.Errorf("min_severity or hidden without --severity")
	}
}

// columns is how many terminal columns s takes, counted here on its own
// (CJK and full-width forms two, the rest one), not by render.Width.
func columns(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x2E80 && r <= 0x9FFF || r >= 0xFF01 && r <= 0xFF60 || r >= 0x3000 && r <= 0x303F {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// fieldEnds: the screen column where each space-separated field of l ends.
func fieldEnds(l string) []int {
	var ends []int
	col, in := 0, false
	for _, r := range l {
		if r == ' ' {
			if in {
				ends = append(ends, col)
			}
			in = false
		} else {
			in = true
		}
		col += columns(string(r))
	}
	if in {
		ends = append(ends, col)
	}
	return ends
}

// The summary table of a batch lines up on a terminal: each column starts
// at the same screen column on every line, Chinese verdicts included; it
// counts every finding, with --severity too, and says so.
func TestBatchTableAligned(t *testing.T) {
	for _, sev := range []string{"info", "error"} {
		_, out, _ := runCmd(t, "", "check", "--severity", sev, "../../testdata/seeds")
		i := strings.Index(out, "汇总（按错误数排序）：\n")
		if i < 0 {
			t.Fatalf("no summary table:\n%s", out)
		}
		lines := strings.Split(out[i:], "\n")[1:]
		var table []string
		for _, l := range lines {
			if strings.HasPrefix(l, "共检查") {
				break
			}
			table = append(table, l)
		}
		if len(table) != 6 {
			t.Fatalf("%d table lines, want a header and 5 reports:\n%s", len(table), strings.Join(table, "\n"))
		}
		verdicts, names := map[int]bool{}, map[int]bool{}
		kinds := map[string]bool{}
		for _, l := range table {
			f := strings.Fields(l)
			if len(f) < 5 {
				t.Fatalf("line %q", l)
			}
			kinds[f[4]] = true
			v := strings.Index(l, "  "+f[4]+" ") + 2
			n := strings.LastIndex(l, "  "+f[5]) + 2
			verdicts[columns(l[:v])] = true
			names[columns(l[:n])] = true
			// counts are right-aligned under their headers
			ends, head := fieldEnds(l), fieldEnds(table[0])
			for k := 0; k < 4; k++ {
				if ends[k] != head[k] {
					t.Errorf("%q: column %d ends at %d, its header at %d", l, k+1, ends[k], head[k])
				}
			}
		}
		if !kinds["通过"] || !kinds["未通过"] {
			t.Errorf("the seeds should give both verdicts: %v", kinds)
		}
		if len(verdicts) != 1 || len(names) != 1 {
			t.Errorf("--severity %s: columns start at different places (verdict %v, name %v):\n%s", sev, verdicts, names, strings.Join(table, "\n"))
		}
		if !strings.Contains(out, "共检查 5 份报告：2 份有错误；错误 6，警告 4，提示 6；读取提示 0\n") {
			t.Errorf("--severity %s: totals:\n%s", sev, out[i:])
		}
		if sev == "error" && !strings.HasSuffix(out, "（表中计入全部问题；上面只逐条显示了错误）\n") {
			t.Errorf("the filter is not said:\n%s", out[i:])
		}
	}
}

// rules and explain name each rule by its Chinese title, with the
// severity and when it differs.
func TestRulesAndExplainShowTitles(t *testing.T) {
	_, out, _ := runCmd(t, "", "rules")
	for _, r := range core.Rules() {
		if !strings.Contains(out, r.ID+"  ") || !strings.Contains(out, r.Title) {
			t.Errorf("nianbao rules lacks %s %s", r.ID, r.Title)
		}
	}
	for _, c := range []struct{ arg, want string }{
		{"A02", "A02 表三行合计（t3-row-total）\n级别：错误。例外：有空白格或有行未能读取、无法核对：提示\n检查：表三每一行"},
		{"s03", "S03 一级标题序号（sections-numbering）\n级别：错误。例外：2019 年度报告中为警告；"},
		{"表三最小改动", "A04 表三最小改动（t3-minimal-fix）\n级别：提示\n"},
		{"outlier-yoy", "依据：经验核对，非规定要求"},
		{"X02", "适用"}, // X rules apply to every year: no 适用 line
	} {
		code, out, _ := runCmd(t, "", "explain", c.arg)
		if c.arg == "X02" {
			if code != 0 || strings.Contains(out, c.want) {
				t.Errorf("explain X02: %q", out)
			}
			continue
		}
		if code != 0 || !strings.Contains(out, c.want) {
			t.Errorf("explain %s: %q, want %q", c.arg, out, c.want)
		}
	}
}
