//go:build browser

package browsertest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestZZDoors(t *testing.T) {
	for _, v := range strings.Fields(os.Getenv("ZZ_PAGES")) {
		label, path, _ := strings.Cut(v, "=")
		for _, c := range []string{"1mb", "5mb", "20mb", "divs"} {
			if only := os.Getenv("ZZ_CASE"); only != "" && only != c {
				continue
			}
			ctx := newBrowser(t, 1366, 768)
			must(t, chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768), chromedp.Navigate("file://"+path)))
			waitReady(t, ctx)
			var payload string
			switch c {
			case "1mb":
				payload = `window.__big = ` + js(bigReport(t, 1<<20))
			case "5mb":
				payload = `window.__big = ` + js(bigReport(t, 5<<20))
			case "20mb":
				payload = `window.__big = "年".repeat(20 << 20)`
			case "divs":
				payload = `window.__big = "<div>".repeat(1 << 20)`
			}
			eval[bool](t, ctx, `(`+payload+`, true)`)
			if os.Getenv("ZZ_NOWRAP") != "" {
				eval[bool](t, ctx, `(document.getElementById("text").setAttribute("wrap", "off"), true)`)
			}
			time.Sleep(300 * time.Millisecond)
			eval[bool](t, ctx, strings.Replace(longTaskJS, "return true;", "window.__st0 = document.getElementById('status').textContent; return true;", 1))
			t0 := time.Now()
			if c == "divs" {
				eval[bool](t, ctx, `(function () {
					const f = new File([window.__big], "nested.html", {type: "text/html"});
					const dt = new DataTransfer(); dt.items.add(f);
					document.getElementById("editor").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
					return true; })()`)
			} else {
				eval[bool](t, ctx, `(function () {
					const ta = document.getElementById("text"); ta.focus(); ta.select();
					const dt = new DataTransfer(); dt.setData("text/plain", window.__big);
					ta.dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}));
					return true; })()`)
			}
			tctx, cancel := context.WithTimeout(ctx, 150*time.Second)
			err := waitJS(tctx, `(function(){ const s = document.getElementById("status").textContent; return document.body.dataset.checking !== "1" && s !== window.__st0 && !s.startsWith("正在"); })()`)
			cancel()
			took := time.Since(t0)
			status := "(timeout)"
			if err == nil {
				time.Sleep(500 * time.Millisecond)
				status = eval[string](t, ctx, `document.getElementById("status").textContent`)
				r := eval[[]float64](t, ctx, `(window.__resp.stop = true, [window.__resp.max, window.__resp.gap])`)
				fmt.Printf("DOOR %-6s %-5s answered in %6.1f s; longest task %4.0f ms, longest wait between timer turns %5.0f ms; %s\n", label, c, took.Seconds(), r[0], r[1], clipS(status, 60))
			} else {
				fmt.Printf("DOOR %-6s %-5s no answer after %.0f s\n", label, c, took.Seconds())
			}
		}
	}
}

func clipS(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
