package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
)

// A folder with one unit's reports of 2023 and 2024 (洪泽区人民政府, written
// 淮安市洪泽区人民政府 in 2024) and another unit's 2024 report: the pair is
// found and said, the 2024 report is checked with the 2023 one exactly as
// with --prev, and the other reports as on their own.
func TestFolderPairsConsecutiveYears(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"洪泽/2023.txt": "../../testdata/real/hongze-2023-layout.txt",
		"洪泽/2024.txt": "../../testdata/real/hongze-2024-layout.txt",
		"淮安市2024.txt": "../../testdata/real/huaian-city-2024-layout.txt",
	}
	raw := map[string][]byte{}
	for to, from := range files {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		raw[to] = b
		write(t, filepath.Join(dir, to), b)
	}
	code, out, stderr := runCmd(t, "", "check", "--format", "json", dir)
	if code != 1 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	p23, p24 := filepath.Join(dir, "洪泽/2023.txt"), filepath.Join(dir, "洪泽/2024.txt")
	if want := "nianbao: 跨年度比对：洪泽区人民政府 2023（" + p23 + "）↔ 淮安市洪泽区人民政府 2024（" + p24 + "）\n"; stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	var res core.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Reports) != 3 {
		t.Fatalf("%d reports", len(res.Reports))
	}
	for _, rep := range res.Reports {
		rel, _ := filepath.Rel(dir, rep.Source)
		opts := core.Options{}
		if rel == "洪泽/2024.txt" {
			opts.Previous = string(raw["洪泽/2023.txt"])
		}
		want, _ := core.Check(rep.Source, raw[rel], opts)
		got, _ := json.Marshal(rep)
		exp, _ := json.Marshal(want)
		if string(got) != string(exp) {
			t.Errorf("%s: differs from core.Check with Previous %v", rel, opts.Previous != "")
		}
		cross := 0
		for _, f := range rep.Findings {
			if f.Rule[0] == 'C' || f.Rule == "P02" {
				cross++
			}
		}
		if (rel == "洪泽/2024.txt") != (cross == 2) { // C05 and P02 (行政许可 550 → 9487)
			t.Errorf("%s: %d cross-year findings", rel, cross)
		}
	}
	// With --prev the given file is last year's for every report: no pairing.
	_, _, stderr = runCmd(t, "", "check", "--format", "json", "--prev", p23, dir)
	if strings.Contains(stderr, "跨年度比对") {
		t.Errorf("--prev and pairing: %q", stderr)
	}
}

// A name that two units of last year can be (a department titled without
// its district): no pair rather than a wrong one, and the user is told.
// A government titled by its office one year is paired with itself.
func TestFolderPairsAmbiguous(t *testing.T) {
	b, err := os.ReadFile("../../core/rules/testdata/base.txt")
	if err != nil {
		t.Fatal(err)
	}
	base := string(b)
	lastYear := strings.NewReplacer("2024年", "2023年", "2025年", "2024年")
	unit := func(text, name string) []byte {
		return []byte(strings.Replace(text, "某某市某某区交通运输局\n", name+"\n", 1))
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), unit(lastYear.Replace(base), "甲区交通运输局"))
	write(t, filepath.Join(dir, "b.txt"), unit(lastYear.Replace(base), "乙区交通运输局"))
	write(t, filepath.Join(dir, "c.txt"), unit(base, "交通运输局"))
	write(t, filepath.Join(dir, "d.txt"), unit(lastYear.Replace(base), "某县人民政府办公室"))
	write(t, filepath.Join(dir, "e.txt"), unit(base, "某县人民政府"))
	_, _, stderr := runCmd(t, "", "check", "--format", "json", dir)
	want := "nianbao: 跨年度比对：交通运输局 2024 年度报告（" + filepath.Join(dir, "c.txt") + "）的上年报告不能确定（2 份可能），未比对；可用 --prev 指定\n" +
		"nianbao: 跨年度比对：某县人民政府办公室 2023（" + filepath.Join(dir, "d.txt") + "）↔ 某县人民政府 2024（" + filepath.Join(dir, "e.txt") + "）\n"
	if stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
}

// Each file of a batch is read once: the pairing pass keeps the files as
// read for their check and for the report they are last year's of, so
// the checks need no file on disk any more; a file is let go after its
// last use, and one past the budget (none here) would be read again.
func TestPlanReadsEachFileOnce(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for _, f := range []string{"hongze-2023-layout.txt", "hongze-2024-layout.txt", "huaian-city-2024-layout.txt"} {
		raw, err := os.ReadFile("../../testdata/real/" + f)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, f)
		if err := os.WriteFile(p, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	var stderr strings.Builder
	plan := planPairs(files, newEnv(&stderr), &stderr)
	if got := plan.prevOf; got[0] != -1 || got[1] != 0 || got[2] != -1 {
		t.Fatalf("pairs %v (%s)", got, stderr.String())
	}
	for _, f := range files {
		os.Remove(f) // from here, a file read again would be missing
	}
	for i := range files {
		doc := plan.take(i)
		if doc == nil || !strings.Contains(doc.Text, "政府信息公开") {
			t.Fatalf("file %d not kept as read", i)
		}
		prev := plan.previous(i)
		if (i == 1) != strings.Contains(prev, "2023 年政府信息公开工作年度报告") {
			t.Fatalf("file %d: last year's text %.80q", i, prev)
		}
		if _, ierr := core.CheckDoc(files[i], doc, core.Options{Previous: prev}); ierr != nil {
			t.Fatal(ierr)
		}
	}
	for i, d := range plan.docs {
		if d != nil {
			t.Errorf("file %d still held after its last use", i)
		}
	}
}
