//go:build browser

package browsertest

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/input/native"
	"github.com/nianbao/nianbao/wasm/page"
	"github.com/nianbao/nianbao/web/serve"
)

// The old kernels of the browsers on government PCs (360安全浏览器,
// 奇安信可信浏览器: Chromium 80–109). NIANBAO_OLD_CHROMIUM lists the builds
// as "MAJOR=launcher" words; scripts/test-page installs Chromium 80, 88 and
// 109 (scripts/lib/old-chromium.sh) and sets it.
func TestOldChromium(t *testing.T) {
	inOldKernels(t, true, oldChromium)
}

// oldChromium: the offline page over file:// starts, compiles the checker
// (with 'unsafe-eval' before Chromium 97) and then locks scripts; seed 004,
// pasted and typed, gives exactly the core's JSON and list; a finding jumps
// to its line; the layout holds at 1366×768; no network request is made.
// In the oldest kernel also: the layout at phone width; a GBK web page and a
// Word file read as on the command line; the checker restarts; the served
// site starts and checks.
func oldChromium(t *testing.T, major, exec string) {
	ctx, _ := openOfflineIn(t, newBrowserAt(t, exec, 1366, 768), 1366, 768)
	ua := eval[string](t, ctx, `navigator.userAgent`)
	if !strings.Contains(ua, "Chrome/"+major+".") {
		t.Fatalf("%s is not Chromium %s: %s", exec, major, ua)
	}
	n, err := strconv.Atoi(major)
	must(t, err)
	mode := "unsafe-eval"
	if n >= 97 { // the first with 'wasm-unsafe-eval'
		mode = "wasm-unsafe-eval"
	}
	checkCSP(t, ctx, mode)
	// loader.js finds what is missing: flex gap came in 84, :focus-visible
	// in 86.
	wantClass := strings.TrimSpace(map[bool]string{true: "no-flex-gap"}[n < 84] + " " + map[bool]string{true: "no-focus-visible"}[n < 86])
	if got := eval[string](t, ctx, `document.documentElement.className.trim()`); got != wantClass {
		t.Errorf("<html> classes %q, want %q", got, wantClass)
	}
	shot := func(name string) { screenshot(t, ctx, "old"+major+"-"+name) }

	file := filepath.Join(root, "testdata/seeds/004_6bca9a975aea9322.txt")
	raw, err := os.ReadFile(file)
	must(t, err)
	text := string(raw)
	r, w := want(page.PasteName, text)
	if !paste(t, ctx, text, "\x00") {
		t.Fatal("the page did not handle the paste event")
	}
	if got := eval[string](t, ctx, `nianbao.result()`); got != w {
		t.Fatalf("seed 004 (paste): page JSON differs from core.CheckText:\n%s", firstDiff(got, w))
	}
	checkShown(t, ctx, "seed 004 (paste)", r)
	typeText(t, ctx, "")
	typeText(t, ctx, text)
	if got := eval[string](t, ctx, `nianbao.result()`); got != w {
		t.Errorf("seed 004 (typed): page JSON differs from core.CheckText:\n%s", firstDiff(got, w))
	}
	checkLayout(t, ctx, 1366)
	shot("01-seed004")

	// A finding jumps to its line and marks its cell: A02, listed in the
	// card of the wrong cell (A04) that causes it.
	a02 := ""
	for i, f := range r.Findings {
		if f.Rule == "A02" {
			a02 = `#panel-findings li.sub[data-i="` + fmt.Sprint(i) + `"] button.subjump`
			click(t, ctx, `#panel-findings li.card[data-rule="A04"] button.jump`)
			click(t, ctx, a02)
			checkSelection(t, ctx, f.Line)
			cell := "c-applications-" + f.Row + "-" + f.Column
			if got := eval[string](t, ctx, `(document.querySelector("#panel-tables .current") || {}).id || ""`); got != cell {
				t.Errorf("highlighted cell %q, want %q", got, cell)
			}
			break
		}
	}
	shot("02-finding-clicked")
	click(t, ctx, "#tab-tables")
	checkLayout(t, ctx, 1366)
	shot("03-tables")
	click(t, ctx, "#tab-findings")

	// The rest once, in the oldest kernel (the others add little but time).
	if n != oldest {
		return
	}

	// A phone-width window: one column, nothing wider than the screen.
	must(t, chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)))
	checkLayout(t, ctx, 390)
	click(t, ctx, a02)
	checkSelection(t, ctx, 218)
	eval[bool](t, ctx, `(scrollTo(0, 0), true)`)
	shot("04-phone")
	must(t, chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768)))

	// Files read with the browser's own decoders: GBK (TextDecoder), a saved
	// web page (DOMParser), a Word file (Blob.arrayBuffer, zip in Go).
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	for _, f := range []string{"004_6bca9a975aea9322-gbk.html", "hongze-2024.docx"} {
		raw, err := os.ReadFile(filepath.Join(root, "testdata/files", f))
		must(t, err)
		eval[bool](t, ctx, `(window.__file = new Uint8Array(`+js(bytesOf(string(raw)))+`), true)`)
		eval[bool](t, ctx, `(function (name) {
			var dt = new DataTransfer();
			dt.items.add(new File([window.__file], name));
			return !document.getElementById("editor").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		})(`+js(f)+`)`)
		if err := waitJS(tctx, `nianbao.result().includes(`+js(`"source": "`+f+`"`)+`)`); err != nil {
			t.Fatalf("%s: not checked: %v", f, err)
		}
		rep, ierr := core.Check(f, raw, core.Options{Env: native.Env()})
		if ierr != nil {
			t.Fatal(ierr)
		}
		if got, w := eval[string](t, ctx, `nianbao.result()`), string(core.NewResult(rep).JSON()); got != w {
			t.Errorf("%s: the page's JSON differs from the command line's:\n%s", f, firstDiff(got, w))
		}
	}

	// 批量审阅: three files dropped are checked as the command line's
	// review checks them (洪泽区 2023 and 2024 paired), the table and a
	// report's findings are shown, the layout holds.
	click(t, ctx, "#mode-batch")
	batch := map[string][]byte{}
	for _, f := range []string{"testdata/seeds/004_6bca9a975aea9322.txt", "testdata/real/hongze-2023-layout.txt", "testdata/real/hongze-2024-layout.txt"} {
		raw, err := os.ReadFile(filepath.Join(root, f))
		must(t, err)
		batch[filepath.Base(f)] = raw
	}
	dropFiles(t, ctx, "#batch", batch)
	waitBatch(t, ctx)
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(cliReview(t, batch, "汇总.csv"), []byte("\ufeff")))).ReadAll()
	must(t, err)
	rows := shownRows(t, ctx)
	if len(rows) != 3 || len(recs) != 4 {
		t.Fatalf("batch: %d rows shown, the command line's CSV has %d lines", len(rows), len(recs))
	}
	for i, r := range rows {
		if strings.Join(r, "|") != strings.Join(recs[i+1], "|") {
			t.Errorf("batch row %d:\n got %q\nwant %q", i+1, r, recs[i+1])
		}
	}
	if p := eval[string](t, ctx, `document.getElementById("b-pairs").textContent`); !strings.Contains(p, "洪泽区人民政府 2023 年度 → 淮安市洪泽区人民政府 2024 年度") {
		t.Errorf("batch pairs: %q", p)
	}
	click(t, ctx, `#b-table tr[data-source="004_6bca9a975aea9322.txt"] td[data-col="4"]`)
	if got, w := eval[int](t, ctx, `document.querySelectorAll("#b-detail li.card").length`), len(core.Cards(r)); got != w {
		t.Errorf("batch: seed 004 shows %d cards, want %d", got, w)
	}
	checkLayout(t, ctx, 1366)
	eval[bool](t, ctx, `(document.getElementById("batch").scrollTop = 0, true)`)
	shot("05-batch")
	click(t, ctx, "#mode-single")

	// The Go program stops; a new instance of the compiled module takes
	// over under the locked policy (instantiating compiles nothing).
	eval[bool](t, ctx, `(nianbao.stop(), true)`)
	if err := waitJS(tctx, `window.nianbaoRestarted === 1 && window.nianbao && nianbao.ready`); err != nil {
		t.Fatalf("no restart: %v (status %q)", err, eval[string](t, ctx, `document.getElementById("status").textContent`))
	}
	paste(t, ctx, text, "\x00")
	if err := waitJS(tctx, `nianbao.result() === `+js(w)); err != nil {
		t.Errorf("after the restart the page does not check seed 004 as before: %v", err)
	}
	checkCSP(t, ctx, mode)

	// The served site (an intranet server) starts and checks as well.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	srv := &http.Server{Handler: serve.Handler(filepath.Join(root, "dist", "site"))}
	go srv.Serve(ln)
	defer srv.Close()
	sctx := newBrowserAt(t, exec, 1366, 768)
	must(t, chromedp.Do(sctx, chromedp.Navigate("http://"+ln.Addr().String()+"/")))
	waitReady(t, sctx)
	if got := eval[string](t, sctx, `document.documentElement.getAttribute("data-wasm-csp")`); got != mode {
		t.Errorf("served site: csp.js chose %q", got)
	}
	paste(t, sctx, text, "\x00")
	if got := eval[string](t, sctx, `nianbao.result()`); got != w {
		t.Errorf("served site: page JSON differs from core.CheckText:\n%s", firstDiff(got, w))
	}
}

