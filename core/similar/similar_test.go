package similar_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/rules"
	"github.com/nianbao/nianbao/core/similar"
	"github.com/nianbao/nianbao/core/source"
)

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// docOf reads a report as a batch would: parsed, its unit and year as the
// rules read them.
func docOf(id, text string) similar.Doc {
	d := parse.Parse(source.New(id, text))
	agency, year := rules.Identify(d)
	return similar.FromParsed(id, d, agency, year)
}

var digits = regexp.MustCompile(`[0-9]+`)

// A unit takes another's report (seeds/000, 武昌区机关事务服务中心 2025) and
// makes it its own: its name everywhere, last year, every number changed,
// two sub-parts of 总体情况 and two numbered items swapped, and four of its
// 32 sentences reworded. Lines are only edited or swapped, so each line of
// the copy is known to come from one line of the original.
func TestCopiedSeed(t *testing.T) {
	orig := readTestdata(t, "seeds/000_bcc88cd11fb35c2f.txt")
	lines := strings.Split(orig, "\n")
	perm := make([]int, len(lines)+1) // line of the original → line of the copy
	for i := range perm {
		perm[i] = i
	}
	swap := func(a, b int) { // 1-based lines
		lines[a-1], lines[b-1] = lines[b-1], lines[a-1]
		perm[a], perm[b] = perm[b], perm[a]
	}
	// Lines 14–15 are （三） and its paragraph, 16–17 （四）; 7 and 8 are
	// items 2 and 3 of （一）.
	if !strings.HasPrefix(lines[13], "(三)") || !strings.HasPrefix(lines[15], "(四)") || !strings.HasPrefix(lines[6], "2.") {
		t.Fatalf("seed changed: %q %q %q", lines[13], lines[15], lines[6])
	}
	swap(14, 16)
	swap(15, 17)
	swap(7, 8)
	copied := strings.Join(lines, "\n")
	reworded := []struct{ from, to string }{
		{"4.依托政府门户网站,", "4.依托政府门户网站平台,"},
		{"定期开展信息梳理归档", "每季度开展信息梳理归档"},
		{"本单位无行政许可、处罚强制", "本中心不承担行政许可、处罚强制"},
		{"经改进,公开工作主动性、系统性显著增强", "经过整改,公开工作主动性、系统性明显增强"},
	}
	for _, r := range reworded {
		if strings.Count(copied, r.from) != 1 {
			t.Fatalf("%q not once in the seed", r.from)
		}
		copied = strings.Replace(copied, r.from, r.to, 1)
	}
	copied = strings.ReplaceAll(copied, "武昌", "江夏")
	copied = digits.ReplaceAllStringFunc(copied, func(n string) string {
		if n == "2025" {
			return "2024"
		}
		v, _ := strconv.Atoi(n)
		return strconv.Itoa(v*3 + 7)
	})

	a, b := docOf("武昌.txt", orig), docOf("江夏.txt", copied)
	if a.Agency != "武昌区机关事务服务中心" || b.Agency != "江夏区机关事务服务中心" || a.Year != 2025 || b.Year != 2024 {
		t.Fatalf("read as %s %d and %s %d", a.Agency, a.Year, b.Agency, b.Year)
	}
	var ix similar.Index
	ix.Add(a)
	ix.Add(b)
	pairs := ix.Pairs(similar.DefaultMinSimilarity)
	if len(pairs) != 1 {
		t.Fatalf("want the pair, got %d pairs", len(pairs))
	}
	p := pairs[0]
	n := len(a.Sentences)
	if n != 32 || p.Sentences != [2]int{n, n} || p.Same != n-len(reworded) {
		t.Errorf("sentences %v, same %d; want %d each, %d same", p.Sentences, p.Same, n, n-len(reworded))
	}
	t.Logf("similarity %.3f, %d runs", p.Similarity, p.Runs)
	if p.A != "武昌.txt" || p.B != "江夏.txt" || p.Years != [2]int{2025, 2024} || p.Similarity < 0.85 {
		t.Errorf("pair %s %s %v %.2f", p.A, p.B, p.Years, p.Similarity)
	}
	// The swaps and the rewordings cut the shared text into runs; the
	// five longest are shown, in the original's order, each at the same
	// place in both: the copy's lines are where the original's went.
	if len(p.Shared) != similar.MaxPassages || p.Runs <= similar.MaxPassages {
		t.Errorf("%d passages of %d runs", len(p.Shared), p.Runs)
	}
	flat := strings.ReplaceAll(orig, "\n", "")
	var at []string
	for k, ps := range p.Shared {
		t.Logf("A %v B %v %d %s", ps.ALines, ps.BLines, ps.Sentences, ps.Text)
		at = append(at, strconv.Itoa(ps.ALines[0])+"-"+strconv.Itoa(ps.ALines[1]))
		if ps.BLines[0] != perm[ps.ALines[0]] || ps.BLines[1] != perm[ps.ALines[1]] {
			t.Errorf("passage at %v in A is at %v in B, want [%d %d]", ps.ALines, ps.BLines, perm[ps.ALines[0]], perm[ps.ALines[1]])
		}
		if first := strings.TrimSuffix(ps.Text, "…"); !strings.Contains(flat, first) {
			t.Errorf("passage text %q not in the original", ps.Text)
		}
		if k > 0 && ps.ALines[0] <= p.Shared[k-1].ALines[1] {
			t.Errorf("passages out of order or overlapping: %v after %v", ps.ALines, p.Shared[k-1].ALines)
		}
	}
	// The opening, items 4–6 of （一） with （二）, （五）, the two sentences
	// of 三 and 四 with the first of 五, and 五（二） with 六.
	if got := strings.Join(at, " "); got != "4-6 10-13 19-21 67-354 355-357" {
		t.Errorf("passages at lines %s", got)
	}
	// Compare says the same of the two alone.
	if c := similar.Compare(a, b); c.Same != p.Same || c.Similarity != p.Similarity {
		t.Errorf("Compare: %d %.3f", c.Same, c.Similarity)
	}
}

