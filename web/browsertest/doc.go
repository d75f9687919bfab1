// Package browsertest tests nianbao's web page in a real headless Chromium
// (Debian's chromium, driven by chromedp). The tests carry the build tag
// "browser" so that a plain `go test ./...` needs no browser:
//
//	go run ./cmd/build && go test -tags browser -count=1 ./web/browsertest/
//
// scripts/test-page installs chromium, builds the page and runs them. It
// also unpacks Chromium 80, 88 and 109 (kernels of 360, 奇安信 and other
// browsers on government PCs) into .cache/old-chromium/ and names them in
// NIANBAO_OLD_CHROMIUM ("80=path 88=path …"), for TestOldChromium; without
// it that test is skipped. With those old builds only part of chromedp
// works: their tests keep to it (waitJS instead of chromedp.Poll, mouse
// clicks at coordinates instead of chromedp.Click, the old command for
// network emulation).
// Screenshots of the main states go to dist/screenshots/.
package browsertest
