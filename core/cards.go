package core

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
		if f.ExplainedBy != nil && *f.ExplainedBy >= 0 && *f.ExplainedBy < len(fs) && *f.ExplainedBy != i {
			c := *f.ExplainedBy
			explained[c] = append(explained[c], i)
			inCard[i] = true
		}
	}
	// Like findings: the same rule, severity, table and fix on different
	// rows. A cause or a folded count is never merged with others.
	type alikeKey struct{ rule, sev, table, fix string }
	alikeLead := map[alikeKey]int{}
	alike := map[int][]int{}
	for i, f := range fs {
		if inCard[i] || len(explained[i]) > 0 || f.Count > 0 || f.Row == "" || f.Table == "" {
			continue
		}
		k := alikeKey{f.Rule, f.Severity, f.Table, f.Fix}
		if lead, ok := alikeLead[k]; ok {
			alike[lead] = append(alike[lead], i)
			inCard[i] = true
			continue
		}
		alikeLead[k] = i
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
		card := Card{Lead: i, Explained: explained[i], Alike: alike[i], Severity: fs[i].Severity}
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
