// Package format is nianbao's knowledge of the annual report format, kept
// as data in one place: the six sections, the three tables (rows, columns,
// ids and the label variants real copies show) of 国办公开办函〔2021〕30号
// and 〔2019〕60号, and the legal bases the rules cite.
//
// Matching works on folded labels (normalize.Label): a row is recognised
// when its folded label contains one of its Keys. Keys are short,
// distinctive and taken from the start of the label, because PDF copies
// wrap long labels over two or three lines.
package format

import "strings"

// Version of the format that applies to a report.
type Version string

const (
	V2021    Version = "2021" // 国办公开办函〔2021〕30号, reports for 2021 onward
	V2019    Version = "2019" // 国办公开办函〔2019〕60号（试行）, 2019 and 2020 reports
	VUnknown Version = "unknown"
)

// ForYear returns the format that applies to report year y (format-spec §1.3).
func ForYear(y int) Version {
	switch {
	case y >= 2021:
		return V2021
	case y == 2019 || y == 2020:
		return V2019
	}
	return VUnknown
}

// Legal sources cited by rules and messages.
const (
	Basis30     = "国办公开办函〔2021〕30号"
	Basis60     = "国办公开办函〔2019〕60号"
	BasisArt49  = "《中华人民共和国政府信息公开条例》第四十九条"
	BasisArt50  = "《中华人民共和国政府信息公开条例》第五十条"
	BasisFee109 = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
	NoteT3      = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
)

// Section is one of the six top-level parts of the report.
type Section struct {
	N       int    // 1..6
	Numeral string // "一" … "六"
	Title   string // official title without the numeral
	// Match: the folded title matches when it contains every string of any
	// one group. Strict on purpose: "主动公开工作情况" or
	// "政府信息依申请公开情况" are not official sections.
	Match [][]string
	// Variants seen in real reports: accepted, reported as info.
	Variants []string
	// Old titles from before 2019: accepted, reported as a warning.
	Old []string
}

// Sections of 30号 §一 (and 60号: same titles and order).
var Sections = []Section{
	{N: 1, Numeral: "一", Title: "总体情况", Match: [][]string{{"总体情况"}, {"基本情况"}, {"概述"}}, Old: []string{"基本情况", "概述"}},
	{N: 2, Numeral: "二", Title: "主动公开政府信息情况", Match: [][]string{{"主动公开政府信息"}}},
	{N: 3, Numeral: "三", Title: "收到和处理政府信息公开申请情况", Match: [][]string{{"收到和处理"}, {"收到", "处理", "申请"}}},
	{N: 4, Numeral: "四", Title: "政府信息公开行政复议、行政诉讼情况", Match: [][]string{{"行政复议", "行政诉讼"}},
		Variants: []string{"因政府信息公开工作被申请行政复议、提起行政诉讼情况", "政府信息公开行政复议及行政诉讼情况"}},
	{N: 5, Numeral: "五", Title: "存在的主要问题及改进情况", Match: [][]string{{"问题", "改进"}, {"问题", "整改"}},
		Variants: []string{"政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况", "存在的问题及改进情况",
			"存在的主要问题及整改措施", "存在的主要问题及整改情况", "存在问题及整改措施", "存在的问题及整改措施", "存在的主要问题及改进措施"}},
	{N: 6, Numeral: "六", Title: "其他需要报告的事项", Match: [][]string{{"其他需要报告"}, {"其它需要报告"}}},
}

// Numerals in order, for heading numbers.
var Numerals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}

// NumeralValue returns 1 for "一" … 12 for "十二", or 0.
func NumeralValue(s string) int {
	for i, n := range Numerals {
		if n == s {
			return i + 1
		}
	}
	return 0
}

// TableName is the Chinese name of a table id: "active" → "表二",
// "applications" → "表三", "review" → "表四".
func TableName(id string) string {
	switch id {
	case "active":
		return "表二"
	case "applications":
		return "表三"
	case "review":
		return "表四"
	}
	return id
}

// Column of a table.
type Column struct {
	ID    string
	Label string
}

// Row of a table.
type Row struct {
	ID    string
	Label string   // official text
	Keys  []string // folded substrings that identify the row
	Exact []string // folded texts that identify the row only when equal
	Group string   // id of the group it belongs to ("withheld", …), or ""
	// Article of the 条例 the row rests on [REC in format-spec §2.3: shown
	// as a hint, never as the basis of an error].
	Article string
}

