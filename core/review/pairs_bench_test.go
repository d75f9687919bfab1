package review

import (
	"strconv"
	"testing"
)

// BenchmarkPair: pairing a batch of 600 reports (200 units, three years
// each), as a province's folder may hold.
func BenchmarkPair(b *testing.B) {
	var ids []UnitYear
	for u := 0; u < 200; u++ {
		name := "第" + strconv.Itoa(u) + "区人民政府"
		for y := 2022; y <= 2024; y++ {
			ids = append(ids, UnitYear{name, y})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		Pair(ids)
	}
}
