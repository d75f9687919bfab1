package rules_test

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
)

// A section title with a character too many, too few or changed is a
// typo: one warning naming the characters, and the section and its table
// read as usual (no 缺少第四部分, no 未找到表四).
func TestHeadingTypo(t *testing.T) {
	base := loadBase(t)
	cases := []struct {
		name  string
		edits []edit
		line  int
		diff  string
	}{
		{"extra 法", []edit{{"四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政法复议、行政诉讼情况"}}, 62, "不同：多了“法”"},
		{"changed 理", []edit{{"三、收到和处理政府信息公开申请情况", "三、收到和处里政府信息公开申请情况"}}, 33, "不同：“理”写成了“里”"},
		{"dropped 信", []edit{{"二、主动公开政府信息情况", "二、主动公开政府息情况"}}, 17, "不同：少了“信”"},
		// The numeral is wrong too: its place between 三 and 五 says it is 四.
		{"place", []edit{{"四、政府信息公开行政复议、行政诉讼情况", "六、政府信息公开行政法复议、行政诉讼情况"}}, 62, "多了“法”"},
	}
	for _, c := range cases {
		r := core.CheckText("x", apply(t, base, c.edits), core.Options{})
		var typo []core.Finding
		for _, f := range r.Findings {
			switch {
			case f.Rule == "S03" && strings.Contains(f.Message, c.diff):
				typo = append(typo, f)
			case f.Rule == "S01" || f.Rule == "T01" || f.Rule == "S04" || f.Rule == "S12":
				t.Errorf("%s: %s %s", c.name, f.Rule, f.Message)
			case strings.HasPrefix(f.Rule, "A") || strings.HasPrefix(f.Rule, "X"):
				t.Errorf("%s: the section's table not read as usual: %s %s", c.name, f.Rule, f.Message)
			}
		}
		if len(typo) != 1 || typo[0].Severity != "warning" || typo[0].Line != c.line {
			t.Errorf("%s: typo findings %+v", c.name, typo)
		}
	}
	// Not a typo: the report has the exact section too, or the numeral
	// and the place both disagree.
	r := core.CheckText("x", apply(t, base, []edit{{"五、存在的主要问题及改进情况", "五、政府信息公开行政法复议、行政诉讼情况\n六、存在的主要问题及改进情况"}}), core.Options{})
	for _, f := range r.Findings {
		if f.Rule == "S03" && strings.Contains(f.Message, "多了“法”") {
			t.Errorf("taken for section 四 although 四 is there: %s", f.Message)
		}
	}
	r = core.CheckText("x", apply(t, base, []edit{{"二、主动公开政府信息情况\n", ""}, {"2025年1月20日", "2025年1月20日\n七、主动公开政府息情况\n本年度主动公开信息。"}}), core.Options{})
	for _, f := range r.Findings {
		if f.Rule == "S03" && strings.Contains(f.Message, "少了“信”") {
			t.Errorf("taken for section 二 although neither numeral nor place agree: %s", f.Message)
		}
	}
}

// A title matched by its keys but worded a little differently is a note
// that says which characters differ.
func TestVariantTitleNamesCharacters(t *testing.T) {
	r := core.CheckText("x", apply(t, loadBase(t), []edit{{"五、存在的主要问题及改进情况", "五、存在主要问题及改进情况"}}), core.Options{})
	found := false
	for _, f := range r.Findings {
		if f.Rule == "S03" {
			found = true
			if f.Severity != "info" || !strings.HasSuffix(f.Message, "不同：少了“的”") {
				t.Errorf("%s %s", f.Severity, f.Message)
			}
		}
	}
	if !found {
		t.Error("no S03")
	}
}
