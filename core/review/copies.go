package review

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/nianbao/nianbao/core/similar"
)

// Copy is one report of another unit whose narrative this report shares
// (雷同, named a failure by 国办公开办函〔2021〕30号), as seen from this
// report: the other unit, how much is shared and where.
type Copy struct {
	OtherAgency string
	OtherYear   int
	OtherSource string
	Similarity  float64 // share of the shorter narrative's sentences found in the other
	Same        int     // sentences in both
	Sentences   int     // sentences of this report that count
	Passages    []CopyPassage
}

// CopyPassage is a run of shared sentences: its lines in this report and
// in the other, and its first sentence as one of the two writes it (clipped).
type CopyPassage struct {
	Lines, OtherLines [2]int
	Text              string
}

// CopyBasis is what a 雷同 item cites.
const CopyBasis = "国办公开办函〔2021〕30号：出现“内容雷同、敷衍塞责”等问题并造成不良后果的，依据《中华人民共和国政府信息公开条例》第四十七条追究责任"

// Copies turns the pairs of a batch (similar.Index.Pairs, ids being the
// reports' sources) into what each report is told, keyed by source.
func Copies(pairs []similar.Pair) map[string][]Copy {
	out := map[string][]Copy{}
	for _, p := range pairs {
		for side := 0; side < 2; side++ {
			this, other := p.A, p.B
			if side == 1 {
				this, other = p.B, p.A
			}
			c := Copy{OtherAgency: p.Agencies[1-side], OtherYear: p.Years[1-side], OtherSource: other,
				Similarity: p.Similarity, Same: p.Same, Sentences: p.Sentences[side]}
			for _, s := range p.Shared {
				cp := CopyPassage{Lines: s.ALines, OtherLines: s.BLines, Text: s.Text}
				if side == 1 {
					cp.Lines, cp.OtherLines = s.BLines, s.ALines
				}
				c.Passages = append(c.Passages, cp)
			}
			out[this] = append(out[this], c)
		}
	}
	for _, cs := range out {
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].Similarity > cs[j].Similarity })
	}
	return out
}

// MaxCopies is how many other units' reports a report's summary cell and
// 整改清单 name one by one (most similar first); a template copied by a
// whole county would otherwise fill the list. The 疑似雷同 sheet lists
// every pair.
const MaxCopies = 5

// Other names the other report: its unit and year, or its file.
func (c Copy) Other() string {
	name := c.OtherAgency
	if name == "" {
		name = "（未识别单位）" + c.OtherSource
	}
	if c.OtherYear > 0 {
		name += "（" + strconv.Itoa(c.OtherYear) + " 年度）"
	}
	return name
}

// Summary says it in one line, for the summary sheet and the 整改清单.
func (c Copy) Summary() string {
	return fmt.Sprintf("与%s的报告雷同：%.0f%% 的正文句子相同（%d 句）", c.Other(), c.Similarity*100, c.Same)
}

// PassageLine describes one shared passage.
func (p CopyPassage) PassageLine() string {
	return fmt.Sprintf("本报告原文第 %s 行，对方第 %s 行：%s", lineRange(p.Lines), lineRange(p.OtherLines), p.Text)
}

func lineRange(r [2]int) string {
	if r[1] <= r[0] {
		return strconv.Itoa(r[0])
	}
	return strconv.Itoa(r[0]) + "–" + strconv.Itoa(r[1])
}
