package edge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/input/native"
)

// fixtures returns every shared report, by the path the command line
// would print as its source.
func fixtures(t *testing.T) map[string][]byte {
	t.Helper()
	seeds, _ := filepath.Glob("../testdata/seeds/*.txt")
	real, _ := filepath.Glob("../testdata/real/*.txt")
	files := append(seeds, real...)
	if len(files) < 10 {
		t.Fatalf("want the shared reports in testdata/seeds and testdata/real, found %d", len(files))
	}
	out := map[string][]byte{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimPrefix(f, "../")] = raw
	}
	return out
}

// want is core's own answer: what `nianbao check --format json NAME`
// prints for the same bytes.
func want(t *testing.T, name string, raw []byte, opts core.Options) []byte {
	t.Helper()
	rep, ierr := core.Check(name, raw, opts)
	if ierr != nil {
		t.Fatalf("core.Check(%s): %v", name, ierr)
	}
	return core.NewResult(rep).JSON()
}

func do(h http.Handler, method, target, ctype string, body []byte, hdr ...string) *httptest.ResponseRecorder {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func jsonBody(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wantError checks an error answer: status, stable code, a JSON body with
// a Chinese message.
func wantError(t *testing.T, w *httptest.ResponseRecorder, status int, code string) apiError {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d; body %s", w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var e apiError
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
		t.Fatalf("error body is not JSON: %v: %s", err, w.Body)
	}
	if e.Error.Code != code {
		t.Errorf("code %q, want %q (message %s)", e.Error.Code, code, e.Error.Message)
	}
	if !hasHan(e.Error.Message) {
		t.Errorf("message %q has no Chinese", e.Error.Message)
	}
	return e
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func TestCheckTextSameAsCore(t *testing.T) {
	h := New(Config{})
	for name, raw := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			w := do(h, "POST", "/v1/check?name="+url.QueryEscape(name), "text/plain; charset=utf-8", raw)
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			if got, want := w.Body.Bytes(), want(t, name, raw, core.Options{}); !bytes.Equal(got, want) {
				t.Fatalf("answer differs from core.Result.JSON():\n got %.300s\nwant %.300s", got, want)
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			if cc := w.Header().Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control %q", cc)
			}
		})
	}
}

func TestCheckJSONSameAsCore(t *testing.T) {
	h := New(Config{})
	for name, raw := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			body := jsonBody(t, map[string]string{"text": string(raw), "name": name})
			w := do(h, "POST", "/v1/check", "application/json", body)
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			if got, want := w.Body.Bytes(), want(t, name, raw, core.Options{}); !bytes.Equal(got, want) {
				t.Fatalf("answer differs from core.Result.JSON():\n got %.300s\nwant %.300s", got, want)
			}
		})
	}
}

func TestCheckDefaultName(t *testing.T) {
	h := New(Config{})
	raw := fixtures(t)["testdata/real/hongze-2024-layout.txt"]
	for _, w := range []*httptest.ResponseRecorder{
		do(h, "POST", "/v1/check", "text/plain", raw),
		do(h, "POST", "/v1/check", "", raw), // no Content-Type: taken as text
		do(h, "POST", "/v1/check", "application/json", jsonBody(t, map[string]string{"text": string(raw)})),
	} {
		if w.Code != 200 {
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
		if !bytes.Equal(w.Body.Bytes(), want(t, DefaultSourceName, raw, core.Options{})) {
			t.Fatalf("answer differs from core with source %q", DefaultSourceName)
		}
		var res core.Result
		json.Unmarshal(w.Body.Bytes(), &res)
		if len(res.Reports) != 1 || res.Reports[0].Source != DefaultSourceName {
			t.Fatalf("source = %+v", res.Reports)
		}
	}
}

func TestCheckMarkdownAndBOM(t *testing.T) {
	h := New(Config{})
	raw := fixtures(t)["testdata/real/kewei-2024-markdown.txt"]
	w := do(h, "POST", "/v1/check?name=k.md", "text/markdown; charset=UTF-8", raw)
	if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), want(t, "k.md", raw, core.Options{})) {
		t.Fatalf("text/markdown: status %d", w.Code)
	}
	bom := append([]byte("\xef\xbb\xbf"), raw...)
	w = do(h, "POST", "/v1/check?name=k.md", "text/plain", bom)
	if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), want(t, "k.md", bom, core.Options{})) {
		t.Fatalf("with a byte-order mark: status %d", w.Code)
	}
}