// The real reports of different units in testdata are not copies of one
// another. The same unit's reports (洪泽区 2023 in two extractions, and
// 2024) are the same text or a year apart: not pairs of this check.
func TestRealReportsNoFalseAlarm(t *testing.T) {
	var ix similar.Index
	var docs []similar.Doc
	for _, dir := range []string{"real", "seeds"} {
		files, err := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*.txt"))
		if err != nil || len(files) == 0 {
			t.Fatal(err, files)
		}
		for _, f := range files {
			d := docOf(filepath.Base(f), readTestdata(t, filepath.Join(dir, filepath.Base(f))))
			if len(d.Sentences) < 15 {
				t.Errorf("%s: %d sentences", d.ID, len(d.Sentences))
			}
			docs = append(docs, d)
			ix.Add(d)
		}
	}
	if got := ix.Pairs(similar.DefaultMinSimilarity); len(got) != 0 {
		for _, p := range got {
			t.Errorf("false alarm: %s (%s) and %s (%s) %.2f", p.A, p.Agencies[0], p.B, p.Agencies[1], p.Similarity)
		}
	}
	// The margin: every pair of different units, compared on its own.
	worst, same := 0.0, 0
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			p := similar.Compare(docs[i], docs[j])
			if docs[i].Agency != "" && docs[j].Agency != "" && normalize.SameAgency(docs[i].Agency, docs[j].Agency) {
				if p.Similarity > 0.5 {
					same++ // two extractions of one PDF
				}
				continue
			}
			if p.Similarity > worst {
				worst = p.Similarity
				t.Logf("most similar so far: %s and %s %.3f (%d of %v)", p.A, p.B, p.Similarity, p.Same, p.Sentences)
			}
		}
	}
	if worst >= similar.DefaultMinSimilarity/2 {
		t.Errorf("two units' reports at %.2f: too close to the threshold", worst)
	}
	if same != 2 {
		t.Errorf("%d same-unit pairs alike, want 2 (洪泽区 2023 and 淮安市 2024, each in two extractions)", same)
	}
}

