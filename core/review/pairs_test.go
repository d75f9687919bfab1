package review

import (
	"reflect"
	"testing"
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
