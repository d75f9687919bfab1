package rules

import (
	"strings"

	"github.com/nianbao/nianbao/core/format"
)

// One cause, one message, for the numbering of the top-level headings.
//
// A report numbers its headings one after the other. When one heading too
// many stands among them ("二、政府信息依申请公开情况" inserted after 一),
// every official part after it is numbered one too high; when a part is
// missing, every part after it one too low; when the official parts start
// again from "一、" after the unit's own numbered headings, all of them are
// off by the same amount. Each misnumbered part is then not a mistake of
// its own: renumbering them one by one would make a second "二、". The
// misnumbered parts are explained by their cause (S03's findings carry
// explained_by), and the cause carries the one fix that restores them.

// numCause is one cause of misnumbered parts.
type numCause struct {
	kind    string // "inserted", "missing" or "restart"
	at      int    // index in Doc.Headings: the first extra heading, the restart, or the heading the missing parts stand before
	extras  []int  // the extra headings that shift the numbering ("inserted"), or that came before a restart
	missing []int  // the sections missing ("missing")
	// explained: the official headings whose numeral the cause accounts
	// for, in order.
	explained []int
}

type numbering struct {
	causes  []numCause
	causeOf map[int]int // heading index → index in causes, for the misnumbered parts explained
}

// numberingOf works out, once per report, which misnumbered parts a
// structural cause explains. It follows the report's own numbering: each
// numbered heading is the one before plus one (or "一、" again, a restart).
// An extra heading that continues the numbering raises the offset of the
// official parts after it by one; a missing part the numbering does not
// skip lowers it by one; a restart sets it. A part whose numeral is off by
// exactly that offset is explained by the latest cause; any other wrong
// numeral is a mistake of its own.
func (p *Pass) numberingOf() *numbering {
	if p.Facts.numbers != nil {
		return p.Facts.numbers
	}
	n := &numbering{causeOf: map[int]int{}}
	p.Facts.numbers = n
	hs := p.Doc.Headings
	prev, lastSec, offset := 0, 0, 0
	cur := -1         // index in n.causes of the cause of the current offset
	var pending []int // extra headings since the last official part, in the numbering
	for i, h := range hs {
		v := format.NumeralValue(h.Numeral)
		if h.Section == 0 {
			if v > 0 && prev > 0 && v == prev+1 {
				pending = append(pending, i)
				offset++
				if cur >= 0 && n.causes[cur].kind == "inserted" {
					n.causes[cur].extras = append(n.causes[cur].extras, i)
				} else {
					n.causes = append(n.causes, numCause{kind: "inserted", at: i, extras: []int{i}})
					cur = len(n.causes) - 1
				}
			}
			if v > 0 {
				prev = v
			}
			continue
		}
		missing := 0
		if h.Section > lastSec+1 {
			missing = h.Section - lastSec - 1
		}
		if v > 0 {
			switch {
			case v == 1 && h.Section != 1 && prev > 0:
				n.causes = append(n.causes, numCause{kind: "restart", at: i, extras: pending})
				cur = len(n.causes) - 1
				offset = 1 - h.Section
			case missing > 0 && v == prev+1:
				var secs []int
				for s := lastSec + 1; s < h.Section; s++ {
					secs = append(secs, s)
				}
				n.causes = append(n.causes, numCause{kind: "missing", at: i, missing: secs})
				cur = len(n.causes) - 1
				offset -= missing
			case prev > 0 && v != prev+1 && v != prev+1+missing:
				// The report's own numbering breaks here ("二、" after
				// an extra "二、", "五、" after "三、" with nothing
				// missing): what follows is measured from here, with
				// no cause.
				offset, cur = v-h.Section, -1
			}
			if d := v - h.Section; d != 0 && d == offset && cur >= 0 {
				n.causes[cur].explained = append(n.causes[cur].explained, i)
				n.causeOf[i] = cur
			}
			prev = v
		}
		pending = nil
		lastSec = max(lastSec, h.Section)
	}
	// A cause that explains no misnumbered part is no cause: an extra
	// heading whose numbering the unit corrected after it is S04 alone.
	kept := n.causes[:0]
	remap := map[int]int{}
	for i, c := range n.causes {
		if len(c.explained) > 0 {
			remap[i] = len(kept)
			kept = append(kept, c)
		}
	}
	n.causes = kept
	for h, c := range n.causeOf {
		n.causeOf[h] = remap[c]
	}
	return n
}

