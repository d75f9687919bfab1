//go:build !js

// Command bench measures the built page in headless Chromium and prints a
// small table (scripts/bench-page runs it):
//
//   - time from opening dist/nianbao.html (file://, network off) until the
//     checker is ready, with its parts (decode, inflate, compile, start);
//   - check latency per edit, measured inside the page with
//     performance.now() around the Go check call (nianbao.check), over
//     edits of a typical real report and of a 20 KB one; also the whole
//     edit → findings shown path (input event, check, render);
//   - a 1 MB report pasted: the longest task while it is checked and
//     shown (PerformanceObserver "longtask"; target 200 ms), the longest
//     wait between two turns of a timer loop (the browser's own layout
//     included), and the time until its findings are shown; in the page
//     warmed by the edits, and as the first thing done in a fresh page;
//   - the served site (dist/site over http, new tab, caches and service
//     worker warm): time until ready;
//   - -page FILE measures another build of the offline page (to compare
//     before and after a change); -base FILE loads another build in turn
//     with it, load for load, and prints both (before and after in one
//     run: build main's page with go run ./cmd/build -out DIR -index "");
//   - -chromium PATH runs another Chromium, such as an old kernel from
//     scripts/lib/old-chromium.sh (.cache/old-chromium/80/chrome);
//   - -quick: only the loads and the edits;
//   - PDFs: the first one dropped (pdf.js started) and the next ones;
//   - sizes: the offline file, the wasm raw and gzipped.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/nianbao/nianbao/web/serve"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	loads := flag.Int("loads", 7, "page loads to time")
	edits := flag.Int("edits", 100, "edits to time per report")
	pagePath := flag.String("page", filepath.Join("dist", "nianbao.html"), "the offline page to measure (another build, to compare); its served version is the site/ beside it")
	basePath := flag.String("base", "", "the offline page of another build (say main's: go run ./cmd/build -out DIR -index ''), loaded in turn with -page: both columns in one run")
	chromiumFlag := flag.String("chromium", "", "the Chromium to run (default $CHROMIUM or /usr/bin/chromium; an old kernel: .cache/old-chromium/80/chrome, see scripts/lib/old-chromium.sh)")
	served := flag.Bool("served", true, "time the served site too (dist/site over http)")
	cutNetwork := flag.Bool("offline", true, "cut the network for the offline file (DevTools; Chromium 80 hangs with it: -offline=false)")
	verbose := flag.Bool("v", false, "log each step")
	quick := flag.Bool("quick", false, "only the loads and the edits (no 1 MB paste, no PDF)")
	flag.Parse()

	offline, err := filepath.Abs(*pagePath)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := os.Stat(offline); err != nil {
		log.Fatalf("%v (run scripts/build-page first)", err)
	}

	typical, err := os.ReadFile(filepath.Join("testdata", "real", "hongze-2024-layout.txt"))
	if err != nil {
		log.Fatal(err)
	}
	// A 20 KB report: the longest real report with its prose doubled.
	long, err := os.ReadFile(filepath.Join("testdata", "real", "huaian-city-2024-layout.txt"))
	if err != nil {
		log.Fatal(err)
	}
	big := string(long)
	if i := strings.Index(big, "二、"); i > 0 {
		intro := big[strings.Index(big, "一、"):i]
		big = big[:i] + intro + intro + big[i:]
	}

	chromium := *chromiumFlag
	if chromium == "" {
		chromium = os.Getenv("CHROMIUM")
	}
	if chromium == "" {
		chromium = "/usr/bin/chromium"
		if p, err := exec.LookPath("chromium"); err == nil {
			chromium = p
		}
	}
	dir, _ := os.MkdirTemp("", "nianbao-bench")
	defer os.RemoveAll(dir)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.UserDataDir(dir), chromedp.WindowSize(1366, 768))
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	if err := chromedp.Do(bctx); err != nil {
		log.Fatal(err)
	}

	// Loads: the offline file in a new tab each time (file://, network
	// off), and the served site (dist/site over http, the service worker
	// and the browser's caches warm after the first visit); with -base,
	// the other build's in turn, load for load.
	type build struct {
		offline, site                                    string
		ready, parse, decode, compile, start, ui, served []float64
	}
	builds := []*build{{offline: offline, site: filepath.Join("dist", "site")}}
	if *basePath != "" {
		b, err := filepath.Abs(*basePath)
		if err != nil {
			log.Fatal(err)
		}
		builds = append(builds, &build{offline: b, site: filepath.Join(filepath.Dir(b), "site")})
	}
	for _, b := range builds {
		srv := httptest.NewServer(serve.Handler(b.site))
		defer srv.Close()
		b.site = srv.URL + "/"
	}
	root := bctx
	type timing struct {
		Start, Decoded, Inflated, Instantiated, Main, Ready float64
		Steps                                               []string // the Go start's steps (wasm/main.go mark)
	}
	const timingJS = `window.nianbaoTimings && window.nianbaoTimings.ready ? (function (t) {
		var d = t.decoded || t.start;
		return {Start: t.start, Decoded: d, Inflated: t.inflated || d, Instantiated: t.instantiated, Main: t.main, Ready: t.ready, Steps: (window.nianbaoSteps || []).map(function (s) { return s[0]; })};
	})(window.nianbaoTimings) : null`
	open := func(url string, offline bool) (timing, context.Context, context.CancelFunc) {
		ctx, cancel := chromedp.NewContext(root) // a new tab each time
		if offline {
			if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
				log.Fatal(err)
			}
			chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
		}
		if *verbose {
			log.Printf("opening %s", url)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
			log.Fatal(err)
		}
		t, err := poll[timing](ctx, timingJS)
		if err != nil {
			log.Fatal(err)
		}
		return t, ctx, cancel
	}
	for _, b := range builds { // the first visit of each site: not timed
		if !*served {
			break
		}
		_, _, cancel := open(b.site, false)
		cancel()
	}
	for i := 0; i < *loads; i++ {
		order := builds
		if i%2 == 1 && len(builds) > 1 { // each build first in turn
			order = []*build{builds[1], builds[0]}
		}
		for _, b := range order {
			if *served {
				t, _, cancel := open(b.site, false)
				cancel()
				b.served = append(b.served, t.Ready)
			}
			t, ctx, cancel := open("file://"+b.offline, *cutNetwork)
			if *verbose {
				log.Printf("%s: ready %.0f, parse %.0f, decode %.0f, compile %.0f, Go start %.0f, set-up %.0f ms: %s", b.offline, t.Ready, t.Start, t.Decoded-t.Start, t.Instantiated-t.Decoded, t.Main-t.Instantiated, t.Ready-t.Main, strings.Join(t.Steps, ", "))
			}
			b.ready = append(b.ready, t.Ready)
			b.parse = append(b.parse, t.Start)
			b.decode = append(b.decode, t.Decoded-t.Start)
			b.compile = append(b.compile, t.Instantiated-t.Decoded)
			b.start = append(b.start, t.Main-t.Instantiated)
			b.ui = append(b.ui, t.Ready-t.Main)
			if i == *loads-1 && b == builds[0] {
				bctx = ctx // the page measured below
				defer cancel()
			} else {
				cancel()
			}
		}
	}

	type lat struct {
		Check, Render, Core, JSON []float64
		GC                        []float64 // collections, their pauses (ms), live heap (MB): after - before, or nil
	}
	measure := func(text string) lat {
		expr := fmt.Sprintf(`(function (text, n) {
			const ta = document.getElementById("text");
			const check = [], render = [], core = [], json = [];
			nianbao.check(text); // warm
			const gc0 = nianbao.gcStats ? nianbao.gcStats() : null;
			for (let i = 0; i < n; i++) {
				// An edit: a digit typed into, or removed from, the middle of the text.
				const at = Math.floor(text.length * (0.2 + 0.6 * i / n));
				const t = i %% 2 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + "1" + text.slice(at);
				let t0 = performance.now();
				nianbao.checkOnly(t);
				check.push(performance.now() - t0);
				t0 = performance.now();
				nianbao.check(t);
				json.push(performance.now() - t0);
				core.push(nianbao.profile(t)[0]);
				ta.value = t;
				t0 = performance.now();
				ta.dispatchEvent(new Event("input", {bubbles: true}));
				nianbao.flush();
				render.push(performance.now() - t0);
			}
			const gc1 = gc0 && nianbao.gcStats();
			return {Check: check, Render: render, Core: core, JSON: json, GC: gc0 && [gc1[0] - gc0[0], gc1[1] - gc0[1], gc1[2]]};
		})(%s, %d)`, jsString(text), *edits)
		v, err := chromedp.Run(bctx, chromedp.Evaluate[lat](expr))
		if err != nil {
			log.Fatal(err)
		}
		return v
	}
	if *verbose {
		log.Printf("edits")
	}
	typ := measure(string(typical))
	bigL := measure(big)

	var longest, shown, gap, coldLongest, coldShown, coldGap []float64
	type pdfTiming struct{ Total, Engine, Read float64 }
	var pdfFirst pdfTiming
	var pdfNext, pdfNextRead []float64
	hasPDF := false
	mb1 := ""
	if !*quick {
		// A 1 MB report (seed 004 repeated) pasted: the longest task while it
		// is checked and shown (PerformanceObserver "longtask"), and the time
		// until its findings are shown. Median over 3 pastes.
		seed, err := os.ReadFile(filepath.Join("testdata", "seeds", "004_6bca9a975aea9322.txt"))
		if err != nil {
			log.Fatal(err)
		}
		mb1 = strings.Repeat(string(seed), (1<<20+len(seed)-1)/len(seed))
		if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`(window.__big = `+jsString(mb1)+`, true)`)); err != nil {
			log.Fatal(err)
		}
		type pasted struct{ Longest, Shown, Gap float64 }
		pasteBig := func(ctx context.Context, i int) pasted {
			r, err := chromedp.Run(ctx, chromedp.Evaluate[pasted](`new Promise(function (resolve) {
				const s = {max: 0};
				const obs = new PerformanceObserver(function (l) { for (const e of l.getEntries()) if (e.duration > s.max) s.max = e.duration; });
				obs.observe({entryTypes: ["longtask"]});
				const before = document.body.dataset.checks;
				const t0 = performance.now();
				// The longest wait between two turns of a timer loop: what
				// the user feels, the browser's own work (layout) included.
				let last = performance.now(), gap = 0, stop = false;
				(function tick() {
					const now = performance.now();
					if (now - last > gap) gap = now - last;
					last = now;
					if (!stop) setTimeout(tick, 0);
				})();
				setTimeout(function () {
					const ta = document.getElementById("text");
					ta.focus(); ta.select();
					const dt = new DataTransfer(); dt.setData("text/plain", window.__big + (`+fmt.Sprint(i)+` ? "\n" : ""));
					ta.dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}));
					(function wait() {
						if (document.body.dataset.checks === before || document.body.dataset.checking === "1") return setTimeout(wait, 5);
						const t1 = performance.now() - t0;
						setTimeout(function () { obs.disconnect(); stop = true; resolve({Longest: s.max, Shown: t1, Gap: gap}); }, 500);
					})();
				}, 100);
			})`, chromedp.EvalAwaitPromise))
			if err != nil {
				log.Fatal(err)
			}
			return r
		}
		// In the page warmed by the edits above (the engine has optimised the
		// checker's code).
		for i := 0; i < 3; i++ {
			r := pasteBig(bctx, i)
			longest = append(longest, r.Longest)
			shown = append(shown, r.Shown)
			gap = append(gap, r.Gap)
		}
		// The first thing done in a page just opened: the checker's code not
		// yet optimised (what a user who opens the page and pastes meets).
		for i := 0; i < 3; i++ {
			ctx, cancel := chromedp.NewContext(bctx)
			if err := chromedp.Do(ctx, chromedp.Navigate("file://"+offline)); err != nil {
				log.Fatal(err)
			}
			if _, err := poll[bool](ctx, `window.nianbao && nianbao.ready ? true : null`); err != nil {
				log.Fatal(err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(window.__big = `+jsString(mb1)+`, true)`)); err != nil {
				log.Fatal(err)
			}
			r := pasteBig(ctx, 0)
			coldLongest = append(coldLongest, r.Longest)
			coldShown = append(coldShown, r.Shown)
			coldGap = append(coldGap, r.Gap)
			cancel()
		}

		// PDFs, dropped on the paste area: the first one starts pdf.js
		// (inflate and run it), the next ones only read; a 6-page real
		// report, each time with other bytes (a newline more at the end) so
		// that the page's cache of read pages does not answer.
		pdf, err := os.ReadFile(filepath.Join("testdata", "pdf", "huaian-city-2024.pdf"))
		if err != nil {
			log.Fatal(err)
		}
		hasPDF, err = chromedp.Run(bctx, chromedp.Evaluate[bool](`typeof window.nianbaoPDF === "function"`))
		if err != nil {
			log.Fatal(err)
		}
		for i := 0; hasPDF && i < 6; i++ {
			b := append(append([]byte(nil), pdf...), bytes.Repeat([]byte("\n"), i+1)...)
			name := fmt.Sprintf("报告%d.pdf", i)
			r, err := chromedp.Run(bctx, chromedp.Evaluate[pdfTiming](`new Promise(function (resolve) {
				var bin = atob(`+jsString(base64.StdEncoding.EncodeToString(b))+`), u = new Uint8Array(bin.length);
				for (var k = 0; k < bin.length; k++) u[k] = bin.charCodeAt(k);
				var name = `+jsString(name)+`;
				var dt = new DataTransfer();
				dt.items.add(new File([u], name));
				var t0 = performance.now();
				document.getElementById("editor").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
				(function wait() {
					if (nianbao.result().indexOf('"source": "' + name + '"') < 0) return setTimeout(wait, 2);
					var t = window.nianbaoTimings;
					resolve({Total: performance.now() - t0, Engine: t.pdfReady - t.pdfStart, Read: t.pdfRead});
				})();
			})`, chromedp.EvalAwaitPromise))
			if err != nil {
				log.Fatal(err)
			}
			if i == 0 {
				pdfFirst = r
			} else {
				pdfNext = append(pdfNext, r.Total)
				pdfNextRead = append(pdfNextRead, r.Read)
			}
		}

	}

	version, _ := chromedp.Run(bctx, chromedp.Evaluate[string](`navigator.userAgent.match(/Chrome\/[0-9.]+/)[0]`))
	fmt.Println()
	fmt.Printf("nianbao page benchmark (headless %s, file://, network off; served: dist/site over http)\n", version)
	fmt.Println()
	head := "value"
	if len(builds) > 1 {
		head = "this build"
	}
	fmt.Printf("| %-44s | %12s |", "measure", head)
	if len(builds) > 1 {
		fmt.Printf(" %12s |", "-base")
	}
	fmt.Printf(" %10s |\n", "target")
	fmt.Printf("|%s|%s|", strings.Repeat("-", 46), strings.Repeat("-", 14))
	if len(builds) > 1 {
		fmt.Printf("%s|", strings.Repeat("-", 14))
	}
	fmt.Printf("%s|\n", strings.Repeat("-", 12))
	row := func(name, v, target string) {
		fmt.Printf("| %-44s | %12s |", name, v)
		if len(builds) > 1 {
			fmt.Printf(" %12s |", "")
		}
		fmt.Printf(" %10s |\n", target)
	}
	both := func(name string, v func(b *build) string, target string) {
		fmt.Printf("| %-44s |", name)
		for _, b := range builds {
			fmt.Printf(" %12s |", v(b))
		}
		fmt.Printf(" %10s |\n", target)
	}
	both(fmt.Sprintf("open → checker ready, median of %d", *loads), func(b *build) string { return ms(median(b.ready)) }, "< 400 ms")
	both("  load and parse the page", func(b *build) string { return ms(median(b.parse)) }, "")
	both("  decode base64", func(b *build) string { return ms(median(b.decode)) }, "")
	both("  inflate + compile + instantiate (streamed)", func(b *build) string { return ms(median(b.compile)) }, "")
	both("  Go runtime and package init", func(b *build) string { return ms(median(b.start)) }, "")
	both("  page set-up in Go → ready", func(b *build) string { return ms(median(b.ui)) }, "")
	if *served {
		both("served site, open → ready, median (warm)", func(b *build) string { return ms(median(b.served)) }, "< 400 ms")
	}
	row(fmt.Sprintf("check per edit, %d KB report, median", len(typical)/1000), ms(median(typ.Check)), "< 2 ms")
	row("  p90", ms(pct(typ.Check, 0.9)), "≤ 4 ms")
	row("  core.CheckText alone (Go clock)", ms(median(typ.Core)), "")
	row("  check + Result.JSON (nianbao.check)", ms(median(typ.JSON)), "")
	if len(typ.GC) == 3 {
		row(fmt.Sprintf("  collections in %d edits (4 checks each)", *edits), fmt.Sprintf("%.0f", typ.GC[0]), "")
		row("  their pauses, total", ms(typ.GC[1]), "")
		row("  heap in use after them", fmt.Sprintf("%.1f MB", typ.GC[2]), "")
	}
	row(fmt.Sprintf("check per edit, %d KB report, median", len(big)/1000), ms(median(bigL.Check)), "")
	row("  p90", ms(pct(bigL.Check, 0.9)), "")
	row(fmt.Sprintf("edit → findings shown, %d KB, median", len(typical)/1000), ms(median(typ.Render)), "")
	row("  p90", ms(pct(typ.Render, 0.9)), "")
	row(fmt.Sprintf("edit → findings shown, %d KB, median", len(big)/1000), ms(median(bigL.Render)), "")
	if !*quick {
		row(fmt.Sprintf("%d KB paste: longest task, median of 3", len(mb1)>>10), ms(median(longest)), "≤ 200 ms")
		row("  longest wait between timer turns, median", ms(median(gap)), "")
		row(fmt.Sprintf("%d KB paste → findings shown, median", len(mb1)>>10), ms(median(shown)), "")
		if hasPDF {
			row("first PDF (6 pages) dropped → findings shown", ms(pdfFirst.Total), "")
			row("  pdf.js inflated and started", ms(pdfFirst.Engine), "")
			row("  pages read by pdf.js", ms(pdfFirst.Read), "")
			row("next PDFs (6 pages) → findings shown, median", ms(median(pdfNext)), "≤ 1 s")
			row("  pages read by pdf.js, median", ms(median(pdfNextRead)), "")
		}
		row(fmt.Sprintf("%d KB paste, fresh page: longest task", len(mb1)>>10), ms(median(coldLongest)), "≤ 200 ms")
		row("  longest wait between timer turns, median", ms(median(coldGap)), "")
		row("  paste → findings shown, median", ms(median(coldShown)), "")
	}
	both("offline file", func(b *build) string { return kb(fileSize(b.offline)) }, "≤ 3.5 MB")
	both("wasm raw", func(b *build) string { return kb(len(readWasm(b.offline))) }, "")
	both("wasm gzip -9", func(b *build) string { return kb(len(gzipBytes(readWasm(b.offline)))) }, "")
	fmt.Println()
}

// readWasm reads the wasm of the build whose offline page is at offline
// (its served version is in site/ beside it).
func readWasm(offline string) []byte {
	b, err := os.ReadFile(filepath.Join(filepath.Dir(offline), "site", "app.wasm"))
	if err != nil {
		log.Fatal(err)
	}
	return b
}

func fileSize(name string) int {
	fi, err := os.Stat(name)
	if err != nil {
		log.Fatal(err)
	}
	return int(fi.Size())
}

func gzipBytes(b []byte) []byte {
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return gz.Bytes()
}

// poll evaluates expr every 5 ms until it is not null. Not chromedp.Poll:
// its polling function is refused by the page's CSP in Chromium 80 once
// the checker has started (script-src 'none').
func poll[T any](ctx context.Context, expr string) (T, error) {
	deadline := time.Now().Add(2 * time.Minute)
	for {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[*T](expr))
		if err != nil {
			var zero T
			return zero, err
		}
		if v != nil {
			return *v, nil
		}
		if time.Now().After(deadline) {
			var zero T
			return zero, fmt.Errorf("timed out waiting for %s", expr)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func median(v []float64) float64 { return pct(v, 0.5) }

func pct(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	i := int(p*float64(len(s)-1) + 0.5)
	return s[i]
}

func ms(v float64) string { return fmt.Sprintf("%.2f ms", v) }

func kb(n int) string { return fmt.Sprintf("%d B", n) }
