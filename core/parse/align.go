package parse

import (
	"math"
	"sort"

	"github.com/nianbao/nianbao/core/normalize"
)

// The aligner fits the units of a table region to the table's template
// with a dynamic programme over (unit, state), where the state is the next
// cell to fill: row r, column c. Every move has a cost; the reading is the
// cheapest path through all the units. Two readings of the ambiguous marks
// are tried side by side in the same programme (an empty line is a cell, or
// only a separator; the same for a line of tabs: the bits h and ht of the
// state), so the choice is made for the whole table at once and never line
// by line.
//
// After the best path is found, a backward pass gives, for every unit, the
// cost of the best path in which that unit plays another part (another
// cell, or none). A unit whose other part costs less than margin more than
// the best reading is ambiguous: the rows it could belong to are not read
// (a wrong value is worse than a missing one).

// Costs of the moves, in arbitrary units. Negative costs are rewards: a
// label that names the row about to be read is the strongest evidence a
// copy carries.
const (
	costAnchor      = 4   // the labels just before a row's first cell name it
	costAnchorBound = 5   // a label on the same line as the values names their row
	costAfterAnchor = 3   // the label just after a row's last cell names it (reading order)
	costDisplaced   = 2   // a label naming a row further on, passed over
	costBehind      = 0.3 // a label naming a row already read, passed over
	costMidLabel    = 0.5 // text among a row's values
	costConflict    = 4   // values read as another row than the label on their line names
	costMissing     = 8   // a row with no values at all
	costShort       = 6   // a row left with some of its cells unread
	costPartial     = 2   // a row line holding fewer cells than the row has
	costLong        = 6   // a row line holding more cells than the row has
	costStray       = 5   // a value that belongs to no row
	costPseudoRow   = 1   // a line of placeholders only ("| - | - | - |"), passed over
	costPlaceholder = 0.3 // a placeholder fills a cell, but is rarer than a number
	costStrongFill  = 0.3 // a certain blank fills a cell
	costStrongSkip  = 1   // a certain blank between rows, passed over
	costBlankMid    = 4   // a blank inside a row's cells, passed over
	costLooseFill   = 0.3 // an empty line read as a cell (h = 1)
	costLooseSkip   = 0   // an empty line between rows passed over (h = 1): a separator
	costOddSkip     = 2   // an empty line passed over where its kind never otherwise stands
	costFused       = 0.3 // digits run together, split by the row's total
	costFusedBad    = 2   // digits run together that no split fits
	margin          = 1.5 // a reading closer than this to the best one is a tie
	// The programme keeps, at each step, the states within a beam of the
	// best one. A narrow beam reads a clean table (every row filled, no
	// stray, no ambiguity, the best path never near the beam's edge); any
	// other table is read again with the wide beam.
	narrowBeam = 10
	wideBeam   = 24
	maxNodes   = 64 // states kept per step
)

// state: the next cell to fill is (r, c). h: what empty lines are; ht:
// what lines of tabs are; g: row r was begun by a row line (its other
// cells can only come from another row line).
type state struct {
	r, c  int
	h, ht hyp
	g     bool
}

// hyp: a reading of loose blank lines for the whole table. It stays open
// while both readings cost the same (blank lines only between rows), so
// that the programme carries one state instead of two.
type hyp uint8

const (
	hypSep  hyp = iota // separators only
	hypCell            // cells (and separators between rows)
	hypOpen            // not decided yet
)

// roleKind: what a unit does in a reading.
type roleKind uint8

const (
	rLabel  roleKind = iota // a label: names a row, or is passed over
	rSkip                   // a value or blank that belongs to no cell
	rFill                   // fills k cells from (r, c)
	rUnread                 // makes k rows from r unreadable (a row line too long, digits that do not split)
)

type role struct {
	kind roleKind
	r, c int16
	k    int16
}

func (a role) same(b role) bool {
	if a.kind != b.kind {
		return false
	}
	if a.kind == rSkip || a.kind == rLabel {
		return true
	}
	return a.r == b.r && a.c == b.c && a.k == b.k
}

type node struct {
	st   int32 // packed state
	cost float32
	back int32 // node of the previous step it came from
	role role  // what the unit of the previous step did
}

// move is one move of a unit from a state.
type move struct {
	st   int32 // packed
	w    float32
	role role
}

