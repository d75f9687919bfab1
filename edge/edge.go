// Package edge is nianbao's HTTP API: the checker behind three small
// endpoints, as a plain net/http Handler. The Cloudflare Worker
// (cmd/worker) serves it through github.com/syumai/workers; the tests
// here run it with net/http/httptest. See docs/worker.md.
//
//	POST /v1/check   the report as text/plain (UTF-8) or JSON {"text", "name", ...};
//	                 answers core.Result.JSON(), byte for byte what
//	                 `nianbao check --format json` prints for the same text and name
//	GET  /v1/rules   the rule ledger
//	GET  /healthz    status and checker version
//
// Every error is JSON {"error": {"code": "...", "message": "..."}} with a
// stable code and a Chinese message. The report text is never logged or
// kept: it lives only in the request that carries it.
package edge

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/input/native"
	"github.com/nianbao/nianbao/core/rules"
)

const (
	// MaxBodyBytes is the largest request body accepted (2 MiB). Real
	// reports are 6–40 KB; larger bodies get 413 before any work.
	MaxBodyBytes = 2 << 20
	// DefaultSourceName is the report's "source" when the request names
	// none (no "name" field, no ?name=).
	DefaultSourceName = "<请求>"
	// MaxNameChars bounds the source name a request may give.
	MaxNameChars = 256
	// DefaultMaxSteps is each check's work budget (core.Options.MaxSteps)
	// unless Config.MaxSteps says otherwise. A real report of 6–40 KB
	// takes 0.1–0.5 million steps; in workerd a step costs about 30 ns on
	// a 2-core VM, so the budget holds a check to about 0.4 s. Text of
	// 2 MiB takes 17–90 million steps and is stopped (a million short
	// lines before any work: core forecasts the least a check costs). The
	// Worker serves one check at a time per isolate (cmd/worker/worker.mjs),
	// so this bounds how long a request holds up the others.
	DefaultMaxSteps = 12_000_000
	// RetryAfterSeconds is the Retry-After of a 503.
	RetryAfterSeconds = 30
)

// Config is what a deployment may change.
type Config struct {
	// AllowedOrigins lists the browser origins (scheme://host[:port]) that
	// may call the API across origins (CORS). "*" allows every origin.
	// Empty (the default) allows none: no CORS headers are sent, and a
	// request carrying an Origin header is refused with 403.
	AllowedOrigins []string
	// Logf receives a line for internal errors only (a recovered panic,
	// with its stack but never the request body). Nil: discard.
	Logf func(format string, args ...any)
	// MaxSteps is each check's work budget (core.Options.MaxSteps): a
	// check over it is stopped and answered 503 over-budget. 0 means
	// DefaultMaxSteps; negative means no budget.
	MaxSteps int64
}

// Handler is the API. Create it with New; it is safe for concurrent use
// and keeps no state between requests.
type Handler struct {
	anyOrigin bool
	origins   map[string]bool
	logf      func(string, ...any)
	maxSteps  int64                                                                            // core.Options.MaxSteps
	checkFn   func(name string, raw []byte, opts core.Options) (core.Report, *core.InputError) // core.Check; tests swap it

	rulesJSON []byte
	indexJSON []byte
}

// New builds the handler. The rule ledger and the health answer are
// encoded once here.
func New(cfg Config) *Handler {
	h := &Handler{origins: map[string]bool{}, logf: cfg.Logf, checkFn: core.Check, maxSteps: cfg.MaxSteps}
	switch {
	case h.maxSteps == 0:
		h.maxSteps = DefaultMaxSteps
	case h.maxSteps < 0:
		h.maxSteps = 0
	}
	for _, o := range cfg.AllowedOrigins {
		if o == "*" {
			h.anyOrigin = true
			continue
		}
		h.origins[o] = true
	}
	checker := core.NewResult().Checker
	h.rulesJSON = rulesJSON(checker, core.Rules())
	h.indexJSON = indexJSON(checker, map[string]string{
		"POST /v1/check": "检查一份政府信息公开工作年度报告：正文为 UTF-8 纯文本（text/plain），或 JSON {\"text\": \"…\", \"name\": \"…\"}",
		"GET /v1/rules":  "全部检查规则、级别和依据",
		"GET /healthz":   "服务状态和检查器版本",
	})
	return h
}

