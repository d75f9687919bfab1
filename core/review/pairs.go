package review

import (
	"strings"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/rules"
)

// A batch often holds one unit's reports of several years (a reviewer's
// folder of 2023 and 2024 reports). Each report whose unit has last year's
// report in the batch is checked with it (core.Options.Previous), so the
// cross-year rules (C01–C05, P02) need no flag. The command line and the
// page both read each report's unit and year first (core.Identify, no
// text kept), pair them here, and read last year's text again when they
// check the later one.

// UnitYear is what pairing needs of a report: its unit and year as
// core.Identify reads them (zero when not found, or the file unreadable).
type UnitYear struct {
	Agency string
	Year   int
}

// Match is what pairing found for one report.
type Match struct {
	Prev int // index of last year's report of the same unit, or -1
	// Candidates > 1 with Prev -1: reports of several units could be last
	// year's (the name fits more than one), and none was taken rather
	// than a wrong one.
	Candidates int
}

// Pair returns, for each report, last year's report of the same unit in
// the batch. The closest match wins: the same name as written, then the
// same name once 人民政府/办公室 variants are folded, then a name that can
// be the same unit (a region prefix more or less, an abbreviation).
// Several copies of one report (the same name): the first.
//
// Names are normalised once per report, and reports are found by maps of
// the normalised names and of years: a batch of n reports is paired in
// about n steps, not n².
func Pair(ids []UnitYear) []Match {
	type nameYear struct {
		name string
		year int
	}
	labels := make([]string, len(ids))
	byLabel := map[nameYear][]int{}
	byKey := map[nameYear][]int{}
	byYear := map[int][]int{}
	for j, id := range ids {
		if id.Agency == "" {
			continue
		}
		labels[j] = normalize.Label(id.Agency)
		byLabel[nameYear{labels[j], id.Year}] = append(byLabel[nameYear{labels[j], id.Year}], j)
		k := nameYear{rules.AgencyKey(id.Agency), id.Year}
		byKey[k] = append(byKey[k], j)
		byYear[id.Year] = append(byYear[id.Year], j)
	}
	out := make([]Match, len(ids))
	for i, this := range ids {
		out[i].Prev = -1
		if this.Agency == "" || this.Year == 0 {
			continue
		}
		// The closest match first: the same name, the same name folded,
		// a name that can be the same unit.
		found := byLabel[nameYear{labels[i], this.Year - 1}]
		if len(found) == 0 {
			found = byKey[nameYear{rules.AgencyKey(this.Agency), this.Year - 1}]
		}
		if len(found) == 0 {
			var can []int
			for _, j := range byYear[this.Year-1] {
				if core.SameAgency(this.Agency, ids[j].Agency) {
					can = append(can, j)
				}
			}
			found = can
		}
		if len(found) == 0 {
			continue
		}
		names := 0
		last := ""
		for _, j := range found {
			if n := labels[j]; names == 0 || n != last {
				names++
				last = n
			}
		}
		out[i].Candidates = len(found)
		if names > 1 {
			continue
		}
		out[i].Prev = found[0]
	}
	return out
}

// Extensions are the kinds of file a folder under review is searched for
// (by the command line and the page): the formats the reader takes. A
// PDF is taken even where it cannot be read (the page): its row says how
// to check it.
var Extensions = []string{".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"}

// InFolderPath is InFolder for a path below the folder ("洪泽区/2024.docx"),
// either separator: files in hidden folders (.git, .cache) are not
// reports either.
func InFolderPath(rel string) bool {
	parts := strings.FieldsFunc(rel, func(r rune) bool { return r == '/' || r == '\\' })
	if len(parts) == 0 {
		return false
	}
	for _, p := range parts[:len(parts)-1] {
		if strings.HasPrefix(p, ".") {
			return false
		}
	}
	return InFolder(parts[len(parts)-1])
}

// InFolder tells whether a file found in a folder under review is a report
// to check: one of Extensions, and not an Office lock file (~$…) or a
// hidden file. name is the file's base name.
func InFolder(name string) bool {
	if strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".") {
		return false
	}
	ext := ""
	if i := strings.LastIndex(name, "."); i >= 0 {
		ext = strings.ToLower(name[i:])
	}
	for _, e := range Extensions {
		if e == ext {
			return true
		}
	}
	return false
}

// Skipped tells whether a file found in a folder is left out without a
// word: an Office lock file (~$…) or a hidden file, which nobody put there
// as a report. Every other file is either checked (InFolder) or listed as
// not checked, named by OtherKind.
func Skipped(name string) bool {
	return strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".")
}

// OtherKind says what a file of a folder under review is when it is not a
// kind that is checked, and what to do: "旧版 Word 文档（.doc），请另存为
// .docx 后再检查". name is the file's base name.
func OtherKind(name string) string {
	ext := ""
	if i := strings.LastIndex(name, "."); i > 0 {
		ext = strings.ToLower(name[i:])
	}
	switch ext {
	case ".doc":
		return "旧版 Word 文档（.doc），不能检查；请另存为 .docx 后再检查"
	case ".wps":
		return "WPS 文字旧格式文档（.wps），不能检查；请另存为 .docx 后再检查"
	case ".rtf":
		return "RTF 文档，不能检查；请另存为 .docx 后再检查"
	case ".odt":
		return "OpenDocument 文档（.odt），不能检查；请另存为 .docx 后再检查"
	case ".ofd":
		return "OFD 版式文件，不能检查；请提交 .docx 或 PDF 文字版"
	case ".xls", ".xlsx", ".et", ".csv", ".ods":
		return "表格文件，不是报告，未检查"
	case ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp":
		return "图片，不能读取其中的文字，未检查；报告请提交 .docx 或 PDF 文字版"
	case ".zip", ".rar", ".7z", ".tar", ".gz":
		return "压缩包，未检查；请解压后再检查其中的报告"
	case ".ppt", ".pptx", ".dps":
		return "演示文稿，不是报告，未检查"
	case "":
		return "没有扩展名的文件，未检查（只检查 .txt .md .html .htm .docx .pdf）"
	}
	return "其他类型的文件（" + ext + "），未检查（只检查 .txt .md .html .htm .docx .pdf）"
}
