package format

import "strings"

// LocalStandard is a provincial standard (地方标准) a rule may cite, beside
// the national basis, for the reports of units in that province only: a
// unit in 湖北 is not bound by a 四川 standard, and a 整改清单 citing one
// would send it looking for a rule that does not apply to it.
type LocalStandard struct {
	Province string
	// Places: names that place a unit in the province when its name
	// holds one — the province and its cities and prefectures, with their
	// suffix, so that 资阳市 (四川) is not 资阳区 (湖南). A unit named
	// without any of them ("郫都区人民政府") is not placed, and the standard
	// is not cited: a citation that may not apply is worse than none.
	Places []string
	Cite   string // the standard and clause, as a rule's basis quotes it
}

// StandardPeriod: the statistics period of the annual report (D03).
var StandardPeriod = []LocalStandard{{
	Province: "四川省",
	Places: []string{"四川", "成都市", "自贡市", "攀枝花市", "泸州市", "德阳市", "绵阳市", "广元市", "遂宁市", "内江市", "乐山市",
		"南充市", "眉山市", "宜宾市", "广安市", "达州市", "雅安市", "巴中市", "资阳市", "阿坝藏族羌族自治州", "阿坝州",
		"甘孜藏族自治州", "甘孜州", "凉山彝族自治州", "凉山州"},
	Cite: "DB51/T 2660—2019 §2.1“年度报告统计时间段为上一年度1月1日至12月31日”",
}}

// LocalFor returns the standards of list that apply to a unit by its
// name (the report's agency); none when the name places it nowhere.
func LocalFor(list []LocalStandard, agency string) []LocalStandard {
	var out []LocalStandard
	for _, s := range list {
		for _, p := range s.Places {
			if agency != "" && strings.Contains(agency, p) {
				out = append(out, s)
				break
			}
		}
	}
	return out
}
