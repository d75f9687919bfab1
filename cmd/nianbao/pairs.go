package main

import (
	"fmt"
	"io"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/render"
	"github.com/nianbao/nianbao/core/rules"
)

// A batch often holds one unit's reports of several years (a reviewer's
// folder of 2023 and 2024 reports). Each report whose unit has last year's
// report in the batch is checked with it, as with --prev: the cross-year
// rules (C01–C05, P02) need no flag. Memory stays bounded: a first pass
// reads each file for its unit and year only, and the check reads last
// year's file again when it needs it; no text is kept across files.

// unitYear is what the first pass keeps of a report.
type unitYear struct {
	agency string
	year   int
}

// planPairs returns, for each file, the index in files of last year's
// report of the same unit, or -1, and says on stderr which pairs it made
// (and which it could not make for sure).
func planPairs(files []string, env input.Env, stderr io.Writer) []int {
	ids := make([]unitYear, len(files))
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
		ids[i].agency, ids[i].year = core.Identify(doc.Text)
	}
	prevOf := make([]int, len(files))
	for i := range files {
		prevOf[i] = -1
		this := ids[i]
		if this.agency == "" || this.year == 0 {
			continue
		}
		// The closest match wins: the same name as written, then the same
		// name once 人民政府/办公室 variants are folded, then a name that
		// can be the same unit (a region prefix more or less, an
		// abbreviation).
		var found []int
		for _, same := range []func(a, b string) bool{
			func(a, b string) bool { return normalize.Label(a) == normalize.Label(b) },
			func(a, b string) bool { return rules.AgencyKey(a) == rules.AgencyKey(b) },
			core.SameAgency,
		} {
			for j, prev := range ids {
				if prev.year == this.year-1 && prev.agency != "" && same(this.agency, prev.agency) {
					found = append(found, j)
				}
			}
			if len(found) > 0 {
				break
			}
		}
		if len(found) == 0 {
			continue
		}
		// Several copies of one report (the same name): the first. Several
		// units that the name could be: none, rather than a wrong pair.
		names := []string{}
		for _, j := range found {
			if n := normalize.Label(ids[j].agency); len(names) == 0 || names[len(names)-1] != n {
				names = append(names, n)
			}
		}
		if len(names) > 1 {
			fmt.Fprintf(stderr, "nianbao: 跨年度比对：%s %d 年度报告（%s）的上年报告不能确定（%d 份可能），未比对；可用 --prev 指定\n",
				render.Safe(this.agency), this.year, render.Safe(files[i]), len(found))
			continue
		}
		j := found[0]
		prevOf[i] = j
		fmt.Fprintf(stderr, "nianbao: 跨年度比对：%s %d（%s）↔ %s %d（%s）\n",
			render.Safe(ids[j].agency), ids[j].year, render.Safe(files[j]), render.Safe(this.agency), this.year, render.Safe(files[i]))
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