// Short is the label messages and workbooks use: without the long
// parenthetical of （二）部分公开, and a sub-row of 表三 prefixed with its
// group's number: "（四）1.本机关不掌握相关政府信息".
func (r Row) Short() string {
	l := r.Label
	if i := strings.Index(l, "（区分"); i > 0 {
		l = l[:i]
	}
	if r.Group != "" {
		for _, g := range T3Groups {
			if g.ID == r.Group {
				return g.Label[:strings.Index(g.Label, "）")+len("）")] + l
			}
		}
	}
	return l
}

// RowLabel is the short label (Row.Short) of a row of a table, by the ids
// of the JSON, in format v (the other format's rows when v has none of
// that id); the id itself when unknown.
func RowLabel(v Version, table, row string) string {
	var rows []Row
	switch table {
	case "active":
		for _, r := range t2RowsFirst(v) {
			rows = append(rows, r.Row)
		}
	case "applications":
		rows = append(append(append(rows, T3Rows2021...), T3Rows2019...), T3Groups...)
	case "review":
		rows = T4Rows
	}
	for _, r := range rows {
		if r.ID == row {
			return r.Short()
		}
	}
	return row
}

// t2RowsFirst lists the 表二 rows of both formats, format v's first: an id
// the two share is named as v names it.
func t2RowsFirst(v Version) []T2Row {
	if v == V2019 {
		return append(append([]T2Row{}, T2Rows2019...), T2Rows2021...)
	}
	return append(append([]T2Row{}, T2Rows2021...), T2Rows2019...)
}

// ColumnLabel is the label of a column of a table, by the ids of the
// JSON, in format v (as RowLabel).
func ColumnLabel(v Version, table, col string) string {
	var cols []Column
	switch table {
	case "active":
		for _, r := range t2RowsFirst(v) {
			cols = append(cols, r.Columns...)
		}
	case "applications":
		cols = T3Columns
	case "review":
		cols = T4Columns
	}
	for _, c := range cols {
		if c.ID == col {
			return c.Label
		}
	}
	return col
}

// T3Columns: the applicant columns of 表三, in order, with 总计 last.
var T3Columns = []Column{
	{"c_natural", "自然人"},
	{"c_biz", "商业企业"},
	{"c_research", "科研机构"},
	{"c_npo", "社会公益组织"},
	{"c_legal", "法律服务机构"},
	{"c_other", "其他"},
	{"c_total", "总计"},
}

// T3 groups: labels that span rows and carry no numbers in the official
// layout; a report may print sub-totals on them (A05).
var T3Groups = []Row{
	{ID: "results", Label: "三、本年度办理结果", Keys: []string{"本年度办理结果"}},
	{ID: "withheld", Label: "（三）不予公开", Keys: []string{"(三)不予公开"}},
	{ID: "unable", Label: "（四）无法提供", Keys: []string{"(四)无法提供"}},
	{ID: "notproc", Label: "（五）不予处理", Keys: []string{"(五)不予处理"}},
	{ID: "otherproc", Label: "（六）其他处理", Keys: []string{"(六)其他处理"}},
}

