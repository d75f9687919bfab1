package page

import (
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/core"
)

// Mark is a stretch of one line of the report that findings point at: what
// the page underlines in the text, the way a word processor marks a
// proofing error. Start and End count runes of the line; an empty line
// has an empty mark (Start == End == 0), marked as a whole.
type Mark struct {
	Line       int    // 1-based
	Start, End int    // runes of the line, End >= Start
	Findings   []int  // indexes in Report.Findings, in order
	Severity   string // the most serious of theirs
}

// maxProse bounds the underline of a finding in prose: the JSON names
// where a finding starts, not where it ends, so the page underlines up to
// the end of the sentence, at most this many characters.
const maxProse = 40

// Marks lays out the underlines of a report's findings over its lines
// (lines[0] is line 1). A finding on a table cell underlines the cell's
// text; one on a table row, the rest of the row's line; one in prose, up
// to the end of its sentence. Overlapping stretches are split so that
// each piece names every finding over it. Findings without a line (the
// report as a whole) have no mark. Marks come in text order.
func Marks(r core.Report, lines []string) []Mark {
	type span struct{ s, e, i int }
	byLine := map[int][]span{}
	var order []int
	for i, f := range r.Findings {
		if f.Line < 1 || f.Line > len(lines) {
			continue
		}
		s, e := markSpan(lines[f.Line-1], f, cellAt(r, f))
		if _, ok := byLine[f.Line]; !ok {
			order = append(order, f.Line)
		}
		byLine[f.Line] = append(byLine[f.Line], span{s, e, i})
	}
	sortInts(order)
	var out []Mark
	for _, n := range order {
		spans := byLine[n]
		if len(lines[n-1]) == 0 { // an empty line: marked as a whole
			m := Mark{Line: n}
			for _, sp := range spans {
				m.Findings = append(m.Findings, sp.i)
			}
			m.Severity = WorstOf(r.Findings, m.Findings)
			out = append(out, m)
			continue
		}
		// Cut the line at every start and end; each piece covered by some
		// span is a mark naming all of them.
		var cuts []int
		for _, sp := range spans {
			cuts = append(cuts, sp.s, sp.e)
		}
		sortInts(cuts)
		cuts = uniqInts(cuts)
		for k := 0; k+1 < len(cuts); k++ {
			m := Mark{Line: n, Start: cuts[k], End: cuts[k+1]}
			for _, sp := range spans {
				if sp.s <= m.Start && m.End <= sp.e {
					m.Findings = append(m.Findings, sp.i)
				}
			}
			if len(m.Findings) == 0 {
				continue
			}
			m.Severity = WorstOf(r.Findings, m.Findings)
			out = append(out, m)
		}
	}
	return out
}

// cellAt is the table cell a finding names when the finding is on it (a
// finding in prose may name a cell it compares with).
func cellAt(r core.Report, f core.Finding) *core.Cell {
	if f.Table == "" || f.Row == "" || f.Column == "" {
		return nil
	}
	c, ok := r.Tables[f.Table].Cell(f.Row, f.Column)
	if !ok || c.Line != f.Line || c.Col != f.Col {
		return nil
	}
	return &c
}

// markSpan is the stretch of line a finding underlines, in runes.
func markSpan(line string, f core.Finding, cell *core.Cell) (s, e int) {
	rs := []rune(line)
	s = min(max(f.Col-1, 0), len(rs))
	switch {
	case cell != nil && cell.Raw != "":
		e = s + len([]rune(cell.Raw))
	case f.Table != "" && f.Row != "":
		e = len(rs) // a row: the rest of its line
	default:
		e = s
		for e < len(rs) && e < s+maxProse {
			e++
			if strings.ContainsRune("。；！？;!?", rs[e-1]) {
				break
			}
		}
	}
	e = min(e, len(rs))
	for e > s && unicode.IsSpace(rs[e-1]) {
		e--
	}
	for s < e && unicode.IsSpace(rs[s]) {
		s++
	}
	if s == e { // nothing to underline there: at least one character
		if s == len(rs) && s > 0 {
			s--
		}
		e = min(s+1, len(rs))
	}
	return s, e
}

// WorstOf is the most serious severity among the report's findings at
// idx, or "reading" when all of them are reading doubts (the checker's,
// marked apart, never as the report's problem).
func WorstOf(findings []core.Finding, idx []int) string {
	w := ""
	for _, i := range idx {
		if findings[i].Reading() {
			continue
		}
		switch findings[i].Severity {
		case "error":
			return "error"
		case "warning":
			w = "warning"
		default:
			if w == "" {
				w = "info"
			}
		}
	}
	if w == "" && len(idx) > 0 {
		return "reading"
	}
	if w == "" {
		return "info"
	}
	return w
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func uniqInts(a []int) []int {
	out := a[:0]
	for i, v := range a {
		if i == 0 || v != a[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// SplitLines splits text into its lines as the core counts them ("\n",
// "\r\n" and a lone "\r" end a line); a text ending in a line break has an
// empty last line, as a <textarea> shows it.
func SplitLines(text string) []string {
	return strings.Split(UnixNewlines(text), "\n")
}

// UnixNewlines turns "\r\n" and a lone "\r" into "\n", as a <textarea>
// does with what it is given: the text checked is the text shown.
func UnixNewlines(text string) string {
	if strings.IndexByte(text, '\r') < 0 {
		return text
	}
	return strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
}
