package input

// disjointSets groups the integers 0…n-1 into sets (union-find with path
// halving): the lines of one drawn table, the parts of one cell, the runs
// of one column.
type disjointSets []int

func newDisjointSets(n int) disjointSets {
	s := make(disjointSets, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// find returns the representative of i's set.
func (s disjointSets) find(i int) int {
	for s[i] != i {
		s[i] = s[s[i]]
		i = s[i]
	}
	return i
}

// union puts a's set into b's.
func (s disjointSets) union(a, b int) { s[s.find(a)] = s.find(b) }