// ParseOrigins reads the ALLOWED_ORIGINS setting: origins separated by
// commas or spaces, each "*" or scheme://host[:port] (a trailing slash is
// dropped, scheme and host are lower-cased). It returns the good ones and
// the entries it could not use, so the caller can report them.
func ParseOrigins(s string) (good, bad []string) {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		if f == "*" {
			good = append(good, f)
			continue
		}
		u, err := url.Parse(strings.TrimSuffix(f, "/"))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			bad = append(bad, f)
			continue
		}
		good = append(good, strings.ToLower(u.Scheme+"://"+u.Host))
	}
	return good, bad
}

// RequestHeaders are the only request headers the handler reads
// (TestRequestHeaders): the Worker passes these to Go and no others, since
// each header costs about 10 µs of CPU to bring into Go, and Cloudflare
// adds a dozen of its own to every request.
var RequestHeaders = []string{"Content-Type", "Content-Length", "Origin", "Access-Control-Request-Method"}

// apiError is the body of every error answer.
type apiError struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
}

// route is one path: the methods it serves (besides OPTIONS) and how.
type route struct {
	methods string // for Allow, without OPTIONS
	serve   func(h *Handler, w http.ResponseWriter, r *http.Request)
}

var routes = map[string]route{
	"/":         {"GET, HEAD", (*Handler).index},
	"/v1/check": {"POST", (*Handler).check},
	"/v1/rules": {"GET, HEAD", (*Handler).ledger},
	"/healthz":  {"GET, HEAD", (*Handler).health},
}

func (h *Handler) index(w http.ResponseWriter, r *http.Request) {
	h.static(w, r, h.indexJSON, "public, max-age=300")
}

func (h *Handler) ledger(w http.ResponseWriter, r *http.Request) {
	h.static(w, r, h.rulesJSON, "public, max-age=300")
}

// Health is the answer of GET /healthz.
type Health struct {
	Status       string       `json:"status"` // "ok"
	Checker      core.Checker `json:"checker"`
	MaxBodyBytes int          `json:"max_body_bytes"`
	Memory       Memory       `json:"memory"`
}

// Memory is the Go runtime's memory in this instance (in the Worker: one
// instance per isolate, so these show whether it stays flat over time).
type Memory struct {
	// TotalBytes is all memory the Go runtime has mapped (in WebAssembly,
	// the linear memory, which never shrinks).
	TotalBytes uint64 `json:"go_total_bytes"`
	// HeapLiveBytes is the heap found live by the last garbage collection.
	HeapLiveBytes uint64 `json:"go_heap_live_bytes"`
}

func readMemory() Memory {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	var m Memory
	if s[0].Value.Kind() == metrics.KindUint64 {
		m.TotalBytes = s[0].Value.Uint64()
	}
	if s[1].Value.Kind() == metrics.KindUint64 {
		m.HeapLiveBytes = s[1].Value.Uint64()
	}
	return m
}

func (h *Handler) health(w http.ResponseWriter, r *http.Request) {
	h.static(w, r, healthJSON(Health{"ok", core.NewResult().Checker, MaxBodyBytes, readMemory()}), "no-store")
}

