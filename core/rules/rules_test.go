package rules_test

import (
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/rules"
)

// The rule set itself is well formed (ids, names, docs, bases, Run).
func TestValidate(t *testing.T) {
	if err := rules.Validate(rules.All); err != nil {
		t.Fatal(err)
	}
	// Every id of format-spec.md §6 is here.
	want := strings.Fields(`D01 D02 D03 D04 D05 D06 S01 S02 S03 S04 S05 S06 S07 S08 S09 S10 S11 S12 S13
		T01 T02 T03 T04 T05 T06 T07 T08 A01 A02 A03 A04 A05 A06 A07 A08 A09 A10
		X01 X02 X03 X04 X05 X06 X07 X08 X09 X10 X11 X12 X13 C01 C02 C03 C04 C05 P01 P02 P03`)
	for _, id := range want {
		if rules.ByID(id) == nil {
			t.Errorf("rule %s missing", id)
		}
	}
	if len(rules.All) != len(want) {
		t.Errorf("%d rules, want %d", len(rules.All), len(want))
	}
}

// base.txt is a complete, correct 2024 report of a district department:
// every table balances and every sentence agrees with the tables. Each
// case below breaks one thing, and its rule must fire there and not on
// the base.
func loadBase(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/base.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type edit struct{ old, new string }

func apply(t *testing.T, s string, edits []edit) string {
	t.Helper()
	for _, e := range edits {
		if !strings.Contains(s, e.old) {
			t.Fatalf("edit: %q not in input", e.old)
		}
		s = strings.Replace(s, e.old, e.new, 1)
	}
	return s
}

func TestRulesOnePositiveOneNegative(t *testing.T) {
	base := loadBase(t)
	clean := core.CheckText("base.txt", base, core.Options{})
	if len(clean.Findings) != 0 {
		for _, f := range clean.Findings {
			t.Errorf("base: unexpected %s %s line %d: %s", f.Rule, f.Severity, f.Line, f.Message)
		}
	}
	t3row := func(label, vals string) string { return label + "\t" + strings.ReplaceAll(vals, " ", "\t") }
	cases := []struct {
		rule     string
		severity string
		edits    []edit
		line     int    // expected line of the finding, 0: do not check
		contains string // in the message
	}{
		{"D01", "error", []edit{{"本年制发件数", "本年新制作数量"}}, 20, "旧版格式"},
		{"D02", "warning", []edit{{"2024年政府信息公开工作年度报告", "政府信息公开工作年度报告"}}, 4, "统计期限"},
		{"D03", "error", []edit{{"至2024年12月31日", "至2024年11月30日"}}, 4, "12月31日"},
		{"D04", "warning", []edit{{"2025年1月20日", "2027年1月20日"}}, 74, "落款"},
		{"D05", "warning", []edit{{"2025年1月20日", "2025年2月20日"}}, 74, "1月31日"},
		{"D06", "warning", []edit{{"2025年1月20日", "2024年12月20日"}}, 74, "不晚于"},
		{"S01", "error", []edit{{"五、存在的主要问题及改进情况\n", ""}}, 0, "第五部分"},
		{"S02", "error", []edit{{"五、存在的主要问题及改进情况", "六、其他需要报告的事项"}, {"六、其他需要报告的事项\n本年度", "五、存在的主要问题及改进情况\n本年度"}}, 0, "顺序"},
		{"S03", "error", []edit{{"四、政府信息公开行政复议", "五、政府信息公开行政复议"}}, 62, "第四部分"},
		{"S04", "warning", []edit{{"\n某某市某某区交通运输局\n2025", "\n七、其他工作\n做好宣传。\n某某市某某区交通运输局\n2025"}}, 73, "七、其他工作"},
		{"S05", "warning", []edit{{"（三）政府信息管理", "（二）政府信息管理"}}, 11, "重复"},
		{"S06", "warning", []edit{{"等六部分", "等五部分"}}, 4, "五部分"},
		{"S07", "warning", []edit{{"某某市某某区交通运输局\n2024年政府信息公开工作年度报告\n", ""}}, 0, "标题"},
		{"S08", "warning", []edit{{"（五）监督保障\n将政务公开纳入年度考核，全年未发生因政府信息公开工作被责任追究的情况。", "（五）其他\n"}}, 5, "监督保障"},
		{"S09", "warning", []edit{{"（一）上年度问题改进情况。上年度存在政策解读形式单一的问题，本年度制作图解和视频解读，问题已整改。\n（二）本年度存在的问题及改进举措。依申请公开答复的规范性仍需提高。下一步将加强业务培训，完善答复文书模板。", "无。"}}, 67, "过于简单"},
		{"S10", "warning", []edit{{"本年度发出收费通知的件数和总金额以及实际收取的总金额均为0。", "本年度无其他需要报告的事项。"}}, 70, "处理费"},
		{"S11", "info", []edit{{"某某市某某区交通运输局\n2024", "某某市某某区人民政府\n2024"}}, 70, "要点"},
		{"S12", "warning", []edit{{"（一）上年度问题改进情况。上年度存在政策解读形式单一的问题，本年度制作图解和视频解读，问题已整改。\n（二）本年度存在的问题及改进举措。依申请公开答复的规范性仍需提高。下一步将加强业务培训，完善答复文书模板。\n", ""}}, 67, "没有内容"},
		{"T01", "error", []edit{{"行政复议\t\t\t\t\t行政诉讼\n", ""}, {"结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n", ""}, {"\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n", ""}, {"1\t0\t1\t0\t2\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0\n", ""}}, 62, "表四"},
		{"T02", "error", []edit{{"行政强制\t3\n", ""}}, 0, "行政强制"},
		{"T03", "error", []edit{{t3row("\t\t2.重复申请", "0 0 0 0 0 0 0"), t3row("\t\t2.重复申请", "0 0 0 0 0 0")}}, 0, "6 个数"},
		{"T04", "error", []edit{{"1\t0\t1\t0\t2\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0", "1\t0\t1\t0\t2\t0\t0\t0\t1\t1\t0\t0\t0\t0"}}, 66, "14 个数"},
		{"T05", "warning", []edit{{t3row("\t\t2.重复申请", "0 0 0 0 0 0 0"), t3row("\t\t2.重复申请", "0 0 / 0 0 0 0")}}, 0, "空白不等于0"},
		{"T06", "error", []edit{{"行政处罚\t35", "行政处罚\t3.5"}}, 0, "非负整数"},
		{"T07", "error", []edit{{"行政事业性收费\t1.25", "行政事业性收费\t-1.25"}}, 0, "负数"},
		{"T08", "info", []edit{{"2.其他法律行政法规禁止公开", "2.其他法律行政止公开"}}, 0, "不一致"},
		{"T08", "info", []edit{{"\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t", "\t（二）部分公开\t"}}, 40, "缺少规定的说明"},
		{"A01", "error", []edit{{t3row("四、结转下年度继续办理", "1 0 0 0 0 0 1"), t3row("四、结转下年度继续办理", "1 0 0 0 0 0 2")}}, 0, "不平"},
		{"A02", "error", []edit{{t3row("\t（四）无法提供\t1.本机关不掌握相关政府信息", "2 1 0 0 0 0 3"), t3row("\t（四）无法提供\t1.本机关不掌握相关政府信息", "2 1 0 0 0 0 0")}}, 0, "总计应为各申请人列之和 3，实为 0"},
		{"A03", "error", []edit{{t3row("\t（七）总计", "10 2 0 0 1 0 13"), t3row("\t（七）总计", "10 2 0 0 1 0 12")}}, 0, "应为各项办理结果之和 13"},
		{"A04", "info", []edit{{t3row("\t（四）无法提供\t1.本机关不掌握相关政府信息", "2 1 0 0 0 0 3"), t3row("\t（四）无法提供\t1.本机关不掌握相关政府信息", "2 1 0 0 0 0 0")}}, 0, "应为 3"},
		{"A05", "error", []edit{{t3row("\t（三）不予公开\t1.属于国家秘密", "0 0 0 0 0 0 0"), t3row("\t（三）不予公开", "2 0 0 0 0 0 2") + "\n" + t3row("\t\t1.属于国家秘密", "0 0 0 0 0 0 0")}}, 0, "小计"},
		{"A06", "error", []edit{{"1\t0\t1\t0\t2\t0", "1\t0\t1\t0\t3\t0"}}, 66, "行政复议"},
		{"A07", "error", []edit{{"0\t0\t0\t1\t1\t0\t0\t0\t0\t0", "0\t0\t0\t1\t2\t0\t0\t0\t0\t0"}}, 66, "直接起诉"},
		{"A08", "error", []edit{{"0\t0\t0\t1\t1\t0\t0\t0\t0\t0", "0\t0\t0\t1\t1\t0\t1\t0\t0\t0"}}, 66, "复议后起诉"},
		{"A09", "warning", []edit{{"行政规范性文件\t2\t1\t10", "行政规范性文件\t2\t1\t0"}}, 0, "现行有效件数却为 0"},
		{"A10", "warning", []edit{{"2024年政府信息公开", "2020年政府信息公开"}, {"本年制发件数\t本年废止件数\t现行有效件数", "本年新制作数量\t本年新公开数量\t对外公开总数量"}, {"行政规范性文件\t2\t1\t10", "规范性文件\t2\t5\t3"}}, 0, "对外公开总数量"},
		{"X01", "error", []edit{{"本年度收到政府信息公开申请13件，上年结转1件，", "本年度未收到政府信息公开申请，上年结转1件，"}}, 10, "未收到"},
		{"X02", "error", []edit{{"收到政府信息公开申请13件", "收到政府信息公开申请12件"}}, 10, "12 件"},
		{"X02", "error", []edit{{"收到政府信息公开申请13件", "收到申请人提出的政府信息公开申请12件"}}, 10, "12 件"},
		{"X03", "warning", []edit{{"办结13件", "办结12件"}}, 10, "办结"},
		{"X04", "error", []edit{{"结转下年度继续办理1件", "结转下年度继续办理2件"}}, 10, "结转下年度"},
		{"X05", "warning", []edit{{"予以公开6件", "予以公开7件"}}, 10, "予以公开"},
		{"X06", "error", []edit{{"全年发生政府信息公开行政复议2件，行政诉讼1件。", "全年未发生政府信息公开行政复议和行政诉讼。"}}, 16, "行政复议"},
		{"X07", "warning", []edit{{"行政复议2件", "行政复议3件"}}, 16, "行政复议"},
		{"X08", "error", []edit{{"其他信息20条", "其他信息30条"}}, 18, "分项之和大于总数"},
		{"X09", "warning", []edit{{"全年共主动公开政府信息50条", "全年共主动公开政府信息51条"}, {"其他信息20条", "其他信息21条"}}, 18, "前后不一"},
		{"X10", "warning", []edit{{"印发行政规范性文件2件", "印发行政规范性文件3件"}}, 8, "规范性文件"},
		{"X11", "error", []edit{{t3row("\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "0 0 0 0 0 0 0"), t3row("\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "1 0 0 0 0 0 1")}}, 71, "收费通知"},
		{"X12", "warning", []edit{{"行政事业性收费\t1.25", "行政事业性收费\t12500"}, {"全年印发行政规范性文件2件。", "全年印发行政规范性文件2件，行政事业性收费12500元。"}}, 8, "万元"},
		{"X13", "warning", []edit{
			{t3row("一、本年新收政府信息公开申请数量", "10 2 0 0 1 0 13"), t3row("一、本年新收政府信息公开申请数量", "0 0 0 0 0 0 0")},
			{t3row("二、上年结转政府信息公开申请数量", "1 0 0 0 0 0 1"), t3row("二、上年结转政府信息公开申请数量", "0 0 0 0 0 0 0")},
			{t3row("三、本年度办理结果\t（一）予以公开", "5 1 0 0 0 0 6"), t3row("三、本年度办理结果\t（一）予以公开", "0 0 0 0 0 0 0")},
			{t3row("\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1 0 0 0 0 0 1"), t3row("\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "0 0 0 0 0 0 0")},
			{t3row("\t\t4.保护第三方合法权益", "1 0 0 0 0 0 1"), t3row("\t\t4.保护第三方合法权益", "0 0 0 0 0 0 0")},
			{t3row("\t（四）无法提供\t1.本机关不掌握相关政府信息", "2 1 0 0 0 0 3"), t3row("\t（四）无法提供\t1.本机关不掌握相关政府信息", "0 0 0 0 0 0 0")},
			{t3row("\t（五）不予处理\t1.信访举报投诉类申请", "1 0 0 0 0 0 1"), t3row("\t（五）不予处理\t1.信访举报投诉类申请", "0 0 0 0 0 0 0")},
			{t3row("行政机关不再处理其政府信息公开申请", "0 0 0 0 1 0 1"), t3row("行政机关不再处理其政府信息公开申请", "0 0 0 0 0 0 0")},
			{t3row("\t（七）总计", "10 2 0 0 1 0 13"), t3row("\t（七）总计", "0 0 0 0 0 0 0")},
			{t3row("四、结转下年度继续办理", "1 0 0 0 0 0 1"), t3row("四、结转下年度继续办理", "0 0 0 0 0 0 0")},
		}, 10, "全部为0"},
		{"P01", "info", []edit{{"规章\t0\t0\t0", "规章\t1\t0\t1"}}, 0, "规章"},
		{"P03", "info", []edit{{"部分公开1件", "部分公开9件"}}, 10, "重复计入"},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			text := apply(t, base, c.edits)
			rep := core.CheckText("case.txt", text, core.Options{})
			var got []core.Finding
			for _, f := range rep.Findings {
				if f.Rule == c.rule {
					got = append(got, f)
				}
			}
			if len(got) == 0 {
				t.Fatalf("%s did not fire; findings: %v", c.rule, summarize(rep.Findings))
			}
			ok := false
			for _, f := range got {
				if f.Severity == c.severity && strings.Contains(f.Message, c.contains) && (c.line == 0 || f.Line == c.line) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s fired but not as expected (severity %s, line %d, %q): %v", c.rule, c.severity, c.line, c.contains, summarize(got))
			}
		})
	}
}

// P02 compares with last year's report: base.txt moved back one year,
// with ten times the 行政许可.
func TestP02YearOnYear(t *testing.T) {
	base := loadBase(t)
	prev := strings.NewReplacer("2024年", "2023年", "2025年", "2024年").Replace(base)
	prev = strings.Replace(prev, "行政许可\t120", "行政许可\t1200", 1)
	rep := core.CheckText("case.txt", base, core.Options{Previous: prev})
	n := 0
	for _, f := range rep.Findings {
		if f.Rule == "P02" {
			n++
			if !strings.Contains(f.Message, "行政许可") {
				t.Errorf("P02: %s", f.Message)
			}
		}
	}
	if n != 1 {
		t.Errorf("P02 fired %d times, want 1: %v", n, summarize(rep.Findings))
	}
	// The same year's report given as last year's: one note, nothing
	// compared.
	rep = core.CheckText("case.txt", base, core.Options{Previous: base})
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "C01" || rep.Findings[0].Severity != "info" {
		t.Errorf("same report as last year: %v", summarize(rep.Findings))
	}
}

// 2019 reports: structure and table errors become warnings (60号 was 试行).
func TestYear2019Downgrade(t *testing.T) {
	base := loadBase(t)
	text := strings.NewReplacer("2024年", "2019年", "2025年1月20日", "2020年1月20日", "四、政府信息公开行政复议", "五、政府信息公开行政复议").Replace(base)
	rep := core.CheckText("case.txt", text, core.Options{})
	found := false
	for _, f := range rep.Findings {
		if f.Rule == "S03" {
			found = true
			if f.Severity != "warning" {
				t.Errorf("S03 in a 2019 report: %s, want warning", f.Severity)
			}
		}
	}
	if !found {
		t.Errorf("S03 missing: %v", summarize(rep.Findings))
	}
}

func summarize(fs []core.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+"/"+f.Severity+"@"+itoa(f.Line)+" "+f.Message)
	}
	return out
}