type aligner struct {
	tp    *template
	units []unit
	toks  []Tok
	*scratch
	// hyps: the readings of empty lines (h) and lines of tabs (ht) worth
	// trying: only where the table has such lines.
	hyps []state
	// Per unit: the rows named by the labels just before it (blank lines
	// between allowed), and the row named by the first label after it.
	named []uint64
	next  []int16
	out   []move // the moves of the unit being expanded
	beam  float32
	tries int // what is left of the table's budget for splitting digits
}

// scratch is the aligner's working memory, kept for the tables of one
// report (no globals: each Parse has its own).
type scratch struct {
	nodes []node
	start []int32     // nodes of step i: nodes[start[i]:start[i+1]]
	back  []float32   // per node: the cost of the best way to the end
	seen  *stateIndex // made when the programme first runs
	named []uint64
	next  []int16
	units []unit // buildUnits' array, reused from table to table
	folds folds  // the labels' folds (tables.go), reused from table to table
}

// stateIndex finds the node of a packed state within one step: a small
// hash table whose entries expire when the step changes.
type stateIndex struct {
	key  [indexSize]int32
	node [indexSize]int32
	gen  [indexSize]int32
	cur  int32
}

const indexSize = 1024 // a power of two, more than a step's states

// next starts a new step.
func (x *stateIndex) next() { x.cur++ }

// slot returns the slot of key in this step, and whether it is there.
func (x *stateIndex) slot(key int32) (int, bool) {
	i := int(uint32(key)*2654435761>>22) & (indexSize - 1)
	for {
		if x.gen[i] != x.cur {
			return i, false
		}
		if x.key[i] == key {
			return i, true
		}
		i = (i + 1) & (indexSize - 1)
	}
}

func (x *stateIndex) put(i int, key, node int32) {
	x.key[i], x.node[i], x.gen[i] = key, node, x.cur
}

// path is the best reading: the part each unit plays, and the states
// before and after it.
type path struct {
	al     *aligner
	roles  []role
	states []int32 // packed: states[i] before unit i, states[i+1] after it
	cost   float32
	// ambiguous[i]: another part for unit i is within margin; alt[i] is
	// that part.
	ambiguous []bool
	alt       []role
	gap       float32 // how far above the best state of a step the path ran
}

// clean: the reading is one the narrow beam can be trusted with: every
// row filled, nothing passed over but labels and blank lines, nothing
// ambiguous, and the path never near the beam's edge.
func (p *path) clean() bool {
	al := p.al
	if p.gap > al.beam-4 {
		return false
	}
	filled := make([]int, len(al.tp.rows))
	for i, rl := range p.roles {
		u := &al.units[i]
		switch {
		case p.ambiguous[i], rl.kind == rUnread:
			return false
		case rl.kind == rSkip && u.kind != uBlank && !(u.kind == uGroup && u.ph):
			return false
		case rl.kind == rFill:
			r, c := int(rl.r), int(rl.c)
			for k := 0; k < int(rl.k) && r < len(filled); k++ {
				filled[r]++
				if c++; c == al.tp.width(r) {
					r, c = r+1, 0
				}
			}
		}
	}
	for r, n := range filled {
		if n != al.tp.width(r) {
			return false
		}
	}
	return true
}

