package similar_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/similar"
)

// A generated batch: 500 reports of 500 units (50 districts and counties ×
// 10 departments), each written in the official structure with its own
// narrative, the tables of a real report (seeds/000) with other numbers,
// the sentences every report of a batch shares (the one-line texts of
// 二、三、四, 本年度未收取信息处理费), and two of fifteen sentences of the
// real reports taken whole: the phrasing that many units of a batch share
// (a provincial template, the slogans of the year).
//
// A unit's own narrative cannot be a variation of a few real reports: two
// reports made from one real report would be copies of each other. Each
// sentence is therefore two to four clauses of the real reports (over
// 600), drawn at random: the wording of real reports, in combinations
// no other report has. "@" in a sentence is how the unit names itself
// (我区, 本局) and "#" its district or county, both filled in by render.

type spec struct {
	agency, region, self string
	year                 int
	parts                [][]string // 总体情况's opening, its （一）–（五）, 五
}

var subTitles = []string{"(一)主动公开情况", "(二)依申请公开情况", "(三)政府信息管理情况", "(四)政府信息公开平台建设情况", "(五)政府信息公开监督保障情况"}

var regions = strings.Fields(`江夏区 洪山区 汉阳区 青山区 蔡甸区 新洲区 黄陂区 汉南区 硚口区 江岸区 武昌区 东湖区
	沛县 丰县 睢宁县 邳州县 新沂县 铜山区 贾汪区 泉山区 鼓楼区 云龙区 淮阴区 清江浦区 涟水县 盱眙县 金湖县 洪泽区
	宝应县 高邮县 仪征县 邗江区 广陵区 江都区 姜堰区 海陵区 兴化县 泰兴县 靖江县 如皋县 海安县 启东县 崇明区 奉贤区
	金山区 松江区 青浦区 嘉定区 宝山区 闵行区`)

var departments = strings.Fields(`财政局 教育局 卫生健康委员会 自然资源和规划局 生态环境分局 住房和城乡建设局 交通运输局 农业农村局 市场监督管理局 应急管理局`)

type generator struct {
	rng      *rand.Rand
	clauses  []string
	slogans  []string
	tables   string // seeds/000 from 二 to before 五, year 2025
	nextYear int
}

var (
	genOnce  sync.Once
	genDocs  []similar.Doc
	genPlant map[[2]int]string // planted pairs (indices) and what they are
	genErr   error
)

func newGenerator(t testing.TB) *generator {
	g := &generator{rng: rand.New(rand.NewPCG(12, 2024))}
	seen := map[string]bool{}
	for _, dir := range []string{"real", "seeds"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*.txt"))
		for _, f := range files {
			d := docOf(f, readTestdata(t, filepath.Join(dir, filepath.Base(f))))
			for k, s := range d.Sentences {
				if k%7 == 3 && len(g.slogans) < 15 {
					g.slogans = append(g.slogans, s.Text)
				}
				for _, c := range strings.FieldsFunc(s.Text, func(r rune) bool { return r == ',' || r == '，' || r == ':' }) {
					if normalize.RuneLen(c) >= 6 && !seen[c] && !strings.HasPrefix(c, "(") {
						seen[c] = true
						g.clauses = append(g.clauses, c)
					}
				}
			}
		}
	}
	seed := readTestdata(t, "seeds/000_bcc88cd11fb35c2f.txt")
	g.tables = seed[strings.Index(seed, "二、主动公开政府信息情况"):strings.Index(seed, "五、存在的主要问题及改进情况")]
	if len(g.clauses) < 600 || len(g.slogans) < 15 {
		t.Fatalf("%d clauses, %d slogans", len(g.clauses), len(g.slogans))
	}
	return g
}

// sentence: two to four clauses, sometimes in the unit's own voice.
func (g *generator) sentence() string {
	n := 2 + g.rng.IntN(3)
	var cs []string
	for range n {
		cs = append(cs, g.clauses[g.rng.IntN(len(g.clauses))])
	}
	s := strings.Join(cs, "，")
	switch g.rng.IntN(6) {
	case 0:
		s = "@" + s
	case 1:
		s = "#" + s
	}
	return s
}

func (g *generator) report(k int, sizes []int) spec {
	region := regions[k/len(departments)]
	sp := spec{agency: region + departments[k%len(departments)], region: region, self: "本局", year: 2024}
	if strings.HasSuffix(sp.agency, "委员会") {
		sp.self = "我委"
	}
	sp.parts = make([][]string, len(sizes))
	for p, n := range sizes {
		for range n {
			sp.parts[p] = append(sp.parts[p], g.sentence())
		}
	}
	// Two slogans of the year, anywhere.
	for range 2 {
		p := g.rng.IntN(len(sp.parts))
		sp.parts[p] = append(sp.parts[p], g.slogans[g.rng.IntN(len(g.slogans))])
	}
	return sp
}

func (g *generator) sizes() []int {
	return []int{2, 4 + g.rng.IntN(3), 3 + g.rng.IntN(3), 3 + g.rng.IntN(3), 3 + g.rng.IntN(3), 3 + g.rng.IntN(3), 4 + g.rng.IntN(3)}
}

