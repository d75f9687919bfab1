package rules

import (
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/source"
)

// Issuer is the kind of body that publishes the report; it sets the
// deadline of 条例第四十九条.
type Issuer uint8

const (
	IssuerUnknown    Issuer = iota
	IssuerGovernment        // 县级以上地方人民政府: by 3-31
	IssuerDepartment        // 县级以上人民政府部门: by 1-31
	IssuerGrassroots        // 乡镇、街道: not named in 第四十九条
)

// Date is a calendar date found in the text.
type Date struct {
	Y, M, D int
	Span    source.Span
	i, j    int // byte range in the prose it was read from
}

func (d Date) before(o Date) bool {
	if d.Y != o.Y {
		return d.Y < o.Y
	}
	if d.M != o.M {
		return d.M < o.M
	}
	return d.D < o.D
}

func (d Date) String() string { return itoa(d.Y) + "年" + itoa(d.M) + "月" + itoa(d.D) + "日" }

// Period is the stated statistics period.
type Period struct {
	From, To Date
	Span     source.Span
}

func analyze(doc *parse.Doc) *Facts {
	f := &Facts{Agency: doc.Agency}
	f.Period = findPeriod(doc)
	f.Signed = findSigned(doc)
	switch {
	case doc.TitleYear > 0:
		f.Year, f.YearSource, f.YearSpan = doc.TitleYear, "title", doc.TitleSpan
	case f.Period != nil:
		f.Year, f.YearSource, f.YearSpan = f.Period.From.Y, "period", f.Period.Span
	default:
		if y, sp := frequentYear(doc); y > 0 {
			f.Year, f.YearSource, f.YearSpan = y, "text", sp
		}
	}
	f.Format = format.ForYear(f.Year)
	if f.Year == 0 {
		// No year: let the tables say which format they follow.
		switch {
		case doc.T3 != nil && doc.T3.Style == "2019", doc.T2 != nil && doc.T2.Style == "2019":
			f.Format = format.V2019
		case doc.T3 != nil || doc.T2 != nil:
			f.Format = format.V2021
		}
	}
	f.Issuer = issuerOf(f.Agency)
	return f
}

// issuerOf infers the kind of body from its name (format-spec D05).
func issuerOf(name string) Issuer {
	switch {
	case name == "":
		return IssuerUnknown
	case strings.Contains(name, "街道") || strings.HasSuffix(name, "镇人民政府") || strings.HasSuffix(name, "乡人民政府") || strings.HasSuffix(name, "镇政府") || strings.HasSuffix(name, "乡政府"):
		return IssuerGrassroots
	case strings.HasSuffix(name, "人民政府") || strings.HasSuffix(name, "区政府") || strings.HasSuffix(name, "市政府") || strings.HasSuffix(name, "县政府"):
		return IssuerGovernment
	}
	for _, suf := range []string{"局", "委", "委员会", "办", "办公室", "办公厅", "中心", "厅", "室", "署", "院", "会", "部", "所", "站", "队", "处", "馆"} {
		if strings.HasSuffix(name, suf) {
			return IssuerDepartment
		}
	}
	return IssuerUnknown
}

// datesIn finds "YYYY年M月D日" in folded prose.
func datesIn(p *parse.Prose) []Date {
	var out []Date
	t := p.Text
	for i := 0; i+4 < len(t); i++ {
		if !isDigit(t[i]) || (i > 0 && isDigit(t[i-1])) {
			continue
		}
		y, j := num(t, i)
		if j-i != 4 || !strings.HasPrefix(t[j:], "年") {
			continue
		}
		m, k := num(t, j+len("年"))
		if k == j+len("年") || !strings.HasPrefix(t[k:], "月") {
			continue
		}
		d, l := num(t, k+len("月"))
		if l == k+len("月") || !(strings.HasPrefix(t[l:], "日") || strings.HasPrefix(t[l:], "号")) {
			continue
		}
		if m < 1 || m > 12 || d < 1 || d > 31 {
			continue
		}
		out = append(out, Date{Y: y, M: m, D: d, Span: p.Span(i, l+len("日")), i: i, j: l + len("日")})
	}
	return out
}

