package parse

import "testing"

// The difference between a title and the official one, in the words a
// clerk reads: which characters are extra, missing or changed.
func TestTitleDiff(t *testing.T) {
	for _, c := range []struct{ written, official, want string }{
		{"政府信息公开行政法复议、行政诉讼情况", "政府信息公开行政复议、行政诉讼情况", "多了“法”"},
		{"存在主要问题及改进情况", "存在的主要问题及改进情况", "少了“的”"},
		{"主动公开政务信息情况", "主动公开政府信息情况", "“府”写成了“务”"},
		{"主动公开政府信息工作情况", "主动公开政府信息情况", "多了“工作”"},
		{"主动公开政府信息情况", "主动公开政府信息情况", ""}, // the same
		{"主动公开工作情况", "主动公开政府信息情况", ""},   // too far: another title
		{"总体情况况况", "总体情况", ""},           // two off a short title
		{"总体清况", "总体情况", "“情”写成了“清”"},    // one off a short one
		{"存在问题及改进", "存在的主要问题及改进情况", ""},  // five off
		{"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五", "总体情况", ""}, // long: bounded
	} {
		if got := TitleDiff(c.written, c.official); got != c.want {
			t.Errorf("%s vs %s: %q, want %q", c.written, c.official, got, c.want)
		}
	}
	// Near titles name one section, or none when two are as near.
	if sec, _, diff := nearTitle("政府信息公开行政法复议、行政诉讼情况"); sec != 4 || diff != "多了“法”" {
		t.Errorf("near: %d %s", sec, diff)
	}
	if sec, _, _ := nearTitle("工作机制保障"); sec != 0 {
		t.Errorf("工作机制保障 near section %d", sec)
	}
}
