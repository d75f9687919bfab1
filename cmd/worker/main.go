//go:build js && wasm

// Command worker is nianbao's Cloudflare Worker: the edge package's
// http.Handler served by github.com/syumai/workers. scripts/build-worker
// builds it into dist/worker/ with the entry module worker.mjs (this
// directory), which keeps one Go instance per isolate. See docs/worker.md.
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"syscall/js"

	"github.com/syumai/workers"

	"github.com/nianbao/nianbao/edge"
)

func main() {
	// The entry module passes the Worker's env and, with "reuse": true,
	// asks this instance to stay alive and serve every request of its
	// isolate; it then reads request bodies itself (jsBody) and takes
	// answers whole (buffered). syumai's own glue passes no "reuse": then
	// the instance serves one request the stock way and exits (kept for
	// scripts/bench-worker's comparison).
	rc := js.Global().Get("context")
	origins, bad := edge.ParseOrigins(envString(rc, "ALLOWED_ORIGINS"))
	if len(bad) > 0 {
		fmt.Fprintf(os.Stderr, "nianbao: ALLOWED_ORIGINS: ignoring %q (want * or scheme://host[:port])\n", bad)
	}
	h := edge.New(edge.Config{
		AllowedOrigins: origins,
		Logf:           func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) },
	})
	if rc.Truthy() && rc.Get("reuse").Truthy() {
		// A check allocates about 0.5 MB and keeps almost nothing, so the
		// live heap stays at a few MB; collecting at 5× live instead of 2×
		// saves about 10% CPU per check for some MB of the isolate's 128.
		debug.SetGCPercent(400)
		// The isolate is stopped at 128 MB, and WebAssembly memory never
		// shrinks: the Go runtime collects harder as its memory nears this
		// limit, so the worst body of the 2 MiB limit stays under 64 MB
		// (edge/workerdtest TestHostileMemory).
		debug.SetMemoryLimit(memoryLimit)
		binding := rc.Get("binding")
		binding.Set("maxBodyBytes", edge.MaxBodyBytes)
		names := make([]any, len(edge.RequestHeaders))
		for i, h := range edge.RequestHeaders {
			names[i] = strings.ToLower(h)
		}
		binding.Set("requestHeaders", names)
		workers.ServeNonBlock(jsBody(binding, buffered(h)))
		workers.Ready()
		select {}
	}
	workers.Serve(h)
}

// memoryLimit is the Go runtime's soft memory limit in the Worker.
const memoryLimit = 32 << 20

// envString reads a Worker variable (a wrangler [vars] entry or a
// workerd text binding); "" when unset or not a string.
func envString(rc js.Value, name string) string {
	if !rc.Truthy() {
		return ""
	}
	env := rc.Get("env")
	if !env.Truthy() {
		return ""
	}
	v := env.Get(name)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}