func newAligner(tp *template, units []unit, toks []Tok, sc *scratch) *aligner {
	if sc == nil {
		sc = &scratch{}
	}
	al := &aligner{tp: tp, units: units, toks: toks, scratch: sc, out: make([]move, 0, 16), beam: wideBeam, tries: tableTries}
	var start state
	last := len(units) - 1 // the last unit that is not a blank line
	for last >= 0 && units[last].kind == uBlank {
		last--
	}
	// A kind of blank line that stands between two cells — values or
	// certain blanks — (alone, or with other loose blank lines: "", "\t",
	// "" after every cell of a page whose cells are paragraphs) at least as
	// often as two cells stand together separates the cells of this copy:
	// it is never a cell here.
	var between [2]int
	adjacent := 0
	var gap [2]bool // kinds of loose blank lines since the last value
	inGap := false  // only loose blank lines since the last value
	for i := 0; i <= last; i++ {
		u := &units[i]
		switch {
		case u.kind == uValue || u.kind == uBlank && u.strong: // a cell
			if inGap {
				switch {
				case !gap[0] && !gap[1]:
					adjacent++
				default:
					for k, in := range gap {
						if in {
							between[k]++
						}
					}
				}
			}
			gap, inGap = [2]bool{}, true
		case u.kind == uBlank && !u.strong && inGap:
			if u.tab {
				gap[1] = true
			} else {
				gap[0] = true
			}
		default:
			inGap = false
		}
	}
	for i := range units[:max(last, 0)] {
		// A loose blank line before the last value: it may be a cell.
		if u := &units[i]; u.kind == uBlank && !u.strong && !u.header {
			switch {
			case u.tab && (between[1] == 0 || between[1] < adjacent):
				start.ht = hypOpen
			case !u.tab && (between[0] == 0 || between[0] < adjacent):
				start.h = hypOpen
			}
		}
	}
	al.hyps = []state{start}
	// The labels around each unit.
	if cap(sc.named) < len(units) {
		sc.named = make([]uint64, len(units))
		sc.next = make([]int16, len(units))
	}
	al.named, al.next = sc.named[:len(units)], sc.next[:len(units)]
	var run uint64
	for i := range units {
		u := &units[i]
		al.named[i] = run
		switch {
		case u.kind == uLabel:
			if u.row >= 0 && u.row < 64 {
				run |= 1 << u.row
			}
		case u.kind != uBlank:
			run = 0
		}
	}
	nextRow := int16(-1)
	for i := len(units) - 1; i >= 0; i-- {
		al.next[i] = nextRow
		u := &units[i]
		switch {
		case u.kind == uLabel && u.row >= 0:
			nextRow = u.row
		case u.kind == uLabel || u.kind == uBlank:
		default:
			nextRow = -1
		}
	}
	return al
}

// pack: a state as one number (the low five bits are h, ht and g).
func (al *aligner) pack(s state) int32 {
	f := int32(s.h) | int32(s.ht)<<2
	if s.g {
		f |= 16
	}
	return int32(s.r)<<16 | int32(s.c)<<5 | f
}

func (al *aligner) unpack(x int32) state {
	return state{r: int(x >> 16), c: int(x >> 5 & 0x7ff), h: hyp(x & 3), ht: hyp(x >> 2 & 3), g: x&16 != 0}
}

// emit adds a move to the unit's moves.
func (al *aligner) emit(s state, w float32, rl role) {
	al.out = append(al.out, move{al.pack(s), w, rl})
}

// fill: k cells of row s.r from s.c are filled by unit i. A row begun
// right after labels that name it is rewarded; so is a row ended right
// before a label that names it (reading order puts labels after values).
// It returns the state after and the reward.
func (al *aligner) fill(i int, s state, k int) (state, float32) {
	w := float32(0)
	if s.c == 0 && s.r < 64 && al.named[i]&(1<<s.r) != 0 {
		w -= costAnchor
	}
	s.c += k
	if s.c >= al.tp.width(s.r) {
		if int(al.next[i]) == s.r {
			w -= costAfterAnchor
		}
		s = state{r: s.r + 1, h: s.h, ht: s.ht}
	}
	return s, w
}

// leave gives up row s.r as it is (missing when no cell was filled, short
// otherwise) and goes to the start of the next row.
func (al *aligner) leave(s state) (state, float32) {
	w := float32(costMissing)
	if s.c > 0 {
		w = costShort
	}
	return state{r: s.r + 1, h: s.h, ht: s.ht}, w
}

// endCost: what the rows not reached at the end cost.
func (al *aligner) endCost(s state) float32 {
	R := len(al.tp.rows)
	if s.r >= R {
		return 0
	}
	_, w := al.leave(s)
	return w + costMissing*float32(R-s.r-1)
}

