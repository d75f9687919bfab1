//go:build browser

package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
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
		if dir := os.Getenv("NIANBAO_PDF_DUMP"); dir != "" {
			os.WriteFile(filepath.Join(dir, name+".page.json"), []byte(got), 0o644)
			os.WriteFile(filepath.Join(dir, name+".cli.json"), []byte(w), 0o644)
			os.WriteFile(filepath.Join(dir, name+".page.txt"), []byte(eval[string](t, ctx, `document.getElementById("text").value`)), 0o644)
		}
		if got != w {
			t.Errorf("%s: the page's JSON differs from the command line's:\n%s", name, firstDiff(got, w))
		}
		if name == "hongze-2024.pdf" {
			screenshot(t, ctx, "20-pdf")
		}
	}
	timings := eval[map[string]float64](t, ctx, `window.nianbaoTimings`)
	t.Logf("pdf.js inflated and started in %.0f ms; last PDF read in %.0f ms", timings["pdfReady"]-timings["pdfStart"], timings["pdfRead"])
}
