package core

import (
	"slices"
	"strconv"
)

// A Card is what a reader sees as one problem. Findings are the contract's
// unit (one broken identity, one row); a card groups those with one cause
// so that a clerk reads one message and one fix:
//
//   - Explained: findings whose cause is the lead (explained_by), shown as
//     "由此导致：…" under it. A04's one wrong cell explains the A02 and A03
//     identities it breaks.
//   - Alike: the same problem on other rows of the same table (same rule,
//     severity, table and fix, e.g. thirteen rows that each "只读到 6 个数"),
//     listed by row under the lead.
//
// The text output, the page and the review workbook all group by Cards, so
// a report shows the same cards everywhere.
type Card struct {
	Lead      int    // index in Report.Findings
	Explained []int  // findings the lead explains, in order
	Alike     []int  // like findings on other rows, in order
	Severity  string // the highest severity among all of them
	// Reading: the card is a reading doubt (its lead's kind is
	// "reading"): the person checking must act, not the unit. Every face
	// lists these apart (读取提示), never among the report's problems,
	// never in a 整改清单, never in a verdict.
	Reading bool
}

// Reading says whether a finding is the checker's own doubt about its
// reading (kind "reading"), not a problem of the report.
func (f Finding) Reading() bool { return f.Kind == "reading" }

// Counts is what a person reads as a report's counts: its own problems
// (kind "report"; the verdict rests on these) by severity, and apart how
// many reading doubts it has (读取提示). Both count cards, the problems a
// reader sees (a cause with the errors it explains is one 错误), so that
// the counts agree with the lists on every face. The JSON's summary counts
// findings.
func Counts(r Report) (report Summary, reading int) {
	for _, c := range Cards(r) {
		switch {
		case c.Reading:
			reading++
		case c.Severity == "error":
			report.Error++
		case c.Severity == "warning":
			report.Warning++
		default:
			report.Info++
		}
	}
	return report, reading
}

// ReportCards and ReadingCards split a report's cards by who must act:
// the report's problems (the unit) and the reading's doubts (the person
// checking).
func ReportCards(cards []Card) []Card { return cardsOf(cards, false) }

// ReadingCards: see ReportCards.
func ReadingCards(cards []Card) []Card { return cardsOf(cards, true) }

func cardsOf(cards []Card, reading bool) []Card {
	var out []Card
	for _, c := range cards {
		if c.Reading == reading {
			out = append(out, c)
		}
	}
	return out
}

// Members returns the lead and every finding grouped under it.
func (c Card) Members() []int {
	out := make([]int, 0, 1+len(c.Explained)+len(c.Alike))
	out = append(out, c.Lead)
	out = append(out, c.Explained...)
	return append(out, c.Alike...)
}

// Cards groups a report's findings. Every finding is in exactly one card;
// cards keep the order of their first finding.
func Cards(r Report) []Card {
	fs := r.Findings
	explained := make([][]int, len(fs))
	inCard := make([]bool, len(fs))
	for i, f := range fs {
		// A cause explains findings of its own kind only: a reading
		// doubt never hides under a report's problem, nor the reverse.
		if f.ExplainedBy != nil && *f.ExplainedBy >= 0 && *f.ExplainedBy < len(fs) && *f.ExplainedBy != i && fs[*f.ExplainedBy].Reading() == f.Reading() {
			c := *f.ExplainedBy
			explained[c] = append(explained[c], i)
			inCard[i] = true
		}
	}
	// Like findings: the same rule, severity, table and fix on different
	// rows: one card, with everything each of them explains under it (25
	// rows of five blank 法人 columns are one T05 card, not 25). A folded
	// count is never merged with others.
	type alikeKey struct {
		rule, sev, table, fix string
		reading               bool
	}
	alikeLead := map[alikeKey]int{}
	alike := map[int][]int{}
	for i, f := range fs {
		if inCard[i] || f.Count > 0 || f.Row == "" || f.Table == "" {
			continue
		}
		k := alikeKey{f.Rule, f.Severity, f.Table, f.Fix, f.Reading()}
		if lead, ok := alikeLead[k]; ok {
			alike[lead] = append(alike[lead], i)
			explained[lead] = append(explained[lead], explained[i]...)
			explained[i] = nil
			inCard[i] = true
			continue
		}
		alikeLead[k] = i
	}
	for _, ex := range explained {
		slices.Sort(ex) // in the report's order, whichever like finding explained them
	}
	// A card takes the place of its earliest member: a cause found after
	// the errors it explains is shown where the first of them was.
	first := make([]int, len(fs))
	for i := range first {
		first[i] = i
	}
	for c, ex := range explained {
		for _, i := range ex {
			first[c] = min(first[c], i)
		}
	}
	var cards []Card
	byPlace := make([]int, len(fs)) // place → card index + 1
	for i := range fs {
		if inCard[i] {
			continue
		}
		card := Card{Lead: i, Explained: explained[i], Alike: alike[i], Severity: fs[i].Severity, Reading: fs[i].Reading()}
		for _, j := range card.Members() {
			card.Severity = maxSeverity(card.Severity, fs[j].Severity)
		}
		cards = append(cards, card)
		byPlace[first[i]] = len(cards)
	}
	ordered := make([]Card, 0, len(cards))
	for _, k := range byPlace {
		if k > 0 {
			ordered = append(ordered, cards[k-1])
		}
	}
	return ordered
}

// SeverityName is the Chinese word people read for a severity: 错误,
// 警告, 提示.
func SeverityName(s string) string {
	switch s {
	case "error":
		return "错误"
	case "warning":
		return "警告"
	}
	return "提示"
}

// SeverityRank orders severities: error 2, warning 1, info 0.
func SeverityRank(s string) int {
	switch s {
	case "error":
		return 2
	case "warning":
		return 1
	}
	return 0
}

func maxSeverity(a, b string) string {
	if SeverityRank(b) > SeverityRank(a) {
		return b
	}
	return a
}

// ReadingAdvice says what the person checking should do about a reading
// doubt: its fix, which buildReport writes with readingAdvice.
func ReadingAdvice(r Report, f Finding) string {
	if f.Fix != "" {
		return f.Fix
	}
	kind := ""
	if r.Input != nil {
		kind = r.Input.Kind
	}
	return readingAdvice(kind, f.Where)
}

// readingAdvice is the one wording of what to do about a part the
// checker could not read for certain, by what the report was read from:
// look at the PDF page, open the original Word document or web page at
// that table, or paste the table again from Word or WPS (tab-separated
// cells are read for certain).
func readingAdvice(inputKind string, w *Where) string {
	switch {
	case w != nil && w.Page > 0:
		return "请打开 PDF 原件第 " + strconv.Itoa(w.Page) + " 页核对此处；如有 .docx 原件，用原件检查更准确"
	case inputKind == "pdf":
		return "请打开 PDF 原件核对此处；如有 .docx 原件，用原件检查更准确"
	case inputKind == "docx":
		return "请打开原 Word 文档核对此处表格"
	case inputKind == "html":
		return "请打开原网页核对此处表格；也可从 Word 或 WPS 原件复制表格后重新粘贴检查"
	}
	return "请打开报告原件（.docx 或 PDF）核对此处；或从 Word 或 WPS 原件复制整张表格（保留表格的分格）后重新粘贴检查"
}
