package review

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// 复制问题清单 gives sentences to paste into OA or WeChat: the verdict
// and counts as the list has them, numbered items in words, no
// "file:line:col: A04" and no tool words.
func TestClerkText(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/seeds/004_*.txt")
	r := check(t, files[0])
	got := ClerkText(r)
	t.Log(got)
	if !strings.HasPrefix(got, "区机关事务管理服务中心2024年度政府信息公开工作年度报告检查结果：未通过（错误 4 处，警告 1 处，提示 1 处）。\n") {
		t.Errorf("heading:\n%s", got)
	}
	items := regexp.MustCompile(`(?m)^\d+\.【(错误|警告|提示)】`).FindAllStringSubmatch(got, -1)
	errs := 0
	for _, m := range items {
		if m[1] == "错误" {
			errs++
		}
	}
	if len(items) != 6 || errs != 4 {
		t.Errorf("%d items, %d errors; want 6 and 4 (as the counts say)", len(items), errs)
	}
	for _, bad := range []string{".txt:", "nianbao", "pdftotext", "A04 ", "A02 ", "<粘贴>"} {
		if strings.Contains(got, bad) {
			t.Errorf("contains %q", bad)
		}
	}
	if !strings.Contains(got, "【错误】只需改一格即可使表三全部勾稽关系成立") || !strings.Contains(got, "修改：将表三“（四）1.本机关不掌握相关政府信息”行的总计改为 3") {
		t.Errorf("the A04 card is not an error with its fix:\n%s", got)
	}
	// A reading doubt is apart, after the items, with what to look at.
	r2 := withReading(r)
	got2 := ClerkText(r2)
	i := strings.Index(got2, "读取提示 1 处")
	if i < 0 || strings.Index(got2, "只读到 2 个数") < i || !strings.Contains(got2[i:], "核对：") {
		t.Errorf("reading doubt:\n%s", got2)
	}
	if !strings.HasPrefix(got2, "区机关事务管理服务中心2024年度政府信息公开工作年度报告检查结果：未通过（错误 4 处，警告 1 处，提示 1 处）。\n") {
		t.Errorf("a reading doubt changed the counts:\n%s", got2)
	}
}

// TestTrimRuleHead: the hand check drops what the pattern
// ^[A-Z]\d\d (错误|警告|提示)： matched, and nothing else.
func TestTrimRuleHead(t *testing.T) {
	ruleHead := regexp.MustCompile(`^[A-Z]\d\d (错误|警告|提示)：`)
	for _, s := range []string{"", "A02 错误：表三…", "T05 警告：空白", "S13 提示：x", "A02 错误:x", "a02 错误：x",
		"A2 错误：x", "A02错误：x", "A02 注意：x", "A0２ 错误：x", "Z99 提示：", "A02 错误：A03 错误：x", "错误：x"} {
		if got, want := trimRuleHead(s), ruleHead.ReplaceAllString(s, ""); got != want {
			t.Errorf("trimRuleHead(%q) = %q, the pattern gives %q", s, got, want)
		}
	}
}
