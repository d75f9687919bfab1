package parse

import (
	"strings"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/normalize"
)

// A title that is almost an official one is a typo, not another part:
// "四、政府信息公开行政法复议、行政诉讼情况" is section 四 with one character
// too many. A heading whose title matches no section by its keys is
// compared with every official title and variant, character by
// character; within a small distance (nearBound) it is that section —
// when the report has no exact heading for it and its numeral or its
// place among the other parts agrees (resolveNear).

// nearBound is the number of characters (inserted, dropped or changed) a
// title may differ from an official one and still be taken for it: one
// for a short title, two from ten characters on. Official titles differ
// from each other by far more.
func nearBound(n int) int {
	if n >= 10 {
		return 2
	}
	return 1
}

// maxNear is how many lines of one report are compared with the official
// titles (a real report has a few extra headings; a text of a million
// near-headings gets the first ones compared, the rest read as extra).
const maxNear = 64

// nearTitle finds the official title (or variant) of a section that the
// folded title fold is within nearBound of: the section, the title as
// the format writes it, and the difference said in words ("多了“法”").
// Only one section may be that near.
func nearTitle(fold string) (sec int, title, diff string) {
	a := []rune(fold)
	best := -1
	for _, s := range format.Sections {
		for _, t := range append([]string{s.Title}, s.Variants...) {
			b := []rune(normalize.Label(t))
			if absInt(len(a)-len(b)) > nearBound(len(b)) {
				continue
			}
			d := editDist(a, b)
			if d == 0 || d > nearBound(len(b)) {
				continue
			}
			switch {
			case best < 0 || d < best:
				best, sec, title = d, s.N, t
			case d == best && s.N != sec:
				sec = -1 // two sections as near: neither
			}
		}
	}
	if sec <= 0 {
		return 0, "", ""
	}
	_, ops := editOps(a, []rune(normalize.Label(title)))
	return sec, title, describe(ops)
}

// editDist is the edit distance from a to b, on two rows kept on the
// stack: a line that looks like a heading costs no allocation here.
func editDist(a, b []rune) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 20
	}
	var r0, r1 [65]int
	prev, cur := r0[:len(b)+1], r1[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j-1]+c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// editOp is one step from the written title a to the official one b.
type editOp struct {
	kind byte // '=' same, '+' missing in a (b has it), '-' extra in a, '~' changed
	a, b rune
}

// editOps is the edit distance from a to b and the steps of one shortest
// alignment (Levenshtein, on characters). Titles are short: the table is
// at most 40×40.
func editOps(a, b []rune) (int, []editOp) {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 20, nil
	}
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			d[i][j] = min(d[i-1][j-1]+c, d[i-1][j]+1, d[i][j-1]+1)
		}
	}
	var ops []editOp
	for i, j := len(a), len(b); i > 0 || j > 0; {
		switch {
		case i > 0 && j > 0 && a[i-1] == b[j-1] && d[i][j] == d[i-1][j-1]:
			ops = append(ops, editOp{'=', a[i-1], b[j-1]})
			i, j = i-1, j-1
		case i > 0 && j > 0 && d[i][j] == d[i-1][j-1]+1:
			ops = append(ops, editOp{'~', a[i-1], b[j-1]})
			i, j = i-1, j-1
		case i > 0 && d[i][j] == d[i-1][j]+1:
			ops = append(ops, editOp{'-', a[i-1], 0})
			i--
		default:
			ops = append(ops, editOp{'+', 0, b[j-1]})
			j--
		}
	}
	for l, r := 0, len(ops)-1; l < r; l, r = l+1, r-1 {
		ops[l], ops[r] = ops[r], ops[l]
	}
	return d[len(a)][len(b)], ops
}

// describe says the steps in words, runs of one kind together: 多了“法”,
// 少了“的”, “府”写成了“务”.
func describe(ops []editOp) string {
	var parts []string
	for i := 0; i < len(ops); {
		k := ops[i].kind
		if k == '=' {
			i++
			continue
		}
		var a, b strings.Builder
		for ; i < len(ops) && ops[i].kind == k; i++ {
			if ops[i].a != 0 {
				a.WriteRune(ops[i].a)
			}
			if ops[i].b != 0 {
				b.WriteRune(ops[i].b)
			}
		}
		switch k {
		case '-':
			parts = append(parts, "多了“"+a.String()+"”")
		case '+':
			parts = append(parts, "少了“"+b.String()+"”")
		default:
			parts = append(parts, "“"+b.String()+"”写成了“"+a.String()+"”")
		}
	}
	return strings.Join(parts, "，")
}

// TitleDiff says how a heading's title differs from an official title,
// character by character ("多了“的”"), when they are near; "" otherwise.
func TitleDiff(written, official string) string {
	a, b := []rune(normalize.Label(written)), []rune(normalize.Label(official))
	d, ops := editOps(a, b)
	if d == 0 || d > nearBound(len(b)) {
		return ""
	}
	return describe(ops)
}

// resolveNear takes a near title for its section when the report has no
// exact heading of that section and the heading's numeral, or its place
// between the official parts, agrees. heads holds the heading found on
// each line (nil for none).
func resolveNear(heads []*Heading) {
	have := map[int]bool{}
	for _, h := range heads {
		if h != nil && h.Section != 0 {
			have[h.Section] = true
		}
	}
	for i, h := range heads {
		if h == nil || h.Section != 0 || h.near == 0 || have[h.near] {
			continue
		}
		ok := format.NumeralValue(h.Numeral) == h.near
		if !ok {
			// Its place: after the official parts before it, before those after.
			before, after := 0, 7
			for _, o := range heads[:i] {
				if o != nil && o.Section != 0 {
					before = max(before, o.Section)
				}
			}
			for _, o := range heads[i+1:] {
				if o != nil && o.Section != 0 {
					after = min(after, o.Section)
				}
			}
			ok = before < h.near && h.near < after
		}
		if ok {
			h.Section, h.Variant = h.near, "typo"
			have[h.near] = true
		}
	}
}