// The current Chromium takes the other branch of csp.js: 'unsafe-eval' is
// taken back before any other script runs.
func TestCSPLocked(t *testing.T) {
	ctx, _ := openOffline(t, 1366, 768)
	checkCSP(t, ctx, "wasm-unsafe-eval")
	if got := eval[string](t, ctx, `document.documentElement.className.trim()`); got != "" {
		t.Errorf("the current Chromium uses fallbacks of compat.css: <html class=%q>", got)
	}
	// The policy added by csp.js: the page's own without 'unsafe-eval'.
	metas := eval[[]string](t, ctx, `Array.prototype.map.call(document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]'), function (m) { return m.content; })`)
	if len(metas) != 3 {
		t.Fatalf("%d CSP meta tags, want the page's, csp.js's and loader.js's: %q", len(metas), metas)
	}
	if want := strings.Replace(metas[0], " 'unsafe-eval'", "", 1); metas[1] != want {
		t.Errorf("csp.js added %q, want the page's policy without 'unsafe-eval': %q", metas[1], want)
	}
	// The lock loader.js adds once the checker is compiled allows one
	// script, by a hash the page's policy lists: pdf.js.
	lock := regexp.MustCompile(`^script-src ('sha256-[A-Za-z0-9+/=]+'); worker-src 'self'$`).FindStringSubmatch(metas[2])
	if lock == nil || !strings.Contains(metas[0], lock[1]) {
		t.Errorf("loader.js locked scripts with %q", metas[2])
	}
}

