package format

// Heading is a label printed over several columns in the official header of
// a table (format-spec §2.3, §2.4): the two-level heads a clerk knows from
// the printed report. Cols are the ids of the columns under it, contiguous
// and in order; for 表四 they are the ids of its groups (T4Rows), each of
// which stands for its five columns.
type Heading struct {
	Label string
	Cols  []string
}

// T3Headings: 申请人情况 over all seven applicant columns, 法人或其他组织
// over the five between 自然人 and 总计. Outer headings come first.
var T3Headings = []Heading{
	{Label: "申请人情况", Cols: []string{"c_natural", "c_biz", "c_research", "c_npo", "c_legal", "c_other", "c_total"}},
	{Label: "法人或其他组织", Cols: []string{"c_biz", "c_research", "c_npo", "c_legal", "c_other"}},
}

// T4Headings: 表四 is one row of fifteen cells: 行政复议 over its five,
// 行政诉讼 over the ten of 未经复议直接起诉 and 复议后起诉. Outer headings
// come first.
var T4Headings = []Heading{
	{Label: "行政复议", Cols: []string{"review"}},
	{Label: "行政诉讼", Cols: []string{"suit_direct", "suit_after"}},
	{Label: "未经复议直接起诉", Cols: []string{"suit_direct"}},
	{Label: "复议后起诉", Cols: []string{"suit_after"}},
}
