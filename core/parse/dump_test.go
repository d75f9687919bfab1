package parse

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core/source"
)

// TestDump prints how a file's tables were aligned, for debugging:
//
//	NB_DUMP=path/to/report.txt NB_TABLE=applications go test ./core/parse -run TestDump -v
func TestDump(t *testing.T) {
	path := os.Getenv("NB_DUMP")
	if path == "" {
		t.Skip("NB_DUMP not set")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := source.New(path, string(raw))
	d := Parse(src)
	want := os.Getenv("NB_TABLE")
	for _, r := range d.regions {
		if want != "" && r.table != want {
			continue
		}
		fmt.Printf("== %s lines %d-%d\n", r.table, r.start, r.end)
		lts, arena := d.regionTokens(r, nil, nil)
		tp, _, _ := tableTemplate(r.table, lts, arena, nil, d.TitleYear)
		units, arena := tableUnits(r.table, lts, arena, tp, src, nil)
		al := newAligner(tp, units, arena, nil)
		p := al.run()
		fmt.Printf("cost %.1f; %d units, %d states kept (%.1f a step); the best path ran up to %.1f above the best state of a step\n",
			p.cost, len(units), len(al.nodes), float64(len(al.nodes))/float64(len(units)+1), p.gap)
		for i, u := range units {
			ln, _ := src.Position(arena[u.first].Span.Start)
			var txt []string
			for _, tk := range arena[u.first : u.first+u.n] {
				txt = append(txt, tk.Text)
			}
			b := ""
			if u.bound >= 0 {
				b = "[" + arena[u.bound].Text + "]"
			}
			amb := ""
			if p.ambiguous[i] {
				amb = fmt.Sprintf(" AMBIG alt=%v", p.alt[i])
			}
			fmt.Printf("L%-4d %-8s row=%-3d %s%q  %v  %v -> %v%s\n", ln, []string{"label", "value", "blank", "group", "fused", "subtot"}[u.kind], u.row, b, strings.Join(txt, " "), p.roles[i], p.before(i), p.after(i), amb)
		}
	}
}
