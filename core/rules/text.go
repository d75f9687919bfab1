package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/source"
)

// A small toolkit for the text ↔ table rules. The prose is already folded
// (no spaces, half-width digits and punctuation), so "受理政府信息公开申请
// 3119 件" reads "受理政府信息公开申请3119件". Only clear sentences are used:
// a keyword, a few filler characters, a number, a unit.

// stated is a number found in the text.
type stated struct {
	value int
	span  source.Span
	i, j  int // byte range of the digits in the prose
}

// clauseStop ends a clause: no number is looked for across it.
func clauseStop(r rune) bool {
	switch r {
	case '。', ';', '；', ',', '，', ':', '：', '\n', '(', ')', '（', '）', '、', '!', '?', '！', '？':
		return true
	}
	return false
}

func sentenceStop(r rune) bool { return parse.SentenceStop(r) }

// countAfter reads "N件" after position i, allowing up to gap filler
// characters that are neither digits nor clause stops.
func countAfter(p *parse.Prose, i, gap int, units ...string) (stated, bool) {
	t := p.Text
	k := i
	for n := 0; k < len(t); n++ {
		r, size := utf8.DecodeRuneInString(t[k:])
		if r >= '0' && r <= '9' {
			break
		}
		if clauseStop(r) || n >= gap {
			return stated{}, false
		}
		k += size
	}
	if k >= len(t) {
		return stated{}, false
	}
	v, e := num(t, k)
	if e == k || e-k > 9 {
		return stated{}, false
	}
	// "3.5万", "100%", "2024年": not a count.
	if e < len(t) && (t[e] == '.' || t[e] == '%') {
		return stated{}, false
	}
	if !hasUnit(t[e:], units) {
		return stated{}, false
	}
	return stated{value: v, span: p.Span(k, e), i: k, j: e}, true
}

// countBefore reads "N件" that ends at most gap characters before i.
func countBefore(p *parse.Prose, i, gap int, units ...string) (stated, bool) {
	t := p.Text
	k := i
	for n := 0; k > 0; n++ {
		r, size := utf8.DecodeLastRuneInString(t[:k])
		if strings.HasSuffix(t[:k], "件") || strings.HasSuffix(t[:k], "条") {
			// found a unit; digits must be right before it
			u := size
			e := k - u
			s := e
			for s > 0 && isDigit(t[s-1]) {
				s--
			}
			if s < e && (s == 0 || t[s-1] != '.') && hasUnit(t[e:], units) {
				v, _ := num(t, s)
				return stated{value: v, span: p.Span(s, e), i: s, j: e}, true
			}
		}
		if sentenceStop(r) || n >= gap {
			return stated{}, false
		}
		k -= size
	}
	return stated{}, false
}

func hasUnit(s string, units []string) bool {
	if len(units) == 0 {
		units = []string{"件"}
	}
	for _, u := range units {
		if strings.HasPrefix(s, u) {
			return true
		}
	}
	return false
}

// sentenceAt returns the byte range of the sentence holding i.
func sentenceAt(t string, i int) (int, int) {
	e := i
	for e < len(t) {
		r, size := utf8.DecodeRuneInString(t[e:])
		if sentenceStop(r) {
			break
		}
		e += size
	}
	return startOf(t, i, sentenceStop), e
}

// clauseStart: the byte index where the clause holding i starts.
func clauseStart(t string, i int) int { return startOf(t, i, clauseStop) }

// startOf walks back from i to just after the previous stop character.
func startOf(t string, i int, stop func(rune) bool) int {
	s := i
	for s > 0 {
		r, size := utf8.DecodeLastRuneInString(t[:s])
		if stop(r) {
			break
		}
		s -= size
	}
	return s
}

// eachIn calls fn for every occurrence of kw in a prose. The text rules
// look for some fifty keywords in the same prose; rather than scanning a
// long prose once per keyword, the positions of the characters that
// keywords start with are listed in one pass (runeIndex), and each keyword
// is checked only there. A short prose (a heading, a line) is scanned
// directly: an index per prose would cost more than it saves, and a
// report of a million one-line parts must not build a million indexes.
func (p *Pass) eachIn(pr *parse.Prose, kw string, fn func(i int)) {
	if p.run != nil {
		p.run.tick()
	}
	first, _ := utf8.DecodeRuneInString(kw)
	if len(pr.Text) < indexFrom || !isKeywordStart(first) {
		if pr.MayContain(kw) {
			each(pr.Text, kw, fn)
		}
		return
	}
	for _, i := range p.Facts.runeIndex(pr).at(first) {
		if strings.HasPrefix(pr.Text[i:], kw) {
			fn(i)
		}
	}
}

// indexFrom is the length of prose from which the text rules index it.
const indexFrom = 1024

func isKeywordStart(r rune) bool { return keywordSlot(r) >= 0 }

