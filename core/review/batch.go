package review

import (
	"sort"
	"time"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/similar"
)

// Reviewed is what the outputs need of one report: its summary row and its
// findings. The tables, the bulk of a report, are dropped once the key
// figures are read.
type Reviewed struct {
	Row    Row
	Report core.Report
}

// Batch collects checked reports one at a time, as the command line and
// the page check them: each report leaves its summary row, its findings
// and a few KB of sentence hashes (for 雷同 across units), never its text.
type Batch struct {
	items  []Reviewed
	copies similar.Index
}

// Add keeps a checked report (core.CheckSketched) and returns what was
// kept of it.
func (b *Batch) Add(rep core.Report, sketch similar.Doc) Reviewed {
	row := SummaryRow(rep)
	rep.Tables = nil
	if len(sketch.Sentences) > 0 {
		b.copies.Add(sketch)
	}
	it := Reviewed{Row: row, Report: rep}
	b.items = append(b.items, it)
	return it
}

// AddUnreadable keeps a file that could not be checked, with the reason.
func (b *Batch) AddUnreadable(source, reason string) Reviewed {
	it := Reviewed{Row: UnreadableRow(source, reason), Report: core.Report{Source: source}}
	b.items = append(b.items, it)
	return it
}

// AddOther keeps a file of another kind that was not checked (OtherRow).
func (b *Batch) AddOther(source, what string) Reviewed {
	it := Reviewed{Row: OtherRow(source, what), Report: core.Report{Source: source}}
	b.items = append(b.items, it)
	return it
}

// Len is the number of reports kept.
func (b *Batch) Len() int { return len(b.items) }

// Done compares the reports for 雷同 (each row learns the other units'
// reports it shares its narrative with) and returns them in the order of
// Sort.
func (b *Batch) Done() []Reviewed {
	byReport := Copies(b.copies.Pairs(similar.DefaultMinSimilarity))
	for i := range b.items {
		b.items[i].Row.Copies = byReport[b.items[i].Row.Source]
	}
	items := b.items
	sort.SliceStable(items, func(i, j int) bool { return Less(items[i].Row, items[j].Row) })
	return items
}

// Meta heads every 整改清单 and the summary's printed pages.
type Meta struct {
	Date    string // 检查日期
	Checker string // 检查器版本
}

// NewMeta is the heading of a review made at now.
func NewMeta(now time.Time) Meta {
	return Meta{Date: now.Format("2006年1月2日"), Checker: "nianbao " + core.Version + "（" + core.RulesetStamp() + "）"}
}
