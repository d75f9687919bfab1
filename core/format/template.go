package format

// TemplateMarks are words of the customary sentences that most reports
// carry word for word, apart from names and dates (format-spec.md §2.1
// "Other text most reports carry"): the intro that says under which rules
// the report is written and for which period, and the contact sentence.
// Most reports put them before the first heading; some under 六 or at the
// end. A sentence holding one of them (in folded prose: half-width
// brackets, no spaces) is the template's, not the unit's own text: two
// reports that share it have not copied each other.
var TemplateMarks = []string{
	"本报告由", "本报告根据", "本报告依据", "编制本报告", "编制本年度报告", "本年度报告", "本报告是根据",
	"全文包括总体情况", "统计期限", "统计期间", "如对本报告有疑问", "如对本报告有任何疑问", "本报告电子版",
	"国办公开办函",
}