func t3rows(other []Row) []Row {
	rows := []Row{
		{ID: "new", Label: "一、本年新收政府信息公开申请数量", Keys: []string{"本年新收"}},
		{ID: "carry_in", Label: "二、上年结转政府信息公开申请数量", Keys: []string{"上年结转政府信息公开申请数量", "上年结转政府"}},
		{ID: "disclosed", Label: "（一）予以公开", Keys: []string{"予以公开"}},
		{ID: "partial", Label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", Keys: []string{"部分公开"}},
		{ID: "withheld_1", Label: "1.属于国家秘密", Keys: []string{"国家秘密"}, Group: "withheld", Article: "第十四条"},
		{ID: "withheld_2", Label: "2.其他法律行政法规禁止公开", Keys: []string{"其他法律", "法规禁止公开"}, Group: "withheld", Article: "第十四条"},
		{ID: "withheld_3", Label: "3.危及“三安全一稳定”", Keys: []string{"三安全一稳定", "危及"}, Group: "withheld", Article: "第十四条"},
		{ID: "withheld_4", Label: "4.保护第三方合法权益", Keys: []string{"第三方合法权益", "保护第三方"}, Group: "withheld", Article: "第十五条"},
		{ID: "withheld_5", Label: "5.属于三类内部事务信息", Keys: []string{"三类内部事务", "内部事务信"}, Group: "withheld", Article: "第十六条第一款"},
		{ID: "withheld_6", Label: "6.属于四类过程性信息", Keys: []string{"四类过程性", "过程性信息"}, Group: "withheld", Article: "第十六条第二款"},
		{ID: "withheld_7", Label: "7.属于行政执法案卷", Keys: []string{"行政执法案卷"}, Group: "withheld", Article: "第十六条第二款"},
		{ID: "withheld_8", Label: "8.属于行政查询事项", Keys: []string{"行政查询事项"}, Group: "withheld", Article: "第三十六条第（七）项"},
		{ID: "unable_1", Label: "1.本机关不掌握相关政府信息", Keys: []string{"不掌握相关", "本机关不掌握"}, Group: "unable", Article: "第三十六条第（四）项"},
		{ID: "unable_2", Label: "2.没有现成信息需要另行制作", Keys: []string{"没有现成信息", "另行制作"}, Group: "unable", Article: "第三十八条"},
		{ID: "unable_3", Label: "3.补正后申请内容仍不明确", Keys: []string{"补正后申请"}, Group: "unable", Article: "第二十九条、第三十条"},
		{ID: "notproc_1", Label: "1.信访举报投诉类申请", Keys: []string{"信访举报"}, Group: "notproc", Article: "第三十九条"},
		{ID: "notproc_2", Label: "2.重复申请", Keys: []string{"重复申请"}, Group: "notproc", Article: "第三十六条第（六）项"},
		{ID: "notproc_3", Label: "3.要求提供公开出版物", Keys: []string{"公开出版物"}, Group: "notproc", Article: "第三十九条"},
		{ID: "notproc_4", Label: "4.无正当理由大量反复申请", Keys: []string{"大量反复"}, Group: "notproc", Article: "第三十五条"},
		{ID: "notproc_5", Label: "5.要求行政机关确认或重新出具已获取信息", Keys: []string{"行政机关确认", "确认或重新出具"}, Group: "notproc", Article: "第三十九条"},
	}
	rows = append(rows, other...)
	return append(rows,
		Row{ID: "results_total", Label: "（七）总计", Keys: []string{"(七)总计"}},
		Row{ID: "carry_out", Label: "四、结转下年度继续办理", Keys: []string{"结转下年度", "结转下一年度"}},
	)
}

// T3Rows2021: the 25 data rows of 表三 (30号).
var T3Rows2021 = t3rows([]Row{
	{ID: "other_1", Label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", Keys: []string{"申请人无正当理由", "逾期不补正"}, Group: "otherproc", Article: "第三十条"},
	{ID: "other_2", Label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", Keys: []string{"收费通知", "申请人逾期未按", "逾期未按收费"}, Group: "otherproc", Article: "第四十二条"},
	{ID: "other_3", Label: "3.其他", Exact: []string{"3.其他"}, Group: "otherproc"},
})

// T3Rows2019: the 23 data rows of 表三 (60号): （六）其他处理 is one row.
var T3Rows2019 = t3rows([]Row{
	{ID: "other", Label: "（六）其他处理", Keys: []string{"(六)其他处理", "(六)其它处理"}},
})

// T3ResultRows are the rows summed by （七）总计 (A03).
func T3ResultRows(rows []Row) []Row {
	var out []Row
	for _, r := range rows {
		if IsT3Result(r.ID) {
			out = append(out, r)
		}
	}
	return out
}

// IsT3Result reports whether a 表三 row id is a result row (one of those
// T3ResultRows keeps).
func IsT3Result(id string) bool {
	switch id {
	case "new", "carry_in", "results_total", "carry_out":
		return false
	}
	return true
}

// T4Rows: the three groups of 表四, each a "row" of five cells in the JSON.
var T4Rows = []Row{
	{ID: "review", Label: "行政复议", Keys: []string{"行政复议"}},
	{ID: "suit_direct", Label: "行政诉讼·未经复议直接起诉", Keys: []string{"未经复议直接起诉", "直接起诉"}},
	{ID: "suit_after", Label: "行政诉讼·复议后起诉", Keys: []string{"复议后起诉"}},
}

// T4Columns of each group, 总计 last.
var T4Columns = []Column{
	{"upheld", "结果维持"}, {"corrected", "结果纠正"}, {"other", "其他结果"}, {"pending", "尚未审结"}, {"total", "总计"},
}

// T2Row is a row of 表二 with its own columns.
type T2Row struct {
	Row
	Block   string // "第二十条第（一）项" …
	Columns []Column
	Amount  bool // an amount in 万元 (decimal), not a count
	Signed  []string
}

var (
	colsRules2021 = []Column{{"issued", "本年制发件数"}, {"repealed", "本年废止件数"}, {"in_force", "现行有效件数"}}
	colsDecisions = []Column{{"decisions", "本年处理决定数量"}}
	colsRules2019 = []Column{{"made", "本年新制作数量"}, {"published", "本年新公开数量"}, {"total_public", "对外公开总数量"}}
	colsItems2019 = []Column{{"prev_items", "上一年项目数量"}, {"change", "本年增/减"}, {"decisions", "处理决定数量"}}
)

// T2Rows2021: 表二 of 30号.
var T2Rows2021 = []T2Row{
	{Row: Row{ID: "rules", Label: "规章", Exact: []string{"规章"}}, Block: "第二十条第（一）项", Columns: colsRules2021},
	{Row: Row{ID: "normative", Label: "行政规范性文件", Keys: []string{"规范性文件"}}, Block: "第二十条第（一）项", Columns: colsRules2021},
	{Row: Row{ID: "license", Label: "行政许可", Exact: []string{"行政许可"}}, Block: "第二十条第（五）项", Columns: colsDecisions},
	{Row: Row{ID: "penalty", Label: "行政处罚", Exact: []string{"行政处罚"}}, Block: "第二十条第（六）项", Columns: colsDecisions},
	{Row: Row{ID: "coercion", Label: "行政强制", Exact: []string{"行政强制"}}, Block: "第二十条第（六）项", Columns: colsDecisions},
	{Row: Row{ID: "fees", Label: "行政事业性收费", Exact: []string{"行政事业性收费"}}, Block: "第二十条第（八）项", Columns: []Column{{"amount_wan", "本年收费金额（单位：万元）"}}, Amount: true},
}

// T2Rows2019: 表二 of 60号.
var T2Rows2019 = []T2Row{
	{Row: Row{ID: "rules", Label: "规章", Exact: []string{"规章"}}, Block: "第二十条第（一）项", Columns: colsRules2019},
	{Row: Row{ID: "normative", Label: "规范性文件", Keys: []string{"规范性文件"}}, Block: "第二十条第（一）项", Columns: colsRules2019},
	{Row: Row{ID: "license", Label: "行政许可", Exact: []string{"行政许可"}}, Block: "第二十条第（五）项", Columns: colsItems2019, Signed: []string{"change"}},
	{Row: Row{ID: "other_services", Label: "其他对外管理服务事项", Keys: []string{"其他对外管理服务"}}, Block: "第二十条第（五）项", Columns: colsItems2019, Signed: []string{"change"}},
	{Row: Row{ID: "penalty", Label: "行政处罚", Exact: []string{"行政处罚"}}, Block: "第二十条第（六）项", Columns: colsItems2019, Signed: []string{"change"}},
	{Row: Row{ID: "coercion", Label: "行政强制", Exact: []string{"行政强制"}}, Block: "第二十条第（六）项", Columns: colsItems2019, Signed: []string{"change"}},
	{Row: Row{ID: "fees", Label: "行政事业性收费", Exact: []string{"行政事业性收费"}}, Block: "第二十条第（八）项", Columns: []Column{{"prev_items", "上一年项目数量"}, {"change", "本年增/减"}}, Signed: []string{"change"}},
	{Row: Row{ID: "procurement", Label: "政府集中采购", Exact: []string{"政府集中采购"}}, Block: "第二十条第（九）项", Columns: []Column{{"items", "采购项目数量"}, {"amount", "采购总金额"}}},
}

// T2Blocks2021 are the block banners of 表二 in order.
var T2Blocks2021 = []string{"第二十条第(一)项", "第二十条第(五)项", "第二十条第(六)项", "第二十条第(八)项"}

// Labels2019Only mark a report made with the 60号 tables (D01); folded
// (normalize.Label) forms.
var Labels2019Only = []string{"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "其他对外管理服务事项", "第二十条第(九)项", "政府集中采购"}
