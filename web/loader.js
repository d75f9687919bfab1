// nianbao page loader: starts the Go checker (WebAssembly) and nothing else;
// all page logic is in Go (../wasm). Two ways in:
//  - the single offline file carries the wasm as base64(gzip) in chunks
//    after this script, fed to the compiler as the parser reads them
//    (inlineWasm; no network: the page's CSP is connect-src 'none');
//  - the served site fetches app.wasm from its own origin and registers a
//    service worker (sw.js) so later visits work offline.
(function () {
  "use strict";
  var t = (window.nianbaoTimings = { start: performance.now() });
  function fail(msg) {
    var s = document.getElementById("status");
    if (s) { s.textContent = msg; s.className = "status alert"; }
    document.body.setAttribute("data-state", "error");
  }
  markMissingFeatures();
  if (typeof WebAssembly !== "object" || typeof Go !== "function") {
    fail("此浏览器不支持 WebAssembly，无法运行检查器。请使用较新的 Chrome、Edge、Firefox、Safari 或 360、QQ 等浏览器的极速模式。");
    return;
  }
  window.addEventListener("nianbao-ready", function () { t.ready = performance.now(); });

  // Old kernels (Chromium 80–85 in 360, 奇安信 and other browsers) lack a
  // few CSS features; compat.css has fallbacks under these classes.
  function markMissingFeatures() {
    var html = document.documentElement, probe = document.createElement("div");
    probe.style.display = "flex";
    probe.style.flexDirection = "column";
    probe.style.rowGap = "1px";
    probe.appendChild(document.createElement("div"));
    probe.appendChild(document.createElement("div"));
    html.appendChild(probe);
    if (probe.scrollHeight !== 1) html.className += " no-flex-gap"; // Chromium 84
    html.removeChild(probe);
    try {
      document.querySelector(":focus-visible");
    } catch (e) {
      html.className += " no-focus-visible"; // Chromium 86
    }
  }

  function bytesFromBase64(s) {
    if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(s);
    var bin = atob(s), n = bin.length, out = new Uint8Array(n);
    for (var i = 0; i < n; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  // inlineWasm compiles the offline file's wasm. cmd/build puts it after
  // this script as base64(gzip) in <template>s, each followed by a script
  // that calls nianbaoFeed: every chunk goes into the inflating, compiling
  // stream as soon as the parser has read it, so the checker compiles while
  // the parser still reads the rest. el (<template id="wasm-gz">) says how
  // many chunks there are.
  function inlineWasm(el) {
    if (typeof DecompressionStream !== "function") {
      return Promise.reject(new Error("此浏览器不支持 DecompressionStream，请升级浏览器（Chrome/Edge 80 以上、Firefox 113 以上、Safari 16.4 以上）。"));
    }
    var total = +el.getAttribute("data-chunks"), parts = [], ctrl, done;
    var fed = new Promise(function (resolve) { done = resolve; });
    var body = new ReadableStream({ start: function (c) { ctrl = c; } });
    window.nianbaoFeed = function () {
      var s = document.currentScript, h = s && s.previousElementSibling;
      if (!h || parts.length >= total) return;
      var holder = h.content || h; // a <template>'s text is in its content
      var gz = bytesFromBase64(holder.textContent); // both decoders skip whitespace
      holder.textContent = "";
      parts.push(gz);
      ctrl.enqueue(gz);
      if (parts.length === total) {
        t.decoded = performance.now();
        ctrl.close();
        done();
      }
    };
    function inflate(s) { return s.pipeThrough(new DecompressionStream("gzip")); }
    function whole() {
      return fed.then(function () {
        return new Response(inflate(new Blob(parts).stream())).arrayBuffer();
      }).then(function (buf) {
        t.inflated = performance.now();
        return WebAssembly.instantiate(buf, go.importObject);
      });
    }
    if (!WebAssembly.instantiateStreaming) return whole();
    // Compile while inflating; fall back to inflating first.
    var res = new Response(inflate(body), { headers: { "Content-Type": "application/wasm" } });
    return WebAssembly.instantiateStreaming(res, go.importObject).then(function (r) {
      t.inflated = t.decoded; // overlapped with compiling
      parts = null;
      return r;
    }, whole);
  }

  function servedWasm() {
    var req = fetch("app.wasm");
    if (WebAssembly.instantiateStreaming) {
      return WebAssembly.instantiateStreaming(req, go.importObject).catch(function () {
        return fetch("app.wasm").then(function (r) { return r.arrayBuffer(); })
          .then(function (b) { return WebAssembly.instantiate(b, go.importObject); });
      });
    }
    return req.then(function (r) { return r.arrayBuffer(); })
      .then(function (b) { return WebAssembly.instantiate(b, go.importObject); });
  }

  var go = new Go();
  var el = document.getElementById("wasm-gz");
  var restarts = 0;
  // run starts the checker; if the Go program ever stops (a fatal error,
  // such as running out of memory on a huge text), a fresh instance of the
  // same compiled module starts in its place, told not to check the text
  // that stopped it (nianbaoRestarted), up to three times a page.
  function run(module, instance) {
    go.run(instance).then(function () {
      if (restarts >= 3) {
        fail("检查器多次意外停止。请刷新页面后重试；若反复出现，请把报告文字反馈给维护者。");
        return;
      }
      restarts++;
      window.nianbaoRestarted = restarts;
      // The stopped program's event handlers can no longer run: a copy of
      // the page without them (the paste area keeps its text) is what the
      // new instance wires up.
      document.body.replaceWith(document.body.cloneNode(true));
      go = new Go();
      WebAssembly.instantiate(module, go.importObject).then(function (inst) { run(module, inst); },
        function (e) { fail("检查器重新启动失败：" + (e && e.message ? e.message : e) + "。请刷新页面。"); });
    });
  }
  // Once the checker is compiled, no page needs eval(), a new script (but
  // pdf.js, below) or a new WebAssembly module (a restart instantiates the compiled module, it
  // compiles nothing): script-src 'none' is added, in every browser, before
  // the checker runs and any text can be pasted. In old kernels this takes
  // back the 'unsafe-eval' that compiling needed there (see csp.js). The
  // served site's service worker stays allowed by worker-src.
  // One script stays allowed, by its hash: pdf.js, which web/pdfread.js
  // runs when the first PDF is opened (cmd/build puts its hash here; the
  // page's own policy lists it too). No eval() even for it: pdf.js is
  // told not to use it (isEvalSupported: false).
  function lockScripts() {
    var m = document.createElement("meta");
    m.httpEquiv = "Content-Security-Policy";
    m.content = "script-src " + "'none'" /* pdf.js */ + "; worker-src 'self'";
    document.head.appendChild(m);
  }
  (el ? inlineWasm(el) : servedWasm()).then(function (res) {
    t.instantiated = performance.now();
    lockScripts();
    run(res.module, res.instance);
  }).catch(function (e) {
    lockScripts();
    fail("检查器加载失败：" + (e && e.message ? e.message : e));
  });

  if (!el && "serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
    navigator.serviceWorker.register("sw.js").catch(function () { /* works online without it */ });
  }
})();
