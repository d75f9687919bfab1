package normalize

import "testing"

// A sentence that one unit copies from another keeps its key: the names,
// the places, how the unit names itself, numbers and dates change.
func TestSentenceKeysAcrossUnits(t *testing.T) {
	hz := NewSentenceKeys("淮安市洪泽区人民政府")
	ls := NewSentenceKeys("淮安市涟水县人民政府")
	wc := NewSentenceKeys("武昌区机关事务服务中心")
	jx := NewSentenceKeys("江夏区机关事务服务中心")
	same := []struct {
		a, b   *SentenceKeys
		sa, sb string
	}{
		{hz, ls, "2023年，淮安市洪泽区人民政府坚持以习近平新时代中国特色社会主义思想为指导", "2024年，淮安市涟水县人民政府坚持以习近平新时代中国特色社会主义思想为指导"},
		{hz, ls, "洪泽区政府办公室全年受理申请21件", "涟水县政府办公室全年受理申请95件"},
		{hz, ls, "我区在政府网站平台主动公开政府信息1136条", "我县在政府网站平台主动公开政府信息2048条"},
		{hz, ls, "全区各级各部门按照区委区政府部署推进政务公开", "全县各级各部门按照县委县政府部署推进政务公开"},
		{hz, ls, "依托“大美洪泽”微信公众号发布信息", "依托“大美涟水”微信公众号发布信息"},
		{hz, ls, "洪泽区市场监督管理局公开行政处罚信息", "涟水县市场监督管理局公开行政处罚信息"},
		{wc, jx, "依托“大成武昌”微信公众号、市机关事务管理局官网等渠道", "依托“大成江夏”微信公众号、市机关事务管理局官网等渠道"},
		{wc, jx, "本单位不涉及综合监管和监察执法信息", "本中心不涉及综合监管和监察执法信息"},
	}
	for _, c := range same {
		ha, na := c.a.Key(c.sa)
		hb, nb := c.b.Key(c.sb)
		if ha != hb || na != nb {
			t.Errorf("%q and %q: different keys", c.sa, c.sb)
		}
	}
	differ := [][2]string{
		{"推进政务公开工作规范化", "推进政务服务工作规范化"},
		{"全年未收到政府信息公开申请", "全年收到政府信息公开申请"},
	}
	for _, c := range differ {
		ha, _ := hz.Key(c[0])
		hb, _ := ls.Key(c[1])
		if ha == hb {
			t.Errorf("%q and %q: same key", c[0], c[1])
		}
	}
	// The length counts what is left: "（一）主动公开" proves nothing.
	if _, n := hz.Key("（一）主动公开"); n >= MinSentence {
		t.Errorf("a sub-heading counts %d characters", n)
	}
}
