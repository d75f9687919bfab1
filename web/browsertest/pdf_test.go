//go:build browser

package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
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
	list := os.Getenv("NIANBAO_OLD_CHROMIUM")
	if list == "" {
		t.Skip("NIANBAO_OLD_CHROMIUM is not set (scripts/test-page installs the old builds and sets it)")
	}
	for _, w := range strings.Fields(list) {
		major, exec, ok := strings.Cut(w, "=")
		if !ok {
			t.Fatalf("NIANBAO_OLD_CHROMIUM: %q is not MAJOR=path", w)
		}
		t.Run("Chromium"+major, func(t *testing.T) {
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
