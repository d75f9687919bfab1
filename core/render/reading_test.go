package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
)

// A reading doubt (kind "reading") is printed apart, after the report's
// problems, under 读取提示, with what to check instead of a fix; it counts
// apart and never fails the report.
func TestTextReadingApart(t *testing.T) {
	r := core.Report{Source: "a.pdf", Format: "2021", Input: &core.Input{Kind: "pdf"}, Findings: []core.Finding{
		{Rule: "S08", Severity: "warning", Kind: "report", Message: "缺少考核", Fix: "补写", Basis: "条例"},
		{Rule: "T03", Severity: "warning", Kind: "reading", Message: "表三“（一）予以公开”行只读到 2 个数", Line: 40, Col: 1,
			Where: &core.Where{Page: 3}, Table: "applications", Row: "disclosed", Basis: "表三"},
	}, Summary: core.Summary{Warning: 2}}
	var b bytes.Buffer
	Text(&b, r, false)
	out := b.String()
	i, j, k := strings.Index(out, "S08"), strings.Index(out, "读取提示（1 处"), strings.Index(out, "T03")
	if i < 0 || j < i || k < j {
		t.Fatalf("the reading doubt is not apart after the report's problems:\n%s", out)
	}
	if !strings.Contains(out[k:], "核对：请打开 PDF 原件第 3 页核对此处") || strings.Contains(out[k:], "修改：") {
		t.Errorf("the doubt does not say what to check:\n%s", out)
	}
	if !strings.HasSuffix(out, "通过：错误 0，警告 1，提示 0；读取提示 1\n\n") {
		t.Errorf("verdict and counts:\n%s", out)
	}
	var s bytes.Buffer
	Summary(&s, []Line{LineOf(r), {Source: "旧.doc", NotChecked: "旧版 Word 文档（.doc），请另存为 .docx"}})
	sum := s.String()
	if !strings.Contains(sum, "读取提示") || !strings.Contains(sum, "未检查  旧.doc：旧版 Word 文档") || !strings.Contains(sum, "共检查 1 份报告：0 份有错误；错误 0，警告 1，提示 0；读取提示 1\n") {
		t.Errorf("summary:\n%s", sum)
	}
}
