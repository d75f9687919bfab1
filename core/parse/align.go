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
// only a separator: the bit h of the state), so the choice is made for the
// whole table at once and never line by line.
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
	costAnchor      = 4   // a label on its own line names the row about to be read
	costAnchorBound = 5   // a label on the same line as the values names their row
	costAfterAnchor = 3   // a label right after the values of the row it names (reading order)
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
	beamWidth       = 24  // states costlier than the best by more are dropped
	maxNodes        = 64  // states kept per step
)

// state: the next cell to fill is (r, c). a: row r was named by a label
// before its values; p: row r-1 was named (before or after its values);
// h: empty lines are cells; ht: lines of tabs are cells; g: row r was
// begun by a row line (its other cells can only come from another row
// line).
type state struct {
	r, c           int
	a, p, h, ht, g bool
}

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

type aligner struct {
	tp    *template
	units []unit
	toks  []Tok
	nodes []node
	start []int32 // nodes of step i: nodes[start[i]:start[i+1]]
	stamp []int32 // per packed state: the step it was last seen at (+1)
	where []int32 // per packed state: its node in that step
	gen   int32
}

// path is the best reading: the part each unit plays, and the states
// before and after it.
type path struct {
	roles  []role
	before []state
	after  []state
	cost   float32
	// ambiguous[i]: another part for unit i is within margin; alt[i] is
	// that part.
	ambiguous []bool
	alt       []role
}

func newAligner(tp *template, units []unit, toks []Tok) *aligner {
	n := (len(tp.rows) + 1) * (tp.maxW + 1) * 32
	return &aligner{tp: tp, units: units, toks: toks, stamp: make([]int32, n), where: make([]int32, n)}
}

func (al *aligner) pack(s state) int32 {
	f := 0
	if s.a {
		f |= 1
	}
	if s.p {
		f |= 2
	}
	if s.h {
		f |= 4
	}
	if s.g {
		f |= 8
	}
	if s.ht {
		f |= 16
	}
	return int32((s.r*(al.tp.maxW+1)+s.c)*32 + f)
}

func (al *aligner) unpack(x int32) state {
	f := int(x % 32)
	rc := int(x / 32)
	w := al.tp.maxW + 1
	return state{r: rc / w, c: rc % w, a: f&1 != 0, p: f&2 != 0, h: f&4 != 0, g: f&8 != 0, ht: f&16 != 0}
}

// adv moves k cells on in row s.r, to the next row when it is full.
func (al *aligner) adv(s state, k int) state {
	s.c += k
	if s.c >= al.tp.width(s.r) {
		s = state{r: s.r + 1, p: s.a, h: s.h, ht: s.ht}
	}
	return s
}