// oldest is the oldest kernel the page supports (DecompressionStream came
// in Chromium 80).
const oldest = 80

var scriptSrc = regexp.MustCompile(`(?:^|;)\s*script-src ([^;]*)`)

// checkCSP: the page's policy connects nowhere and allows only hashed
// scripts; csp.js chose the wanted keyword; after the start eval(), new
// Function, a new WebAssembly module and an injected script are refused.
func checkCSP(t *testing.T, ctx context.Context, mode string) {
	t.Helper()
	csp := eval[string](t, ctx, `document.querySelector('meta[http-equiv="Content-Security-Policy"]').content`)
	for _, d := range []string{"default-src 'none'", "connect-src 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"} {
		if !strings.Contains(csp, d) {
			t.Errorf("page CSP lacks %s: %q", d, csp)
		}
	}
	m := scriptSrc.FindStringSubmatch(csp)
	if m == nil {
		t.Fatalf("page CSP has no script-src: %q", csp)
	}
	hashes := 0
	for _, src := range strings.Fields(m[1]) {
		switch {
		case strings.HasPrefix(src, "'sha256-"):
			hashes++
		case src == "'wasm-unsafe-eval'", src == "'unsafe-eval'":
		default:
			t.Errorf("script-src allows %s", src)
		}
	}
	// One hash more than the page's distinct scripts (the offline file
	// repeats one after each chunk of the wasm): pdf.js, which
	// web/pdfread.js runs when the first PDF is opened.
	if n := eval[int](t, ctx, `new Set(Array.prototype.map.call(document.querySelectorAll('script:not([type="application/octet-stream"])'), function (s) { return s.src || s.textContent; })).size`); hashes != n+1 {
		t.Errorf("script-src has %d hashes for %d scripts and pdf.js", hashes, n)
	}
	if got := eval[string](t, ctx, `document.documentElement.getAttribute("data-wasm-csp")`); got != mode {
		t.Errorf("csp.js chose %q, want %q in this browser", got, mode)
	}
	// Run as the page's own code, from timers: the DevTools protocol
	// exempts its own evaluations from the page's CSP (Chromium 80 always
	// does). The string timer is compiled like eval(); timers of the same
	// delay run in order, so the last one sees what the others did.
	eval[bool](t, ctx, `(function () {
		var out = window.__refusals = [];
		function try_(name, f) { try { f(); out.push(name + " ran"); } catch (e) { } }
		setTimeout(function () {
			try_("eval", function () { eval("1"); });
			try_("Function", function () { new Function("return 1")(); });
			try_("WebAssembly.Module", function () { new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); });
			var s = document.createElement("script");
			s.textContent = "window.__injected = 1";
			document.body.appendChild(s);
			s.parentNode.removeChild(s);
			if (window.__injected) out.push("an injected script ran");
		}, 0);
		try { setTimeout("window.__stringTimer = 1", 0); } catch (e) { }
		setTimeout(function () {
			if (window.__stringTimer) out.push("a string timer ran");
			out.push("done");
		}, 0);
		return true;
	})()`)
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	must(t, waitJS(tctx, `window.__refusals.indexOf("done") >= 0`))
	refused := eval[[]string](t, ctx, `window.__refusals.filter(function (s) { return s !== "done"; })`)
	for _, r := range refused {
		t.Errorf("after the start: %s", r)
	}
}