// keywordStarts are the first characters of the text rules' keywords.
// A keyword starting with another character still works (a plain scan).
const keywordStarts = "收受新接未没无依办答结转顺上予同部不其行主共制印出"

// keywordSlots gives each character of U+4E00–U+9FFF its place in
// keywordStarts (its slot in a runeIndex) plus one, 0 for a character that
// starts no keyword: a constant-time test per character (made once, never
// changed).
var keywordSlots = func() (s [0x9FFF - 0x4E00 + 1]uint8) {
	for k, r := range []rune(keywordStarts) {
		s[r-0x4E00] = uint8(k + 1)
	}
	return s
}()

func keywordSlot(r rune) int {
	if r < 0x4E00 || r > 0x9FFF {
		return -1
	}
	return int(keywordSlots[r-0x4E00]) - 1
}

// runeIndex lists, for one prose, where each keyword start character is:
// the offsets of slot k are pos[from[k]:from[k+1]], in text order.
type runeIndex struct {
	pos  []int
	from [len(keywordStarts)/3 + 1]int
}

// at returns the offsets of the start character r.
func (idx *runeIndex) at(r rune) []int {
	k := keywordSlot(r)
	if k < 0 {
		return nil
	}
	return idx.pos[idx.from[k]:idx.from[k+1]]
}

func (f *Facts) runeIndex(pr *parse.Prose) *runeIndex {
	if idx, ok := f.runeIndexes[pr]; ok {
		return idx
	}
	// One pass listing (slot, offset), then a counting sort by slot.
	type hit struct{ slot, at int }
	t := pr.Text
	hits := make([]hit, 0, len(t)/24+16) // about one character in eight starts a keyword
	// The start characters are U+4E00–U+9FFF: three-byte sequences led by
	// 0xE4–0xE9. A byte that does not start a whole sequence is stepped
	// over alone, so every character of the text is seen.
	for i := 0; i+2 < len(t); {
		b0 := t[i]
		if b0 < 0xE4 || b0 > 0xE9 || t[i+1]&0xC0 != 0x80 || t[i+2]&0xC0 != 0x80 {
			i++
			continue
		}
		r := rune(b0&0x0F)<<12 | rune(t[i+1]&0x3F)<<6 | rune(t[i+2]&0x3F)
		if k := keywordSlot(r); k >= 0 {
			hits = append(hits, hit{k, i})
		}
		i += 3
	}
	idx := &runeIndex{pos: make([]int, len(hits))}
	for _, h := range hits {
		idx.from[h.slot+1]++
	}
	for k := 1; k < len(idx.from); k++ {
		idx.from[k] += idx.from[k-1]
	}
	next := idx.from
	for _, h := range hits {
		idx.pos[next[h.slot]] = h.at
		next[h.slot]++
	}
	if f.runeIndexes == nil {
		f.runeIndexes = map[*parse.Prose]*runeIndex{}
	}
	f.runeIndexes[pr] = idx
	return idx
}

// proseHas reports whether pr contains kw; a keyword with a Chinese
// character the prose lacks is told absent without a scan (MayContain).
func proseHas(pr *parse.Prose, kw string) bool {
	return pr.MayContain(kw) && strings.Contains(pr.Text, kw)
}

// each calls fn for every occurrence of kw in t.
func each(t, kw string, fn func(i int)) {
	off := 0
	for {
		i := strings.Index(t[off:], kw)
		if i < 0 {
			return
		}
		fn(off + i)
		off += i + len(kw)
	}
}

// narrative is the prose of the given official sections (-1: the intro;
// 0: parts under headings that are not official sections, where reports
// with their own numbering state their figures).
func narrative(d *parse.Doc, sections ...int) []*parse.Prose {
	var out []*parse.Prose
	for i := range d.Parts {
		pt := &d.Parts[i]
		for _, s := range sections {
			if (s == -1 && pt.Heading == -1) || (s >= 0 && pt.Heading >= 0 && pt.Section == s) {
				out = append(out, &pt.Prose)
				break
			}
		}
	}
	return out
}

// cellValue of a known cell, and whether it is known.
func cellValue(t *parse.Table, row, col string) (float64, bool) {
	if t == nil || t.Scrambled {
		return 0, false
	}
	c := t.Cell(row, col)
	if !c.Known() {
		return 0, false
	}
	return c.Num.Value, true
}

// sumRows adds the 总计 of rows; ok is false if any is unknown.
func sumRows(t *parse.Table, col string, rows ...string) (float64, bool) {
	s := 0.0
	for _, r := range rows {
		v, ok := cellValue(t, r, col)
		if !ok {
			return 0, false
		}
		s += v
	}
	return s, true
}

func runesBetween(t string, i, j int) int {
	if j < i {
		return 0
	}
	return utf8.RuneCountInString(t[i:j])
}
