package review

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/rules"
)

// One unit's consecutive years pair, whatever the spelling of its name;
// another unit's report, another year or a unit the name cannot tell
// apart does not.
func TestPair(t *testing.T) {
	ids := []UnitYear{
		{"淮安市洪泽区人民政府", 2024}, // 0: last year's is 2, written without 淮安市
		{"淮安市人民政府", 2024},    // 1: no 2023 of its own
		{"洪泽区人民政府", 2023},    // 2
		{"", 0},              // 3: unreadable
		{"洪泽区人民政府", 2021},    // 4: not the year before anything
		{"东城区教育局", 2024},     // 5: two units could be its 2023: none
		{"北京市东城区教育局", 2023},  // 6
		{"天津市东城区教育局", 2023},  // 7
		{"洪泽区人民政府", 2023},    // 8: a copy of 2
	}
	got := Pair(ids)
	want := []Match{{Prev: 2, Candidates: 2}, {Prev: -1}, {Prev: -1}, {Prev: -1}, {Prev: -1}, {Prev: -1, Candidates: 2}, {Prev: -1}, {Prev: -1}, {Prev: -1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Pair:\n got %+v\nwant %+v", got, want)
	}
}

func TestInFolder(t *testing.T) {
	for name, want := range map[string]bool{
		"报告.docx": true, "报告.TXT": true, "a.md": true, "a.htm": true, "扫描件.pdf": true,
		"~$报告.docx": false, ".隐藏.txt": false, "说明.xls": false, "旧.doc": false, "无扩展名": false,
	} {
		if got := InFolder(name); got != want {
			t.Errorf("InFolder(%q) = %v", name, got)
		}
	}
}

func TestInFolderPath(t *testing.T) {
	for name, want := range map[string]bool{
		"报告.docx": true, "各单位/洪泽区/2024.docx": true, `各单位\2024.txt`: true,
		".git/x.txt": false, "a/.cache/b.md": false, "a/~$b.docx": false, "a/b.xls": false, "": false,
	} {
		if got := InFolderPath(name); got != want {
			t.Errorf("InFolderPath(%q) = %v", name, got)
		}
	}
}

// pairAll is pairing as first written, every report against every other
// (n²): the maps of Pair must give the same matches.
func pairAll(ids []UnitYear) []Match {
	out := make([]Match, len(ids))
	for i, this := range ids {
		out[i].Prev = -1
		if this.Agency == "" || this.Year == 0 {
			continue
		}
		var found []int
		for _, same := range []func(a, b string) bool{
			func(a, b string) bool { return normalize.Label(a) == normalize.Label(b) },
			func(a, b string) bool { return rules.AgencyKey(a) == rules.AgencyKey(b) },
			core.SameAgency,
		} {
			for j, prev := range ids {
				if prev.Year == this.Year-1 && prev.Agency != "" && same(this.Agency, prev.Agency) {
					found = append(found, j)
				}
			}
			if len(found) > 0 {
				break
			}
		}
		if len(found) == 0 {
			continue
		}
		names := map[string]bool{}
		for _, j := range found {
			names[normalize.Label(ids[j].Agency)] = true
		}
		out[i].Candidates = len(found)
		if len(names) == 1 {
			out[i].Prev = found[0]
		}
	}
	return out
}

// Batches drawn from names that are alike in every way pairing tells
// apart (as written, with full-width spaces, folded 人民政府/办公室
// variants, region prefixes, other units): Pair gives what comparing
// every pair gives.
func TestPairAsEveryPair(t *testing.T) {
	names := []string{"", "洪泽区人民政府", "淮安市洪泽区人民政府", "洪泽区政府", "洪泽区 人民政府", "淮安市人民政府",
		"东城区教育局", "北京市东城区教育局", "天津市东城区教育局", "洪泽区人民政府办公室", "洪泽区政府办", "淮安市洪泽区教育局"}
	rnd := rand.New(rand.NewPCG(20, 26))
	for round := 0; round < 300; round++ {
		ids := make([]UnitYear, 1+rnd.IntN(14))
		for i := range ids {
			ids[i] = UnitYear{names[rnd.IntN(len(names))], 2021 + rnd.IntN(4)}
			if ids[i].Agency == "" && rnd.IntN(2) == 0 {
				ids[i].Year = 0
			}
		}
		if got, want := Pair(ids), pairAll(ids); !reflect.DeepEqual(got, want) {
			t.Fatalf("%v:\n Pair      %+v\n every pair %+v", ids, got, want)
		}
	}
}