// leave gives up row s.r as it is (missing when no cell was filled, short
// otherwise) and goes to the start of the next row.
func (al *aligner) leave(s state) (state, float32) {
	w := float32(costMissing)
	if s.c > 0 {
		w = costShort
	}
	return state{r: s.r + 1, p: s.a, h: s.h, ht: s.ht}, w
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

// moves calls emit for every move of unit u from state s.
func (al *aligner) moves(s state, u *unit, emit func(state, float32, role)) {
	R := len(al.tp.rows)
	switch u.kind {
	case uLabel:
		al.labelMoves(s, int(u.row), emit)
	case uSubtotal:
		w := float32(0)
		if s.c > 0 && !s.g {
			w = costMidLabel
		}
		emit(s, w, role{kind: rLabel})
	case uValue:
		w := float32(0)
		if al.toks[u.first].Num.Kind == normalize.Placeholder {
			w = costPlaceholder
		}
		if s.r < R {
			if !s.g {
				emit(al.adv(s, 1), w, role{kind: rFill, r: int16(s.r), c: int16(s.c), k: 1})
			} else if ns, lw := al.leave(s); ns.r < R {
				emit(al.adv(ns, 1), w+lw, role{kind: rFill, r: int16(ns.r), k: 1})
			}
		}
		emit(s, costStray, role{kind: rSkip})
	case uBlank:
		if s.r >= R || s.g || (!u.strong && !u.tab && !s.h) || (u.tab && !s.ht) {
			w := float32(0)
			if u.odd && s.r < R {
				w = costOddSkip
			}
			emit(s, w, role{kind: rSkip})
			return
		}
		fill, skip := float32(costLooseFill), float32(costLooseSkip)
		if u.odd {
			skip = costOddSkip
		}
		if u.strong {
			fill, skip = costStrongFill, costStrongSkip
			if !u.beforeLabel {
				skip = costBlankMid // a certain blank among values is a cell
			}
		}
		if s.c > 0 {
			skip = costBlankMid
		}
		emit(al.adv(s, 1), fill, role{kind: rFill, r: int16(s.r), c: int16(s.c), k: 1})
		emit(s, skip, role{kind: rSkip})
	case uGroup, uFused:
		al.rowMoves(s, u, emit)
	}
}

func (al *aligner) labelMoves(s state, m int, emit func(state, float32, role)) {
	R := len(al.tp.rows)
	if m < 0 || s.r >= R {
		w := float32(0)
		if s.c > 0 && !s.g {
			w = costMidLabel
		}
		emit(s, w, role{kind: rLabel})
		return
	}
	switch {
	case m == s.r:
		switch {
		case s.c == 0 && !s.a:
			ns := s
			ns.a = true
			emit(ns, -costAnchor, role{kind: rLabel})
		case s.a:
			emit(s, 0, role{kind: rLabel}) // the label again, or the rest of it
		default:
			emit(s, costDisplaced, role{kind: rLabel}) // named after some of its cells
		}
	case m == s.r-1 && s.c == 0:
		if !s.p {
			ns := s
			ns.p = true
			emit(ns, -costAfterAnchor, role{kind: rLabel})
		} else {
			emit(s, 0, role{kind: rLabel})
		}
	case m > s.r:
		emit(s, costDisplaced, role{kind: rLabel})
		// Or the rows before m are not in the text at all.
		_, w := al.leave(s)
		w += costMissing*float32(m-s.r-1) - costAnchor
		emit(state{r: m, a: true, p: true, h: s.h, ht: s.ht}, w, role{kind: rLabel})
	default:
		emit(s, costBehind, role{kind: rLabel})
	}
}

// rowMoves: a row line (group) or a run of digits, at state s.
func (al *aligner) rowMoves(s state, u *unit, emit func(state, float32, role)) {
	R := len(al.tp.rows)
	m := int(u.row)
	if u.bound < 0 {
		m = -1
	}
	if s.r < R {
		switch {
		case s.c == 0:
			al.fillRow(s, u, 0, emit)
		case s.g && u.kind == uGroup && m < 0 && s.c+int(u.n) <= al.tp.width(s.r):
			// The rest of a row whose line was broken in two.
			k := int(u.n)
			ns := al.adv(s, k)
			if ns.r == s.r {
				ns.g = true
			}
			emit(ns, costPartial+al.phCost(u, k), role{kind: rFill, r: int16(s.r), c: int16(s.c), k: int16(k)})
			fallthrough
		default:
			if ns, w := al.leave(s); ns.r < R {
				al.fillRow(ns, u, w, emit)
			}
		}
		// The label on the line names a row further on: the rows between
		// are not in the text.
		if m > s.r {
			_, w := al.leave(s)
			w += costMissing * float32(m-s.r-1)
			al.fillRow(state{r: m, p: true, h: s.h, ht: s.ht}, u, w, emit)
		}
	}
	w := float32(costStray)
	if u.kind == uGroup && u.ph {
		w = costPseudoRow
	}
	emit(s, w, role{kind: rSkip})
}

// fillRow: unit u (a group or a fused run) read as row s.r (s.c == 0),
// after moves that cost extra.
func (al *aligner) fillRow(s state, u *unit, extra float32, emit func(state, float32, role)) {
	tp := al.tp
	R := len(tp.rows)
	r := s.r
	W := tp.width(r)
	w := extra
	anchored := s.a
	if u.bound >= 0 && u.row >= 0 {
		switch {
		case int(u.row) != r:
			w += costConflict
		case !s.a:
			w -= costAnchorBound
			anchored = true
		}
	}
	next := func(rows int) state { return state{r: r + rows, p: anchored, h: s.h, ht: s.ht} }
	if u.kind == uFused {
		fits := false
		for rows := 1; r+rows <= R && (rows == 1 || tp.multiRow); rows++ {
			if tp.multiRow && tp.width(r+rows-1) != W {
				break
			}
			if sp := al.splits(u, rows*W); len(sp.cands) > 0 {
				emit(next(rows), w+costFused, role{kind: rFill, r: int16(r), k: int16(rows * W)})
				fits = true
			}
		}
		if !fits {
			rows := 1
			if tp.multiRow {
				rows = max(1, min(R-r, digitCount(al.toks[u.first].Text)/W))
			}
			emit(next(rows), w+costFusedBad, role{kind: rUnread, r: int16(r), k: int16(rows)})
		}
		return
	}
	n, trim := int(u.n), int(u.trim)
	switch {
	case trim <= W && W <= n:
		emit(next(1), w+al.phCost(u, W), role{kind: rFill, r: int16(r), k: int16(W)})
	case n < W:
		ns := state{r: r, c: n, a: anchored, p: s.p, h: s.h, ht: s.ht, g: true}
		emit(ns, w+costPartial+al.phCost(u, n), role{kind: rFill, r: int16(r), k: int16(n)})
	case tp.multiRow && n%W == 0 && r+n/W <= R:
		emit(next(n/W), w+al.phCost(u, n), role{kind: rFill, r: int16(r), k: int16(n)})
	default:
		emit(next(1), w+costLong, role{kind: rUnread, r: int16(r), k: 1})
	}
}

// phCost: what the placeholders and blanks among the first k cells of a
// group cost.
func (al *aligner) phCost(u *unit, k int) float32 {
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
	al.nodes = al.nodes[:0]
	al.start = append(al.start[:0], 0)
	for _, h := range []bool{false, true} {
		for _, ht := range []bool{false, true} {
			al.nodes = append(al.nodes, node{st: al.pack(state{p: true, h: h, ht: ht}), back: -1})
		}
	}
	al.start = append(al.start, int32(len(al.nodes)))
	for i := 0; i < N; i++ {
		u := &al.units[i]
		al.gen++
		from, to := al.start[i], al.start[i+1]
		for ni := from; ni < to; ni++ {
			nd := al.nodes[ni]
			s := al.unpack(nd.st)
			al.moves(s, u, func(ns state, w float32, rl role) {
				x := al.pack(ns)
				c := nd.cost + w
				if al.stamp[x] == al.gen {
					k := al.where[x]
					if c < al.nodes[k].cost {
						al.nodes[k] = node{st: x, cost: c, back: ni, role: rl}
					}
					return
				}
				al.stamp[x] = al.gen
				al.where[x] = int32(len(al.nodes))
				al.nodes = append(al.nodes, node{st: x, cost: c, back: ni, role: rl})
			})
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
	p := &path{roles: make([]role, N), before: make([]state, N), after: make([]state, N), cost: bestCost,
		ambiguous: make([]bool, N), alt: make([]role, N)}
	ni := al.start[N] + int32(best)
	for i := N; i > 0; i-- {
		nd := al.nodes[ni]
		p.roles[i-1] = nd.role
		p.after[i-1] = al.unpack(nd.st)
		ni = nd.back
		p.before[i-1] = al.unpack(al.nodes[ni].st)
	}
	al.marginals(p)
	return p
}

// prune keeps the states of the step that begins at node from within
// beamWidth of its best, and at most maxNodes of them.
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
		if nd.cost <= best+beamWidth {
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

// marginals runs the programme backwards over the states kept and marks
// the units that could play another part in a reading within margin of
// the best.
func (al *aligner) marginals(p *path) {
	N := len(al.units)
	back := make([]float32, len(al.nodes))
	for k := al.start[N]; k < int32(len(al.nodes)); k++ {
		back[k] = al.endCost(al.unpack(al.nodes[k].st))
	}
	inf := float32(math.Inf(1))
	for i := N - 1; i >= 0; i-- {
		al.gen++
		for k := al.start[i+1]; k < al.start[i+2]; k++ {
			x := al.nodes[k].st
			al.stamp[x] = al.gen
			al.where[x] = k
		}
		u := &al.units[i]
		bestRole := p.roles[i]
		alt := inf
		var altRole role
		for k := al.start[i]; k < al.start[i+1]; k++ {
			nd := al.nodes[k]
			b := inf
			al.moves(al.unpack(nd.st), u, func(ns state, w float32, rl role) {
				x := al.pack(ns)
				if al.stamp[x] != al.gen {
					return
				}
				rest := w + back[al.where[x]]
				b = min(b, rest)
				if u.kind == uLabel || rl.same(bestRole) {
					return
				}
				if t := nd.cost + rest; t < alt {
					alt, altRole = t, rl
				}
			})
			back[k] = b
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
