//go:build browser

package browsertest

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/core/input"
)

// pdfFiles: every PDF fixture (testdata/files: written by LibreOffice,
// Chromium and pandoc from the seeds) and the copies of the shared real
// PDFs (testdata/pdf), the scanned and the encrypted one included.
func pdfFiles(t testing.TB) []string {
	var out []string
	for _, dir := range []string{"testdata/pdf", "testdata/files"} {
		m, err := filepath.Glob(filepath.Join(root, dir, "*.pdf"))
		must(t, err)
		out = append(out, m...)
	}
	if len(out) < 10 {
		t.Fatalf("only %d PDFs found", len(out))
	}
	return out
}

// cliJSON is `nianbao check --format json NAME` run in the file's folder:
// the command line's result (PDFium), or its not_checked entry.
func cliJSON(t testing.TB, path string) string {
	cmd := exec.Command(cliBinary(t.(*testing.T)), "check", "--format", "json", filepath.Base(path))
	cmd.Dir = filepath.Dir(path)
	out, err := cmd.Output()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return string(out)
}

// dropPDF drops a file on the paste area and waits for the page to show
// its result or its message.
func dropPDF(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	must(t, err)
	name := filepath.Base(path)
	eval[bool](t, ctx, `(window.__file = new Uint8Array(`+js(bytesOf(string(raw)))+`), document.getElementById("status").textContent = "", true)`)
	eval[bool](t, ctx, `(function (name) {
		const dt = new DataTransfer();
		dt.items.add(new File([window.__file], name));
		return !document.getElementById("editor").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
	})(`+js(name)+`)`)
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := waitJS(tctx, `nianbao.result().includes(`+js(`"source": "`+name+`"`)+`) || /无法读取|没有文字|输入过大|密码/.test(document.getElementById("status").textContent)`); err != nil {
		t.Fatalf("%s: not checked: %v (status %q)", name, err, eval[string](t, ctx, `document.getElementById("status").textContent`))
	}
}

// Every PDF fixture and real PDF, opened in the page (pdf.js), gives the
// command line's JSON (PDFium) byte for byte: the same cells, values,
// places (page, x, y) and findings; a scanned or encrypted PDF gets the
// command line's message. The page makes no network request.
func TestPDFOffline(t *testing.T) {
	ctx, _ := openOffline(t, 1366, 900)
	checkPDFs(t, ctx, "")
}

// The same in the old kernels (NIANBAO_OLD_CHROMIUM, as TestOldChromium):
// pdf.js's legacy build runs in Chromium 80.
func TestPDFOldChromium(t *testing.T) {
	inOldKernels(t, true, func(t *testing.T, major, exec string) {
		ctx, _ := openOfflineIn(t, newBrowserAt(t, exec, 1366, 900), 1366, 900)
		if ua := eval[string](t, ctx, `navigator.userAgent`); !strings.Contains(ua, "Chrome/"+major+".") {
			t.Fatalf("%s is not Chromium %s: %s", exec, major, ua)
		}
		mode := "wasm-unsafe-eval"
		if n, _ := strconv.Atoi(major); n < 97 {
			mode = "unsafe-eval"
		}
		checkPDFs(t, ctx, "-chromium"+major, mode)
	})
}

// checkPDFs opens every PDF in the page and compares it with the command
// line; suffix names the screenshots, mode is the CSP keyword the browser
// compiled the checker with.
func checkPDFs(t *testing.T, ctx context.Context, suffix string, mode ...string) {
	for _, path := range pdfFiles(t) {
		name := filepath.Base(path)
		dropPDF(t, ctx, path)
		w := cliJSON(t, path)
		if strings.Contains(w, `"not_checked"`) {
			status := eval[string](t, ctx, `document.getElementById("status").textContent`)
			reason := w[strings.Index(w, `"reason": "`)+len(`"reason": "`):]
			reason = reason[:strings.Index(reason, `"`)]
			if !strings.Contains(status, reason) {
				t.Errorf("%s: the page says %q, the command line %q", name, status, reason)
			}
			continue
		}
		got := eval[string](t, ctx, `nianbao.result()`)
		if got == "" {
			t.Logf("%s: status %q", name, eval[string](t, ctx, `document.getElementById("status").textContent`))
		}
		if dir := os.Getenv("NIANBAO_PDF_DUMP"); dir != "" {
			os.WriteFile(filepath.Join(dir, name+".page.json"), []byte(got), 0o644)
			os.WriteFile(filepath.Join(dir, name+".cli.json"), []byte(w), 0o644)
			os.WriteFile(filepath.Join(dir, name+".page.txt"), []byte(eval[string](t, ctx, `document.getElementById("text").value`)), 0o644)
		}
		if got != w {
			t.Errorf("%s: the page's JSON differs from the command line's:\n%s", name, firstDiff(got, w))
		}
		if name == "hongze-2024.pdf" {
			if st := eval[string](t, ctx, `document.getElementById("status").textContent`); !strings.Contains(st, "已读取 PDF 文件 hongze-2024.pdf") {
				t.Errorf("status %q", st)
			}
			screenshot(t, ctx, "20-pdf"+suffix)
			click(t, ctx, "#tab-tables")
			screenshot(t, ctx, "21-pdf-tables"+suffix)
			click(t, ctx, "#tab-findings")
		}
	}
	// pdf.js ran, and still nothing else may: no eval(), no other script.
	m := "wasm-unsafe-eval"
	if len(mode) > 0 {
		m = mode[0]
	}
	checkCSP(t, ctx, m)
	timings := eval[map[string]float64](t, ctx, `window.nianbaoTimings`)
	t.Logf("pdf.js inflated and started in %.0f ms; last PDF read in %.0f ms", timings["pdfReady"]-timings["pdfStart"], timings["pdfRead"])
}

