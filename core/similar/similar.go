// Package similar finds, in a batch of reports, pairs of reports of
// different units whose narrative is nearly the same text: 雷同, which
// 国办公开办函〔2021〕30号（四） names as a failure. A reviewer's folder holds
// dozens to hundreds of subordinate units' reports, a national evaluator's
// hundreds of thousands; comparing every pair of full texts does not scale
// (500 reports are 124,750 pairs), so a batch is compared in three steps.
//
// 1. Sentences (FromParsed). The narrative — the parts under a heading; not
// the intro, not the tables, whose labels every report shares — is cut
// into sentences (parse.Doc.EachSentence), and each sentence is reduced to
// what a copy keeps: years, numbers, dates, punctuation, the unit's own
// name and places and the words a unit names itself with ("我区", "全县",
// "区政府") are dropped, and what is left is hashed (normalize.SentenceKeys,
// the reduction rule C03 uses against last year's report). Sentences that
// prove nothing are left out: short ones (normalize.MinSentence),
// sub-headings ("（二）依申请公开情况"), and the template's customary
// sentences (format.TemplateMarks: "本报告由…编制", "如对本报告有疑问…").
// The index keeps of a report its sentence hashes with their lines and the
// first characters of each sentence (to show passages): about 3.5 KB, not
// its text.
//
// 2. Candidates (Index.Pairs). Sentences found in many reports of the batch
// (more than max(10, 10 % of the reports)) are phrasing that units share
// legitimately — a provincial template, the slogans of the year — and do
// not count. Over the remaining sentences each report gets a MinHash
// signature (256 hash functions over the set of its sentence hashes) cut
// into 128 bands of 2; two reports with an equal band are a candidate
// pair. Reports whose sentence sets have Jaccard similarity J share a band
// with probability 1-(1-J²)^128: 0.995 at J = 0.2, 0.92 at J = 0.14, 0.27
// at J = 0.05, 0 when they share no sentence. Half of a report copied
// from one of the same length is J = 0.33; from one three times as long,
// J = 0.14. Signatures are made band by band when Pairs runs, once the
// frequencies are known, so no report keeps one. On a generated batch of
// 500 the bands leave 11 candidate pairs of 124,750, and the comparison
// takes about 25 ms (BenchmarkPairs500).
//
// 3. Exact check. For each candidate pair of different units (a unit's own
// reports of two years are rule C03's business) the shared sentences are
// counted: the similarity is the share of the shorter narrative's
// sentences that the other report also has. The passages shown are the
// longest runs of consecutive sentences that follow each other in both
// reports too, with their lines in each.
//
// Reports of any year are compared: copying another unit's report of last
// year is 雷同 too, and a reviewer's folder usually holds one year anyway;
// Pair gives both years so that a reviewer can tell.
//
// A sentence that a copy rewords, even by one word, no longer counts as
// shared: the similarity is a lower bound of how much was copied.
package similar

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/parse"
)

// DefaultMinSimilarity is the share of the shorter narrative's sentences
// found in the other report from which a pair is reported. Measured: the
// real reports of different units in testdata share at most 0.06 of their
// sentences, unrelated reports of the generated batch at most 0.04;
// copies with a tenth to a sixth of their sentences reworded come out at
// 0.74–0.90, a report two thirds copied at 0.65, reports 30 % and 40 %
// copied at 0.31 and 0.40. Half the narrative the same word for word is far
// beyond chance and is what a reviewer should look at; the similarity is
// given so that they can judge.
const DefaultMinSimilarity = 0.5

const (
	// minSentences: a narrative shorter than this (counted sentences) is
	// too short to call it a copy (rule C03 uses the same).
	minSentences = 10
	// MaxPassages shown per pair: the longest.
	MaxPassages = 5
	// headRunes: the characters of a sentence kept to show a passage.
	headRunes = 24
	// maxLabel: a sub-heading of at most this many characters (reduced)
	// is a label ("（二）依申请公开情况"), not narrative.
	maxLabel = 16
	// Common sentences: in more than max(minCommon, commonShare × n) of
	// the n reports of a batch. Below ten reports nothing is common: a
	// sentence shared by every report of a small batch can be a copy.
	minCommon   = 10
	commonShare = 0.10
	// MinHash: hashes per signature and rows per band.
	numHashes = 256
	bandRows  = 2
)

// Sentence is one sentence of a report's narrative.
type Sentence struct {
	Hash  uint64 // the sentence reduced and hashed (normalize.SentenceKeys)
	Lines [2]int // first and last line of the sentence in the report
	Text  string // the sentence as written (spaces dropped, width folded)
}

