package parse

import "github.com/nianbao/nianbao/core/format"

// When digits run together split in more than one way that the row's own
// total allows, the table's identities across rows decide: each column's
// 本年新收 + 上年结转 = （七）总计 + 结转下年度 and （七）总计 = the sum of the
// results (表三 only; 表二 and 表四 have none across rows). Only a single
// combination of splits that satisfies every identity it can be checked
// against is taken, and its cells are marked Settled: the A rules must not
// report as verified what was used to choose the reading. Otherwise the
// rows stay unread.

const maxCombos = 4096

type openRun struct {
	unit int
	sp   *splitSet
	row  int // first row it fills
}

func (rd *reading) resolveFused() {
	var open []openRun
	combos := 1
	for i := range rd.units {
		rl := rd.p.roles[i]
		u := &rd.units[i]
		if u.kind != uFused || rl.kind != rFill {
			continue
		}
		sp := rd.al.splits(u, int(rl.k))
		if len(sp.cands) > 1 {
			open = append(open, openRun{i, sp, int(rl.r)})
			combos = min(combos*len(sp.cands), maxCombos+1)
		}
	}
	if len(open) == 0 {
		return
	}
	// Rows on which every split agrees are read; the others need the
	// identities.
	giveUp := func() {
		for _, o := range open {
			rd.place(o, 0)
			for _, r := range rd.rowsOf(o) {
				if !rd.agree(o, r) {
					rd.unread[r] = o.unit
				}
			}
		}
	}
	if rd.tp.id != "applications" || combos > maxCombos {
		giveUp()
		return
	}
	pick := make([]int, len(open))
	var found []int
	count := 0
	involved := make([]bool, len(rd.tp.rows))
	var rec func(k int)
	rec = func(k int) {
		if count > 1 {
			return
		}
		if k == len(open) {
			ok, inv := rd.identitiesHold()
			if ok {
				count++
				found = append(found[:0], pick...)
				copy(involved, inv)
			}
			return
		}
		for c := range open[k].sp.cands {
			pick[k] = c
			rd.place(open[k], c)
			rec(k + 1)
		}
	}
	rec(0)
	if count != 1 {
		giveUp()
		return
	}
	for k, o := range open {
		rd.place(o, found[k])
		for _, r := range rd.rowsOf(o) {
			if !rd.agree(o, r) && !involved[r] {
				// No identity could be checked on this row: its split is a
				// guess, not a reading.
				giveUp()
				return
			}
		}
	}
	for _, o := range open {
		for _, r := range rd.rowsOf(o) {
			if !rd.agree(o, r) {
				rd.settled(r)
			}
		}
	}
}

// agree: every split of run o gives row r the same cells.
func (rd *reading) agree(o openRun, r int) bool {
	// Offset of row r's first cell in the run.
	off := 0
	for x := o.row; x < r; x++ {
		off += rd.tp.width(x)
	}
	w := rd.tp.width(r)
	first := o.sp.cands[0]
	for _, c := range o.sp.cands[1:] {
		for j := off; j < off+w && j < len(c); j++ {
			if c[j].Text != first[j].Text {
				return false
			}
		}
	}
	return true
}

func (rd *reading) rowsOf(o openRun) []int {
	var out []int
	cells := o.sp.cells
	for r := o.row; r < len(rd.tp.rows) && cells > 0; r++ {
		out = append(out, r)
		cells -= rd.tp.width(r)
	}
	return out
}

// place puts split c of run o in its slots.
func (rd *reading) place(o openRun, c int) {
	cand := o.sp.cands[c]
	r, col := o.row, 0
	for j := range cand {
		rd.slots[r][col] = &cand[j]
		col++
		if col == rd.tp.width(r) {
			r, col = r+1, 0
		}
	}
}

// settled marks row r as chosen by the identities (applied when the cells
// are made).
func (rd *reading) settled(r int) {
	if rd.settledRows == nil {
		rd.settledRows = make([]bool, len(rd.tp.rows))
	}
	rd.settledRows[r] = true
}

// identitiesHold evaluates 表三's column identities on the slots; it also
// says which rows took part in one that could be checked.
func (rd *reading) identitiesHold() (bool, []bool) {
	idx := map[string]int{}
	for r, row := range rd.tp.rows {
		idx[row.ID] = r
	}
	inv := make([]bool, len(rd.tp.rows))
	value := func(r, c int) (float64, bool) {
		if r < 0 || rd.refused[r] || rd.unread[r] >= 0 || rd.filled[r] < rd.tp.width(r) {
			return 0, false
		}
		s := rd.slots[r][c]
		if s == nil || s.Kind != TValue || s.Num.Kind != 2 { // normalize.Int
			return 0, false
		}
		return s.Num.Value, true
	}
	get := func(id string) int {
		if r, ok := idx[id]; ok {
			return r
		}
		return -1
	}
	results := format.T3ResultRows(rd.tp.rows)
	W := len(format.T3Columns)
	for c := 0; c < W; c++ {
		// A01: 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理.
		rows := []int{get("new"), get("carry_in"), get("results_total"), get("carry_out")}
		var v [4]float64
		ok := true
		for k, r := range rows {
			var good bool
			v[k], good = value(r, c)
			ok = ok && good
		}
		if ok {
			if v[0]+v[1] != v[2]+v[3] {
				return false, nil
			}
			for _, r := range rows {
				inv[r] = true
			}
		}
		// A03: （七）总计 = the sum of the results.
		total, ok := value(get("results_total"), c)
		sum := 0.0
		for _, row := range results {
			x, good := value(get(row.ID), c)
			ok = ok && good
			sum += x
		}
		if ok {
			if sum != total {
				return false, nil
			}
			inv[get("results_total")] = true
			for _, row := range results {
				inv[get(row.ID)] = true
			}
		}
	}
	return true, inv
}
