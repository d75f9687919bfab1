package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
)

func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb, func(string) string { return "" })
	return code, out.String(), errb.String()
}

func TestCheckJSONIsTheContract(t *testing.T) {
	path := "../../testdata/seeds/004_6bca9a975aea9322.txt"
	code, out, stderr := runCmd(t, "", "check", "--format", "json", path)
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	raw, _ := os.ReadFile(path)
	rep, _ := core.Check(path, raw, core.Options{})
	if want := string(core.NewResult(rep).JSON()); out != want {
		t.Errorf("CLI JSON differs from core.Result.JSON()")
	}
	var res struct {
		Checker struct{ Name, Version string }
		Reports []struct {
			Source   string
			Format   string
			Year     *int
			Findings []struct {
				Rule, Severity, Table, Row, Column, Expected, Actual, Fix string
				Line, Col                                                 int
			}
			Summary struct{ Error, Warning, Info int }
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	r := res.Reports[0]
	if res.Checker.Name != "nianbao" || r.Source != path || r.Format != "2021" || r.Year == nil || *r.Year != 2024 {
		t.Errorf("header: %+v %+v", res.Checker, r)
	}
	var a02 bool
	for _, f := range r.Findings {
		if f.Rule == "A02" && f.Table == "applications" && f.Row == "unable_1" && f.Column == "c_total" && f.Expected == "3" && f.Actual == "0" && f.Line == 218 {
			a02 = true
		}
	}
	if !a02 {
		t.Errorf("A02 on 表三 （四）1 总计 missing: %+v", r.Findings)
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	clean := "../../testdata/seeds/000_bcc88cd11fb35c2f.txt"
	bad := "../../testdata/seeds/004_6bca9a975aea9322.txt"
	cases := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stderr string
	}{
		{"clean", []string{"check", clean}, "", 0, ""},
		{"errors", []string{"check", bad}, "", 1, ""},
		{"stdin", []string{"check", "-"}, mustRead(t, bad), 1, ""},
		{"flags after files", []string{"check", clean, "--format", "json"}, "", 0, ""},
		{"severity", []string{"check", "--severity", "error", clean}, "", 0, ""},
		{"missing file", []string{"check", filepath.Join(dir, "none.txt")}, "", 2, "文件不存在"},
		{"empty", []string{"check", write("empty.txt", nil)}, "", 2, "输入为空"},
		{"binary", []string{"check", write("a.pdf", []byte("%PDF-1.4\x00\x01"))}, "", 2, "PDF"},
		{"gbk is read", []string{"check", write("gbk.txt", []byte{0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xcc, 0xe5})}, "", 1, ""},
		{"no encoding", []string{"check", write("bad.txt", []byte("\x80\x80\xff\xff\x80"))}, "", 2, "无法识别"},
		{"legacy doc", []string{"check", write("a.doc", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 64)...))}, "", 2, "另存为”.docx"},
		{"too large", []string{"check", write("big.txt", bytes.Repeat([]byte("a"), core.MaxInputBytes+10))}, "", 2, "过大"},
		{"bad format", []string{"check", "--format", "xml", clean}, "", 2, "--format"},
		{"bad severity", []string{"check", "--severity", "fatal", clean}, "", 2, "--severity"},
		{"unknown flag", []string{"check", "--frmat", "json", clean}, "", 2, "未知选项 --frmat"},
		{"no files", []string{"check"}, "", 2, "请给出"},
		{"unknown command", []string{"lint"}, "", 2, "未知的子命令"},
		{"no command", nil, "", 2, "用法"},
		{"mixed: worst wins", []string{"check", clean, filepath.Join(dir, "none.txt"), bad}, "", 2, "文件不存在"},
		{"explain", []string{"explain", "A02"}, "", 0, ""},
		{"explain unknown", []string{"explain", "Z99"}, "", 2, "没有规则"},
		{"rules", []string{"rules", "--format", "json"}, "", 0, ""},
		{"version", []string{"version"}, "", 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, c.stdin, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, c.code, stderr)
			}
			if c.stderr != "" && !strings.Contains(stderr, c.stderr) {
				t.Errorf("stderr %q does not say %q", stderr, c.stderr)
			}
			if c.code == 2 && !strings.HasPrefix(stderr, "nianbao: ") && c.name != "no command" {
				t.Errorf("stderr should start with \"nianbao: \": %q", stderr)
			}
		})
	}
}

