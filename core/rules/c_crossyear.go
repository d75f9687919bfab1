package rules

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/source"
)

// Cross-year, format-spec.md §6.6: this year's report against last year's
// report of the same unit (Facts.Prev). A pair that is not two consecutive
// years of one unit gets one note and no comparison: a wrong file must
// not produce a page of false alarms.

const basisCopied = format.Basis30 + "（四）明确责任：“发布内容不准确不全面或者内容雷同、敷衍塞责”"

var C01 = &Rule{ID: "C01", Name: "carryover-continuity", Title: "上年结转衔接", Severity: Warning,
	Doc:   "本年表三“上年结转”各列应等于上年报告表三“结转下年度继续办理”对应列（需提供上年报告）",
	Basis: format.Basis30 + " 表三“二、上年结转政府信息公开申请数量”“四、结转下年度继续办理”：上年结转下年度继续办理的申请即本年的上年结转",
	Run:   runC01}

var C02 = &Rule{ID: "C02", Name: "valid-rollforward", Title: "现行有效件数衔接", Severity: Warning,
	Doc:   "表二规章、行政规范性文件的现行有效件数应等于上年现行有效件数加本年制发、减本年废止件数（需提供上年报告）",
	Basis: format.Basis30 + " 表二第二十条第（一）项“本年制发件数”“本年废止件数”“现行有效件数”",
	Run:   runC02}

var C03 = &Rule{ID: "C03", Name: "identical-text", Title: "正文雷同上年", Severity: Warning,
	Doc:   "正文去掉年份、数字、日期和单位名称后，八成以上的句子与上年报告相同，可能照抄了上年报告（需提供上年报告）",
	Basis: basisCopied,
	Run:   runC03}

var C04 = &Rule{ID: "C04", Name: "identical-numbers", Title: "表格数字雷同上年", Severity: Warning,
	Doc:   "表二至表四的非零数字（至少5个）全部与上年报告相同，可能照抄了上年的表格（需提供上年报告）",
	Basis: basisCopied,
	Run:   runC04}

var C05 = &Rule{ID: "C05", Name: "problems-followup", Title: "上年问题改进情况", Severity: Info,
	Doc:   "人民政府的报告第五部分应说明上年报告所列问题的改进情况（需提供上年报告）",
	Basis: "《中华人民共和国政府信息公开条例》第五十条第（四）项“政府信息公开工作存在的主要问题及改进情况”；" + format.Basis30 + " 一、报告内容（五）",
	Run:   runC05}

// crossSkip says why a report and the one given as last year's cannot be
// compared ("" when they can): not the year before, or another unit. A
// year or a unit that cannot be read does not stop the comparison: the
// user gave the file as last year's.
func crossSkip(this, prev *Facts) string {
	if this.Year > 0 && prev.Year > 0 && prev.Year != this.Year-1 {
		switch {
		case prev.Year == this.Year:
			return fmt.Sprintf("所给上年报告与本报告同为 %d 年度（是否给错了文件？）", this.Year)
		case prev.Year > this.Year:
			return fmt.Sprintf("所给上年报告为 %d 年度，晚于本报告的 %d 年度", prev.Year, this.Year)
		}
		return fmt.Sprintf("所给上年报告为 %d 年度，本报告为 %d 年度，不是相邻两年", prev.Year, this.Year)
	}
	if this.Agency != "" && prev.Agency != "" && !SameAgency(this.Agency, prev.Agency) {
		return "所给上年报告的单位“" + prev.Agency + "”与本报告的“" + this.Agency + "”不同"
	}
	return ""
}

// crossPrev is last year's report when the cross-year rules (and P02)
// may compare with it.
func crossPrev(p *Pass) (*parse.Doc, bool) {
	f := p.Facts
	if f.Prev == nil || f.crossSkip != "" {
		return nil, false
	}
	return f.Prev, true
}

// prevLine is the line of a place in last year's report, for messages.
func prevLine(prev *parse.Doc, sp source.Span) int {
	if !sp.Valid() {
		return 0
	}
	l, _ := prev.Src.Position(sp.Start)
	return l
}

func atPrevLine(prev *parse.Doc, sp source.Span) string {
	if l := prevLine(prev, sp); l > 0 {
		return "（上年报告第 " + itoa(l) + " 行）"
	}
	return ""
}

// reliable is a cell's value when it was read with certainty: a number,
// in a table read in order, not chosen by the identities that split run-
// together digits (those verify nothing and could be another split).
func reliable(t *parse.Table, row, col string) (float64, bool) {
	if t == nil || t.Scrambled {
		return 0, false
	}
	c := t.Cell(row, col)
	if !c.Known() || c.Settled {
		return 0, false
	}
	return c.Num.Value, true
}