// moves puts in al.out every move of unit i from state s.
func (al *aligner) moves(i int, s state) {
	al.out = al.out[:0]
	u := &al.units[i]
	R := len(al.tp.rows)
	switch u.kind {
	case uLabel:
		al.labelMoves(s, int(u.row))
	case uSubtotal:
		w := float32(0)
		if s.c > 0 && !s.g {
			w = costMidLabel
		}
		al.emit(s, w, role{kind: rLabel})
	case uValue:
		w := float32(0)
		if al.toks[u.first].Num.Kind == normalize.Placeholder {
			w = costPlaceholder
		}
		if s.r < R {
			if !s.g {
				ns, b := al.fill(i, s, 1)
				al.emit(ns, w+b, role{kind: rFill, r: int16(s.r), c: int16(s.c), k: 1})
			} else if ls, lw := al.leave(s); ls.r < R {
				ns, b := al.fill(i, ls, 1)
				al.emit(ns, w+lw+b, role{kind: rFill, r: int16(ls.r), k: 1})
			}
		}
		al.emit(s, costStray, role{kind: rSkip})
	case uBlank:
		odd := float32(0)
		if u.odd {
			odd = costOddSkip
		}
		// Between rows, right before a label, a blank line is never the
		// next row's first cell (that would follow the row's label).
		if s.r >= R || s.g || u.header || (s.c == 0 && u.beforeLabel) {
			if s.r >= R {
				odd = 0
			}
			al.emit(s, odd, role{kind: rSkip})
			return
		}
		fillRole := role{kind: rFill, r: int16(s.r), c: int16(s.c), k: 1}
		if u.strong {
			skip := float32(costStrongSkip)
			if !u.beforeLabel || s.c > 0 {
				skip = costBlankMid // a certain blank among values is a cell
			}
			ns, b := al.fill(i, s, 1)
			al.emit(ns, costStrongFill+b, fillRole)
			al.emit(s, skip, role{kind: rSkip})
			return
		}
		// A loose blank: what it is depends on the table's reading of its
		// kind.
		h := s.h
		if u.tab {
			h = s.ht
		}
		with := func(s state, h hyp) state {
			if u.tab {
				s.ht = h
			} else {
				s.h = h
			}
			return s
		}
		midSkip := float32(costBlankMid)
		if s.c == 0 {
			midSkip = odd // between rows: a separator in either reading
		}
		switch h {
		case hypSep:
			al.emit(s, odd, role{kind: rSkip})
		case hypCell:
			ns, b := al.fill(i, s, 1)
			al.emit(ns, costLooseFill+b, fillRole)
			al.emit(s, midSkip, role{kind: rSkip})
		default:
			ns, b := al.fill(i, with(s, hypCell), 1)
			al.emit(ns, costLooseFill+b, fillRole)
			if s.c == 0 {
				al.emit(s, odd, role{kind: rSkip}) // still open
			} else {
				al.emit(with(s, hypSep), odd, role{kind: rSkip})
				al.emit(with(s, hypCell), costBlankMid, role{kind: rSkip})
			}
		}
	case uGroup, uFused:
		al.rowMoves(i, s)
	}
}

func (al *aligner) labelMoves(s state, m int) {
	R := len(al.tp.rows)
	if m < 0 || s.r >= R {
		w := float32(0)
		if s.c > 0 && !s.g {
			w = costMidLabel
		}
		al.emit(s, w, role{kind: rLabel})
		return
	}
	switch {
	case m == s.r || (m == s.r-1 && s.c == 0):
		// The row about to be read (its reward comes with its first
		// cell), the rest of its label, or the label after the row just
		// read (its reward came with its last cell).
		al.emit(s, 0, role{kind: rLabel})
	case m > s.r:
		al.emit(s, costDisplaced, role{kind: rLabel})
		// Or the rows before m are not in the text at all.
		_, w := al.leave(s)
		w += costMissing * float32(m-s.r-1)
		al.emit(state{r: m, h: s.h, ht: s.ht}, w, role{kind: rLabel})
	default:
		al.emit(s, costBehind, role{kind: rLabel})
	}
}

// rowMoves: unit i, a row line (group) or a run of digits, at state s.
func (al *aligner) rowMoves(i int, s state) {
	u := &al.units[i]
	R := len(al.tp.rows)
	m := int(u.row)
	if u.bound < 0 {
		m = -1
	}
	if s.r < R {
		switch {
		case s.c == 0:
			al.fillRow(i, s, 0)
		case s.g && u.kind == uGroup && m < 0 && s.c+int(u.n) <= al.tp.width(s.r):
			// The rest of a row whose line was broken in two.
			k := int(u.n)
			ns, b := al.fill(i, s, k)
			if ns.r == s.r {
				ns.g = true
			}
			al.emit(ns, costPartial+al.phCost(u, k)+b, role{kind: rFill, r: int16(s.r), c: int16(s.c), k: int16(k)})
			fallthrough
		default:
			if ls, w := al.leave(s); ls.r < R {
				al.fillRow(i, ls, w)
			}
		}
		// The label on the line names a row further on: the rows between
		// are not in the text.
		if m > s.r {
			_, w := al.leave(s)
			w += costMissing * float32(m-s.r-1)
			al.fillRow(i, state{r: m, h: s.h, ht: s.ht}, w)
		}
	}
	w := float32(costStray)
	if u.kind == uGroup && u.ph {
		w = costPseudoRow
	}
	al.emit(s, w, role{kind: rSkip})
}

