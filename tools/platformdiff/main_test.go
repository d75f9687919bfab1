package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func write(t *testing.T, name, s string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The version and the path separator are all that may differ.
func TestJSON(t *testing.T) {
	native := write(t, "a.json", `{"checker":{"name":"nianbao","version":"0.1.0"},"reports":[{"source":"testdata/seeds/a.txt","findings":[{"rule":"A02","message":"a\\b"}]}]}`)
	win := write(t, "b.json", `{"checker":{"name":"nianbao","version":"v9"},"reports":[{"source":"testdata\\seeds\\a.txt","findings":[{"rule":"A02","message":"a\\b"}]}]}`)
	if err := diffJSON(native, win); err != nil {
		t.Errorf("equal results differ: %v", err)
	}
	for _, c := range []struct{ got, where string }{
		{`{"checker":{"name":"nianbao","version":"0.1.0"},"reports":[{"source":"testdata/seeds/a.txt","findings":[{"rule":"A03","message":"a\\b"}]}]}`, ".reports[0].findings[0].rule"},
		{`{"checker":{"name":"nianbao","version":"0.1.0"},"reports":[{"source":"testdata/seeds/a.txt","findings":[{"rule":"A02","message":"a/b"}]}]}`, ".message"},
		{`{"checker":{"name":"nianbao","version":"0.1.0"},"reports":[{"source":"testdata/seeds/a.txt","findings":[]}]}`, ".findings: want 1 items"},
		{`{"checker":{"name":"nianbao"},"reports":[{"source":"testdata/seeds/a.txt","findings":[{"rule":"A02","message":"a\\b"}]}],"x":1}`, ".x: not in the native result"},
	} {
		err := diffJSON(native, write(t, "c.json", c.got))
		if err == nil || !strings.Contains(err.Error(), c.where) {
			t.Errorf("%s: %v, want a difference at %s", c.got, err, c.where)
		}
	}
}

func book(t *testing.T, cells map[string]string) string {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "汇总")
	for k, v := range cells {
		f.SetCellValue("汇总", k, v)
	}
	p := filepath.Join(t.TempDir(), "b.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestXLSX(t *testing.T) {
	native := book(t, map[string]string{"A1": "文件", "A2": "testdata/real/a.txt", "B2": "未通过"})
	if err := diffXLSX(native, book(t, map[string]string{"A1": "文件", "A2": `testdata\real\a.txt`, "B2": "未通过"})); err != nil {
		t.Errorf("equal workbooks differ: %v", err)
	}
	err := diffXLSX(native, book(t, map[string]string{"A1": "文件", "A2": "testdata/real/a.txt", "B2": "通过"}))
	if err == nil || !strings.Contains(err.Error(), "汇总!B2") {
		t.Errorf("a changed cell: %v", err)
	}
}
