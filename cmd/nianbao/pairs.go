package main

import (
	"fmt"
	"io"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/render"
	"github.com/nianbao/nianbao/core/review"
)

// A batch often holds one unit's reports of several years. Memory stays
// bounded: a first pass reads each file for its unit and year only
// (review.Pair pairs them), and the check reads last year's file again
// when it needs it; no text is kept across files.

// planPairs returns, for each file, the index in files of last year's
// report of the same unit, or -1, and says on stderr which pairs it made
// (and which it could not make for sure).
func planPairs(files []string, env input.Env, stderr io.Writer) []int {
	ids := make([]review.UnitYear, len(files))
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
	}
	prevOf := make([]int, len(files))
	for i, m := range review.Pair(ids) {
		prevOf[i] = m.Prev
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
	return prevOf
}

// previousText reads last year's report for a check; "" when it cannot
// be read (it is checked on its own and the error said there).
func previousText(path string, env input.Env) string {
	raw, err := readLimited(path)
	if err != nil {
		return ""
	}
	doc, ierr := core.Read(path, raw, env)
	if ierr != nil {
		return ""
	}
	return doc.Text
}
