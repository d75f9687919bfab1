package rules

import "github.com/nianbao/nianbao/core/parse"

// The direction of a text-vs-table finding (X rules). The text and a table
// cell disagree; which one is wrong? The table's own identities (the 勾稽
// relations of A01–A03, A05–A08) decide, and only they:
//
//   - the identities that use the cell all hold: the table is confirmed.
//     期望 (Expected) is the table's value, 实际 (Actual) the text's, and
//     the fix says to change the text;
//   - some fail, and the text's number in the cell would make every one of
//     them hold: the cell is wrong. 期望 is the text's value, 实际 the
//     table's, and the fix points at the cell;
//   - otherwise (no identity uses the cell, they hold only as 0 = 0, or
//     they fail either way): the checker cannot tell. 期望 is the table's value, 实际 the text's, and
//     the fix asks to check both, never naming one to change.
//
// So no X finding suggests a change the table's identities contradict (A04
// in the same report names the cell that balances the table; an X finding
// never asks to set another value there). A finding that rests on a cell
// the reader inferred is the reading's doubt (KindReading).

// cellRef names one cell of a table.
type cellRef struct{ row, col string }

// verdict is what the identities say about the table's side.
type verdict uint8

const (
	undecided   verdict = iota // no identity decides
	tableHolds                 // the identities using the cells all hold
	tableWrong                 // they fail, and the text's number makes them hold
	tableBroken                // they fail, and the text's number does not mend them
)

// judge asks the identities of t about cells, whose sum the table gives
// as tableVal against the text's textVal. Only a single cell can be found
// wrong (a sum could be mended in many ways).
func judge(p *Pass, t *parse.Table, cells []cellRef, tableVal, textVal float64) verdict {
	if t == nil {
		return undecided
	}
	var uses []evaluation
	covered := map[cellRef]bool{}
	evals := p.evaluations()
	for k := range evals {
		e := &evals[k]
		if e.id.table != t {
			continue
		}
		for _, c := range cells {
			if signIn(e.id, c.row, c.col) != 0 {
				if !e.verifiable() {
					break
				}
				uses = append(uses, *e)
				covered[c] = true
				break
			}
		}
	}
	if len(uses) == 0 {
		return undecided
	}
	holds := true
	for _, e := range uses {
		holds = holds && e.residual == 0
	}
	if holds {
		if len(covered) < len(cells) || allZero(uses) {
			// A cell no identity checks; or identities of zeros only
			// (a table left at 0 balances, and confirms nothing).
			return undecided
		}
		return tableHolds
	}
	if len(cells) != 1 {
		return tableBroken
	}
	c := cells[0]
	for _, e := range uses {
		if e.residual+float64(signIn(e.id, c.row, c.col))*(textVal-tableVal) != 0 {
			return tableBroken
		}
	}
	return tableWrong
}

// textVsTable fills Expected, Actual, Fix and Kind of a finding f that the
// text's number (textVal, as written: textShown) differs from the table's
// (tableVal, the sum of cells of t). toText is the fix when the table is
// confirmed ("将正文的 17 件改为 95 件"); toTable when the cell is wrong.
func textVsTable(p *Pass, f *Finding, t *parse.Table, cells []cellRef, tableVal, textVal float64, textShown, toText string) {
	name := TableName(t.ID)
	for _, c := range cells {
		if cl := t.Cell(c.row, c.col); cl != nil && cl.Unsure && f.Kind != KindReading {
			// The table's number is the reader's inference (digits run
			// together, split by the table's identities): the
			// disagreement may be the reading's, not the report's.
			f.Kind = KindReading
			f.Message += "（" + where(t, c.row, c.col) + "是从连在一起的数字推断拆出的，未能确定）"
		}
	}
	if f.Kind == KindReading {
		f.Expected, f.Actual = fmtNum(tableVal), textShown
		return
	}
	switch judge(p, t, cells, tableVal, textVal) {
	case tableHolds:
		f.Expected, f.Actual = fmtNum(tableVal), textShown
		what := "该数与所在行、列的合计关系相符"
		if len(cells) > 1 {
			what = "这些数与所在行、列的合计关系相符"
		}
		f.Fix = name + what + "，以表格为准：" + toText
	case tableWrong:
		c := cells[0]
		f.Expected, f.Actual = textShown, fmtNum(tableVal)
		f.Fix = "将" + where(t, c.row, c.col) + "改为 " + textShown + "（该格所在行、列的合计关系不平，改为正文的 " + textShown + " 后即成立）"
	case tableBroken:
		f.Expected, f.Actual = fmtNum(tableVal), textShown
		f.Fix = "核对正文与" + name + "，改正其中错误的一处（" + name + "本身勾稽不平，见 A 类问题）"
	default:
		f.Expected, f.Actual = fmtNum(tableVal), textShown
		f.Fix = "核对正文与" + name + "，改正其中错误的一处"
	}
}

// allZero: every cell of the identities is 0.
func allZero(es []evaluation) bool {
	for _, e := range es {
		for _, tm := range e.id.terms {
			if c := e.id.table.CellAt(tm.r, tm.c); c.Known() && c.Num.Value != 0 {
				return false
			}
		}
	}
	return true
}
