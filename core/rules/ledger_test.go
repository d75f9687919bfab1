package rules_test

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core/rules"
)

// Validate refuses a rule set a person could not read: a rule without a
// Chinese title, a title two rules share, a title too long for a table
// cell, a basis that cites the project's own notes. The ledger for users
// (docs/rules.md) is generated from these values (cmd/nianbao).
func TestValidateRefuses(t *testing.T) {
	good := func() *rules.Rule {
		return &rules.Rule{ID: "Z01", Name: "z-rule", Title: "示例规则", Doc: "检查", Basis: "依据", Run: func(*rules.Pass) {}}
	}
	z := good()
	z.ID = "S99"
	if err := rules.Validate([]*rules.Rule{z}); err != nil {
		t.Fatalf("a good rule is refused: %v", err)
	}
	for _, c := range []struct {
		name string
		edit func(r, other *rules.Rule)
		want string
	}{
		{"no title", func(r, _ *rules.Rule) { r.Title = "" }, "title"},
		{"short title", func(r, _ *rules.Rule) { r.Title = "合计" }, "title"},
		{"long title", func(r, _ *rules.Rule) { r.Title = "表三每一行的总计等于各申请人列之和" }, "title"},
		{"title with a space", func(r, _ *rules.Rule) { r.Title = "表三 行合计" }, "title"},
		{"same title", func(r, o *rules.Rule) { r.Title = o.Title }, "duplicate title"},
		{"internal basis", func(r, _ *rules.Rule) { r.Basis = "同行的做法（user-needs.md §6）" }, "project file"},
	} {
		r, other := good(), good()
		r.ID, other.ID = "S98", "S97"
		r.Name, other.Name = "rule-a", "rule-b"
		r.Title, other.Title = "规则甲标题", "规则乙标题"
		c.edit(r, other)
		err := rules.Validate([]*rules.Rule{other, r})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Validate = %v, want an error about %q", c.name, err, c.want)
		}
	}
}