// pdfOf makes a PDF of pages, each a content stream (deflated), in
// Helvetica.
func pdfOf(contents ...[]byte) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(s string) { offs = append(offs, b.Len()); b.WriteString(s) }
	b.WriteString("%PDF-1.4\n")
	n := len(contents)
	kids := ""
	for i := 0; i < n; i++ {
		kids += fmt.Sprintf("%d 0 R ", 4+2*i)
	}
	obj("1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n")
	obj(fmt.Sprintf("2 0 obj<</Type/Pages/Kids[%s]/Count %d>>endobj\n", kids, n))
	obj("3 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n")
	for i, c := range contents {
		var z bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
		zw.Write(c)
		zw.Close()
		obj(fmt.Sprintf("%d 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 3 0 R>>>>/Contents %d 0 R>>endobj\n", 4+2*i, 5+2*i))
		obj(fmt.Sprintf("%d 0 obj<</Length %d/Filter/FlateDecode>>stream\n", 5+2*i, z.Len()))
		b.Write(z.Bytes())
		b.WriteString("\nendstream endobj\n")
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, x)
	return b.Bytes()
}

// PDFs past the limits get the command line's "输入过大" (pdf.js stops
// counting at the page's limit: a page of a million characters is not
// kept whole), a damaged one "无法读取", a stream that inflates to
// hundreds of MB is read through without keeping it, and the page reads
// the next PDF as usual.
func TestPDFLimits(t *testing.T) {
	ctx, _ := openOffline(t, 1366, 900)
	lines := func(n, k int) []byte {
		return []byte("BT /F1 0.9 Tf 0.8 TL 1 840 Td " + strings.Repeat("("+strings.Repeat("A", k)+") '\n", n) + " ET")
	}
	many := make([][]byte, input.MaxPDFPages+1)
	for i := range many {
		many[i] = []byte("BT /F1 12 Tf 72 700 Td (page) Tj ET")
	}
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		raw  []byte
		says string
	}{
		{"四万字.pdf", pdfOf(lines(200, 200)), "第 1 页输入过大：字符超过每页上限 30000 个"},
		{"百万字.pdf", pdfOf(lines(1000, 1000)), "第 1 页输入过大：字符超过每页上限 30000 个"},
		{"二百零一页.pdf", pdfOf(many...), "输入过大：共 201 页，超过上限 200 页"},
		{"坏文件.pdf", []byte("%PDF-1.4\nnot a pdf"), "PDF 文件无法读取"},
		// 民府 in STSong-Light, not embedded, encoded UniGB-UCS2-H: PDFium
		// has Adobe's CMaps built in and reads it; the page carries none,
		// and refuses the file rather than check it without that text.
		{"未嵌入字体.pdf", cjkPDF(), "第 1 页有网页版读不出的字体"},
		// 256 KB that inflate to 256 MB of nothing: pdf.js reads the
		// stream as it inflates it (1 GB: 7 s, the heap 14 MB after), and
		// finds no text.
		{"炸弹.pdf", pdfOf(bytes.Repeat([]byte(" "), 1<<28)), "PDF 中没有文字"},
	} {
		path := filepath.Join(dir, c.name)
		must(t, os.WriteFile(path, c.raw, 0o644))
		start := time.Now()
		dropPDF(t, ctx, path)
		if st := eval[string](t, ctx, `document.getElementById("status").textContent`); !strings.Contains(st, c.says) {
			t.Errorf("%s: status %q, want %q", c.name, st, c.says)
		}
		t.Logf("%s (%d KB): %v, status %q, heap %v MB", c.name, len(c.raw)>>10, time.Since(start).Round(time.Millisecond), eval[string](t, ctx, `document.getElementById("status").textContent`), eval[float64](t, ctx, `performance.memory ? performance.memory.usedJSHeapSize / 1048576 : -1`))
	}
	// The engine still reads.
	pdf := filepath.Join(root, "testdata/pdf/hongze-2024.pdf")
	dropPDF(t, ctx, pdf)
	if got, w := eval[string](t, ctx, `nianbao.result()`), cliJSON(t, pdf); got != w {
		t.Errorf("after the limits: JSON differs from the command line's:\n%s", firstDiff(got, w))
	}
}

// cjkPDF: one page of Chinese text in a font a reader must have (Adobe's
// STSong-Light, not embedded), encoded with the predefined CMap
// UniGB-UCS2-H, with no ToUnicode.
func cjkPDF() []byte {
	content := "BT /F1 16 Tf 72 700 Td <6C115E9C> Tj ET"
	objs := []string{
		"<</Type/Catalog/Pages 2 0 R>>",
		"<</Type/Pages/Kids[3 0 R]/Count 1>>",
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
		fmt.Sprintf("<</Length %d>>stream\n%s\nendstream", len(content), content),
		"<</Type/Font/Subtype/Type0/BaseFont/STSong-Light/Encoding/UniGB-UCS2-H/DescendantFonts[6 0 R]>>",
		"<</Type/Font/Subtype/CIDFontType0/BaseFont/STSong-Light/CIDSystemInfo<</Registry(Adobe)/Ordering(GB1)/Supplement 4>>/FontDescriptor 7 0 R/DW 1000>>",
		"<</Type/FontDescriptor/FontName/STSong-Light/Flags 6/FontBBox[-25 -254 1000 880]/ItalicAngle 0/Ascent 880/Descent -120/CapHeight 880/StemV 93>>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj%sendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}