// Two units whose reports share only what the format gives everyone: the
// official sub-headings, with or without a full stop, and the template's
// sentences (本报告由…编制, 统计期限, 如对本报告有疑问…) placed under 六
// rather than before the first heading. Counted as sentences, these would
// make more than half of each report the same; none of them counts.
func TestBoilerplateOnly(t *testing.T) {
	own := func(name string) (string, []string) {
		d := docOf(name, readTestdata(t, name))
		var ss []string
		for _, s := range d.Sentences[:10] {
			ss = append(ss, s.Text)
		}
		return d.Agency, ss
	}
	write := func(agency string, ss []string) string {
		var b strings.Builder
		b.WriteString(agency + "\n2024年政府信息公开工作年度报告\n一、总体情况\n")
		b.WriteString("(一)主动公开政府信息情况。\n" + ss[0] + "。" + ss[1] + "。\n")
		b.WriteString("(二)收到和处理政府信息公开申请情况\n" + ss[2] + "。" + ss[3] + "。\n")
		b.WriteString("（三）政府信息管理情况。\n" + ss[4] + "。\n")
		b.WriteString("（四）政府信息公开平台建设情况\n" + ss[5] + "。\n")
		b.WriteString("(五)政府信息公开监督保障情况。\n" + ss[6] + "。\n")
		b.WriteString("二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n")
		b.WriteString("五、存在的主要问题及改进情况\n(一)存在的主要问题。\n" + ss[7] + "。" + ss[8] + "。\n(二)下一步改进措施。\n" + ss[9] + "。\n")
		b.WriteString("六、其他需要报告的事项\n本报告由" + agency + "办公室根据《中华人民共和国政府信息公开条例》要求编制。" +
			"全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。" +
			"本报告所列数据的统计期限为2024年1月1日至2024年12月31日。本报告电子版可在" + agency + "门户网站政府信息公开专栏下载。" +
			"如对本报告有疑问，请与" + agency + "办公室联系（地址：人民路1号；电话：027-88888888）。\n")
		return b.String()
	}
	agencyA, ownA := own("seeds/003_e34cc6db76218ddf.txt")
	agencyB, ownB := own("real/kewei-2024-markdown.txt")
	textA, textB := write(agencyA, ownA), write(agencyB, ownB)

	// Every sentence of the narrative, reduced as the check does but not
	// sorted out: more than half of the shorter report is shared.
	raw := func(text, agency string) map[uint64]bool {
		d := parse.Parse(source.New("", text))
		keys := normalize.NewSentenceKeys(agency)
		out := map[uint64]bool{}
		d.EachSentence(func(pr *parse.Prose, i, j int) {
			if h, n := keys.Key(pr.Text[i:j]); n >= normalize.MinSentence {
				out[h] = true
			}
		})
		return out
	}
	ra, rb := raw(textA, agencyA), raw(textB, agencyB)
	shared := 0
	for h := range ra {
		if rb[h] {
			shared++
		}
	}
	if share := float64(shared) / float64(min(len(ra), len(rb))); share < similar.DefaultMinSimilarity {
		t.Fatalf("the boilerplate alone is %d of %d/%d sentences (%.2f): the test proves nothing", shared, len(ra), len(rb), share)
	}

	t.Logf("boilerplate: %d of %d/%d sentences", shared, len(ra), len(rb))
	a, b := docOf("a.txt", textA), docOf("b.txt", textB)
	if len(a.Sentences) != 10 || len(b.Sentences) != 10 {
		t.Errorf("own sentences: %d and %d, want 10 each", len(a.Sentences), len(b.Sentences))
		for _, s := range append(a.Sentences, b.Sentences...) {
			t.Log(s.Lines, s.Text)
		}
	}
	if p := similar.Compare(a, b); p.Same != 0 || len(p.Shared) != 0 {
		t.Errorf("shared: %d sentences, %+v", p.Same, p.Shared)
	}
	var ix similar.Index
	ix.Add(a)
	ix.Add(b)
	if got := ix.Pairs(similar.DefaultMinSimilarity); len(got) != 0 {
		t.Errorf("pairs: %+v", got)
	}
}
