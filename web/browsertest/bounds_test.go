//go:build browser

package browsertest

import (
	"archive/zip"
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A dropped .docx whose text unpacks past the input limit (180 KB holding
// a million paragraphs) is refused with the reader's "输入过大" message,
// and the status keeps it: it is not overwritten by "已读取 Word 文档…
// 并已检查".
func TestDocxTooLargeDropped(t *testing.T) {
	ctx, _ := openOffline(t, 1366, 768)
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="w"><w:body>` + strings.Repeat(`<w:p><w:r><w:t>一二三四五六七八九十</w:t></w:r></w:p>`, 1000000) + `</w:body></w:document>`))
	z.Close()
	eval[bool](t, ctx, `(window.__big = new Uint8Array(`+js(bytesOf(b.String()))+`), true)`)
	eval[bool](t, ctx, `(function () {
		const dt = new DataTransfer();
		dt.items.add(new File([window.__big], "大.docx"));
		return !document.getElementById("editor").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
	})()`)
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`document.body.dataset.result === "input-error"`)); err != nil {
		t.Fatalf("no input error shown: %v (status %q)", err, eval[string](t, ctx, `document.getElementById("status").textContent`))
	}
	if msg := eval[string](t, ctx, `document.getElementById("status").textContent`); !strings.Contains(msg, "输入过大") || strings.Contains(msg, "已读取") {
		t.Errorf("status %q", msg)
	}
}
