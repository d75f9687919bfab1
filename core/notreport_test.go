package core_test

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/internal/testfiles"
)

// Files that are no report get one finding that says so, and nothing
// else: no 缺少第一部分…第六部分, no 未找到表二…表四.
func TestNotAReport(t *testing.T) {
	for name, text := range map[string]string{
		"README": "# 年报材料说明\n\n本文件夹存放各单位 2024 年度政府信息公开工作年度报告，请按单位名称命名文件。\n\n- 报告请用 .docx 格式\n- 有问题请联系办公室\n",
		"notice": "关于召开全区政务公开工作推进会的通知\n各街道办事处、区直各单位：\n经研究，定于2025年1月10日召开全区政务公开工作推进会。现将有关事项通知如下：\n一、会议时间\n2025年1月10日上午9:00\n二、会议地点\n区政府三楼会议室\n三、参会人员\n各单位分管负责同志。\n\n区政府办公室\n2025年1月6日\n",
		// A notice about the reports that lists the six parts they must have.
		"report notice": "关于做好2024年度政府信息公开工作年度报告编制发布工作的通知\n各单位：\n请按以下六部分编写：\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n",
		"budget":        "2025年部门预算公开表\n收支总表\n单位：万元\n项目\t预算数\n一、一般公共预算拨款收入\t1234.56\n二、政府性基金预算拨款收入\t0\n三、国有资本经营预算拨款收入\t0\n收入总计\t1234.56\n一、一般公共服务支出\t800.00\n二、教育支出\t434.56\n支出总计\t1234.56\n",
	} {
		r := core.CheckText(name, text, core.Options{})
		if !r.NotReport || len(r.Findings) != 1 || r.Findings[0].Rule != "S13" || r.Findings[0].Severity != "error" {
			var got []string
			for _, f := range r.Findings {
				got = append(got, f.Rule+" "+f.Message)
			}
			t.Errorf("%s: not_report %v, findings %v", name, r.NotReport, got)
			continue
		}
		if r.Findings[0].Message != "这不像政府信息公开工作年度报告（没有标题、六个部分和统计表）" {
			t.Errorf("%s: %s", name, r.Findings[0].Message)
		}
		if r.Year != nil || r.Agency != nil || r.Format != "unknown" || len(r.Tables) != 0 {
			t.Errorf("%s: a year, unit or format for no report: %v %v %s", name, r.Year, r.Agency, r.Format)
		}
		if js := string(core.NewResult(r).JSON()); !strings.Contains(js, `"not_report": true`) {
			t.Errorf("%s: JSON lacks not_report: %s", name, js)
		}
	}
}

// Damaged reports are still reports: without their tables, without their
// title, cut in half, on one line, without the title and the tables and
// sections 五 and 六 — each keeps one mark of a report.
func TestDamagedReportsAreReports(t *testing.T) {
	path, text := testfiles.Seed(t, "004")
	lines := strings.Split(text, "\n")
	var noTables []string
	for _, l := range lines {
		if !strings.ContainsAny(l, "\t|") && strings.Trim(l, " 0123456789\u00a0\u3000") != "" {
			noTables = append(noTables, l)
		}
	}
	var noTitle []string
	for i, l := range noTables {
		if strings.Contains(l, "年度报告") {
			noTitle = noTables[i+1:]
			break
		}
	}
	cut := strings.Join(noTitle, "\n")
	if i := strings.Index(cut, "四、"); i > 0 {
		cut = cut[:i]
	}
	for name, v := range map[string]string{
		"no tables":            strings.Join(noTables, "\n"),
		"no title":             strings.Join(lines[3:], "\n"),
		"half":                 text[:len(text)/2],
		"one line":             strings.ReplaceAll(text, "\n", ""),
		"no title, no tables":  strings.Join(noTitle, "\n"),
		"only the first parts": cut,
	} {
		r := core.CheckText(path, v, core.Options{})
		if r.NotReport {
			t.Errorf("%s: called no report", name)
		}
	}
}
