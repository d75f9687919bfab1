//go:build !js

package core_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
)

// hostile are inputs an attacker or a careless user sends, each made to
// fill the 10 MB limit: the same heading half a million times, the same
// sub-heading, a label followed by five million numbers, a table row
// repeated, pipe rows, fused digits, prose without a line break.
func hostile() map[string]string {
	fill := func(unit string) string {
		return strings.Repeat(unit, (core.MaxInputBytes-256)/len(unit))
	}
	// Each starts with a report title, so that it is checked as a report
	// (rule S13 would otherwise stop at "这不像…年度报告") and every rule
	// runs on it.
	const title = "某某局2024年政府信息公开工作年度报告\n"
	out := map[string]string{
		"headings":  fill("一、总体情况\n"),
		"typos":     fill("四、政府信息公开行政法复议、行政诉讼情况\n"),
		"subs":      fill("（一）主动公开\n"),
		"numbers":   "一、本年新收政府信息公开申请数量 " + fill("1 "),
		"rows":      "三、收到和处理政府信息公开申请情况\n" + fill("（一）予以公开\t1\t2\t3\t4\t5\t6\t21\n"),
		"pipes":     fill("| 规章 | 0 | 0 | 0 |\n"),
		"tables":    fill("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n"),
		"digits":    "一、本年新收政府信息公开申请数量" + fill("1234567890"),
		"one line":  fill("政府信息公开工作年度报告"),
		"sentences": fill("本机关收到政府信息公开申请3件，予以公开2件。"),
	}
	for k, v := range out {
		out[k] = title + v
	}
	return out
}

// TestHostileBounded: every hostile input gets a bounded answer. Memory is
// measured (bytes allocated by the check, an upper bound of its peak),
// not time: at most 300 MB for 10 MB; at most 400 findings; the JSON
// under 1 MB; repeated problems folded and counted.
func TestHostileBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB inputs")
	}
	for name, text := range hostile() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		rep, ierr := core.Check(name, []byte(text), core.Options{})
		runtime.ReadMemStats(&after)
		if ierr != nil {
			t.Errorf("%s: %v", name, ierr)
			continue
		}
		js := core.NewResult(rep).JSON()
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("%-9s %5.1f MB in: %4d findings (%d more not listed one by one), %6d B of JSON, %4d MB allocated",
			name, float64(len(text))/(1<<20), len(rep.Findings), rep.Omitted, len(js), alloc>>20)
		if alloc > 300<<20 {
			t.Errorf("%s: %d MB allocated for %d MB of input", name, alloc>>20, len(text)>>20)
		}
		if len(rep.Findings) > 400 || len(js) > 1<<20 {
			t.Errorf("%s: %d findings, %d bytes of JSON", name, len(rep.Findings), len(js))
		}
		total := 0
		for _, f := range rep.Findings {
			total += max(f.Count, 1)
		}
		if total+0 < len(rep.Findings) {
			t.Errorf("%s: counts", name)
		}
	}
}

// TestHostileBoundedWithPrevious: the same inputs given as this year's
// report and as last year's (the cross-year rules hash every sentence of
// last year's and compare every one of this year's), and a section of
// 380,000 different sentences, each long enough to be compared. Two texts
// of 10 MB: the same bound per byte of input, 600 MB in all.
func TestHostileBoundedWithPrevious(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB inputs")
	}
	inputs := hostile()
	var b strings.Builder
	b.WriteString("某某局2024年政府信息公开工作年度报告\n一、总体情况\n")
	for i := 0; b.Len() < core.MaxInputBytes-64; i++ {
		for k := 0; k < 8; k++ {
			b.WriteRune(rune(0x4E00 + (i*7919+k*104729)%20000))
		}
		b.WriteString("。")
	}
	inputs["narrative"] = b.String()
	for name, text := range inputs {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		rep, ierr := core.Check(name, []byte(text), core.Options{Previous: text})
		runtime.ReadMemStats(&after)
		if ierr != nil {
			t.Errorf("%s: %v", name, ierr)
			continue
		}
		js := core.NewResult(rep).JSON()
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("%-9s 2 × %4.1f MB in: %4d findings, %6d B of JSON, %4d MB allocated", name, float64(len(text))/(1<<20), len(rep.Findings), len(js), alloc>>20)
		if alloc > 600<<20 {
			t.Errorf("%s: %d MB allocated for 2 × %d MB of input", name, alloc>>20, len(text)>>20)
		}
		if len(rep.Findings) > 400 || len(js) > 1<<20 {
			t.Errorf("%s: %d findings, %d bytes of JSON", name, len(rep.Findings), len(js))
		}
	}
}

// Folding: the same problem repeated is listed 30 times, then counted in
// one finding that names the first places; the result says how many were
// not listed one by one.
func TestFoldedFindings(t *testing.T) {
	text := "某某局2024年政府信息公开工作年度报告\n" + strings.Repeat("一、总体情况\n", 200)
	rep := core.CheckText("x", text, core.Options{})
	var folded *core.Finding
	n := 0
	for i, f := range rep.Findings {
		if f.Rule == "S12" {
			n++
			if f.Count > 0 {
				folded = &rep.Findings[i]
			}
		}
	}
	if folded == nil || n != 31 {
		t.Fatalf("S12: %d findings, folded %+v", n, folded)
	}
	if !strings.Contains(folded.Message, "另有 ") || !strings.Contains(folded.Message, "如第 ") || folded.Line == 0 {
		t.Errorf("folded finding: %+v", folded)
	}
	if rep.Omitted != folded.Count-1 {
		t.Errorf("omitted %d, folded count %d", rep.Omitted, folded.Count)
	}
}

// BenchmarkHostile: the hostile inputs, for time and memory per input.
func BenchmarkHostile(b *testing.B) {
	for name, text := range hostile() {
		raw := []byte(text)
		b.Run(strings.ReplaceAll(name, " ", "-"), func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				core.Check(name, raw, core.Options{})
			}
		})
	}
}