// render writes the report as a clerk's text.
func (g *generator) render(sp spec) string {
	var b strings.Builder
	y := strconv.Itoa(sp.year)
	fill := func(s string) string {
		s = strings.ReplaceAll(s, "@", sp.self)
		return strings.ReplaceAll(s, "#", sp.region)
	}
	para := func(ss []string) {
		for _, s := range ss {
			b.WriteString(fill(s))
			b.WriteString("。")
		}
		b.WriteString("\n")
	}
	b.WriteString(sp.agency + "\n" + y + "年政府信息公开工作年度报告\n")
	b.WriteString("本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号)要求编制。本报告所列数据的统计期限为" +
		y + "年1月1日至" + y + "年12月31日。\n")
	b.WriteString("一、总体情况\n" + y + "年，" + sp.agency + "认真贯彻落实政府信息公开各项要求。")
	para(sp.parts[0])
	for i, t := range subTitles {
		b.WriteString(t + "\n")
		para(sp.parts[1+i])
	}
	b.WriteString(g.renumber(strings.ReplaceAll(g.tables, "2025", y)))
	b.WriteString("五、存在的主要问题及改进情况\n")
	para(sp.parts[6])
	b.WriteString("六、其他需要报告的事项\n本年度未收取信息处理费。如对本报告有疑问，请与" + sp.agency + "办公室联系。\n")
	return b.String()
}

// renumber changes every number.
func (g *generator) renumber(s string) string {
	return digits.ReplaceAllStringFunc(s, func(string) string { return strconv.Itoa(g.rng.IntN(50)) })
}

// copyOf is what a unit makes of another's report: its own name and
// voice, its own numbers, keep of the sentences kept (the others its own),
// reword of the kept ones reworded (a word added), two paragraphs of
// 总体情况 swapped.
func (g *generator) copyOf(src spec, into spec, keep, reword float64) spec {
	sp := into
	sp.parts = make([][]string, len(src.parts))
	var all []*string
	for p := range src.parts {
		sp.parts[p] = append([]string(nil), src.parts[p]...)
		for k := range sp.parts[p] {
			sp.parts[p][k] = g.renumber(sp.parts[p][k])
			all = append(all, &sp.parts[p][k])
		}
	}
	order := g.rng.Perm(len(all))
	nNew := len(all) - int(keep*float64(len(all))+0.5)
	nReword := int(reword*float64(len(all)) + 0.5)
	for _, k := range order[:nNew] {
		*all[k] = g.sentence()
	}
	for _, k := range order[nNew : nNew+nReword] {
		s := *all[k]
		if i := strings.Index(s, "，"); i > 0 {
			*all[k] = s[:i] + "，切实" + s[i+len("，"):]
		} else {
			*all[k] = "同时，" + s
		}
	}
	sp.parts[2], sp.parts[3] = sp.parts[3], sp.parts[2]
	return sp
}

// batch500 is the generated batch, made once for the tests and the
// benchmark, and its planted pairs.
func batch500(t testing.TB) ([]similar.Doc, map[[2]int]string) {
	genOnce.Do(func() {
		g := newGenerator(t)
		specs := make([]spec, 500)
		for k := range specs {
			specs[k] = g.report(k, g.sizes())
		}
		plant := map[[2]int]string{}
		// Copies that must be found.
		specs[11] = g.copyOf(specs[10], specs[11], 1, 0.1)
		plant[[2]int{10, 11}] = "copy, a tenth reworded"
		specs[20].year = 2023
		specs[21] = g.copyOf(specs[20], specs[21], 1, 0.1)
		plant[[2]int{20, 21}] = "copy of last year's report of another unit"
		specs[31] = g.copyOf(specs[30], specs[31], 0.65, 0)
		plant[[2]int{30, 31}] = "two thirds copied"
		specs[41] = g.copyOf(specs[40], specs[41], 1, 0.15)
		specs[42] = g.copyOf(specs[40], specs[42], 1, 0.15)
		plant[[2]int{40, 41}], plant[[2]int{40, 42}], plant[[2]int{41, 42}] = "cluster", "cluster", "cluster"
		// A short report made of part of a long one: all of the short
		// one, a quarter of the long one.
		specs[51] = g.report(51, []int{4, 8, 8, 8, 8, 8, 8})
		var short spec
		short.parts = make([][]string, 7)
		for p := range short.parts {
			short.parts[p] = append([]string(nil), specs[51].parts[p][:2]...)
		}
		specs[50] = g.copyOf(short, specs[50], 1, 0)
		plant[[2]int{50, 51}] = "short report, all from a long one"
		// Copies that must not be reported: too little copied, and one
		// unit's own report of last year (rule C03's).
		specs[61] = g.copyOf(specs[60], specs[61], 0.3, 0)
		specs[81] = g.copyOf(specs[80], specs[81], 0.4, 0)
		specs[70] = g.copyOf(specs[71], specs[71], 0.95, 0)
		specs[70].year--

		for k, sp := range specs {
			d := docOf("r"+strconv.Itoa(k)+".txt", g.render(sp))
			if d.Agency != sp.agency || d.Year != sp.year {
				genErr = fmt.Errorf("report %d read as %s %d, want %s %d", k, d.Agency, d.Year, sp.agency, sp.year)
				return
			}
			genDocs = append(genDocs, d)
		}
		// The units are 500 different units, but for 70 and 71.
		for i := range specs {
			for j := i + 1; j < len(specs); j++ {
				if normalize.SameAgency(specs[i].agency, specs[j].agency) != (i == 70 && j == 71) {
					genErr = fmt.Errorf("units %s and %s", specs[i].agency, specs[j].agency)
					return
				}
			}
		}
		genPlant = plant
	})
	if genErr != nil {
		t.Fatal(genErr)
	}
	return genDocs, genPlant
}