func TestCheckSeverityAndPrevious(t *testing.T) {
	h := New(Config{})
	fx := fixtures(t)
	raw := fx["testdata/real/hongze-2024-layout.txt"]
	prev := fx["testdata/real/hongze-2023-layout.txt"]
	for _, sev := range []string{"error", "warning", "info"} {
		w := do(h, "POST", "/v1/check?name=a.txt&severity="+sev, "text/plain", raw)
		if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), want(t, "a.txt", raw, core.Options{MinSeverity: sev})) {
			t.Fatalf("?severity=%s: status %d, or answer differs from core", sev, w.Code)
		}
		w = do(h, "POST", "/v1/check", "application/json", jsonBody(t, map[string]string{"text": string(raw), "name": "a.txt", "severity": sev}))
		if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), want(t, "a.txt", raw, core.Options{MinSeverity: sev})) {
			t.Fatalf(`{"severity": %q}: status %d, or answer differs from core`, sev, w.Code)
		}
	}
	w := do(h, "POST", "/v1/check", "application/json", jsonBody(t, map[string]string{"text": string(raw), "name": "a.txt", "previous": string(prev)}))
	if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), want(t, "a.txt", raw, core.Options{Previous: string(prev)})) {
		t.Fatalf("previous: status %d, or answer differs from core", w.Code)
	}
	// The JSON name wins over ?name=.
	w = do(h, "POST", "/v1/check?name=q.txt", "application/json", jsonBody(t, map[string]string{"text": string(raw), "name": "j.txt"}))
	if !bytes.Equal(w.Body.Bytes(), want(t, "j.txt", raw, core.Options{})) {
		t.Fatal("JSON name should take precedence over ?name=")
	}
}

func TestCheckErrors(t *testing.T) {
	h := New(Config{})
	raw := fixtures(t)["testdata/real/hongze-2024-layout.txt"]
	gbk := []byte("\xb6\xfe\xa1\xa2\xd6\xf7\xb6\xaf\xb9\xab\xbf\xaa\xd5\xfe\xb8\xae\xd0\xc5\xcf\xa2\xc7\xe9\xbf\xf6\n") // 二、主动公开政府信息情况 in GBK
	cases := []struct {
		name, method, target, ctype string
		body                        []byte
		status                      int
		code                        string
	}{
		{"empty text", "POST", "/v1/check", "text/plain", nil, 400, "empty"},
		{"blank text", "POST", "/v1/check", "text/plain", []byte(" \n\t\r\n"), 400, "empty"},
		{"empty JSON text", "POST", "/v1/check", "application/json", []byte(`{"text": "  "}`), 400, "empty"},
		{"bad JSON", "POST", "/v1/check", "application/json", []byte(`{"text": "abc`), 400, "bad-json"},
		{"JSON syntax", "POST", "/v1/check", "application/json", []byte(`{text: 1}`), 400, "bad-json"},
		{"JSON empty body", "POST", "/v1/check", "application/json", nil, 400, "bad-json"},
		{"JSON not object", "POST", "/v1/check", "application/json", []byte(`["a"]`), 400, "bad-json"},
		{"JSON missing text", "POST", "/v1/check", "application/json", []byte(`{"name": "a"}`), 400, "bad-json"},
		{"JSON null text", "POST", "/v1/check", "application/json", []byte(`{"text": null}`), 400, "bad-json"},
		{"JSON text number", "POST", "/v1/check", "application/json", []byte(`{"text": 12}`), 400, "bad-json"},
		{"JSON unknown field", "POST", "/v1/check", "application/json", []byte(`{"txt": "a"}`), 400, "bad-json"},
		{"JSON trailing data", "POST", "/v1/check", "application/json", []byte(`{"text": "a"} {}`), 400, "bad-json"},
		{"JSON not UTF-8", "POST", "/v1/check", "application/json", append([]byte(`{"text": "`), append(gbk, '"', '}')...), 400, "bad-json"},
		{"bad severity", "POST", "/v1/check?severity=fatal", "text/plain", raw, 400, "bad-severity"},
		{"bad JSON severity", "POST", "/v1/check", "application/json", []byte(`{"text": "年度报告", "severity": "all"}`), 400, "bad-severity"},
		{"name with newline", "POST", "/v1/check?name=a%0Ab", "text/plain", raw, 400, "bad-name"},
		{"name too long", "POST", "/v1/check?name=" + strings.Repeat("%E5%B9%B4", MaxNameChars+1), "text/plain", raw, 400, "bad-name"},
		{"name not UTF-8", "POST", "/v1/check?name=%B6%FE", "text/plain", raw, 400, "bad-name"},
		{"PDF as text", "POST", "/v1/check", "text/plain", []byte("%PDF-1.7\n\x00\x01\x02\x03binary"), 422, "unsupported"},
		{"PDF", "POST", "/v1/check", "application/pdf", []byte("%PDF-1.7\n\x00\x01\x02\x03binary"), 415, "unsupported-media-type"},
		{"legacy Word", "POST", "/v1/check", "application/msword", []byte("\xd0\xcf\x11\xe0"), 415, "unsupported-media-type"},
		{"broken docx", "POST", "/v1/check", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", []byte("PK\x03\x04broken"), 422, "format"},
		{"not GBK", "POST", "/v1/check", "text/plain; charset=gbk", []byte("\x80\x80\xff"), 422, "encoding"},
		{"no encoding", "POST", "/v1/check", "text/plain", []byte("\x80\x80\xff\xff\x80"), 422, "encoding"},
		{"NUL bytes", "POST", "/v1/check", "text/plain", []byte("二、主动公开\x00\x00\x00政府信息"), 422, "binary"},
		{"JSON text with NUL", "POST", "/v1/check", "application/json", []byte(`{"text": "二、主动公开\u0000政府信息"}`), 422, "binary"},
		{"previous binary", "POST", "/v1/check", "application/json", []byte(`{"text": "年度报告", "previous": "\u0000\u0000\u0000"}`), 422, "binary"},
		{"form", "POST", "/v1/check", "application/x-www-form-urlencoded", raw, 415, "unsupported-media-type"},
		{"multipart", "POST", "/v1/check", "multipart/form-data; boundary=x", raw, 415, "unsupported-media-type"},
		{"octet-stream", "POST", "/v1/check", "application/octet-stream", raw, 415, "unsupported-media-type"},
		{"charset latin1", "POST", "/v1/check", "text/plain; charset=iso-8859-1", raw, 415, "unsupported-media-type"},
		{"JSON charset", "POST", "/v1/check", "application/json; charset=utf-16", []byte(`{"text":"a"}`), 415, "unsupported-media-type"},
		{"broken Content-Type", "POST", "/v1/check", "text/plain; ;;=", raw, 415, "unsupported-media-type"},
		{"too large", "POST", "/v1/check", "text/plain", bytes.Repeat([]byte("年"), MaxBodyBytes/3+1), 413, "too-large"},
		{"GET check", "GET", "/v1/check", "", nil, 405, "method-not-allowed"},
		{"PUT check", "PUT", "/v1/check", "text/plain", raw, 405, "method-not-allowed"},
		{"POST rules", "POST", "/v1/rules", "text/plain", raw, 405, "method-not-allowed"},
		{"DELETE healthz", "DELETE", "/healthz", "", nil, 405, "method-not-allowed"},
		{"unknown path", "GET", "/v1/chek", "", nil, 404, "not-found"},
		{"trailing slash", "POST", "/v1/check/", "text/plain", raw, 404, "not-found"},
		{"old version", "GET", "/v2/rules", "", nil, 404, "not-found"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := do(h, c.method, c.target, c.ctype, c.body)
			wantError(t, w, c.status, c.code)
			if c.status == 405 {
				allow := w.Header().Get("Allow")
				if !strings.Contains(allow, "OPTIONS") || strings.Contains(allow, c.method) {
					t.Errorf("Allow %q for %s", allow, c.method)
				}
			}
		})
	}
}

// A report in GBK or UTF-16 reads as its UTF-8 original, whether the
// charset is declared or found from the bytes; the result says which
// encoding was read.
func TestCheckEncodings(t *testing.T) {
	h := New(Config{})
	raw := fixtures(t)["testdata/real/hongze-2024-layout.txt"]
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	u16, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	base := decodeResult(t, do(h, "POST", "/v1/check?name=a.txt", "text/plain", raw))
	for _, c := range []struct {
		name, ctype, enc string
		body             []byte
	}{
		{"GBK found", "text/plain", "gb18030", gbk},
		{"GBK declared", "text/plain; charset=GBK", "utf-8", gbk}, // decoded before reading
		{"UTF-16", "text/plain", "utf-16le", u16},
	} {
		w := do(h, "POST", "/v1/check?name=a.txt", c.ctype, c.body)
		if w.Code != 200 {
			t.Fatalf("%s: status %d: %s", c.name, w.Code, w.Body)
		}
		got := decodeResult(t, w)
		if got.Reports[0].Input == nil || got.Reports[0].Input.Encoding != c.enc {
			t.Errorf("%s: input %+v, want encoding %s", c.name, got.Reports[0].Input, c.enc)
		}
		got.Reports[0].Input = base.Reports[0].Input
		if !reflect.DeepEqual(got, base) {
			t.Errorf("%s: result differs from the UTF-8 original", c.name)
		}
	}
}

func decodeResult(t *testing.T, w *httptest.ResponseRecorder) core.Result {
	t.Helper()
	var r core.Result
	if err := json.Unmarshal(w.Body.Bytes(), &r); err != nil || len(r.Reports) != 1 {
		t.Fatalf("not a result: %v %s", err, w.Body)
	}
	return r
}

func TestTooLargeByContentLength(t *testing.T) {
	h := New(Config{})
	// The declared length alone refuses the body: nothing is read.
	req := httptest.NewRequest("POST", "/v1/check", strings.NewReader("x"))
	req.Header.Set("Content-Type", "text/plain")
	req.ContentLength = MaxBodyBytes + 1
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	e := wantError(t, w, 413, "too-large")
	// The size and the limit differ as shown (not "2.0 MB，上限 2 MB").
	if !strings.Contains(e.Error.Message, "2,097,153 字节") || !strings.Contains(e.Error.Message, "上限 2,097,152 字节（2 MB）") {
		t.Errorf("message should give the size and the limit: %s", e.Error.Message)
	}
	// A body without a declared length (chunked) is cut at the limit.
	req = httptest.NewRequest("POST", "/v1/check", io.MultiReader(strings.NewReader("二、主动公开"), bytes.NewReader(make([]byte, MaxBodyBytes))))
	req.ContentLength = -1
	w = httptest.NewRecorder()
	h.ServeHTTP(w, req)
	wantError(t, w, 413, "too-large")
	// Exactly at the limit is accepted (without a step budget: text of
	// 2 MiB is over the default one, TestOverBudget).
	body := append([]byte("二、主动公开政府信息情况\n"), bytes.Repeat([]byte("a\n"), MaxBodyBytes)...)[:MaxBodyBytes]
	w = do(New(Config{MaxSteps: -1}), "POST", "/v1/check", "text/plain", body)
	if w.Code != 200 {
		t.Fatalf("a body of exactly %d bytes: status %d %s", MaxBodyBytes, w.Code, w.Body)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, fmt.Errorf("connection reset") }

func TestBodyReadError(t *testing.T) {
	req := httptest.NewRequest("POST", "/v1/check", failingReader{})
	req.Header.Set("Content-Type", "text/plain")
	w := httptest.NewRecorder()
	New(Config{}).ServeHTTP(w, req)
	wantError(t, w, 400, "bad-body")
}

func TestRulesAndHealth(t *testing.T) {
	h := New(Config{})
	w := do(h, "GET", "/v1/rules", "", nil)
	if w.Code != 200 {
		t.Fatalf("rules: %d", w.Code)
	}
	var ledger struct {
		Checker core.Checker    `json:"checker"`
		Rules   []core.RuleInfo `json:"rules"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &ledger); err != nil {
		t.Fatal(err)
	}
	rules := core.Rules()
	if len(ledger.Rules) != len(rules) || len(rules) == 0 {
		t.Fatalf("%d rules, core has %d", len(ledger.Rules), len(rules))
	}
	for i := range rules {
		if ledger.Rules[i] != rules[i] {
			t.Fatalf("rule %d: %+v, want %+v", i, ledger.Rules[i], rules[i])
		}
	}
	if ledger.Checker.Version != core.Version || ledger.Checker.Name != "nianbao" {
		t.Errorf("checker %+v", ledger.Checker)
	}

	runtime.GC() // so that the live heap has been measured
	w = do(h, "GET", "/healthz", "", nil)
	var health Health
	if err := json.Unmarshal(w.Body.Bytes(), &health); err != nil || w.Code != 200 {
		t.Fatalf("healthz: %d %v", w.Code, err)
	}
	if health.Status != "ok" || health.Checker.Version != core.Version || health.MaxBodyBytes != MaxBodyBytes ||
		health.Memory.TotalBytes == 0 || health.Memory.HeapLiveBytes == 0 || health.Memory.HeapLiveBytes > health.Memory.TotalBytes {
		t.Errorf("healthz %+v", health)
	}
	if cc := w.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("healthz Cache-Control %q", cc)
	}

	w = do(h, "HEAD", "/healthz", "", nil)
	if w.Code != 200 || w.Body.Len() != 0 {
		t.Errorf("HEAD /healthz: %d with %d body bytes", w.Code, w.Body.Len())
	}
	w = do(h, "GET", "/", "", nil)
	if w.Code != 200 || !strings.Contains(w.Body.String(), "POST /v1/check") {
		t.Errorf("index: %d %s", w.Code, w.Body)
	}
}

func TestOptionsWithoutCORS(t *testing.T) {
	h := New(Config{})
	w := do(h, "OPTIONS", "/v1/check", "", nil)
	if w.Code != 204 || w.Header().Get("Allow") != "POST, OPTIONS" {
		t.Fatalf("OPTIONS: %d Allow %q", w.Code, w.Header().Get("Allow"))
	}
	if w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Error("no CORS header expected without allowed origins")
	}
	// With no allowed origins, a browser page from elsewhere is refused.
	w = do(h, "OPTIONS", "/v1/check", "", nil, "Origin", "https://other.example", "Access-Control-Request-Method", "POST")
	wantError(t, w, 403, "origin-not-allowed")
	w = do(h, "POST", "/v1/check", "text/plain", []byte("二、主动公开"), "Origin", "https://other.example")
	wantError(t, w, 403, "origin-not-allowed")
}

func TestCORSAllowList(t *testing.T) {
	origins, bad := ParseOrigins("https://A.example.gov.cn/, http://localhost:8080  ftp://x, https://b.example/path")
	if strings.Join(origins, " ") != "https://a.example.gov.cn http://localhost:8080" || strings.Join(bad, " ") != "ftp://x https://b.example/path" {
		t.Fatalf("ParseOrigins: good %q bad %q", origins, bad)
	}
	h := New(Config{AllowedOrigins: origins})
	raw := fixtures(t)["testdata/real/hongze-2024-layout.txt"]

	w := do(h, "OPTIONS", "/v1/check", "", nil, "Origin", "https://a.example.gov.cn", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
	if w.Code != 204 {
		t.Fatalf("preflight: %d %s", w.Code, w.Body)
	}
	for k, v := range map[string]string{
		"Access-Control-Allow-Origin":  "https://a.example.gov.cn",
		"Access-Control-Allow-Methods": "POST, OPTIONS",
		"Access-Control-Allow-Headers": "Content-Type",
		"Access-Control-Max-Age":       "86400",
		"Vary":                         "Origin",
	} {
		if got := w.Header().Get(k); got != v {
			t.Errorf("preflight %s = %q, want %q", k, got, v)
		}
	}

	w = do(h, "POST", "/v1/check?name=a", "text/plain", raw, "Origin", "http://localhost:8080")
	if w.Code != 200 || w.Header().Get("Access-Control-Allow-Origin") != "http://localhost:8080" || w.Header().Get("Vary") != "Origin" {
		t.Fatalf("allowed origin: %d ACAO %q Vary %q", w.Code, w.Header().Get("Access-Control-Allow-Origin"), w.Header().Get("Vary"))
	}
	if !bytes.Equal(w.Body.Bytes(), want(t, "a", raw, core.Options{})) {
		t.Fatal("answer differs from core")
	}
	// Errors are readable by the allowed page too.
	w = do(h, "POST", "/v1/check", "application/json", []byte("{"), "Origin", "https://a.example.gov.cn")
	wantError(t, w, 400, "bad-json")
	if w.Header().Get("Access-Control-Allow-Origin") != "https://a.example.gov.cn" {
		t.Error("error answer lacks Access-Control-Allow-Origin")
	}

	w = do(h, "OPTIONS", "/v1/check", "", nil, "Origin", "https://evil.example", "Access-Control-Request-Method", "POST")
	wantError(t, w, 403, "origin-not-allowed")
	if w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Error("refused origin got Access-Control-Allow-Origin")
	}
	// Requests without Origin (curl, servers) are unaffected.
	w = do(h, "GET", "/healthz", "", nil)
	if w.Code != 200 || w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("no Origin: %d ACAO %q", w.Code, w.Header().Get("Access-Control-Allow-Origin"))
	}
}

func TestCORSAny(t *testing.T) {
	h := New(Config{AllowedOrigins: []string{"*"}})
	w := do(h, "OPTIONS", "/v1/rules", "", nil, "Origin", "https://anyone.example", "Access-Control-Request-Method", "GET")
	if w.Code != 204 || w.Header().Get("Access-Control-Allow-Origin") != "*" || w.Header().Get("Access-Control-Allow-Methods") != "GET, HEAD, OPTIONS" {
		t.Fatalf("preflight: %d %v", w.Code, w.Header())
	}
	w = do(h, "GET", "/v1/rules", "", nil, "Origin", "null")
	if w.Code != 200 || w.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("GET with any origin: %d %v", w.Code, w.Header())
	}
}

// A panic inside the checker answers 500 and logs the stack, never the
// report text.
func TestPanicIsContained(t *testing.T) {
	var log strings.Builder
	h := New(Config{Logf: func(f string, a ...any) { fmt.Fprintf(&log, f, a...) }})
	const secret = "某某区人民政府机密段落"
	h.checkFn = func(name string, raw []byte, opts core.Options) (core.Report, *core.InputError) {
		panic("boom: " + string(raw))
	}
	w := do(h, "POST", "/v1/check", "text/plain", []byte(secret))
	wantError(t, w, 500, "internal")
	if !strings.Contains(log.String(), "internal error (string)") {
		t.Errorf("log lacks the error: %q", log.String())
	}
	if strings.Contains(log.String(), secret) {
		t.Fatal("the report text reached the log")
	}
	// The handler keeps serving.
	h.checkFn = core.Check
	raw := fixtures(t)["testdata/real/hongze-2024-layout.txt"]
	if w := do(h, "POST", "/v1/check", "text/plain", raw); w.Code != 200 {
		t.Fatalf("after a panic: %d", w.Code)
	}
}

// Nothing is logged for ordinary requests, errors included.
func TestNoLogging(t *testing.T) {
	var log strings.Builder
	h := New(Config{Logf: func(f string, a ...any) { fmt.Fprintf(&log, f, a...) }})
	raw := fixtures(t)["testdata/real/hongze-2024-layout.txt"]
	do(h, "POST", "/v1/check", "text/plain", raw)
	do(h, "POST", "/v1/check", "application/json", []byte(`{"text": "`+strings.Repeat("年", 10)))
	do(h, "POST", "/v1/check", "text/plain", []byte("%PDF-1.4\x00\x00"))
	if log.Len() != 0 {
		t.Fatalf("logged %q", log.String())
	}
}

// Word documents and saved web pages, by their Content-Type: the same
// answer as the command line gives for the file, places in the file
// included.
func TestCheckFiles(t *testing.T) {
	h := New(Config{})
	for _, c := range []struct{ file, ctype string }{
		{"hongze-2024.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"hongze-2024.html", "text/html; charset=utf-8"},
		{"004_6bca9a975aea9322-gbk.html", "text/html"},
		{"004_6bca9a975aea9322.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	} {
		raw, err := os.ReadFile("../testdata/files/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		w := do(h, "POST", "/v1/check?name="+url.QueryEscape(c.file), c.ctype, raw)
		if w.Code != 200 {
			t.Fatalf("%s: status %d: %s", c.file, w.Code, w.Body)
		}
		if !bytes.Equal(w.Body.Bytes(), want(t, c.file, raw, core.Options{Env: native.Env()})) {
			t.Errorf("%s: answer differs from the command line's", c.file)
		}
		if !strings.Contains(w.Body.String(), `"where"`) {
			t.Errorf("%s: no places in the file", c.file)
		}
	}
	// A saved page posted as text/plain is still a page (its bytes say so).
	raw, _ := os.ReadFile("../testdata/files/hongze-2024.html")
	if w := do(h, "POST", "/v1/check?name=a.html", "text/plain", raw); w.Code != 200 || !strings.Contains(w.Body.String(), `"kind": "html"`) {
		t.Errorf("a page sent as text/plain: %d", w.Code)
	}
}

// FuzzHandler: any method, path, Content-Type and body get an answer that
// is JSON, with a 2xx or 4xx status (never 5xx), and the same body twice.
func FuzzHandler(f *testing.F) {
	raw, _ := os.ReadFile("../testdata/real/hongze-2024-layout.txt")
	docx, _ := os.ReadFile("../testdata/files/hongze-2024.docx")
	f.Add("POST", "/v1/check?name=a.txt&severity=warning", "text/plain; charset=utf-8", raw)
	f.Add("POST", "/v1/check", "application/json", []byte(`{"text": "一、总体情况", "previous": "\u0000"}`))
	f.Add("POST", "/v1/check", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx)
	f.Add("POST", "/v1/check", "text/html; charset=gbk", []byte("<meta charset=gbk><table><tr><td>\xb9\xe6\xd5\xc2<td>1"))
	f.Add("OPTIONS", "/v1/check", "", []byte(nil))
	f.Add("GET", "/v1/rules?x=%zz", "", []byte(nil))
	h := New(Config{})
	f.Fuzz(func(t *testing.T, method, target, ctype string, body []byte) {
		if !validMethod(method) || !strings.HasPrefix(target, "/") || len(body) > MaxBodyBytes+1 {
			return // net/http would not send these
		}
		req, err := http.NewRequest(method, "http://h"+target, bytes.NewReader(body))
		if err != nil {
			return
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("%s %s (%q): %d %s", method, target, ctype, w.Code, w.Body)
		}
		if w.Code != 204 && !json.Valid(w.Body.Bytes()) {
			t.Fatalf("%s %s: not JSON: %.200s", method, target, w.Body)
		}
	})
}

func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for _, c := range m {
		if !(c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// A check over its work budget is stopped and answered 503 over-budget
// with Retry-After; every shared report fits the default budget twenty
// times over, and the worst shape of the 2 MiB limit (a million one-line
// paragraphs) is stopped.
func TestOverBudget(t *testing.T) {
	raw := fixtures(t)["testdata/real/hongze-2024-layout.txt"]
	small := New(Config{MaxSteps: 1000})
	w := do(small, "POST", "/v1/check", "text/plain", raw)
	e := wantError(t, w, 503, core.OverBudget)
	if ra := w.Header().Get("Retry-After"); ra != fmt.Sprint(RetryAfterSeconds) {
		t.Errorf("Retry-After %q", ra)
	}
	if !strings.Contains(e.Error.Message, "nianbao check") {
		t.Errorf("message does not say where it can be checked: %s", e.Error.Message)
	}
	// The previous year's report counts against the same budget.
	half := New(Config{MaxSteps: 150_000})
	if w := do(half, "POST", "/v1/check", "text/plain", raw); w.Code != 200 {
		t.Fatalf("one report under 150,000 steps: %d %s", w.Code, w.Body)
	}
	req, _ := json.Marshal(map[string]string{"text": string(raw), "previous": string(raw)})
	wantError(t, do(half, "POST", "/v1/check", "application/json", req), 503, core.OverBudget)
	// No budget at all.
	if w := do(New(Config{MaxSteps: -1}), "POST", "/v1/check", "text/plain", raw); w.Code != 200 {
		t.Fatalf("unbounded: %d", w.Code)
	}

	tight := New(Config{MaxSteps: DefaultMaxSteps / 20})
	for name, raw := range fixtures(t) {
		w := do(tight, "POST", "/v1/check?name="+url.QueryEscape(name), "text/plain", raw)
		if w.Code != 200 {
			t.Errorf("%s: %d under a twentieth of the default budget", name, w.Code)
			continue
		}
		if got := w.Body.Bytes(); !bytes.Equal(got, want(t, name, raw, core.Options{Env: native.Env()})) {
			t.Errorf("%s: a budget changed the answer", name)
		}
	}
	lines := bytes.Repeat([]byte("a\n"), (MaxBodyBytes-16)/2)
	wantError(t, do(New(Config{}), "POST", "/v1/check", "text/plain", lines), 503, core.OverBudget)
}

// TestRequestHeaders: the answer depends on no request header outside
// RequestHeaders (the Worker passes Go only those): every route and
// method, with and without allowed origins, gives the same answer with
// all of a browser's and Cloudflare's headers as with those alone.
func TestRequestHeaders(t *testing.T) {
	report, err := os.ReadFile("../testdata/seeds/000_bcc88cd11fb35c2f.txt")
	if err != nil {
		t.Fatal(err)
	}
	extra := map[string]string{
		"Accept": "application/json", "Accept-Encoding": "gzip, br", "Accept-Language": "zh-CN,zh;q=0.9",
		"Access-Control-Request-Headers": "content-type", "Authorization": "Bearer x", "Cache-Control": "no-cache",
		"Cdn-Loop": "cloudflare", "Cf-Connecting-Ip": "203.0.113.9", "Cf-Ipcountry": "CN", "Cf-Ray": "8f00000000000000-HKG",
		"Cf-Visitor": `{"scheme":"https"}`, "Cookie": "a=b", "If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT",
		"If-None-Match": `"x"`, "Range": "bytes=0-10", "Referer": "https://example.org/", "User-Agent": "Mozilla/5.0",
		"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https", "X-Real-Ip": "203.0.113.9", "X-Http-Method-Override": "GET",
	}
	type req struct {
		method, target, ctype, origin, acrm string
		body                                []byte
	}
	var reqs []req
	for _, origin := range []string{"", "https://allowed.example", "https://other.example"} {
		for _, acrm := range []string{"", "POST"} {
			reqs = append(reqs,
				req{"POST", "/v1/check?name=x", "text/plain; charset=utf-8", origin, acrm, report},
				req{"POST", "/v1/check", "application/json", origin, acrm, jsonBody(t, map[string]string{"text": string(report)})},
				req{"POST", "/v1/check?severity=none", "text/plain", origin, acrm, report},
				req{"POST", "/v1/check", "image/png", origin, acrm, []byte("x")},
				req{"OPTIONS", "/v1/check", "", origin, acrm, nil},
				req{"GET", "/v1/check", "", origin, acrm, nil},
				req{"GET", "/v1/rules", "", origin, acrm, nil},
				req{"HEAD", "/v1/rules", "", origin, acrm, nil},
				req{"GET", "/", "", origin, acrm, nil},
				req{"GET", "/nowhere", "", origin, acrm, nil},
			)
		}
	}
	for _, cfg := range []Config{{}, {AllowedOrigins: []string{"https://allowed.example"}}, {AllowedOrigins: []string{"*"}}} {
		h := New(cfg)
		for _, q := range reqs {
			answer := func(all bool) *httptest.ResponseRecorder {
				var hdr []string
				if q.origin != "" {
					hdr = append(hdr, "Origin", q.origin)
				}
				if q.acrm != "" {
					hdr = append(hdr, "Access-Control-Request-Method", q.acrm)
				}
				if all {
					for k, v := range extra {
						hdr = append(hdr, k, v)
					}
				}
				return do(h, q.method, q.target, q.ctype, q.body, hdr...)
			}
			a, b := answer(true), answer(false)
			if a.Code != b.Code || !reflect.DeepEqual(a.Header(), b.Header()) || !bytes.Equal(a.Body.Bytes(), b.Body.Bytes()) {
				t.Errorf("%v %s %s origin %q: the answer depends on headers outside RequestHeaders:\n%d %v %.200s\n%d %v %.200s",
					cfg.AllowedOrigins, q.method, q.target, q.origin, a.Code, a.Header(), a.Body, b.Code, b.Header(), b.Body)
			}
		}
	}
}
