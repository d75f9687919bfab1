//go:build js && wasm

package main

import (
	"bytes"
	"io"
	"net/http"
	"runtime"
	"syscall/js"
)

// bodyHeader carries the id under which worker.mjs keeps a request's body.
// worker.mjs removes any such header a client sends before adding its own.
const bodyHeader = "X-Nianbao-Body"

// jsBody gives the handler the request body that worker.mjs has already
// read (at most edge.MaxBodyBytes+1 bytes), taken synchronously through
// binding.takeBody(id). syumai/workers would instead read the body stream
// from Go with one JavaScript promise per chunk, and each such read leaves
// a js.Func behind (its unused "catch" callback is never released): about
// 250 bytes of Go heap and a JavaScript function per request, without end
// in an instance that serves every request of its isolate.
func jsBody(binding js.Value, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(bodyHeader)
		r.Header.Del(bodyHeader)
		if id != "" {
			if v := binding.Call("takeBody", id); v.Truthy() {
				b := make([]byte, v.Get("byteLength").Int())
				js.CopyBytesToGo(b, v)
				r.Body = io.NopCloser(bytes.NewReader(b))
				r.ContentLength = int64(len(b))
			}
		}
		if r.Body == nil {
			r.Body = http.NoBody
		}
		next.ServeHTTP(w, r)
		if r.ContentLength > heavyBody {
			// Collect now, while almost nothing is live: the next large
			// check then reuses this one's memory instead of growing
			// the instance's, which WebAssembly never gives back
			// (edge/workerdtest TestMixed: 65 MB without, after heavy
			// bodies back to back).
			runtime.GC()
		}
	})
}

// heavyBody is the body size above which a request is followed by a
// garbage collection (a few ms with a small live heap).
const heavyBody = 256 << 10