// findPeriod reads "统计期限…YYYY年1月1日至YYYY年12月31日" in the intro or
// the first sections.
func findPeriod(doc *parse.Doc) *Period {
	for pi := range doc.Parts {
		if pi > 2 {
			break
		}
		p := &doc.Parts[pi].Prose
		t := p.Text
		dates := datesIn(p)
		for _, kw := range []string{"统计期限", "统计周期", "统计时限", "统计时间", "统计区间", "统计期间", "统计截止", "数据统计"} {
			if !p.MayContain(kw) {
				continue
			}
			i := strings.Index(t, kw)
			if i < 0 {
				continue
			}
			// The dates that follow the keyword closely.
			var ds []Date
			for _, d := range dates {
				if d.i >= i && d.i <= i+200 {
					ds = append(ds, d)
				}
			}
			if len(ds) >= 2 {
				return &Period{From: ds[0], To: ds[1], Span: source.Span{Start: ds[0].Span.Start, End: ds[1].Span.End}}
			}
			// "2024年1月1日至12月31日": the second date without its year.
			if len(ds) == 1 {
				rest := t[ds[0].j:]
				if k := strings.Index(rest, "至"); k >= 0 && k < 12 {
					after := rest[k+len("至"):]
					m, e := num(after, 0)
					if e > 0 && strings.HasPrefix(after[e:], "月") {
						d, e2 := num(after, e+len("月"))
						if e2 > e+len("月") {
							to := Date{Y: ds[0].Y, M: m, D: d, Span: ds[0].Span}
							return &Period{From: ds[0], To: to, Span: ds[0].Span}
						}
					}
				}
			}
		}
	}
	return nil
}

// findSigned reads the 落款 date: the last date in the last lines.
func findSigned(doc *parse.Doc) *Date {
	if len(doc.Parts) == 0 {
		return nil
	}
	last := &doc.Parts[len(doc.Parts)-1]
	ds := datesIn(&last.Prose)
	if len(ds) == 0 {
		return nil
	}
	d := ds[len(ds)-1]
	// Only a date at the very end of the text: the 落款 follows the body.
	tail := last.Prose.Text
	end := last.Prose.Span(len(tail)-1, len(tail)).End
	if end-d.Span.End > 120 {
		return nil
	}
	// And only a date on a line of its own ("2025年1月20日"): "截至2024年
	// 12月31日。" at the end of section 六 is not a 落款.
	line, _ := doc.Src.Position(d.Span.Start)
	if text := normalize.Label(doc.Src.Line(line)); normalize.RuneLen(text) > normalize.RuneLen(d.String())+2 {
		return nil
	}
	return &d
}

// frequentYear: the most frequent "YYYY年" in section 一 (or the intro).
func frequentYear(doc *parse.Doc) (int, source.Span) {
	p := doc.Section(1)
	if p == nil {
		p = doc.Intro()
	}
	if p == nil && len(doc.Parts) > 0 {
		p = &doc.Parts[0]
	}
	if p == nil {
		return 0, source.NoSpan
	}
	count := map[int]int{}
	first := map[int]source.Span{}
	t := p.Prose.Text
	for i := 0; i+4 < len(t); i++ {
		if isDigit(t[i]) && (i == 0 || !isDigit(t[i-1])) {
			y, j := num(t, i)
			if j-i == 4 && y >= 2000 && y <= 2100 && strings.HasPrefix(t[j:], "年") {
				count[y]++
				if _, ok := first[y]; !ok {
					first[y] = p.Prose.Span(i, j)
				}
			}
		}
	}
	best, bestN := 0, 0
	for y, n := range count {
		if n > bestN || (n == bestN && y < best) {
			best, bestN = y, n
		}
	}
	return best, first[best]
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// num reads digits at i; returns the value and the end index.
func num(s string, i int) (int, int) {
	n := 0
	j := i
	for j < len(s) && isDigit(s[j]) && j-i < 12 {
		n = n*10 + int(s[j]-'0')
		j++
	}
	return n, j
}

func itoa(n int) string { return strconv.Itoa(n) }