// whyUnknown says why a row of a table gives no usable value in some
// columns (the table or row was not read, or cells are blank), and what
// to do about it.
func whyUnknown(t *parse.Table, whose, row string, cols []string) (why, fix string) {
	name := whose + "表三"
	unread := "从 Word 或 WPS 原件复制表格后再比对"
	switch {
	case t.Scrambled:
		return name + "无法可靠读取", unread
	case !t.HasRow(row):
		return name + "“" + rowLabel(t, row) + "”行未能读取", unread
	}
	var blank []string
	for _, c := range cols {
		blank = append(blank, colLabel(t, row, c))
	}
	return name + "“" + rowLabel(t, row) + "”行" + strings.Join(blank, "、") + "列为空白或无法确定", "补全这些格子（没有请填0）后再核对"
}

// runC01 also says, once, when the report given as last year's cannot be
// compared at all (the first cross-year rule speaks for all of them).
func runC01(p *Pass) {
	if p.Facts.Prev != nil && p.Facts.crossSkip != "" {
		p.ReportAs(Info, Finding{Span: p.Facts.YearSpan,
			Message: p.Facts.crossSkip + "，未做跨年度比对（C01–C05、P02）",
			Fix:     "提供本单位上一年度的报告"})
		return
	}
	prev, ok := crossPrev(p)
	if !ok {
		return
	}
	t, pt := p.Doc.T3, prev.T3
	if t == nil || pt == nil {
		// No 表三 this year: T01 says so. None last year: a report of
		// before 2019, or a text without its tables: nothing to compare.
		return
	}
	var thisCols, prevCols []string
	for _, c := range format.T3Columns {
		now, okNow := reliable(t, "carry_in", c.ID)
		was, okWas := reliable(pt, "carry_out", c.ID)
		if !okNow {
			thisCols = append(thisCols, c.ID)
		}
		if !okWas {
			prevCols = append(prevCols, c.ID)
		}
		if !okNow || !okWas || now == was {
			continue
		}
		cell := t.Cell("carry_in", c.ID)
		p.Report(Finding{Span: cell.Span, Table: t.ID, Row: "carry_in", Column: c.ID, Expected: fmtNum(was), Actual: fmtNum(now),
			Message: fmt.Sprintf("表三“上年结转”%s列为 %s，上年报告表三“结转下年度继续办理”%s列为 %s%s，两者应相等",
				c.Label, fmtNum(now), c.Label, fmtNum(was), atPrevLine(prev, pt.Cell("carry_out", c.ID).Span)),
			Fix: "核对本年“上年结转”与上年报告“结转下年度继续办理”；如上年报告的数有误，请在正文说明"})
	}
	// Cells that cannot be compared are said once: blank is not 0.
	var why, fix []string
	for _, u := range []struct {
		t          *parse.Table
		whose, row string
		cols       []string
	}{{t, "本报告", "carry_in", thisCols}, {pt, "上年报告", "carry_out", prevCols}} {
		if len(u.cols) > 0 {
			w, f := whyUnknown(u.t, u.whose, u.row, u.cols)
			why = append(why, w)
			if len(fix) == 0 || fix[0] != f {
				fix = append(fix, f)
			}
		}
	}
	if len(why) > 0 {
		p.ReportAs(Info, Finding{Span: t.Start, Table: t.ID, Row: "carry_in",
			Message: "无法完整核对本年“上年结转”与上年“结转下年度继续办理”的衔接：" + strings.Join(why, "；"),
			Fix:     strings.Join(fix, "；")})
	}
}

func runC02(p *Pass) {
	prev, ok := crossPrev(p)
	if !ok {
		return
	}
	t, pt := p.Doc.T2, prev.T2
	// Both years in the 30号 format: the 2019 表二 has no 现行有效件数.
	if t == nil || pt == nil || t.Style != "2021" || pt.Style != "2021" {
		return
	}
	for _, row := range []string{"rules", "normative"} {
		issued, ok1 := reliable(t, row, "issued")
		repealed, ok2 := reliable(t, row, "repealed")
		now, ok3 := reliable(t, row, "in_force")
		was, ok4 := reliable(pt, row, "in_force")
		if !ok1 || !ok2 || !ok3 || !ok4 {
			continue // blanks: T05 says so this year; last year's are not ours to report
		}
		want := was + issued - repealed
		if now == want {
			continue
		}
		label := rowLabel(t, row)
		p.Report(Finding{Span: t.Cell(row, "in_force").Span, Table: t.ID, Row: row, Column: "in_force", Expected: fmtNum(want), Actual: fmtNum(now),
			Message: fmt.Sprintf("表二“%s”现行有效件数为 %s，而上年现行有效 %s%s + 本年制发 %s − 本年废止 %s = %s",
				label, fmtNum(now), fmtNum(was), atPrevLine(prev, pt.Cell(row, "in_force").Span), fmtNum(issued), fmtNum(repealed), fmtNum(want)),
			Fix: "核对现行有效、本年制发和本年废止件数（失效、清理的文件应计入废止）；如统计口径有变化，请在正文说明"})
	}
}