func mustRead(t *testing.T, p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A folder is checked recursively (.txt and .md), one summary at the end.
func TestDirectoryAndText(t *testing.T) {
	// Exit 2: two PDFs there cannot be read (one scanned, one with a
	// password); they are named, and every other report is checked.
	// The copies of 洪泽区's 2024 report are each paired with its 2023
	// report (pairs.go); those lines aside, stderr names the skipped files
	// and the two PDFs.
	code, out, stderr := runCmd(t, "", "check", "../../testdata")
	paired := regexp.MustCompile(`(?m)^nianbao: 跨年度比对：洪泽区人民政府 2023（[^）]*）↔ 淮安市洪泽区人民政府 2024（[^）]*）\n`)
	if n := len(paired.FindAllString(stderr, -1)); n != 21 {
		t.Errorf("%d pairs, want the 21 copies of the 2024 report: %q", n, stderr)
	}
	stderr = paired.ReplaceAllString(stderr, "")
	// The PDF engine's first start, when nothing is compiled yet, is said once.
	engine := regexp.MustCompile(`(?m)^nianbao: 首次读取 PDF，正在准备 PDF 引擎（约 \d+ 秒，只需一次）\n`)
	if n := len(engine.FindAllString(stderr, -1)); n > 1 {
		t.Errorf("the engine's start said %d times", n)
	}
	stderr = engine.ReplaceAllString(stderr, "")
	if code != 2 || !strings.HasPrefix(stderr, "nianbao: ../../testdata: 已跳过 ") || strings.Count(stderr, "\n") != 3 ||
		!strings.Contains(stderr, "scanned.pdf: PDF 中没有文字") || !strings.Contains(stderr, "encrypted.pdf: PDF 文件无法读取：文件有密码保护") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		// One wrong cell, one card: the cause, then what it breaks, then
		// one fix (never "将（七）总计改为 0").
		"../../testdata/seeds/004_6bca9a975aea9322.txt:218:3: A04 错误 只需改一格即可使表三全部勾稽关系成立：表三“（四）1.本机关不掌握相关政府信息”行“总计”列应为 3，现为 0\n" +
			"    期望：3    实际：0\n" +
			"    由此导致：\n" +
			"      ../../testdata/seeds/004_6bca9a975aea9322.txt:218:3: A02 错误 表三“（四）1.本机关不掌握相关政府信息”行：总计应为各申请人列之和 3，实为 0\n" +
			"      ../../testdata/seeds/004_6bca9a975aea9322.txt:338:3: A03 错误 表三“（七）总计”行“总计”列：应为各项办理结果之和 0，实为 3\n" +
			"    修改：将表三“（四）1.本机关不掌握相关政府信息”行的总计改为 3\n",
		"共检查 57 份报告", // seeds, real copies, layout variants, the .docx/.html/.pdf files and the published PDFs
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q", want)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour codes in piped output")
	}
}

func TestCSV(t *testing.T) {
	code, out, _ := runCmd(t, "", "check", "--format", "csv", "../../testdata/seeds/004_6bca9a975aea9322.txt")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	// A workbook for people: Chinese headers, the rule's Chinese name, the
	// table's row and column as printed in the report, not their ids.
	if !strings.HasPrefix(out, "\ufeff文件,行号,列号,原文件中的位置,规则,名称,级别,类别,表,表中的行,表中的列,期望,实际,问题,修改建议,依据\n") {
		t.Errorf("header: %q", out[:80])
	}
	if !strings.Contains(out, "\n../../testdata/seeds/004_6bca9a975aea9322.txt,218,3,原文第 218 行,A02,表三行合计,错误,报告问题,表三,（四）1.本机关不掌握相关政府信息,总计,3,0,") {
		t.Errorf("A02 line missing:\n%s", out)
	}
	// A Word document's places are the unit's own: table, row and cell.
	if _, docx, _ := runCmd(t, "", "check", "--format", "csv", "../../testdata/files/004_6bca9a975aea9322.docx"); !strings.Contains(docx, ",Word 文档表格 2 第 16 行第 10 格,A02,表三行合计,错误,报告问题,") {
		t.Errorf("the docx's A02 line lacks its Word place:\n%s", docx)
	}
	// X01: the table's identities hold with 本年新收 3, so the table is
	// confirmed: 期望 is the table's 3, 实际 the text's 0, and the fix is
	// to the text (never a table value A04 contradicts).
	if !strings.Contains(out, ",X01,正文称未收到申请,错误,报告问题,表三,一、本年新收政府信息公开申请数量,总计,3,0,") {
		t.Errorf("X01 line missing:\n%s", out)
	}
}
