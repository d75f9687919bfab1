package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core/format"
)

// Plausibility, format-spec.md §6.7: advice only.

var P01 = &Rule{ID: "P01", Name: "regulation-maker", Title: "规章制定主体", Severity: Info,
	Doc:   "只有国务院部门和省级、设区的市级人民政府能制定规章；其他机关表二规章制发数大于0时请核对",
	Basis: "《中华人民共和国立法法》关于规章制定主体的规定",
	Run:   runP01}

var P02 = &Rule{ID: "P02", Name: "outlier-yoy", Title: "与上年相比变化过大", Severity: Info,
	Doc: "与上年报告相比，主要总数变化超过5倍或不足五分之一时请核对（需提供上年报告）",
	// Not a rule of the format: a figure five times last year's is
	// usually a typing error, and the 30号 asks for accurate data.
	Basis: "经验核对，非规定要求；数据须准确（" + format.Basis30 + "（四）“发布内容不准确”）",
	Run:   runP02}

var P03 = &Rule{ID: "P03", Name: "partial-not-double-counted", Title: "部分公开重复计数", Severity: Info,
	Doc:   "部分公开的申请只计这一情形：正文所列各办理结果之和不应超过办结总数",
	Basis: format.Basis30 + " 表三“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”",
	Run:   runP03}

func runP01(p *Pass) {
	v, ok := cellValue(p.Doc.T2, "rules", "issued")
	if !ok || v == 0 {
		return
	}
	a := p.Facts.Agency
	if a == "" || strings.HasPrefix(a, "国家") || strings.HasPrefix(a, "国务院") || strings.HasPrefix(a, "中华人民共和国") {
		return
	}
	local := false
	switch {
	case strings.HasSuffix(a, "县人民政府"), strings.HasSuffix(a, "区人民政府"), strings.Contains(a, "乡"), strings.Contains(a, "镇"), strings.Contains(a, "街道"):
		local = true // 县、区、乡镇 governments do not make 规章
	case p.Facts.Issuer == IssuerDepartment && (strings.Contains(a, "市") || strings.Contains(a, "县") || strings.Contains(a, "区") || strings.Contains(a, "省")):
		local = true // departments of local governments do not make 规章
	}
	if !local {
		return
	}
	c := p.Doc.T2.Cell("rules", "issued")
	p.Report(Finding{Span: c.Span, Table: "active", Row: "rules", Column: "issued", Actual: c.Raw,
		Message: "表二“规章”本年制发 " + c.Raw + " 件，但“" + a + "”通常无权制定规章", Fix: "核对是否把规范性文件误填为规章"})
}

// runP02 compares with last year's report when one is given (Facts.Prev).
func runP02(p *Pass) {
	// Only against the year before of the same unit (C01 says when the
	// report given is not).
	prev, ok := crossPrev(p)
	if !ok {
		return
	}
	pairs := []struct {
		what       string
		table, row string
		col        string
	}{
		{"表三本年新收", "applications", "new", "c_total"},
		{"表三（七）总计", "applications", "results_total", "c_total"},
		{"表四行政复议总计", "review", "review", "total"},
		{"表二行政许可", "active", "license", "decisions"},
		{"表二行政处罚", "active", "penalty", "decisions"},
	}
	for _, x := range pairs {
		now, ok1 := cellValue(tableOf(p.Doc, x.table), x.row, x.col)
		was, ok2 := cellValue(tableOf(prev, x.table), x.row, x.col)
		if !ok1 || !ok2 || now == 0 || was == 0 {
			continue
		}
		if now > 5*was || now*5 < was {
			c := tableOf(p.Doc, x.table).Cell(x.row, x.col)
			p.Report(Finding{Span: c.Span, Table: x.table, Row: x.row, Column: x.col, Actual: fmtNum(now), Expected: "上年 " + fmtNum(was),
				Message: x.what + "为 " + fmtNum(now) + "，上年为 " + fmtNum(was) + "，变化超过5倍", Fix: "核对数字；如属实可在正文说明原因"})
		}
	}
}

func runP03(p *Pass) {
	total, ok := t3Total(p.Doc, "results_total")
	if !ok || total == 0 {
		return
	}
	for _, pr := range narrative(p.Doc, -1, 1, 2, 3) {
		t := pr.Text
		i := strings.Index(t, "部分公开")
		if i < 0 {
			continue
		}
		ss, se := sentenceAt(t, i)
		// The sentences around it: the outcomes are usually listed in one or two sentences.
		if se < len(t) {
			_, se = sentenceAt(t, se+1)
		}
		sum := 0
		n := 0
		for _, kw := range []string{"予以公开", "同意公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"} {
			k := strings.Index(t[ss:se], kw)
			if k < 0 {
				continue
			}
			if s, ok := countAfter(pr, ss+k+len(kw), 4, "件"); ok {
				sum += s.value
				n++
			}
		}
		if n >= 3 && float64(sum) > total {
			p.Report(Finding{Span: pr.Span(ss, se), Table: "applications", Row: "results_total", Column: "c_total", Expected: "≤ " + fmtNum(total), Actual: itoa(sum),
				Message: "正文所列各办理结果之和 " + itoa(sum) + " 件超过办结总数 " + fmtNum(total) + " 件，可能有申请被重复计入（部分公开只计这一情形）", Fix: "每件申请只计一种办理结果"})
			return
		}
	}
}

func decodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }
