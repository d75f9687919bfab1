//go:build browser

package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// root is the repository root, from this package's directory.
const root = "../.."

func TestMain(m *testing.M) {
	if _, err := os.Stat(filepath.Join(root, "dist", "nianbao.html")); err != nil || os.Getenv("NIANBAO_BUILD") == "1" {
		cmd := exec.Command("go", "run", "./cmd/build")
		cmd.Dir = root
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "building the page:", err)
			os.Exit(1)
		}
	}
	os.Exit(m.Run())
}

func chromiumPath(t testing.TB) string {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	t.Fatal("chromium not found: install it with apt-get install chromium (scripts/test-page does)")
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile and returns a
// tab context of the given window size.
func newBrowser(t testing.TB, width, height int) context.Context {
	t.Helper()
	return newBrowserAt(t, chromiumPath(t), width, height)
}

// newBrowserAt is newBrowser with the Chromium binary (or launcher) at exec,
// such as an old build from scripts/lib/old-chromium.sh. The flags are ones
// that Chromium 80 knows as well.
func newBrowserAt(t testing.TB, exec string, width, height int) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exec),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("hide-scrollbars", false),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// netGuard counts every request that is not file:, data: or blob:, and
// fails it. With it the offline page runs with no network at all.
type netGuard struct {
	mu      sync.Mutex
	blocked []string
	seen    []string // every URL Chromium reported through the Network domain
}

func (g *netGuard) Blocked() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]string(nil), g.blocked...)
}

func localURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch p.Scheme {
	case "file", "data", "blob":
		return true
	}
	return false
}

// offlineGuard emulates "no network" and intercepts every request.
func offlineGuard(t testing.TB, ctx context.Context) *netGuard {
	t.Helper()
	g := &netGuard{}
	paused := make(chan fetch.EventRequestPaused, 256)
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *fetch.EventRequestPaused:
			paused <- *e
		case *network.EventRequestWillBeSent:
			if !localURL(e.Request.URL) {
				g.mu.Lock()
				g.seen = append(g.seen, e.Request.URL)
				g.mu.Unlock()
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-paused:
				if localURL(e.Request.URL) {
					chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: e.RequestID})
					continue
				}
				g.mu.Lock()
				g.blocked = append(g.blocked, e.Request.URL)
				g.mu.Unlock()
				chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: e.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
			}
		}
	}()
	run(t, ctx, network.Enable, network.EnableParams{})
	run(t, ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}})
	goOffline(t, ctx)
	return g
}

func goOffline(t testing.TB, ctx context.Context) {
	t.Helper()
	run(t, ctx, network.Enable, network.EnableParams{})
	_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: ptr(true),
		MatchedNetworkConditions:    []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	})
	if !unknownMethod(err) {
		must(t, err)
		run(t, ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
		return
	}
	// Chromium before the ByRule command (all the old kernels): the
	// command it replaced, which cdproto no longer lists.
	run(t, ctx, emulateNetworkConditions, emulateNetworkConditionsParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
}

type emulateNetworkConditionsParams struct {
	Offline            bool    `json:"offline"`
	Latency            float64 `json:"latency"`
	DownloadThroughput float64 `json:"downloadThroughput"`
	UploadThroughput   float64 `json:"uploadThroughput"`
}

var emulateNetworkConditions = cdp.Command[emulateNetworkConditionsParams, struct{}]{Method: "Network.emulateNetworkConditions"}

// unknownMethod: the browser does not have this protocol command (-32601).
func unknownMethod(err error) bool {
	return err != nil && strings.Contains(err.Error(), "-32601")
}

// run sends one protocol command to the tab.
func run[P, R any](t testing.TB, ctx context.Context, cmd cdp.Command[P, R], p P) R {
	t.Helper()
	r, err := chromedp.Call(ctx, cmd, p)
	if err != nil {
		t.Fatalf("%s: %v", cmd.Method, err)
	}
	return r
}

func ptr[T any](v T) *T { return &v }

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// offlineURL is the file:// URL of the single offline page.
func offlineURL(t testing.TB) string {
	p, err := filepath.Abs(filepath.Join(root, "dist", "nianbao.html"))
	must(t, err)
	return "file://" + p
}

// waitReady waits until the Go checker has started.
func waitReady(t testing.TB, ctx context.Context) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := waitJS(tctx, `document.body.dataset.state === "ready" || document.body.dataset.state === "error"`); err != nil {
		t.Fatalf("page did not start: %v (state %q, status %q)", err, eval[string](t, ctx, `document.body.dataset.state`), eval[string](t, ctx, `document.getElementById("status").textContent`))
	}
	if st := eval[string](t, ctx, `document.body.dataset.state`); st != "ready" {
		t.Fatalf("page failed to start: %s", eval[string](t, ctx, `document.getElementById("status").textContent`))
	}
}

// waitJS evaluates a JavaScript expression until it is true, or ctx ends.
// chromedp.Poll (and chromedp.Click) first wait for chromedp's record of
// the page's frame, which is never complete with Chromium 80 (they hang
// even on "true"); plain Runtime.evaluate works in every version.
func waitJS(ctx context.Context, expr string) error {
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// eval evaluates a JavaScript expression and decodes its value.
func eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %.120s: %v", expr, err)
	}
	return v
}

// js quotes a Go value as a JavaScript literal.
func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// paste dispatches a real paste event with a DataTransfer on the paste
// area, replacing all of its text. It reports whether the page handled it
// (called preventDefault).
func paste(t testing.TB, ctx context.Context, text, markup string) bool {
	t.Helper()
	return eval[bool](t, ctx, `(function (text, html) {
		const ta = document.getElementById("text");
		ta.focus(); ta.select();
		const dt = new DataTransfer();
		if (text !== null) dt.setData("text/plain", text);
		if (html !== null) dt.setData("text/html", html);
		const ev = new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true});
		return !ta.dispatchEvent(ev);
	})(`+jsOrNull(text)+`, `+jsOrNull(markup)+`)`)
}

func jsOrNull(s string) string {
	if s == "\x00" {
		return "null"
	}
	return js(s)
}

// typeText sets the paste area's value and fires an input event, as typing
// does, then waits for the debounced check.
func typeText(t testing.TB, ctx context.Context, text string) {
	t.Helper()
	before := eval[string](t, ctx, `document.body.dataset.checks || "0"`)
	eval[bool](t, ctx, `(function (text) {
		const ta = document.getElementById("text");
		ta.value = text;
		return ta.dispatchEvent(new Event("input", {bubbles: true}));
	})(`+js(text)+`)`)
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := waitJS(tctx, `document.body.dataset.pending === "0" && (document.body.dataset.checks || "0") !== `+js(before)); err != nil {
		t.Fatalf("no check after input: %v", err)
	}
}

func screenshot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	dir := filepath.Join(root, "dist", "screenshots")
	must(t, os.MkdirAll(dir, 0o755))
	must(t, os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644))
}

func fixtures(t testing.TB) []string {
	var files []string
	for _, g := range []string{"testdata/seeds/*.txt", "testdata/real/*.txt", "testdata/variants/*.txt"} {
		m, err := filepath.Glob(filepath.Join(root, g))
		must(t, err)
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("only %d fixtures found", len(files))
	}
	return files
}

func relName(path string) string {
	r, _ := filepath.Rel(root, path)
	return strings.ReplaceAll(r, string(filepath.Separator), "/")
}

// oldKernels lists the old Chromium builds named in NIANBAO_OLD_CHROMIUM
// ("MAJOR=launcher" words; scripts/test-page installs Chromium 80, 88 and
// 109 and sets it): nil when it is not set.
func oldKernels(t *testing.T) (builds [][2]string) {
	for _, w := range strings.Fields(os.Getenv("NIANBAO_OLD_CHROMIUM")) {
		major, exec, ok := strings.Cut(w, "=")
		if !ok {
			t.Fatalf("NIANBAO_OLD_CHROMIUM: %q is not MAJOR=path", w)
		}
		builds = append(builds, [2]string{major, exec})
	}
	return builds
}

// inOldKernels runs f as a subtest "ChromiumNN" in each old build; with
// required, the test is skipped when none is named.
func inOldKernels(t *testing.T, required bool, f func(t *testing.T, major, exec string)) {
	builds := oldKernels(t)
	if len(builds) == 0 && required {
		t.Skip("NIANBAO_OLD_CHROMIUM is not set (scripts/test-page installs the old builds and sets it)")
	}
	for _, b := range builds {
		major, exec := b[0], b[1]
		t.Run("Chromium"+major, func(t *testing.T) { f(t, major, exec) })
	}
}
