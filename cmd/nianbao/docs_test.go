package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/rules"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md from the rule values")

// docs/rules.md is what `nianbao rules --format markdown` prints: the
// ledger is written from the rule values, never by hand.
func TestRulesMarkdownIsCurrent(t *testing.T) {
	code, out, stderr := runCmd(t, "", "rules", "--format", "markdown")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, %q", code, stderr)
	}
	for _, r := range rules.All {
		if !strings.Contains(out, "### "+r.ID+" "+r.Title+"\n") {
			t.Errorf("%s %s has no section", r.ID, r.Title)
		}
	}
	if *update {
		if err := os.WriteFile("../../docs/rules.md", []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("../../docs/rules.md")
	if err != nil || string(got) != out {
		t.Fatal("docs/rules.md is out of date: go run ./cmd/nianbao rules --format markdown > docs/rules.md")
	}
}

// docs/format.md is written for people, not generated; it must still name
// every section, row and column of the format data and every identity
// rule, so that it cannot silently miss what the checker knows.
func TestFormatDocCoversTheData(t *testing.T) {
	b, err := os.ReadFile("../../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	var want []string
	for _, s := range format.Sections {
		want = append(want, s.Numeral+"、"+s.Title)
	}
	for _, rows := range [][]format.Row{format.T3Rows2021, format.T3Rows2019, format.T3Groups, format.T4Rows} {
		for _, r := range rows {
			want = append(want, r.Label)
		}
	}
	for _, rows := range [][]format.T2Row{format.T2Rows2021, format.T2Rows2019} {
		for _, r := range rows {
			want = append(want, r.Label, r.Block)
			for _, c := range r.Columns {
				want = append(want, c.Label)
			}
		}
	}
	for _, cols := range [][]format.Column{format.T3Columns, format.T4Columns} {
		for _, c := range cols {
			want = append(want, c.Label)
		}
	}
	want = append(want, format.NoteT3)
	for _, r := range rules.All {
		if r.ID[0] == 'A' {
			want = append(want, r.ID)
		}
	}
	for _, w := range want {
		// 行政诉讼·未经复议直接起诉: the page's short form; the document
		// names the two groups under 行政诉讼.
		w = strings.TrimPrefix(w, "行政诉讼·")
		if !strings.Contains(doc, w) {
			t.Errorf("docs/format.md does not mention %q", w)
		}
	}
}

// Every relative link of the project's Markdown resolves to a file in the
// repository: users have the repository, not the notes it was made from.
func TestMarkdownLinksResolve(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	files = append(files, filepath.Join(root, "README.md"), filepath.Join(root, "core", "rules", "README.md"))
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	checked := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name, _ := filepath.Rel(root, f)
		text := string(b)
		// Project notes the users do not have must not be named either.
		for _, internal := range []string{"format-spec", "user-needs", "tech-notes", "style.md", "/work/shared", "../shared"} {
			if strings.Contains(text, internal) {
				t.Errorf("%s names %q, a file users do not have", name, internal)
			}
		}
		for _, m := range link.FindAllStringSubmatch(text, -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") || strings.HasPrefix(target, "#") {
				continue
			}
			target, _, _ = strings.Cut(target, "#")
			path := filepath.Clean(filepath.Join(filepath.Dir(f), target))
			rel, err := filepath.Rel(root, path)
			if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(target) {
				t.Errorf("%s: link %q points outside the repository", name, m[1])
				continue
			}
			if _, err := os.Stat(path); err != nil {
				t.Errorf("%s: link %q: no such file", name, m[1])
			}
			checked++
		}
	}
	if checked < 5 {
		t.Errorf("only %d links checked: the pattern is broken", checked)
	}
}
