//go:build workerd

package workerdtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/edge"
)

// heavyBodies are the slowest text bodies of the 2 MiB limit: a million
// one-line paragraphs (over the step budget: 503), pipe tables and
// headings (under it: a result).
func heavyBodies() []struct {
	name string
	body []byte
} {
	fill := func(head, unit string) []byte {
		n := (edge.MaxBodyBytes - len(head) - 16) / len(unit)
		return []byte(head + strings.Repeat(unit, n))
	}
	return []struct {
		name string
		body []byte
	}{
		{"lines", fill("", "a\n")},
		{"md-tables", fill("", "|a|b|\n|-|-|\n")},
		{"headings", fill("", "一、总体情况\n")},
	}
}

// heavyOK: a heavy body gets a result, or is stopped by the step budget
// (503 over-budget), or finds Go busy (503 busy); all with Retry-After
// when 503.
func heavyOK(a answer) string {
	switch a.status {
	case 200:
		var res core.Result
		if err := json.Unmarshal(a.body, &res); err != nil || len(res.Reports) != 1 {
			return fmt.Sprintf("200 but not a result: %v", err)
		}
		return ""
	case 503:
		var e struct {
			Error struct{ Code, Message string }
		}
		if err := json.Unmarshal(a.body, &e); err != nil {
			return "503 not JSON"
		}
		if e.Error.Code != core.OverBudget && e.Error.Code != "busy" || !hasHanText(e.Error.Message) {
			return fmt.Sprintf("503 %s %q", e.Error.Code, e.Error.Message)
		}
		if a.header.Get("Retry-After") == "" {
			return "503 without Retry-After"
		}
		return ""
	}
	return fmt.Sprintf("status %d: %.200s", a.status, a.body)
}

func hasHanText(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// TestMixed: ordinary reports (every answer byte for byte core's) sent
// at concurrency 4, alone and then with two clients sending the heavy
// bodies without pause; then a burst of 200 at once. Prints the ordinary
// reports' latency percentiles (scripts/test-worker shows them; compare
// a build of main by pointing NIANBAO_WORKER_URL at it) and checks that
// the Go instance stays under 64 MB. No timed assertion: the numbers
// depend on the machine.
func TestMixed(t *testing.T) {
	skipInBench(t)
	n := envInt("NIANBAO_MIXED_REQUESTS", 200)
	jobs := fixtureJobs(t)
	check(t, "mixed/alone", func(t *testing.T) {
		st := runLoad(t, jobs, n, 4, 4*time.Minute)
		report(t, "ordinary alone, concurrency 4", st)
	})
	check(t, "mixed/heavy", func(t *testing.T) {
		ctx, stop := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		var heavyN, heavyBad atomic.Int64
		var heavyFirst atomic.Value
		var heavyMu sync.Mutex
		heavyCodes := map[string]int{}
		var heavyLat []time.Duration
		hb := heavyBodies()
		for c := 0; c < 2; c++ {
			wg.Add(1)
			go func(c int) {
				defer wg.Done()
				for i := c; ctx.Err() == nil; i++ {
					b := hb[i%len(hb)]
					t0 := time.Now()
					a, err := sendErr(context.Background(), "POST", "/v1/check?name="+b.name, "text/plain", bytes.NewReader(b.body))
					d := time.Since(t0)
					problem := ""
					if err != nil {
						problem = err.Error()
					} else {
						problem = heavyOK(a)
					}
					heavyN.Add(1)
					if problem != "" {
						if heavyBad.Add(1) == 1 {
							heavyFirst.Store(b.name + ": " + problem)
						}
						continue
					}
					heavyMu.Lock()
					heavyCodes[fmt.Sprintf("%s %d", b.name, a.status)]++
					heavyLat = append(heavyLat, d)
					heavyMu.Unlock()
				}
			}(c)
		}
		time.Sleep(200 * time.Millisecond) // the heavy ones first
		st := runLoad(t, jobs, n, 4, 4*time.Minute)
		stop()
		wg.Wait()
		report(t, "ordinary with 2 clients sending heavy 2 MiB bodies", st)
		fmt.Printf("  heavy: %d sent, %d wrong; latency p50 %s, max %s; answers %v\n",
			heavyN.Load(), heavyBad.Load(), ms(pct(heavyLat, 50)), ms(pct(heavyLat, 100)), heavyCodes)
		if heavyBad.Load() > 0 {
			t.Errorf("%d heavy answers wrong; first: %v", heavyBad.Load(), heavyFirst.Load())
		}
	})
	check(t, "mixed/burst", func(t *testing.T) {
		st := runLoad(t, jobs, 200, 200, 4*time.Minute)
		report(t, "burst of 200 ordinary at once", st)
	})
	// 40 bodies of 2 MiB at once: more than the bodies worker.mjs holds
	// (24 MiB); each gets a bounded answer (a 503 over-budget, or busy
	// with Retry-After), and the isolate goes on serving.
	check(t, "mixed/flood", func(t *testing.T) {
		body := heavyBodies()[0].body
		var wg sync.WaitGroup
		var mu sync.Mutex
		codes := map[string]int{}
		for i := 0; i < 40; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a, err := sendErr(context.Background(), "POST", "/v1/check", "text/plain", bytes.NewReader(body))
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err != nil:
					codes["error: "+err.Error()]++
				case heavyOK(a) != "":
					codes["wrong: "+heavyOK(a)]++
				default:
					var e struct{ Error struct{ Code string } }
					json.Unmarshal(a.body, &e)
					codes[fmt.Sprintf("%d %s", a.status, e.Error.Code)]++
				}
			}()
		}
		wg.Wait()
		fmt.Printf("  40 bodies of 2 MiB at once: %v\n", codes)
		for k := range codes {
			if strings.HasPrefix(k, "error") || strings.HasPrefix(k, "wrong") {
				t.Errorf("%s", k)
			}
		}
		f := fixtures(t)[0]
		if a := send(t, "POST", "/v1/check?name="+url.QueryEscape(f.name), "text/plain", bytes.NewReader(f.raw)); a.status != 200 || !bytes.Equal(a.body, f.want) {
			t.Fatalf("after the flood: %d", a.status)
		}
	})
	check(t, "mixed/memory", func(t *testing.T) {
		m := goMemory(t)
		fmt.Printf("  Go instance after the mixed load: %s, live heap %s\n", mb(int64(m.TotalBytes)), mb(int64(m.HeapLiveBytes)))
		if m.TotalBytes > 64<<20 {
			t.Errorf("the Go instance holds %s", mb(int64(m.TotalBytes)))
		}
	})
}

func fixtureJobs(t testing.TB) []job {
	var jobs []job
	for _, f := range fixtures(t) {
		jobs = append(jobs, job{"POST", "/v1/check?name=" + url.QueryEscape(f.name), "text/plain; charset=utf-8", f.raw, 200, f.want})
	}
	return jobs
}

func report(t *testing.T, label string, st loadStats) {
	t.Helper()
	fmt.Printf("mixed: %-52s %4d requests in %6.2f s, %d failed; latency p50 %s, p90 %s, p99 %s, max %s\n",
		label, len(st.lat), st.wall.Seconds(), st.bad, ms(pct(st.lat, 50)), ms(pct(st.lat, 90)), ms(pct(st.lat, 99)), ms(pct(st.lat, 100)))
	if st.bad > 0 {
		t.Errorf("%d of %d requests failed; first: %s", st.bad, st.n, st.firstBad)
	}
}