// C03: text copied from last year. The narrative (every part but the
// intro, which is template text) is cut into sentences (Doc.EachSentence);
// each sentence is reduced to what a copy keeps (years, numbers, dates, the
// unit's name and punctuation dropped) and hashed (normalize.SentenceKeys,
// shared with core/similar, which looks for copies between units). Last year's hashes go into a set; this
// year's sentences are looked up in one pass. Time and memory are linear in
// the text: one hash per sentence of last year, a few passages kept.

const (
	// copiedShare: the spec's threshold (more than 80 % of sentences).
	copiedShare = 0.8
	// minSentences: below this a report is too short to call it a copy.
	minSentences = 10
	// maxPassages shown in the message.
	maxPassages = 3
)

// passage is a run of copied sentences.
type passage struct {
	span  source.Span
	first string // the first sentence, as written (folded)
}

func runC03(p *Pass) {
	prev, ok := crossPrev(p)
	if !ok {
		return
	}
	keys := normalize.NewSentenceKeys(p.Facts.Agency, p.Facts.PrevFacts.Agency)
	last := map[uint64]struct{}{}
	prev.EachSentence(func(pr *parse.Prose, i, j int) {
		if h, n := keys.Key(pr.Text[i:j]); n >= normalize.MinSentence {
			last[h] = struct{}{}
		}
	})
	if len(last) == 0 {
		return
	}
	total, same, runs := 0, 0, 0
	var shown []passage
	var cur *passage
	var curProse *parse.Prose
	p.Doc.EachSentence(func(pr *parse.Prose, i, j int) {
		h, n := keys.Key(pr.Text[i:j])
		if n < normalize.MinSentence {
			return
		}
		total++
		if _, ok := last[h]; !ok {
			cur = nil
			return
		}
		same++
		sp := pr.Span(i, j)
		if cur != nil && curProse == pr {
			cur.span.End = sp.End
			return
		}
		runs++
		cur, curProse = nil, pr
		if len(shown) < maxPassages {
			shown = append(shown, passage{span: sp, first: pr.Text[i:j]})
			cur = &shown[len(shown)-1]
		} else {
			cur = &passage{span: sp} // counted, not kept
		}
	})
	if total < minSentences || float64(same) <= copiedShare*float64(total) {
		return
	}
	var parts []string
	for _, ps := range shown {
		from, _ := p.Doc.Src.Position(ps.span.Start)
		to, _ := p.Doc.Src.Position(max(ps.span.End-1, ps.span.Start))
		lines := "第 " + itoa(from) + " 行"
		if to > from {
			lines = "第 " + itoa(from) + "–" + itoa(to) + " 行"
		}
		parts = append(parts, lines+"“"+clipRunes(ps.first, 24)+"”")
	}
	more := ""
	if runs > len(shown) {
		more = "等（共 " + itoa(runs) + " 段）"
	}
	pct := same * 100 / total
	p.Report(Finding{Span: shown[0].span, Expected: "不超过 80%", Actual: strconv.Itoa(pct) + "%",
		Message: fmt.Sprintf("正文 %d 句中有 %d 句（%d%%）与上年报告相同（比较时已去掉年份、数字、日期和单位名称），可能照抄了上年报告。相同的段落如：%s%s",
			total, same, pct, strings.Join(parts, "；"), more),
		Fix: "按本年度实际情况撰写正文：本年的工作、举措、数据和问题"})
}

// clipRunes keeps the first n characters of s, marking a cut with "…".
func clipRunes(s string, n int) string {
	count := 0
	for i := range s {
		if count == n {
			return s[:i] + "…"
		}
		count++
	}
	return s
}

// minNonZero: C04 needs this many non-zero figures before calling a table
// copied. A small office with one or two applications and a stable count
// of 现行有效 documents repeats two or three figures honestly; five equal
// non-zero figures across the tables (许可, 处罚, 申请 counts, outcomes)
// do not repeat by chance. The spec gives no number.
const minNonZero = 5