func itoa(n int) string {
	s := ""
	if n == 0 {
		return "0"
	}
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

// base-2020.txt is the same report as base.txt in the 2019 (60号) format:
// 表二 with 本年新制作数量…, signed 本年增/减, 第二十条第（九）项, and a single
// （六）其他处理 row. It is read as format 2019 and is clean.
func TestFormat2019Report(t *testing.T) {
	b, err := os.ReadFile("testdata/base-2020.txt")
	if err != nil {
		t.Fatal(err)
	}
	rep := core.CheckText("base-2020.txt", string(b), core.Options{})
	if rep.Format != "2019" || rep.Year == nil || *rep.Year != 2020 {
		t.Errorf("format %s year %v", rep.Format, rep.Year)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("findings on a clean 2020 report: %v", summarize(rep.Findings))
	}
	active := rep.Tables["active"].Map()
	if v := active["license"]["change"].Value; v == nil || *v != -2 {
		t.Errorf("本年增/减: %+v", active["license"]["change"])
	}
	if v := active["procurement"]["amount"].Value; v == nil || *v != 251000 {
		t.Errorf("采购总金额: %+v", active["procurement"]["amount"])
	}
	if _, ok := rep.Tables["applications"].Map()["other"]; !ok {
		t.Error("single （六）其他处理 row not read")
	}
	// The same 2019 tables in a 2023 report: D01 error.
	rep = core.CheckText("x", strings.NewReplacer("2020年", "2023年", "2021年1月20日", "2024年1月20日").Replace(string(b)), core.Options{})
	d01 := 0
	for _, f := range rep.Findings {
		if f.Rule == "D01" && f.Severity == "error" {
			d01++
		}
	}
	if d01 != 1 {
		t.Errorf("D01 in a 2023 report with 2019 tables: %v", summarize(rep.Findings))
	}
}
