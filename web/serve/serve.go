// Package serve serves the built site (dist/site) for scripts/serve and the
// browser tests: static files with the right types, the page's
// Content-Security-Policy as a header too, gzip when the client takes it,
// and no caching by the browser's HTTP cache (the service worker keeps the
// offline copy; a rebuilt page is seen at once).
package serve

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".wasm":        "application/wasm",
	".svg":         "image/svg+xml",
	".webmanifest": "application/manifest+json",
	".json":        "application/json",
}

// Handler serves dir. The CSP header comes from dir/site.json, written by
// cmd/build.
func Handler(dir string) http.Handler {
	csp := ""
	if b, err := os.ReadFile(filepath.Join(dir, "site.json")); err == nil {
		var meta struct{ CSP string }
		if json.Unmarshal(b, &meta) == nil {
			csp = meta.CSP
		}
	}
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := r.URL.Path
		if strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		h := w.Header()
		if t, ok := types[filepath.Ext(name)]; ok {
			h.Set("Content-Type", t)
		}
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		if csp != "" {
			h.Set("Content-Security-Policy", csp)
		}
		if name == "/sw.js" {
			h.Set("Service-Worker-Allowed", "/")
		}
		if r.Method == http.MethodGet && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && compressible(name) {
			h.Set("Content-Encoding", "gzip")
			h.Add("Vary", "Accept-Encoding")
			gz := gzip.NewWriter(w)
			defer gz.Close()
			files.ServeHTTP(gzipWriter{ResponseWriter: w, w: gz}, r)
			return
		}
		files.ServeHTTP(w, r)
	})
}

func compressible(name string) bool {
	switch filepath.Ext(name) {
	case ".html", ".js", ".css", ".wasm", ".svg", ".webmanifest", ".json":
		return true
	}
	return false
}

type gzipWriter struct {
	http.ResponseWriter
	w io.Writer
}

func (g gzipWriter) WriteHeader(code int) {
	g.ResponseWriter.Header().Del("Content-Length")
	if code != http.StatusOK {
		g.ResponseWriter.Header().Del("Content-Encoding")
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g gzipWriter) Write(b []byte) (int, error) {
	g.ResponseWriter.Header().Del("Content-Length")
	return g.w.Write(b)
}
