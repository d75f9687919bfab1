// Command serve serves the built page (dist/site) on 127.0.0.1 for use on
// this machine or a test. scripts/serve builds the page and runs it.
//
//	go run ./cmd/serve [-dir dist/site] [-addr 127.0.0.1:8787]
//
// The port can also come from $PORT.
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/nianbao/nianbao/web/serve"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("serve: ")
	port := os.Getenv("PORT")
	if port == "" {
		port = "8787"
	}
	dir := flag.String("dir", filepath.Join("dist", "site"), "directory to serve")
	addr := flag.String("addr", net.JoinHostPort("127.0.0.1", port), "address to listen on")
	flag.Parse()
	if _, err := os.Stat(filepath.Join(*dir, "index.html")); err != nil {
		log.Fatalf("%s has no index.html: build the page first (scripts/build-page)", *dir)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("年报检查 nianbao: http://%s/  (Ctrl-C to stop)", ln.Addr())
	srv := &http.Server{Handler: serve.Handler(*dir), ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}
