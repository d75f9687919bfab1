package parse

import (
	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/source"
)

// Digits run together ("230000023": the separators between the cells of a
// row were lost) are split into cells only in the ways the row's own total
// allows (总计 = the sum of the other cells). When several splits fit, the
// table's identities across rows may decide later (tiebreak.go); a run that
// cannot be split with confidence is reported as unreadable, never guessed.

// splitSet: the splits of one run into a number of cells.
type splitSet struct {
	cells int
	cands [][]Tok
	many  bool // more splits fit than maxSplits, or the search gave up
	tried int  // steps the search took
}

const (
	maxSplits  = 16      // splits kept per run
	maxTries   = 200000  // splits tried at most per run: longer runs are unreadable
	tableTries = 2000000 // and per table, whatever the number of runs
)

// splits returns (and remembers) the splits of fused unit u into cells.
func (al *aligner) splits(u *unit, cells int) *splitSet {
	for i := range u.splits {
		if u.splits[i].cells == cells {
			return &u.splits[i]
		}
	}
	row := 0 // no identity: any split
	if al.tp.sumLast {
		row = al.tp.maxW
	}
	budget := min(maxTries, al.tries)
	set := decodeFused(al.toks[u.first], cells, row, budget)
	al.tries -= set.tried
	u.splits = append(u.splits, set)
	return &u.splits[len(u.splits)-1]
}

// decodeFused splits a run of digits into n non-negative integers (no
// leading zeros). With row > 0, every row of that many cells must have its
// last cell equal to the sum of the others; rows are checked as soon as
// they are complete, so that long runs (表四's fifteen cells) stay cheap.
// The search gives up (no split) after maxTries steps: a run that long is
// unreadable, never guessed.
func decodeFused(tok Tok, n int, row int, budget int) splitSet {
	set := splitSet{cells: n}
	// Each digit with its byte offset in the input (full-width digits are
	// three bytes).
	// A space between digits (a run joined from several, see
	// joinSpacedRuns) is certainly between two cells: no cell spans it.
	type digit struct {
		v    int
		off  int
		end  int  // byte offset after the digit
		wall bool // a space before it: a cell starts here
	}
	ds := make([]digit, 0, len(tok.Text))
	wall := false
	for i, r := range tok.Text {
		switch {
		case r >= '0' && r <= '9':
			ds = append(ds, digit{int(r - '0'), tok.Span.Start + i, tok.Span.Start + i + 1, wall})
		case r >= '０' && r <= '９':
			ds = append(ds, digit{int(r - '０'), tok.Span.Start + i, tok.Span.Start + i + 3, wall})
		case r == ' ' && len(ds) > 0:
			wall = true
			continue
		default:
			return set // not a plain run of digits
		}
		wall = false
	}
	// spans: a cell of l digits from pos crosses no space.
	spans := func(pos, l int) bool {
		for k := 1; k < l; k++ {
			if ds[pos+k].wall {
				return false
			}
		}
		return true
	}
	if len(ds) < n || len(ds) > 9*n {
		return set
	}
	cuts := make([]int, 0, n)
	vals := make([]int, 0, n)
	tries := 0
	var rec func(pos int)
	rec = func(pos int) {
		tries++
		if tries > budget {
			set.many = true
			return
		}
		if len(set.cands) >= maxSplits {
			set.many = true
			return
		}
		if row > 0 && len(vals) > 0 && len(vals)%row == 0 {
			s := 0
			for _, x := range vals[len(vals)-row : len(vals)-1] {
				s += x
			}
			if s != vals[len(vals)-1] {
				return
			}
		}
		if len(vals) == n {
			if pos == len(ds) {
				cells := make([]Tok, n)
				for i := 0; i < n; i++ {
					a, b := cuts[i], len(ds)
					if i+1 < n {
						b = cuts[i+1]
					}
					end := ds[b-1].end
					text := tok.Text[ds[a].off-tok.Span.Start : end-tok.Span.Start]
					cells[i] = Tok{Kind: TValue, Row: -1, Text: text, Span: source.Span{Start: ds[a].off, End: end}, Num: normalize.ParseNumber(text)}
				}
				set.cands = append(set.cands, cells)
			}
			return
		}
		remaining := n - len(vals)
		// Too few or too many digits left for the cells left.
		if len(ds)-pos < remaining || len(ds)-pos > 9*remaining {
			return
		}
		if row > 0 && len(vals)%row == row-1 {
			// The last cell of a row must be the sum of the others: read
			// it off instead of trying every length.
			s := 0
			for _, x := range vals[len(vals)-(row-1):] {
				s += x
			}
			l, v := 0, 0
			for {
				if pos+l >= len(ds) || (l > 0 && ds[pos].v == 0) || l > 9 {
					return
				}
				if l > 0 && ds[pos+l].wall {
					return
				}
				v = v*10 + ds[pos+l].v
				l++
				if v == s {
					break
				}
				if v > s {
					return
				}
			}
			vals = append(vals, v)
			cuts = append(cuts, pos)
			rec(pos + l)
			vals = vals[:len(vals)-1]
			cuts = cuts[:len(cuts)-1]
			return
		}
		v := 0
		for l := 1; l <= 9 && pos+l <= len(ds)-(remaining-1); l++ {
			if l > 1 && (ds[pos].v == 0 || !spans(pos, l)) {
				break
			}
			v = v*10 + ds[pos+l-1].v
			vals = append(vals, v)
			cuts = append(cuts, pos)
			rec(pos + l)
			vals = vals[:len(vals)-1]
			cuts = cuts[:len(cuts)-1]
		}
	}
	rec(0)
	set.tried = tries
	if set.many {
		// Given up or too many: no split is trusted.
		set.cands = nil
		set.many = true
	}
	return set
}

// binomial is C(n, k), saturating at a large value.
func binomial(n, k int) int {
	if k < 0 || k > n {
		return 0
	}
	if k > n-k {
		k = n - k
	}
	r := 1
	for i := 1; i <= k; i++ {
		r = r * (n - k + i) / i
		if r > 1<<40 {
			return 1 << 40
		}
	}
	return r
}
