//go:build workerd

// Package workerdtest tests the built Worker (dist/worker) in the real
// Workers runtime: scripts/test-worker starts workerd on 127.0.0.1 and runs
// this test binary against it; scripts/bench-worker runs TestBench.
//
//	NIANBAO_WORKER_URL      http://127.0.0.1:PORT of the running Worker (required)
//	NIANBAO_WORKERD_PID     workerd's process id, for CPU time and RSS from /proc
//	NIANBAO_ALLOWED_ORIGIN  the origin the test config puts in ALLOWED_ORIGINS
//	NIANBAO_CLI             a built cmd/nianbao, to compare with the command line
//	NIANBAO_LOAD_REQUESTS   load test size (default 2000), NIANBAO_LOAD_CONCURRENCY (default 8)
//	NIANBAO_CRASH_URL       the crashworker fixture served by the same worker.mjs (TestInstanceLifecycle)
//	NIANBAO_BENCH           "1": run only TestBench (sequential requests, CPU per request)
//
// Only loopback addresses are accepted: the tests never send a request
// anywhere else.
package workerdtest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/input/native"
	"github.com/nianbao/nianbao/edge"
)

var (
	base    string
	pid     int
	client  = &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	passed  atomic.Int64
	failed  atomic.Int64
	benchOn = os.Getenv("NIANBAO_BENCH") == "1"
)

