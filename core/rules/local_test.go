package rules_test

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
)

// D03 cites the 四川 standard on the statistics period only for a unit
// of 四川; every report gets the national basis.
func TestD03BasisByProvince(t *testing.T) {
	base := loadBase(t)
	noPeriod := edit{"本报告所列数据的统计期限为2024年1月1日至2024年12月31日。", ""}
	for _, c := range []struct {
		agency string
		db51   bool
	}{
		{"成都市武侯区交通运输局", true},
		{"四川省交通运输厅", true},
		{"武汉市武昌区城市运行管理中心", false},
		{"益阳市资阳区交通运输局", false}, // 资阳区 of 湖南, not 资阳市 of 四川
		{"某某市某某区交通运输局", false},
	} {
		text := apply(t, base, []edit{noPeriod, {"某某市某某区交通运输局\n2024年", c.agency + "\n2024年"}})
		rep := core.CheckText("x", text, core.Options{})
		found := false
		for _, f := range rep.Findings {
			if f.Rule != "D03" {
				continue
			}
			found = true
			if !strings.Contains(f.Basis, "第四十九条") {
				t.Errorf("%s: D03 basis without the national one: %s", c.agency, f.Basis)
			}
			if strings.Contains(f.Basis, "DB51") != c.db51 {
				t.Errorf("%s: D03 basis %q, DB51 wanted %v", c.agency, f.Basis, c.db51)
			}
		}
		if !found {
			t.Errorf("%s: no D03", c.agency)
		}
	}
}
