// Package browsertest tests nianbao's web page in a real headless Chromium
// (Debian's chromium, driven by chromedp). The tests carry the build tag
// "browser" so that a plain `go test ./...` needs no browser:
//
//	go run ./cmd/build && go test -tags browser -count=1 ./web/browsertest/
//
// scripts/test-page installs chromium, builds the page and runs them.
// Screenshots of the main states go to dist/screenshots/.
package browsertest