// ServeHTTP answers one request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	wrote := false
	tw := &trackingWriter{ResponseWriter: w, wrote: &wrote}
	defer func() {
		if v := recover(); v != nil {
			if h.logf != nil {
				// The panic value's type only: its text could quote the
				// input; the route only when it is one of ours (a path or
				// query could name the report).
				route := "(other path)"
				if _, ok := routes[r.URL.Path]; ok {
					route = r.URL.Path
				}
				h.logf("nianbao: internal error (%T) on %s %s\n%s", v, r.Method, route, debug.Stack())
			}
			if !wrote {
				h.fail(tw, http.StatusInternalServerError, "internal", "服务内部错误，检查未完成。请稍后重试；如反复出现，请把报告文件交给维护人员排查。", 0)
			}
		}
	}()
	w = tw
	w.Header().Set("X-Content-Type-Options", "nosniff")

	rt, ok := routes[r.URL.Path]
	if !ok {
		h.corsHeaders(w, r)
		h.fail(w, http.StatusNotFound, "not-found", fmt.Sprintf("没有这个地址：%s。可用的接口：POST /v1/check、GET /v1/rules、GET /healthz。", clip(r.URL.Path, 100)), 0)
		return
	}
	allow := rt.methods + ", OPTIONS"
	if origin := r.Header.Get("Origin"); origin != "" && !h.originAllowed(origin) {
		h.fail(w, http.StatusForbidden, "origin-not-allowed", fmt.Sprintf("不允许来自 %s 的网页调用本接口（跨域）。如需开放，请由管理员在 ALLOWED_ORIGINS 中加入该来源。", clip(origin, 100)), 0)
		return
	}
	h.corsHeaders(w, r)
	if r.Method == http.MethodOptions {
		w.Header().Set("Allow", allow)
		if r.Header.Get("Origin") != "" && r.Header.Get("Access-Control-Request-Method") != "" {
			w.Header().Set("Access-Control-Allow-Methods", allow)
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
			w.Header().Set("Access-Control-Max-Age", "86400")
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if !hasMethod(rt.methods, r.Method) {
		w.Header().Set("Allow", allow)
		h.fail(w, http.StatusMethodNotAllowed, "method-not-allowed", fmt.Sprintf("%s 不支持 %s 方法，请用 %s。", r.URL.Path, clip(r.Method, 20), rt.methods), 0)
		return
	}
	rt.serve(h, w, r)
}

func hasMethod(list, m string) bool {
	for _, x := range strings.Split(list, ", ") {
		if x == m {
			return true
		}
	}
	return false
}

func (h *Handler) originAllowed(origin string) bool {
	return h.anyOrigin || h.origins[strings.ToLower(origin)]
}

// corsHeaders marks a response readable by an allowed browser origin.
func (h *Handler) corsHeaders(w http.ResponseWriter, r *http.Request) {
	if h.anyOrigin {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		return
	}
	if len(h.origins) == 0 {
		return
	}
	w.Header().Add("Vary", "Origin")
	if o := r.Header.Get("Origin"); o != "" && h.origins[strings.ToLower(o)] {
		w.Header().Set("Access-Control-Allow-Origin", o)
	}
}

func (h *Handler) static(w http.ResponseWriter, r *http.Request, body []byte, cache string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", cache)
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// checkRequest is the JSON form of POST /v1/check.
type checkRequest struct {
	Text     *string `json:"text"`     // the report, required
	Name     *string `json:"name"`     // the report's "source"; DefaultSourceName when absent
	Severity *string `json:"severity"` // "error", "warning" or "info": drop findings below it
	Previous *string `json:"previous"` // last year's report, for the year-on-year rules
}

func (h *Handler) check(w http.ResponseWriter, r *http.Request) {
	kind, charset, msg := bodyKind(r.Header.Get("Content-Type"))
	if kind == "" {
		h.fail(w, http.StatusUnsupportedMediaType, "unsupported-media-type", msg, 0)
		return
	}
	if r.ContentLength > MaxBodyBytes {
		h.fail(w, http.StatusRequestEntityTooLarge, "too-large", tooLarge(r.ContentLength), 0)
		return
	}
	var body []byte
	if r.Body != nil {
		var err error
		body, err = io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes+1))
		if err != nil {
			h.fail(w, http.StatusBadRequest, "bad-body", "未能读完请求正文（连接中断或正文不完整），请重新提交。", 0)
			return
		}
		if len(body) > MaxBodyBytes {
			h.fail(w, http.StatusRequestEntityTooLarge, "too-large", tooLarge(-1), 0)
			return
		}
	}

	q := r.URL.Query()
	name, severity := DefaultSourceName, q.Get("severity")
	if q.Has("name") {
		name = q.Get("name")
	}
	opts := core.Options{Env: native.Env(), MaxSteps: h.maxSteps}
	raw := body
	if kind != "json" {
		opts.Kind = input.Kind(kind)
	}
	if charset != "" {
		text, err := native.Decode(charset, body)
		if err != nil {
			h.fail(w, http.StatusUnprocessableEntity, "encoding", "请求声明为 "+strings.ToUpper(charset)+" 编码，但正文不是该编码的文字。", 0)
			return
		}
		raw = []byte(text)
	}
	if kind == "json" {
		req, code, msg := decodeJSON(body)
		if code != "" {
			h.fail(w, http.StatusBadRequest, code, msg, 0)
			return
		}
		raw = []byte(*req.Text)
		if req.Name != nil {
			name = *req.Name
		}
		if req.Severity != nil {
			severity = *req.Severity
		}
		if req.Previous != nil && *req.Previous != "" {
			prev, ierr := core.Decode([]byte(*req.Previous), native.Env())
			if ierr != nil {
				h.fail(w, inputStatus(ierr.Code), ierr.Code, "上年报告（previous）："+ierr.Message, ierr.Line)
				return
			}
			opts.Previous = prev
		}
	}
	if msg := checkName(name); msg != "" {
		h.fail(w, http.StatusBadRequest, "bad-name", msg, 0)
		return
	}
	if severity != "" {
		if _, ok := rules.ParseSeverity(severity); !ok {
			h.fail(w, http.StatusBadRequest, "bad-severity", fmt.Sprintf("severity 只能是 error、warning 或 info，不能是 %q。", clip(severity, 20)), 0)
			return
		}
		opts.MinSeverity = severity
	}

	rep, ierr := h.checkFn(name, raw, opts)
	if ierr != nil && ierr.Code == core.OverBudget {
		h.fail(w, http.StatusServiceUnavailable, ierr.Code, overBudgetMessage, 0)
		return
	}
	if ierr != nil {
		h.fail(w, inputStatus(ierr.Code), ierr.Code, ierr.Message, ierr.Line)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(core.NewResult(rep).JSON())
}

// bodyKind tells how to read the body from its Content-Type: "json", or
// an input kind ("text", "markdown", "html", "docx"), with the charset
// a text body declares; or "" with the reason for a 415. A request
// without a Content-Type is taken as text.
func bodyKind(ct string) (kind, charset, msg string) {
	if strings.TrimSpace(ct) == "" {
		return "text", "", ""
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return "", "", fmt.Sprintf("无法识别的 Content-Type：%q。%s", clip(ct, 100), acceptedTypes)
	}
	switch mt {
	case "text/plain":
		kind = "text"
	case "text/markdown":
		kind = "markdown"
	case "text/html", "application/xhtml+xml":
		kind = "html"
	case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
		return "docx", "", ""
	case "application/json":
		kind = "json"
	case "application/pdf":
		return "", "", "本接口不读取 PDF。请用命令行 nianbao check 文件.pdf 检查，或提交报告的文字、网页或 .docx。"
	case "application/msword":
		return "", "", "本接口不读取旧版 Word 文档（.doc）。请用 Word/WPS“另存为”.docx 后提交。"
	default:
		return "", "", fmt.Sprintf("不支持的内容类型 %s。%s", clip(mt, 100), acceptedTypes)
	}
	cs := strings.ToLower(params["charset"])
	switch cs {
	case "", "utf-8", "utf8":
		return kind, "", ""
	case "gbk", "gb2312", "gb18030":
		if kind != "json" {
			return kind, "gb18030", ""
		}
	case "utf-16", "utf-16le", "utf-16be":
		if kind != "json" && kind != "html" {
			return kind, "", "" // the reader tells UTF-16 by its bytes
		}
	}
	if kind == "json" {
		return "", "", fmt.Sprintf("JSON 只接受 UTF-8 编码，不接受 charset=%s。", clip(cs, 40))
	}
	return "", "", fmt.Sprintf("不支持 charset=%s。请用 UTF-8、GBK/GB18030 或 UTF-16 编码提交。", clip(cs, 40))
}

// acceptedTypes ends the message of a 415.
const acceptedTypes = "请以 text/plain（报告文字，UTF-8、GBK 或 UTF-16 编码）、text/markdown、text/html（网页）、" +
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document（.docx）或 application/json（{\"text\": \"…\"}）提交；" +
	"用 curl 时请加 -H 'Content-Type: text/plain; charset=utf-8'。"

func decodeJSON(body []byte) (req checkRequest, code, msg string) {
	if !utf8.Valid(body) {
		return req, "bad-json", "请求正文不是 UTF-8 编码的 JSON。"
	}
	req, rest, err := readJSONRequest(body)
	if err != nil {
		return req, "bad-json", jsonMessage(err)
	}
	if rest {
		return req, "bad-json", "JSON 之后还有多余内容；请求正文应当只是一个对象 {\"text\": \"…\"}。"
	}
	if req.Text == nil {
		return req, "bad-json", "JSON 缺少 text 字段（报告正文，字符串）。格式：{\"text\": \"…\", \"name\": \"…\"}。"
	}
	return req, "", ""
}

func jsonMessage(err *jsonDecodeError) string {
	switch err.kind {
	case jsonErrEOF:
		return "请求正文为空，应当是 JSON 对象 {\"text\": \"…\", \"name\": \"…\"}。"
	case jsonErrSyntax:
		return fmt.Sprintf("JSON 格式错误（第 %d 字节附近）。格式：{\"text\": \"…\", \"name\": \"…\"}。", err.offset)
	case jsonErrType:
		if err.field == "" {
			return "请求正文应当是 JSON 对象 {\"text\": \"…\", \"name\": \"…\"}，不能是 " + err.value + "。"
		}
		return fmt.Sprintf("JSON 字段 %s 应当是字符串，不能是 %s。", err.field, err.value)
	case jsonErrUnknown:
		return fmt.Sprintf("JSON 含有未知字段 %s；可用的字段：text、name、severity、previous。", strconv.Quote(err.field))
	case jsonErrUnexpectedEOF:
		return "JSON 不完整（提前结束）。格式：{\"text\": \"…\", \"name\": \"…\"}。"
	}
	return "JSON 格式错误。格式：{\"text\": \"…\", \"name\": \"…\"}。"
}

// checkName accepts a source name of printable characters.
func checkName(name string) string {
	if !utf8.ValidString(name) {
		return "name 不是有效的 UTF-8 文字。"
	}
	if n := utf8.RuneCountInString(name); n > MaxNameChars {
		return fmt.Sprintf("name 太长（%d 个字符），最多 %d 个字符。", n, MaxNameChars)
	}
	for _, c := range name {
		if unicode.IsControl(c) {
			return "name 含有控制字符（如换行），请只用可见字符。"
		}
	}
	return ""
}

// inputStatus maps the core's input error codes to HTTP: an empty report
// is a bad request (400); a body that arrived whole but is not readable
// text (binary, not UTF-8) is unprocessable (422); too large is 413.
func inputStatus(code string) int {
	switch code {
	case "too-large":
		return http.StatusRequestEntityTooLarge
	case "binary", "encoding", "format", "unsupported":
		return http.StatusUnprocessableEntity
	case "internal":
		return http.StatusInternalServerError // a bug in the checker, not in the request
	case core.OverBudget:
		return http.StatusServiceUnavailable
	}
	return http.StatusBadRequest
}

func tooLarge(n int64) string {
	if n > 0 {
		// In bytes: "2.0 MB, the limit is 2 MB" says nothing.
		return fmt.Sprintf("请求正文过大：%s 字节，本接口上限 %s 字节（%d MB）。请只提交一份年度报告的正文。", grouped(n), grouped(MaxBodyBytes), MaxBodyBytes>>20)
	}
	return fmt.Sprintf("请求正文过大，超过本接口上限 %d MB。请只提交一份年度报告的正文。", MaxBodyBytes>>20)
}

// overBudgetMessage answers a check stopped by its work budget.
var overBudgetMessage = "这份文字结构异常（如数十万个极短的行），检查所需的计算量超过本接口单次检查的上限，已停止，未给出结果；服务本身正常。" +
	"原样重试仍会停止：请确认提交的是一份年度报告的正文；特大或结构异常的文件请用命令行 nianbao check 或离线网页检查（不受此限）。"

// grouped writes n with thousands separators: 2,097,153.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func (h *Handler) fail(w http.ResponseWriter, status int, code, msg string, line int) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", strconv.Itoa(RetryAfterSeconds))
	}
	w.WriteHeader(status)
	w.Write(errorJSON(code, msg, line))
}

// clip shortens what a client sent before quoting it back.
func clip(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// trackingWriter remembers whether a header was sent, so a recovered
// panic answers 500 only when it still can.
type trackingWriter struct {
	http.ResponseWriter
	wrote *bool
}

func (t *trackingWriter) WriteHeader(code int) {
	*t.wrote = true
	t.ResponseWriter.WriteHeader(code)
}

func (t *trackingWriter) Write(b []byte) (int, error) {
	*t.wrote = true
	return t.ResponseWriter.Write(b)
}