// key of a structural finding, for linking a cause to what it explains:
// "S03@4" is S03's finding on heading 4.
func headKey(rule string, heading int) string { return rule + "@" + itoa(heading) }

// numeralRange says which numerals a cause accounts for: "“三、”至“七、”应为
// “二、”至“六、”", or "“一、”应为“二、”" for one.
func (p *Pass) numeralRange(c numCause) string {
	hs := p.Doc.Headings
	first, last := hs[c.explained[0]], hs[c.explained[len(c.explained)-1]]
	want := func(h int) string { return format.Sections[hs[h].Section-1].Numeral + "、" }
	if len(c.explained) == 1 {
		return "“" + first.Numeral + "、" + first.Title + "”应为“" + want(c.explained[0]) + "”"
	}
	return "“" + first.Numeral + "、”至“" + last.Numeral + "、”（" + itoa(len(c.explained)) + " 个部分）应依次为“" + want(c.explained[0]) + "”至“" + want(c.explained[len(c.explained)-1]) + "”"
}

// explainKeys are the findings a cause explains: S03 on each part it
// accounts for, and S04/S05 on its extra headings.
func explainKeys(c numCause) []string {
	var keys []string
	for _, h := range c.explained {
		keys = append(keys, headKey("S03", h))
	}
	for _, h := range c.extras {
		keys = append(keys, headKey("S04", h), headKey("S05", h))
	}
	return keys
}

// reportNumberingCauses reports the causes S03 owns (an inserted heading,
// a restart); a missing part is S01's finding (see runS01).
func reportNumberingCauses(p *Pass) {
	hs := p.Doc.Headings
	for _, c := range p.numberingOf().causes {
		h := hs[c.at]
		heading := "“" + h.Numeral + "、" + h.Title + "”"
		var f Finding
		switch c.kind {
		case "inserted":
			msg, fix := "多了一个一级标题"+heading+"（不是规定的六部分之一）", "删除或并入这一标题，其后各部分序号随之恢复"
			if len(c.extras) > 1 {
				var names []string
				for _, e := range c.extras {
					names = append(names, "“"+hs[e].Numeral+"、"+clip(hs[e].Title, 16)+"”")
				}
				msg = "多了 " + itoa(len(c.extras)) + " 个一级标题（" + strings.Join(names, "、") + "，都不是规定的六部分）"
				fix = "删除或并入这些标题，其后各部分序号随之恢复"
			}
			f = Finding{Span: h.Span, Actual: h.Numeral + "、" + h.Title,
				Message: msg + "，其后各部分的序号因此依次后移：" + p.numeralRange(c),
				Fix:     fix}
		case "restart":
			msg := "规定的各部分从" + heading + "起重新从“一、”编号，序号因此都错了：" + p.numeralRange(c)
			fix := "规定的六部分依次编为一、至六、，不要重新编号"
			if len(c.extras) > 0 {
				first, last := hs[c.extras[0]], hs[c.extras[len(c.extras)-1]]
				names := "“" + first.Numeral + "、" + clip(first.Title, 16) + "”"
				if len(c.extras) > 1 {
					names += "至“" + last.Numeral + "、" + clip(last.Title, 16) + "”" + itoa(len(c.extras)) + " 个标题"
				}
				msg += "；此前的" + names + "不是规定的部分，用了一级标题的序号"
				parent := "上一部分"
				for k := c.extras[0] - 1; k >= 0; k-- {
					if hs[k].Section != 0 {
						parent = "“" + hs[k].Numeral + "、" + hs[k].Title + "”"
						break
					}
				}
				fix = "将" + names + "改为" + parent + "下的子标题（（一）（二）…），规定的六部分依次编为一、至六、"
			}
			f = Finding{Span: h.Span, Expected: format.Sections[h.Section-1].Numeral + "、", Actual: h.Numeral + "、", Message: msg, Fix: fix}
		default:
			continue
		}
		f.explains = explainKeys(c)
		f.fixExplained = f.Fix
		p.Report(f)
	}
}

// missingCause is the numbering cause a missing section n is, if any: the
// parts after it numbered as if it were there not.
func (p *Pass) missingCause(n int) *numCause {
	for i, c := range p.numberingOf().causes {
		if c.kind != "missing" {
			continue
		}
		for _, s := range c.missing {
			if s == n {
				return &p.numberingOf().causes[i]
			}
		}
	}
	return nil
}