// checkLayout: nothing wider than the window, and items of a flex row with
// a gap do not touch (flex gap came in Chromium 84; app.css has fallbacks).
func checkLayout(t *testing.T, ctx context.Context, width int) {
	t.Helper()
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > width {
		t.Errorf("page is %dpx wide in a %dpx window", w, width)
	}
	touching := eval[[]string](t, ctx, `(function () {
		var out = [];
		function name(e) { return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : ""); }
		Array.prototype.forEach.call(document.querySelectorAll("*"), function (el) {
			var cs = getComputedStyle(el);
			if (!/flex/.test(cs.display) || /column/.test(cs.flexDirection)) return;
			var gap = parseFloat(cs.columnGap);
			if (!(gap > 0) || !el.getClientRects().length) return;
			var kids = Array.prototype.filter.call(el.children, function (k) {
				return k.getClientRects().length && getComputedStyle(k).position !== "absolute";
			});
			for (var i = 1; i < kids.length; i++) {
				var a = kids[i - 1].getBoundingClientRect(), b = kids[i].getBoundingClientRect();
				if (Math.abs(a.top - b.top) < 2 && b.left - a.right < gap / 2) {
					out.push(name(el) + ": " + name(kids[i - 1]) + " and " + name(kids[i]) + " " + (b.left - a.right).toFixed(1) + "px apart, gap " + gap + "px");
				}
			}
		});
		return out;
	})()`)
	for _, s := range touching {
		t.Errorf("flex items touch: %s", s)
	}
}

// click clicks the middle of an element with the mouse (Input events).
// chromedp's Click waits for its record of the page's frame, which is
// never complete with Chromium 80 (see waitJS).
func click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	xy := eval[[]float64](t, ctx, `(function (el) {
		el.scrollIntoView({block: "center"});
		var r = el.getBoundingClientRect();
		return [r.left + r.width / 2, r.top + r.height / 2];
	})(document.querySelector(`+js(sel)+`))`)
	must(t, chromedp.Do(ctx, chromedp.MouseClickXY(xy[0], xy[1])))
}