// Doc is one report as compared: its narrative sentences, those that can
// show a copy (FromParsed leaves out short ones, sub-headings and the
// template's).
type Doc struct {
	ID        string // the caller's name for the report (a file name)
	Agency    string // the unit, as the report writes it; "" when unknown
	Year      int    // 0 when unknown
	Sentences []Sentence
}

// FromParsed takes the narrative of a parsed report. agency and year are
// the unit and year as read (rules.Identify); an empty agency falls back to
// the title's (doc.Agency). Both names are dropped from the sentences.
func FromParsed(id string, doc *parse.Doc, agency string, year int) Doc {
	if agency == "" {
		agency = doc.Agency
	}
	d := Doc{ID: id, Agency: agency, Year: year}
	keys := normalize.NewSentenceKeys(agency, doc.Agency)
	add := func(pr *parse.Prose, i, j int) {
		s := pr.Text[i:j]
		h, n := keys.Key(s)
		if n < normalize.MinSentence || (n <= maxLabel && isSubHeading(s)) || isTemplate(s) {
			return
		}
		sp := pr.Span(i, j)
		from, _ := doc.Src.Position(sp.Start)
		to, _ := doc.Src.Position(max(sp.End-1, sp.Start))
		d.Sentences = append(d.Sentences, Sentence{Hash: h, Lines: [2]int{from, to}, Text: s})
	}
	// A sub-heading on a line of its own without a full stop runs into
	// the first sentence of its paragraph in the prose: they are two
	// sentences, or a copy that moves the paragraph under another heading
	// loses its first sentence.
	lineEnd := make(map[int]int, len(doc.Subs))
	for _, sh := range doc.Subs {
		lineEnd[sh.Span.Start] = sh.Span.End
	}
	doc.EachSentence(func(pr *parse.Prose, i, j int) {
		if end, ok := lineEnd[pr.Span(i, j).Start]; ok {
			for k := i; k < j; {
				_, size := utf8.DecodeRuneInString(pr.Text[k:])
				if k > i && pr.Span(k, k+size).Start >= end {
					add(pr, i, k)
					i = k
					break
				}
				k += size
			}
		}
		add(pr, i, j)
	})
	return d
}

// isSubHeading: the sentence starts with "（一）"…"（十二）".
func isSubHeading(s string) bool {
	var rest string
	switch {
	case strings.HasPrefix(s, "("):
		rest = s[1:]
	case strings.HasPrefix(s, "（"):
		rest = s[len("（"):]
	default:
		return false
	}
	k := strings.IndexAny(rest, ")）")
	return k > 0 && format.NumeralValue(rest[:k]) > 0
}

