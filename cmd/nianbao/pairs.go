package main

import (
	"fmt"
	"io"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/render"
	"github.com/nianbao/nianbao/core/review"
)

// A batch often holds one unit's reports of several years. A first pass
// reads each file and identifies it (unit and year: core.Identify, from
// the title and the prose, without the tables), and review.Pair pairs
// them. The files as read are kept for the check, within a budget
// (planBudget bytes of text in all), so that each file is read (and a
// PDF laid out) once; a file past the budget is read again when it is
// checked. A file read is dropped as soon as nothing more needs it.

// planBudget bounds the text kept between the first pass and the checks.
const planBudget = 64 << 20

// pairPlan is the outcome of the first pass.
type pairPlan struct {
	prevOf []int        // for each file, last year's report of its unit (an index in files), or -1
	docs   []*input.Doc // the files as read, while kept
	uses   []int        // the reads of each kept file still to come: its check, and those it is last year's for
	env    input.Env
	files  []string
}

// planPairs reads and identifies every file, pairs them, and says on
// stderr which pairs it made (and which it could not make for sure).
func planPairs(files []string, env input.Env, stderr io.Writer) *pairPlan {
	p := &pairPlan{prevOf: make([]int, len(files)), docs: make([]*input.Doc, len(files)), uses: make([]int, len(files)), env: env, files: files}
	ids := make([]review.UnitYear, len(files))
	kept := 0
	for i, f := range files {
		if f == "-" {
			continue // standard input can be read only once
		}
		raw, err := readLimited(f)
		if err != nil {
			continue // the check says why
		}
		doc, ierr := core.Read(f, raw, env)
		if ierr != nil {
			continue
		}
		ids[i].Agency, ids[i].Year = core.Identify(doc.Text)
		if kept+len(doc.Text) <= planBudget {
			p.docs[i] = doc
			kept += len(doc.Text)
		}
	}
	for i, m := range review.Pair(ids) {
		p.prevOf[i] = m.Prev
		this := ids[i]
		switch {
		case m.Prev >= 0:
			j := m.Prev
			fmt.Fprintf(stderr, "nianbao: 跨年度比对：%s %d（%s）↔ %s %d（%s）\n",
				render.Safe(ids[j].Agency), ids[j].Year, render.SafeName(files[j]), render.Safe(this.Agency), this.Year, render.SafeName(files[i]))
		case m.Candidates > 1:
			fmt.Fprintf(stderr, "nianbao: 跨年度比对：%s %d 年度报告（%s）的上年报告不能确定（%d 份可能），未比对；可用 --prev 指定\n",
				render.Safe(this.Agency), this.Year, render.SafeName(files[i]), m.Candidates)
		}
	}
	for i := range files {
		p.uses[i]++
		if j := p.prevOf[i]; j >= 0 {
			p.uses[j]++
		}
	}
	return p
}

// take returns file i as the first pass read it, or nil when it was not
// kept (standard input, an unreadable file, past the budget): the caller
// reads it then. Each call is one of the uses counted.
func (p *pairPlan) take(i int) *input.Doc {
	if p == nil {
		return nil
	}
	doc := p.docs[i]
	if p.uses[i]--; p.uses[i] <= 0 {
		p.docs[i] = nil
	}
	return doc
}

// previous returns the text of last year's report for file i, "" when
// there is none or it cannot be read (it is checked on its own and the
// error said there).
func (p *pairPlan) previous(i int) string {
	if p == nil || p.prevOf[i] < 0 {
		return ""
	}
	j := p.prevOf[i]
	if doc := p.take(j); doc != nil {
		return doc.Text
	}
	raw, err := readLimited(p.files[j])
	if err != nil {
		return ""
	}
	doc, ierr := core.Read(p.files[j], raw, p.env)
	if ierr != nil {
		return ""
	}
	return doc.Text
}