// fillRow: unit i (a group or a fused run) read as row s.r (s.c == 0),
// after moves that cost extra.
func (al *aligner) fillRow(i int, s state, extra float32) {
	u := &al.units[i]
	tp := al.tp
	R := len(tp.rows)
	r := s.r
	W := tp.width(r)
	w := extra
	if u.bound >= 0 && u.row >= 0 {
		if int(u.row) != r {
			w += costConflict
		} else if r >= 64 || al.named[i]&(1<<r) == 0 {
			w -= costAnchorBound
		}
	}
	if u.kind == uFused {
		fits := false
		for rows := 1; r+rows <= R && (rows == 1 || tp.multiRow); rows++ {
			if tp.multiRow && tp.width(r+rows-1) != W {
				break
			}
			if sp := al.splits(u, rows*W); len(sp.cands) > 0 {
				ns, b := al.fillRows(i, s, rows)
				al.emit(ns, w+costFused+b, role{kind: rFill, r: int16(r), k: int16(rows * W)})
				fits = true
			}
		}
		if !fits {
			rows := 1
			if tp.multiRow {
				rows = max(1, min(R-r, digitCount(al.toks[u.first].Text)/W))
			}
			al.emit(state{r: r + rows, h: s.h, ht: s.ht}, w+costFusedBad, role{kind: rUnread, r: int16(r), k: int16(rows)})
		}
		return
	}
	n, trim := int(u.n), int(u.trim)
	switch {
	case trim <= W && W <= n:
		ns, b := al.fill(i, s, W)
		al.emit(ns, w+al.phCost(u, W)+b, role{kind: rFill, r: int16(r), k: int16(W)})
	case n < W:
		ns, b := al.fill(i, s, n)
		ns.g = true
		al.emit(ns, w+costPartial+al.phCost(u, n)+b, role{kind: rFill, r: int16(r), k: int16(n)})
	case tp.multiRow && n%W == 0 && r+n/W <= R:
		ns, b := al.fillRows(i, s, n/W)
		al.emit(ns, w+al.phCost(u, n)+b, role{kind: rFill, r: int16(r), k: int16(n)})
	default:
		al.emit(state{r: r + 1, h: s.h, ht: s.ht}, w+costLong, role{kind: rUnread, r: int16(r), k: 1})
	}
}

// fillRows: unit i fills whole rows from s.r (s.c == 0).
func (al *aligner) fillRows(i int, s state, rows int) (state, float32) {
	if rows == 1 {
		return al.fill(i, s, al.tp.width(s.r))
	}
	w := float32(0)
	if s.r < 64 && al.named[i]&(1<<s.r) != 0 {
		w -= costAnchor
	}
	return state{r: s.r + rows, h: s.h, ht: s.ht}, w
}

// phCost: what the placeholders and blanks among the first k cells of a
// group cost.
func (al *aligner) phCost(u *unit, k int) float32 {
	if !u.blanks {
		return 0 // numbers only: most row lines
	}
	w := float32(0)
	for _, t := range al.toks[u.first : u.first+int32(k)] {
		switch {
		case t.Kind == TEmpty:
			w += costStrongFill
		case t.Kind == TValue && t.Num.Kind == normalize.Placeholder:
			w += costPlaceholder
		}
	}
	return w
}

