package similar_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core/similar"
)

// pairKey: the indices of a pair's reports ("r12.txt" → 12).
func pairKey(t testing.TB, p similar.Pair) [2]int {
	a, err1 := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p.A, "r"), ".txt"))
	b, err2 := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p.B, "r"), ".txt"))
	if err1 != nil || err2 != nil {
		t.Fatalf("ids %s %s", p.A, p.B)
	}
	return [2]int{a, b}
}

// In the generated batch of 500 (gen_test.go) exactly the planted copies
// are found, and the MinHash bands lose none of the pairs that comparing
// all 124,750 pairs finds.
func TestBatch500(t *testing.T) {
	docs, plant := batch500(t)
	var ix similar.Index
	for _, d := range docs {
		ix.Add(d)
	}
	got := ix.Pairs(similar.DefaultMinSimilarity)
	found := map[[2]int]bool{}
	for _, p := range got {
		k := pairKey(t, p)
		found[k] = true
		what, ok := plant[k]
		t.Logf("%v %.3f (%d of %v) %d passages, %s", k, p.Similarity, p.Same, p.Sentences, len(p.Shared), what)
		if !ok {
			t.Errorf("not planted: %v %.2f", k, p.Similarity)
		}
		if len(p.Shared) == 0 || p.Runs < len(p.Shared) {
			t.Errorf("%v: %d passages of %d runs", k, len(p.Shared), p.Runs)
		}
	}
	for k, what := range plant {
		if !found[k] {
			t.Errorf("planted pair %v (%s) not found", k, what)
		}
	}
	n := len(docs) * (len(docs) - 1) / 2
	t.Logf("%d candidate pairs of %d", ix.Candidates(), n)
	if ix.Candidates() > n/20 {
		t.Errorf("%d candidates: the bands do not narrow the search", ix.Candidates())
	}
	// Every pair, exactly: the same pairs, and the margin below the
	// threshold of the pairs that are not copies.
	all := ix.AllPairs(0)
	worst := 0.0
	var exact [][2]int
	for _, p := range all {
		k := pairKey(t, p)
		if p.Similarity >= similar.DefaultMinSimilarity {
			exact = append(exact, k)
			continue
		}
		switch k {
		case [2]int{60, 61}, [2]int{80, 81}:
			t.Logf("%v partly copied: %.3f", k, p.Similarity)
		default:
			worst = max(worst, p.Similarity)
		}
	}
	var want [][2]int
	for _, p := range got {
		want = append(want, pairKey(t, p))
	}
	slices.SortFunc(exact, func(a, b [2]int) int { return a[0]*1000 + a[1] - b[0]*1000 - b[1] })
	slices.SortFunc(want, func(a, b [2]int) int { return a[0]*1000 + a[1] - b[0]*1000 - b[1] })
	if !slices.Equal(exact, want) {
		t.Errorf("all pairs compared: %v; the bands: %v", exact, want)
	}
	t.Logf("%d pairs share a sentence; the most similar unrelated pair %.3f", len(all), worst)
	if worst >= 0.25 {
		t.Errorf("unrelated reports at %.2f", worst)
	}
}

// BenchmarkPairs500: the comparison of a batch of 500 reports, once read
// (FromParsed); reading them is the checker's work and not counted.
func BenchmarkPairs500(b *testing.B) {
	docs, _ := batch500(b)
	b.ReportAllocs()
	var kept int
	for b.Loop() {
		var ix similar.Index
		for _, d := range docs {
			ix.Add(d)
		}
		if len(ix.Pairs(similar.DefaultMinSimilarity)) == 0 {
			b.Fatal("no pairs")
		}
		kept = ix.Bytes()
	}
	b.ReportMetric(float64(kept)/float64(len(docs)), "B/report")
}
