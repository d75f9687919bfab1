//go:build js && wasm

// Command crashworker is a test fixture for cmd/worker/worker.mjs, the
// entry module that keeps one Go instance per isolate: served by that
// module in workerd (scripts/test-worker), it tells which instance
// answered and can make its Go program exit in the middle of a request,
// so edge/workerdtest can check that the instance is reused, that a
// request caught by the exit gets a 500 answer at once, and that the next
// request starts a new instance.
package main

import (
	"fmt"
	"net/http"
	"os"
	"strconv"
	"syscall/js"
	"time"

	"github.com/syumai/workers"
)

func main() {
	id := strconv.FormatInt(time.Now().UnixNano(), 36)
	binding := js.Global().Get("context").Get("binding")
	binding.Set("maxBodyBytes", 1<<20)
	var n int
	workers.ServeNonBlock(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/exit":
			os.Exit(3)
		case "/panic":
			go func() { panic("crashworker: panic outside any handler") }()
			select {}
		}
		n++
		fmt.Fprintf(w, "%s %d", id, n)
	}))
	workers.Ready()
	select {}
}