// run aligns all units and returns the best path, or nil when no path
// survives (it always does: every unit can be passed over).
func (al *aligner) run() *path {
	N := len(al.units)
	if al.seen == nil {
		al.seen = &stateIndex{}
	}
	if need := N * 6; cap(al.nodes) < need {
		al.nodes = make([]node, 0, need)
	}
	al.nodes = al.nodes[:0]
	al.start = append(al.start[:0], 0)
	for _, s := range al.hyps {
		al.nodes = append(al.nodes, node{st: al.pack(s), back: -1})
	}
	al.start = append(al.start, int32(len(al.nodes)))
	for i := 0; i < N; i++ {
		al.seen.next()
		from, to := al.start[i], al.start[i+1]
		for ni := from; ni < to; ni++ {
			nd := al.nodes[ni]
			al.moves(i, al.unpack(nd.st))
			for _, mv := range al.out {
				x := mv.st
				c := nd.cost + mv.w
				slot, ok := al.seen.slot(x)
				if ok {
					k := al.seen.node[slot]
					if c < al.nodes[k].cost {
						al.nodes[k] = node{st: x, cost: c, back: ni, role: mv.role}
					}
					continue
				}
				al.seen.put(slot, x, int32(len(al.nodes)))
				al.nodes = append(al.nodes, node{st: x, cost: c, back: ni, role: mv.role})
			}
		}
		al.prune(int(to))
		al.start = append(al.start, int32(len(al.nodes)))
	}
	// The best end.
	last := al.nodes[al.start[N]:]
	best, bestCost := -1, float32(math.Inf(1))
	for k, nd := range last {
		if c := nd.cost + al.endCost(al.unpack(nd.st)); c < bestCost {
			best, bestCost = k, c
		}
	}
	if best < 0 {
		return nil
	}
	p := &path{al: al, roles: make([]role, N), states: make([]int32, N+1), cost: bestCost,
		ambiguous: make([]bool, N), alt: make([]role, N)}
	ni := al.start[N] + int32(best)
	p.states[N] = al.nodes[ni].st
	for i := N; i > 0; i-- {
		nd := al.nodes[ni]
		p.roles[i-1] = nd.role
		ni = nd.back
		p.states[i-1] = al.nodes[ni].st
	}
	// How far above the best state of its step the best path ran.
	ni = al.start[N] + int32(best)
	for i := N; i > 0; i-- {
		nd := al.nodes[ni]
		m := nd.cost
		for _, x := range al.nodes[al.start[i]:al.start[i+1]] {
			m = min(m, x.cost)
		}
		p.gap = max(p.gap, nd.cost-m)
		ni = nd.back
	}
	al.marginals(p)
	return p
}

// regular reads a table whose copy leaves nothing to decide: every row, in
// order, is named by the labels just before its cells (or on their line),
// its cells follow with nothing between them, and blank lines stand only
// between rows. The programme would find the same reading, with no other
// within reach (any other loses a row's label); this one is found in one
// pass. It returns nil for any other table.
func (al *aligner) regular() *path {
	tp := al.tp
	R := len(tp.rows)
	N := len(al.units)
	roles := make([]role, 2*N) // roles and alt in one array
	p := &path{al: al, roles: roles[:N:N], states: make([]int32, N+1), ambiguous: make([]bool, N), alt: roles[N:]}
	r, c := 0, 0
	set := func(i int) { p.states[i+1] = al.pack(state{r: r, c: c}) }
	named := func(i, r int) bool { return r < 64 && al.named[i]&(1<<r) != 0 }
	for i := range al.units {
		u := &al.units[i]
		p.states[i] = al.pack(state{r: r, c: c})
		switch u.kind {
		case uLabel:
			m := int(u.row)
			header := r == 0 && c == 0 // labels before the first cell: a header
			if c > 0 || (m >= 0 && m != r && m != r-1 && !header) {
				return nil // a label among a row's cells, or naming a row elsewhere
			}
			p.roles[i] = role{kind: rLabel}
		case uSubtotal:
			if c > 0 {
				return nil
			}
			p.roles[i] = role{kind: rLabel}
		case uBlank:
			if c > 0 || u.strong && !u.beforeLabel {
				return nil
			}
			p.roles[i] = role{kind: rSkip}
		case uValue:
			// A row's first cell follows its labels; in 表四, a group's
			// first cell may follow the last cell of the group before.
			run := tp.multiRow && r > 0 && i > 0 && al.units[i-1].kind == uValue
			if r >= R || (c == 0 && !named(i, r) && !run) {
				return nil
			}
			p.roles[i] = role{kind: rFill, r: int16(r), c: int16(c), k: 1}
			if c++; c == tp.width(r) {
				r, c = r+1, 0
			}
		case uGroup, uFused:
			if u.kind == uGroup && u.ph && c == 0 && (u.bound < 0 || u.row < 0) && (r >= 64 || !named(i, r)) {
				p.roles[i] = role{kind: rSkip} // "| - | - | - |": a pseudo-row
				break
			}
			if r >= R || c > 0 {
				return nil
			}
			if u.bound >= 0 && u.row >= 0 {
				if int(u.row) != r {
					return nil
				}
			} else if !named(i, r) {
				return nil
			}
			W := tp.width(r)
			rows := 1
			switch {
			case u.kind == uFused:
				if sp := al.splits(u, W); len(sp.cands) != 1 {
					return nil
				}
			case int(u.trim) <= W && W <= int(u.n) && !u.ph:
			case tp.multiRow && int(u.n)%W == 0 && r+int(u.n)/W <= R && !u.ph:
				rows = int(u.n) / W
			default:
				return nil
			}
			p.roles[i] = role{kind: rFill, r: int16(r), k: int16(rows * W)}
			r += rows
		}
		set(i)
	}
	if r != R || c != 0 {
		return nil
	}
	return p
}