func isTemplate(s string) bool {
	for _, m := range format.TemplateMarks {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// Passage is a run of consecutive sentences that two reports share, in the
// same order in both.
type Passage struct {
	ALines, BLines [2]int // first and last line in report A and in report B
	Sentences      int    // sentences in the run
	Text           string // its first sentence as report A writes it, clipped
}

// Pair is two reports of different units with much of their narrative in
// common.
type Pair struct {
	A, B     string    // ids, in the order the reports were added
	Agencies [2]string // units of A and B ("" when unknown)
	Years    [2]int    // years of A and B (0 when unknown)
	// Similarity: the share of the shorter narrative's sentences found in
	// the other report (sentences common to much of the batch left out).
	Similarity float64
	Same       int    // sentences found in both (of those that count)
	Sentences  [2]int // sentences that count in A and in B
	Runs       int    // runs of shared consecutive sentences
	Shared     []Passage
}

// sent is a sentence as the index keeps it: its first characters are
// heads[h0:h1] of its report.
type sent struct {
	hash     uint64
	from, to int32
	h0, h1   int32
}

type entry struct {
	id, agency string
	year       int
	sents      []sent
	heads      string // the first characters of every sentence, one after the other
}

func (e *entry) head(k int) string { return e.heads[e.sents[k].h0:e.sents[k].h1] }

// Index holds a batch of reports, compactly. The zero value is empty and
// ready; it is not safe for concurrent use.
type Index struct {
	docs []entry
	// candidates of the last Pairs, for the measurements of the tests.
	candidates int
}

// Add puts a report in the batch. The index keeps the sentence hashes,
// lines and first characters, not the text.
func (ix *Index) Add(d Doc) {
	e := entry{id: d.ID, agency: d.Agency, year: d.Year, sents: make([]sent, len(d.Sentences))}
	var heads strings.Builder
	heads.Grow(len(d.Sentences) * headRunes * 3)
	for i, s := range d.Sentences {
		h0 := heads.Len()
		writeClipped(&heads, s.Text, headRunes)
		e.sents[i] = sent{hash: s.Hash, from: int32(s.Lines[0]), to: int32(s.Lines[1]), h0: int32(h0), h1: int32(heads.Len())}
	}
	e.heads = heads.String()
	ix.docs = append(ix.docs, e)
}

// Len is the number of reports added.
func (ix *Index) Len() int { return len(ix.docs) }

// Compare compares two reports on their own, as a batch of two: every
// sentence counts, and the units are not checked.
func Compare(a, b Doc) Pair {
	var ix Index
	ix.Add(a)
	ix.Add(b)
	return ix.pair(0, 1, ix.sets(nil), nil)
}

// Pairs returns the pairs of reports of different units whose similarity
// is at least min (DefaultMinSimilarity is the measured default), most
// similar first. A pair whose units cannot be told apart (a name missing)
// is kept: it may also be the same report twice. Reports with fewer than
// ten sentences that count are not compared. Below about 0.3 the bands
// may miss pairs (see the package comment): a low min does not list every
// pair that shares a sentence.
func (ix *Index) Pairs(min float64) []Pair {
	common := ix.common()
	sets := ix.sets(common)
	cands := lsh(sets)
	ix.candidates = len(cands)
	var out []Pair
	for _, c := range cands {
		i, j := int(c>>32), int(uint32(c))
		a, b := &ix.docs[i], &ix.docs[j]
		if a.agency != "" && b.agency != "" && sameAgency(a.agency, b.agency) {
			continue
		}
		if p := ix.pair(i, j, sets, common); p.Same > 0 && p.Similarity >= min {
			out = append(out, p)
		}
	}
	// Most similar first; candidates come sorted by (A, B), which breaks
	// ties in the order the reports were added.
	slices.SortStableFunc(out, func(p, q Pair) int {
		switch {
		case p.Similarity > q.Similarity:
			return -1
		case p.Similarity < q.Similarity:
			return 1
		}
		return 0
	})
	return out
}

// sameAgency: two names of one unit (normalize.SameAgency). The pair is
// rule C03's if the years follow each other, or the same report twice.
func sameAgency(a, b string) bool { return normalize.SameAgency(a, b) }

// common is the set of sentence hashes found in more reports of the batch
// than max(minCommon, commonShare × n); nil when there are none.
func (ix *Index) common() map[uint64]bool {
	n := len(ix.docs)
	cut := max(minCommon, int(commonShare*float64(n)+0.5))
	if n <= cut {
		return nil
	}
	df := make(map[uint64]int32, n*32)
	for k := range ix.docs {
		e := &ix.docs[k]
		for i, s := range e.sents {
			if !seenBefore(e.sents[:i], s.hash) {
				df[s.hash]++
			}
		}
	}
	var out map[uint64]bool
	for h, c := range df {
		if int(c) > cut {
			if out == nil {
				out = map[uint64]bool{}
			}
			out[h] = true
		}
	}
	return out
}

// seenBefore: a report repeats a sentence rarely and has a few dozen; a
// scan costs less than a set.
func seenBefore(prev []sent, h uint64) bool {
	for _, s := range prev {
		if s.hash == h {
			return true
		}
	}
	return false
}

// sets are each report's distinct sentence hashes that count (not
// common), sorted.
func (ix *Index) sets(common map[uint64]bool) [][]uint64 {
	out := make([][]uint64, len(ix.docs))
	for k := range ix.docs {
		var set []uint64
		for _, s := range ix.docs[k].sents {
			if !common[s.hash] {
				set = append(set, s.hash)
			}
		}
		slices.Sort(set)
		out[k] = slices.Compact(set)
	}
	return out
}

// lsh returns the candidate pairs, i<<32 | j with i < j, sorted: the
// reports that share a band of their MinHash signatures. Reports with
// fewer than minSentences sentences that count take no part.
func lsh(sets [][]uint64) []uint64 {
	type keyed struct {
		key uint64
		doc int32
	}
	var seeds [numHashes]uint64
	for k := range seeds {
		seeds[k] = mix64(uint64(k+1) * 0x9E3779B97F4A7C15)
	}
	var cands []uint64
	rows := make([]keyed, 0, len(sets))
	var mins [bandRows]uint64
	for band := 0; band < numHashes/bandRows; band++ {
		rows = rows[:0]
		for d, set := range sets {
			if len(set) < minSentences {
				continue
			}
			for r := range mins {
				mins[r] = ^uint64(0)
			}
			for _, h := range set {
				for r := range mins {
					if v := mix64(h ^ seeds[band*bandRows+r]); v < mins[r] {
						mins[r] = v
					}
				}
			}
			key := uint64(band)
			for _, m := range mins {
				key = mix64(key ^ m)
			}
			rows = append(rows, keyed{key, int32(d)})
		}
		slices.SortFunc(rows, func(a, b keyed) int {
			switch {
			case a.key < b.key:
				return -1
			case a.key > b.key:
				return 1
			}
			return int(a.doc - b.doc)
		})
		for i := 0; i < len(rows); {
			j := i + 1
			for j < len(rows) && rows[j].key == rows[i].key {
				j++
			}
			for a := i; a < j; a++ {
				for b := a + 1; b < j; b++ {
					cands = append(cands, uint64(rows[a].doc)<<32|uint64(rows[b].doc))
				}
			}
			i = j
		}
	}
	slices.Sort(cands)
	return slices.Compact(cands)
}

// mix64 is the finaliser of SplitMix64: a bijection that spreads every bit
// of its input over the output, so mix64(h ^ seed) for different seeds act
// as independent hash functions for MinHash.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

// pair compares reports i and j exactly.
func (ix *Index) pair(i, j int, sets [][]uint64, common map[uint64]bool) Pair {
	a, b := &ix.docs[i], &ix.docs[j]
	p := Pair{A: a.id, B: b.id, Agencies: [2]string{a.agency, b.agency}, Years: [2]int{a.year, b.year},
		Sentences: [2]int{len(sets[i]), len(sets[j])}}
	// The shared sentences: a merge of the two sorted sets.
	x, y := sets[i], sets[j]
	for len(x) > 0 && len(y) > 0 {
		switch {
		case x[0] < y[0]:
			x = x[1:]
		case x[0] > y[0]:
			y = y[1:]
		default:
			p.Same++
			x, y = x[1:], y[1:]
		}
	}
	if shorter := min(len(sets[i]), len(sets[j])); shorter > 0 {
		p.Similarity = float64(p.Same) / float64(shorter)
	}
	if p.Same > 0 {
		p.Shared, p.Runs = passages(a, b, common)
	}
	return p
}

// run is a passage being built: sentences a0..a1 of A and b0..b1 of B.
type run struct {
	a0, a1, b0, b1 int
	counted        int // sentences that count (not common)
}

// passages finds the runs of consecutive sentences of A that follow each
// other in B too, and returns the longest (by sentences that count; a run
// of common sentences alone proves nothing) in A's order, and how many
// runs there are.
func passages(ea, eb *entry, common map[uint64]bool) ([]Passage, int) {
	a, b := ea.sents, eb.sents
	at := make(map[uint64][]int32, len(b))
	for k, s := range b {
		at[s.hash] = append(at[s.hash], int32(k))
	}
	var runs []run
	cur := -1 // index in runs of the run that sentence k-1 ended, or -1
	for k, s := range a {
		pos := at[s.hash]
		if len(pos) == 0 {
			cur = -1
			continue
		}
		c := 0
		if !common[s.hash] {
			c = 1
		}
		if cur >= 0 && slices.Contains(pos, int32(runs[cur].b1+1)) {
			r := &runs[cur]
			r.a1, r.b1 = k, r.b1+1
			r.counted += c
			continue
		}
		runs = append(runs, run{a0: k, a1: k, b0: int(pos[0]), b1: int(pos[0]), counted: c})
		cur = len(runs) - 1
	}
	runs = slices.DeleteFunc(runs, func(r run) bool { return r.counted == 0 })
	total := len(runs)
	slices.SortStableFunc(runs, func(x, y run) int { return y.counted - x.counted })
	runs = runs[:min(len(runs), MaxPassages)]
	slices.SortFunc(runs, func(x, y run) int { return x.a0 - y.a0 })
	out := make([]Passage, len(runs))
	for k, r := range runs {
		out[k] = Passage{
			ALines:    [2]int{int(a[r.a0].from), int(a[r.a1].to)},
			BLines:    [2]int{int(b[r.b0].from), int(b[r.b1].to)},
			Sentences: r.a1 - r.a0 + 1,
			Text:      ea.head(r.a0),
		}
	}
	return out, total
}

// writeClipped writes the first n characters of s, marking a cut with "…".
func writeClipped(b *strings.Builder, s string, n int) {
	count := 0
	for i := range s {
		if count == n {
			b.WriteString(s[:i])
			b.WriteString("…")
			return
		}
		count++
	}
	b.WriteString(s)
}