func runC04(p *Pass) {
	prev, ok := crossPrev(p)
	if !ok {
		return
	}
	n := 0
	var examples []string
	first := source.NoSpan
	for _, id := range []string{"active", "applications", "review"} {
		t, pt := tableOf(p.Doc, id), tableOf(prev, id)
		if t == nil {
			continue
		}
		if t.Scrambled {
			return // its figures are unknown: "all equal" cannot be said
		}
		for ri, r := range t.Rows {
			for ci, c := range t.ColumnsAt(ri) {
				cell := t.CellAt(ri, ci)
				if !cell.Known() {
					continue // blank or unread this year: nothing to compare
				}
				v := cell.Num.Value
				was, okWas := reliable(pt, r.ID, c.ID)
				_, okNow := reliable(t, r.ID, c.ID)
				if !okWas || !okNow {
					if v != 0 {
						return // a figure that cannot be compared: "all equal" is not shown
					}
					continue
				}
				if v != was {
					return
				}
				if v == 0 {
					continue
				}
				n++
				if !first.Valid() {
					first = cell.Span
				}
				if len(examples) < 4 {
					examples = append(examples, where(t, r.ID, c.ID)+" "+fmtNum(v))
				}
			}
		}
	}
	if n < minNonZero {
		return
	}
	p.Report(Finding{Span: first,
		Message: fmt.Sprintf("表二至表四的 %d 个非零数字全部与上年报告相同（如%s），可能照抄了上年的表格", n, strings.Join(examples, "、")),
		Fix:     "按本年度实际统计数填写表格"})
}

// C05: last year's problems (section 五) should be taken up this year.
// Last year's problem statements are the clauses of its section 五 that
// name a shortcoming; each is reduced to its distinctive words (the
// vocabulary every section 五 shares dropped) and counts as taken up when
// most of its character pairs occur in this year's section 五.

// problemMarks name a shortcoming.
var problemMarks = []string{"问题", "不足", "有待", "仍需", "尚需", "还需", "亟需", "不够", "欠缺", "薄弱", "短板", "不到位", "不完善", "不规范", "不平衡", "不充分", "不及时", "单一", "滞后", "不强", "不高", "不深", "不全", "偏少", "较少", "不多"}

// notProblems mark a sentence that reports an old problem already fixed
// or announces measures, not a problem of the year.
var notProblems = []string{"上年", "上一年", "去年", "已整改", "已解决", "已完成", "整改到位", "得到解决", "得到改进", "下一步", "下年", "针对", "将切实", "我们将", "拟"}

// commonWords are the vocabulary of every section 五: what remains of a
// problem once they are dropped is what it is about.
var commonWords = strings.NewReplacer(
	"政府信息公开", "|", "政务公开", "|", "信息公开", "|", "工作", "|", "存在", "|", "问题", "|", "不足", "|",
	"有待", "|", "进一步", "|", "仍需", "|", "尚需", "|", "还需", "|", "亟需", "|", "需要", "|", "加强", "|", "提高", "|",
	"提升", "|", "完善", "|", "一定", "|", "差距", "|", "方面", "|", "个别", "|", "部分", "|", "主要", "|", "仍然", "|",
	"仍", "|", "还", "|", "尚", "|", "需", "|", "等", "|", "的", "|", "和", "|", "与", "|", "及", "|", "是", "|", "如", "|",
	"有", "|", "不够", "|", "较", "|", "单位", "|", "部门", "|", "我区", "|", "我市", "|", "我县", "|", "本机关", "|",
)

// problem is one of last year's problem statements.
type problem struct {
	text  string // the clause, as written (folded)
	span  source.Span
	pairs []string // its distinctive character pairs
}

// maxProblems and maxProblemRunes bound the work on a huge section 五.
const (
	maxProblems     = 10
	maxProblemRunes = 60
)