// before and after: the states of the best path around unit i.
func (p *path) before(i int) state { return p.al.unpack(p.states[i]) }
func (p *path) after(i int) state  { return p.al.unpack(p.states[i+1]) }

// prune keeps the states of the step that begins at node from within
// the beam of its best, and at most maxNodes of them.
func (al *aligner) prune(from int) {
	step := al.nodes[from:]
	if len(step) == 0 {
		return
	}
	best := float32(math.Inf(1))
	for _, nd := range step {
		best = min(best, nd.cost)
	}
	k := 0
	for _, nd := range step {
		if nd.cost <= best+al.beam {
			step[k] = nd
			k++
		}
	}
	step = step[:k]
	// A state whose readings of blank lines are still open can do all that
	// a state at the same cell with some of them decided can, at no more
	// cost: the decided one is dropped when it costs more than margin
	// extra (so no reading within margin of the best is lost).
	k = 0
	for _, nd := range step {
		if !al.dominated(nd, step) {
			step[k] = nd
			k++
		}
	}
	step = step[:k]
	if len(step) > maxNodes {
		sort.Slice(step, func(i, j int) bool { return step[i].cost < step[j].cost })
		step = step[:maxNodes]
	}
	al.nodes = al.nodes[:from+len(step)]
}

// dominated: another node of the step is at the same cell, with every
// reading of blank lines the same or still open, and costs more than
// margin less.
func (al *aligner) dominated(b node, step []node) bool {
	const hyps = 15 // h and ht bits of the packed state (see pack)
	bh := b.st & hyps
	cell := b.st &^ hyps
	for _, a := range step {
		if a.st&^hyps != cell || a.cost+margin >= b.cost {
			continue
		}
		ah := a.st & hyps
		if covers(hyp(ah&3), hyp(bh&3)) && covers(hyp(ah>>2&3), hyp(bh>>2&3)) && ah != bh {
			return true
		}
	}
	return false
}

// covers: reading a can do all that reading b can.
func covers(a, b hyp) bool { return a == b || a == hypOpen }

// marginals runs the programme backwards over the states kept and marks
// the units that could play another part in a reading within margin of
// the best.
func (al *aligner) marginals(p *path) {
	N := len(al.units)
	if cap(al.back) < len(al.nodes) {
		al.back = make([]float32, len(al.nodes))
	}
	back := al.back[:len(al.nodes)]
	for k := al.start[N]; k < int32(len(al.nodes)); k++ {
		back[k] = al.endCost(al.unpack(al.nodes[k].st))
	}
	inf := float32(math.Inf(1))
	for i := N - 1; i >= 0; i-- {
		al.seen.next()
		for k := al.start[i+1]; k < al.start[i+2]; k++ {
			x := al.nodes[k].st
			slot, _ := al.seen.slot(x)
			al.seen.put(slot, x, k)
		}
		for k := al.start[i]; k < al.start[i+1]; k++ {
			back[k] = inf
		}
		isLabel := al.units[i].kind == uLabel
		bestRole := p.roles[i]
		alt := inf
		var altRole role
		for k := al.start[i]; k < al.start[i+1]; k++ {
			al.moves(i, al.unpack(al.nodes[k].st))
			for _, mv := range al.out {
				slot, ok := al.seen.slot(mv.st)
				if !ok {
					continue // a state the forward pass dropped
				}
				rest := mv.w + back[al.seen.node[slot]]
				if rest < back[k] {
					back[k] = rest
				}
				if isLabel || mv.role.same(bestRole) {
					continue
				}
				if t := al.nodes[k].cost + rest; t < alt {
					alt, altRole = t, mv.role
				}
			}
		}
		if alt-p.cost < margin {
			p.ambiguous[i] = true
			p.alt[i] = altRole
		}
	}
}

func digitCount(s string) int {
	n := 0
	for _, r := range s {
		if isDigitRune(r) {
			n++
		}
	}
	return n
}
