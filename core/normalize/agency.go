package normalize

import "strings"

// Agency names across years and files. A unit writes its name differently
// from year to year: "洪泽区人民政府" and "淮安市洪泽区人民政府", "上海市科委"
// and "上海市科学技术委员会"; a government's report is often titled with the
// office that writes it (人民政府办公室). The cross-year rules (core/rules)
// and the comparison of units' reports (core/similar) both need it.

// agencyKey folds a unit's name: width and spaces (Label), bracketed
// asides ("（区政务公开办）", "〔…〕") dropped, 人民政府 as 政府. loose also
// takes the office that writes a government's report as the government,
// and drops 政府: "淮安市人民政府办公室" → "淮安市".
func agencyKey(name string, loose bool) string {
	s := Label(name)
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[', '（', '【', '〔', '<', '《':
			depth++
			continue
		case ')', ']', '）', '】', '〕', '>', '》':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth == 0 {
			b.WriteRune(r)
		}
	}
	s = strings.ReplaceAll(b.String(), "人民政府", "政府")
	if !loose {
		return s
	}
	for _, suf := range []string{"政府办公室", "政府办公厅", "政府办"} {
		if strings.HasSuffix(s, suf) {
			s = strings.TrimSuffix(s, suf) + "政府"
			break
		}
	}
	if t := strings.TrimSuffix(s, "政府"); t != "" {
		s = t
	}
	return s
}

// AgencyKey is the form of a unit's name that two years of its reports
// share most often (see agencyKey): for grouping.
func AgencyKey(name string) string { return agencyKey(name, true) }

// SameAgency reports whether two names can be the same unit: equal once
// folded, or one written without a part of the other — a region prefix
// ("洪泽区" / "淮安市洪泽区") or an abbreviation ("市科委" / "市科学技术委员
// 会": the characters of the short name in order within the long one). A
// name that is the start of the other names the parent of a sub-unit
// ("淮安市" / "淮安市洪泽区"): not the same.
func SameAgency(a, b string) bool {
	x, y := []rune(agencyKey(a, true)), []rune(agencyKey(b, true))
	if string(x) == string(y) {
		return true
	}
	if len(x) > len(y) {
		x, y = y, x
	}
	k := 0
	for k < len(x) && x[k] == y[k] {
		k++
	}
	if k == len(x) || len(x) < 2 {
		return false // a prefix: parent and sub-unit
	}
	i := 0
	for _, r := range y {
		if i < len(x) && r == x[i] {
			i++
		}
	}
	return i == len(x)
}