func TestMain(m *testing.M) {
	base = strings.TrimSuffix(os.Getenv("NIANBAO_WORKER_URL"), "/")
	u, err := url.Parse(base)
	if base == "" || err != nil {
		fmt.Println("workerd tests: set NIANBAO_WORKER_URL (scripts/test-worker does)")
		os.Exit(2)
	}
	if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.IsLoopback() {
		fmt.Printf("workerd tests: refusing %s: only 127.0.0.1 / ::1\n", base)
		os.Exit(2)
	}
	pid, _ = strconv.Atoi(os.Getenv("NIANBAO_WORKERD_PID"))
	if err := waitReady(30 * time.Second); err != nil {
		fmt.Println("workerd tests:", err)
		os.Exit(2)
	}
	code := m.Run()
	if !benchOn {
		fmt.Printf("workerd: %d passed, %d failed\n", passed.Load(), failed.Load())
		if failed.Load() > 0 && code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

func waitReady(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		resp, err := client.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the Worker at %s did not answer /healthz within %s (last error: %v)", base, limit, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// check runs one counted case.
func check(t *testing.T, name string, fn func(t *testing.T)) {
	t.Helper()
	if t.Run(name, fn) {
		passed.Add(1)
	} else {
		failed.Add(1)
	}
}

func skipInBench(t *testing.T) {
	if benchOn {
		t.Skip("NIANBAO_BENCH=1: benchmark only")
	}
}

type fixture struct {
	name string // path from the repository root, as the command line prints it
	raw  []byte
	want []byte // core.NewResult(core.Check(name, raw)).JSON()
}

var (
	fixOnce sync.Once
	fixList []fixture
	fixErr  error
)

func fixtures(t testing.TB) []fixture {
	fixOnce.Do(func() {
		seeds, _ := filepath.Glob("../../testdata/seeds/*.txt")
		real, _ := filepath.Glob("../../testdata/real/*.txt")
		for _, f := range append(seeds, real...) {
			raw, err := os.ReadFile(f)
			if err != nil {
				fixErr = err
				return
			}
			name := strings.TrimPrefix(f, "../../")
			rep, ierr := core.Check(name, raw, core.Options{})
			if ierr != nil {
				fixErr = fmt.Errorf("%s: %v", name, ierr)
				return
			}
			fixList = append(fixList, fixture{name, raw, core.NewResult(rep).JSON()})
		}
		if len(fixList) < 10 {
			fixErr = fmt.Errorf("want the shared reports in testdata/seeds and testdata/real, found %d", len(fixList))
		}
	})
	if fixErr != nil {
		t.Fatal(fixErr)
	}
	return fixList
}

type answer struct {
	status int
	header http.Header
	body   []byte
}

func send(t testing.TB, method, path, ctype string, body io.Reader, hdr ...string) answer {
	t.Helper()
	a, err := sendErr(context.Background(), method, path, ctype, body, hdr...)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func sendErr(ctx context.Context, method, path, ctype string, body io.Reader, hdr ...string) (answer, error) {
	req, err := http.NewRequestWithContext(ctx, method, base+path, body)
	if err != nil {
		return answer{}, err
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		return answer{}, fmt.Errorf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{}, fmt.Errorf("%s %s: reading the answer: %v", method, path, err)
	}
	return answer{resp.StatusCode, resp.Header, b}, nil
}

// sendEarly posts a body the server may refuse before reading it all (a
// 413 on Content-Length). The server is then free to answer and close
// while the body is still being written, and an HTTP client may report
// the broken pipe instead of the answer; so the body is written from a
// goroutine on a plain connection and the answer is read regardless.
func sendEarly(t testing.TB, path, ctype string, body []byte, chunked bool) answer {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	head := "POST " + path + " HTTP/1.1\r\nHost: " + u.Host + "\r\nContent-Type: " + ctype + "\r\nConnection: close\r\n"
	if chunked {
		head += "Transfer-Encoding: chunked\r\n\r\n"
	} else {
		head += "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n"
	}
	go func() {
		// Errors are expected once the server has answered and closed.
		if _, err := io.WriteString(conn, head); err != nil {
			return
		}
		if !chunked {
			conn.Write(body)
			return
		}
		for len(body) > 0 {
			n := min(len(body), 64<<10)
			if _, err := fmt.Fprintf(conn, "%x\r\n%s\r\n", n, body[:n]); err != nil {
				return
			}
			body = body[n:]
		}
		io.WriteString(conn, "0\r\n\r\n")
	}()
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("POST %s: reading the answer: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("POST %s: reading the answer: %v", path, err)
	}
	return answer{resp.StatusCode, resp.Header, b}
}

func wantError(t *testing.T, a answer, status int, code string) {
	t.Helper()
	if a.status != status {
		t.Fatalf("status %d, want %d: %s", a.status, status, a.body)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var e struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(a.body, &e); err != nil {
		t.Fatalf("error answer is not JSON: %v: %s", err, a.body)
	}
	if e.Error.Code != code {
		t.Errorf("code %q, want %q (%s)", e.Error.Code, code, e.Error.Message)
	}
	han := false
	for _, r := range e.Error.Message {
		han = han || unicode.Is(unicode.Han, r)
	}
	if !han {
		t.Errorf("message %q is not Chinese", e.Error.Message)
	}
}

func TestFixturesSameAsCore(t *testing.T) {
	skipInBench(t)
	for _, f := range fixtures(t) {
		check(t, "text/"+f.name, func(t *testing.T) {
			a := send(t, "POST", "/v1/check?name="+url.QueryEscape(f.name), "text/plain; charset=utf-8", bytes.NewReader(f.raw))
			if a.status != 200 {
				t.Fatalf("status %d: %s", a.status, a.body)
			}
			if !bytes.Equal(a.body, f.want) {
				t.Fatalf("the Worker's answer differs from core.Result.JSON() (%d vs %d bytes):\n got %.200s\nwant %.200s", len(a.body), len(f.want), a.body, f.want)
			}
			if ct := a.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
		})
		check(t, "json/"+f.name, func(t *testing.T) {
			body, _ := json.Marshal(map[string]string{"text": string(f.raw), "name": f.name})
			a := send(t, "POST", "/v1/check", "application/json", bytes.NewReader(body))
			if a.status != 200 || !bytes.Equal(a.body, f.want) {
				t.Fatalf("status %d; answer equals core: %v", a.status, bytes.Equal(a.body, f.want))
			}
		})
	}
}

// Word documents and saved web pages (UTF-8 and GB18030) by their
// Content-Type: the same answer as core gives for the file.
func TestFilesSameAsCore(t *testing.T) {
	skipInBench(t)
	files, _ := filepath.Glob("../../testdata/files/*")
	n := 0
	for _, f := range files {
		ctype := map[string]string{
			".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
			".html": "text/html",
		}[filepath.Ext(f)]
		if ctype == "" {
			continue
		}
		n++
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		rep, ierr := core.Check(name, raw, core.Options{Env: native.Env()})
		if ierr != nil {
			t.Fatalf("%s: %v", name, ierr)
		}
		want := core.NewResult(rep).JSON()
		check(t, "file/"+name, func(t *testing.T) {
			a := send(t, "POST", "/v1/check?name="+url.QueryEscape(name), ctype, bytes.NewReader(raw))
			if a.status != 200 || !bytes.Equal(a.body, want) {
				t.Fatalf("status %d; the Worker's answer equals core's: %v\n%.300s", a.status, bytes.Equal(a.body, want), a.body)
			}
		})
	}
	if n < 10 {
		t.Fatalf("only %d .docx/.html files", n)
	}
}

// The command line and the Worker print the same bytes for the same file.
func TestFixturesSameAsCLI(t *testing.T) {
	skipInBench(t)
	cli := os.Getenv("NIANBAO_CLI")
	if cli == "" {
		t.Skip("NIANBAO_CLI not set")
	}
	for _, f := range fixtures(t) {
		check(t, "cli/"+f.name, func(t *testing.T) {
			cmd := exec.Command(cli, "check", "--format", "json", f.name)
			cmd.Dir = "../.."
			out, err := cmd.Output()
			if ee, ok := err.(*exec.ExitError); err != nil && !(ok && ee.ExitCode() == 1) {
				t.Fatalf("%s: %v", cli, err)
			}
			a := send(t, "POST", "/v1/check?name="+url.QueryEscape(f.name), "text/plain", bytes.NewReader(f.raw))
			if a.status != 200 || !bytes.Equal(a.body, out) {
				t.Fatalf("status %d; the Worker and `nianbao check --format json %s` differ", a.status, f.name)
			}
		})
	}
}

func TestOptions(t *testing.T) {
	skipInBench(t)
	f := fixtures(t)[len(fixtures(t))-1]
	check(t, "default-name", func(t *testing.T) {
		a := send(t, "POST", "/v1/check", "text/plain", bytes.NewReader(f.raw))
		rep, _ := core.Check(edge.DefaultSourceName, f.raw, core.Options{})
		if a.status != 200 || !bytes.Equal(a.body, core.NewResult(rep).JSON()) {
			t.Fatalf("status %d; want core's answer with source %q", a.status, edge.DefaultSourceName)
		}
	})
	check(t, "severity", func(t *testing.T) {
		a := send(t, "POST", "/v1/check?name=x&severity=warning", "text/plain", bytes.NewReader(f.raw))
		rep, _ := core.Check("x", f.raw, core.Options{MinSeverity: "warning"})
		if a.status != 200 || !bytes.Equal(a.body, core.NewResult(rep).JSON()) {
			t.Fatalf("status %d; want core's answer with MinSeverity warning", a.status)
		}
	})
	check(t, "spoofed-body-header", func(t *testing.T) {
		// worker.mjs lends bodies to Go under X-Nianbao-Body; a client's
		// own header of that name is dropped.
		a := send(t, "POST", "/v1/check?name="+url.QueryEscape(f.name), "text/plain", bytes.NewReader(f.raw), "X-Nianbao-Body", "1")
		if a.status != 200 || !bytes.Equal(a.body, f.want) {
			t.Fatalf("status %d; answer equals core: %v", a.status, bytes.Equal(a.body, f.want))
		}
		a = send(t, "POST", "/v1/check", "text/plain", nil, "X-Nianbao-Body", "2")
		wantError(t, a, 400, "empty")
	})
	check(t, "chunked-body", func(t *testing.T) {
		// No Content-Length: the body arrives chunked.
		a := send(t, "POST", "/v1/check?name="+url.QueryEscape(f.name), "text/plain", io.MultiReader(bytes.NewReader(f.raw[:len(f.raw)/2]), bytes.NewReader(f.raw[len(f.raw)/2:])))
		if a.status != 200 || !bytes.Equal(a.body, f.want) {
			t.Fatalf("status %d; answer equals core: %v", a.status, bytes.Equal(a.body, f.want))
		}
	})
}

func TestErrors(t *testing.T) {
	skipInBench(t)
	raw := fixtures(t)[0].raw
	gbk := []byte("\xb6\xfe\xa1\xa2\xd6\xf7\xb6\xaf\xb9\xab\xbf\xaa\xd5\xfe\xb8\xae\xd0\xc5\xcf\xa2\n")
	big := bytes.Repeat([]byte("年度报告\n"), edge.MaxBodyBytes/13+1)
	cases := []struct {
		name, method, path, ctype string
		body                      []byte
		status                    int
		code                      string
	}{
		{"empty", "POST", "/v1/check", "text/plain", nil, 400, "empty"},
		{"blank", "POST", "/v1/check", "text/plain", []byte("\n \n"), 400, "empty"},
		{"bad-json", "POST", "/v1/check", "application/json", []byte(`{"text": `), 400, "bad-json"},
		{"json-missing-text", "POST", "/v1/check", "application/json", []byte(`{"name": "a.txt"}`), 400, "bad-json"},
		{"json-unknown-field", "POST", "/v1/check", "application/json", []byte(`{"content": "a"}`), 400, "bad-json"},
		{"json-empty-text", "POST", "/v1/check", "application/json", []byte(`{"text": ""}`), 400, "empty"},
		{"bad-severity", "POST", "/v1/check?severity=x", "text/plain", raw, 400, "bad-severity"},
		{"bad-name", "POST", "/v1/check?name=a%0D%0Ab", "text/plain", raw, 400, "bad-name"},
		{"pdf-as-text", "POST", "/v1/check", "text/plain", []byte("%PDF-1.7\n\x00\x00\x01\x02"), 422, "unsupported"},
		{"pdf", "POST", "/v1/check", "application/pdf", []byte("%PDF-1.7\n\x00\x00\x01\x02"), 415, "unsupported-media-type"},
		{"broken-docx", "POST", "/v1/check", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", []byte("PK\x03\x04\x00"), 422, "format"},
		{"no-encoding", "POST", "/v1/check", "text/plain", []byte("\x80\x80\xff\xff\x80"), 422, "encoding"},
		{"not-gbk", "POST", "/v1/check", "text/plain; charset=gbk", []byte("\x80\x80\xff"), 422, "encoding"},
		{"form-urlencoded", "POST", "/v1/check", "application/x-www-form-urlencoded", raw, 415, "unsupported-media-type"},
		{"charset-latin1", "POST", "/v1/check", "text/plain; charset=latin1", gbk, 415, "unsupported-media-type"},
		{"GET-check", "GET", "/v1/check", "", nil, 405, "method-not-allowed"},
		{"POST-rules", "POST", "/v1/rules", "text/plain", raw, 405, "method-not-allowed"},
		{"PUT-healthz", "PUT", "/healthz", "text/plain", []byte("x"), 405, "method-not-allowed"},
		{"unknown-path", "GET", "/v1/nothing", "", nil, 404, "not-found"},
		{"unknown-path-post", "POST", "/check", "text/plain", raw, 404, "not-found"},
	}
	for _, c := range cases {
		check(t, c.name, func(t *testing.T) {
			var body io.Reader
			if c.body != nil {
				body = bytes.NewReader(c.body)
			}
			a := send(t, c.method, c.path, c.ctype, body)
			wantError(t, a, c.status, c.code)
			if c.status == 405 {
				if allow := a.header.Get("Allow"); !strings.Contains(allow, "OPTIONS") || strings.Contains(allow, c.method) {
					t.Errorf("Allow %q", allow)
				}
			}
		})
	}
	check(t, "too-large", func(t *testing.T) {
		// Refused on its Content-Length, before the body is read.
		wantError(t, sendEarly(t, "/v1/check", "text/plain", big, false), 413, "too-large")
	})
	check(t, "too-large-chunked", func(t *testing.T) {
		// No Content-Length: the Worker reads up to the limit and stops.
		wantError(t, sendEarly(t, "/v1/check", "text/plain", big, true), 413, "too-large")
	})
}

func TestEndpoints(t *testing.T) {
	skipInBench(t)
	check(t, "healthz", func(t *testing.T) {
		a := send(t, "GET", "/healthz", "", nil)
		var h struct {
			Status  string       `json:"status"`
			Checker core.Checker `json:"checker"`
		}
		if err := json.Unmarshal(a.body, &h); err != nil || a.status != 200 {
			t.Fatalf("%d %v %s", a.status, err, a.body)
		}
		if h.Status != "ok" || h.Checker.Version != core.Version {
			t.Fatalf("%+v, want status ok and version %s", h, core.Version)
		}
	})
	check(t, "head-healthz", func(t *testing.T) {
		a := send(t, "HEAD", "/healthz", "", nil)
		if a.status != 200 || len(a.body) != 0 {
			t.Fatalf("%d with %d body bytes", a.status, len(a.body))
		}
	})
	check(t, "rules", func(t *testing.T) {
		a := send(t, "GET", "/v1/rules", "", nil)
		var l struct {
			Checker core.Checker    `json:"checker"`
			Rules   []core.RuleInfo `json:"rules"`
		}
		if err := json.Unmarshal(a.body, &l); err != nil || a.status != 200 {
			t.Fatalf("%d %v", a.status, err)
		}
		want := core.Rules()
		if len(l.Rules) != len(want) {
			t.Fatalf("%d rules, core has %d", len(l.Rules), len(want))
		}
		for i := range want {
			if l.Rules[i] != want[i] {
				t.Fatalf("rule %d: %+v, want %+v", i, l.Rules[i], want[i])
			}
		}
	})
	check(t, "options-no-origin", func(t *testing.T) {
		a := send(t, "OPTIONS", "/v1/check", "", nil)
		if a.status != 204 || a.header.Get("Allow") != "POST, OPTIONS" {
			t.Fatalf("%d Allow %q", a.status, a.header.Get("Allow"))
		}
	})
}

func TestCORS(t *testing.T) {
	skipInBench(t)
	origin := os.Getenv("NIANBAO_ALLOWED_ORIGIN")
	if origin == "" {
		t.Skip("NIANBAO_ALLOWED_ORIGIN not set")
	}
	f := fixtures(t)[0]
	check(t, "preflight-allowed", func(t *testing.T) {
		a := send(t, "OPTIONS", "/v1/check", "", nil, "Origin", origin, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
		if a.status != 204 {
			t.Fatalf("status %d: %s", a.status, a.body)
		}
		for k, v := range map[string]string{
			"Access-Control-Allow-Origin":  origin,
			"Access-Control-Allow-Methods": "POST, OPTIONS",
			"Access-Control-Allow-Headers": "Content-Type",
			"Access-Control-Max-Age":       "86400",
		} {
			if got := a.header.Get(k); got != v {
				t.Errorf("%s = %q, want %q", k, got, v)
			}
		}
	})
	check(t, "post-allowed", func(t *testing.T) {
		a := send(t, "POST", "/v1/check?name="+url.QueryEscape(f.name), "application/json", strings.NewReader(mustJSON(map[string]string{"text": string(f.raw), "name": f.name})), "Origin", origin)
		if a.status != 200 || a.header.Get("Access-Control-Allow-Origin") != origin || !bytes.Equal(a.body, f.want) {
			t.Fatalf("status %d, ACAO %q", a.status, a.header.Get("Access-Control-Allow-Origin"))
		}
	})
	check(t, "preflight-refused", func(t *testing.T) {
		a := send(t, "OPTIONS", "/v1/check", "", nil, "Origin", "https://not-allowed.example", "Access-Control-Request-Method", "POST")
		wantError(t, a, 403, "origin-not-allowed")
		if a.header.Get("Access-Control-Allow-Origin") != "" {
			t.Error("refused origin got Access-Control-Allow-Origin")
		}
	})
	check(t, "post-refused", func(t *testing.T) {
		a := send(t, "POST", "/v1/check", "text/plain", bytes.NewReader(f.raw), "Origin", "https://not-allowed.example")
		wantError(t, a, 403, "origin-not-allowed")
	})
}

// TestInstanceLifecycle checks cmd/worker/worker.mjs itself with the
// crashworker fixture (edge/workerdtest/crashworker), which answers
// "INSTANCE-ID COUNT": one Go instance serves request after request; when
// the Go program exits (os.Exit, or a panic outside any handler) the
// request it was serving gets a 500 JSON answer at once, and the next
// request starts a new instance.
func TestInstanceLifecycle(t *testing.T) {
	skipInBench(t)
	crash := strings.TrimSuffix(os.Getenv("NIANBAO_CRASH_URL"), "/")
	if crash == "" {
		t.Skip("NIANBAO_CRASH_URL not set")
	}
	get := func(t *testing.T, path string) answer {
		t.Helper()
		req, _ := http.NewRequest("GET", crash+path, nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return answer{resp.StatusCode, resp.Header, b}
	}
	instance := func(t *testing.T) (id string, n int) {
		t.Helper()
		a := get(t, "/")
		f := strings.Fields(string(a.body))
		if a.status != 200 || len(f) != 2 {
			t.Fatalf("status %d: %s", a.status, a.body)
		}
		n, _ = strconv.Atoi(f[1])
		return f[0], n
	}
	var first string
	check(t, "instance-reused", func(t *testing.T) {
		id0, n0 := instance(t)
		for i := 1; i <= 20; i++ {
			id, n := instance(t)
			if id != id0 || n != n0+i {
				t.Fatalf("request %d: instance %s #%d, want %s #%d: a new Go instance per request", i, id, n, id0, n0+i)
			}
		}
		first = id0
	})
	for _, how := range []string{"exit", "panic"} {
		check(t, "instance-"+how, func(t *testing.T) {
			t0 := time.Now()
			a := get(t, "/"+how)
			if d := time.Since(t0); d > 10*time.Second {
				t.Errorf("the request caught by the exit took %s", d)
			}
			wantError(t, a, 500, "internal")
			id, n := instance(t)
			if id == first || n != 1 {
				t.Fatalf("after the Go program exited: instance %s #%d, want a new instance at #1", id, n)
			}
			first = id
		})
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// procCPU is workerd's user+system CPU time; procRSS its resident memory.
func procCPU(t testing.TB) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatalf("workerd's /proc stat: %v", err)
	}
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	ut, _ := strconv.ParseInt(fields[11], 10, 64)   // field 14 of stat
	st, _ := strconv.ParseInt(fields[12], 10, 64)   // field 15
	return time.Duration(ut+st) * time.Second / 100 // USER_HZ is 100 on Linux
}

// threadCPU is workerd's CPU time per thread (utime+stime of each
// /proc/PID/task/TID/stat). The request runs on one thread, the isolate's;
// V8's compiler and GC helpers and workerd's I/O run on others. Cloudflare
// bills the isolate's execution, so the busiest thread over a batch is the
// closer proxy of the billed CPU, and the whole process the upper bound.
func threadCPU(t testing.TB) map[string]time.Duration {
	dir := fmt.Sprintf("/proc/%d/task", pid)
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("workerd's threads: %v", err)
	}
	m := make(map[string]time.Duration, len(ents))
	for _, e := range ents {
		b, err := os.ReadFile(dir + "/" + e.Name() + "/stat")
		if err != nil {
			continue // the thread ended
		}
		s := string(b)
		fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
		ut, _ := strconv.ParseInt(fields[11], 10, 64)
		st, _ := strconv.ParseInt(fields[12], 10, 64)
		m[e.Name()] = time.Duration(ut+st) * time.Second / 100
	}
	return m
}

// busiest is the largest growth of one thread's CPU between two readings.
func busiest(before, after map[string]time.Duration) time.Duration {
	var most time.Duration
	for tid, d := range after {
		if g := d - before[tid]; g > most {
			most = g
		}
	}
	return most
}

func procRSS(t testing.TB) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatalf("workerd's /proc status: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			kb, _ := strconv.ParseInt(strings.Fields(line)[1], 10, 64)
			return kb << 10
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// job is one load-test request and what it must get back.
type job struct {
	method, path, ctype string
	body                []byte
	status              int
	want                []byte // nil: only the status is checked
}

func loadJobs(t testing.TB) []job {
	var jobs []job
	for i, f := range fixtures(t) {
		jobs = append(jobs, job{"POST", "/v1/check?name=" + url.QueryEscape(f.name), "text/plain; charset=utf-8", f.raw, 200, f.want})
		if i%4 == 0 {
			jobs = append(jobs, job{"POST", "/v1/check", "application/json", []byte(`{"text": `), 400, nil})
			jobs = append(jobs, job{"GET", "/healthz", "", nil, 200, nil})
		}
	}
	return jobs
}

type loadStats struct {
	n, bad   int
	firstBad string
	wall     time.Duration
	lat      []time.Duration
}

// runLoad sends n requests from jobs (round robin) with conc workers and
// stops by itself after n requests or the deadline.
func runLoad(t testing.TB, jobs []job, n, conc int, deadline time.Duration) loadStats {
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	var next atomic.Int64
	var mu sync.Mutex
	st := loadStats{n: n, lat: make([]time.Duration, 0, n)}
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				j := jobs[i%len(jobs)]
				var body io.Reader
				if j.body != nil {
					body = bytes.NewReader(j.body)
				}
				t0 := time.Now()
				a, err := sendErr(ctx, j.method, j.path, j.ctype, body)
				d := time.Since(t0)
				problem := ""
				switch {
				case err != nil:
					problem = err.Error()
				case a.status != j.status:
					problem = fmt.Sprintf("%s %s: status %d, want %d: %.200s", j.method, j.path, a.status, j.status, a.body)
				case j.want != nil && !bytes.Equal(a.body, j.want):
					problem = fmt.Sprintf("%s %s: answer differs from core (%d vs %d bytes)", j.method, j.path, len(a.body), len(j.want))
				}
				mu.Lock()
				st.lat = append(st.lat, d)
				if problem != "" {
					if st.bad == 0 {
						st.firstBad = problem
					}
					st.bad++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	st.wall = time.Since(start)
	if len(st.lat) < n {
		st.bad += n - len(st.lat)
		if st.firstBad == "" {
			st.firstBad = fmt.Sprintf("stopped after %s with %d of %d requests sent", deadline, len(st.lat), n)
		}
	}
	return st
}

func pct(lat []time.Duration, p float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), lat...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(p/100*float64(len(s))+0.5) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(s) {
		i = len(s) - 1
	}
	return s[i]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }

func goMemory(t testing.TB) edge.Memory {
	a := send(t, "GET", "/healthz", "", nil)
	var h edge.Health
	if err := json.Unmarshal(a.body, &h); err != nil || a.status != 200 {
		t.Fatalf("healthz: %d %v", a.status, err)
	}
	return h.Memory
}

func mb(b int64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }

// TestLoad: a bounded load at fixed concurrency over loopback. Every answer
// must be right (checks compared byte for byte with core), and memory must
// stay flat once the runtime has warmed up: workerd's RSS at the end at
// most 50% above its RSS after warm-up, and likewise the Go instance's
// memory. V8 keeps growing workerd's RSS for the first few thousand
// requests (code tiering, heap sizing; a plain JavaScript Worker does it
// too), so the warm-up runs in rounds of 500 until RSS grows by less than
// 5% in a round (at most NIANBAO_LOAD_WARMUP requests).
func TestLoad(t *testing.T) {
	skipInBench(t)
	if pid == 0 {
		t.Skip("NIANBAO_WORKERD_PID not set")
	}
	n := envInt("NIANBAO_LOAD_REQUESTS", 2000)
	conc := envInt("NIANBAO_LOAD_CONCURRENCY", 8)
	maxWarm := envInt("NIANBAO_LOAD_WARMUP", 10000)
	jobs := loadJobs(t)
	check(t, fmt.Sprintf("load-%dx%d", n, conc), func(t *testing.T) {
		start := procRSS(t)
		rss0, warmed := start, 0
		for warmed < maxWarm {
			w := runLoad(t, jobs, 500, conc, 2*time.Minute)
			if w.bad > 0 {
				t.Fatalf("warm-up: %d of %d requests failed; first: %s", w.bad, w.n, w.firstBad)
			}
			warmed += 500
			prev := rss0
			rss0 = procRSS(t)
			if float64(rss0-prev) < 0.05*float64(prev) {
				break
			}
		}
		mem0, cpu0 := goMemory(t), procCPU(t)
		st := runLoad(t, jobs, n, conc, 4*time.Minute)
		rss1, cpu1, mem1 := procRSS(t), procCPU(t), goMemory(t)
		growth := float64(rss1-rss0) / float64(rss0) * 100
		goGrowth := float64(int64(mem1.TotalBytes)-int64(mem0.TotalBytes)) / float64(mem0.TotalBytes) * 100
		fmt.Printf("load: %d requests at concurrency %d, %d failed: %.0f requests/s; latency p50 %s, p90 %s, p99 %s, max %s; workerd CPU %s per request\n",
			n, conc, st.bad, float64(len(st.lat))/st.wall.Seconds(),
			ms(pct(st.lat, 50)), ms(pct(st.lat, 90)), ms(pct(st.lat, 99)), ms(pct(st.lat, 100)),
			ms((cpu1-cpu0)/time.Duration(len(st.lat))))
		fmt.Printf("memory: workerd RSS %s at start, %s after %d warm-up requests, %s at the end (%+.1f%%); Go instance %s → %s (%+.1f%%), live heap %s → %s\n",
			mb(start), mb(rss0), warmed, mb(rss1), growth,
			mb(int64(mem0.TotalBytes)), mb(int64(mem1.TotalBytes)), goGrowth, mb(int64(mem0.HeapLiveBytes)), mb(int64(mem1.HeapLiveBytes)))
		if st.bad > 0 {
			t.Errorf("%d of %d requests failed; first: %s", st.bad, n, st.firstBad)
		}
		if growth > 50 {
			t.Errorf("workerd's RSS grew by %.1f%% (%d → %d bytes): memory is not flat", growth, rss0, rss1)
		}
		if goGrowth > 50 {
			t.Errorf("the Go instance's memory grew by %.1f%% (%d → %d bytes): memory is not flat", goGrowth, mem0.TotalBytes, mem1.TotalBytes)
		}
	})
	// After the load the Worker still answers, and correctly.
	check(t, "after-load", func(t *testing.T) {
		f := fixtures(t)[0]
		a := send(t, "POST", "/v1/check?name="+url.QueryEscape(f.name), "text/plain", bytes.NewReader(f.raw))
		if a.status != 200 || !bytes.Equal(a.body, f.want) {
			t.Fatalf("status %d", a.status)
		}
	})
}

// TestBench (NIANBAO_BENCH=1, run by scripts/bench-worker): sequential
// requests, one at a time, so that workerd's CPU time divided by the
// number of requests is the CPU cost of one request.
func TestBench(t *testing.T) {
	if !benchOn {
		t.Skip("set NIANBAO_BENCH=1 (scripts/bench-worker)")
	}
	if pid == 0 {
		t.Fatal("NIANBAO_WORKERD_PID not set")
	}
	label := os.Getenv("NIANBAO_BENCH_LABEL")
	n := envInt("NIANBAO_BENCH_REQUESTS", 300)
	fx := fixtures(t)
	var checks []job
	plainJS := os.Getenv("NIANBAO_BENCH_JS") == "1" // the floor: a JavaScript Worker that answers 200 to anything
	for _, f := range fx {
		want := f.want
		if plainJS {
			want = nil
		}
		checks = append(checks, job{"POST", "/v1/check?name=" + url.QueryEscape(f.name), "text/plain; charset=utf-8", f.raw, 200, want})
	}
	rejected := job{"POST", "/v1/check?severity=none", "text/plain; charset=utf-8", fx[0].raw, 400, nil}
	if plainJS {
		rejected.status = 200
	}
	for _, c := range []struct {
		what string
		jobs []job
	}{
		{"POST /v1/check (the 12 shared reports, 6–11 KB)", checks},
		{"POST /v1/check, 400 before checking", []job{rejected}},
		{"GET /healthz", []job{{"GET", "/healthz", "", nil, 200, nil}}},
	} {
		// Warm-up: V8 compiles hot WebAssembly functions again, optimised,
		// during the first few hundred requests.
		if w := runLoad(t, c.jobs, envInt("NIANBAO_BENCH_WARMUP", 300), 1, 2*time.Minute); w.bad > 0 {
			t.Fatalf("%s warm-up: %s", c.what, w.firstBad)
		}
		// CPU per request: median over batches of len(jobs) requests, so
		// each batch covers every report once.
		batch := len(c.jobs) * ((40 + len(c.jobs) - 1) / len(c.jobs))
		var perReq, isolate []time.Duration
		var lat []time.Duration
		for done := 0; done < n; done += batch {
			cpu0, th0 := procCPU(t), threadCPU(t)
			st := runLoad(t, c.jobs, batch, 1, time.Minute)
			cpu1, th1 := procCPU(t), threadCPU(t)
			if st.bad > 0 {
				t.Fatalf("%s: %s", c.what, st.firstBad)
			}
			perReq = append(perReq, (cpu1-cpu0)/time.Duration(batch))
			isolate = append(isolate, busiest(th0, th1)/time.Duration(batch))
			lat = append(lat, st.lat...)
		}
		var total time.Duration
		for _, d := range perReq {
			total += d
		}
		fmt.Printf("%-14s %-48s CPU/request median %s, mean %s, isolate's thread median %s | latency p50 %s, p90 %s, p99 %s (%d requests, one at a time)\n",
			label, c.what, ms(pct(perReq, 50)), ms(total/time.Duration(len(perReq))), ms(pct(isolate, 50)), ms(pct(lat, 50)), ms(pct(lat, 90)), ms(pct(lat, 99)), len(lat))
	}
}

// sendRaw sends one request written by hand (what net/http would refuse
// to send) and reads the answer.
func sendRaw(t testing.TB, req string) answer {
	t.Helper()
	u, _ := url.Parse(base)
	conn, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.WriteString(conn, strings.ReplaceAll(req, "HOST", u.Host)); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, resp.Header, b}
}

// Malformed requests get a 4xx with a JSON error, never a 500, and
// nothing of their URL reaches the Worker's log.
func TestProbes(t *testing.T) {
	skipInBench(t)
	for _, c := range []struct{ name, req string }{
		{"bad escape in path", "POST /v1/check%zz?name=SECRET1 HTTP/1.1\r\nHost: HOST\r\nContent-Type: text/plain\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx"},
		{"bad escape in query", "POST /v1/check?name=%zzSECRET2 HTTP/1.1\r\nHost: HOST\r\nContent-Type: text/plain\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx"},
		{"bad host", "GET /healthz?SECRET3 HTTP/1.1\r\nHost: exa mple%zz\r\nConnection: close\r\n\r\n"},
		{"options star", "OPTIONS * HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n"},
		{"absolute form", "GET http://evil.example/v1/rules?SECRET4 HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n"},
		{"dot segments", "GET /v1/../../etc/passwd?SECRET5 HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n"},
		{"NUL in path", "GET /v1/rules%00?SECRET6 HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n"},
	} {
		check(t, "probe/"+c.name, func(t *testing.T) {
			a := sendRaw(t, c.req)
			if a.status >= 500 {
				t.Fatalf("status %d: %s", a.status, a.body)
			}
			if a.status < 400 && c.name != "absolute form" && c.name != "dot segments" {
				t.Errorf("status %d for a malformed request", a.status)
			}
			if a.status >= 400 && len(a.body) > 0 && !bytes.Contains(a.body, []byte(`"error"`)) && a.header.Get("Content-Type") == "application/json; charset=utf-8" {
				t.Errorf("not a JSON error: %s", a.body)
			}
		})
	}
	if log := os.Getenv("NIANBAO_WORKERD_LOG"); log != "" {
		b, _ := os.ReadFile(log)
		if bytes.Contains(b, []byte("SECRET")) {
			t.Errorf("the request's URL reached the log:\n%s", b)
		}
	}
}

// The worst bodies of the 2 MiB limit (one heading, one sub-heading or
// one table row repeated, a label and a million numbers, pipe rows) each
// get a bounded answer, and the Go instance's memory (its WebAssembly
// linear memory, which never shrinks) stays under 64 MB: Cloudflare stops
// an isolate at 128 MB.
func TestHostileMemory(t *testing.T) {
	skipInBench(t)
	fill := func(head, unit string) []byte {
		n := (edge.MaxBodyBytes - len(head) - 16) / len(unit)
		return []byte(head + strings.Repeat(unit, n))
	}
	bodies := []struct {
		name string
		body []byte
	}{
		{"headings", fill("", "一、总体情况\n")},
		{"subs", fill("", "（一）主动公开\n")},
		{"numbers", fill("一、本年新收政府信息公开申请数量 ", "1 ")},
		{"rows", fill("三、收到和处理政府信息公开申请情况\n", "（一）予以公开\t1\t2\t3\t4\t5\t6\t21\n")},
		{"pipes", fill("", "| 规章 | 0 | 0 | 0 |\n")},
		{"fused", fill("一、本年新收政府信息公开申请数量", "1234567890")},
		// Over the step budget: a bounded 503 (edge.DefaultMaxSteps).
		{"lines", fill("", "a\n")},
		{"md-tables", fill("", "|a|b|\n|-|-|\n")},
	}
	for _, b := range bodies {
		check(t, "hostile/"+b.name, func(t *testing.T) {
			t0 := time.Now()
			a := send(t, "POST", "/v1/check?name="+b.name, "text/plain", bytes.NewReader(b.body))
			took := time.Since(t0)
			if p := heavyOK(a); p != "" {
				t.Fatal(p)
			}
			answer := fmt.Sprintf("%d %s", a.status, core.OverBudget)
			if a.status == 200 {
				var res core.Result
				if err := json.Unmarshal(a.body, &res); err != nil || len(res.Reports) != 1 {
					t.Fatalf("not a result: %v", err)
				}
				if n := len(res.Reports[0].Findings); n > 400 || len(a.body) > 1<<20 {
					t.Errorf("%d findings, %d bytes", n, len(a.body))
				}
				answer = fmt.Sprintf("%3d findings (%d folded)", len(res.Reports[0].Findings), res.Reports[0].Omitted)
			}
			h := send(t, "GET", "/healthz", "", nil)
			var health edge.Health
			if err := json.Unmarshal(h.body, &health); err != nil {
				t.Fatal(err)
			}
			fmt.Printf("hostile %-9s %4.1f MB: %-24s answer %6d B in %s; Go memory %.1f MB, live heap %.1f MB\n",
				b.name, float64(len(b.body))/(1<<20), answer, len(a.body), ms(took),
				float64(health.Memory.TotalBytes)/(1<<20), float64(health.Memory.HeapLiveBytes)/(1<<20))
			if health.Memory.TotalBytes > 64<<20 {
				t.Errorf("the Go instance holds %.1f MB", float64(health.Memory.TotalBytes)/(1<<20))
			}
		})
	}
}
