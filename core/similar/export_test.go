package similar

import "unsafe"

// Candidates is the number of candidate pairs the last Pairs checked.
func (ix *Index) Candidates() int { return ix.candidates }

// AllPairs compares every pair of reports exactly, as Pairs does but
// without the MinHash bands: what Pairs must find.
func (ix *Index) AllPairs(min float64) []Pair {
	common := ix.common()
	sets := ix.sets(common)
	var out []Pair
	for i := range ix.docs {
		for j := i + 1; j < len(ix.docs); j++ {
			a, b := &ix.docs[i], &ix.docs[j]
			if len(sets[i]) < minSentences || len(sets[j]) < minSentences ||
				a.agency != "" && b.agency != "" && sameAgency(a.agency, b.agency) {
				continue
			}
			if p := ix.pair(i, j, sets, common); p.Same > 0 && p.Similarity >= min {
				out = append(out, p)
			}
		}
	}
	return out
}

// Bytes is the memory the index keeps for its reports.
func (ix *Index) Bytes() int {
	n := cap(ix.docs) * int(unsafe.Sizeof(entry{}))
	for _, e := range ix.docs {
		n += cap(e.sents)*int(unsafe.Sizeof(sent{})) + len(e.heads) + len(e.id) + len(e.agency)
	}
	return n
}