func lastYearProblems(prev *parse.Doc) []problem {
	var out []problem
	for _, pr := range narrative(prev, 5) {
		t := pr.Text
		for i := 0; i < len(t) && len(out) < maxProblems; {
			s, e := sentenceAt(t, i)
			sent := t[s:e]
			if e < len(t) {
				_, size := utf8.DecodeRuneInString(t[e:])
				i = e + size
			} else {
				i = e
			}
			if !containsAny(sent, problemMarks) || containsAny(sent, notProblems) {
				continue
			}
			// Clauses: "如A有待提高、B有待提升、C有待加强等" lists three.
			for a := s; a < e && len(out) < maxProblems; {
				b := a
				for b < e {
					r, size := utf8.DecodeRuneInString(t[b:])
					if clauseStop(r) {
						break
					}
					b += size
				}
				clause := t[a:b]
				if containsAny(clause, problemMarks) {
					pb := problem{text: clause, span: pr.Span(a, b), pairs: distinctPairs(clause)}
					if len(pb.pairs) >= 2 {
						out = append(out, pb)
					}
				}
				if b == e {
					break
				}
				_, size := utf8.DecodeRuneInString(t[b:])
				a = b + size
			}
		}
	}
	return out
}

// distinctPairs are the character pairs of a problem's own words.
func distinctPairs(clause string) []string {
	clause = clipRunes(clause, maxProblemRunes)
	var out []string
	seen := map[string]bool{}
	for _, seg := range strings.Split(commonWords.Replace(clause), "|") {
		var prev rune = -1
		for k, r := range seg {
			if r < 0x4E00 || r > 0x9FFF {
				prev = -1
				continue
			}
			if prev >= 0 {
				pair := seg[k-utf8.RuneLen(prev) : k+utf8.RuneLen(r)]
				if !seen[pair] {
					seen[pair] = true
					out = append(out, pair)
				}
			}
			prev = r
		}
	}
	return out
}

// takenUpShare: the share of a problem's character pairs this year's
// section 五 must contain for the problem to count as taken up.
const takenUpShare = 0.5

func runC05(p *Pass) {
	prev, ok := crossPrev(p)
	if !ok {
		return
	}
	// 条例第五十条: 各级人民政府 report on their problems; a department's
	// report is not held to last year's list.
	if !strings.HasSuffix(p.Facts.Agency, "政府") {
		return
	}
	now := p.Doc.Section(5)
	if now == nil || now.Prose.Text == "" {
		return // S01 or S12 says so
	}
	problems := lastYearProblems(prev)
	if len(problems) == 0 {
		return
	}
	// One pass over this year's section 五: which of the pairs wanted occur.
	want := map[string]bool{}
	for _, pb := range problems {
		for _, pair := range pb.pairs {
			want[pair] = false
		}
	}
	var texts []string
	for _, pr := range narrative(p.Doc, 5) {
		texts = append(texts, pr.Text)
	}
	for _, t := range texts {
		var last rune = -1
		for k, r := range t {
			if last >= 0 {
				pair := t[k-utf8.RuneLen(last) : k+utf8.RuneLen(r)]
				if _, ok := want[pair]; ok {
					want[pair] = true
				}
			}
			last = r
		}
	}
	var missed []string
	firstLine := 0
	for _, pb := range problems {
		found := 0
		for _, pair := range pb.pairs {
			if want[pair] {
				found++
			}
		}
		if float64(found) >= takenUpShare*float64(len(pb.pairs)) {
			continue
		}
		if firstLine == 0 {
			firstLine = prevLine(prev, pb.span)
		}
		missed = append(missed, "“"+clipRunes(trimProblem(pb.text), 30)+"”")
	}
	if len(missed) == 0 {
		return
	}
	at := ""
	if firstLine > 0 {
		at = "（上年报告第 " + itoa(firstLine) + " 行起）"
	}
	h := p.Doc.Headings[now.Heading]
	p.Report(Finding{Span: h.Span,
		Message: fmt.Sprintf("上年报告第五部分所列问题中，以下 %d 项在本年报告第五部分未见改进情况%s：%s", len(missed), at, strings.Join(missed, "、")),
		Fix:     "在第五部分说明上年度所列问题的改进情况"})
}

// trimProblem drops the words that introduce a problem in a list.
func trimProblem(s string) string {
	for _, w := range []string{"主要表现在", "主要是", "主要有", "一是", "二是", "三是", "四是", "五是", "如"} {
		s = strings.TrimPrefix(s, w)
	}
	return strings.TrimSuffix(s, "等")
}

// AgencyKey is the form of a unit's name that two years of its reports
// share most often: for grouping (normalize.AgencyKey).
func AgencyKey(name string) string { return normalize.AgencyKey(name) }

// SameAgency reports whether two names can be the same unit
// (normalize.SameAgency).
func SameAgency(a, b string) bool { return normalize.SameAgency(a, b) }

// Identify is the unit and year of a report as the rules read them,
// without checking it: what a batch needs to pair reports across years.
func Identify(doc *parse.Doc) (agency string, year int) {
	f := analyze(doc)
	return f.Agency, f.Year
}
