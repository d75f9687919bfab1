package input

import (
	"fmt"
	"testing"
)

// The drawn lines both PDF engines read, from a path's points or its
// bounds (internal/pdfium on the command line, wasm/pdf.go in the page).
func TestPathAndBoundsRules(t *testing.T) {
	pts := func(xy ...float64) []PathPoint {
		var p []PathPoint
		for i := 0; i+1 < len(xy); i += 2 {
			p = append(p, PathPoint{xy[i], xy[i+1]})
		}
		return p
	}
	for _, c := range []struct {
		name string
		p    []PathPoint
		want string
	}{
		// m l l l h: four corners and the first again: a bar, its middle.
		{"thin bar, closed by h", pts(10, 100, 210, 100, 210, 101, 10, 101, 10, 100), "[{10 100.5 210 100.5}]"},
		// re as PDFium gives it: five points, then the first once more:
		// no rectangle, its two long edges.
		{"thin re", pts(10, 100, 210, 100, 210, 101, 10, 101, 10, 100, 10, 100), "[{10 100 210 100} {10 101 210 101}]"},
		{"a stroked line", pts(50, 20, 50, 300), "[{50 20 50 300}]"},
		{"a box: four edges", pts(0, 0, 100, 0, 100, 50, 0, 50, 0, 0, 0, 0), "[{0 0 100 0} {100 0 100 50} {0 50 100 50} {0 0 0 50}]"},
		{"a slanted line: none", pts(0, 0, 100, 40), "[]"},
		{"too short", pts(0, 0, 1, 0), "[]"},
	} {
		if got := fmt.Sprint(PathRules(c.p, nil)); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	for _, c := range []struct {
		x0, y0, x1, y1 float64
		want           string
		thin           bool
	}{
		{10, 99.625, 210, 100.375, "[{10 100 210 100}]", true},
		{49.5, 20, 50.5, 300, "[{50 20 50 300}]", true},
		{0, 0, 1, 1, "[]", true},                      // a dot: thin, no line
		{0, 0, 100, 50, "[]", false},                  // a box: read by its subpaths
		{0, 0, 2.5, 2.9, "[{1.25 0 1.25 2.9}]", true}, // taller than wide: vertical
	} {
		got, thin := BoundsRule(c.x0, c.y0, c.x1, c.y1, nil)
		if fmt.Sprint(got) != c.want || thin != c.thin {
			t.Errorf("bounds %v %v %v %v: %v %v, want %s %v", c.x0, c.y0, c.x1, c.y1, got, thin, c.want, c.thin)
		}
	}
	// Bounded: a page keeps MaxPageRules lines.
	var out []Rule
	for i := 0; i < MaxPageRules+10; i++ {
		out, _ = BoundsRule(0, float64(i), 100, float64(i)+1, out)
		out = PathRules(pts(0, float64(i), 100, float64(i)), out)
	}
	if len(out) != MaxPageRules {
		t.Errorf("%d lines kept, want %d", len(out), MaxPageRules)
	}
}
